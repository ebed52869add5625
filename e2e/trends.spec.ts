import { en } from '../src/renderer/i18n/en';
import { fa } from '../src/renderer/i18n/fa';
import { startWebShell } from '../src/main/web/server';
import { expect, SHELL, test } from './fixtures';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { centreWeeks } from '../src/shared/sla/centreWeek';
import { axeViolations } from './axe';
import { signInAs, signInInPersian, type App } from './pages/app';
import { Board, reveal } from './pages/board';
import { CustomerView } from './pages/customer';
import { TicketView } from './pages/ticket';

// The supervisor's product trends and satisfaction figures come from counts the desk keeps as
// tickets are created and scores recorded (trendCounts.ts, csatCounts.ts): what an agent
// records is on the board at once. A feature request shows under its system's product line,
// with its own words as the latest example; a low score joins the follow-up list and its
// queue's count of the last 4 weeks.

/** Ava opens a ticket on Lakeside's system (looked up by its tag) and is on its page. */
async function avaOpensTicket(page: Page, subject: string, description?: string): Promise<{ app: App; ticket: TicketView }> {
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('7XK2QF1');
  const customer = new CustomerView(page);
  await customer.expectCustomer('Lakeside Unified School District');
  await customer.createTicket({ subject, ...(description ? { description } : {}) });
  const ticket = new TicketView(page);
  await expect(ticket.heading(subject)).toBeVisible();
  return { app, ticket };
}

test('a feature request an agent records shows on the board’s product trends, newest first', async ({ page }) => {
  test.slow();
  const subject = 'Feature request: would like a backlit keyboard option';
  const { app } = await avaOpensTicket(page, subject, 'Asked for on every call this month.');

  await app.switchUser('Grace Chen');
  const board = new Board(page);
  await board.open();
  const trends = page.getByRole('region', { name: en['trends.title'] });
  // The section is drawn when it comes into view.
  await reveal(trends);
  await expect(trends.getByText(en['trends.perProduct'])).toBeVisible();
  const request = trends.getByRole('row').filter({ hasText: subject });
  await expect(request).toBeVisible();
  // Counted under a product line of its own, not as "Unknown": the ticket is on Lakeside's system.
  await expect(request.getByRole('cell').first()).not.toHaveText('Unknown');
  const line = (await request.getByRole('cell').first().textContent()) ?? '';
  await expect(trends.getByRole('row').filter({ hasText: new RegExp(`^${line}`) }).first()).toBeVisible();
});

// The categories rising beyond their usual band, on a 420 px window: each row's name and
// figures wrapped onto two or three lines (Persian's longer words especially). The name is one
// line now, cut short with its whole in a hint, and the figures one line under it.
for (const language of ['en', 'fa'] as const) {
  test(`at 420 px a rising category reads as one line of name and one of figures (${language})`, async ({ page }) => {
    await page.setViewportSize({ width: 420, height: 900 });
    if (language === 'en') await signInAs(page, 'Grace Chen');
    else await signInInPersian(page, 'Grace Chen');
    await page.evaluate(() => (window.location.hash = '#/overview'));
    const trends = page.getByRole('region', { name: (language === 'en' ? en : fa)['trends.title'] });
    await reveal(trends);
    const rows = trends.getByTestId('trends-rising');
    await expect(rows.first()).toBeVisible({ timeout: 15_000 });
    for (const row of await rows.all()) {
      const sizes = await row.evaluate((el) => {
        const lines = (e: Element | null) => (e ? e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight) : Number.NaN);
        return {
          name: lines(el.querySelector('[data-testid="trends-rising-name"]')),
          figures: lines(el.querySelector('[data-testid="trends-rising-figures"] p')),
          overflow: el.scrollWidth - el.clientWidth,
        };
      });
      expect(sizes.name).toBeLessThan(1.5);
      expect(sizes.figures).toBeLessThan(1.5);
      expect(sizes.overflow).toBeLessThanOrEqual(0);
    }
    // The whole name, cut short or not, in the hint.
    const name = rows.first().getByTestId('trends-rising-name');
    await name.hover();
    await expect(page.getByRole('tooltip')).toHaveText((await name.textContent()) ?? '');
  });
}

test('a low score an agent records reaches the supervisor’s follow-up list and the month’s mean for its queue', async ({ page }) => {
  test.slow();
  const subject = 'Projector cart charger missing';
  const { app, ticket } = await avaOpensTicket(page, subject);
  await ticket.resolve('fixed_remotely', 'Sent a replacement charger.');
  const number = /T-\d+/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')?.[0];

  // Grace's board before the score: the mean and count of Education tier 1.
  await app.switchUser('Grace Chen');
  const board = new Board(page);
  await board.open();
  const cell = page.getByTestId('csat-education-1');
  await reveal(cell);
  await cell.getByText(/\d/).first().hover();
  const before = Number(/from (\d+)/.exec((await page.getByRole('tooltip').textContent()) ?? '')?.[1] ?? Number.NaN);
  expect(before).toBeGreaterThan(0);

  await app.switchUser('Ava Martin');
  await page.goBack();
  await expect(ticket.heading(subject)).toBeVisible();
  const form = page.getByRole('region', { name: en['csat.title'] });
  // The stars and the number box each have a name of their own (both were "Score").
  const stars = form.getByRole('radiogroup', { name: en['csat.scoreStars'], exact: true });
  await expect(stars).toBeVisible();
  await expect(stars.getByRole('radio', { name: '3 stars', exact: true })).toHaveCount(1);
  // Five choices, 1 to 5 stars: Mantine's hidden "0 stars" radio (its way to clear) was read
  // as a sixth. A score is cleared by a button of its own, the caret then on the first star.
  await expect(stars.getByRole('radio')).toHaveCount(5);
  await expect(stars.getByRole('radio', { name: /^0 / })).toHaveCount(0);
  await expect(stars.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(form.getByRole('button', { name: en['csat.clear'] })).toHaveCount(0);
  await expect(form.getByRole('textbox', { name: en['csat.scoreNumber'], exact: true })).toHaveAttribute('data-testid', 'csat-score');
  await form.getByTestId('csat-score').fill('4');
  await expect(stars.getByRole('radio', { name: '4 stars', exact: true })).toBeChecked();
  await form.getByRole('button', { name: en['csat.clear'] }).click();
  await expect(form.getByTestId('csat-score')).toHaveValue('');
  await expect(stars.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(stars.getByRole('radio', { name: '1 star', exact: true })).toBeFocused();
  await expect(form.getByRole('button', { name: en['csat.save'] })).toBeDisabled();
  expect(await axeViolations(page, '[id^="csat-"]')).toEqual([]);
  await form.getByTestId('csat-score').fill('1');
  // Empty, the comment takes the page's direction; written, its own (an English comment in a Persian window reads left to right).
  await expect(form.getByLabel(en['csat.comment'])).not.toHaveAttribute('dir');
  await form.getByLabel(en['csat.comment']).fill('Nobody told us the charger was on its way.');
  await expect(form.getByLabel(en['csat.comment'])).toHaveAttribute('dir', 'auto');
  await form.getByRole('button', { name: en['csat.save'] }).click();
  await expect(form).toContainText('Scored 1 / 5');

  await app.switchUser('Grace Chen');
  await board.open();
  const followUps = page.getByRole('region', { name: new RegExp(`^${en['csat.followUps']}`) });
  await reveal(followUps);
  await expect(followUps.getByRole('link', { name: number! })).toBeVisible();
  await expect(followUps).toContainText('Nobody told us the charger was on its way.');
  await expect(followUps).toContainText('1 / 5');
  await reveal(cell);
  await cell.getByText(/\d/).first().hover();
  await expect(page.getByRole('tooltip')).toContainText(`from ${before + 1}`);

  // Followed up from the keyboard: each button names its ticket (all 19 were "Mark followed
  // up" alone), the desk says it is done, and the keyboard goes on to the next low score (it fell to
  // the page's top: Tab began the whole board again for each one).
  const mark = followUps.getByRole('button', { name: en['csat.markFollowedUpOf'].replace('{number}', number!) });
  await mark.focus();
  await page.keyboard.press('Enter');
  await expect(followUps.getByRole('link', { name: number! })).toHaveCount(0);
  await expect(page.getByText(en['csat.markedFollowedUp'].replace('{number}', number!))).toBeVisible();
  await expect(followUps.getByRole('button', { name: /^Mark followed up: T-\d+$/ }).first()).toBeFocused();

  // In Persian the score reads «۱ از ۵» (one of five). It was «۱ / ۵», drawn right to left as
  // «۵ / ۱», and a slash between digits is how Persian writes a decimal (۱/۵ is one and a half).
  await page.goto(`${page.url().replace(/[?#].*$/, '')}?lang=fa#/overview`);
  const followUpsFa = page.getByRole('region', { name: new RegExp(`^${fa['csat.followUps']}`) });
  await expect(page.getByRole('heading', { level: 1, name: fa['overview.title'] })).toBeVisible();
  await reveal(followUpsFa);
  await expect(followUpsFa).toContainText('۱ از ۵');
});

test('the board’s satisfaction and trends read again when a ticket is opened or scored, not on its notes', async ({ dataDir, browser }) => {
  test.skip(SHELL !== 'web', 'two windows on one desk: the browser shell only');
  test.setTimeout(90_000);
  const shell = await startWebShell({ dataDir, demo: false, port: 0 });
  // What Grace's board asks the desk for, counted on its WebSocket.
  const calls: string[] = [];
  const grace = await browser.newPage();
  grace.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const frame: unknown = typeof payload === 'string' ? JSON.parse(payload) : null;
      if (typeof frame === 'object' && frame !== null && 'method' in frame && typeof frame.method === 'string') calls.push(frame.method);
    }),
  );
  const ava = await browser.newPage();
  try {
    await grace.goto(shell.url);
    await signInAs(grace, 'Grace Chen');
    await new Board(grace).open();
    await expect.poll(() => calls).toEqual(expect.arrayContaining(['csat.board', 'trends.board']));
    /** The board's calls done (none for half a second), then forgotten. */
    const quiet = async () => {
      let counted = -1;
      await expect.poll(() => counted === (counted = calls.length), { intervals: [500] }).toBe(true);
      calls.length = 0;
    };
    await quiet();
    const panels = () => calls.filter((m) => m === 'csat.board' || m === 'trends.board').sort();

    // A ticket opened: it joins this week's trends.
    await ava.goto(shell.url);
    const { ticket } = await avaOpensTicket(ava, 'Docking station drops the second monitor');
    await expect.poll(panels).toEqual(expect.arrayContaining(['csat.board', 'trends.board']));
    await quiet();

    // A note and a resolution move neither figure: the board's queues hear of them, its
    // monthly panels are not read again.
    await ticket.action('action.ADD_NOTE').click();
    await ticket.noteField().fill('Asked for the dock’s firmware version.');
    await ticket.dialog.getByRole('button', { name: en['act.submit.ADD_NOTE'] }).click();
    await expect(ticket.dialog).toBeHidden();
    await ticket.resolve('fixed_remotely', 'Firmware updated; both monitors stay on.');
    await grace.waitForTimeout(1_200);
    expect(calls).toContain('supervisor.overview');
    expect(panels()).toEqual([]);

    // A score is what moves satisfaction (and its comment may be a feature request).
    const form = ava.getByRole('region', { name: en['csat.title'] });
    await form.getByTestId('csat-score').fill('5');
    await form.getByRole('button', { name: en['csat.save'] }).click();
    await expect(form).toContainText('Scored 5 / 5');
    await expect.poll(panels).toEqual(expect.arrayContaining(['csat.board', 'trends.board']));
  } finally {
    await ava.close();
    await grace.close();
    await shell.close();
  }
});

// The trends name the centre's weeks by their first days (centreWeek.ts), the centre's dates
// whatever the reader's clock says: the demo centre is in London, whose weeks start on Monday,
// and the browser here is in Los Angeles, whose weeks start on Sunday and whose dates are 8 hours
// behind. In Persian the same days are Jalali dates in Persian digits.
test('the trends name the centre’s weeks by their first days, ending with this week, in English and Persian, whatever the browser’s time zone', async ({ dataDir, browser }) => {
  test.skip(SHELL !== 'web', 'a browser in another time zone: the browser shell only');
  test.setTimeout(60_000);
  const shell = await startWebShell({ dataDir, demo: false, port: 0 });
  const context = await browser.newContext({ timezoneId: 'America/Los_Angeles' });
  try {
    const page = await context.newPage();
    await page.goto(shell.url);
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/Los_Angeles');
    await signInAs(page, 'Grace Chen');
    await page.evaluate(() => (window.location.hash = '#/overview'));
    const weeks = centreWeeks(Date.now(), 12, 'Europe/London');
    const first = weeks[0]!.day * 86_400_000;
    const last = weeks[weeks.length - 1]!.day * 86_400_000;
    // London's weeks: from a Monday, the last one holding today.
    expect(new Date(first).getUTCDay()).toBe(1);
    expect(new Date(last).getUTCDay()).toBe(1);
    expect(weeks[weeks.length - 1]!.start).toBeLessThanOrEqual(Date.now());
    const label = (locale: string, template: string) => {
      const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
      return template.replace('{from}', day.format(first)).replace('{to}', day.format(last));
    };
    const header = (trends: ReturnType<Page['getByRole']>) => trends.getByRole('table').first().getByRole('columnheader');

    const trends = page.getByRole('region', { name: en['trends.title'] });
    await reveal(trends);
    await expect(header(trends)).toHaveText([en['trends.productLine'], label('en', en['trends.weeks']), en['trends.thisWeek']]);

    await page.goto(`${page.url().replace(/[?#].*$/, '')}?lang=fa#/overview`);
    const trendsFa = page.getByRole('region', { name: fa['trends.title'] });
    await reveal(trendsFa);
    const persian = label('fa-IR-u-ca-persian-nu-arabext', fa['trends.weeks']);
    // Jalali months in Persian digits: no Latin digit, no Gregorian month name.
    expect(persian).toMatch(/[۰-۹]/);
    expect(persian).not.toMatch(/[0-9A-Za-z]/);
    await expect(header(trendsFa)).toHaveText([fa['trends.productLine'], persian, fa['trends.thisWeek']]);
  } finally {
    await context.close();
    await shell.close();
  }
});

// While the counts move to the centre's new weeks (trendRekey.ts), a count not moved yet shows
// in the week next to its own: the card says the weeks are being recounted until the move ends.
test('the trends say their weeks are being recounted while the counts are not in the centre’s weeks', async ({ page, dataDir }) => {
  await signInAs(page, 'Grace Chen');
  await page.evaluate(() => (window.location.hash = '#/overview'));
  const trends = page.getByRole('region', { name: en['trends.title'] });
  await reveal(trends);
  await expect(trends.getByText(en['trends.perProduct'])).toBeVisible();
  await expect(trends.getByTestId('trends-recounting')).toHaveCount(0);
  // The counts as a desk upgraded from UTC weeks keeps them until its move (no move running here).
  const raw = new Database(join(dataDir, 'tagdesk.sqlite'));
  raw.prepare(`insert into meta (key, value) values ('ticket_trends_keys', ?) on conflict (key) do update set value = excluded.value`).run(JSON.stringify({ basis: { zone: 'UTC', firstDay: 1 } }));
  raw.close();
  await page.reload();
  await reveal(trends);
  const note = trends.getByTestId('trends-recounting');
  await expect(note).toContainText(en['trends.recountingTitle']);
  await expect(note).toContainText(en['trends.recounting']);
});
