import { afterEach, describe, expect, it } from 'vitest';
import { SEGMENTS } from '../../shared/domain';
import { testDesk } from './testing/deskHarness';
import { firstIdAt } from './dayReport';
import { uuidv7 } from './ids';

// The end-of-shift report holds the board's figures for the same moment: its queues' resolved
// add up to "Resolved today", its attainment by tier to the board's by segment, its breached and
// each person's open are the board's own; and the day's work shows in it as it is done.

const MIN = 60_000;
const DAY = 86_400_000;
let close: (() => void) | undefined;
afterEach(() => close?.());

/** A demo desk whose centre works in `timeZone`: the calendar most of its SLA policies run on is moved there. */
async function centreIn(timeZone: string) {
  const t = await testDesk();
  close = () => t.desk.close();
  const omar = await t.as('Omar Haddad');
  const settings = await omar.call('sla.settings', {});
  const weekdays = settings.calendars.find((c) => c.id === 'std-weekdays')!;
  await omar.call('sla.saveCalendar', { ...weekdays, timeZone });
  return { t, ava: await t.as('Ava Martin'), grace: await t.as('Grace Chen') };
}

describe('the day report', () => {
  it('counts the day as the board does, per queue and per person, and starts again at midnight', async () => {
    const t = await testDesk();
    close = () => t.desk.close();
    const ava = await t.as('Ava Martin');
    const grace = await t.as('Grace Chen');
    const before = await grace.call('supervisor.dayReport', {});
    const gov1 = (r: typeof before) => r.queues.find((q) => q.segment === 'government' && q.tier === 1)!;
    const avaOf = (r: typeof before) => r.people.find((p) => p.name === 'Ava Martin')!;

    // Ava opens three government tickets: resolves one (scored 4), escalates one.
    const phone = t.desk.db.sqlite.prepare(`select phone from customers where segment = 'government' and service_level = 'premier' order by name limit 1`).pluck().get() as string;
    const r = await ava.call('lookup.search', { query: phone });
    if (r.kind !== 'match') throw new Error('no government customer in the demo');
    const ids: string[] = [];
    for (const subject of ['Docking stations drop the network', 'Printer offline', 'Laptop will not boot']) {
      const created = await ava.call('tickets.create', { customerId: r.view.customer.id, subject, priority: 'urgent' });
      await ava.call('tickets.act', { ticketId: created.ticket.id, command: { type: 'TAKE' } });
      ids.push(created.ticket.id);
    }
    t.clock.advance(20 * MIN);
    await ava.call('tickets.act', { ticketId: ids[0]!, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'Driver rolled back' } });
    await ava.call('csat.record', { ticketId: ids[0]!, score: 4, comment: '' });
    await ava.call('tickets.act', { ticketId: ids[1]!, command: { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'needs tier 2' } });

    const report = await grace.call('supervisor.dayReport', {});
    const board = await grace.call('supervisor.overview');
    // The shipped policies run mostly on the London calendar: the centre's day is London's.
    expect(report.timeZone).toBe('Europe/London');
    expect(report.dayStart).toBe(Math.floor(t.clock.now() / DAY) * DAY); // London in December: UTC
    expect(gov1(report).opened).toBe(gov1(before).opened + 2); // the escalated one is in tier 2 now
    expect(gov1(report).resolved).toBe(gov1(before).resolved + 1);
    expect(gov1(report).csat.n).toBe(gov1(before).csat.n + 1);
    expect(gov1(report).csat.sum).toBe(gov1(before).csat.sum + 4);
    expect(avaOf(report)).toMatchObject({ resolved: avaOf(before).resolved + 1, escalated: avaOf(before).escalated + 1 });

    // The board's figures, at the same moment.
    expect(report.queues.reduce((n, q) => n + q.resolved, 0)).toBe(board.totals.resolvedToday);
    for (const q of board.queues) expect({ ...q, breached: report.queues.find((x) => x.segment === q.segment && x.tier === q.tier)!.breached }).toEqual(q);
    for (const segment of SEGMENTS) {
      for (const target of ['firstResponse', 'resolution'] as const) {
        const mine = report.queues.filter((q) => q.segment === segment).reduce((a, q) => ({ met: a.met + q[target].met, total: a.total + q[target].total }), { met: 0, total: 0 });
        expect({ segment, target, ...mine }).toEqual({ segment, target, ...board.attainment.find((a) => a.segment === segment && a.target === target)!.today });
      }
    }
    for (const a of board.agents) expect(report.people.find((p) => p.userId === a.userId)?.open).toBe(a.open);
    const drill = await grace.call('supervisor.tickets', { filter: 'resolved' });
    expect(drill.total).toBe(board.totals.resolvedToday);

    // After midnight the day starts again.
    t.clock.t = (Math.floor(t.clock.now() / DAY) + 1) * DAY + MIN;
    const next = await grace.call('supervisor.dayReport', {});
    expect(next.queues.every((q) => q.opened === 0 && q.resolved === 0 && q.csat.n === 0)).toBe(true);
    expect(next.people.every((p) => p.resolved === 0 && p.escalated === 0)).toBe(true);
  });

  it('counts a ticket resolved at 23:30 in the centre\'s zone on that day, and not on the next', async () => {
    // The centre works New York's hours: the calendar most of its policies run on is there.
    const { t, ava, grace } = await centreIn('America/New_York');

    // 18:00 in New York on Monday 7 December 2026 (23:00 UTC): Ava opens a ticket.
    t.clock.t = Date.UTC(2026, 11, 7, 23);
    const phone = t.desk.db.sqlite.prepare(`select phone from customers where segment = 'home' order by name limit 1`).pluck().get() as string;
    const r = await ava.call('lookup.search', { query: phone });
    if (r.kind !== 'match') throw new Error('no home customer in the demo');
    const created = await ava.call('tickets.create', { customerId: r.view.customer.id, subject: 'Laptop will not boot', priority: 'normal' });
    await ava.call('tickets.act', { ticketId: created.ticket.id, command: { type: 'TAKE' } });
    const before = await grace.call('supervisor.dayReport', {});
    const boardBefore = await grace.call('supervisor.overview');
    // 23:30 in New York (04:30 UTC on the 8th): she resolves it.
    t.clock.t = Date.UTC(2026, 11, 8, 4, 30);
    await ava.call('tickets.act', { ticketId: created.ticket.id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'Reset the BIOS' } });
    const late = await grace.call('supervisor.dayReport', {});
    const board = await grace.call('supervisor.overview');
    const resolved = (rep: typeof late) => rep.queues.reduce((n, q) => n + q.resolved, 0);
    expect(late.timeZone).toBe('America/New_York');
    expect(late.day).toBe(Date.UTC(2026, 11, 7) / DAY); // still Monday there
    expect(late.dayStart).toBe(Date.UTC(2026, 11, 7, 5));
    expect(board.day).toEqual({ timeZone: 'America/New_York', day: late.day, start: late.dayStart, end: Date.UTC(2026, 11, 8, 5) });
    expect(resolved(late)).toBe(resolved(before) + 1);
    expect(board.totals.resolvedToday).toBe(resolved(late));
    // The chart's last bar is that Monday, and holds the resolve as "today" and "7 days" do.
    const monday = Date.UTC(2026, 11, 7) / DAY;
    const bar = (o: typeof board, day: number) => o.daily.find((d) => d.day === day && d.segment === 'home' && d.target === 'resolution')?.total ?? 0;
    const homeResolution = (o: typeof board) => o.attainment.find((a) => a.segment === 'home' && a.target === 'resolution')!;
    expect(bar(board, monday)).toBe(bar(boardBefore, monday) + 1);
    expect(bar(board, monday)).toBe(homeResolution(board).today.total);
    expect(homeResolution(board).week.total).toBe(homeResolution(boardBefore).week.total + 1);
    expect(board.daily.every((d) => d.day > monday - 7 && d.day <= monday)).toBe(true);
    const weekDrill = await grace.call('supervisor.tickets', { filter: 'attainment', segment: 'home', target: 'resolution', window: 'week' });
    expect(weekDrill.total).toBe(homeResolution(board).week.total);
    // A record created then too is on Monday's bar of the customer-data chart, its last (today's).
    const trendBefore = (await grace.call('quality.overview', {})).trend;
    await ava.call('customers.create', { customer: { kind: 'person', name: 'Late Caller', segment: 'home', serviceLevel: 'basic', email: 'late@example.com' }, asset: null });
    const trend = (await grace.call('quality.overview', {})).trend;
    expect(trend.at(-1)!.day).toBe(monday);
    expect(trend.at(-1)!.created).toBe((trendBefore.at(-1)!.day === monday ? trendBefore.at(-1)!.created : 0) + 1);

    // 00:30 on Tuesday in New York (05:30 UTC, the same UTC day as the resolve): a new day there.
    t.clock.t = Date.UTC(2026, 11, 8, 5, 30);
    const next = await grace.call('supervisor.dayReport', {});
    expect(next.day).toBe(Date.UTC(2026, 11, 8) / DAY);
    expect(resolved(next)).toBe(0);
    expect((await grace.call('supervisor.overview')).totals.resolvedToday).toBe(0);
    expect((await grace.call('supervisor.tickets', { filter: 'resolved' })).total).toBe(0);
    // Monday's bar keeps it; Tuesday's, today's, does not.
    const tuesday = await grace.call('supervisor.overview');
    expect(bar(tuesday, monday)).toBe(bar(board, monday));
    expect(bar(tuesday, monday + 1)).toBe(homeResolution(tuesday).today.total);
    expect(homeResolution(tuesday).today.total).toBe(0);
  });

  it("draws a resolve just after midnight in Tehran on the new day's bar, as today and the week count it", async () => {
    const { t, ava, grace } = await centreIn('Asia/Tehran');
    // 23:00 in Tehran on Monday 7 December 2026 (19:30 UTC): Ava opens a ticket; at 00:30 on
    // Tuesday there (21:00 UTC, still Monday in UTC) she resolves it.
    t.clock.t = Date.UTC(2026, 11, 7, 19, 30);
    const phone = t.desk.db.sqlite.prepare(`select phone from customers where segment = 'home' order by name limit 1`).pluck().get() as string;
    const r = await ava.call('lookup.search', { query: phone });
    if (r.kind !== 'match') throw new Error('no home customer in the demo');
    const created = await ava.call('tickets.create', { customerId: r.view.customer.id, subject: 'Laptop will not boot', priority: 'normal' });
    await ava.call('tickets.act', { ticketId: created.ticket.id, command: { type: 'TAKE' } });
    const before = await grace.call('supervisor.overview');
    t.clock.t = Date.UTC(2026, 11, 7, 21);
    await ava.call('tickets.act', { ticketId: created.ticket.id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'Reset the BIOS' } });
    const board = await grace.call('supervisor.overview');
    const monday = Date.UTC(2026, 11, 7) / DAY;
    expect(board.day).toMatchObject({ timeZone: 'Asia/Tehran', day: monday + 1, start: Date.UTC(2026, 11, 7, 20, 30) });
    const bar = (o: typeof board, day: number) => o.daily.find((d) => d.day === day && d.segment === 'home' && d.target === 'resolution')?.total ?? 0;
    const home = (o: typeof board) => o.attainment.find((a) => a.segment === 'home' && a.target === 'resolution')!;
    // Tuesday's bar, today's, holds it; Monday's is as it was.
    expect(home(board).today.total).toBe(1);
    expect(bar(board, monday + 1)).toBe(1);
    expect(bar(board, monday)).toBe(bar(before, monday));
    expect(board.daily.filter((d) => d.segment === 'home' && d.target === 'resolution').reduce((n, d) => n + d.total, 0)).toBe(home(board).week.total);
    const weekDrill = await grace.call('supervisor.tickets', { filter: 'attainment', segment: 'home', target: 'resolution', window: 'week' });
    expect(weekDrill.total).toBe(home(board).week.total);
  });

  it('is refused to an agent', async () => {
    const t = await testDesk();
    close = () => t.desk.close();
    const ava = await t.as('Ava Martin');
    await expect(ava.call('supervisor.dayReport', {})).rejects.toThrow();
  });
});

describe('firstIdAt', () => {
  it('sorts before every id made from that millisecond on, and after every id made before it', () => {
    const t = Date.UTC(2026, 11, 7);
    for (let i = 0; i < 50; i++) {
      expect(firstIdAt(t) <= uuidv7(t)).toBe(true);
      expect(firstIdAt(t) > uuidv7(t - 1)).toBe(true);
      expect(firstIdAt(t + 1) > uuidv7(t)).toBe(true);
    }
  });
});
