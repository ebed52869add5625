import { en } from '../src/renderer/i18n/en';
import { BURST_SHOWN } from '../src/renderer/shell/keptNotices';
import { expect, SHELL, test } from './fixtures';
import { signInAs } from './pages/app';
import { advanceClock, Board } from './pages/board';
import { CustomerView } from './pages/customer';
import { scrollToRow, scrollToTicket } from './pages/queue';
import { TicketView } from './pages/ticket';

// SLA clocks end to end, on a desk whose clock only moves when the spec says so. Government
// premier runs around the clock: a high-priority ticket must get a first response in 60
// minutes and be resolved in 8 hours. Taking it is the first response, so resolution is
// the target that runs: at 75 % (6 h) it is at risk, at 8 h it breaches and goes up to
// tier 2 unassigned, recorded by "Tagdesk SLA".

test.use({ testClock: true });

const HOUR = 3_600_000;
const MINUTE = 60_000;

test('a high-priority government ticket is at risk on the board at 6 h and breaches up to tier 2 at 8 h', async ({ page }) => {
  test.setTimeout(120_000);
  const subject = 'Payroll laptops will not boot';
  // Under Electron the preload's bridge shows desktop notifications; in the browser shell a
  // stand-in records what the window asks for, with the window never in front (the agent is on
  // a call). Electron's own bridge cannot be replaced, so there the check is left out.
  const recordsDesktop = SHELL === 'web';
  if (recordsDesktop) {
    await page.addInitScript(() => {
      const asked: unknown[] = [];
      Reflect.set(window, '__desktopNotices', asked);
      Reflect.set(window, 'tagdesk', { notify: (n: unknown) => asked.push(n) });
      Document.prototype.hasFocus = () => false;
    });
    await page.reload();
  }
  const desktopNotices = () => page.evaluate(() => (Reflect.get(window, '__desktopNotices') ?? []) as Array<{ title: string; body: string }>);
  const app = await signInAs(page, 'Ava Martin');

  // A government customer: the owner of a ticket waiting in the government tier-1 queue.
  await app.goToQueues();
  await page.getByRole('main').getByRole('link', { name: 'Government · Tier 1' }).click();
  await expect(app.heading('Government · Tier 1')).toBeVisible();
  // Queues list the most urgent first by default.
  await expect(page.getByRole('radio', { name: en['queues.order.urgency'] })).toBeChecked();
  const queue = page.getByRole('region', { name: /Tickets in Government · Tier 1/ });
  await queue.getByRole('row').nth(1).getByRole('link').first().click();
  const ticket = new TicketView(page);
  await ticket.id();
  await page.getByRole('main').getByRole('link').first().click(); // the customer, above the title
  const customer = new CustomerView(page);
  await expect(customer.newTicketButton).toBeVisible();

  // A new high-priority ticket, taken at once.
  await customer.newTicketButton.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(en['newTicket.subject']).fill(subject);
  await dialog.getByText(en['priority.high'], { exact: true }).click();
  await dialog.getByLabel(en['newTicket.assignToMe']).uncheck();
  await dialog.getByRole('button', { name: en['newTicket.submit'] }).click();
  await expect(dialog).toBeHidden();
  await expect(ticket.heading(subject)).toBeVisible();
  const number = /T-\d+/.exec((await page.getByRole('heading', { level: 1 }).textContent()) ?? '')?.[0];
  expect(number).toBeTruthy();
  await ticket.take();

  // The header shows the running target, the time left and the due time in the calendar's zone.
  const sla = page.getByRole('group', { name: en['ticket.slaLabel'] });
  await expect(sla).toContainText('8h left');
  await expect(sla).toContainText(/Resolution due .+ \(UTC\)/);
  // Where the figures come from: the policy, the calendar, and each target's clock.
  const trace = page.getByRole('region', { name: en['slaTrace.title'] });
  // Named as the SLA settings name it, not by its id ("government-premier" was shown, a slug).
  await expect(trace).toContainText(en['slaTrace.policyValue'].replace('{name}', en['slaName.policy.governmentPremier']).replace('{version}', '1'));
  await expect(trace).not.toContainText('government-premier');
  await expect(trace.getByRole('region', { name: en['slaTarget.resolution'] })).toContainText(en['slaTrace.status.ok']);
  const firstResponse = trace.getByRole('region', { name: en['slaTarget.firstResponse'] });
  await expect(firstResponse).toContainText(en['drill.outcome.met']);
  // Met on taking: the card says by how much, not "Business time remaining" on a target already met.
  await expect(firstResponse).toContainText(en['slaTrace.margin']);
  await expect(firstResponse).not.toContainText(en['slaTrace.remaining']);

  // 6 h 1 m later: at risk (75 % of 8 h), warned by the system.
  const warned = await advanceClock(page, 6 * HOUR + MINUTE);
  expect(warned.sent).toBeGreaterThan(0);
  await expect(sla).toContainText('1h 59m left');
  await expect(sla.locator('[data-sla="atRisk"]')).toBeVisible();
  await expect(page.getByText(en['event.SLA_WARNING'], { exact: true })).toBeVisible();
  // The desktop says what the in-app notices say, for Ava's own tickets only, and a burst
  // (her tickets all warned at once by the jump of the clock) once, not ticket by ticket.
  if (recordsDesktop) await expect.poll(async () => (await desktopNotices()).length).toBeGreaterThan(0);
  const summaries = (n: { title: string }) => n.title === en['notice.more_one'] || /more SLA and escalation notices$/.test(n.title);
  const asked = await desktopNotices();
  const shown = page.locator('.mantine-Notification-root .mantine-Notification-title');
  await expect.poll(async () => {
    const titles = await shown.allTextContents();
    return asked.filter((x) => !summaries(x)).filter((x) => !titles.includes(x.title));
  }).toEqual([]);
  expect(asked.filter(summaries).length).toBeLessThanOrEqual(1);
  expect(asked.length).toBeLessThanOrEqual(BURST_SHOWN + 1);

  // The supervisor sees it at risk in government tier 1, and behind that number.
  await app.switchUser('Grace Chen');
  const board = new Board(page);
  await board.open();
  await expect.poll(() => board.valueOf('atRisk', 'Government tier 1')).toBeGreaterThanOrEqual(1);
  await board.drill('atRisk', 'Government tier 1');
  await expect(board.ticketLink(number!)).toBeVisible();

  // 2 h more: past the 8 h target. The breach takes it up to tier 2, off the at-risk list.
  const breached = await advanceClock(page, 2 * HOUR);
  expect(breached.sent).toBeGreaterThan(0);
  await expect(board.ticketLink(number!)).toBeHidden();
  await board.closeDrawer();
  await expect.poll(() => board.valueOf('breached', 'Government tier 2')).toBeGreaterThanOrEqual(1);

  // The tier-2 specialist finds it in the government tier-2 queue, with the breach on its timeline.
  await app.switchUser('Sam Rivera');
  await app.goToQueues();
  await page.getByRole('main').getByRole('link', { name: 'Government · Tier 2' }).click();
  await expect(app.heading('Government · Tier 2')).toBeVisible();
  const tier2 = page.getByRole('region', { name: /Tickets in Government · Tier 2/ });
  const link = await scrollToTicket(page, tier2, number!);
  // Its row says the breach moved it up, not nothing (it was never escalated by hand).
  await expect(tier2.getByRole('row').filter({ has: page.getByRole('link', { name: number!, exact: true }) }).locator('[data-breached-up="resolution"]')).toContainText(en['queues.breachedUp.resolution']);
  await link.click();
  await expect(ticket.heading(subject)).toBeVisible();
  await ticket.expectState('state.tier2.waiting');
  const breach = page.getByText(en['event.SLA_BREACH'], { exact: true });
  await expect(breach).toBeVisible();
  await expect(page.getByText('by Tagdesk SLA').first()).toBeVisible();
  await expect(page.getByRole('group', { name: en['ticket.slaLabel'] }).locator('[data-sla="breached"]')).toBeVisible();
});

test('a ticket handed back down while it waited on the customer runs its clock again at first line', async ({ page }) => {
  // Sam had asked the customer, then handed the ticket back to Ava: it was "Open at tier 1"
  // with its clock still paused, so it could never be at risk or breach while she worked it.
  await signInAs(page, 'Sam Rivera');
  const mine = page.getByRole('region', { name: en['mine.tableLabel'] });
  const row = mine.getByRole('row').filter({ hasText: en['state.tier2.pending'] }).first();
  await scrollToRow(page, mine, row);
  await expect(row).toBeVisible();
  await row.getByRole('link').first().click();
  const ticket = new TicketView(page);
  await ticket.expectState('state.tier2.pending');
  const sla = page.getByRole('group', { name: en['ticket.slaLabel'] });
  await expect(sla.locator('[data-sla="paused"]')).toBeVisible();
  await ticket.action('action.DEESCALATE').click();
  await ticket.noteField().fill('Customer will send the logs to first line.');
  await ticket.dialog.getByRole('button', { name: en['act.submit.DEESCALATE'] }).click();
  await expect(ticket.dialog).toBeHidden();
  await ticket.expectState('state.tier1.open');
  // The timeline says to whom at tier 1 it went back.
  await expect(page.getByRole('region', { name: en['ticket.timeline'] }).getByText(new RegExp(`^${en['timeline.backTo'].replace('{name}', '[^0-9]+').replace('{tier}', en['tier.1'])}$`))).toBeVisible();
  await expect(sla.locator('[data-sla="paused"]')).toHaveCount(0);
  await expect(sla).toContainText(/left|ago/);
});

test('an admin gives the centre’s day a time zone, and the board’s “today” says it starts at midnight there', async ({ page }) => {
  await signInAs(page, 'Omar Haddad');
  await page.evaluate(() => (window.location.hash = '#/admin/sla'));
  const zone = page.getByRole('combobox', { name: en['slaSettings.dayZone.label'] });
  // Until one is chosen, the day follows the calendars most policies run on (London's).
  await expect(zone).toHaveValue(en['slaSettings.dayZone.follow'].replace('{zone}', 'United Kingdom Time'));
  await zone.click();
  await zone.fill('Tehran');
  await page.getByRole('option', { name: /Iran Standard Time/ }).click();
  await page.getByRole('button', { name: en['slaSettings.dayZone.save'] }).click();
  await expect(page.getByText(en['slaSettings.dayZone.inForce'].replace('{zone}', 'Iran Standard Time'))).toBeVisible();
  await page.evaluate(() => (window.location.hash = '#/overview'));
  await expect(page.locator('#board-legend-today')).toHaveText(/from midnight in the centre’s time zone, Iran Standard Time \(/);
  // An admin sees an agent's tickets on the board but may not hand them over (access.ts mayAssign): no "Hand over all…".
  const board = new Board(page);
  await page.getByRole('button', { name: /^Open tickets of Ben Okafor: \d+$/ }).click();
  await expect(board.drawer.getByRole('heading', { name: 'Open tickets · Ben Okafor' })).toBeVisible({ timeout: 15_000 });
  await expect(board.drawer.getByTestId('drill-count')).not.toBeEmpty({ timeout: 15_000 });
  await expect(board.drawer.getByRole('button', { name: en['handOver.open'] })).toHaveCount(0);
});
