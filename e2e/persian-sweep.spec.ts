import { expect, type Page } from '@playwright/test';
import { en } from '../src/renderer/i18n/en';
import { fa } from '../src/renderer/i18n/fa';
import { test } from './fixtures';
import { signInInPersian } from './pages/app';

// A Persian-speaking admin walks every page of the desk and reads no English sentence of the
// desk's own, and no Latin value (a tag, an email, a ticket number) or Latin digits loose in a
// Persian sentence, where the bidi algorithm reorders them ("14155559792+"): values are
// isolated (FSI…PDI from t(), a left-to-right mark on each side, <bdi>, or an element with its
// own dir). Customers' names,
// subjects and models are data and may be Latin; a sentence of the dictionary's English may not.

const PAGES = [
  '#/',
  '#/lookup?q=7XK2QF1',
  '#/lookup?q=Jordan',
  '#/queues',
  '#/queues/education/1',
  '#/overview',
  '#/overview/day',
  '#/admin/sla',
  '#/admin/sla/policy/education-standard',
  '#/admin/sla/calendar/iran-official',
  '#/admin/users',
  '#/admin/backups',
  '#/admin/desks',
  '#/kb',
  '#/kb/new',
  '#/customer/new',
  '#/admin/quality',
  '#/admin/quality?tab=audit',
  '#/admin/quality?tab=import',
  '#/admin/quality?tab=privacy',
  '#/sync/conflicts',
  '#/no-such-page',
];

// English sentences of the dictionary (two words or more once its {values} are taken out).
const ENGLISH = [...new Set(Object.values(en).map((s) => s.replace(/\{\w+\}/g, ' ').replace(/\s+/g, ' ').trim()))].filter((s) => /[A-Za-z]{2,} [A-Za-z]{2,}/.test(s));
// Persian strings that show Latin digits or signs on purpose (Markdown's own syntax).
const MEANT = [fa['kb.field.bodyHint']];

async function loose(page: Page, english: string[], meant: string[]): Promise<string[]> {
  return page.evaluate(
    ({ english, meant }) => {
      const found: string[] = [];
      const englishSet = new Set(english);
      const persian = /[\u0600-\u06ff]/;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('script,style,textarea,[aria-hidden="true"]') || !el.checkVisibility()) continue;
        const text = (n.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (!text) continue;
        if (englishSet.has(text)) found.push(`English: «${text}»`);
        // A count, a time or a figure alone is in Persian digits; an Express Service Code or a
        // phone number (set in the monospaced face, or in its own direction) stays Latin.
        if (/^[^A-Za-z\u0600-\u06ff]*[0-9][^A-Za-z\u0600-\u06ff]*$/.test(text) && !el.closest('bdi,[dir],kbd,code,[class*="mono"]')) found.push(`Latin digits: «${text}»`);
        if (!persian.test(text) || meant.some((m) => m.includes(text))) continue;
        if (el.closest('bdi,[dir="ltr"],[dir="auto"]')) continue;
        // What is left once the isolated values are taken out.
        let rest = text;
        for (let before = ''; before !== rest; ) {
          before = rest;
          rest = rest.replace(/[\u2066-\u2068][^\u2066-\u2069]*\u2069/g, ' ').replace(/\u200e[^\u200e\u200f]*\u200e/g, ' ');
        }
        if (/[A-Za-z0-9]/.test(rest)) found.push(`loose Latin: «${text}»`);
      }
      if (englishSet.has(document.title) || !persian.test(document.title)) found.push(`window title: «${document.title}»`);
      for (const el of Array.from(document.querySelectorAll('[aria-label],[placeholder],[title]'))) {
        for (const name of ['aria-label', 'placeholder', 'title']) {
          const value = el.getAttribute(name)?.trim();
          if (value && englishSet.has(value)) found.push(`English ${name}: «${value}»`);
        }
      }
      return found;
    },
    { english, meant },
  );
}

test('every page in Persian: no English sentence of the desk, no Latin loose in a Persian sentence', async ({ page }) => {
  // 22 pages: about 15 s on a quiet machine.
  test.setTimeout(120_000);
  await signInInPersian(page, 'Omar Haddad');
  const found: string[] = [];
  for (const hash of PAGES) {
    await page.evaluate((h) => (window.location.hash = h), hash);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
    await expect(page.locator('main h1').first()).toBeVisible();
    for (const f of await loose(page, ENGLISH, MEANT)) found.push(`${hash}: ${f}`);
  }
  expect([...new Set(found)]).toEqual([]);
});

test('dialogs, a drawer, the palette, a ticket and an article in Persian: the same', async ({ page }) => {
  test.setTimeout(120_000);
  await signInInPersian(page, 'Omar Haddad');
  const found: string[] = [];
  const check = async (where: string) => {
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
    for (const f of await loose(page, ENGLISH, MEANT)) found.push(`${where}: ${f}`);
  };
  const dialog = page.getByRole('dialog');
  const closeDialog = async () => {
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  };

  await page.evaluate(() => (window.location.hash = '#/lookup?q=7XK2QF1'));
  await page.getByRole('button', { name: fa['customer.newTicket'], exact: true }).click();
  await expect(dialog).toBeVisible();
  await check('new ticket dialog');
  await closeDialog();
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(page.getByRole('dialog', { name: fa['palette.open'] })).toBeVisible();
  await check('command palette');
  await closeDialog();

  await page.getByRole('link', { name: 'T-000003' }).first().click();
  await expect(page).toHaveURL(/#\/ticket\//);
  await check('ticket page');

  await page.evaluate(() => (window.location.hash = '#/overview'));
  await page.locator('[class*="kpiButton"]').first().click();
  await expect(dialog).toBeVisible({ timeout: 15_000 });
  await check('drill-down drawer');
  await closeDialog();

  await page.evaluate(() => (window.location.hash = '#/kb'));
  await page.locator('main article a').first().click();
  await expect(page).toHaveURL(/#\/kb\/[^/?]+$/);
  await check('an article');

  // The ticket's specialist, at an action's dialog.
  await page.locator('button[aria-haspopup="menu"]').last().click();
  await page.getByRole('menuitem', { name: fa['user.switch'] }).click();
  await page.getByRole('button', { name: /^Noor Hassan/ }).click();
  await page.evaluate(() => (window.location.hash = '#/lookup?q=T-000003'));
  await page.getByRole('link', { name: 'T-000003' }).first().click();
  await page.getByRole('region', { name: fa['ticket.actions'] }).getByRole('button', { name: fa['action.ESCALATE'], exact: true }).click();
  await expect(dialog).toBeVisible();
  await check('escalate dialog');
  await closeDialog();

  expect([...new Set(found)]).toEqual([]);
});

test('a ticket page names its SLA policy by its name, not its id, and keeps the number whole beside a Latin subject at 420 px, light and dark', async ({ page }) => {
  test.setTimeout(90_000);
  const policy = (d: typeof en | typeof fa) => page.getByRole('region', { name: d['slaTrace.title'] }).locator('dd[data-policy-id]');
  const open = async () => {
    await page.evaluate(() => (window.location.hash = '#/lookup?q=T-000003'));
    await page.getByRole('link', { name: 'T-000003' }).first().click();
    await expect(page).toHaveURL(/#\/ticket\//);
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
  };
  // In English: the policy's name as the SLA settings say it ("Education standard"), no slug.
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await page.getByRole('button', { name: /^Ava Martin/ }).click();
  await open();
  const id = await policy(en).getAttribute('data-policy-id');
  expect(id).toBe('education-standard');
  await expect(policy(en)).not.toContainText(id!);
  await expect(policy(en)).toHaveText(en['slaTrace.policyValue'].replace('{name}', en['slaName.policy.educationStandard']).replace('{version}', '1'));

  // In Persian: the shipped policy in Persian, with no Latin inside the sentence ("home-basic" was).
  await page.locator('button[aria-haspopup="menu"]').last().click();
  await page.getByRole('menuitem', { name: fa['language.fa'] }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(policy(fa)).toContainText(fa['slaName.policy.educationStandard']);
  await expect(policy(fa)).not.toContainText(id!);
  await expect(policy(fa)).not.toHaveText(/[A-Za-z]/);

  // The heading at 420 px: the number on one line, the Latin subject beside it in a column of
  // its own (in its own direction), never wrapped round or under the number.
  await page.setViewportSize({ width: 420, height: 800 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    const h1 = page.locator('#main h1');
    await expect(h1).toContainText('T-000003');
    const layout = await h1.evaluate((el) => {
      const rects = (node: Element | null) => (node ? Array.from(node.getClientRects(), (r) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom })) : []);
      const number = el.querySelector('[dir="ltr"]');
      const subject = el.querySelector('[dir="auto"]');
      return { number: rects(number), subject: rects(subject), subjectText: subject?.textContent ?? '', lineHeight: parseFloat(getComputedStyle(el).lineHeight) };
    });
    expect(layout.subjectText).toMatch(/^[A-Za-z]/);
    // Kept whole: one box, one line high.
    expect(layout.number).toHaveLength(1);
    expect(layout.number[0]!.bottom - layout.number[0]!.top).toBeLessThan(layout.lineHeight * 1.5);
    // The subject wraps at this width, and every line of it stays on the number's left (the
    // inline end in Persian): none runs under or beside the number's right side.
    const subjectTop = Math.min(...layout.subject.map((r) => r.top));
    const subjectBottom = Math.max(...layout.subject.map((r) => r.bottom));
    expect(subjectBottom - subjectTop).toBeGreaterThan(layout.lineHeight * 1.5);
    for (const r of layout.subject) expect(r.right).toBeLessThanOrEqual(layout.number[0]!.left + 1);
  }
});
