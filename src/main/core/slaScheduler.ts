import { sql } from 'kysely';
import { param, type Sql } from './db/exec';
import type { TicketStore } from './ticketStore';

// Deadlines are data: each open ticket carries sla_next_at, the moment a warning or breach
// is next owed. The scheduler sleeps until the earliest one (one indexed MIN), sends what is
// due through the ticket service, and sleeps again. Nothing depends on a timer surviving:
// after a restart the first tick sends whatever fell due while the desk was stopped.

const BATCH = 500;
/** Wake at least this often, so a changed system clock or a missed poke costs at most a minute. */
const MAX_SLEEP_MS = 60_000;

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (h) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * `housekeeping` runs at each tick before the deadlines, in its own transactions: the day's
 * clean-up that must not land in an agent's write (the drill-down's old outcomes).
 */
export function slaScheduler(db: Sql, tickets: TicketStore, clock: { now(): number }, timers: Timers | null, housekeeping: (now: number) => void = () => {}) {
  const k = db.kysely;
  const due = db.prepare<{ id: string }, [number]>(
    k.selectFrom('tickets').select('id').where('sla_next_at', '<=', param<number>()).orderBy('sla_next_at').limit(sql.lit(BATCH)),
  );
  const earliest = db.prepare<{ at: number | null }, []>(k.selectFrom('tickets').select((eb) => eb.fn.min('sla_next_at').as('at')).where('sla_next_at', 'is not', null));
  let handle: unknown = null;
  let stopped = false;

  /** Sends every warning and breach due by now; returns how many were sent. */
  function tick(): number {
    housekeeping(clock.now());
    let sent = 0;
    for (;;) {
      const now = clock.now();
      const batch = due.all(now);
      for (const { id } of batch) sent += tickets.fireSla(id, now);
      if (batch.length < BATCH) break;
    }
    arm();
    return sent;
  }

  function arm() {
    if (!timers || stopped) return;
    const at = earliest.get()?.at ?? null;
    if (handle !== null) timers.clear(handle);
    const wait = at === null ? MAX_SLEEP_MS : Math.min(Math.max(0, at - clock.now()), MAX_SLEEP_MS);
    handle = timers.set(tick, wait);
  }

  // A change pokes the scheduler from inside the call that made it; the re-arming (a read of
  // the earliest deadline and a new timer) waits until that call has answered, and any number
  // of changes in one turn re-arm once.
  let pokeQueued = false;
  function poke() {
    if (!timers || stopped || pokeQueued) return;
    pokeQueued = true;
    setImmediate(() => {
      pokeQueued = false;
      arm();
    }).unref();
  }

  return {
    tick,
    start: () => {
      stopped = false;
      tick();
    },
    /** After a write: the new deadline may come before the one we sleep for. */
    poke,
    stop() {
      stopped = true;
      if (handle !== null && timers) timers.clear(handle);
      handle = null;
    },
  };
}
export type SlaScheduler = ReturnType<typeof slaScheduler>;
