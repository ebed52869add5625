import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { Sql } from './db/exec';
import type { Database } from './db/schema';
import { HOUSEKEEPING_SLICE, slaScheduler } from './slaScheduler';
import type { TicketStore } from './ticketStore';

// The scheduler alone, on a table of deadlines and a stand-in for the ticket store: how its
// turns are cut (sla.test.ts drives it on a real desk).

describe('the SLA scheduler’s turns', () => {
  const open: BetterSqlite3.Database[] = [];
  afterEach(() => {
    for (const raw of open.splice(0)) raw.close();
  });

  function fixture(due: number, fireMs: number, housekeeping?: (now: number, sliceRows: number) => boolean) {
    const raw = new BetterSqlite3(':memory:');
    open.push(raw);
    raw.exec('create table tickets (id text primary key, sla_next_at integer); create index tickets_sla_next on tickets (sla_next_at)');
    const add = raw.prepare('insert into tickets values (?, ?)');
    for (let i = 0; i < due; i++) add.run(`t${i}`, 1_000 + i);
    const db = new Sql(raw, new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) }));
    const done = raw.prepare('update tickets set sla_next_at = null where id = ?');
    /** Tickets fired in each outermost transaction. */
    const perCommit: number[] = [];
    let inCommit = 0;
    const write = db.write.bind(db);
    db.write = <T>(fn: () => T): T => {
      if (raw.inTransaction) return write(fn);
      inCommit = 0;
      const result = write(fn);
      perCommit.push(inCommit);
      return result;
    };
    const fire = (id: string) => {
      const until = performance.now() + fireMs;
      while (performance.now() < until);
      done.run(id);
      inCommit++;
      return 1;
    };
    const store = { fireSlaInside: fire, fireSla: (id: string) => db.write(() => fire(id)), postponeSla: () => {} } as unknown as TicketStore;
    const armed: number[] = [];
    const timers = { set: (_fn: () => void, ms: number) => armed.push(ms), clear: () => {} };
    const scheduler = slaScheduler(db, store, { now: () => 1_000_000 }, timers, housekeeping);
    return { scheduler, perCommit, armed, left: () => raw.prepare('select count(*) from tickets where sla_next_at is not null').pluck().get() as number };
  }

  it('a chunk stops taking tickets after 20 ms, so that its commit follows soon', () => {
    // Each wake-up takes 8 ms (a ticket whose pages the disk must fetch): 3 a commit, not 7.
    const { scheduler, perCommit, armed, left } = fixture(40, 8);
    scheduler.tick();
    expect(perCommit.length).toBeGreaterThan(0);
    expect(Math.max(...perCommit)).toBeLessThanOrEqual(3);
    // The turn ended with tickets still due: called again at the next turn.
    expect(left()).toBeGreaterThan(0);
    expect(armed.at(-1)).toBe(0);
  });

  it('a change before start (a desk waiting for its hub to say the time) sends nothing; after start it wakes the scheduler', async () => {
    const { scheduler, armed, left } = fixture(3, 0);
    scheduler.poke();
    await new Promise((r) => setImmediate(r));
    // Before: the poke armed a timer at once, and what was due by the computer's clock went out.
    expect(armed).toEqual([]);
    expect(left()).toBe(3);
    scheduler.start();
    expect(armed).toEqual([0]);
    scheduler.poke();
    await new Promise((r) => setImmediate(r));
    expect(armed.length).toBe(2);
  });

  it('housekeeping left over brings it back at the next turn, a slice of rows at a time', () => {
    const slices: number[] = [];
    let chores = 2;
    const { scheduler, armed } = fixture(0, 0, (_now, sliceRows) => {
      slices.push(sliceRows);
      return --chores > 0;
    });
    scheduler.tick();
    expect(armed.at(-1)).toBe(0);
    scheduler.tick();
    // Done, and nothing due: it sleeps (a minute at most) instead of spinning.
    expect(armed.at(-1)).toBeGreaterThan(0);
    expect(slices).toEqual([HOUSEKEEPING_SLICE, HOUSEKEEPING_SLICE]);
  });
});
