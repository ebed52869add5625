import { z } from 'zod';
import type { Sql } from './db/exec';
import { settleLater } from './settleLater';
import type { SlaOutcome } from './sla';

// A ticket write's counter moves and SLA outcomes are staged, then settled in batches.
//
// A take moved five rows besides the ticket and its event: its queue's counters, the agent's
// load, and a met first response three times over (sla_outcomes, the drill-down's sla_recent,
// the day's sla_daily). On the bench's dataset each is a page of the agent's own durable
// commit, so a take wrote 16 pages against the floor's 9. Now the write appends one row to
// `tallies_pending` (migration 0026: a rowid table, the row goes at its end, one page) with
// those moves as JSON, and the desk nets the waiting rows into the counters and outcomes in a
// transaction of its own: 250 ms after the first, at once when SETTLE_BATCH are waiting, when
// the desk closes, and at the next start after a kill (the row is committed with its event, so
// a kill loses no move). Netted, a batch of takes in one queue moves its counter row once.
//
// Whoever reads the counters or outcomes settles first (the queue list, the board, its
// drill-downs: tickets.ts), in a transaction of its own or inside the caller's: no reader sees
// a count that a committed write has not moved. Counters are sums and an outcome is written
// once per ticket and target, so the order in which stages settle does not matter, and two
// processes on one file settle each other's rows at most once (inside the write lock).

/** Rows settled at once, after the commit that made them this many (a tight loop of writes: an import, the demo). */
export const SETTLE_BATCH = 1024;
/** Rows settled in one transaction and one turn when no reader waits for them (settleLater.ts). */
export const SETTLE_SLICE = 256;

const count = z.number().int();
const stagedSchema = z.object({
  /** Queue counters moved: segment, tier, open, unassigned, at risk, breached. */
  q: z.array(z.tuple([z.string(), count, count, count, count, count])).optional(),
  /** People's load moved: user id, open, at risk, breached. */
  l: z.array(z.tuple([z.string(), count, count, count])).optional(),
  /** Outcomes: ticket id, target, segment, due at, done at, met (1/0), recent (1/0). */
  o: z.array(z.tuple([z.string(), z.enum(['firstResponse', 'resolution']), z.string(), count.nullable(), count, z.union([z.literal(0), z.literal(1)]), z.union([z.literal(0), z.literal(1)])])).optional(),
});
export type StagedTally = z.infer<typeof stagedSchema>;

/** A write's outcomes as the stage keeps them. */
export const stagedOutcomes = (outcomes: readonly SlaOutcome[]): NonNullable<StagedTally['o']> =>
  outcomes.map((o) => [o.ticketId, o.target, o.segment, o.dueAt, o.done, o.met ? 1 : 0, o.recent ? 1 : 0]);

/** The outcomes of a stage, back as the SLA store writes them. */
export const outcomesOfStage = (o: NonNullable<StagedTally['o']>): SlaOutcome[] =>
  o.map(([ticketId, target, segment, dueAt, done, met, recent]) => ({ ticketId, target, segment, dueAt, done, met: met === 1, recent: recent === 1 }));

export interface TallyStage {
  /** Inside a ticket write: stages its moves (nothing when there are none). */
  stage(t: StagedTally): void;
  /**
   * Settles every staged row now: in a transaction of its own, or inside the caller's (a read
   * in a write). Returns how many rows settled; 0 on a read-only desk.
   */
  settle(): number;
  /** Stops the timer; rows still staged stay in the file and are settled at the next start. */
  stop(): void;
}

/**
 * The desk's stage of counter moves and outcomes. `apply` writes a batch's netted moves,
 * inside the settling transaction (ticketStore.ts owns the statements).
 */
export function tallyStage(db: Sql, apply: (batch: StagedTally[]) => void, options: { delayMs?: number; readOnly?: boolean } = {}): TallyStage {
  const delay = options.delayMs ?? 250;
  const readOnly = options.readOnly ?? false;
  const insert = db.sqlite.prepare('INSERT INTO tallies_pending (body) VALUES (?)');
  const any = db.sqlite.prepare('SELECT 1 FROM tallies_pending LIMIT 1');
  const rows = db.sqlite.prepare('SELECT n, body FROM tallies_pending ORDER BY n LIMIT ?');
  const clear = db.sqlite.prepare('DELETE FROM tallies_pending WHERE n <= ?');
  // Rows are numbered in the order they were staged and leave oldest first: no gaps. (Two
  // subqueries: SQLite finds a lone min() or max() of the key in one step, both together by a scan.)
  const waiting = db.sqlite.prepare('SELECT coalesce((SELECT max(n) FROM tallies_pending) - (SELECT min(n) FROM tallies_pending) + 1, 0)').pluck();

  /** The oldest `limit` rows waiting (all with Infinity), netted, inside the caller's transaction. */
  function settleInside(limit = Infinity): number {
    const staged = rows.all(Number.isFinite(limit) ? limit : -1) as Array<{ n: number; body: string }>;
    if (staged.length === 0) return 0;
    const batch: StagedTally[] = [];
    for (const r of staged) {
      const parsed = stagedSchema.safeParse(safeJson(r.body));
      // Written by this code in the write's own transaction; a row that does not read back
      // is reported and dropped rather than stop every later batch.
      if (parsed.success) batch.push(parsed.data);
      else console.error(`tagdesk: a staged counter move (row ${r.n}) could not be read and was dropped: ${parsed.error.issues[0]?.message ?? 'bad JSON'}`);
    }
    apply(batch);
    clear.run(staged.at(-1)!.n);
    return staged.length;
  }
  function settle(limit = Infinity): number {
    if (readOnly || !db.sqlite.open || !any.get()) return 0;
    return db.write(() => settleInside(limit));
  }
  const later = settleLater(db, settle, {
    what: 'settling the staged counters',
    delayMs: delay,
    batch: SETTLE_BATCH,
    slice: SETTLE_SLICE,
    waiting: () => waiting.get() as number,
  });

  if (!readOnly && any.get()) later.soon();

  return {
    stage(t) {
      // Only what moved: a smaller row, more of them on the table's last page.
      const body: StagedTally = {};
      if (t.q?.length) body.q = t.q;
      if (t.l?.length) body.l = t.l;
      if (t.o?.length) body.o = t.o;
      if (!body.q && !body.l && !body.o) return;
      later.staged(Number(insert.run(JSON.stringify(body)).lastInsertRowid));
    },
    settle,
    stop: () => later.stop(),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
