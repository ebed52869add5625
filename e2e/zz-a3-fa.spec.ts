import { fa } from '../src/renderer/i18n/fa';
import type { Browser, Page } from '@playwright/test';
import { startWebShell } from '../src/main/web/server';
import { expect, test } from './fixtures';
import { signInInPersian } from './pages/app';

const shots = process.env.A3_SHOTS ?? '/tmp/a3-shots';
async function open(browser: Browser, url: string): Promise<Page> {
  const p = await browser.newPage();
  await p.goto(url);
  await signInInPersian(p, 'Omar Haddad');
  return p;
}

test('probe: merge in Persian', async ({ dataDir, browser }) => {
  test.setTimeout(90_000);
  const shell = await startWebShell({ dataDir, demo: false, port: 0 });
  try {
    const policyPage = '#/admin/sla/policy/government-premier';
    const mine = await open(browser, shell.url);
    const theirs = await open(browser, shell.url);
    for (const p of [mine, theirs]) await p.evaluate((hash) => (window.location.hash = hash), policyPage);
    const label = fa['slaEdit.targetLabel'].replace('{priority}', fa['priority.normal']).replace('{target}', fa['slaTarget.firstResponse']);
    const normalFirst = (p: Page) => p.getByRole('textbox', { name: label });
    await mine.getByRole('textbox', { name: fa['slaEdit.atRisk'] }).fill('60');
    await normalFirst(mine).fill('45');
    await theirs.getByRole('textbox', { name: fa['slaEdit.name'] }).fill('Government premier (night shift)');
    await normalFirst(theirs).fill('50');
    await theirs.getByRole('button', { name: fa['slaEdit.savePolicy'] }).click();
    await expect(theirs.getByRole('heading', { level: 1, name: fa['slaSettings.title'] })).toBeVisible();
    await mine.getByRole('button', { name: fa['slaEdit.savePolicy'] }).click();
    const merge = mine.getByRole('region', { name: fa['slaEdit.mergeHeading'] });
    await expect(merge).toBeVisible();
    await mine.setViewportSize({ width: 1280, height: 1000 });
    await merge.scrollIntoViewIfNeeded();
    await mine.screenshot({ path: `${shots}/merge-fa-wide-light.png` });
    await mine.emulateMedia({ colorScheme: 'dark' });
    await mine.setViewportSize({ width: 420, height: 1000 });
    await merge.scrollIntoViewIfNeeded();
    await mine.screenshot({ path: `${shots}/merge-fa-420-dark.png` });
  } finally {
    await shell.close();
  }
});
