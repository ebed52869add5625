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
  it('0003 copies each existing ticket’s customer name and service tag onto it', async () => {
    const { sqlite, db } = fresh();
    await migrate(db, MIGRATIONS.slice(0, 2));
    sqlite.exec(`
      insert into customers (id, kind, name, name_key, segment, service_level, created_at, updated_at) values ('c', 'organisation', 'City of Austin', 'city of austin', 'government', 'premier', 0, 0);
      insert into assets (id, service_tag, customer_id, product_line, model, ship_date, warranty_level, warranty_end, created_at) values ('a', '7XK2QF1', 'c', 'Latitude', 'Latitude 7440', 0, 'ProSupport', 0, 0);
      insert into tickets (id, number, customer_id, asset_id, segment, service_level, priority, priority_rank, tier, state, is_open, subject, description, channel, created_at, updated_at, version, machine)
        values ('t1', 1, 'c', 'a', 'government', 'premier', 'high', 2, 1, 'new', 1, 'No boot', '', 'phone', 0, 0, 1, '{}'),
               ('t2', 2, 'c', null, 'government', 'premier', 'low', 4, 1, 'new', 1, 'Invoice', '', 'email', 0, 0, 1, '{}');
    `);
    expect(await migrate(db, MIGRATIONS.slice(0, 3))).toEqual(['0003_ticket_row_names']);
    expect(sqlite.prepare('select id, customer_name, service_tag from tickets order by id').all()).toEqual([
      { id: 't1', customer_name: 'City of Austin', service_tag: '7XK2QF1' },
      { id: 't2', customer_name: 'City of Austin', service_tag: null },
    ]);
  });

  it('0004 serves "resolved today" and ownership history from indexes alone', async () => {
    const { sqlite, db } = fresh();
    await migrate(db, MIGRATIONS.slice(0, 3));
    expect(await migrate(db, MIGRATIONS.slice(0, 4))).toEqual(['0004_lean_indexes']);
    const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan(`select count(*) from ticket_events where type = 'RESOLVE' and at >= 0`)).toMatch(/USING COVERING INDEX ticket_events_resolved/);
    expect(plan(`select customer_id, from_at, to_at from asset_owners where asset_id = 'a' order by from_at`)).toMatch(/USING COVERING INDEX asset_owners_history/);
    expect(sqlite.prepare(`select name from sqlite_schema where name in ('ticket_events_type_at', 'asset_owners_asset')`).all()).toEqual([]);
  });

  it('0005 reads each part of the 360° view from one index, never visiting the tables', async () => {
    const { sqlite, db } = fresh();
    await migrate(db, MIGRATIONS.slice(0, 4));
    expect(await migrate(db, MIGRATIONS.slice(0, 5))).toEqual(['0005_customer_view_indexes']);
    const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan(`select * from assets where customer_id = 'c' order by ship_date desc`)).toBe('SEARCH assets USING COVERING INDEX assets_customer (customer_id=?)');
    expect(plan(`select id, name, role, email, phone from contacts where customer_id = 'c' order by name`)).toBe('SEARCH contacts USING COVERING INDEX contacts_customer (customer_id=?)');
    expect(plan(`select id, channel, direction, at, summary, ticket_id, user_id from interactions where customer_id = 'c' order by at desc limit 100`)).toBe(
      'SEARCH interactions USING COVERING INDEX interactions_customer (customer_id=?)',
    );
    expect(plan(`select asset_id, from_at from asset_owners where customer_id = 'c' and to_at is null`)).toMatch(/USING COVERING INDEX asset_owners_current/);
    expect(plan(`select o.customer_id, o.from_at, o.to_at from assets a join asset_owners o on o.asset_id = a.id where a.customer_id = 'c' and o.to_at is not null`)).toMatch(
      /USING COVERING INDEX assets_customer.*USING COVERING INDEX asset_owners_earlier/,
    );
  });

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
