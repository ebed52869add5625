import type BetterSqlite3 from 'better-sqlite3';
import type { Sql } from './db/exec';
import { settleLater } from './settleLater';

// The 360° interactions a ticket's events add are staged, then settled.
//
// `interactions` is clustered by customer (migration 0014), and on a compact file its leaves
// are full: a row for a random customer splits its leaf, writing the leaf, its siblings, their
// parent, a new page and the file's header. On the bench's dataset that was 10 of an
// escalation's 28 pages, in the agent's own durable commit. So a ticket's interaction is
// appended to `interactions_pending` (migration 0017: a rowid table, the row goes at its end,
// one page), and the rows are moved into `interactions` in a batch, in a transaction of their
// own: 250 ms after the first, at once when SETTLE_BATCH are waiting, when the desk closes, and
// at the next start after a kill. The batch writes the same leaves, once per batch and off
// the agent's path.
//
// Everything that reads a customer's interactions reads the staged ones too (the 360° view,
// the customer's export); everything that rewrites them by customer settles them first, in its
// own transaction (a merge, an erasure, a ticket the hub refused): `settleInteractions`.

/**
 * Staged rows that are settled at once, after the commit that made them this many: only a
 * tight loop of events (an import, a rebase) gets there before the timer. Large, so that such a
 * loop stops for a batch rarely (about 200 ms for 1,024 rows on the bench's file); small
 * enough that reading the staged rows whole stays cheap for the 360° view.
 */
export const SETTLE_BATCH = 1024;
/** Rows moved in one transaction and one turn when nobody waits for them (settleLater.ts). */
export const SETTLE_SLICE = 256;

const COLUMNS = 'customer_id, at, id, ticket_id, channel, direction, summary, user_id';
type Statements = Record<'move' | 'moveUpTo' | 'clear' | 'clearUpTo' | 'any' | 'nth' | 'waiting', BetterSqlite3.Statement>;
const prepared = new WeakMap<BetterSqlite3.Database, Statements>();

function statements(sqlite: BetterSqlite3.Database): Statements {
  let s = prepared.get(sqlite);
  if (!s) {
    s = {
      // In the clustered table's key order, so consecutive rows of one customer share a leaf.
      move: sqlite.prepare(`INSERT INTO interactions (${COLUMNS}) SELECT ${COLUMNS} FROM interactions_pending ORDER BY customer_id, at, id`),
      moveUpTo: sqlite.prepare(`INSERT INTO interactions (${COLUMNS}) SELECT ${COLUMNS} FROM interactions_pending WHERE n <= ? ORDER BY customer_id, at, id`),
      clear: sqlite.prepare('DELETE FROM interactions_pending'),
      clearUpTo: sqlite.prepare('DELETE FROM interactions_pending WHERE n <= ?'),
      any: sqlite.prepare('SELECT 1 FROM interactions_pending LIMIT 1'),
      /** The row number of the `limit`-th oldest row waiting. */
      nth: sqlite.prepare('SELECT n FROM interactions_pending ORDER BY n LIMIT 1 OFFSET ?').pluck(),
      // Rows are numbered in the order they were staged and leave oldest first: no gaps. (Two
      // subqueries: SQLite finds a lone min() or max() of the key in one step, both together by a scan.)
      waiting: sqlite.prepare('SELECT coalesce((SELECT max(n) FROM interactions_pending) - (SELECT min(n) FROM interactions_pending) + 1, 0)').pluck(),
    };
    prepared.set(sqlite, s);
  }
  return s;
}

/**
 * Moves staged interactions into `interactions`, inside the caller's transaction: every one
 * (a merge or an erasure settles first, so that it finds every row by customer), or the oldest
 * `limit`. Returns how many moved.
 */
export function settleInteractions(sqlite: BetterSqlite3.Database, limit = Infinity): number {
  const s = statements(sqlite);
  if (!s.any.get()) return 0;
  const upTo = Number.isFinite(limit) ? (s.nth.get(Math.max(0, limit - 1)) as number | undefined) : undefined;
  if (upTo === undefined) {
    const moved = s.move.run().changes;
    s.clear.run();
    return moved;
  }
  const moved = s.moveUpTo.run(upTo).changes;
  s.clearUpTo.run(upTo);
  return moved;
}

export interface InteractionStage {
  /** Inside the write that staged a row: `count` rows are now staged (the row's rowid). */
  staged(count: number): void;
  /** Settles now, in a transaction of its own; 0 when another transaction is open. */
  settle(): number;
  /** Stops the timer; rows still staged stay in the file and are settled at the next start. */
  stop(): void;
}

/**
 * The desk's settling of staged interactions: a timer `delayMs` (250 ms) after a row is
 * staged, at once past SETTLE_BATCH, and at the start when a kill left rows staged.
 */
export function interactionStage(db: Sql, options: { delayMs?: number; readOnly?: boolean } = {}): InteractionStage {
  const delay = options.delayMs ?? 250;
  const readOnly = options.readOnly ?? false;

  function settle(limit = Infinity): number {
    if (readOnly || !db.sqlite.open || db.sqlite.inTransaction) return 0;
    return db.write(() => settleInteractions(db.sqlite, limit));
  }
  // Rows left staged stay in the file, are read from there, and are settled at the next try.
  const later = settleLater(db, settle, {
    what: 'moving staged interactions',
    delayMs: delay,
    batch: SETTLE_BATCH,
    slice: SETTLE_SLICE,
    waiting: () => statements(db.sqlite).waiting.get() as number,
  });

  if (!readOnly && statements(db.sqlite).any.get()) later.soon();

  return {
    staged: (count) => later.staged(count),
    settle,
    stop: () => later.stop(),
  };
}
