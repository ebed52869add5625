import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { datasetName } from './generate';

// A scratch prototype, not a migration: how big would the desk's file be in the compact
// layouts issue 14 names? It copies a generated bench dataset (npm run bench -- --customers …
// --only db_size makes one) into candidate layouts in a scratch file, measures every table and
// index with dbstat, and projects each to the default bench size by its own row count.
//
//   npx tsx bench/compactSchema.ts --customers 50000 --assets 150000 --tickets 100000
//
// stdout: one JSON line per table group and layout, then a total. Findings: docs/compact-schema.md.

const REPO = fileURLToPath(new URL('..', import.meta.url));
const log = (m: string) => process.stderr.write(`${m}\n`);
const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '50000' },
    assets: { type: 'string', default: '150000' },
    tickets: { type: 'string', default: '100000' },
    cache: { type: 'string', default: path.join(REPO, '.cache', 'bench') },
  },
  strict: true,
});
const sizes = { customers: Number(args.customers), assets: Number(args.assets), tickets: Number(args.tickets) };
const DEFAULT = { customers: 1_000_000, assets: 3_000_000, tickets: 2_000_000 };
const source = path.join(path.resolve(args.cache), datasetName(sizes), 'tagdesk.sqlite');
if (!fs.existsSync(source)) throw new Error(`No dataset at ${source}: run npm run bench -- --customers ${sizes.customers} --assets ${sizes.assets} --tickets ${sizes.tickets} --only db_size first.`);

/** Which size each table grows with (the generator's rows are proportional to these). */
const DRIVER: Record<string, keyof typeof DEFAULT> = {
  customers: 'customers',
  contacts: 'customers',
  interactions: 'customers',
  assets: 'assets',
  asset_owners: 'assets',
  tickets: 'tickets',
  ticket_events: 'tickets',
  sla_outcomes: 'tickets',
  sla_policy_versions: 'tickets',
};
const scale = (table: string): number => {
  const d = DRIVER[table];
  return d ? DEFAULT[d] / sizes[d] : 1;
};

// A UUID's text (36 characters) as its 16 bytes; an id that is no UUID (the system actor) as its text's bytes.
const B = (col: string) => `coalesce(unhex(replace(${col}, '-', '')), CAST(${col} AS BLOB))`;

interface Layout {
  /** The table group it replaces (today's table and all its indexes). */
  table: string;
  variant: string;
  /** DDL, then the copy (reads `src.`). */
  sql: string;
}

const LAYOUTS: Layout[] = [
  {
    table: 'customers',
    variant: 'blob ids, WITHOUT ROWID by id',
    sql: `CREATE TABLE customers (id BLOB PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL, segment TEXT NOT NULL,
            service_level TEXT NOT NULL, email TEXT, phone TEXT, locale TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) STRICT, WITHOUT ROWID;
          INSERT INTO customers SELECT ${B('id')}, kind, name, name_key, segment, service_level, email, phone, locale, created_at, updated_at FROM src.customers ORDER BY 1;
          CREATE INDEX customers_name_key ON customers(name_key);
          CREATE INDEX customers_email ON customers(email) WHERE email IS NOT NULL;
          CREATE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL;`,
  },
  {
    table: 'customers',
    variant: 'blob ids, rowid table',
    sql: `CREATE TABLE customers (id BLOB NOT NULL UNIQUE, kind TEXT NOT NULL, name TEXT NOT NULL, name_key TEXT NOT NULL, segment TEXT NOT NULL,
            service_level TEXT NOT NULL, email TEXT, phone TEXT, locale TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL) STRICT;
          INSERT INTO customers SELECT ${B('id')}, kind, name, name_key, segment, service_level, email, phone, locale, created_at, updated_at FROM src.customers ORDER BY 1;
          CREATE INDEX customers_name_key ON customers(name_key);
          CREATE INDEX customers_email ON customers(email) WHERE email IS NOT NULL;
          CREATE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL;`,
  },
  {
    table: 'assets',
    variant: 'blob ids, WITHOUT ROWID by (customer, ship date, id), no covering copy',
    sql: `CREATE TABLE assets (customer_id BLOB NOT NULL, ship_date INTEGER NOT NULL, id BLOB NOT NULL, service_tag TEXT NOT NULL, product_line TEXT NOT NULL,
            model TEXT NOT NULL, warranty_level TEXT NOT NULL, warranty_end INTEGER NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (customer_id, ship_date, id)) STRICT, WITHOUT ROWID;
          INSERT INTO assets SELECT ${B('customer_id')}, ship_date, ${B('id')}, service_tag, product_line, model, warranty_level, warranty_end, created_at FROM src.assets ORDER BY 1, 2, 3;
          CREATE UNIQUE INDEX assets_tag ON assets(service_tag);
          CREATE UNIQUE INDEX assets_id ON assets(id);`,
  },
  {
    table: 'assets',
    variant: 'same, service tag as a base-36 integer',
    sql: `CREATE TABLE assets (customer_id BLOB NOT NULL, ship_date INTEGER NOT NULL, id BLOB NOT NULL, tag INTEGER NOT NULL, product_line TEXT NOT NULL,
            model TEXT NOT NULL, warranty_level TEXT NOT NULL, warranty_end INTEGER NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (customer_id, ship_date, id)) STRICT, WITHOUT ROWID;
          INSERT INTO assets SELECT ${B('customer_id')}, ship_date, ${B('id')}, base36(service_tag), product_line, model, warranty_level, warranty_end, created_at FROM src.assets ORDER BY 1, 2, 3;
          CREATE UNIQUE INDEX assets_tag ON assets(tag);
          CREATE UNIQUE INDEX assets_id ON assets(id);`,
  },
  {
    table: 'contacts',
    variant: 'blob ids, WITHOUT ROWID by (customer, name, id), no covering copy',
    sql: `CREATE TABLE contacts (customer_id BLOB NOT NULL, name TEXT NOT NULL, id BLOB NOT NULL, role TEXT, email TEXT, phone TEXT,
            PRIMARY KEY (customer_id, name, id)) STRICT, WITHOUT ROWID;
          INSERT INTO contacts SELECT ${B('customer_id')}, name, ${B('id')}, role, email, phone FROM src.contacts ORDER BY 1, 2, 3;
          CREATE INDEX contacts_email ON contacts(email) WHERE email IS NOT NULL;
          CREATE INDEX contacts_phone ON contacts(phone) WHERE phone IS NOT NULL;`,
  },
  {
    table: 'interactions',
    variant: "today's shape (table + covering copy), blob ids only",
    sql: `CREATE TABLE interactions (id BLOB PRIMARY KEY, customer_id BLOB NOT NULL, ticket_id BLOB, channel TEXT NOT NULL, direction TEXT NOT NULL, at INTEGER NOT NULL,
            summary TEXT NOT NULL, user_id BLOB) STRICT;
          INSERT INTO interactions SELECT ${B('id')}, ${B('customer_id')}, ${B('ticket_id')}, channel, direction, at, summary, ${B('user_id')} FROM src.interactions ORDER BY rowid;
          CREATE INDEX interactions_customer ON interactions(customer_id, at, id, channel, direction, summary, ticket_id, user_id);`,
  },
  {
    table: 'interactions',
    variant: 'blob ids, WITHOUT ROWID by (customer, at, id), no covering copy, no id index',
    sql: `CREATE TABLE interactions (customer_id BLOB NOT NULL, at INTEGER NOT NULL, id BLOB NOT NULL, channel TEXT NOT NULL, direction TEXT NOT NULL,
            summary TEXT NOT NULL, ticket_id BLOB, user_id BLOB, PRIMARY KEY (customer_id, at, id)) STRICT, WITHOUT ROWID;
          INSERT INTO interactions SELECT ${B('customer_id')}, at, ${B('id')}, channel, direction, summary, ${B('ticket_id')}, ${B('user_id')} FROM src.interactions ORDER BY 1, 2, 3;`,
  },
  {
    table: 'asset_owners',
    variant: 'blob ids, WITHOUT ROWID by (customer, asset, from), earlier owners by asset',
    sql: `CREATE TABLE asset_owners (customer_id BLOB NOT NULL, asset_id BLOB NOT NULL, from_at INTEGER NOT NULL, to_at INTEGER, id BLOB NOT NULL,
            PRIMARY KEY (customer_id, asset_id, from_at)) STRICT, WITHOUT ROWID;
          INSERT INTO asset_owners SELECT ${B('customer_id')}, ${B('asset_id')}, from_at, to_at, ${B('id')} FROM src.asset_owners ORDER BY 1, 2, 3;
          CREATE INDEX asset_owners_earlier ON asset_owners(asset_id, from_at) WHERE to_at IS NOT NULL;`,
  },
  {
    table: 'tickets',
    variant: 'blob ids, number as rowid, SLA policies inline as today',
    sql: `CREATE TABLE tickets (number INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, customer_id BLOB NOT NULL, asset_id BLOB, segment TEXT NOT NULL, service_level TEXT NOT NULL,
            priority TEXT NOT NULL, priority_rank INTEGER NOT NULL, tier INTEGER NOT NULL, state TEXT NOT NULL, is_open INTEGER NOT NULL, assignee_id BLOB,
            subject TEXT NOT NULL, description TEXT NOT NULL, channel TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, due_at INTEGER,
            version INTEGER NOT NULL, machine TEXT NOT NULL, sla_status TEXT NOT NULL, sla_target TEXT, sla_next_at INTEGER, sla_calendar_id TEXT,
            sla_policies TEXT NOT NULL, customer_name TEXT NOT NULL, service_tag TEXT) STRICT;
          INSERT INTO tickets SELECT number, ${B('id')}, ${B('customer_id')}, ${B('asset_id')}, segment, service_level, priority, priority_rank, tier, state, is_open, ${B('assignee_id')},
            subject, description, channel, created_at, updated_at, due_at, version, machine, sla_status, sla_target, sla_next_at, sla_calendar_id,
            sla_policies,
            customer_name, service_tag FROM src.tickets t ORDER BY number;
          CREATE INDEX tickets_queue ON tickets(segment, tier, priority_rank, created_at) WHERE is_open = 1;
          CREATE INDEX tickets_unassigned ON tickets(segment, tier, priority_rank, created_at) WHERE is_open = 1 AND assignee_id IS NULL;
          CREATE INDEX tickets_oldest ON tickets(segment, tier, created_at) WHERE is_open = 1;
          CREATE INDEX tickets_customer ON tickets(customer_id, created_at);
          CREATE INDEX tickets_assignee ON tickets(assignee_id, priority_rank, created_at) WHERE is_open = 1;
          CREATE INDEX tickets_sla_next ON tickets(sla_next_at) WHERE sla_next_at IS NOT NULL;
          CREATE INDEX tickets_urgency ON tickets(segment, tier, coalesce(due_at, 9007199254740991), created_at) WHERE is_open = 1;
          CREATE INDEX tickets_sla_status ON tickets(sla_status, segment, tier) WHERE is_open = 1;`,
  },
  {
    table: 'tickets',
    variant: 'blob ids, number as rowid, SLA policies by reference',
    sql: `CREATE TABLE sla_policy_versions (ref INTEGER PRIMARY KEY, policy_id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL, UNIQUE (policy_id, version)) STRICT;
          INSERT OR IGNORE INTO sla_policy_versions (policy_id, version, body)
            SELECT json_extract(e.value, '$.policy.id'), json_extract(e.value, '$.version'), json(json_extract(e.value, '$.policy')) FROM src.tickets t, json_each(t.sla_policies) e;
          CREATE TABLE tickets (number INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, customer_id BLOB NOT NULL, asset_id BLOB, segment TEXT NOT NULL, service_level TEXT NOT NULL,
            priority TEXT NOT NULL, priority_rank INTEGER NOT NULL, tier INTEGER NOT NULL, state TEXT NOT NULL, is_open INTEGER NOT NULL, assignee_id BLOB,
            subject TEXT NOT NULL, description TEXT NOT NULL, channel TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, due_at INTEGER,
            version INTEGER NOT NULL, machine TEXT NOT NULL, sla_status TEXT NOT NULL, sla_target TEXT, sla_next_at INTEGER, sla_calendar_id TEXT,
            sla_policy_refs TEXT NOT NULL, customer_name TEXT NOT NULL, service_tag TEXT) STRICT;
          INSERT INTO tickets SELECT number, ${B('id')}, ${B('customer_id')}, ${B('asset_id')}, segment, service_level, priority, priority_rank, tier, state, is_open, ${B('assignee_id')},
            subject, description, channel, created_at, updated_at, due_at, version, machine, sla_status, sla_target, sla_next_at, sla_calendar_id,
            (SELECT json_group_array(json_array(json_extract(e.value, '$.from'), v.ref)) FROM json_each(t.sla_policies) e
               JOIN sla_policy_versions v ON v.policy_id = json_extract(e.value, '$.policy.id') AND v.version = json_extract(e.value, '$.version')),
            customer_name, service_tag FROM src.tickets t ORDER BY number;
          CREATE INDEX tickets_queue ON tickets(segment, tier, priority_rank, created_at) WHERE is_open = 1;
          CREATE INDEX tickets_unassigned ON tickets(segment, tier, priority_rank, created_at) WHERE is_open = 1 AND assignee_id IS NULL;
          CREATE INDEX tickets_oldest ON tickets(segment, tier, created_at) WHERE is_open = 1;
          CREATE INDEX tickets_customer ON tickets(customer_id, created_at);
          CREATE INDEX tickets_assignee ON tickets(assignee_id, priority_rank, created_at) WHERE is_open = 1;
          CREATE INDEX tickets_sla_next ON tickets(sla_next_at) WHERE sla_next_at IS NOT NULL;
          CREATE INDEX tickets_urgency ON tickets(segment, tier, coalesce(due_at, 9007199254740991), created_at) WHERE is_open = 1;
          CREATE INDEX tickets_sla_status ON tickets(sla_status, segment, tier) WHERE is_open = 1;`,
  },
  {
    table: 'tickets',
    variant: 'same, machine snapshot without the fields its columns already hold',
    sql: `CREATE TABLE sla_policy_versions (ref INTEGER PRIMARY KEY, policy_id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL, UNIQUE (policy_id, version)) STRICT;
          INSERT OR IGNORE INTO sla_policy_versions (policy_id, version, body)
            SELECT json_extract(e.value, '$.policy.id'), json_extract(e.value, '$.version'), json(json_extract(e.value, '$.policy')) FROM src.tickets t, json_each(t.sla_policies) e;
          CREATE TABLE tickets (number INTEGER PRIMARY KEY, id BLOB NOT NULL UNIQUE, customer_id BLOB NOT NULL, asset_id BLOB, segment TEXT NOT NULL, service_level TEXT NOT NULL,
            priority TEXT NOT NULL, priority_rank INTEGER NOT NULL, tier INTEGER NOT NULL, state TEXT NOT NULL, is_open INTEGER NOT NULL, assignee_id BLOB,
            subject TEXT NOT NULL, description TEXT NOT NULL, channel TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, due_at INTEGER,
            version INTEGER NOT NULL, machine TEXT NOT NULL, sla_status TEXT NOT NULL, sla_target TEXT, sla_next_at INTEGER, sla_calendar_id TEXT,
            sla_policy_refs TEXT NOT NULL, customer_name TEXT NOT NULL, service_tag TEXT) STRICT;
          INSERT INTO tickets SELECT number, ${B('id')}, ${B('customer_id')}, ${B('asset_id')}, segment, service_level, priority, priority_rank, tier, state, is_open, ${B('assignee_id')},
            subject, description, channel, created_at, updated_at, due_at, version, json_remove(machine, '$.segment', '$.tier', '$.priority', '$.assigneeId'), sla_status, sla_target, sla_next_at, sla_calendar_id,
            (SELECT json_group_array(json_array(json_extract(e.value, '$.from'), v.ref)) FROM json_each(t.sla_policies) e
               JOIN sla_policy_versions v ON v.policy_id = json_extract(e.value, '$.policy.id') AND v.version = json_extract(e.value, '$.version')),
            customer_name, service_tag FROM src.tickets t ORDER BY number;
          CREATE INDEX tickets_queue ON tickets(segment, tier, priority_rank, created_at) WHERE is_open = 1;
          CREATE INDEX tickets_unassigned ON tickets(segment, tier, priority_rank, created_at) WHERE is_open = 1 AND assignee_id IS NULL;
          CREATE INDEX tickets_oldest ON tickets(segment, tier, created_at) WHERE is_open = 1;
          CREATE INDEX tickets_customer ON tickets(customer_id, created_at);
          CREATE INDEX tickets_assignee ON tickets(assignee_id, priority_rank, created_at) WHERE is_open = 1;
          CREATE INDEX tickets_sla_next ON tickets(sla_next_at) WHERE sla_next_at IS NOT NULL;
          CREATE INDEX tickets_urgency ON tickets(segment, tier, coalesce(due_at, 9007199254740991), created_at) WHERE is_open = 1;
          CREATE INDEX tickets_sla_status ON tickets(sla_status, segment, tier) WHERE is_open = 1;`,
  },
  {
    table: 'ticket_events',
    variant: 'blob ids, rowid table, both unique indexes on blobs',
    sql: `CREATE TABLE ticket_events (id BLOB NOT NULL UNIQUE, ticket_id BLOB NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, actor_id BLOB NOT NULL, at INTEGER NOT NULL,
            payload TEXT NOT NULL, UNIQUE (ticket_id, seq)) STRICT;
          INSERT INTO ticket_events SELECT ${B('id')}, ${B('ticket_id')}, seq, type, ${B('actor_id')}, at, payload FROM src.ticket_events ORDER BY rowid;
          CREATE INDEX ticket_events_resolved ON ticket_events(at) WHERE type = 'RESOLVE';`,
  },
  {
    table: 'ticket_events',
    variant: 'blob ids, WITHOUT ROWID by (ticket, seq), unique id index',
    sql: `CREATE TABLE ticket_events (ticket_id BLOB NOT NULL, seq INTEGER NOT NULL, id BLOB NOT NULL, type TEXT NOT NULL, actor_id BLOB NOT NULL, at INTEGER NOT NULL,
            payload TEXT NOT NULL, PRIMARY KEY (ticket_id, seq)) STRICT, WITHOUT ROWID;
          INSERT INTO ticket_events SELECT ${B('ticket_id')}, seq, ${B('id')}, type, ${B('actor_id')}, at, payload FROM src.ticket_events ORDER BY 1, 2;
          CREATE UNIQUE INDEX ticket_events_id ON ticket_events(id);
          CREATE INDEX ticket_events_resolved ON ticket_events(at) WHERE type = 'RESOLVE';`,
  },
  {
    table: 'sla_outcomes',
    variant: 'blob ticket id',
    sql: `CREATE TABLE sla_outcomes (ticket_id BLOB NOT NULL, target TEXT NOT NULL, segment TEXT NOT NULL, due_at INTEGER, done_at INTEGER NOT NULL, met INTEGER NOT NULL,
            PRIMARY KEY (ticket_id, target)) STRICT, WITHOUT ROWID;
          INSERT INTO sla_outcomes SELECT ${B('ticket_id')}, target, segment, due_at, done_at, met FROM src.sla_outcomes ORDER BY 1, 2;`,
  },
];

// ---- today's layout ---------------------------------------------------------------------------

const src = new BetterSqlite3(source, { readonly: true });
const owner = new Map<string, string>(
  (src.prepare("SELECT name, tbl_name FROM sqlite_schema WHERE type IN ('table','index')").all() as Array<{ name: string; tbl_name: string }>).map((r) => [r.name, r.tbl_name]),
);
const todayBtrees = src.prepare("SELECT name, pgsize FROM dbstat('main', 1)").all() as Array<{ name: string; pgsize: number }>;
const pageSize = src.pragma('page_size', { simple: true }) as number;
const todayBytes = (src.pragma('page_count', { simple: true }) as number) * pageSize;
const todayByTable = new Map<string, { bytes: number; parts: Record<string, number> }>();
for (const b of todayBtrees) {
  const table = owner.get(b.name) ?? b.name;
  const entry = todayByTable.get(table) ?? { bytes: 0, parts: {} };
  entry.bytes += b.pgsize;
  entry.parts[b.name] = b.pgsize;
  todayByTable.set(table, entry);
}
const rowCounts = new Map<string, number>();
for (const table of new Set(LAYOUTS.map((l) => l.table))) rowCounts.set(table, src.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number);
const rowsOf = (table: string): number => rowCounts.get(table)!;
src.close();

// ---- each layout in its own scratch file ------------------------------------------------------

const scratchDir = path.join(path.resolve(args.cache), `compact-${process.pid}`);
fs.mkdirSync(scratchDir, { recursive: true });
process.on('exit', () => fs.rmSync(scratchDir, { recursive: true, force: true }));

interface Measured {
  name: 'compact_layout';
  table: string;
  variant: string;
  rows: number;
  today_bytes: number;
  bytes: number;
  today_bytes_per_row: number;
  bytes_per_row: number;
  projected_today_bytes: number;
  projected_bytes: number;
  parts: Record<string, number>;
}

const measured: Measured[] = [];
for (const [i, layout] of LAYOUTS.entries()) {
  const file = path.join(scratchDir, `layout-${i}.sqlite`);
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma(`page_size = ${pageSize}`);
  db.function('base36', { deterministic: true }, (tag: unknown) => (typeof tag === 'string' ? parseInt(tag, 36) : null));
  db.prepare('ATTACH DATABASE ? AS src').run(source);
  const t0 = Date.now();
  db.exec(layout.sql);
  db.exec('DETACH DATABASE src');
  const parts: Record<string, number> = {};
  let bytes = 0;
  for (const b of db.prepare("SELECT name, pgsize FROM dbstat('main', 1) WHERE name NOT LIKE 'sqlite_schema'").all() as Array<{ name: string; pgsize: number }>) {
    parts[b.name] = b.pgsize;
    bytes += b.pgsize;
  }
  db.close();
  fs.rmSync(file, { force: true });
  const today = todayByTable.get(layout.table) ?? { bytes: 0, parts: {} };
  const rows = rowsOf(layout.table);
  const k = scale(layout.table);
  const m: Measured = {
    name: 'compact_layout',
    table: layout.table,
    variant: layout.variant,
    rows,
    today_bytes: today.bytes,
    bytes,
    today_bytes_per_row: Math.round(today.bytes / rows),
    bytes_per_row: Math.round(bytes / rows),
    projected_today_bytes: Math.round(today.bytes * k),
    projected_bytes: Math.round(bytes * k),
    parts,
  };
  measured.push(m);
  log(`${layout.table} (${layout.variant}): ${m.today_bytes_per_row} → ${m.bytes_per_row} bytes/row in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

// ---- the total: the smallest layout of each group, everything else as today --------------------

const best = new Map<string, Measured>();
for (const m of measured) if (!best.has(m.table) || m.bytes < best.get(m.table)!.bytes) best.set(m.table, m);
let projectedToday = 0;
let projected = 0;
for (const [table, today] of todayByTable) {
  const k = scale(table);
  projectedToday += today.bytes * k;
  projected += best.has(table) ? best.get(table)!.projected_bytes : today.bytes * k;
}
// sla_policy_versions is new, counted with tickets' layout above.
process.stdout.write(
  `${JSON.stringify({
    name: 'compact_total',
    sizes,
    today_bytes: todayBytes,
    projected_today_bytes: Math.round(projectedToday),
    projected_bytes: Math.round(projected),
    ratio: Math.round((projected / projectedToday) * 1000) / 1000,
    chosen: Object.fromEntries([...best].map(([t, m]) => [t, m.variant])),
  })}\n`,
);
