import { en } from '../src/renderer/i18n/en';
import { startWebShell } from '../src/main/web/server';
import { expect, SHELL, test } from './fixtures';
import { signInAs } from './pages/app';

// The browser shell's token arrives in the printed address. Once the page has it, it leaves
// the address bar and the history entry (a shoulder-surfer, a screenshot or a shared
// history would otherwise carry it), and a reload still reaches the desk.

test('the token leaves the address bar once the app has loaded, and a reload still works', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
});

// A desk restarted (kill -9, or stopped and started again) prints a new address: its token is
// new. An open tab is told so, plainly, instead of "Reconnecting…" forever.
test('a tab whose desk restarted says to open the new address, and the new address works', async ({ dataDir, browser }) => {
  test.skip(SHELL !== 'web', 'the browser shell only');
  let shell = await startWebShell({ dataDir, demo: false, port: 0 });
  const page = await browser.newPage();
  try {
    await page.goto(shell.url);
    await signInAs(page, 'Ava Martin');
    const port = shell.port;
    await shell.close();
    await expect(page.getByText(en['shell.reconnecting'])).toBeVisible();
    shell = await startWebShell({ dataDir, demo: false, port });
    await expect(page.getByRole('alert').filter({ hasText: en['shell.deskRestarted'] })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(en['shell.reconnecting'])).toBeHidden();
    await page.goto(shell.url);
    await expect(page.getByText(en['shell.deskRestarted'])).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] }).or(page.getByRole('navigation', { name: en['nav.label'] }))).toBeVisible();
  } finally {
    await page.close();
    await shell.close();
  }
});

// While the link is down, the banner saying so stays at the top of the window as the page
// scrolls. What Tab brings into view stops below it, as below the header: a field scrolled to
// the top stopped under the banner, hidden, the banner not counted in the scroll padding.
test('a field reached with Tab while the desk is unreachable stops below the Reconnecting banner, which stays under the header, at 1366 and 420 px', async ({ dataDir, browser }) => {
  test.skip(SHELL !== 'web', 'the browser shell only');
  test.setTimeout(60_000);
  const shell = await startWebShell({ dataDir, demo: false, port: 0 });
  const page = await browser.newPage({ viewport: { width: 1366, height: 700 } });
  try {
    await page.goto(shell.url);
    await signInAs(page, 'Omar Haddad');
    await page.evaluate(() => (window.location.hash = '#/admin/sla/calendar/iran-official'));
    const holidays = page.getByRole('region', { name: en['slaEdit.holidays'], exact: true });
    const name = (n: number) => holidays.getByRole('textbox', { name: en['slaEdit.holidayNameOf'].replace('{n}', String(n)), exact: true });
    await expect(name(40)).toBeAttached();
    await shell.close();
    const banner = page.getByRole('status').filter({ hasText: en['shell.reconnecting'] });
    await expect(banner).toBeVisible();
    for (const width of [1366, 420]) {
      await page.setViewportSize({ width, height: 700 });
      // From holiday 30's name, the page scrolled to its end: Shift+Tab goes up to its date,
      // which is scrolled back into view at the top.
      await name(30).evaluate((e) => (e as HTMLElement).focus({ preventScroll: true }));
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.keyboard.press('Shift+Tab');
      const top = await page.evaluate(() => document.activeElement?.getBoundingClientRect().top ?? -1);
      const { y, height } = (await banner.boundingBox())!;
      expect(top).toBeGreaterThanOrEqual(y + height);
      // The banner stays under the header: it covered the header's lookup field as the page scrolled.
      expect(y).toBeGreaterThanOrEqual((await page.locator('header').boundingBox())!.height);
    }
  } finally {
    await page.close();
    await shell.close();
  }
});
