import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { stablePlan } from './stablePlans';

describe('statements compiled once (stablePlans)', () => {
  it('puts a unary plus before the placeholders SQLite would plan by, and nowhere else', () => {
    expect(stablePlan('select "id" from "contacts" where "customer_id" = ? order by "name" limit ? offset ?')).toBe(
      'select "id" from "contacts" where "customer_id" = +? order by "name" limit +? offset +?',
    );
    expect(stablePlan('SELECT 1 FROM t WHERE a == ? AND b IS ? AND c >= ? AND d != ?')).toBe('SELECT 1 FROM t WHERE a == +? AND b IS +? AND c >= +? AND d != +?');
    // Inserts, IN lists, named and numbered parameters, and text in quotes stay as written.
    for (const same of [
      'INSERT INTO t (a, b) VALUES (?, ?)',
      'SELECT 1 FROM t WHERE a IN (?, ?)',
      'SELECT 1 FROM t WHERE a = @a AND b = ?2',
      `SELECT 1 FROM t WHERE a = 'x = ?' AND "b = ?" IS NOT NULL`,
      'SELECT 1 FROM t',
    ]) expect(stablePlan(same)).toBe(same);
  });

  it('answers every statement exactly as before: the same rows for text, numbers, blobs and NULL', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec(`
      CREATE TABLE t (id ANY PRIMARY KEY, kind TEXT NOT NULL, n INTEGER, note TEXT) STRICT;
      CREATE INDEX t_kind ON t (kind, n);
      CREATE TABLE u (k TEXT, v NUMERIC);
    `);
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
    for (let i = 0; i < 60; i++) insert.run(i % 3 === 0 ? Buffer.from([i, 1, 2]) : `id${i}`, ['a', 'b', 'c'][i % 3]!, i % 5 === 0 ? null : i, i % 2 ? 'x' : null);
    db.exec(`INSERT INTO u VALUES ('1', 1), ('01', 2), ('x', '3')`);
    const queries: Array<[string, unknown[]]> = [
      ['SELECT id, n FROM t WHERE kind = ? ORDER BY n DESC LIMIT ?', ['b', 7]],
      ['SELECT id FROM t WHERE kind = ? AND n IS ? ORDER BY id', ['a', null]],
      ['SELECT count(*) FROM t WHERE id = ?', [Buffer.from([3, 1, 2])]],
      ['SELECT id FROM t WHERE kind == ? ORDER BY n LIMIT ? OFFSET ?', ['c', 3, 2]],
      // Column affinity still applies to the value: '1' and 1 find the same rows of u.
      ['SELECT k FROM u WHERE v = ? ORDER BY k', ['1']],
      ['SELECT k FROM u WHERE v = ? ORDER BY k', [1]],
      ['SELECT k FROM u WHERE k = ? ORDER BY k', [1]],
    ];
    for (const [query, args] of queries) {
      expect(stablePlan(query)).not.toBe(query);
      expect(db.prepare(stablePlan(query)).all(...args)).toEqual(db.prepare(query).all(...args));
    }
  });
});
