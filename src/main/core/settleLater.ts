import type { Sql } from './db/exec';

// When a stage's rows (stagedInteractions.ts, stagedTallies.ts) are settled: `delayMs` after
// the commit that staged the first, at once when `batch` are waiting, and soon after a start that
// finds rows a kill left. Settling is the caller's own transaction; this is only its timing.

export interface SettleLater {
  /** After a write staged its row (`count` rows now wait): settle at once past the batch, or soon. */
  staged(count: number): void;
  /** Soon, as after a start that found rows waiting. */
  soon(): void;
  /** Stops the timer; rows still staged stay in the file for the next start. */
  stop(): void;
}

export function settleLater(db: Sql, settle: () => number, options: { what: string; delayMs: number; batch: number }): SettleLater {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  /** Settles, or leaves the rows staged for the next try: the writes that staged them are committed whatever happens here. */
  function settleOrKeep(): void {
    try {
      settle();
    } catch (e) {
      console.error(`tagdesk: ${options.what} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  function soon(): void {
    if (timer !== null || stopped || options.delayMs <= 0) return;
    timer = setTimeout(() => {
      timer = null;
      if (stopped || !db.sqlite.open) return;
      // Inside someone's open transaction (a dry-run import spans calls): try again later.
      if (db.sqlite.inTransaction) return soon();
      settleOrKeep();
    }, options.delayMs);
    timer.unref?.();
  }
  return {
    staged(count) {
      db.afterCommit(() => {
        // Writes in a tight loop (an import, a rebase, the demo) give the timer no turn.
        if (count >= options.batch && !db.sqlite.inTransaction) settleOrKeep();
        else soon();
      });
    },
    soon,
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
