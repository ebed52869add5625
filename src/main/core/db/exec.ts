import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Compilable, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema';

// Kysely builds every query (so column names and result types are checked), and
// better-sqlite3 runs it synchronously. Synchronous execution is what lets a read-decide-
// write sequence such as "take next" run inside one IMMEDIATE transaction with no other
// write in between, and it avoids a promise hop per query on the hot paths.

export class Sql {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private depth = 0;
  private committed: Array<() => void> = [];
  /**
   * One transaction function for every write(): better-sqlite3's transaction() builds four
   * wrapper functions each time it is called (4 µs a write, measured on an in-memory desk).
   */
  private readonly inTransaction: BetterSqlite3.Transaction<(fn: () => unknown) => unknown>;

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    readonly kysely: Kysely<Database>,
  ) {
    this.inTransaction = sqlite.transaction((fn: () => unknown) => fn());
  }

  private statement(text: string): BetterSqlite3.Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.sqlite.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  all<R>(query: Compilable<R>): R[] {
    const q = query.compile();
    return this.statement(q.sql).all(...(q.parameters as unknown[])) as R[];
  }

  get<R>(query: Compilable<R>): R | undefined {
    const q = query.compile();
    return this.statement(q.sql).get(...(q.parameters as unknown[])) as R | undefined;
  }

  run(query: Compilable<unknown>): BetterSqlite3.RunResult {
    const q = query.compile();
    return this.statement(q.sql).run(...(q.parameters as unknown[]));
  }

  /**
   * Compiles a query once, with `?` placeholders where `param()` stood, for the hot paths:
   * each call then costs what a raw prepared statement costs.
   */
  prepare<R, A extends unknown[]>(query: Compilable<R>): Prepared<R, A> {
    const compiled = query.compile();
    const s = this.sqlite.prepare(compiled.sql);
    const fixed = compiled.parameters as unknown[];
    const slots = fixed.flatMap((p, i) => (p === SLOT ? [i] : []));
    // Kysely's own values (limits, constants) stay bound where they are; the caller's
    // arguments fill the slots param() left, in order.
    const bind = (args: A): unknown[] => {
      const values = fixed.slice();
      slots.forEach((at, n) => (values[at] = args[n]));
      return values;
    };
    return {
      all: (...args) => s.all(...bind(args)) as R[],
      get: (...args) => s.get(...bind(args)) as R | undefined,
      run: (...args) => s.run(...bind(args)),
      iterate: (...args) => s.iterate(...bind(args)) as IterableIterator<R>,
    };
  }

  /**
   * Runs fn in an IMMEDIATE transaction: the write lock is taken before the first read.
   * Nested calls are savepoints of the outer one.
   */
  write<T>(fn: () => T): T {
    this.depth++;
    let result: T;
    try {
      result = this.inTransaction.immediate(fn) as T;
    } catch (e) {
      if (this.depth === 1) this.committed = [];
      throw e;
    } finally {
      this.depth--;
    }
    if (this.depth === 0 && this.committed.length > 0) {
      const after = this.committed;
      this.committed = [];
      for (const fn of after) fn();
    }
    return result;
  }

  /**
   * Runs fn once the outermost write commits (at once outside a write); dropped if it rolls
   * back. Pushes go through here, so nobody hears of a change that did not happen.
   */
  afterCommit(fn: () => void): void {
    if (this.depth === 0) fn();
    else this.committed.push(fn);
  }

  /**
   * Runs fn once what has been written so far is known to be committed: at once outside any
   * transaction, after the outermost write() inside one, never inside a transaction begun
   * elsewhere (whose fate this object does not see).
   */
  whenDurable(fn: () => void): void {
    if (!this.sqlite.inTransaction) fn();
    else if (this.depth > 0) this.committed.push(fn);
  }
}

export interface Prepared<R, A extends unknown[]> {
  all(...args: A): R[];
  get(...args: A): R | undefined;
  run(...args: A): BetterSqlite3.RunResult;
  /** Rows one at a time: stop early, and SQLite reads no further (no other statement may run meanwhile). */
  iterate(...args: A): IterableIterator<R>;
}

const SLOT: unique symbol = Symbol('slot');

/** A placeholder for an argument of a query compiled once with Sql.prepare(). */
export const param = <T>(): RawBuilder<T> => sql<T>`${SLOT}`;
