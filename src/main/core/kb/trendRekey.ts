import type BetterSqlite3 from 'better-sqlite3';
import { basisOfZone, rekeyTrends } from './trendCounts';

// The board's weekly trends follow the centre's zone (trendCounts.ts). When it changes (an
// admin's choice, here or from the hub, or the calendars its day follows), and at the desk's
// opening (a move cut short, or a desk whose counts are still in UTC weeks), the counts move to
// the new zone's weeks in the background, in batches with the event loop given back between
// them, as open tickets are re-timed (retime.ts). A change while one runs starts one more after
// it, to the zone as it then is. The board shows the new zone's weeks at once; until the move
// is done, a count not yet moved shows in the new week holding its old week's start, and the
// trends card says "Recounting weeks…" (trends.ts `recounting`); onMoved reads the board again.
// A desk opened read-only (the CLI's reads, which show no trends) moves nothing.

export function trendRekeyer(sqlite: BetterSqlite3.Database, opts: { zone: () => string; onMoved: () => void; readOnly?: boolean; batch?: number }) {
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  const stopped = () => closed || !sqlite.open;

  function request(): Promise<void> {
    if (opts.readOnly || closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    const run = async () => {
      try {
        do {
          again = false;
          // After the change's own transaction has committed.
          await new Promise<void>((resume) => setImmediate(resume));
          if (stopped()) return;
          const moved = await rekeyTrends(sqlite, basisOfZone(opts.zone()), { stopped, batch: opts.batch });
          if (moved > 0 && !stopped()) opts.onMoved();
        } while (again && !stopped());
      } catch (e) {
        // The disk full, say: the move stays where it got to, and goes on at the next change or opening.
        console.error('tagdesk: moving the weekly trends to the centre\'s time zone failed; it goes on when the desk next opens', e);
      } finally {
        running = null;
      }
    };
    running = run();
    return running;
  }

  return {
    request,
    /** Resolves once the moves asked for so far are done. */
    idle: (): Promise<void> => running ?? Promise.resolve(),
    close(): void {
      closed = true;
    },
  };
}

export type TrendRekeyer = ReturnType<typeof trendRekeyer>;
