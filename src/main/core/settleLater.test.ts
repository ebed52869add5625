import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { Sql } from './db/exec';
import type { Database } from './db/schema';
import { settleLater } from './settleLater';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('settling staged rows off the agent’s path', () => {
  const open: BetterSqlite3.Database[] = [];
  afterEach(() => {
    for (const raw of open.splice(0)) raw.close();
  });

  /** A stage of `waiting` rows whose settle takes the oldest `limit` and records each call's size. */
  function stage(waiting: number) {
    const raw = new BetterSqlite3(':memory:');
    open.push(raw);
    const db = new Sql(raw, new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) }));
    const calls: number[] = [];
    const left = { n: waiting };
    const settle = (limit: number) => {
      const moved = Math.min(limit, left.n);
      left.n -= moved;
      calls.push(moved);
      return moved;
    };
    const later = settleLater(db, settle, { what: 'test', delayMs: 5, batch: 1024, slice: 256, waiting: () => left.n });
    return { later, calls, left };
  }

  it('settles a slice a turn once the timer fires, so a catch-up’s thousand rows never hold the desk at once', async () => {
    const { later, calls, left } = stage(700);
    later.staged(700);
    await sleep(30);
    // Timer, then two more turns: 256 + 256 + 188, each a transaction of its own.
    for (let i = 0; i < 5 && left.n > 0; i++) await nextTurn();
    expect(calls).toEqual([256, 256, 188]);
    expect(left.n).toBe(0);
    later.stop();
  });

  it('a tight loop past the batch settles everything at once (it gives the timer no turn)', () => {
    const { later, calls, left } = stage(1100);
    later.staged(1100);
    expect(calls).toEqual([1100]);
    expect(left.n).toBe(0);
    later.stop();
  });

  it('counts what waits, not the row number: after slices left rows behind, numbers past the batch alone settle nothing', () => {
    const { later, calls } = stage(600);
    later.staged(5000);
    expect(calls).toEqual([]);
    later.stop();
  });

  it('below the batch, a write settles nothing itself', () => {
    const { later, calls } = stage(1023);
    later.staged(1023);
    expect(calls).toEqual([]);
    later.stop();
  });

  it('stops for good: nothing settles after stop(), the rows stay for the next start', async () => {
    const { later, calls, left } = stage(700);
    later.staged(700);
    while (calls.length === 0) await sleep(1);
    later.stop();
    const after = calls.length;
    for (let i = 0; i < 4; i++) await nextTurn();
    await sleep(10);
    expect(calls.length).toBe(after);
    expect(left.n).toBeGreaterThan(0);
  });
});
