import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { en } from '@faker-js/faker';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { DB_FILE, openDatabase } from '../src/main/core/db/database';
import { Sql } from '../src/main/core/db/exec';
import type { Database } from '../src/main/core/db/schema';
import { LINES_BY_SEGMENT, PRODUCTS, SUBJECTS, WARRANTIES } from '../src/main/core/demo';
import { DEMO_USERS } from '../src/shared/demoPeople';
import { openDesk } from '../src/main/core/desk';
import { nameKey } from '../src/main/core/lookup';
import { slaStore } from '../src/main/core/sla';
import { textRef } from '../src/main/core/internedTexts';
import { policyVersionBody } from '../src/main/core/policyVersions';
import { coded } from '../src/main/core/db/idCodec';
import { FILL_SLA_RECENT } from '../src/main/core/db/migrations/0018_sla_recent';
import { basisOfZone, countTickets, TRENDS_KEYS, type TrendKeys } from '../src/main/core/kb/trendCounts';
import { fillCustomerWords } from '../src/main/core/db/migrations/0025_customer_words';
import type { PolicySpan } from '../src/shared/sla/ticketSla';
import { ticketNumber } from '../src/main/core/ticketRows';
import { interactionLine, ticketInteraction } from '../src/shared/interactionText';
import {
  ESCALATION_REASONS,
  RESOLUTION_CODES,
  SEGMENTS,
  SERVICE_LEVELS,
  priorityRank,
  type Actor,
  type Priority,
  type Segment,
  type ServiceLevel,
} from '../src/shared/domain';
import { applyEvent, openTicket, replay, type TicketPosition } from '../src/shared/ticket';
import type { LoggedEvent } from '../src/shared/sla/ticketSla';
import { isOpenState, type TicketContext, type TicketEvent, type TicketState } from '../src/shared/ticketMachine';
import { seeded, type Random } from './random';
import type { WriterMessage } from './writer';

// Builds a desk database of the requested size, once, into the cache folder. The schema is
// the product's own (openDatabase runs the real migrations); the rows are bulk-inserted with
// raw prepared statements, with the secondary indexes dropped during the load and rebuilt
// from their own definitions afterwards. Ticket rows are what the ticket machine produces:
// each history is one of a few templates played through openTicket/applyEvent, with the
// ticket's own people and times put in, and a sample is replayed to prove it.

export interface Sizes {
  customers: number;
  assets: number;
  tickets: number;
}

/** Bumped whenever the generated data changes shape, so a stale cache is rebuilt. */
const GENERATOR_VERSION = 5;
const SEED = 20_240_601;
const MIN = 60_000;
const DAY = 86_400_000;
const BATCH = 20_000;

export const datasetName = (s: Sizes): string => `c${s.customers}-a${s.assets}-t${s.tickets}`;

export interface Dataset {
  file: string;
  /** The dataset's "now": every generated time lies before it. */
  now: number;
  /** Seconds the generation took, or null when the cached database was reused. */
  generatedSeconds: number | null;
}

export async function ensureDataset(cacheDir: string, sizes: Sizes, log: (m: string) => void): Promise<Dataset> {
  const dir = path.join(cacheDir, datasetName(sizes));
  const file = path.join(dir, DB_FILE);
  const cached = fs.existsSync(file) ? benchMeta(file) : null;
  if (cached?.generator === GENERATOR_VERSION) {
    log(`dataset: reusing ${file}`);
    // A cache made before a newer migration is brought up to date once, in place, rather
    // than regenerated (the migration backfills what the generator would have written).
    const t0 = Date.now();
    (await openDatabase(dir)).close();
    if (Date.now() - t0 > 1000) log(`dataset: migrated in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { file, now: cached.at, generatedSeconds: null };
  }
  // Built next to its final place and renamed when complete: an interrupted load (the
  // journal is off while loading) never leaves a half-built database that looks cached.
  const partial = `${dir}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
  const started = Date.now();
  const now = await generate(partial, sizes, log);
  fs.renameSync(partial, dir);
  const seconds = (Date.now() - started) / 1000;
  log(`dataset: generated ${file} in ${seconds.toFixed(1)} s (${(fs.statSync(file).size / 1e9).toFixed(2)} GB)`);
  return { file, now, generatedSeconds: seconds };
}

function benchMeta(file: string): { generator: number; at: number } | null {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const row = db.prepare(`SELECT value FROM meta WHERE key = 'bench'`).get() as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as { generator: number; at: number }) : null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

// ---- vocabulary ------------------------------------------------------------------------

type Pools = { first: string[]; last: string[]; cities: string[]; counties: string[]; states: string[]; entities: string[] };
const locale = en as unknown as {
  person: { first_name: { generic: string[] }; last_name: { generic: string[] } };
  location: { city_name: string[]; county: string[]; state: string[] };
  company: { legal_entity_type: string[] };
};
const POOLS: Pools = {
  // A few accented names, so name keys are exercised as they are on a real desk.
  first: [...locale.person.first_name.generic, 'Chloé', 'José', 'Zoë', 'Renée', 'André', 'Inés', 'Björn', 'François'],
  last: [...locale.person.last_name.generic, 'Núñez', 'Müller', 'Gonzalez', 'Dubois', 'Peña', 'Šimek'],
  cities: locale.location.city_name,
  counties: locale.location.county,
  states: locale.location.state,
  entities: locale.company.legal_entity_type,
};

const SEGMENT_WEIGHTS: Array<[Segment, number]> = [
  ['home', 45],
  ['small_business', 20],
  ['large_enterprise', 12],
  ['education', 12],
  ['government', 11],
];
// The vocabulary is the demo's, so benchmark rows look like the rows people see.
const DESCRIPTIONS = [
  'Customer reports the problem started this week.',
  'Happens on several units at the same site. Customer has already restarted twice.',
  'Intermittent; the customer can reproduce it about once a day.',
  'Started after the latest driver push from the IT department.',
  'Customer needs the system back for an exam on Friday.',
  '',
];
const NOTES = [
  'Ran ePSA diagnostics: memory test failed',
  'Customer confirmed the issue persists after update',
  'Reseated the cable; no change',
  'Collected logs from SupportAssist',
  'Checked BIOS version: two releases behind',
];
const CONTACT_ROLES = ['IT manager', 'Procurement', 'Help-desk lead', 'Facilities', 'CTO'];
const AREA_CODES = ['205', '206', '212', '213', '303', '305', '312', '404', '415', '503', '512', '602', '612', '617', '702', '713', '718', '801', '804', '813', '901', '919', '925', '972'];
const OTHER_CONTACT = ['Asked about warranty extension', 'Order status enquiry', 'Driver download help', 'Invoice question', 'Booked an on-site visit', 'Return shipping label sent'];
const PRIORITY_WEIGHTS: Array<[Priority, number]> = [['urgent', 1], ['high', 3], ['normal', 6], ['low', 2]];
const TICKET_CHANNELS = ['phone', 'phone', 'email', 'chat', 'web'] as const;

// ---- ticket histories ---------------------------------------------------------------------

type Plan = 'new' | 'tier1.open' | 'tier1.pending' | 'tier2.waiting' | 'tier2.inProgress' | 'tier2.pending' | 'tier3.waiting' | 'tier3.inProgress' | 'tier3.pending' | 'resolved' | 'closed';
// About 13 % open; the rest resolved (within the reopen window) or closed.
const PLAN_WEIGHTS: Array<[Plan, number]> = [
  ['new', 5], ['tier1.open', 4], ['tier1.pending', 1.2], ['tier2.waiting', 0.8], ['tier2.inProgress', 0.8], ['tier2.pending', 0.4],
  ['tier3.waiting', 0.3], ['tier3.inProgress', 0.3], ['tier3.pending', 0.2], ['resolved', 6], ['closed', 81],
];
const PLANS = PLAN_WEIGHTS.map(([p]) => p);

/** Who performs a step: the tier-1 agent, the tier-2 or the tier-3 specialist. */
type Slot = 1 | 2 | 3;
interface Step {
  type: 'TAKE' | 'ADD_NOTE' | 'ESCALATE' | 'WAIT_ON_CUSTOMER' | 'RESOLVE' | 'CLOSE';
  slot: Slot;
  /** The ticket's tier once the step is applied (the escalation interaction names it). */
  tierAfter: number;
}
interface Template {
  steps: Step[];
  state: TicketState;
  context: TicketContext;
}

const SLOT_ID = (s: Slot) => `@${s}`;

/** The same histories demo.ts plays, as a list of steps. */
function script(plan: Plan, withNote: boolean, resolvedAtTier: 1 | 2 | 3): Array<Omit<Step, 'tierAfter'>> {
  if (plan === 'new') return [];
  const steps: Array<Omit<Step, 'tierAfter'>> = [{ type: 'TAKE', slot: 1 }];
  if (withNote) steps.push({ type: 'ADD_NOTE', slot: 1 });
  const tier = plan.startsWith('tier2') ? 2 : plan.startsWith('tier3') ? 3 : plan === 'resolved' || plan === 'closed' ? resolvedAtTier : 1;
  let holder: Slot = 1;
  if (tier >= 2) {
    steps.push({ type: 'ESCALATE', slot: 1 });
    if (plan === 'tier2.waiting') return steps;
    steps.push({ type: 'TAKE', slot: 2 });
    holder = 2;
  }
  if (tier === 3) {
    steps.push({ type: 'ESCALATE', slot: 2 });
    if (plan === 'tier3.waiting') return steps;
    steps.push({ type: 'TAKE', slot: 3 });
    holder = 3;
  }
  if (plan.endsWith('pending')) steps.push({ type: 'WAIT_ON_CUSTOMER', slot: holder });
  else if (plan === 'resolved' || plan === 'closed') {
    steps.push({ type: 'RESOLVE', slot: holder });
    if (plan === 'closed') steps.push({ type: 'CLOSE', slot: holder });
  }
  return steps;
}

/** Plays a script through the real machine with stand-in people at times 0, 1, 2, ... */
function buildTemplate(plan: Plan, withNote: boolean, resolvedAtTier: 1 | 2 | 3): Template {
  const stand: Record<Slot, Actor> = {
    1: { id: SLOT_ID(1), role: 'agent', tier: 1, segments: [...SEGMENTS] },
    2: { id: SLOT_ID(2), role: 'specialist', tier: 2, segments: [...SEGMENTS] },
    3: { id: SLOT_ID(3), role: 'specialist', tier: 3, segments: [...SEGMENTS] },
  };
  let pos: TicketPosition = openTicket({ segment: 'education', priority: 'normal', at: 0 });
  const steps: Step[] = [];
  script(plan, withNote, resolvedAtTier).forEach((s, i) => {
    const r = applyEvent(pos, eventOf(s.type, stand[s.slot], i + 1, 'x', 'needs_specialist_skill', 'fixed_remotely'));
    if (!r.ok) throw new Error(`template ${plan}: ${s.type} refused: ${r.reason}`);
    pos = r.next;
    steps.push({ ...s, tierAfter: pos.context.tier });
  });
  if (pos.state !== plan) throw new Error(`template ${plan} ended in ${pos.state}`);
  return { steps, state: pos.state, context: pos.context };
}

function eventOf(type: Step['type'], actor: Actor, at: number, note: string, reason: string, code: string): TicketEvent {
  switch (type) {
    case 'ADD_NOTE':
      return { type, note, at, actor };
    case 'ESCALATE':
      return { type, reason, note, at, actor } as TicketEvent;
    case 'WAIT_ON_CUSTOMER':
      return { type, note, at, actor };
    case 'RESOLVE':
      return { type, code, note, at, actor } as TicketEvent;
    default:
      return { type, at, actor };
  }
}

// ---- ids and tags -------------------------------------------------------------------------

/**
 * UUID v7 as ids.ts makes them (48 bits of milliseconds, version 7, variant 10), with a
 * global sequence in the random bits instead of crypto randomness: unique by construction
 * and deterministic for a seed.
 */
function idMaker(rand: Random): (ms: number) => string {
  let seq = 0;
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  return (ms) => {
    const t = hex(ms, 12);
    seq++;
    return `${t.slice(0, 8)}-${t.slice(8)}-7${hex((rand.next() * 0x1000) | 0, 3)}-${hex(0x8000 | ((rand.next() * 0x4000) | 0), 4)}-${hex(seq, 8)}${hex((rand.next() * 0x10000) | 0, 4)}`;
  };
}

const TAG_SPACE = 36 ** 7;
const TAG_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Unique tags, increasing in the order they are issued (as a factory numbers what it ships),
 * spread over the tag space with a stride of about 36^7 / count.
 */
function tagMaker(count: number): () => string {
  const stride = Math.max(1, Math.floor(TAG_SPACE / (count * 1.2)));
  let v = 1_000_000_000;
  return () => {
    for (;;) {
      v += stride;
      if (v >= TAG_SPACE) throw new Error('Ran out of service tags.');
      let n = v;
      let tag = '';
      for (let i = 0; i < 7; i++) {
        tag = TAG_ALPHABET[n % 36] + tag;
        n = Math.floor(n / 36);
      }
      // Like the demo's tags, and like Dell's: at least one digit.
      if (/\d/.test(tag)) return tag;
    }
  };
}

/** `count` times from `draw`, oldest first. */
function sortedTimes(count: number, draw: () => number): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = draw();
  return times.sort();
}

// ---- the load -------------------------------------------------------------------------------

/**
 * The INSERTs run on a worker (writer.ts) while this thread makes the next rows. Rows go
 * in multi-row statements (many rows per statement cost far less per row than one each),
 * in order, with a bounded number of batches in flight.
 */
class Writer {
  private readonly worker: Worker;
  private inFlight = 0;
  private waiting: Array<() => void> = [];
  private failure: Error | null = null;
  private onClosed: (() => void) | null = null;
  private readonly tables: Array<{ flush(): void }> = [];

  constructor(file: string) {
    this.worker = new Worker(new URL('./writer.ts', import.meta.url), { workerData: { file } });
    this.worker.on('message', (m: string) => {
      if (m === 'written') this.inFlight--;
      else this.onClosed?.();
      this.wake();
    });
    this.worker.on('error', (e) => {
      this.failure = e;
      this.wake();
    });
  }

  private wake() {
    const w = this.waiting;
    this.waiting = [];
    for (const resolve of w) resolve();
  }

  table(insert: string, columns: number) {
    const rowsPerStatement = Math.max(1, Math.floor(2000 / columns));
    let values: unknown[] = [];
    let rows = 0;
    const post = () => {
      const m: WriterMessage = { kind: 'rows', insert, columns, values };
      this.worker.postMessage(m);
      this.inFlight++;
      values = [];
    };
    const t = {
      add: (...row: unknown[]) => {
        for (const v of row) values.push(v);
        rows++;
        if (values.length === columns * rowsPerStatement) post();
      },
      flush: () => {
        if (values.length) post();
      },
      get rows() {
        return rows;
      },
    };
    this.tables.push(t);
    return t;
  }

  /** Waits until the worker has caught up to within `max` batches. */
  async settle(max = 200): Promise<void> {
    while (this.inFlight > max && !this.failure) await new Promise<void>((r) => this.waiting.push(r));
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    for (const t of this.tables) t.flush();
    const closed = new Promise<void>((resolve) => (this.onClosed = resolve));
    this.worker.postMessage({ kind: 'close' } satisfies WriterMessage);
    await Promise.race([closed, new Promise<void>((_, reject) => this.worker.once('error', reject))]);
    await this.worker.terminate();
  }
}

/** Returns the dataset's "now". */
async function generate(dir: string, sizes: Sizes, log: (m: string) => void): Promise<number> {
  const { customers: C, assets: A, tickets: T } = sizes;
  if (C < 1 || A < C || A > 20 * C) throw new Error(`--assets must be between --customers and 20 x --customers (1-20 systems each); got ${A} for ${C}`);
  const clock = Date.now();
  const phase = (name: string) => {
    const t0 = Date.now();
    log(`generate: ${name}...`);
    return (rows?: number) => {
      const s = (Date.now() - t0) / 1000;
      log(`generate: ${name} done in ${s.toFixed(1)} s${rows ? ` (${rows.toLocaleString('en-US')} rows, ${Math.round(rows / (s || 1)).toLocaleString('en-US')}/s)` : ''} [${((Date.now() - clock) / 1000).toFixed(0)} s total]`);
    };
  };
  const file = path.join(dir, DB_FILE);
  const now = Date.now();
  const rand = seeded(SEED);
  const newId = idMaker(seeded(SEED + 1));
  const newTag = tagMaker(A);

  // The product's schema, exactly: the real migrations on a real data folder. Secondary
  // indexes go while loading and come back from their own definitions afterwards.
  (await openDatabase(dir)).close();
  // Ids are stored as 16 bytes (migration 0014): every connection here binds and reads them
  // through the desk's own codec.
  let db = coded(new BetterSqlite3(file));
  db.pragma('journal_mode = OFF');
  const deskId = db.prepare(`SELECT value FROM meta WHERE key = 'desk_id'`).pluck().get() as string;
  const secondary = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as Array<{ name: string; sql: string }>;
  for (const ix of secondary) db.exec(`DROP INDEX ${ix.name}`);

  // The desk's own SLA store: its default calendars and policies, and its projection of a
  // ticket's log onto the SLA columns (which, once loaded, needs no database).
  const sla = slaStore(new Sql(db, new Kysely<Database>({ dialect: new SqliteDialect({ database: db }) })));
  sla.ensureDefaults(now);

  // Staff: the demo's people, with the demo's e-mail scheme.
  const staff = DEMO_USERS.map((u) => ({ ...u, id: newId(now - 400 * DAY), email: `${u.name.split(' ')[0]!.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '')}@tagdesk.example` }));
  const insertUser = db.prepare('INSERT INTO users (id, name, email, role, tier, segments, active, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)');
  db.transaction(() => {
    for (const u of staff) insertUser.run(u.id, u.name, u.email, u.role, u.tier, JSON.stringify(u.segments), now - 400 * DAY);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('initialized', ?), ('bench', ?)`).run(
      JSON.stringify({ mode: 'bench', at: now }),
      JSON.stringify({ generator: GENERATOR_VERSION, seed: SEED, ...sizes, at: now }),
    );
  })();
  db.close();
  const actorOf = (u: (typeof staff)[number]): Actor => ({ id: u.id, role: u.role, tier: u.tier, segments: [...u.segments] });
  const ava = actorOf(staff.find((u) => u.name === 'Ava Martin')!);
  const bySegment = (role: string, tier: number) =>
    Object.fromEntries(SEGMENTS.map((s) => [s, staff.filter((u) => u.role === role && u.tier === tier && u.segments.includes(s)).map(actorOf)])) as Record<Segment, Actor[]>;
  const otherAgents = bySegment('agent', 1);
  for (const s of SEGMENTS) otherAgents[s] = otherAgents[s].filter((a) => a.id !== ava.id);
  const tier2 = bySegment('specialist', 2);
  const tier3 = bySegment('specialist', 3);

  // A ticket row names its policy versions by ref (policyVersions.ts); the versions are
  // written once, after the load.
  const policyBodies = new Map<number, string>();
  const policyRefs = (spans: readonly PolicySpan[]) =>
    JSON.stringify(
      spans.map((sp) => {
        const body = policyVersionBody(sp);
        const ref = textRef(body);
        policyBodies.set(ref, body);
        return [sp.from, ref];
      }),
    );

  const writer = new Writer(file);
  const inBatches = async (count: number, row: (i: number) => void) => {
    for (let start = 0; start < count; start += BATCH) {
      for (let i = start; i < Math.min(count, start + BATCH); i++) row(i);
      await writer.settle();
    }
  };

  // ---- customers and contacts
  let done = phase('customers and contacts');
  const custId: string[] = new Array(C);
  const custSeg = new Uint8Array(C);
  const custLevel = new Uint8Array(C);
  const custOrg = new Uint8Array(C);
  const customers = writer.table('INSERT INTO customers (id, kind, name, name_key, segment, service_level, email, phone, locale, created_at, updated_at)', 11);
  const contacts = writer.table('INSERT INTO contacts (id, customer_id, name, role, email, phone)', 6);
  const phone = () => `+1${rand.pick(AREA_CODES)}${rand.int(200, 999)}${String(rand.int(0, 9999)).padStart(4, '0')}`;
  const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '');
  const person = () => `${rand.pick(POOLS.first)} ${rand.pick(POOLS.last)}`;
  // Rows go in in the order the desk would have written them (oldest first), so their
  // time-ordered ids append to the primary-key index instead of landing at random.
  const custCreated = sortedTimes(C, () => now - rand.int(100, 2000) * DAY - rand.int(0, DAY - 1));
  await inBatches(C, (i) => {
    const segment = rand.weighted(SEGMENT_WEIGHTS);
    const org = segment !== 'home';
    const level: ServiceLevel =
      segment === 'government' || segment === 'large_enterprise' ? 'premier' : segment === 'home' ? (rand.chance(0.8) ? 'basic' : 'standard') : rand.chance(0.75) ? 'standard' : 'premier';
    const name = org ? organisationName(rand, segment) : person();
    const domain = `${slug(name).replace(/\./g, '-').slice(0, 24)}.example`;
    const email = org ? `support@${domain}` : `${slug(name)}${rand.int(1, 999)}@example.com`;
    const created = custCreated[i]!;
    const id = newId(created);
    customers.add(id, org ? 'organisation' : 'person', name, nameKey(name), segment, level, email, phone(), 'en-US', created, created);
    custId[i] = id;
    custSeg[i] = SEGMENTS.indexOf(segment);
    custLevel[i] = SERVICE_LEVELS.indexOf(level);
    custOrg[i] = org ? 1 : 0;
    if (org) {
      for (let n = rand.int(2, 5); n > 0; n--) {
        const who = person();
        contacts.add(newId(created), id, who, rand.pick(CONTACT_ROLES), `${slug(who)}@${domain}`, phone());
      }
    }
  });
  done(customers.rows + contacts.rows);

  // ---- assets and owners: one each, then the rest spread, organisations getting more
  done = phase('assets and owners');
  const perCustomer = new Uint8Array(C).fill(1);
  for (let extra = A - C; extra > 0; ) {
    const i = rand.int(0, C - 1);
    if (perCustomer[i]! < 20 && (custOrg[i] || rand.chance(0.2))) {
      perCustomer[i]!++;
      extra--;
    }
  }
  const assetId: string[] = new Array(A);
  const assetCust = new Uint32Array(A);
  const assetShip = sortedTimes(A, () => now - rand.int(30, 6 * 365) * DAY - rand.int(0, DAY - 1));
  // Systems are registered as they ship, across customers: each ship slot goes to a
  // customer holding one of its systems (shuffled), and tags are handed out in that order.
  let slot = 0;
  for (let i = 0; i < C; i++) for (let n = perCustomer[i]!; n > 0; n--) assetCust[slot++] = i;
  for (let j = A - 1; j > 0; j--) {
    const k = rand.int(0, j);
    const t = assetCust[j]!;
    assetCust[j] = assetCust[k]!;
    assetCust[k] = t;
  }
  const assets = writer.table('INSERT INTO assets (id, service_tag, customer_id, product_line, model, ship_date, warranty_level, warranty_end, created_at)', 9);
  const owners = writer.table('INSERT INTO asset_owners (id, asset_id, customer_id, from_at, to_at)', 5);
  await inBatches(A, (a) => {
    const i = assetCust[a]!;
    const segment = SEGMENTS[custSeg[i]!]!;
    const level = SERVICE_LEVELS[custLevel[i]!]!;
    const line = rand.pick(LINES_BY_SEGMENT[segment]);
    const ship = assetShip[a]!;
    const id = newId(ship);
    assets.add(id, newTag(), custId[i], line, rand.pick(PRODUCTS[line]!), ship, rand.pick(WARRANTIES[level]), ship + rand.pick([1, 3, 3, 4, 5]) * 365 * DAY, ship);
    // Systems change hands: some had an earlier owner, as in the demo.
    let from = ship;
    if (rand.chance(0.05) && C > 1) {
      let previous = rand.int(0, C - 1);
      if (previous === i) previous = (previous + 1) % C;
      from = ship + Math.floor((now - ship) * (0.2 + 0.6 * rand.next()));
      owners.add(newId(ship), id, custId[previous], ship, from);
    }
    owners.add(newId(from), id, custId[i], from, null);
    assetId[a] = id;
  });
  done(assets.rows + owners.rows);

  // ---- contact history that never needed a ticket
  done = phase('interactions without tickets');
  const interactions = writer.table('INSERT INTO interactions (id, customer_id, ticket_id, channel, direction, at, summary, user_id)', 8);
  await inBatches(C, (i) => {
    if (!rand.chance(0.5)) return;
    const at = now - rand.int(1, 300) * DAY - rand.int(0, DAY - 1);
    interactions.add(newId(at), custId[i], null, rand.pick(['phone', 'email', 'chat', 'web']), rand.pick(['inbound', 'outbound']), at, rand.pick(OTHER_CONTACT), null);
  });
  done(interactions.rows);

  // ---- tickets: plan and age first, then numbered in the order they were opened
  done = phase('tickets, events, SLA columns and interactions');
  const templates = new Map<string, Template>();
  const template = (plan: Plan, note: boolean, tier: 1 | 2 | 3): Template => {
    const key = `${plan}/${note}/${tier}`;
    let t = templates.get(key);
    if (!t) templates.set(key, (t = buildTemplate(plan, note, tier)));
    return t;
  };
  const tAsset = new Uint32Array(T);
  const tPlan = new Uint8Array(T);
  const tCreated = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const asset = rand.int(0, A - 1);
    const plan = rand.weighted(PLAN_WEIGHTS);
    const life = now - assetShip[asset]! - DAY;
    // Open work is recent, as on a live desk that clears its backlog (the demo does the same):
    // older open tickets would long have breached their SLA and been escalated by it.
    const age =
      plan === 'closed' ? Math.min(rand.int(7 * DAY, 365 * DAY), life)
      : plan === 'resolved' ? rand.int(DAY, 6 * DAY)
      : rand.int(5, plan === 'new' ? 40 : 180) * MIN + rand.int(0, MIN - 1);
    tAsset[t] = asset;
    tPlan[t] = PLANS.indexOf(plan);
    tCreated[t] = now - age;
  }
  const order = new Uint32Array(T);
  for (let t = 0; t < T; t++) order[t] = t;
  order.sort((x, y) => tCreated[x]! - tCreated[y]!);

  const tickets = writer.table(
    `INSERT INTO tickets (id, number, customer_id, asset_id, segment, service_level, priority, priority_rank, tier, state, is_open, assignee_id, subject, description,
       channel, created_at, updated_at, due_at, version, machine, sla_status, sla_target, sla_next_at, sla_calendar_id, sla_policy_refs)`,
    25,
  );
  // The envelope's columns as the ticket store writes them (migration 0006).
  // The actor snapshot is stored once in event_actors; the row holds its ref (internedTexts.ts).
  const actorBodies = new Map<number, string>();
  const actorJson = (a: Actor) => {
    const body = JSON.stringify({ role: a.role, tier: a.tier, segments: a.segments });
    const ref = textRef(body);
    actorBodies.set(ref, body);
    return ref;
  };
  const events = writer.table('INSERT INTO ticket_events (id, ticket_id, seq, type, actor_id, at, payload, actor_ref, desk_id)', 9);
  const outcomes = writer.table('INSERT INTO sla_outcomes (ticket_id, target, segment, due_at, done_at, met)', 6);
  const checks: Array<{ id: string; input: { segment: Segment; priority: Priority; at: number }; events: TicketEvent[]; state: string; machine: string }> = [];
  await inBatches(T, (rank) => {
    const t = order[rank]!;
    const asset = tAsset[t]!;
    const c = assetCust[asset]!;
    const segment = SEGMENTS[custSeg[c]!]!;
    const level = SERVICE_LEVELS[custLevel[c]!]!;
    const plan = PLANS[tPlan[t]!]!;
    const open = isOpenState(plan);
    const tpl = template(plan, rand.chance(0.5), rand.weighted<1 | 2 | 3>([[1, 6], [2, 3], [3, 1]]));
    // A good share of first-line work is Ava's, so escalate has her tickets to work on.
    const people: Record<Slot, Actor> = {
      1: rand.chance(0.5) ? ava : rand.pick(otherAgents[segment]),
      2: rand.pick(tier2[segment]),
      3: rand.pick(tier3[segment]),
    };
    const priority = rand.weighted(PRIORITY_WEIGHTS);
    const channel = rand.pick(TICKET_CHANNELS);
    const subject = rand.pick(SUBJECTS);
    const created = tCreated[t]!;
    const times = [created];
    for (const _ of tpl.steps) times.push(Math.min(times[times.length - 1]! + rand.int(1, open ? 12 : 180) * MIN, now - 30_000));
    const last = times[times.length - 1]!;

    const ctx = tpl.context;
    const person = (id: string | null) => (id === null ? null : people[Number(id.slice(1)) as Slot].id);
    const time = (at: number | null) => (at === null ? null : times[at]!);
    // Same keys in the same order as the machine's context, so the JSON is what it writes.
    const context: TicketContext = {
      ...ctx,
      segment,
      priority,
      assigneeId: person(ctx.assigneeId),
      heldBy: { 1: person(ctx.heldBy[1]), 2: person(ctx.heldBy[2]), 3: person(ctx.heldBy[3]) },
      resolvedAt: time(ctx.resolvedAt),
      updatedAt: time(ctx.updatedAt)!,
    };
    const id = newId(created);
    const n = ticketNumber(rank + 1);
    const machine = JSON.stringify(context);

    // The log: CREATED, then each step, with the payloads tickets.ts records, and the
    // interactions it writes alongside.
    const log: LoggedEvent[] = [{ type: 'CREATED', at: created, payload: { subject, priority, channel, assetId: assetId[asset] } }];
    events.add(newId(created), id, 1, 'CREATED', people[1].id, created, JSON.stringify(log[0]!.payload), actorJson(people[1]), deskId);
    // The contact history's lines, as the ticket store writes them (src/shared/interactionText.ts).
    const contact = (type: string, payload: Record<string, unknown>, tier: number, at: number, actorId: string) => {
      const i = ticketInteraction({ number: n, subject, channel, tier }, { type, payload });
      if (i) interactions.add(newId(at), custId[c], id, i.channel, i.direction, at, interactionLine(i.line), actorId);
    };
    contact('CREATED', {}, 1, created, people[1].id);
    const check = checks.length < 2000 && rank % 97 === 0;
    const replayed: TicketEvent[] = [];
    tpl.steps.forEach((s, k) => {
      const at = times[k + 1]!;
      const actor = people[s.slot];
      const note = s.type === 'WAIT_ON_CUSTOMER' ? 'Asked the customer to run the diagnostics again and send the log' : s.type === 'RESOLVE' ? 'Confirmed working with the customer' : rand.pick(NOTES);
      const reason = s.slot === 2 ? 'needs_specialist_skill' : rand.pick(ESCALATION_REASONS.filter((r) => r !== 'sla_breach'));
      const code = rand.pick(RESOLUTION_CODES);
      const ev = eventOf(s.type, actor, at, note, reason, code);
      const { type, at: _at, actor: _actor, ...payload } = ev;
      events.add(newId(at), id, k + 2, type, actor.id, at, JSON.stringify(payload), actorJson(actor), deskId);
      log.push({ type, at, payload });
      contact(type, payload, s.tierAfter, at, actor.id);
      if (check) replayed.push(ev);
    });
    if (check) checks.push({ id, input: { segment, priority, at: created }, events: replayed, state: tpl.state, machine });

    // The SLA columns as the desk last wrote them: projected from the whole log at the time
    // of the last event (the scheduler, run at the end, sends what fell due since).
    const projected = sla.project({ segment, service_level: level }, [], log, last, last);
    const cols = projected?.columns;
    tickets.add(
      id, rank + 1, custId[c], assetId[asset], segment, level, priority, priorityRank(priority), context.tier, tpl.state, open ? 1 : 0, context.assigneeId,
      subject, rand.pick(DESCRIPTIONS), channel, created, last, cols?.due_at ?? null, tpl.steps.length + 1, machine,
      cols?.sla_status ?? 'none', cols?.sla_target ?? null, cols?.sla_next_at ?? null, cols?.sla_calendar_id ?? null, projected ? policyRefs(projected.policies) : '[]',
    );
    // Met and missed targets, once each, as recordOutcomes() keeps them (read off the final
    // state: the same as the first recording for these histories).
    if (projected && tpl.steps.length > 0) {
      for (const target of ['firstResponse', 'resolution'] as const) {
        const clock = projected.state.targets[target];
        const doneAt = clock.status === 'met' ? clock.metAt : clock.status === 'breached' ? (clock.metAt ?? clock.dueAt) : null;
        if (doneAt !== null) outcomes.add(id, target, segment, clock.dueAt, doneAt, clock.status === 'met' ? 1 : 0);
      }
    }
  });
  await writer.close();
  done(tickets.rows + events.rows + interactions.rows + outcomes.rows);
  log(`generate: ${templates.size} history templates; ${events.rows.toLocaleString('en-US')} events, ${interactions.rows.toLocaleString('en-US')} interactions, ${outcomes.rows.toLocaleString('en-US')} SLA outcomes`);

  // Every sampled ticket must be exactly the projection of its own log.
  for (const c of checks) {
    const r = replay(c.input, c.events);
    if (!r.ok) throw new Error(`ticket ${c.id}: its events do not replay: ${r.reason}`);
    if (r.next.state !== c.state || JSON.stringify(r.next.context) !== c.machine) {
      throw new Error(`ticket ${c.id}: stored ${c.state} ${c.machine}, replay gives ${r.next.state} ${JSON.stringify(r.next.context)}`);
    }
  }
  log(`generate: ${checks.length} sampled tickets replay to their stored rows`);

  db = coded(new BetterSqlite3(file));
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -2000000');
  db.pragma('temp_store = MEMORY');
  db.pragma('threads = 2');

  // ---- the names list rows show, copied onto tickets as tickets.ts does when it opens one
  done = phase('ticket row names');
  // A system is found by its id through assets_id (assets are keyed by customer, and a ticket's
  // system may have changed hands since): that index comes back first, or each ticket's
  // lookup would read every system.
  const early = new Set(['assets_id']);
  for (const ix of secondary) if (early.has(ix.name)) db.exec(ix.sql);
  db.exec(`UPDATE tickets SET
             customer_name = (SELECT name FROM customers c WHERE c.id = tickets.customer_id),
             service_tag = (SELECT service_tag FROM assets a WHERE a.id = tickets.asset_id)`);
  done();

  // ---- each SLA policy version the tickets ran under, once (as policyVersions.ts stores them)
  const insertVersion = db.prepare('INSERT OR IGNORE INTO sla_policy_versions (ref, body) VALUES (?, ?)');
  db.transaction(() => {
    for (const [ref, body] of policyBodies) insertVersion.run(ref, body);
    const insertActor = db.prepare('INSERT OR IGNORE INTO event_actors (ref, body) VALUES (?, ?)');
    for (const [ref, body] of actorBodies) insertActor.run(ref, body);
  })();

  // ---- counters, as the projection keeps them
  db.transaction(() => {
    db.exec(`UPDATE queue_counters AS q SET open = g.open, unassigned = g.unassigned, at_risk = g.at_risk, breached = g.breached
             FROM (SELECT segment, tier, count(*) AS open, sum(assignee_id IS NULL) AS unassigned, sum(sla_status = 'atRisk') AS at_risk,
                          sum(sla_status = 'breached') AS breached
                   FROM tickets WHERE is_open = 1 GROUP BY segment, tier) AS g
             WHERE g.segment = q.segment AND g.tier = q.tier`);
    db.exec(`INSERT INTO agent_load (user_id, open, at_risk, breached) SELECT assignee_id, count(*), sum(sla_status = 'atRisk'), sum(sla_status = 'breached') FROM tickets WHERE is_open = 1 AND assignee_id IS NOT NULL GROUP BY assignee_id`);
    db.exec(`INSERT INTO sla_daily (day, segment, target, met, total) SELECT done_at / ${DAY}, segment, target, sum(met), count(*) FROM sla_outcomes GROUP BY 1, 2, 3`);
    db.exec(FILL_SLA_RECENT);
  })();

  done = phase(`secondary indexes (${secondary.length - early.size})`);
  for (const ix of secondary) if (!early.has(ix.name)) db.exec(ix.sql);
  done();

  // ---- the board's weekly trends, as the desk counts them when a ticket is created
  done = phase('weekly ticket trends');
  // In the centre's weeks (its calendars' zone, London's), as the desk keeps them: not moved at the bench's opening.
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(TRENDS_KEYS, JSON.stringify({ basis: basisOfZone(sla.dayZone()) } satisfies TrendKeys));
  await countTickets(db);
  done();

  // ---- every word of every customer's name, for the lookup, as the migration indexes them
  done = phase('words of customer names');
  db.exec('DROP TABLE customer_words');
  await fillCustomerWords(db, () => {});
  done();

  // Rows of the tables keyed by customer (interactions, assets, contacts, owners) arrive in
  // the order they were made, not in key order: rewritten once, every page is packed, as on a
  // desk whose file migration 0014 wrote.
  done = phase('packing the file (VACUUM)');
  db.exec('VACUUM');
  done();

  // Back to how the desk runs: WAL, durable commits.
  db.pragma('locking_mode = NORMAL');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.close();

  // The desk itself opens it, at the dataset's "now": its SLA scheduler sends the warnings
  // and breaches that fell due, as on a desk that has been running all along.
  done = phase('SLA catch-up (the desk opening the dataset at its "now")');
  const desk = await openDesk({ dataDir: dir, clock: { now: () => now }, timers: { set: () => null, clear: () => {} } });
  const sent = desk.db.sqlite.prepare(`SELECT count(*) FROM ticket_events WHERE type IN ('SLA_WARNING', 'SLA_BREACH')`).pluck().get() as number;
  desk.close();
  done();
  log(`generate: the scheduler sent ${sent.toLocaleString('en-US')} SLA warnings and breaches`);
  return now;
}

function organisationName(rand: Random, segment: Segment): string {
  const city = rand.pick(POOLS.cities);
  const last = () => rand.pick(POOLS.last);
  switch (segment) {
    case 'education':
      return rand.pick([`${city} School District`, `University of ${city}`, `${city} Community College`, `${last()} Academy`]);
    case 'government':
      return rand.pick([`City of ${city}`, `${rand.pick(POOLS.counties)} Administration`, `${city} Department of Transportation`, `${rand.pick(POOLS.states)} Revenue Agency`]);
    case 'large_enterprise':
      return `${last()} ${rand.pick(['Inc.', 'Group', 'Holdings', 'plc'])}`;
    default:
      return rand.pick([`${last()} ${rand.pick(POOLS.entities)}`, `${last()} - ${last()}`, `${last()}, ${last()} and ${last()}`]);
  }
}
