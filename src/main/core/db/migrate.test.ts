import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from './migrate';

const fresh = () => {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.pragma('foreign_keys = ON');
  return { sqlite, db: new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) }) };
};

describe('migrations', () => {
  it('0001 creates the schema with the five segments and a counter per segment and tier', async () => {
    const { sqlite, db } = fresh();
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(sqlite.prepare('select id from segments order by id').pluck().all()).toEqual(['education', 'government', 'home', 'large_enterprise', 'small_business']);
    expect(sqlite.prepare('select count(*) from queue_counters where open = 0').pluck().get()).toBe(15);
    // A tag is exactly 7 characters and unique.
    sqlite.prepare(`insert into customers (id, kind, name, name_key, segment, service_level, created_at, updated_at) values ('c', 'person', 'A', 'a', 'home', 'basic', 0, 0)`).run();
    const asset = sqlite.prepare(`insert into assets (id, service_tag, customer_id, product_line, model, ship_date, warranty_level, warranty_end, created_at) values (?, ?, 'c', 'XPS', 'XPS 13', 0, 'Basic', 0, 0)`);
    asset.run('a1', 'ABC1234');
    expect(() => asset.run('a2', 'ABC1234')).toThrow(/UNIQUE/);
    expect(() => asset.run('a3', 'ABC123')).toThrow(/CHECK/);
    expect(() => asset.run('a4', 'ZZZ9999').valueOf() && sqlite.prepare(`insert into assets (id, service_tag, customer_id, product_line, model, ship_date, warranty_level, warranty_end, created_at) values ('a5', 'QQQ1111', 'nobody', 'x', 'x', 0, 'x', 0, 0)`).run()).toThrow(/FOREIGN KEY/);
  });

  it('applies nothing twice', async () => {
    const { db } = fresh();
    await migrate(db);
    expect(await migrate(db)).toEqual([]);
  });

  it('refuses a database whose history it does not know', async () => {
    const { sqlite, db } = fresh();
    await migrate(db);
    sqlite.prepare(`insert into migrations (id, applied_at) values ('9999_from_the_future', ?)`).run(Date.now() + 1000);
    await expect(migrate(db)).rejects.toThrow(/different version of Tagdesk/);
  });
});
