import { en } from '../src/renderer/i18n/en';
import type { Browser, Page } from '@playwright/test';
import { startWebShell } from '../src/main/web/server';
import { expect, SHELL, test } from './fixtures';

// Two windows on one desk edit the same SLA policy. The later save is refused (it used to
// overwrite the other's fields, field by field) and says who saved meanwhile; the editor merges:
// the other's change to a field I left alone is taken in, mine to a field they left alone is
// kept, and the field we both changed is shown side by side for me to choose. Nothing typed is lost.

const targetLabel = (priority: string, target: string) => en['slaEdit.targetLabel'].replace('{priority}', priority).replace('{target}', target);
const shots = process.env.A3_SHOTS;

async function open(browser: Browser, url: string): Promise<Page> {
  const p = await browser.newPage();
  await p.goto(url);
  await p.getByRole('button', { name: /^Omar Haddad/ }).click();
  await expect(p.locator('#main h1')).toBeVisible();
  return p;
}

test('a policy saved over a newer save is refused, and the editor merges the two field by field', async ({ dataDir, browser }) => {
  test.skip(SHELL !== 'web', 'two windows on one desk: the browser shell only');
  test.setTimeout(60_000);
  const shell = await startWebShell({ dataDir, demo: false, port: 0 });
  try {
    const policyPage = '#/admin/sla/policy/government-premier';
    const mine = await open(browser, shell.url);
    const theirs = await open(browser, shell.url);
    for (const p of [mine, theirs]) await p.evaluate((hash) => (window.location.hash = hash), policyPage);
    const normalFirst = (p: Page) => p.getByRole('textbox', { name: targetLabel(en['priority.normal'], en['slaTarget.firstResponse']) });
    const atRisk = (p: Page) => p.getByRole('textbox', { name: en['slaEdit.atRisk'] });

    // Mine: at risk from 60 %, normal first response 45 minutes (typed, not saved yet).
    await atRisk(mine).fill('60');
    await normalFirst(mine).fill('45');
    // Theirs, saved first: a new name, normal first response 50 minutes.
    await theirs.getByRole('textbox', { name: en['slaEdit.name'] }).fill('Government premier (night shift)');
    await normalFirst(theirs).fill('50');
    await theirs.getByRole('button', { name: en['slaEdit.savePolicy'] }).click();
    await expect(theirs.getByRole('heading', { level: 1, name: en['slaSettings.title'] })).toBeVisible();

    // My save is refused, naming who saved; what I typed stays; the merge is shown.
    await expect(mine.getByRole('status').filter({ hasText: en['slaEdit.changedElsewhere'] })).toBeVisible();
    await mine.getByRole('button', { name: en['slaEdit.savePolicy'] }).click();
    await expect(mine.getByRole('alert').filter({ hasText: "Omar Haddad saved a newer version of this policy while you were editing it, changing the name, the normal priority's first response." })).toBeVisible();
    await expect(normalFirst(mine)).toHaveValue('45');
    const merge = mine.getByRole('region', { name: en['slaEdit.mergeHeading'] });
    await expect(merge).toContainText(`${en['slaEdit.name']}: Government premier (night shift)`);
    await expect(merge).toContainText(`${en['slaEdit.atRisk']}: 60%`);
    const both = merge.getByRole('radiogroup', { name: `${en['priority.normal']}: ${en['slaTarget.firstResponse']}` });
    await expect(both.getByRole('radio', { name: 'Yours: 45 m' })).toBeChecked();
    if (shots) {
      await mine.setViewportSize({ width: 1280, height: 1000 });
      await merge.scrollIntoViewIfNeeded();
      await mine.screenshot({ path: `${shots}/merge-en-wide-light.png` });
      await mine.emulateMedia({ colorScheme: 'dark' });
      await mine.setViewportSize({ width: 420, height: 1000 });
      await merge.scrollIntoViewIfNeeded();
      await mine.screenshot({ path: `${shots}/merge-en-420-dark.png` });
      await mine.emulateMedia({ colorScheme: 'light' });
      await mine.setViewportSize({ width: 1280, height: 900 });
    }
    await both.getByRole('radio', { name: 'Omar Haddad’s: 50 m' }).check();
    await merge.getByRole('button', { name: en['slaEdit.mergeApply'] }).click();
    await expect(merge).toHaveCount(0);
    await expect(normalFirst(mine)).toHaveValue('50');
    await expect(atRisk(mine)).toHaveValue('60');
    await expect(mine.getByRole('textbox', { name: en['slaEdit.name'] })).toHaveValue('Government premier (night shift)');
    await mine.getByRole('button', { name: en['slaEdit.savePolicy'] }).click();
    await expect(mine.getByRole('heading', { level: 1, name: en['slaSettings.title'] })).toBeVisible();
    await mine.evaluate((hash) => (window.location.hash = hash), policyPage);
    await expect(atRisk(mine)).toHaveValue('60');
    await expect(normalFirst(mine)).toHaveValue('50');
  } finally {
    await shell.close();
  }
});
