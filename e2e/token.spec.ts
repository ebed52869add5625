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
