import type { Sql } from './db/exec';

// When a stage's rows (stagedInteractions.ts, stagedTallies.ts) are settled: `delayMs` after
// the commit that staged the first, all at once when `batch` are waiting, and soon after a
// start that finds rows a kill left. Settling is the caller's own transaction; this is only its
// timing.
//
// Off a reader's path, rows settle `slice` at a time, each slice a transaction and a turn of
// the event loop of its own, the next at the following turn: a desk catching up on a night's
// SLA wake-ups stages about 2,000 rows a second, and settling 1,024 at once held the event loop
// 41-118 ms on the bench's file, on top of the scheduler's own turn (stop 41).

export interface SettleLater {
  /** After a write staged its row (`count`: its row number, at least the rows now waiting): all at once past the batch, or soon. */
  staged(count: number): void;
  /** Soon, as after a start that found rows waiting. */
  soon(): void;
  /** Stops the timer; rows still staged stay in the file for the next start. */
  stop(): void;
}

export interface SettleOptions {
  what: string;
  delayMs: number;
  /** Rows waiting that make a write settle them itself (a tight loop gives the timer no turn). */
  batch: number;
  /** Rows settled in one transaction and one turn. */
  slice: number;
  /** Rows waiting now. */
  waiting(): number;
}

/** `settle(limit)` settles the oldest `limit` rows waiting (all with Infinity) and returns how many. */
export function settleLater(db: Sql, settle: (limit: number) => number, options: SettleOptions): SettleLater {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let next: ReturnType<typeof setImmediate> | null = null;
  let stopped = false;
  /** Settles a slice, or leaves the rows staged for the next try: the writes that staged them are committed whatever happens here. */
  function settleOrKeep(limit = options.slice): number {
    try {
      return settle(limit);
    } catch (e) {
      console.error(`tagdesk: ${options.what} failed: ${e instanceof Error ? e.message : String(e)}`);
      return 0;
    }
  }
  /** A slice now, and the rest a slice a turn. */
  function drain(): void {
    if (stopped || !db.sqlite.open) return;
    // Inside someone's open transaction (a dry-run import spans calls): try again later.
    if (db.sqlite.inTransaction) return soon();
    if (settleOrKeep() < options.slice) return;
    next = setImmediate(() => {
      next = null;
      drain();
    });
    next.unref?.();
  }
  function soon(): void {
    if (timer !== null || next !== null || stopped || options.delayMs <= 0) return;
    timer = setTimeout(() => {
      timer = null;
      drain();
    }, options.delayMs);
    timer.unref?.();
  }
  return {
    staged(count) {
      db.afterCommit(() => {
        // Writes in a tight loop (an import, a rebase, the demo) give the timer no turn: past the
        // batch, all at once (nobody else has a turn to lose in such a loop, and the fewer
        // settles, the fewer of its writes wait for one). `count` only grows while slices leave
        // rows behind, hence the count of what waits.
        if (count >= options.batch && !db.sqlite.inTransaction && options.waiting() >= options.batch) settleOrKeep(Infinity);
        soon();
      });
    },
    soon,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      if (next !== null) clearImmediate(next);
      timer = null;
      next = null;
    },
  };
}
