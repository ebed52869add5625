import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../ids';
import { bytesToUuid, coded, fromStored, idFromText, idText, toStored, uuidToBytes } from './idCodec';

describe('ids as 16 bytes', () => {
  it('reads back every id as the text it was written from', () => {
    const ids = [...Array.from({ length: 500 }, () => uuidv7()), ...Array.from({ length: 500 }, () => randomUUID()), '00000000-0000-4000-8000-000000000000', 'ffffffff-ffff-7fff-bfff-ffffffffffff'];
    for (const id of ids) {
      const stored = toStored(id);
      expect(stored).toBeInstanceOf(Uint8Array);
      expect((stored as Uint8Array).length).toBe(16);
      expect(fromStored(stored)).toBe(id);
    }
  });

  it('gives each id its own string: an id read earlier does not change when the next is read', () => {
    const a = uuidv7();
    const b = randomUUID();
    const first = bytesToUuid(uuidToBytes(a));
    const second = bytesToUuid(uuidToBytes(b));
    expect([first, second]).toEqual([a, b]);
  });

  it('leaves text that is not a lowercase UUID as it is', () => {
    for (const v of ['T-000123', 'A1B2C3D4-0000-4000-8000-000000000000', 'not-an-id', '']) expect(toStored(v)).toBe(v);
  });

  it('reads ids that SQLite turned into text (idText) back as the same UUIDs, and other values as they are', () => {
    const db = coded(new BetterSqlite3(':memory:'));
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, id ANY) STRICT');
    const ids = [uuidv7(), randomUUID(), 'ffffffff-ffff-7fff-bfff-ffffffffffff'];
    const stored = [...ids, 'system', null];
    stored.forEach((id, n) => db.prepare('INSERT INTO t (n, id) VALUES (?, ?)').run(n, id));
    const k = new Kysely<{ t: { n: number; id: string | null } }>({ dialect: new SqliteDialect({ database: db }) });
    const q = k.selectFrom('t').select(idText('t.id').as('id')).orderBy('n').compile();
    const rows = db.prepare(q.sql).all(...q.parameters) as Array<{ id: string | null }>;
    expect(rows.map((r) => idFromText(r.id))).toEqual(stored);
    // The first three came back as 32 hex digits, not as bytes or dashed text.
    expect(rows.slice(0, 3).every((r) => typeof r.id === 'string' && /^[0-9a-f]{32}$/.test(r.id))).toBe(true);
  });
});
