import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { defaultPolicies } from '../../../shared/sla/defaults';
import { replayLog } from '../../../shared/ticketLog';
import { lookupQueries } from '../lookup';
import { queueSummaryQuery } from '../tickets';
import type { CompactProgress } from './compact';
import { uuidToBytes } from './idCodec';
import { fillCustomerWords } from './migrations/0025_customer_words';
import { keyImportIds } from './migrations/0028_import_keys';
import { importKeys, importSecret } from '../import/importKeys';
import { stablePlan } from './stablePlans';
import { migrate, MIGRATIONS, type Migration } from './migrate';
import type { Database } from './schema';

const fresh = () => {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.pragma('foreign_keys = ON');
  const kysely = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  // Jobs (0014_compact) run on the connection itself.
  const db = { kysely, migrate: (ms: readonly Migration[] = MIGRATIONS) => migrate(kysely, ms, { raw: sqlite }) };
  return { sqlite, db };
};

describe('migrations', () => {
  it('0003 copies each existing ticket’s customer name and service tag onto it', async () => {
    const { sqlite, db } = fresh();
    await db.migrate(MIGRATIONS.slice(0, 2));
    sqlite.exec(`
      insert into customers (id, kind, name, name_key, segment, service_level, created_at, updated_at) values ('c', 'organisation', 'City of Austin', 'city of austin', 'government', 'premier', 0, 0);
      insert into assets (id, service_tag, customer_id, product_line, model, ship_date, warranty_level, warranty_end, created_at) values ('a', '7XK2QF1', 'c', 'Latitude', 'Latitude 7440', 0, 'ProSupport', 0, 0);
      insert into tickets (id, number, customer_id, asset_id, segment, service_level, priority, priority_rank, tier, state, is_open, subject, description, channel, created_at, updated_at, version, machine)
        values ('t1', 1, 'c', 'a', 'government', 'premier', 'high', 2, 1, 'new', 1, 'No boot', '', 'phone', 0, 0, 1, '{}'),
               ('t2', 2, 'c', null, 'government', 'premier', 'low', 4, 1, 'new', 1, 'Invoice', '', 'email', 0, 0, 1, '{}');
    `);
    expect(await db.migrate(MIGRATIONS.slice(0, 3))).toEqual(['0003_ticket_row_names']);
    expect(sqlite.prepare('select id, customer_name, service_tag from tickets order by id').all()).toEqual([
      { id: 't1', customer_name: 'City of Austin', service_tag: '7XK2QF1' },
      { id: 't2', customer_name: 'City of Austin', service_tag: null },
    ]);
  });

  it('0004 serves "resolved today" and ownership history from indexes alone', async () => {
    const { sqlite, db } = fresh();
    await db.migrate(MIGRATIONS.slice(0, 3));
    expect(await db.migrate(MIGRATIONS.slice(0, 4))).toEqual(['0004_lean_indexes']);
    const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan(`select count(*) from ticket_events where type = 'RESOLVE' and at >= 0`)).toMatch(/USING COVERING INDEX ticket_events_resolved/);
    expect(plan(`select customer_id, from_at, to_at from asset_owners where asset_id = 'a' order by from_at`)).toMatch(/USING COVERING INDEX asset_owners_history/);
    expect(sqlite.prepare(`select name from sqlite_schema where name in ('ticket_events_type_at', 'asset_owners_asset')`).all()).toEqual([]);
  });

  it('0005 reads each part of the 360° view from one index, never visiting the tables', async () => {
    const { sqlite, db } = fresh();
    await db.migrate(MIGRATIONS.slice(0, 4));
    expect(await db.migrate(MIGRATIONS.slice(0, 5))).toEqual(['0005_customer_view_indexes']);
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

  it('0006 converts each existing event to the envelope in place, policy history included, and reads the log by index', async () => {
    const { sqlite, db } = fresh();
    await db.migrate(MIGRATIONS.slice(0, 5));
    const [p1, p2] = [defaultPolicies[0]!, { ...defaultPolicies[0]!, atRiskShare: 0.5 }];
    const context = { segment: p1.segment, tier: 1, priority: 'high', assigneeId: 'u1', heldBy: { 1: 'u1', 2: null, 3: null }, reopenWindowMs: 604800000, resolvedAt: null, updatedAt: 20 };
    sqlite.prepare(`insert into users (id, name, email, role, tier, segments, active, created_at) values ('u1', 'Ava', 'ava@x', 'agent', 1, '["${p1.segment}"]', 1, 0)`).run();
    sqlite.prepare(`insert into customers (id, kind, name, name_key, segment, service_level, created_at, updated_at) values ('c', 'organisation', 'Lakeside', 'lakeside', ?, ?, 0, 0)`).run(p1.segment, p1.serviceLevel);
    sqlite
      .prepare(
        `insert into tickets (id, number, customer_id, asset_id, segment, service_level, priority, priority_rank, tier, state, is_open, assignee_id, subject, description, channel, created_at, updated_at, version, machine, sla_status, sla_policies, customer_name)
         values ('t1', 1, 'c', null, ?, ?, 'high', 2, 1, 'tier1.open', 1, 'u1', 'No boot', 'Dead', 'phone', 0, 20, 2, ?, 'ok', ?, 'Lakeside')`,
      )
      .run(p1.segment, p1.serviceLevel, JSON.stringify(context), JSON.stringify([{ from: 0, version: 1, policy: p1 }, { from: 20, version: 2, policy: p2 }]));
    const event = sqlite.prepare(`insert into ticket_events (id, ticket_id, seq, type, actor_id, at, payload) values (?, 't1', ?, ?, 'u1', ?, ?)`);
    event.run('e1', 1, 'CREATED', 0, JSON.stringify({ subject: 'No boot', priority: 'high', channel: 'phone', assetId: null }));
    event.run('e2', 2, 'TAKE', 20, '{}');

    expect(await db.migrate(MIGRATIONS.slice(0, 6))).toEqual(['0006_ticket_log']);
    const deskId = sqlite.prepare(`select value from meta where key = 'desk_id'`).pluck().get();
    const rows = sqlite.prepare(`select * from ticket_events where ticket_id = 't1' order by seq`).all() as Array<Record<string, unknown> & { payload: string; actor: string }>;
    expect(rows.map((r) => [r.seq, r.type, r.desk_id, r.global_seq])).toEqual([[1, 'CREATED', deskId, null], [2, 'POLICY_CHANGED', deskId, null], [3, 'TAKE', deskId, null]]);
    expect(JSON.parse(rows[0]!.actor)).toEqual({ role: 'agent', tier: 1, segments: [p1.segment] });
    const log = rows.map((r) => ({ ticketId: 't1', seq: r.seq as number, type: r.type as 'TAKE', payload: JSON.parse(r.payload), actor: { id: r.actor_id as string, ...JSON.parse(r.actor) }, at: r.at as number }));
    const state = replayLog(log)!;
    expect(state.position).toEqual({ state: 'tier1.open', context });
    expect(state.policies.map((s) => [s.from, s.version])).toEqual([[0, 1], [20, 2]]);
    expect(state.head).toMatchObject({ customerName: 'Lakeside', description: 'Dead', number: 1 });
    expect(sqlite.prepare(`select version from tickets where id = 't1'`).pluck().get()).toBe(3);

    const plan = (q: string) => (sqlite.prepare(`explain query plan ${q}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan(`select id, type, actor_id, at, payload from ticket_events where ticket_id = 't1' order by seq`)).toMatch(/^SEARCH ticket_events USING INDEX sqlite_autoindex_ticket_events_2 \(ticket_id=\?\)$/);
    expect(plan(`select 1 from ticket_events where id = 'e1'`)).toMatch(/^SEARCH ticket_events USING COVERING INDEX sqlite_autoindex_ticket_events_1 \(id=\?\)$/);
    expect(plan(`select body from outbox where desk_seq > 5 order by desk_seq limit 100`)).toMatch(/^SEARCH outbox USING INTEGER PRIMARY KEY \(rowid>\?\)$/);
    // A queue's oldest ticket comes from the queue index, one seek per priority.
    const summary = queueSummaryQuery(new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })).compile();
    const summaryPlan = (sqlite.prepare(`explain query plan ${summary.sql}`).all(...(summary.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail);
    expect(summaryPlan.filter((d) => d.startsWith('SEARCH t'))).toEqual(Array(4).fill('SEARCH t USING COVERING INDEX tickets_queue (segment=? AND tier=? AND priority_rank=?)'));
    expect(sqlite.prepare(`select name from sqlite_schema where name = 'tickets_oldest'`).all()).toEqual([]);
  });

  it('0001 creates the schema with the five segments and a counter per segment and tier', async () => {
    const { sqlite, db } = fresh();
    expect(await db.migrate()).toEqual(MIGRATIONS.map((m) => m.id));
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

  it('0018 copies the outcomes of the 8 days before the newest into sla_recent, for the attainment drill-down', async () => {
    const { sqlite, db } = fresh();
    const upTo17 = MIGRATIONS.findIndex((m) => m.id === '0018_sla_recent');
    await db.migrate(MIGRATIONS.slice(0, upTo17));
    const DAY = 86_400_000;
    const newest = 400 * DAY + 5_000;
    sqlite.exec(`
      insert into customers (id, kind, name, name_key, segment, service_level, created_at, updated_at) values ('c', 'organisation', 'City of Austin', 'city of austin', 'government', 'premier', 0, 0);
      insert into tickets (id, number, customer_id, asset_id, segment, service_level, priority, priority_rank, tier, state, is_open, subject, description, channel, created_at, updated_at, version, machine)
        values ('t1', 1, 'c', null, 'government', 'premier', 'high', 2, 1, 'resolved', 0, 'No boot', '', 'phone', 0, 0, 1, '{}'),
               ('t2', 2, 'c', null, 'government', 'premier', 'low', 4, 1, 'resolved', 0, 'Invoice', '', 'email', 0, 0, 1, '{}');
      insert into sla_outcomes (ticket_id, target, segment, due_at, done_at, met) values
        ('t1', 'resolution', 'government', null, ${newest}, 1),
        ('t1', 'firstResponse', 'government', ${newest - 9 * DAY}, ${newest - 8 * DAY}, 0),
        ('t2', 'firstResponse', 'government', null, ${newest - 8 * DAY - 1}, 1);
    `);
    expect(await db.migrate(MIGRATIONS.slice(0, upTo17 + 1))).toEqual(['0018_sla_recent']);
    expect(sqlite.prepare('select ticket_id, target, done_at, met from sla_recent order by done_at').all()).toEqual([
      { ticket_id: 't1', target: 'firstResponse', done_at: newest - 8 * DAY, met: 0 },
      { ticket_id: 't1', target: 'resolution', done_at: newest, met: 1 },
    ]);
    // The drill-down's statement finds a segment's week by its key, not by reading every outcome.
    const plan = sqlite.prepare(`explain query plan select ticket_id from sla_recent where segment = 'government' and target = 'resolution' and done_at >= 0`).all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail)).toEqual([expect.stringMatching(/^SEARCH sla_recent USING PRIMARY KEY \(segment=\? AND target=\? AND done_at>\?\)$/)]);
  });

  it('0024 counts each person’s open tickets at risk and breached beside their load, from the SLA index alone', async () => {
    const { sqlite, db } = fresh();
    const upTo23 = MIGRATIONS.findIndex((m) => m.id === '0024_agent_sla_load');
    await db.migrate(MIGRATIONS.slice(0, upTo23));
    sqlite.exec(`
      insert into users (id, name, email, role, tier, segments, created_at) values ('u1', 'Ava', 'ava@example.com', 'agent', 1, '[]', 0), ('u2', 'Sam', 'sam@example.com', 'specialist', 2, '[]', 0);
      insert into customers (id, kind, name, name_key, segment, service_level, created_at, updated_at) values ('c', 'organisation', 'City of Austin', 'city of austin', 'government', 'premier', 0, 0);
      insert into tickets (id, number, customer_id, asset_id, segment, service_level, priority, priority_rank, tier, state, is_open, assignee_id, sla_status, subject, description, channel, created_at, updated_at, version, machine)
        values ('t1', 1, 'c', null, 'government', 'premier', 'high', 2, 1, 'tier1.open', 1, 'u1', 'atRisk', 'No boot', '', 'phone', 0, 0, 1, '{}'),
               ('t2', 2, 'c', null, 'government', 'premier', 'high', 2, 1, 'tier1.open', 1, 'u1', 'breached', 'No boot', '', 'phone', 0, 0, 1, '{}'),
               ('t3', 3, 'c', null, 'government', 'premier', 'high', 2, 1, 'tier1.open', 1, 'u1', 'ok', 'No boot', '', 'phone', 0, 0, 1, '{}'),
               ('t4', 4, 'c', null, 'government', 'premier', 'high', 2, 2, 'tier2.in_progress', 1, 'u2', 'atRisk', 'No boot', '', 'phone', 0, 0, 1, '{}'),
               ('t5', 5, 'c', null, 'government', 'premier', 'high', 2, 1, 'resolved', 0, 'u2', 'breached', 'No boot', '', 'phone', 0, 0, 1, '{}');
      insert into agent_load (user_id, open) values ('u1', 3), ('u2', 1);
    `);
    expect(await db.migrate(MIGRATIONS.slice(0, upTo23 + 1))).toEqual(['0024_agent_sla_load']);
    expect(sqlite.prepare('select user_id, open, at_risk, breached from agent_load order by user_id').all()).toEqual([
      { user_id: 'u1', open: 3, at_risk: 1, breached: 1 },
      { user_id: 'u2', open: 1, at_risk: 1, breached: 0 },
    ]);
    // A person's at-risk (or breached) drawer reads their own open tickets by index.
    const plan = sqlite.prepare(`explain query plan select id from tickets where is_open = 1 and assignee_id = 'u1' and sla_status = 'atRisk'`).all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail)).toEqual([expect.stringMatching(/^SEARCH tickets USING INDEX tickets_(assignee|sla_status) /)]);
  });

  it('0025 indexes every word of every customer already on the desk, in batches, and the lookup reads them by their key', async () => {
    const { sqlite, db } = fresh();
    const before = MIGRATIONS.findIndex((m) => m.id === '0025_customer_words');
    await db.migrate(MIGRATIONS.slice(0, before));
    const insert = sqlite.prepare(`insert into customers (id, kind, name, name_key, segment, service_level, created_at, updated_at, erased_at) values (?, 'person', ?, ?, 'home', 'basic', 0, 0, ?)`);
    const id = (n: number) => uuidToBytes(`0190f3a2-0000-7000-8000-${String(n).padStart(12, '0')}`);
    insert.run(id(1), 'Jordan Patel', 'jordan patel', null);
    insert.run(id(2), 'Springfield School District', 'springfield school district', null);
    insert.run(id(3), 'زهرا کریمی\u200cنژاد', 'زهرا کریمینژاد', null);
    insert.run(id(4), 'Erased customer 4', 'erased customer 4', 1);
    // Stopped during its second batch (of one customer each), it resumes after the first.
    const stop = (p: CompactProgress) => {
      if (p.rowsDone === 2) throw new Error('killed');
    };
    await expect(fillCustomerWords(sqlite, stop, 1)).rejects.toThrow('killed');
    expect(sqlite.prepare('select last_rowid, done, total from customer_words_progress').get()).toEqual({ last_rowid: 1, done: 1, total: 4 });
    const seen: number[] = [];
    expect(await migrate(db.kysely, MIGRATIONS.slice(0, before + 1), { raw: sqlite, onProgress: (p) => seen.push(p.rowsDone) })).toEqual(['0025_customer_words']);
    expect(seen).toEqual([1, 4]);
    const rows = sqlite.prepare('select word_key, hex(customer_id) as id from customer_words').all() as Array<{ word_key: string; id: string }>;
    const hex = (n: number) => id(n).toString('hex').toUpperCase();
    expect(rows).toEqual([
      { word_key: 'district', id: hex(2) },
      { word_key: 'jordan', id: hex(1) },
      { word_key: 'patel', id: hex(1) },
      { word_key: 'school', id: hex(2) },
      { word_key: 'springfield', id: hex(2) },
      { word_key: 'زهرا', id: hex(3) },
      { word_key: 'نژاد', id: hex(3) },
      { word_key: 'کریمینژاد', id: hex(3) },
    ]);
    expect(sqlite.prepare(`select name from sqlite_schema where name like 'customer_words_%'`).all()).toEqual([]);
    // The lookup's statement: a range on the words' key, each customer by its own.
    const byWord = lookupQueries(new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })).customersByWord.compile();
    const plan = sqlite.prepare(`explain query plan ${stablePlan(byWord.sql)}`).all('pat', 'pat\uffff', 'jor', 20) as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail)).toEqual(['SEARCH w USING PRIMARY KEY (word_key>? AND word_key<?)', 'SEARCH c USING INDEX sqlite_autoindex_customers_1 (id=?)']);
    const starting = lookupQueries(new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })).wordsStarting.compile();
    const counted = sqlite.prepare(`explain query plan ${stablePlan(starting.sql)}`).all('pat', 'pat\uffff', 5000) as Array<{ detail: string }>;
    expect(counted.map((p) => p.detail)).toContain('SEARCH customer_words USING PRIMARY KEY (word_key>? AND word_key<?)');
    expect(counted.map((p) => p.detail).filter((d) => d.startsWith('SCAN customer_words'))).toEqual([]);
  });

  it('0025 lets the upgrade screen answer between its batches', async () => {
    // 1,000,000 customers take tens of seconds; the browser shell answers the upgrade page's
    // progress requests only when the fill yields, and the page says Tagdesk stopped answering after 20 s.
    const { sqlite, db } = fresh();
    await db.migrate(MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.id === '0025_customer_words')));
    const insert = sqlite.prepare(`insert into customers (id, kind, name, name_key, segment, service_level, created_at, updated_at) values (?, 'person', ?, ?, 'home', 'basic', 0, 0)`);
    for (let n = 1; n <= 3; n++) insert.run(uuidToBytes(`0190f3a2-0000-7000-8000-${String(n).padStart(12, '0')}`), `Caller ${n}`, `caller ${n}`);
    const filling = fillCustomerWords(sqlite, () => {}, 1);
    let answered = false;
    setImmediate(() => (answered = true));
    await filling;
    expect(answered).toBe(true);
    expect(sqlite.prepare('select count(*) as n from customer_words').get()).toEqual({ n: 6 });
  });

  it('0028 keeps every customer\'s and contact\'s import key as a keyed hash, resuming after a kill, and the importer still finds each row', async () => {
    const { sqlite, db } = fresh();
    const before = MIGRATIONS.findIndex((m) => m.id === '0028_import_keys');
    await db.migrate(MIGRATIONS.slice(0, before));
    const id = (n: number) => uuidToBytes(`0190f3a2-0000-7000-8000-${String(n).padStart(12, '0')}`);
    const csvId = '0190f3a2-0000-7000-8000-00000000abcd';
    // As the importer wrote them: emails, a company's lowercased name, the old desks' numbers, a CSV's UUID id (16 bytes since 0014), tickets and comments.
    const old: Array<[string, string, string | Buffer, number]> = [
      ['freshdesk', 'user', '201', 1],
      ['freshdesk', 'user', 'olivia.brennan@example.ie', 1],
      ['freshdesk', 'company', 'bottega rossi srl', 2],
      ['freshdesk', 'user', 'm.rossi@bottega.example', 2],
      ['zendesk', 'organization', '361', 3],
      ['zendesk', 'user', '9001', 4],
      ['csv', 'user', uuidToBytes(csvId), 5],
      ['csv', 'user', '+989121234567', 6],
      ['freshdesk', 'ticket', '1001', 7],
      ['zendesk', 'comment', '88/0', 7],
    ];
    const insert = sqlite.prepare('insert into import_ids (source, kind, external_id, local_id) values (?, ?, ?, ?)');
    for (const [source, kind, ext, n] of old) insert.run(source, kind, ext, id(n));
    // Killed after its second batch (of one row each), it converts the rest when started again.
    const stop = (p: CompactProgress) => {
      if (p.rowsDone === 2) throw new Error('killed');
    };
    await expect(keyImportIds(sqlite, stop, 1)).rejects.toThrow('killed');
    expect(await migrate(db.kysely, MIGRATIONS.slice(0, before + 1), { raw: sqlite })).toEqual(['0028_import_keys']);
    const rows = sqlite.prepare('select source, kind, external_id, local_id from import_ids').all() as Array<{ source: string; kind: string; external_id: string | Buffer; local_id: Buffer }>;
    expect(rows).toHaveLength(old.length);
    // Nothing readable is left of a person or a company; tickets and comments keep their ids.
    expect(rows.filter((r) => typeof r.external_id !== 'string')).toEqual([]);
    const texts = rows.map((r) => r.external_id as string);
    for (const word of ['olivia', 'bottega', 'rossi', '9121234567']) expect(texts.filter((t) => t.includes(word))).toEqual([]);
    expect(texts.filter((t) => ['201', '9001', '361'].includes(t))).toEqual([]);
    expect(texts).toEqual(expect.arrayContaining(['1001', '88/0']));
    // The importer's own lookup finds each row under the same desk's secret, pointing where it did.
    const stored = importKeys(importSecret(sqlite));
    const find = sqlite.prepare('select local_id from import_ids where source = ? and kind = ? and external_id = ?').pluck();
    for (const [source, kind, ext, n] of old) {
      expect(find.get(source, kind, stored(kind, typeof ext === 'string' ? ext : csvId)), `${source} ${kind}`).toEqual(id(n));
    }
  });

  it('applies nothing twice', async () => {
    const { db } = fresh();
    await db.migrate();
    expect(await db.migrate()).toEqual([]);
  });

  it('refuses a database whose history it does not know', async () => {
    const { sqlite, db } = fresh();
    await db.migrate();
    sqlite.prepare(`insert into migrations (id, applied_at) values ('9999_from_the_future', ?)`).run(Date.now() + 1000);
    await expect(db.migrate()).rejects.toThrow(/different version of Tagdesk/);
  });
});
