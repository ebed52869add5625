import { en } from '../src/renderer/i18n/en';
import { fa } from '../src/renderer/i18n/fa';
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

// Holidays merge date by date: a holiday the other admin added is taken in, mine is kept, and
// only a date we both named differently is mine to choose (the whole list used to be one field:
// my save then had to pick their list or mine, and one admin's holiday was lost).
test('a calendar saved over a newer save merges its holidays date by date: both new holidays stay, one date named two ways is a choice', async ({ dataDir, browser }) => {
  test.skip(SHELL !== 'web', 'two windows on one desk: the browser shell only');
  test.setTimeout(90_000);
  const shell = await startWebShell({ dataDir, demo: false, port: 0 });
  try {
    const calendarPage = '#/admin/sla/calendar/std-weekdays';
    const mine = await open(browser, shell.url);
    const theirs = await open(browser, shell.url);
    for (const p of [mine, theirs]) await p.evaluate((hash) => (window.location.hash = hash), calendarPage);
    const addHoliday = async (p: Page, date: string, name: string) => {
      await p.getByRole('button', { name: en['slaEdit.addHoliday'] }).click();
      await p.getByRole('region', { name: en['slaEdit.holidays'], exact: true }).getByRole('textbox', { name: /^Name of holiday/ }).last().fill(name);
      await p.getByLabel(en['slaEdit.holidayDateOf'].replace('{name}', name), { exact: true }).fill(date);
    };
    // Mine (typed, not saved yet): 1 April, and 3 May as May Day.
    await addHoliday(mine, '2027-04-01', 'Staff day');
    await addHoliday(mine, '2027-05-03', 'May Day');
    // Theirs, saved first: Nowruz, and 3 May under another name.
    await addHoliday(theirs, '2027-03-21', 'Nowruz');
    await addHoliday(theirs, '2027-05-03', 'Early May bank holiday');
    await theirs.getByRole('button', { name: en['slaEdit.saveCalendar'] }).click();
    await expect(theirs.getByRole('heading', { level: 1, name: en['slaSettings.title'] })).toBeVisible();

    await mine.getByRole('button', { name: en['slaEdit.saveCalendar'] }).click();
    await expect(mine.getByRole('alert').filter({ hasText: 'changing the holiday on 2027-03-21, the holiday on 2027-05-03.' })).toBeVisible();
    const merge = mine.getByRole('region', { name: en['slaEdit.mergeHeading'] });
    // Each date as the reader writes dates.
    const holiday = (date: string) => en['slaEdit.mergeHoliday'].replace('{date}', `\u2068${date}\u2069`);
    await expect(merge).toContainText(`${holiday('Mar 21, 2027')}: Nowruz`);
    await expect(merge).toContainText(`${holiday('Apr 1, 2027')}: Staff day`);
    const both = merge.getByRole('radiogroup', { name: holiday('May 3, 2027') });
    await expect(both.getByRole('radio', { name: 'Yours: May Day' })).toBeChecked();
    await expect(merge.getByRole('radiogroup')).toHaveCount(1);
    if (shots) {
      for (const lang of ['en', 'fa'] as const) {
        if (lang === 'fa') {
          await mine.locator('nav button[aria-haspopup="menu"]').last().click();
          await mine.getByRole('menuitem', { name: en['language.fa'] }).click();
          await expect(mine.locator('html')).toHaveAttribute('dir', 'rtl');
        }
        for (const scheme of ['light', 'dark'] as const) {
          for (const width of [420, 1400]) {
            await mine.emulateMedia({ colorScheme: scheme });
            await mine.setViewportSize({ width, height: 1000 });
            const region = mine.getByRole('region', { name: (lang === 'fa' ? fa : en)['slaEdit.mergeHeading'] });
            await region.scrollIntoViewIfNeeded();
            await mine.screenshot({ path: `${shots}/holiday-merge-${lang}-${width}-${scheme}.png` });
          }
        }
      }
      await mine.locator('nav button[aria-haspopup="menu"]').last().click();
      await mine.getByRole('menuitem', { name: en['language.en'] }).click();
      await expect(mine.locator('html')).toHaveAttribute('dir', 'ltr');
      await mine.emulateMedia({ colorScheme: 'light' });
      await mine.setViewportSize({ width: 1280, height: 900 });
    }
    await both.getByRole('radio', { name: 'Omar Haddad’s: Early May bank holiday' }).check();
    await merge.getByRole('button', { name: en['slaEdit.mergeApply'] }).click();
    await expect(merge).toHaveCount(0);
    await mine.getByRole('button', { name: en['slaEdit.saveCalendar'] }).click();
    await expect(mine.getByRole('heading', { level: 1, name: en['slaSettings.title'] })).toBeVisible();
    await mine.evaluate((hash) => (window.location.hash = hash), calendarPage);
    const names = mine.getByRole('region', { name: en['slaEdit.holidays'], exact: true }).getByRole('textbox', { name: /^Name of holiday/ });
    const saved = await names.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(saved).toEqual(expect.arrayContaining(['Nowruz', 'Staff day', 'Early May bank holiday']));
    expect(saved).not.toContain('May Day');
  } finally {
    await shell.close();
  }
});

test('a refused save and a save stopped for a missing name are said anew when the language is switched to Persian', async ({ dataDir, browser }) => {
  test.skip(SHELL !== 'web', 'two windows on one desk: the browser shell only');
  test.setTimeout(60_000);
  const shell = await startWebShell({ dataDir, demo: false, port: 0 });
  try {
    const policyPage = '#/admin/sla/policy/government-premier';
    const mine = await open(browser, shell.url);
    const theirs = await open(browser, shell.url);
    for (const p of [mine, theirs]) await p.evaluate((hash) => (window.location.hash = hash), policyPage);
    const atRisk = (p: Page) => p.getByRole('textbox', { name: en['slaEdit.atRisk'] });
    await atRisk(mine).fill('60');
    await atRisk(theirs).fill('70');
    await theirs.getByRole('button', { name: en['slaEdit.savePolicy'] }).click();
    await expect(theirs.getByRole('heading', { level: 1, name: en['slaSettings.title'] })).toBeVisible();

    await expect(mine.getByRole('status').filter({ hasText: en['slaEdit.changedElsewhere'] })).toBeVisible();
    await mine.getByRole('button', { name: en['slaEdit.savePolicy'] }).click();
    const refusal = mine.getByRole('alert').filter({ hasText: en['slaEdit.notSaved'] });
    await expect(refusal).toContainText('Omar Haddad saved a newer version of this policy while you were editing it');

    // Persian: the notice is said in Persian like the rest of the page (it stayed in English).
    await mine.locator('nav button[aria-haspopup="menu"]').last().click();
    await mine.getByRole('menuitem', { name: fa['language.fa'] }).click();
    await expect(mine.locator('html')).toHaveAttribute('dir', 'rtl');
    const refusalFa = mine.getByRole('alert').filter({ hasText: fa['slaEdit.notSaved'] });
    await expect(refusalFa).toContainText(fa['apiError.slaStalePolicy'].replace('{name}', '\u2068Omar Haddad\u2069'));
    await expect(refusalFa).not.toContainText('saved a newer version');
    await expect(mine.getByRole('textbox', { name: fa['slaEdit.atRisk'] })).toHaveValue('۶۰');

    // A new policy saved without a name is stopped here; in English, then in Persian, its field says why.
    await mine.evaluate(() => (window.location.hash = '#/admin/sla/policy/new'));
    await mine.locator('nav button[aria-haspopup="menu"]').last().click();
    await mine.getByRole('menuitem', { name: en['language.en'] }).click();
    await expect(mine.locator('html')).toHaveAttribute('dir', 'ltr');
    await mine.getByRole('button', { name: en['slaEdit.savePolicy'] }).click();
    await expect(mine.getByText(en['slaEdit.nameRequired'])).toBeVisible();
    await mine.locator('nav button[aria-haspopup="menu"]').last().click();
    await mine.getByRole('menuitem', { name: fa['language.fa'] }).click();
    await expect(mine.getByText(fa['slaEdit.nameRequired'])).toBeVisible();
    await expect(mine.getByText(en['slaEdit.nameRequired'])).toHaveCount(0);
  } finally {
    await shell.close();
  }
});
