import type { DayReport } from '../../shared/api';
import { SEGMENTS, TIERS, type Segment, type Tier, type User } from '../../shared/domain';
import type { Sql } from './db/exec';
import type { TicketService } from './tickets';

// The supervisor's end-of-shift report: what happened on the board's day (the centre's day in
// its time zone, as the board counts it: overview().day) per segment and tier and per person. Read from the same counters and tables
// as the board at the same moment (its open, breached and load figures are the board's own, from
// overview()), the rest through indexes by time: the day's creations and escalations through
// the events' ids (UUID v7, which begin with the time they were made at: a range of
// ticket_events_id from the day's first possible id, the day's events alone), its resolves
// through their partial index (migration 0004), sla_recent's (segment, target, done_at) and
// csat_at. Each ticket is counted in the queue it stands in now.
//
// Not two more partial indexes by time (creations, escalations): on the bench's default file
// they would hold about 87 MB (29-31 bytes an entry, measured on the small one), for a report
// read a few times a day, and take the file past issue 14's 6.5 GB.

type Key = `${Segment}|${Tier}`;
const key = (segment: string, tier: number) => `${segment}|${tier}` as Key;

/** The smallest UUID v7 made at or after `ms` (ids.ts): its 48 bits of milliseconds, then zeros. */
export function firstIdAt(ms: number): string {
  const h = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-0000-0000-000000000000`;
}

export function dayReporter(db: Sql, tickets: TicketService) {
  const s = db.sqlite;
  const q = {
    // Literals, not bound values, for the types: that is what lets SQLite use the partial indexes.
    opened: s.prepare<[string, number], { segment: string; tier: number; n: number }>(
      `SELECT t.segment, t.tier, count(*) AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.id >= ? AND e.type = 'CREATED' AND e.at >= ? GROUP BY t.segment, t.tier`,
    ),
    resolved: s.prepare<[number], { segment: string; tier: number; n: number }>(
      `SELECT segment, tier, count(*) AS n FROM tickets WHERE is_open = 0 AND id IN (SELECT ticket_id FROM ticket_events WHERE type = 'RESOLVE' AND at >= ?) GROUP BY segment, tier`,
    ),
    outcomes: s.prepare<[string, string, number, number], { tier: number; total: number; met: number }>(
      `SELECT t.tier, count(*) AS total, sum(r.met) AS met FROM sla_recent r JOIN tickets t ON t.id = r.ticket_id WHERE r.segment = ? AND r.target = ? AND r.done_at >= ? AND r.done_at < ? GROUP BY t.tier`,
    ),
    csat: s.prepare<[number], { segment: string; tier: number; n: number; score_sum: number }>('SELECT segment, tier, count(*) AS n, sum(score) AS score_sum FROM csat WHERE at >= ? GROUP BY segment, tier'),
    resolvedBy: s.prepare<[number], { actor_id: string; n: number }>(
      `SELECT e.actor_id, count(DISTINCT e.ticket_id) AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.type = 'RESOLVE' AND e.at >= ? AND t.is_open = 0 GROUP BY e.actor_id`,
    ),
    escalatedBy: s.prepare<[string, number], { actor_id: string; n: number }>(`SELECT actor_id, count(*) AS n FROM ticket_events WHERE id >= ? AND type = 'ESCALATE' AND at >= ? GROUP BY actor_id`),
  };

  return function dayReport(users: readonly User[], now: number): DayReport {
    // The board first: it settles the staged counters, and its figures are the report's.
    const board = tickets.overview(users, now);
    const { timeZone, day, start: dayStart, end: dayEnd } = board.day;
    const byKey = <R extends { segment: string; tier: number }>(rows: R[]) => new Map(rows.map((r) => [key(r.segment, r.tier), r]));
    const opened = byKey(q.opened.all(firstIdAt(dayStart), dayStart));
    const resolved = byKey(q.resolved.all(dayStart));
    const csat = byKey(q.csat.all(dayStart));
    const outcomes = new Map<string, { met: number; total: number }>();
    for (const segment of SEGMENTS) {
      for (const target of ['firstResponse', 'resolution'] as const) {
        for (const r of q.outcomes.all(segment, target, dayStart, dayEnd)) outcomes.set(`${key(segment, r.tier)}|${target}`, { met: Number(r.met ?? 0), total: r.total });
      }
    }
    const tally = (k: Key, target: string) => outcomes.get(`${k}|${target}`) ?? { met: 0, total: 0 };
    const queues = SEGMENTS.flatMap((segment) =>
      TIERS.map((tier) => {
        const k = key(segment, tier);
        const c = csat.get(k);
        return {
          segment,
          tier,
          opened: opened.get(k)?.n ?? 0,
          resolved: resolved.get(k)?.n ?? 0,
          breached: board.queues.find((x) => x.segment === segment && x.tier === tier)?.breached ?? 0,
          firstResponse: tally(k, 'firstResponse'),
          resolution: tally(k, 'resolution'),
          csat: { n: c?.n ?? 0, sum: c?.score_sum ?? 0 },
        };
      }),
    );
    const resolvedBy = new Map(q.resolvedBy.all(dayStart).map((r) => [r.actor_id, r.n]));
    const escalatedBy = new Map(q.escalatedBy.all(firstIdAt(dayStart), dayStart).map((r) => [r.actor_id, r.n]));
    // The board's people (who work tickets), then anyone else who resolved or escalated today (a supervisor).
    const listed = new Set(board.agents.map((a) => a.userId));
    const others = users.filter((u) => !listed.has(u.id) && (resolvedBy.has(u.id) || escalatedBy.has(u.id)));
    const people = [
      ...board.agents.map((a) => ({ userId: a.userId, name: a.name, open: a.open })),
      ...others.map((u) => ({ userId: u.id, name: u.name, open: 0 })),
    ].map((p) => ({ ...p, resolved: resolvedBy.get(p.userId) ?? 0, escalated: escalatedBy.get(p.userId) ?? 0 }));
    return { now, day, dayStart, timeZone, queues, people };
  };
}
