import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DB_FILE } from '../src/main/core/db/database';
import { openDesk, type Clock } from '../src/main/core/desk';

// The `sla_catch_up` line: a desk opened after `hours` closed. Every SLA wake-up that fell due
// meanwhile is owed at once (the bench's file: 44,647 after 8 hours). What the agent feels is
// how long the desk takes to open and how long its event loop is held while it catches up
// (slaScheduler.ts: two chunks of 64, or 50 ms, a turn, each chunk committed after 20 ms at
// most; settleLater.ts: the staged rows a slice a turn). The floor: the same desk opened at
// its own "now", with nothing due, just before.

export interface CatchUpFigures {
  name: 'sla_catch_up';
  hours: number;
  /** Tickets with a wake-up due when the desk opens. */
  due: number;
  /** openDesk() until it returned, the night's wake-ups owed. */
  open_ms: number;
  /** The same desk opened with nothing due. */
  floor_open_ms: number;
  ratio_open: number;
  /** openDesk() until no wake-up is due any more. */
  caught_up_ms: number;
  /** (caught_up_ms - floor_open_ms) / due. */
  per_wakeup_us: number;
  /** The longest the event loop was held between the desk's return and the end of the catch-up. */
  worst_stall_ms: number;
  /** ratio_open <= 1.5 and worst_stall_ms <= 500. */
  pass: boolean;
}

export async function measureCatchUp(runDir: string, now: number, hours: number, log: (m: string) => void): Promise<CatchUpFigures> {
  const file = path.join(runDir, DB_FILE);
  const fixed = (at: number): Clock => ({ now: () => at });
  // Opened once first, so that neither open is the one that finds the file cold.
  (await openDesk({ dataDir: runDir, clock: fixed(now) })).close();
  const t0 = performance.now();
  (await openDesk({ dataDir: runDir, clock: fixed(now) })).close();
  const floorMs = performance.now() - t0;

  const at = now + hours * 3_600_000;
  const read = new BetterSqlite3(file, { readonly: true });
  const owed = read.prepare('SELECT count(*) FROM tickets WHERE sla_next_at <= ?').pluck();
  const due = owed.get(at) as number;
  log(`sla_catch_up: a desk opened after ${hours} h closed, ${due.toLocaleString('en-US')} wake-ups due...`);
  let worst = 0;
  let last = performance.now();
  const lag = setInterval(() => {
    const t = performance.now();
    worst = Math.max(worst, t - last);
    last = t;
  }, 1);
  const t1 = performance.now();
  const desk = await openDesk({ dataDir: runDir, clock: fixed(at) });
  const openMs = performance.now() - t1;
  worst = 0;
  last = performance.now();
  while ((owed.get(at) as number) > 0) await new Promise((r) => setTimeout(r, 10));
  const caughtUpMs = performance.now() - t1;
  clearInterval(lag);
  desk.close();
  read.close();
  const ratio = openMs / floorMs;
  return {
    name: 'sla_catch_up',
    hours,
    due,
    open_ms: Math.round(openMs),
    floor_open_ms: Math.round(floorMs),
    ratio_open: Number(ratio.toFixed(2)),
    caught_up_ms: Math.round(caughtUpMs),
    per_wakeup_us: due === 0 ? 0 : Math.round(((caughtUpMs - floorMs) * 1000) / due),
    worst_stall_ms: Math.round(worst),
    pass: ratio <= 1.5 && worst <= 500,
  };
}
