import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { nameKey } from '../src/shared/customerRules';
import { DB_FILE } from '../src/main/core/db/database';
import { openDesk } from '../src/main/core/desk';
import { uuidv7 } from '../src/main/core/ids';
import { Kysely, SqliteDialect } from 'kysely';
import { duplicateQueries } from '../src/main/core/customers/records';
import { Sql } from '../src/main/core/db/exec';
import type { Database } from '../src/main/core/db/schema';
import { floorQueries, openFloorConnection } from './floor';
import { withStablePlans } from '../src/main/core/db/stablePlans';
import { ensureDataset } from './generate';
import { measure } from './measure';
import { seeded } from './random';

// Customer-data benchmarks (issue 12), runnable alone at any size:
//   npx tsx bench/customers.ts [--customers N] [--tickets N] [--samples N] [--only a,b]
// stdout: one JSON line each for import_zendesk, import_freshdesk (tickets/s with their
// events, peak RSS; floor: raw inserts of the same rows) and duplicate_candidates (p99 of
// 'customers.duplicates' through the API at N customers; floor: the same index reads raw).

const { values: args } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    tickets: { type: 'string', default: '20000' },
    samples: { type: 'string', default: '2000' },
    only: { type: 'string' },
    'lookup-customers': { type: 'string', default: '100000' },
    cache: { type: 'string', default: path.join(fileURLToPath(new URL('..', import.meta.url)), '.cache', 'bench') },
  },
  strict: true,
});
const n = (v: string) => Number(v.replace(/[_,]/g, ''));
const CUSTOMERS = n(args.customers);
const TICKETS = n(args.tickets);
const SAMPLES = n(args.samples);
const only = new Set(args.only?.split(',').map((s) => s.trim()) ?? ['import_zendesk', 'import_freshdesk', 'duplicate_candidates', 'lookup_tag_360_audit']);
const LOOKUP_CUSTOMERS = n(args['lookup-customers']);
const log = (m: string) => process.stderr.write(`${m}\n`);
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tagdesk-bench-customers-'));
process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));

const FIRST = ['Ana', 'Ben', 'Chen', 'Dana', 'Emil', 'Farah', 'Goran', 'Hana', 'Ivan', 'Jana', 'Kofi', 'Lena', 'Mehdi', 'Nora', 'Omar', 'Pia', 'Ravi', 'Sara', 'Tomas', 'Uma'];
const LAST = ['Lee', 'Smith', 'Garcia', 'Ahmadi', 'Novak', 'Okafor', 'Rossi', 'Tanaka', 'Weiss', 'Kowalski', 'Silva', 'Nguyen', 'Haddad', 'Brennan', 'Lindqvist'];
const rand = seeded(12);
const pick = <T>(xs: readonly T[]): T => rand.pick(xs);
const personName = (i: number) => `${pick(FIRST)} ${pick(LAST)} ${i.toString(36)}`;
const phone = (i: number) => `+1512${String(5_000_000 + (i % 4_999_999)).padStart(7, '0')}`;

async function emptyDesk(dir: string) {
  const desk = await openDesk({ dataDir: dir, demo: false });
  let shown = 0;
  const conn = desk.connect((event) => {
    // Progress with the memory it takes, at most every 10 s (stderr; never a figure).
    if (event.event !== 'import.progress' || Date.now() - shown < 10_000) return;
    shown = Date.now();
    const m = process.memoryUsage();
    const p = event.payload as { rows: number };
    log(`  ${p.rows} rows; rss ${Math.round(m.rss / 1e6)} MB, heap ${Math.round(m.heapUsed / 1e6)}/${Math.round(m.heapTotal / 1e6)} MB, external ${Math.round(m.external / 1e6)} MB`);
  });
  await conn.call('desk.initialize', { mode: 'empty' });
  const users = await conn.call('session.users', {});
  const admin = (users.ok ? (users.result as { id: string; role: string }[]) : []).find((u) => u.role === 'admin')!;
  await conn.call('session.signIn', { userId: admin.id });
  return { desk, conn };
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

// ---- import -------------------------------------------------------------------------------

function writeZendesk(dir: string): string[] {
  const users = path.join(dir, 'users.json');
  const tickets = path.join(dir, 'tickets.json');
  const usersCount = Math.max(1, Math.floor(TICKETS / 4));
  const u = fs.openSync(users, 'w');
  fs.writeSync(u, '{"users":[');
  for (let i = 0; i < usersCount; i++) {
    fs.writeSync(u, (i ? ',' : '') + JSON.stringify({ id: 100_000 + i, name: personName(i), email: `user${i}@example.com`, phone: phone(i), role: 'end-user', active: true, locale: 'en-US', organization_id: null, created_at: '2023-01-01T00:00:00Z', tags: [] }));
  }
  fs.writeSync(u, '],"end_of_stream":true}');
  fs.closeSync(u);
  const t = fs.openSync(tickets, 'w');
  fs.writeSync(t, '{"tickets":[');
  const statuses = ['closed', 'closed', 'closed', 'solved', 'open', 'pending'];
  for (let i = 0; i < TICKETS; i++) {
    fs.writeSync(
      t,
      (i ? ',' : '') +
        JSON.stringify({ id: 1_000_000 + i, subject: `Problem number ${i}`, description: 'The system does not start after the update.', status: statuses[i % statuses.length], priority: 'normal', requester_id: 100_000 + (i % usersCount), organization_id: null, created_at: '2024-01-02T03:04:05Z', updated_at: '2024-01-03T03:04:05Z', via: { channel: 'email' }, tags: [], custom_fields: [] }),
    );
  }
  fs.writeSync(t, '],"end_of_stream":true}');
  fs.closeSync(t);
  return [users, tickets];
}

function writeFreshdesk(dir: string): string[] {
  const file = path.join(dir, 'tickets.csv');
  const f = fs.openSync(file, 'w');
  fs.writeSync(f, 'Ticket ID,Subject,Description,Status,Priority,Source,Group,Created time,Closed time,Full name,Email,Contact ID\n');
  const statuses = ['Closed', 'Closed', 'Closed', 'Resolved', 'Open', 'Pending'];
  const contacts = Math.max(1, Math.floor(TICKETS / 4));
  for (let i = 0; i < TICKETS; i++) {
    const c = i % contacts;
    fs.writeSync(f, `${5000 + i},Problem number ${i},The system does not start,${statuses[i % statuses.length]},Medium,Email,First line,2024-01-02 03:04:05 +0000,2024-01-03 03:04:05 +0000,${personName(c)},contact${c}@example.com,${900_000 + c}\n`);
  }
  fs.closeSync(f);
  return [file];
}

/** What an import writes: the floor copies exactly these rows. */
const IMPORTED_TABLES = ['users', 'customers', 'customer_events', 'contacts', 'assets', 'asset_owners', 'import_ids', 'tickets', 'ticket_events', 'interactions', 'sla_outcomes', 'outbox'] as const;
const FLOOR_BATCH = 5_000;

/**
 * The floor: the very rows the import wrote (read back from its database, untimed), inserted
 * with statements prepared once on a raw connection into a fresh desk database of the same
 * schema, in transactions of the import's batch size, synchronous=FULL. Timed: the inserts
 * and commits alone. Returns the seconds.
 */
function sameRowsFloor(productFile: string, floorFile: string): number {
  const src = new BetterSqlite3(productFile, { readonly: true });
  const dst = new BetterSqlite3(floorFile);
  dst.pragma('journal_mode = WAL');
  dst.pragma('synchronous = FULL');
  dst.pragma('foreign_keys = ON');
  dst.pragma('cache_size = -65536');
  let ns = 0n;
  for (const table of IMPORTED_TABLES) {
    const exists = src.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table);
    if (!exists) continue;
    const columns = (src.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    const insert = dst.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    const write = dst.transaction((rows: unknown[][]) => {
      for (const r of rows) insert.run(r);
    });
    let rows: unknown[][] = [];
    const flush = () => {
      const t0 = process.hrtime.bigint();
      write(rows);
      ns += process.hrtime.bigint() - t0;
      rows = [];
    };
    for (const r of src.prepare(`SELECT ${columns.join(', ')} FROM ${table}`).raw().iterate() as IterableIterator<unknown[]>) {
      rows.push(r);
      if (rows.length >= FLOOR_BATCH) flush();
    }
    if (rows.length) flush();
  }
  src.close();
  dst.close();
  return Number(ns) / 1e9;
}

async function importBench(name: 'import_zendesk' | 'import_freshdesk') {
  const dir = path.join(root, name);
  fs.mkdirSync(dir);
  const files = name === 'import_zendesk' ? writeZendesk(dir) : writeFreshdesk(dir);
  const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
  const { desk, conn } = await emptyDesk(path.join(dir, 'desk'));
  const rssBefore = peakRssMb();
  const t0 = process.hrtime.bigint();
  const r = await conn.call('import.run', { from: name === 'import_zendesk' ? 'zendesk' : 'freshdesk', files, rejectsPath: path.join(dir, 'rejects.jsonl') });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!r.ok) throw new Error(r.error.message);
  const summary = r.result as { imported: { tickets: number; events: number }; rejected: number };
  // The import's peak, read before the floor runs in this process.
  const peakRss = peakRssMb();
  desk.close();
  const floorDir = path.join(dir, 'floor');
  const floorDesk = await openDesk({ dataDir: floorDir, demo: false });
  floorDesk.close();
  const floorSeconds = sameRowsFloor(path.join(dir, 'desk', DB_FILE), path.join(floorDir, DB_FILE));
  const floorRate = summary.imported.tickets / floorSeconds;
  const rate = summary.imported.tickets / seconds;
  console.log(
    JSON.stringify({
      name,
      n: summary.imported.tickets,
      events: summary.imported.events,
      rejected: summary.rejected,
      input_mb: Math.round(bytes / 1e5) / 10,
      seconds: Math.round(seconds * 10) / 10,
      tickets_per_s: Math.round(rate),
      floor_tickets_per_s: Math.round(floorRate),
      ratio: Math.round((floorRate / rate) * 10) / 10,
      peak_rss_mb: peakRss,
      rss_before_mb: rssBefore,
      target_tickets_per_s: 20_000,
      target_rss_mb: 300,
      pass: rate >= 20_000 && peakRss <= 300,
      load1: Math.round(os.loadavg()[0]! * 100) / 100,
    }),
  );
}

// ---- duplicates while typing ----------------------------------------------------------------

async function duplicateBench() {
  const dir = path.join(root, 'dups');
  const { desk, conn } = await emptyDesk(dir);
  const segments = ['education', 'government', 'small_business', 'large_enterprise', 'home'] as const;
  log(`inserting ${CUSTOMERS} customers…`);
  const insert = desk.db.sqlite.prepare(`INSERT INTO customers (id, kind, name, name_key, segment, service_level, email, phone, locale, created_at, updated_at) VALUES (?, 'person', ?, ?, ?, 'basic', ?, ?, 'en-US', 0, 0)`);
  const names: string[] = [];
  desk.db.sqlite.transaction(() => {
    for (let i = 0; i < CUSTOMERS; i++) {
      const name = personName(i);
      if (i < 5000) names.push(name);
      insert.run(uuidv7(), name, nameKey(name), segments[i % 5], `c${i}@example.com`, phone(i));
    }
  })();
  desk.db.sqlite.pragma('analysis_limit = 1000');
  desk.db.sqlite.exec('ANALYZE');
  // What an agent has typed so far: a name with its last letters off, an email, a phone.
  const probe = (i: number) => {
    const j = rand.int(0, names.length - 1);
    const name = names[j]!;
    return { name: name.slice(0, Math.max(4, name.length - 2 - (i % 3))), segment: segments[j % 5]!, email: i % 2 ? `c${j}@example.com` : '', phone: i % 3 === 0 ? phone(j) : '' };
  };
  const raw = withStablePlans(new BetterSqlite3(path.join(dir, DB_FILE), { readonly: true }));
  // The product's own statements (records.ts duplicateQueries), prepared on a raw connection.
  const statements = new Sql(raw, new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) }));
  const dup = duplicateQueries(statements.kysely);
  const byPhone = statements.prepare<unknown, [string, string]>(dup.byPhone);
  const byEmail = statements.prepare<unknown, [string, string]>(dup.byEmail);
  const byName = statements.prepare<unknown, [string, string, string]>(dup.byName);
  const probes = Array.from({ length: SAMPLES + 200 }, (_, i) => probe(i));
  const figures = await measure(
    {
      name: 'duplicate_candidates',
      samples: SAMPLES,
      warmup: 200,
      targetP99Us: 5000,
      product: async (i) => {
        const r = await conn.call('customers.duplicates', probes[i]!);
        if (!r.ok) throw new Error(r.error.message);
      },
      floor: (i) => {
        const p = probes[i]!;
        if (p.phone) byPhone.all(p.phone, p.phone);
        if (p.email) byEmail.all(p.email, p.email);
        const key = nameKey(p.name);
        const prefix = key.slice(0, Math.max(4, key.length - 3));
        byName.all(p.segment, prefix, prefix + '\uffff');
      },
    },
    { budgetMs: 120_000 },
  );
  console.log(JSON.stringify({ ...figures, customers: CUSTOMERS }));
  raw.close();
  desk.close();
}


// ---- the 360° lookup with and without the audit write -----------------------------------------

/**
 * lookup_tag_360 as bench/index.ts runs it (Grace looks a tag up; floor: the view's own
 * statements on a raw connection), twice in one run on one copy of a generated dataset:
 * through a desk that writes the audit log (every opening, flushed a second at a time),
 * and through a read-only desk on the same file, whose audit log records nothing. The two
 * ratios to the floor say what the audit write costs a lookup.
 */
async function lookupAuditBench() {
  const sizes = { customers: LOOKUP_CUSTOMERS, assets: LOOKUP_CUSTOMERS * 3, tickets: LOOKUP_CUSTOMERS * 2 };
  const dataset = await ensureDataset(path.resolve(args.cache), sizes, log);
  const settle = new BetterSqlite3(dataset.file);
  settle.pragma('wal_checkpoint(TRUNCATE)');
  settle.close();
  const dir = path.join(root, 'lookup');
  fs.mkdirSync(dir);
  fs.copyFileSync(dataset.file, path.join(dir, DB_FILE));
  const startedAt = Date.now();
  const clock = { now: () => dataset.now + (Date.now() - startedAt) };
  const audited = await openDesk({ dataDir: dir, clock });
  const unaudited = await openDesk({ dataDir: dir, clock, readOnly: true });
  const raw = openFloorConnection(path.join(dir, DB_FILE));
  const floor = floorQueries(raw);
  // Through the desk's own connection: ids as text, as sign-in takes them.
  const grace = audited.db.sqlite.prepare(`SELECT id FROM users WHERE name = 'Grace Chen'`).pluck().get() as string;
  const signIn = async (desk: typeof audited) => {
    const c = desk.connect(() => {});
    const r = await c.call('session.signIn', { userId: grace });
    if (!r.ok) throw new Error(r.error.message);
    return c;
  };
  const [withAudit, withoutAudit] = [await signIn(audited), await signIn(unaudited)];
  // Random tags: the first at or after a random one (assets are keyed by customer, not rowid).
  const tagFrom = raw.prepare('SELECT service_tag FROM assets WHERE service_tag >= ? ORDER BY service_tag LIMIT 1').pluck();
  const CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const draw = (): string => {
    for (;;) {
      const start = Array.from({ length: 7 }, () => CHARS[rand.int(0, CHARS.length - 1)]).join('');
      const tag = (tagFrom.get(start) as string | undefined) ?? (tagFrom.get('0') as string);
      if (/[A-Z]/.test(tag)) return tag;
    }
  };
  const warmup = 200;
  const audits = () => Number(raw.prepare('SELECT count(*) FROM record_access').pluck().get());
  const run = async (name: string, conn: typeof withAudit) => {
    const product = Array.from({ length: SAMPLES + warmup }, draw);
    const floorTags = Array.from({ length: SAMPLES + warmup }, draw);
    return measure(
      {
        name,
        samples: SAMPLES,
        warmup,
        targetP99Us: 1000,
        targetRatio: 2,
        product: async (i) => {
          const r = await conn.call('lookup.search', { query: product[i]! });
          if (!r.ok || (r.result as { kind: string }).kind !== 'match') throw new Error(`lookup of ${product[i]} found no one customer`);
        },
        floor: (i) => floor.lookupTag(floorTags[i]!),
      },
      { budgetMs: 120_000 },
    );
  };
  const before = audits();
  const a = await run('lookup_tag_360', withAudit);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const written = audits() - before;
  const b = await run('lookup_tag_360_no_audit', withoutAudit);
  // Once more with the audit, so the order (a page cache warming up) cannot take the credit.
  const a2 = await run('lookup_tag_360', withAudit);
  console.log(JSON.stringify({ ...a, audit_rows_written: written, customers: LOOKUP_CUSTOMERS }));
  console.log(JSON.stringify({ ...b, customers: LOOKUP_CUSTOMERS }));
  console.log(JSON.stringify({ ...a2, customers: LOOKUP_CUSTOMERS }));
  console.log(
    JSON.stringify({
      name: 'lookup_tag_360_audit',
      ratio_with_audit: [a.ratio_p99, a2.ratio_p99],
      ratio_without_audit: b.ratio_p99,
      p99_us_with: [a.p99_us, a2.p99_us],
      p99_us_without: b.p99_us,
      customers: LOOKUP_CUSTOMERS,
      load1: Math.round(os.loadavg()[0]! * 100) / 100,
    }),
  );
  raw.close();
  unaudited.close();
  audited.close();
}

if (only.has('import_zendesk')) await importBench('import_zendesk');
if (only.has('import_freshdesk')) await importBench('import_freshdesk');
if (only.has('duplicate_candidates')) await duplicateBench();
if (only.has('lookup_tag_360_audit')) await lookupAuditBench();
