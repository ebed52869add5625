import { say } from '../../../shared/messageKeys';
import type BetterSqlite3 from 'better-sqlite3';
import { ApiError } from '../../../shared/api';
import type { Actor, Segment, Tier } from '../../../shared/domain';
import type { CsatBoard, CsatEntry } from '../../../shared/kb/schemas';
import { uuidv7 } from '../ids';
import { csatCounter, type CsatScore } from './csatCounts';
import { erasedCustomers } from '../customers/privacy';
import { customerNamedBy, erasedEvent, erasureOf } from '../../../shared/erasure';
import type { Outbox } from '../outbox';
import type { OutboxEnvelope } from '../../../shared/ticketLog/envelope';
import {
  csatEntityId,
  csatFollowedUpPayloadSchema,
  csatRecordedPayloadSchema,
  KNOWLEDGE_STREAM,
  type CsatFollowedUpPayload,
  type CsatRecordedPayload,
} from '../../../shared/kb/knowledgeStream';
import { segmentSchema, tierSchema } from '../../../shared/domain';
import { DAY_MS } from './trendCounts';
import { centreWeeks } from '../../../shared/sla/centreWeek';

// Customer satisfaction: one score (1-5) and a comment per resolved ticket, recorded by the
// agent from the call or imported from a survey tool. Each record is also an event in
// kb_events and in the desk's outbox (stream 'knowledge', entity "csat:" + ticket id) for
// the hub. Low scores (1, 2) wait on a supervisor's follow-up list.

interface CsatRow {
  ticket_id: string;
  number: number;
  customer_id: string;
  customer_name: string;
  segment: Segment;
  tier: Tier;
  score: number;
  comment: string;
  source: 'agent' | 'import';
  at: number;
  followed_up_at: number | null;
}

const WEEK = 7 * 86_400_000;
const ticketNumber = (n: number) => `T-${String(n).padStart(6, '0')}`;

export type CsatStore = ReturnType<typeof csatStore>;

export function csatStore(sqlite: BetterSqlite3.Database, options: { outbox?: Outbox | null } = {}) {
  const counts = csatCounter(sqlite);
  const erased = erasedCustomers(sqlite);
  const q = {
    ticket: sqlite.prepare<[string], { id: string; number: number; customer_id: string; segment: string; tier: number; state: string; product_line: string | null }>(
      `SELECT t.id, t.number, t.customer_id, t.segment, t.tier, t.state, a.product_line FROM tickets t LEFT JOIN assets a ON a.id = t.asset_id WHERE t.id = ?`,
    ),
    ticketByNumber: sqlite.prepare<[number], { id: string }>('SELECT id FROM tickets WHERE number = ?'),
    put: sqlite.prepare(
      `INSERT INTO csat (ticket_id, customer_id, segment, tier, product_line, score, comment, source, actor_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (ticket_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, source = excluded.source, actor_id = excluded.actor_id, at = excluded.at,
         followed_up_at = NULL, followed_up_by = NULL, seq = seq + 1`,
    ),
    event: sqlite.prepare('INSERT INTO kb_events (id, type, at, actor, payload) VALUES (?, ?, ?, ?, ?)'),
    entry: sqlite.prepare<[string], CsatRow>(
      `SELECT c.ticket_id, t.number, t.customer_id, t.customer_name, c.segment, c.tier, c.score, c.comment, c.source, c.at, c.followed_up_at
       FROM csat c JOIN tickets t ON t.id = c.ticket_id WHERE c.ticket_id = ?`,
    ),
    // The board reads the daily counts (csatCounts.ts); only the first, partial day of its 4
    // weeks is read score by score.
    days: sqlite.prepare<[number], { day: number; segment: Segment; tier: Tier; n: number; score_sum: number }>(
      'SELECT day, segment, tier, n, score_sum FROM csat_daily WHERE day >= ?',
    ),
    partialDay: sqlite.prepare<[number, number], { segment: Segment; tier: Tier; n: number; score_sum: number }>(
      'SELECT segment, tier, count(*) AS n, sum(score) AS score_sum FROM csat WHERE at >= ? AND at < ? GROUP BY segment, tier',
    ),
    // Scores per segment between a week's start and the next UTC midnight (csat_at): the part of that day that is the week's.
    slice: sqlite.prepare<[number, number], { segment: Segment; n: number; score_sum: number }>(
      'SELECT segment, count(*) AS n, sum(score) AS score_sum FROM csat WHERE at >= ? AND at < ? GROUP BY segment',
    ),
    old: sqlite.prepare<[string], CsatScore>('SELECT at, segment, tier, product_line, score, comment FROM csat WHERE ticket_id = ?'),
    followUps: sqlite.prepare<[], CsatRow>(
      `SELECT c.ticket_id, t.number, t.customer_id, t.customer_name, c.segment, c.tier, c.score, c.comment, c.source, c.at, c.followed_up_at
       FROM csat c JOIN tickets t ON t.id = c.ticket_id WHERE c.score <= 2 AND c.followed_up_at IS NULL ORDER BY c.at DESC LIMIT 200`,
    ),
    followUp: sqlite.prepare('UPDATE csat SET followed_up_at = ?, followed_up_by = ?, seq = seq + 1 WHERE ticket_id = ?'),
    seq: sqlite.prepare<[string], { seq: number }>('SELECT seq FROM csat WHERE ticket_id = ?'),
    putAt: sqlite.prepare(
      `INSERT INTO csat (ticket_id, customer_id, segment, tier, product_line, score, comment, source, actor_id, at, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (ticket_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, source = excluded.source, actor_id = excluded.actor_id, at = excluded.at,
         followed_up_at = NULL, followed_up_by = NULL, seq = excluded.seq`,
    ),
    followUpAt: sqlite.prepare('UPDATE csat SET followed_up_at = ?, followed_up_by = ?, seq = ? WHERE ticket_id = ?'),
  };

  /** The event, in kb_events and (on a desk with a hub) the outbox, in the caller's transaction. */
  const append = (type: 'csat.recorded' | 'csat.followed_up', ticketId: string, actor: Actor, payload: CsatRecordedPayload | CsatFollowedUpPayload, at: number) => {
    const id = uuidv7(at);
    q.event.run(id, type, at, JSON.stringify(actor), JSON.stringify(payload));
    const outbox = options.outbox;
    if (!outbox) return;
    const seq = q.seq.get(ticketId)?.seq ?? 1;
    outbox.append({ id, stream: KNOWLEDGE_STREAM, entityId: csatEntityId(ticketId), seq, type, payloadVersion: 1, payload, actor, deskId: outbox.deskId, deskTime: at, globalSeq: null });
  };

  const toEntry = (r: CsatRow): CsatEntry => ({
    ticketId: r.ticket_id, ticketNumber: ticketNumber(r.number), customerId: r.customer_id, customerName: r.customer_name, segment: r.segment, tier: r.tier,
    score: r.score, comment: r.comment, source: r.source, at: r.at, followedUpAt: r.followed_up_at,
  });

  function record(actor: Actor, input: { ticketId: string; score: number; comment: string }, source: 'agent' | 'import', at: number): CsatEntry {
    const t = q.ticket.get(input.ticketId);
    if (!t) throw new ApiError('not_found', say('ticketNotFound'));
    if (t.state !== 'resolved' && t.state !== 'closed') throw new ApiError('refused', say('csatNotYet'));
    sqlite.transaction(() => {
      const before = q.old.get(t.id);
      q.put.run(t.id, t.customer_id, t.segment, t.tier, t.product_line, input.score, input.comment, source, actor.id, at);
      // Counted as stored: a score recorded again keeps the segment, tier and line of the first.
      counts.replaced(before, q.old.get(t.id)!);
      const payload: CsatRecordedPayload = {
        ticketId: t.id, customerId: t.customer_id, segment: segmentSchema.parse(t.segment), tier: tierSchema.parse(t.tier), productLine: t.product_line,
        score: input.score, comment: input.comment, source,
      };
      append('csat.recorded', t.id, actor, payload, at);
    }).immediate();
    return toEntry(q.entry.get(t.id)!);
  }

  /** The ticket a survey row names: "T-000123", "123" or the ticket's id. */
  function resolveTicket(ref: string): string | null {
    const m = /^(?:T-?)?0*(\d{1,9})$/i.exec(ref.trim());
    if (m) return q.ticketByNumber.get(Number(m[1]))?.id ?? null;
    return q.ticket.get(ref)?.id ?? null;
  }

  function importRows(actor: Actor, rows: ReadonlyArray<{ ticket: string; score: number; comment: string; at?: number }>, now: number) {
    const errors: Array<{ row: number; message: string }> = [];
    let imported = 0;
    rows.forEach((r, i) => {
      const id = resolveTicket(r.ticket);
      if (!id) return errors.push({ row: i + 1, message: `No ticket "${r.ticket}" on this desk.` });
      try {
        record(actor, { ticketId: id, score: r.score, comment: r.comment }, 'import', r.at ?? now);
        imported++;
      } catch (e) {
        errors.push({ row: i + 1, message: e instanceof Error ? e.message : String(e) });
      }
    });
    return { imported, errors };
  }

  /**
   * The board's satisfaction: per segment and tier over the 4 weeks to now, and per segment per
   * week of the centre (centreWeek.ts: from its first day of the week, in `zone`) over `weeks`.
   * csat_daily counts UTC days: a day goes to the week its midnight lies in, and a day a week
   * starts inside gives the scores from that start on (read score by score) to the next week.
   */
  function board(now: number, zone: string, weeks = 8): CsatBoard {
    const spans = centreWeeks(now, weeks, zone);
    const from = spans[0]!.start;
    const weekAt = (at: number) => spans.findIndex((w) => at >= w.start && at < w.end);
    // The 4 weeks of the cells end now and start inside a day: that day's scores are read
    // one by one, the days after it from their counts.
    const cellsFrom = now - 4 * WEEK;
    const firstFullDay = Math.floor(cellsFrom / DAY_MS) + 1;
    const byWeek = new Map<string, { week: number; segment: Segment; n: number; sum: number }>();
    const addWeek = (w: number, segment: Segment, n: number, sum: number) => {
      if (w < 0) return;
      // Named by its first day, the centre's local date as UTC midnight (as the trends' weeks).
      const week = spans[w]!.day * DAY_MS;
      const key = `${week}|${segment}`;
      const cell = byWeek.get(key) ?? { week, segment, n: 0, sum: 0 };
      cell.n += n;
      cell.sum += sum;
      byWeek.set(key, cell);
    };
    const byCell = new Map<string, { segment: Segment; tier: Tier; n: number; sum: number }>();
    const addCell = (segment: Segment, tier: Tier, n: number, sum: number) => {
      const key = `${segment}|${tier}`;
      const cell = byCell.get(key) ?? { segment, tier, n: 0, sum: 0 };
      cell.n += n;
      cell.sum += sum;
      byCell.set(key, cell);
    };
    for (const r of q.days.all(Math.min(Math.floor(from / DAY_MS), firstFullDay))) {
      addWeek(weekAt(r.day * DAY_MS), r.segment, r.n, r.score_sum);
      if (r.day >= firstFullDay) addCell(r.segment, r.tier, r.n, r.score_sum);
    }
    // Each week's start that is not a UTC midnight: its day's scores from it on move to its week.
    spans.forEach((w, i) => {
      const midnight = Math.ceil(w.start / DAY_MS) * DAY_MS;
      if (midnight === w.start || w.start > now) return;
      for (const r of q.slice.all(w.start, midnight)) {
        addWeek(i - 1, r.segment, -r.n, -r.score_sum);
        addWeek(i, r.segment, r.n, r.score_sum);
      }
    });
    for (const r of q.partialDay.all(cellsFrom, firstFullDay * DAY_MS)) addCell(r.segment, r.tier, r.n, r.score_sum);
    return {
      cells: [...byCell.values()]
        .sort((a, b) => a.segment.localeCompare(b.segment) || a.tier - b.tier)
        .map((c) => ({ segment: c.segment, tier: c.tier, n: c.n, mean: c.sum / c.n })),
      weekly: [...byWeek.values()].filter((c) => c.n > 0).sort((a, b) => a.week - b.week || a.segment.localeCompare(b.segment)).map((c) => ({ week: c.week, segment: c.segment, n: c.n, mean: c.sum / c.n })),
      followUps: q.followUps.all().map(toEntry),
    };
  }

  function followUp(actor: Actor, ticketId: string, at: number): CsatEntry {
    const row = q.entry.get(ticketId);
    if (!row) throw new ApiError('not_found', say('noCsatScore'));
    sqlite.transaction(() => {
      q.followUp.run(at, actor.id, ticketId);
      append('csat.followed_up', ticketId, actor, { ticketId, segment: row.segment }, at);
    }).immediate();
    return toEntry(q.entry.get(ticketId)!);
  }

  /** A score recorded or followed up on another desk (accepted by the hub), unless this desk has a later change. */
  function applyRemote(e: OutboxEnvelope): void {
    const current = q.seq.get(e.entityId.replace(/^csat:/, ''))?.seq ?? 0;
    if (e.seq <= current) return;
    if (e.type === 'csat.recorded') {
      const c = csatRecordedPayloadSchema.safeParse(e.payload);
      if (!c.success) return;
      const d = c.data;
      const before = q.old.get(d.ticketId);
      q.putAt.run(d.ticketId, d.customerId, d.segment, d.tier, d.productLine, d.score, d.comment, d.source, e.actor.id, e.deskTime, e.seq);
      counts.replaced(before, q.old.get(d.ticketId)!);
    } else if (e.type === 'csat.followed_up') {
      const c = csatFollowedUpPayloadSchema.safeParse(e.payload);
      if (!c.success || current === 0) return;
      q.followUpAt.run(e.deskTime, e.actor.id, e.seq, c.data.ticketId);
    }
  }

  /**
   * A score from another desk as this desk keeps it: a comment of a customer erased here
   * (scored there before the erasure reached it) is not kept, in the event or the score.
   */
  function asKept(e: OutboxEnvelope): OutboxEnvelope {
    const customerId = customerNamedBy(e);
    return customerId !== null && erased.labelOf(customerId) !== null ? erasedEvent(e, erasureOf(customerId)) : e;
  }

  return {
    record,
    asKept,
    applyRemote,
    importRows,
    board,
    followUp,
    entry: (ticketId: string): CsatEntry | null => {
      const row = q.entry.get(ticketId);
      return row ? toEntry(row) : null;
    },
  };
}
