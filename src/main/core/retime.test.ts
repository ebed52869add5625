import { afterEach, describe, expect, it } from 'vitest';
import type { PushPayload } from '../../shared/api';
import type { OutboxEnvelope } from '../../shared/ticketLog/envelope';
import { defaultPolicies } from '../../shared/sla/defaults';
import { RETIMED_KEY, reasonOf } from './retime';
import { testDesk, type Signed } from './testing/deskHarness';

// A change of business-hours calendar or SLA policy re-times the open tickets that depend on it
// at once (retime.ts): their stored due time, SLA status and next SLA moment, which order the
// queues, count the board and wake the scheduler, with no ticket event; resolved tickets stay
// as they are. The same when the change arrives from the hub (the settings stream's applier).

const MIN = 60_000;
const HOUR = 60 * MIN;
let cleanup: Array<() => void> = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

type Desk = Awaited<ReturnType<typeof testDesk>>;

async function open(): Promise<Desk> {
  const t = await testDesk();
  cleanup.push(() => t.desk.close());
  return t;
}

/** A customer of the government segment at `serviceLevel`, made for the test. */
async function governmentCustomer(ava: Signed, serviceLevel: 'premier' | 'standard', n: number): Promise<string> {
  const { customerId } = await ava.call('customers.create', {
    customer: { kind: 'organisation', name: `Harbour Council ${serviceLevel} ${n}`, segment: 'government', serviceLevel, email: `desk${n}@harbour.example`, phone: `+44 20 7946 09${String(n).padStart(2, '0')}` },
    asset: null,
  });
  return customerId;
}

async function openTicket(ava: Signed, customerId: string, priority: 'urgent' | 'high' | 'normal' | 'low', subject: string) {
  return (await ava.call('tickets.create', { customerId, subject, priority })).ticket;
}

/** The government tier-1 queue, soonest due first: where each of `ids` stands in it. */
async function placesIn(grace: Signed, ids: string[]): Promise<number[]> {
  const rows = (await grace.call('queues.tickets', { segment: 'government', tier: 1, limit: 500 })).rows.map((r) => r.id);
  return ids.map((id) => rows.indexOf(id));
}

function rowOf(t: Desk, id: string) {
  return t.desk.db.sqlite.prepare('SELECT due_at, sla_status, sla_target, sla_next_at, updated_at, version FROM tickets WHERE id = ?').get(id) as { due_at: number | null; sla_status: string; sla_next_at: number | null; version: number };
}

/** The 'sla.retimed' notices `who`'s window heard, once it has heard `count` of them. */
async function retimedNotices(who: Signed, count: number): Promise<Array<PushPayload<'sla.retimed'>>> {
  const heard = () => who.pushes.filter((p) => p.event === 'sla.retimed').map((p) => p.payload as PushPayload<'sla.retimed'>);
  while (heard().length < count) await new Promise((resolve) => setImmediate(resolve));
  return heard();
}

/** The settings the open tickets were last re-timed on, as the desk records them. */
const mark = (t: Desk) => t.desk.db.sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(RETIMED_KEY) as string | undefined;

const openDueTimes = (t: Desk) => new Map((t.desk.db.sqlite.prepare('SELECT id, due_at FROM tickets WHERE is_open = 1').all() as Array<{ id: string; due_at: number | null }>).map((r) => [r.id, r.due_at]));

describe('re-timing open tickets when SLA settings change', () => {
  it('a holiday added to a calendar moves an open ticket’s stored due time and its place in the queue at once, and leaves a resolved ticket alone', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const omar = await t.as('Omar Haddad');
    const grace = await t.as('Grace Chen');
    // Government standard on the office-hours calendar (London, weekdays 08:00-18:00); premier stays around the clock.
    const standard = { ...structuredClone(defaultPolicies.find((p) => p.id === 'education-standard')!), id: 'government-standard', name: 'Government standard', segment: 'government' as const };
    await omar.call('sla.savePolicy', standard);
    await retimedNotices(omar, 1);
    // Monday 2 November 2026, 09:00 in London.
    const start = t.clock.now();
    const onOffice = await openTicket(ava, await governmentCustomer(ava, 'standard', 1), 'normal', 'Badge printers offline');
    const aroundTheClock = await openTicket(ava, await governmentCustomer(ava, 'premier', 2), 'low', 'Archive scanner jams');
    const resolved = await openTicket(ava, await governmentCustomer(ava, 'standard', 3), 'normal', 'Password reset');
    await ava.call('tickets.act', { ticketId: resolved.id, command: { type: 'TAKE' } });
    await ava.call('tickets.act', { ticketId: resolved.id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'Reset on the call.' } });
    // First responses: 4 office hours (13:00), and 8 hours around the clock (17:00).
    expect(onOffice.dueAt).toBe(start + 4 * HOUR);
    expect(aroundTheClock.dueAt).toBe(start + 8 * HOUR);
    expect(await placesIn(grace, [onOffice.id, aroundTheClock.id])).toSatisfy(([a, b]: number[]) => a! >= 0 && a! < b!);
    // A resolved ticket's row is not re-timed: a value no projection gives stays as it is.
    t.desk.db.sqlite.prepare('UPDATE tickets SET due_at = 12345 WHERE id = ?').run(resolved.id);
    const resolvedBefore = rowOf(t, resolved.id);
    const openBefore = openDueTimes(t);

    const calendar = structuredClone((await omar.call('sla.settings')).calendars.find((c) => c.id === 'std-weekdays')!);
    calendar.holidays.push({ date: '2026-11-02', name: 'Election day' });
    const saved = await omar.call('sla.saveCalendar', calendar);
    expect(saved.retiming).toBe(true);
    // The save's window hears when the re-time is done, and how many moved.
    const notice = (await retimedNotices(omar, 2))[1];

    // Closed today: 4 office hours from Tuesday 08:00, now, on its row, with no new event.
    const moved = rowOf(t, onOffice.id);
    expect(moved.due_at).toBe(Date.UTC(2026, 10, 3, 12, 0));
    expect(moved.version).toBe(1);
    const page = await ava.call('tickets.get', { ticketId: onOffice.id });
    expect(page.ticket.dueAt).toBe(Date.UTC(2026, 10, 3, 12, 0));
    expect(page.sla!.targets.find((x) => x.target === 'firstResponse')).toMatchObject({ dueAt: Date.UTC(2026, 10, 3, 12, 0) });
    expect(page.sla!.targets.some((x) => x.heldDueAt !== undefined)).toBe(false);
    // The ticket around the clock is due first now.
    expect(await placesIn(grace, [aroundTheClock.id, onOffice.id])).toSatisfy(([a, b]: number[]) => a! >= 0 && a! < b!);
    expect(rowOf(t, aroundTheClock.id).due_at).toBe(start + 8 * HOUR);
    expect(rowOf(t, resolved.id)).toEqual(resolvedBefore);
    // The notice says how many open tickets' due times moved: this one and the demo's on that calendar.
    const after = openDueTimes(t);
    const changed = [...after].filter(([id, due]) => openBefore.get(id) !== due).length;
    expect(notice).toEqual({ kind: 'calendar', id: 'std-weekdays', name: calendar.name, retimed: changed });
    expect(changed).toBeGreaterThan(1);
    expect(omar.pushes.some((p) => p.event === 'sla.settingsChanged')).toBe(true);
  });

  it('calendars are not versioned: a calendar change is replayed over the time already counted (a holiday added at noon gives back the morning; removed the next day, the ticket is past its deadline at once)', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const omar = await t.as('Omar Haddad');
    const standard = { ...structuredClone(defaultPolicies.find((p) => p.id === 'education-standard')!), id: 'government-standard', name: 'Government standard', segment: 'government' as const };
    await omar.call('sla.savePolicy', standard);
    await retimedNotices(omar, 1);
    // Monday 2 November 2026, 09:00 in London: a first response in 4 office hours, 13:00.
    const start = t.clock.now();
    const ticket = await openTicket(ava, await governmentCustomer(ava, 'standard', 5), 'normal', 'Lift phone silent');
    expect(ticket.dueAt).toBe(start + 4 * HOUR);
    // Noon: 3 of the 4 hours counted, 1 left.
    t.clock.advance(3 * HOUR);
    const firstResponse = async () => (await ava.call('tickets.get', { ticketId: ticket.id })).sla!.targets.find((x) => x.target === 'firstResponse')!;
    expect(await firstResponse()).toMatchObject({ dueAt: start + 4 * HOUR, remainingMs: HOUR });

    // Omar makes today a holiday at noon. The clock replays the whole log on the calendar as it
    // is now, so the morning already counted is given back: 4 hours from Tuesday 08:00, not the 1 left.
    const calendar = structuredClone((await omar.call('sla.settings')).calendars.find((c) => c.id === 'std-weekdays')!);
    await omar.call('sla.saveCalendar', { ...calendar, holidays: [...calendar.holidays, { date: '2026-11-02', name: 'Election day' }] });
    await retimedNotices(omar, 2);
    expect(rowOf(t, ticket.id).due_at).toBe(Date.UTC(2026, 10, 3, 12, 0));
    expect(await firstResponse()).toMatchObject({ dueAt: Date.UTC(2026, 10, 3, 12, 0), remainingMs: 4 * HOUR });

    // Tuesday 10:00 (2 office hours counted since): Omar takes the holiday out again. Monday's
    // morning counts again, so the deadline goes back to Monday 13:00, in the past: breached now.
    t.clock.advance(22 * HOUR);
    await omar.call('sla.saveCalendar', calendar);
    await retimedNotices(omar, 3);
    expect(rowOf(t, ticket.id)).toMatchObject({ due_at: start + 4 * HOUR, sla_status: 'breached' });
    expect(await firstResponse()).toMatchObject({ status: 'breached', dueAt: start + 4 * HOUR });
  });

  it('a policy’s new target moves its open tickets’ due times and queue order; later owes no breach at the old time, earlier into the past is breached by the scheduler', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const omar = await t.as('Omar Haddad');
    const grace = await t.as('Grace Chen');
    const start = t.clock.now();
    const customerId = await governmentCustomer(ava, 'premier', 4);
    const high = await openTicket(ava, customerId, 'high', 'Council chamber mics dead');
    const normal = await openTicket(ava, customerId, 'normal', 'Print queue stuck');
    // Government premier, around the clock: first response in 1 hour (high) and 4 hours (normal).
    expect([high.dueAt, normal.dueAt]).toEqual([start + HOUR, start + 4 * HOUR]);
    expect(await placesIn(grace, [high.id, normal.id])).toSatisfy(([a, b]: number[]) => a! >= 0 && a! < b!);

    const policy = structuredClone(defaultPolicies.find((p) => p.id === 'government-premier')!);
    policy.targets.high.firstResponse = 5 * 60;
    expect((await omar.call('sla.savePolicy', policy)).retiming).toBe(true);
    expect((await retimedNotices(omar, 1))[0]!.retimed).toBeGreaterThanOrEqual(1);
    expect(rowOf(t, high.id)).toMatchObject({ due_at: start + 5 * HOUR, sla_next_at: start + 5 * HOUR * 0.75, version: 1 });
    expect(rowOf(t, normal.id).due_at).toBe(start + 4 * HOUR);
    expect(await placesIn(grace, [normal.id, high.id])).toSatisfy(([a, b]: number[]) => a! >= 0 && a! < b!);
    // Past the old deadline: no warning or breach is owed (nor sent) on it.
    await ava.call('dev.advanceClock', { ms: HOUR + MIN });
    let page = await ava.call('tickets.get', { ticketId: high.id });
    expect(page.timeline.filter((e) => e.type.startsWith('SLA_'))).toEqual([]);
    expect(page.ticket).toMatchObject({ tier: 1, dueAt: start + 5 * HOUR, sla: { status: 'ok' } });

    // Back to 30 minutes: the deadline is in the past. The row says so, and the scheduler sends
    // the breach as it sends any (escalated, with the deadline the new target gives).
    policy.targets.high.firstResponse = 30;
    await omar.call('sla.savePolicy', policy);
    await retimedNotices(omar, 2);
    expect(rowOf(t, high.id)).toMatchObject({ due_at: start + 30 * MIN, sla_status: 'breached' });
    expect(rowOf(t, high.id).sla_next_at).toBeLessThanOrEqual(t.clock.now());
    await ava.call('dev.advanceClock', { ms: 0 });
    page = await ava.call('tickets.get', { ticketId: high.id });
    expect(page.timeline.filter((e) => e.type === 'SLA_BREACH')).toMatchObject([{ actorId: 'system', payload: { target: 'firstResponse', dueAt: start + 30 * MIN } }]);
    expect(page.ticket.tier).toBe(2);
  });

  it('a calendar change that arrives from the hub re-times the open tickets on it as a change made here does', async () => {
    const a = await open();
    const b = await open();
    const omarA = await a.as('Omar Haddad');
    const avaB = await b.as('Ava Martin');
    const start = b.clock.now();
    const ticket = await openTicket(avaB, await governmentCustomer(avaB, 'premier', 5), 'normal', 'Kiosk frozen');
    expect(ticket.dueAt).toBe(start + 4 * HOUR);

    // On desk A: today is a holiday on the around-the-clock calendar.
    const calendar = structuredClone((await omarA.call('sla.settings')).calendars.find((c) => c.id === '24x7')!);
    calendar.holidays.push({ date: '2026-11-02', name: 'Election day' });
    await omarA.call('sla.saveCalendar', calendar);
    const sent = a.desk.db.sqlite.prepare("SELECT body FROM outbox WHERE stream = 'settings'").pluck().all() as string[];
    expect(sent).toHaveLength(1);
    // Desk B takes it as its sync engine takes what the hub accepted.
    const envelope = { ...(JSON.parse(sent[0]!) as OutboxEnvelope), globalSeq: 1 };
    b.desk.streams.get('settings')!.apply([envelope]);
    await b.desk.retime.idle();

    // Closed all of Monday: 4 hours from Tuesday 00:00 UTC, on the row, the queue and the page.
    const due = Date.UTC(2026, 10, 3, 4, 0);
    expect(rowOf(b, ticket.id)).toMatchObject({ due_at: due, version: 1 });
    const graceB = await b.as('Grace Chen');
    const row = (await graceB.call('queues.tickets', { segment: 'government', tier: 1, limit: 500 })).rows.find((r) => r.id === ticket.id);
    expect(row?.dueAt).toBe(due);
    expect((await avaB.call('tickets.get', { ticketId: ticket.id })).sla!.targets.some((x) => x.heldDueAt !== undefined)).toBe(false);
  });
  it('a save answers once the settings are saved, before the re-time it sets off; only the saving window hears that it is done', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const omar = await t.as('Omar Haddad');
    const omarElsewhere = await t.as('Omar Haddad');
    const start = t.clock.now();
    const ticket = await openTicket(ava, await governmentCustomer(ava, 'premier', 6), 'normal', 'Kiosk frozen');
    expect(ticket.dueAt).toBe(start + 4 * HOUR);
    const openBefore = openDueTimes(t);

    const calendar = structuredClone((await omar.call('sla.settings')).calendars.find((c) => c.id === '24x7')!);
    calendar.holidays.push({ date: '2026-11-02', name: 'Election day' });
    const saved = await omar.call('sla.saveCalendar', calendar);
    // Answered: saved, and a re-time under way, not done (no row moved, nothing heard of it yet).
    expect(saved).toMatchObject({ id: '24x7', retiming: true });
    expect(omar.pushes.some((p) => p.event === 'sla.retimed')).toBe(false);
    expect(openDueTimes(t)).toEqual(openBefore);
    expect((await omar.call('sla.settings')).calendars.find((c) => c.id === '24x7')!.holidays).toContainEqual({ date: '2026-11-02', name: 'Election day' });

    const [notice] = await retimedNotices(omar, 1);
    const after = openDueTimes(t);
    expect(after.get(ticket.id)).toBe(Date.UTC(2026, 10, 3, 4, 0));
    expect(notice).toEqual({ kind: 'calendar', id: '24x7', name: calendar.name, retimed: [...after].filter(([id, due]) => openBefore.get(id) !== due).length });
    // The admin's other window hears that the settings changed, not of this save's re-time.
    expect(omarElsewhere.pushes.some((p) => p.event === 'sla.settingsChanged')).toBe(true);
    expect(omarElsewhere.pushes.some((p) => p.event === 'sla.retimed')).toBe(false);

    // A save that changes nothing sets off no re-time.
    expect(await omar.call('sla.saveCalendar', calendar)).toMatchObject({ retiming: false });
  });

  it('two saves in quick succession, the second while the first one’s re-time runs, leave every open ticket on the newest settings', async () => {
    // Some 90 open tickets of the government segment on the calendar: re-timed 64 at a time.
    const t = await testDesk({ demoCustomers: 400 });
    cleanup.push(() => t.desk.close());
    const ava = await t.as('Ava Martin');
    const omar = await t.as('Omar Haddad');
    const ticket = await openTicket(ava, await governmentCustomer(ava, 'premier', 7), 'normal', 'Kiosk frozen');
    const openBefore = openDueTimes(t);
    const calendar = structuredClone((await omar.call('sla.settings')).calendars.find((c) => c.id === '24x7')!);
    calendar.holidays.push({ date: '2026-11-02', name: 'Election day' });
    expect((await omar.call('sla.saveCalendar', calendar)).retiming).toBe(true);
    // The first re-time has moved some rows, not all of them, when the second save comes.
    while (![...openDueTimes(t)].some(([id, due]) => openBefore.get(id) !== due)) await new Promise((resolve) => setImmediate(resolve));
    expect(omar.pushes.some((p) => p.event === 'sla.retimed')).toBe(false);
    calendar.holidays.push({ date: '2026-11-03', name: 'Count day' });
    expect((await omar.call('sla.saveCalendar', calendar)).retiming).toBe(true);

    const notices = await retimedNotices(omar, 2);
    expect(notices.map((n) => n.id)).toEqual(['24x7', '24x7']);
    // Closed Monday and Tuesday: 4 hours from Wednesday 00:00 UTC.
    expect(rowOf(t, ticket.id)).toMatchObject({ due_at: Date.UTC(2026, 10, 4, 4, 0), version: 1 });
    // Every open ticket on the calendar holds the due time its log gives on the calendar as it is now.
    const onIt = t.desk.db.sqlite.prepare("SELECT id FROM tickets WHERE is_open = 1 AND sla_calendar_id = '24x7'").pluck().all() as string[];
    expect(onIt.length).toBeGreaterThan(64);
    for (const id of onIt) {
      const page = await omar.call('tickets.get', { ticketId: id });
      expect(page.sla!.targets.filter((x) => x.heldDueAt !== undefined)).toEqual([]);
    }
  });

  it('a re-time that fails is shown to the admin (the saving window and the settings page, with why), and “Try again” re-times the open tickets', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const omar = await t.as('Omar Haddad');
    const omarElsewhere = await t.as('Omar Haddad');
    const start = t.clock.now();
    const ticket = await openTicket(ava, await governmentCustomer(ava, 'premier', 8), 'normal', 'Kiosk frozen');
    expect(ticket.dueAt).toBe(start + 4 * HOUR);
    const markBefore = mark(t);
    // The desk's file refuses the re-time's writes (as a full or locked disk would).
    t.desk.db.sqlite.exec("CREATE TEMP TRIGGER zz_refuse_retime BEFORE UPDATE ON tickets BEGIN SELECT RAISE(ABORT, 'the test refuses this write'); END");
    const calendar = structuredClone((await omar.call('sla.settings')).calendars.find((c) => c.id === '24x7')!);
    calendar.holidays.push({ date: '2026-11-02', name: 'Election day' });
    expect((await omar.call('sla.saveCalendar', calendar)).retiming).toBe(true);
    // The saving window is told, with the reason; no 'done' notice.
    const heard = () => omar.pushes.filter((p) => p.event === 'sla.retimeFailed').map((p) => p.payload as PushPayload<'sla.retimeFailed'>);
    while (heard().length === 0) await new Promise((resolve) => setImmediate(resolve));
    const told = heard();
    expect(told).toMatchObject([{ kind: 'calendar', id: '24x7', name: calendar.name, failure: { reason: 'other', detail: expect.stringContaining('the test refuses this write') } }]);
    expect(omar.pushes.some((p) => p.event === 'sla.retimed')).toBe(false);
    // Every settings page reads again and shows it; the ticket keeps its old due time.
    expect(omarElsewhere.pushes.some((p) => p.event === 'sla.settingsChanged' && (p.payload as PushPayload<'sla.settingsChanged'>).retimeFailure)).toBe(true);
    expect((await omarElsewhere.call('sla.settings')).retimeFailure).toMatchObject({ reason: 'other', at: t.clock.now() });
    expect(rowOf(t, ticket.id).due_at).toBe(start + 4 * HOUR);
    // Not recorded as done: the next opening re-times everything again.
    expect(mark(t)).toBe(markBefore);
    // Only admins may try again.
    await expect(ava.call('sla.retryRetime')).rejects.toMatchObject({ code: 'forbidden' });

    // The cause gone, “Try again” re-times every open ticket, and the notice goes.
    t.desk.db.sqlite.exec('DROP TRIGGER zz_refuse_retime');
    const retried = await omarElsewhere.call('sla.retryRetime');
    expect(retried.failure).toBeNull();
    expect(retried.retimed).toBeGreaterThanOrEqual(1);
    expect(rowOf(t, ticket.id).due_at).toBe(Date.UTC(2026, 10, 3, 4, 0));
    expect((await omar.call('sla.settings')).retimeFailure).toBeUndefined();
    expect(mark(t)).not.toBe(markBefore);
  });

  it('a retry that fails again says so, and keeps the notice', async () => {
    const t = await open();
    const omar = await t.as('Omar Haddad');
    t.desk.db.sqlite.exec("CREATE TEMP TRIGGER zz_refuse_retime BEFORE UPDATE ON tickets BEGIN SELECT RAISE(ABORT, 'the test refuses this write'); END");
    const policy = structuredClone(defaultPolicies.find((p) => p.id === 'government-premier')!);
    policy.targets.normal.firstResponse = 6 * 60;
    await omar.call('sla.savePolicy', policy);
    await t.desk.retime.idle();
    expect((await omar.call('sla.settings')).retimeFailure).toBeDefined();
    expect(await omar.call('sla.retryRetime')).toMatchObject({ retimed: 0, failure: { reason: 'other' } });
    expect((await omar.call('sla.settings')).retimeFailure).toBeDefined();
  });

  it('says why a re-time failed in the words an admin can act on', () => {
    const coded = (code: string) => Object.assign(new Error(code), { code });
    expect(['SQLITE_FULL', 'SQLITE_BUSY', 'SQLITE_LOCKED_SHAREDCACHE', 'SQLITE_READONLY_DBMOVED', 'SQLITE_IOERR_WRITE', 'SQLITE_CORRUPT', 'SQLITE_CONSTRAINT_TRIGGER'].map((c) => reasonOf(coded(c)))).toEqual(['full', 'busy', 'busy', 'readOnly', 'disk', 'disk', 'other']);
  });

  it('saves made while a long re-time runs start at most one more, on the newest settings', async () => {
    // Some 90 open tickets of the government segment on the calendar: re-timed 64 at a time.
    const t = await testDesk({ demoCustomers: 400 });
    cleanup.push(() => t.desk.close());
    const ava = await t.as('Ava Martin');
    const omar = await t.as('Omar Haddad');
    const ticket = await openTicket(ava, await governmentCustomer(ava, 'premier', 9), 'normal', 'Kiosk frozen');
    const openBefore = openDueTimes(t);
    const before = t.desk.retime.started();
    const calendar = structuredClone((await omar.call('sla.settings')).calendars.find((c) => c.id === '24x7')!);
    calendar.holidays.push({ date: '2026-11-02', name: 'Election day' });
    expect((await omar.call('sla.saveCalendar', calendar)).retiming).toBe(true);
    // The first re-time is under way (some rows moved) when three more saves come.
    while (![...openDueTimes(t)].some(([id, due]) => openBefore.get(id) !== due)) await new Promise((resolve) => setImmediate(resolve));
    for (const date of ['2026-11-03', '2026-11-04', '2026-11-05']) {
      calendar.holidays.push({ date, name: `Count day ${date}` });
      expect((await omar.call('sla.saveCalendar', calendar)).retiming).toBe(true);
    }
    expect(omar.pushes.some((p) => p.event === 'sla.retimed')).toBe(false);
    await t.desk.retime.idle();
    expect(t.desk.retime.started() - before).toBe(2);
    // Every saving window still hears that its save's re-time is done.
    expect(await retimedNotices(omar, 4)).toHaveLength(4);
    // Closed Monday to Thursday: 4 hours from Friday 00:00 UTC.
    expect(rowOf(t, ticket.id)).toMatchObject({ due_at: Date.UTC(2026, 10, 6, 4, 0), version: 1 });
    const onIt = t.desk.db.sqlite.prepare("SELECT id FROM tickets WHERE is_open = 1 AND sla_calendar_id = '24x7'").pluck().all() as string[];
    expect(onIt.length).toBeGreaterThan(64);
    for (const id of onIt) {
      const page = await omar.call('tickets.get', { ticketId: id });
      expect(page.sla!.targets.filter((x) => x.heldDueAt !== undefined)).toEqual([]);
    }
  });

  it('a change no deadline follows (a name, a holiday’s name, the dates’ display) re-times nothing', async () => {
    const t = await open();
    const omar = await t.as('Omar Haddad');
    const before = t.desk.retime.started();
    const settings = await omar.call('sla.settings');
    const calendar = structuredClone(settings.calendars.find((c) => c.id === 'std-weekdays')!);
    calendar.name = 'Office hours (London)';
    calendar.displayCalendar = calendar.displayCalendar === 'persian' ? 'gregory' : 'persian';
    expect(await omar.call('sla.saveCalendar', calendar)).toMatchObject({ name: 'Office hours (London)', retiming: false });
    const withHoliday = structuredClone((await omar.call('sla.settings')).calendars.find((c) => c.id === '24x7')!);
    withHoliday.holidays.push({ date: '2026-12-25', name: 'Christmas' });
    expect((await omar.call('sla.saveCalendar', withHoliday)).retiming).toBe(true);
    await t.desk.retime.idle();
    withHoliday.holidays = withHoliday.holidays.map((h) => (h.date === '2026-12-25' ? { ...h, name: 'Christmas Day' } : h));
    expect((await omar.call('sla.saveCalendar', withHoliday)).retiming).toBe(false);
    const policy = structuredClone(defaultPolicies.find((p) => p.id === 'government-premier')!);
    policy.name = 'Government premier (councils)';
    expect(await omar.call('sla.savePolicy', policy)).toMatchObject({ name: 'Government premier (councils)', retiming: false });
    await t.desk.retime.idle();
    // One re-time: the holiday's date; the renames ran none.
    expect(t.desk.retime.started() - before).toBe(1);
    // A target is timing: that one re-times.
    policy.targets.low.resolution += 60;
    expect((await omar.call('sla.savePolicy', policy)).retiming).toBe(true);
  });

  it('a ticket warned of its deadline and re-timed to a later one is warned again when at risk of the new one, not at once; moved into the past it is breached', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const omar = await t.as('Omar Haddad');
    const start = t.clock.now();
    const ticket = await openTicket(ava, await governmentCustomer(ava, 'premier', 10), 'normal', 'Kiosk frozen');
    // First response in 4 hours, at risk from 3 hours.
    await ava.call('dev.advanceClock', { ms: 3 * HOUR + MIN });
    const sla = async () => (await ava.call('tickets.get', { ticketId: ticket.id })).timeline.filter((e) => e.type.startsWith('SLA_'));
    expect(await sla()).toMatchObject([{ type: 'SLA_WARNING', payload: { target: 'firstResponse', dueAt: start + 4 * HOUR } }]);

    const policy = structuredClone(defaultPolicies.find((p) => p.id === 'government-premier')!);
    policy.targets.normal.firstResponse = 8 * 60;
    await omar.call('sla.savePolicy', policy);
    await t.desk.retime.idle();
    await ava.call('dev.advanceClock', { ms: 0 });
    // Due at 8 hours now, at risk from 6: no second warning yet.
    expect(rowOf(t, ticket.id)).toMatchObject({ due_at: start + 8 * HOUR, sla_status: 'ok', sla_next_at: start + 6 * HOUR });
    expect(await sla()).toHaveLength(1);
    await ava.call('dev.advanceClock', { ms: 3 * HOUR });
    expect((await sla()).map((e) => [e.type, e.payload.dueAt])).toEqual([['SLA_WARNING', start + 4 * HOUR], ['SLA_WARNING', start + 8 * HOUR]]);

    // Back to 4 hours: the deadline is behind it; breached at once, no third warning.
    policy.targets.normal.firstResponse = 4 * 60;
    await omar.call('sla.savePolicy', policy);
    await t.desk.retime.idle();
    await ava.call('dev.advanceClock', { ms: 0 });
    expect((await sla()).map((e) => [e.type, e.payload.dueAt])).toEqual([['SLA_WARNING', start + 4 * HOUR], ['SLA_WARNING', start + 8 * HOUR], ['SLA_BREACH', start + 4 * HOUR]]);
  });
  it('a ticket that breached its target and is re-timed to a later one is not breached (nor escalated, nor warned) again at the new deadline', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const omar = await t.as('Omar Haddad');
    const start = t.clock.now();
    const ticket = await openTicket(ava, await governmentCustomer(ava, 'premier', 11), 'normal', 'Council tablets offline');
    // First response in 4 hours: warned at 3, breached at 4 and moved up to tier 2.
    await ava.call('dev.advanceClock', { ms: 3 * HOUR + MIN });
    await ava.call('dev.advanceClock', { ms: HOUR });
    const sla = async () => (await ava.call('tickets.get', { ticketId: ticket.id })).timeline.filter((e) => e.type.startsWith('SLA_')).map((e) => [e.type, e.payload.target, e.payload.dueAt]);
    const breached = [['SLA_WARNING', 'firstResponse', start + 4 * HOUR], ['SLA_BREACH', 'firstResponse', start + 4 * HOUR]];
    expect(await sla()).toEqual(breached);
    expect((await ava.call('tickets.get', { ticketId: ticket.id })).ticket.tier).toBe(2);
    const grace = await t.as('Grace Chen');
    const board = async () => (await grace.call('supervisor.overview', {})).totals.breached;
    const breachedOnBoard = await board();
    expect(breachedOnBoard).toBeGreaterThan(0);

    // A minute later an admin lengthens the target to 8 hours: the breach stands, and is not owed again.
    await ava.call('dev.advanceClock', { ms: MIN });
    const policy = structuredClone(defaultPolicies.find((p) => p.id === 'government-premier')!);
    policy.targets.normal.firstResponse = 8 * 60;
    await omar.call('sla.savePolicy', policy);
    await t.desk.retime.idle();
    await ava.call('dev.advanceClock', { ms: 0 });
    // Only the resolution clock (24 hours, at risk from 18) is owed anything now.
    expect(rowOf(t, ticket.id).sla_next_at).toBe(start + 18 * HOUR);
    // Still breached, due when it breached, on its row (queues, the board's counts), its queue row and its page.
    const stillBreached = async (pastMs: number) => {
      expect(rowOf(t, ticket.id)).toMatchObject({ sla_status: 'breached', sla_target: 'firstResponse', due_at: start + 4 * HOUR });
      const row = (await grace.call('queues.tickets', { segment: 'government', tier: 2, limit: 500 })).rows.find((r) => r.id === ticket.id);
      expect(row?.sla).toMatchObject({ status: 'breached', target: 'firstResponse', remainingMs: -pastMs });
      const page = (await ava.call('tickets.get', { ticketId: ticket.id })).sla!.targets.find((x) => x.target === 'firstResponse');
      expect(page).toMatchObject({ status: 'breached', dueAt: start + 4 * HOUR, targetMs: 4 * HOUR, remainingMs: -pastMs, policy: { version: 1 } });
    };
    // Past the 4-hour deadline (it breached then), whatever the policy says now, judged by the policy it breached under.
    await stillBreached(2 * MIN);
    // The board counts it breached still (the demo's other tickets did not move in the meantime).
    expect(await board()).toBe(breachedOnBoard);
    await ava.call('dev.advanceClock', { ms: 4 * HOUR });
    expect(await sla()).toEqual(breached);
    expect((await ava.call('tickets.get', { ticketId: ticket.id })).ticket.tier).toBe(2);
    await stillBreached(4 * HOUR + 2 * MIN);
  });
});

