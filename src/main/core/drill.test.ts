import { afterEach, describe, expect, it } from 'vitest';
import type { AttainmentWindow, DrillResult } from '../../shared/api';
import { SEGMENTS, TIERS } from '../../shared/domain';
import { testDesk, type Signed } from './testing/deskHarness';

// Every number on the supervisor's board opens the tickets behind it, and the drawer's
// count is the number that was clicked: same conditions, same UTC days as overview().

const MIN = 60_000;
const DAY = 86_400_000;
let close: (() => void) | undefined;
afterEach(() => close?.());

async function open() {
  const t = await testDesk();
  close = () => t.desk.close();
  return t;
}

/** A government ticket, taken (first response met), then resolved `after` ms later. */
async function resolvedTicket(t: Awaited<ReturnType<typeof open>>, ava: Signed, afterMs: number) {
  const phone = t.desk.db.sqlite.prepare(`select phone from customers where segment = 'government' and service_level = 'premier' order by name limit 1`).pluck().get() as string;
  const r = await ava.call('lookup.search', { query: phone });
  if (r.kind !== 'match') throw new Error('no government customer in the demo');
  const created = await ava.call('tickets.create', { customerId: r.view.customer.id, subject: 'Docking stations drop the network', priority: 'urgent' });
  await ava.call('tickets.act', { ticketId: created.ticket.id, command: { type: 'TAKE' } });
  t.clock.advance(afterMs);
  await ava.call('tickets.act', { ticketId: created.ticket.id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'Driver rolled back' } });
  return created.ticket.id;
}

async function expectAttainmentDrillsMatch(grace: Signed) {
  const board = await grace.call('supervisor.overview');
  let checked = 0;
  for (const a of board.attainment) {
    for (const window of ['today', 'week'] as const satisfies readonly AttainmentWindow[]) {
      const tally = window === 'today' ? a.today : a.week;
      const d = await grace.call('supervisor.tickets', { filter: 'attainment', segment: a.segment, target: a.target, window });
      expect({ segment: a.segment, target: a.target, window, total: d.total, met: d.met }).toEqual({ segment: a.segment, target: a.target, window, total: tally.total, met: tally.met });
      expect(d.rows).toHaveLength(Math.min(tally.total, 500));
      expect(d.rows.every((r) => r.outcome?.target === a.target && r.segment === a.segment)).toBe(true);
      // Missed first.
      const flags = d.rows.map((r) => r.outcome!.met);
      expect(flags).toEqual([...flags].sort((x, y) => Number(x) - Number(y)));
      checked += tally.total;
    }
  }
  return checked;
}

describe('drill-downs behind every number on the board', () => {
  it('lists exactly the outcomes behind each attainment figure, today and over 7 days, missed first', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const grace = await t.as('Grace Chen');
    // Met today: resolved well within the urgent 4 h; missed today: resolved after 9 h.
    const met = await resolvedTicket(t, ava, 20 * MIN);
    const missed = await resolvedTicket(t, ava, 9 * 60 * MIN);
    expect(await expectAttainmentDrillsMatch(grace)).toBeGreaterThan(0);

    const today = await grace.call('supervisor.tickets', { filter: 'attainment', segment: 'government', target: 'resolution', window: 'today' });
    const outcomeOf = (id: string) => today.rows.find((r) => r.id === id)?.outcome;
    expect(outcomeOf(met)).toMatchObject({ met: true, target: 'resolution' });
    expect(outcomeOf(missed)).toMatchObject({ met: false, target: 'resolution' });
    expect(today.rows[0]?.outcome?.met).toBe(false);

    // Across UTC midnight "today" starts again and "7 days" keeps it, on the board and in the drill.
    t.clock.t = (Math.floor(t.clock.now() / DAY) + 1) * DAY + 60 * MIN;
    await expectAttainmentDrillsMatch(grace);
    const after = await grace.call('supervisor.tickets', { filter: 'attainment', segment: 'government', target: 'resolution', window: 'today' });
    expect(after.rows.some((r) => r.id === met || r.id === missed)).toBe(false);
    const week = await grace.call('supervisor.tickets', { filter: 'attainment', segment: 'government', target: 'resolution', window: 'week' });
    expect(week.rows.map((r) => r.id)).toEqual(expect.arrayContaining([met, missed]));

    // Eight days on, both have left the 7-day window.
    t.clock.advance(7 * DAY);
    await expectAttainmentDrillsMatch(grace);

    // The SLA scheduler's first tick of the day clears the drill-down's table (sla_recent) of
    // what is older than the 8 days it keeps; an agent's write does not wait on it. Before and
    // after, the drawers hold exactly the board's numbers.
    const older = () => t.desk.db.sqlite.prepare('select count(*) from sla_recent where done_at < ?').pluck().get((Math.floor(t.clock.now() / DAY) - 7) * DAY) as number;
    expect(older()).toBeGreaterThan(0);
    const fresh = await resolvedTicket(t, ava, 20 * MIN);
    expect(older()).toBeGreaterThan(0);
    expect(await expectAttainmentDrillsMatch(grace)).toBeGreaterThan(0);
    t.desk.scheduler.tick();
    expect(older()).toBe(0);
    expect(await expectAttainmentDrillsMatch(grace)).toBeGreaterThan(0);
    const latest = await grace.call('supervisor.tickets', { filter: 'attainment', segment: 'government', target: 'resolution', window: 'today' });
    expect(latest.rows.map((r) => r.id)).toContain(fresh);
  });

  it('counts each ticket resolved today once on the board, however often it was reopened and resolved again', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const grace = await t.as('Grace Chen');
    const before = (await grace.call('supervisor.overview')).totals.resolvedToday;
    const id = await resolvedTicket(t, ava, 20 * MIN);
    expect((await grace.call('supervisor.overview')).totals.resolvedToday).toBe(before + 1);
    // The caller rings back: reopened, then fixed again the same day. Still one ticket resolved.
    t.clock.advance(30 * MIN);
    await ava.call('tickets.act', { ticketId: id, command: { type: 'REOPEN', note: 'The network drops again.' } });
    expect((await grace.call('supervisor.overview')).totals.resolvedToday).toBe(before);
    t.clock.advance(10 * MIN);
    await ava.call('tickets.act', { ticketId: id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'Firmware updated' } });
    expect((await grace.call('supervisor.overview')).totals.resolvedToday).toBe(before + 1);
  });

  it('opens the tickets behind "Resolved today", each once, as many as the board counts', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const grace = await t.as('Grace Chen');
    const id = await resolvedTicket(t, ava, 20 * MIN);
    t.clock.advance(30 * MIN);
    await ava.call('tickets.act', { ticketId: id, command: { type: 'REOPEN', note: 'The network drops again.' } });
    const reopened = await grace.call('supervisor.tickets', { filter: 'resolved' });
    expect(reopened.rows.map((r) => r.id)).not.toContain(id);
    await ava.call('tickets.act', { ticketId: id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'Firmware updated' } });
    const board = await grace.call('supervisor.overview');
    const d = await grace.call('supervisor.tickets', { filter: 'resolved' });
    expect(d.total).toBe(board.totals.resolvedToday);
    expect(d.rows).toHaveLength(Math.min(board.totals.resolvedToday, 500));
    expect(new Set(d.rows.map((r) => r.id)).size).toBe(d.rows.length);
    expect(d.rows.filter((r) => r.id === id)).toHaveLength(1);
    expect(d.rows.every((r) => r.state === 'resolved' || r.state === 'closed')).toBe(true);
  });

  it('opens the scored tickets behind each satisfaction cell, as many as the cell counts, lowest first', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const grace = await t.as('Grace Chen');
    const id = await resolvedTicket(t, ava, 20 * MIN);
    await ava.call('csat.record', { ticketId: id, score: 1, comment: 'Still slow' });
    const cells = (await grace.call('csat.board', {})).cells;
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) {
      const d = await grace.call('supervisor.tickets', { filter: 'csat', segment: c.segment, tier: c.tier });
      expect({ segment: c.segment, tier: c.tier, total: d.total, rows: d.rows.length }).toEqual({ segment: c.segment, tier: c.tier, total: c.n, rows: Math.min(c.n, 500) });
      expect(d.rows.every((r) => r.segment === c.segment && r.tier === c.tier && r.score !== undefined)).toBe(true);
      const scores = d.rows.map((r) => r.score!.score);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
    }
    const gov = await grace.call('supervisor.tickets', { filter: 'csat', segment: 'government', tier: 1 });
    expect(gov.rows[0]).toMatchObject({ id, score: { score: 1 } });
  });

  it('opens each agent’s open tickets, as many as their load', async () => {
    const t = await open();
    const grace = await t.as('Grace Chen');
    const board = await grace.call('supervisor.overview');
    expect(board.agents.some((a) => a.open > 0)).toBe(true);
    for (const a of board.agents) {
      const d = await grace.call('supervisor.tickets', { filter: 'agent', assigneeId: a.userId });
      expect({ name: a.name, total: d.total, rows: d.rows.length }).toEqual({ name: a.name, total: a.open, rows: a.open });
      expect(d.rows.every((r) => r.assigneeId === a.userId && r.state !== 'closed')).toBe(true);
      // Oldest first, when asked: the same tickets, the one waiting longest on top.
      const oldest = await grace.call('supervisor.tickets', { filter: 'agent', assigneeId: a.userId, order: 'age' });
      expect(oldest.total).toBe(d.total);
      expect(oldest.rows.map((r) => r.id).sort()).toEqual(d.rows.map((r) => r.id).sort());
      const created = oldest.rows.map((r) => r.createdAt);
      expect(created, a.name).toEqual([...created].sort((x, y) => x - y));
    }
  });

  it('gives each person their at-risk and breached tickets, equal to the drawers behind them, moving on take, warning, breach and escalation', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const sam = await t.as('Sam Rivera');
    const grace = await t.as('Grace Chen');
    const figures = async (name: string) => {
      const a = (await grace.call('supervisor.overview')).agents.find((x) => x.name === name)!;
      return { open: a.open, atRisk: a.atRisk, breached: a.breached };
    };
    const sql = t.desk.db.sqlite;
    /**
     * Every person's figures equal the drawers they open (as many rows as the figure, all theirs
     * and in that state) and a count of the tickets themselves; returns the drawers' ticket ids.
     */
    const drawersMatch = async () => {
      const board = await grace.call('supervisor.overview');
      const ids = new Map<string, string[]>();
      for (const a of board.agents) {
        for (const sla of ['atRisk', 'breached'] as const) {
          const d = await grace.call('supervisor.tickets', { filter: 'agent', assigneeId: a.userId, sla });
          const counted = sql.prepare(`select count(*) from tickets where is_open = 1 and sla_status = ? and assignee_id = ?`).pluck().get(sla, a.userId);
          expect({ name: a.name, sla, total: d.total, rows: d.rows.length, counted }).toEqual({ name: a.name, sla, total: a[sla], rows: a[sla], counted: a[sla] });
          expect(d.rows.every((r) => r.assigneeId === a.userId && r.sla?.status === sla)).toBe(true);
          ids.set(`${a.name}/${sla}`, d.rows.map((r) => r.id));
        }
      }
      return ids;
    };
    await drawersMatch();
    const phone = sql.prepare(`select phone from customers where segment = 'government' and service_level = 'premier' order by name limit 1`).pluck().get() as string;
    const found = await ava.call('lookup.search', { query: phone });
    if (found.kind !== 'match') throw new Error('no government customer in the demo');
    const id = (await ava.call('tickets.create', { customerId: found.view.customer.id, subject: 'Payroll laptops will not boot', priority: 'high' })).ticket.id;

    // Taken: hers, on track (no time passes, so the other tickets stand still).
    const ava0 = await figures('Ava Martin');
    await ava.call('tickets.act', { ticketId: id, command: { type: 'TAKE' } });
    expect(await figures('Ava Martin')).toEqual({ ...ava0, open: ava0.open + 1 });
    // 75 % of the 8 h resolution target gone: at risk, in her figure's drawer.
    await ava.call('dev.advanceClock', { ms: 6 * 60 * MIN + 1 });
    expect((await drawersMatch()).get('Ava Martin/atRisk')).toContain(id);
    // Breached: it moves up to tier 2, unassigned, and leaves her figures.
    await ava.call('dev.advanceClock', { ms: 2 * 60 * MIN });
    const afterBreach = await drawersMatch();
    expect([...afterBreach.values()].flat()).not.toContain(id);
    // Sam takes it: one more breached ticket of his.
    const sam0 = await figures('Sam Rivera');
    await sam.call('tickets.act', { ticketId: id, command: { type: 'TAKE' } });
    expect(await figures('Sam Rivera')).toEqual({ open: sam0.open + 1, atRisk: sam0.atRisk, breached: sam0.breached + 1 });
    expect((await drawersMatch()).get('Sam Rivera/breached')).toContain(id);
    // He escalates it to tier 3: it leaves his figures.
    await sam.call('tickets.act', { ticketId: id, command: { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'Firmware needs tier 3' } });
    expect(await figures('Sam Rivera')).toEqual(sam0);
    expect([...(await drawersMatch()).values()].flat()).not.toContain(id);
  });

  it('opens a queue oldest first behind its "oldest" figure, and keeps the counts equal to the board', async () => {
    const t = await open();
    const grace = await t.as('Grace Chen');
    const board = await grace.call('supervisor.overview');
    const counts = (d: DrillResult) => d.total;
    for (const segment of SEGMENTS) {
      for (const tier of TIERS) {
        const q = board.queues.find((x) => x.segment === segment && x.tier === tier)!;
        const oldest = await grace.call('supervisor.tickets', { filter: 'open', segment, tier, order: 'age' });
        expect(counts(oldest)).toBe(q.open);
        expect(oldest.rows[0]?.createdAt ?? null).toBe(q.oldestAt);
        const created = oldest.rows.map((r) => r.createdAt);
        expect(created).toEqual([...created].sort((a, b) => a - b));
        for (const filter of ['unassigned', 'atRisk', 'breached'] as const) {
          expect(counts(await grace.call('supervisor.tickets', { filter, segment, tier }))).toBe(q[filter]);
        }
      }
    }
    expect(counts(await grace.call('supervisor.tickets', { filter: 'open' }))).toBe(board.totals.open);
  });

  it('refuses a change from a stale drawer with the desk’s conflict message', async () => {
    const t = await open();
    const grace = await t.as('Grace Chen');
    const [row] = (await grace.call('supervisor.tickets', { filter: 'open', limit: 1 })).rows;
    expect(row?.seq).toBeGreaterThan(0);
    await grace.call('tickets.act', { ticketId: row!.id, command: { type: 'ADD_NOTE', note: 'Someone else got here first' } });
    const stale = await grace.raw('tickets.act', { ticketId: row!.id, command: { type: 'CHANGE_PRIORITY', priority: 'urgent' }, expectedSeq: row!.seq });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/changed while you were looking/) } });
    const fresh = (await grace.call('supervisor.tickets', { filter: 'open', limit: 1 })).rows.find((r) => r.id === row!.id);
    expect(fresh?.seq).toBe(row!.seq + 1);
  });

  it('is for supervisors only and validates what it is asked', async () => {
    const t = await open();
    const ava = await t.as('Ava Martin');
    const grace = await t.as('Grace Chen');
    expect(await ava.raw('supervisor.tickets', { filter: 'agent', assigneeId: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await grace.raw('supervisor.tickets', { filter: 'attainment', segment: 'government', target: 'resolution' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
