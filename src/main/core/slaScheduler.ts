import { sql } from 'kysely';
import { param, type Sql } from './db/exec';
import type { TicketStore } from './ticketStore';

// Deadlines are data: each open ticket carries sla_next_at, the moment a warning or breach
// is next owed. The scheduler sleeps until the earliest one (one indexed MIN), sends what is
// due through the ticket service, and sleeps again. Nothing depends on a timer surviving:
// after a restart the first tick sends whatever fell due while the desk was stopped.

const BATCH = 500;
/**
 * Wake-ups settled in one commit. A desk opened after a night or a weekend has thousands due:
 * one durable commit each made its start take about 2 ms a ticket (3,246 due on the bench's
 * 40,000-ticket file: 7.6 s to open, two cores). An agent's call waits behind at most one such
 * commit.
 */
const CHUNK = 64;
/**
 * With timers (a running desk), one tick settles at most this many chunks, and for at most
 * TURN_MS, then yields and goes on at the next turn of the event loop. A desk at the bench's
 * size opened after 8 hours closed owes 44,647 wake-ups, 17-37 s of work in stop 40's runs,
 * which must hold back neither its opening nor the agents' calls. Without timers (tests that
 * drive the clock), a tick settles everything due.
 */
const CHUNKS_PER_TURN = 2;
const TURN_MS = 50;
/**
 * One chunk stops taking tickets after this long, so that its commit follows soon: on the
 * bench's file, with the disk busy, a chunk of 64 took up to 183 ms before it committed.
 */
const CHUNK_MS = 20;
/**
 * With timers, the housekeeping deletes about this many old rows a turn: a day's drill-down
 * outcomes on the bench's file are about 51,000, deleted in one commit in 194 ms (1,196 ms
 * once with the disk busy), and a desk opened after a weekend owes three days of them.
 */
export const HOUSEKEEPING_SLICE = 5_000;
/** A ticket the scheduler cannot read is tried again this much later, not at every tick. */
export const RETRY_UNREADABLE_MS = 60_000;
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
 * clean-up that must not land in an agent's write (the drill-down's old outcomes). It does
 * about `sliceRows` rows of it and says whether more is left; the scheduler comes back for the
 * rest at the next turn.
 */
export function slaScheduler(
  db: Sql,
  tickets: TicketStore,
  clock: { now(): number },
  timers: Timers | null,
  housekeeping: (now: number, sliceRows: number) => boolean = () => false,
) {
  const k = db.kysely;
  const due = db.prepare<{ id: string }, [number]>(
    k.selectFrom('tickets').select('id').where('sla_next_at', '<=', param<number>()).orderBy('sla_next_at').limit(sql.lit(BATCH)),
  );
  const earliest = db.prepare<{ at: number | null }, []>(k.selectFrom('tickets').select((eb) => eb.fn.min('sla_next_at').as('at')).where('sla_next_at', 'is not', null));
  let handle: unknown = null;
  let stopped = false;
  /** A wake-up failed and could not be put off: the next tick waits a minute whatever is due. */
  let backOff = false;

  /**
   * One ticket's wake-up in a transaction of its own; a ticket that cannot be read (its row
   * or log does not parse) is reported and put off, so it holds back neither the others nor
   * the desk's start.
   */
  function fireAlone(id: string, now: number): number {
    try {
      return tickets.fireSla(id, now);
    } catch (e) {
      console.error(`tagdesk: the SLA wake-up of ticket ${id} failed; it is tried again in ${RETRY_UNREADABLE_MS / 1000} s`, e);
      try {
        tickets.postponeSla(id, now + RETRY_UNREADABLE_MS);
      } catch {
        // The file cannot be written: the ticket stays due, and the next tick, no sooner than
        // a minute from now, tries it again (not at once, round and round).
        backOff = true;
      }
      return 0;
    }
  }

  /** Sends every warning and breach due by now; returns how many were sent. */
  function tick(): number {
    backOff = false;
    const started = performance.now();
    const late = () => timers !== null && performance.now() - started > TURN_MS;
    const chores = housekeeping(clock.now(), timers ? HOUSEKEEPING_SLICE : Infinity);
    let sent = 0;
    let chunks = 0;
    for (;;) {
      const now = clock.now();
      const batch = due.all(now);
      let done = 0;
      while (done < batch.length) {
        // Yield: arm() finds the earliest still due and comes back at the next turn.
        if (timers && (chunks === CHUNKS_PER_TURN || late())) {
          arm(chores);
          return sent;
        }
        chunks++;
        const chunk = batch.slice(done, done + CHUNK);
        let fired = 0;
        const chunkStarted = performance.now();
        const chunkFull = () => late() || (timers !== null && performance.now() - chunkStarted > CHUNK_MS);
        try {
          sent += db.write(() => {
            let n = 0;
            for (const { id } of chunk) {
              if (fired > 0 && chunkFull()) break;
              n += tickets.fireSlaInside(id, now);
              fired++;
            }
            return n;
          });
        } catch {
          // Rolled back whole: the same tickets again, one commit each, to find the one that failed.
          for (const { id } of chunk) sent += fireAlone(id, now);
          fired = chunk.length;
        }
        done += fired;
      }
      if (batch.length < BATCH) break;
    }
    arm(chores);
    return sent;
  }

  /** Sleeps until the earliest deadline; with `chores` (housekeeping left), only until the next turn. */
  function arm(chores = false) {
    if (!timers || stopped) return;
    const at = earliest.get()?.at ?? null;
    if (handle !== null) timers.clear(handle);
    const wait = backOff ? RETRY_UNREADABLE_MS : chores ? 0 : at === null ? MAX_SLEEP_MS : Math.min(Math.max(0, at - clock.now()), MAX_SLEEP_MS);
    handle = timers.set(tick, wait);
  }

  // A change pokes the scheduler from inside the call that made it; the re-arming (a read of
  // the earliest deadline and a new timer) waits until that call has answered, and any number
  // of changes in one turn re-arm once.
  let pokeQueued = false;
  /** A poke before start() arms nothing: a desk that follows a hub's clock starts once the hub has said the time. */
  let started = false;
  function poke() {
    if (!timers || stopped || pokeQueued || !started) return;
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
      started = true;
      // A running desk opens first: what fell due while it was stopped is sent from the next
      // turn of the event loop on. Driven by a test's clock, at once.
      if (!timers) return void tick();
      if (handle !== null) timers.clear(handle);
      handle = timers.set(tick, 0);
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
