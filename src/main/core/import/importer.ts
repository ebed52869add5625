import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { basename, dirname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { diffFields } from '../../../shared/customerEvents';
import type { RejectKey } from '../../../shared/customerApi';
import { formatDate, nameKey, type ContactFields, newRecordFields, SEGMENT_RULES, validateAsset, validateContact, validateCustomer, type CustomerDraft, type FieldIssue } from '../../../shared/customerRules';
import { say } from '../../../shared/messageKeys';
import { columnsOf, headerCells, isCsvRow, isRow, readRejectLines, REJECTED_ROWS_CSV, REJECTED_ROWS_MAX, REJECTED_ROWS_MAX_BYTES, rowCells, type RejectedRow } from '../../../shared/rejectedRows';
import { actorOf, importAccountName, SEGMENTS, SERVICE_LEVELS, type Actor, type Channel, type ImportSource, type Priority, type Segment, type ServiceLevel } from '../../../shared/domain';
import {
  FRESHDESK_CHANNEL,
  FRESHDESK_PRIORITY,
  FRESHDESK_STATUS,
  parseSourceTime,
  segmentFrom,
  serviceLevelFrom,
  serviceLevelNamed,
  textOfHtml,
  wantsTier2,
  ZENDESK_CHANNEL,
  ZENDESK_PRIORITY,
  ZENDESK_STATUS,
  type ImportedStatus,
} from '../../../shared/importMapping';
import { countryOf, emailCountry, parsePhone, phoneCountry, phoneReadIn, toE164, type Country } from '../../../shared/phone';
import { parseServiceTag } from '../../../shared/serviceTag';
import { param, type Sql } from '../db/exec';
import { uuidv7 } from '../ids';
import type { TicketCommand } from '../../../shared/ticketMachine';
import type { SlaStore } from '../sla';
import type { TicketStore } from '../ticketStore';
import type { UserDirectory } from '../users';
import { customerLog, type RecordActor } from '../customers/customerLog';
import { customerWords } from '../customers/nameWords';
import { importedTickets, TicketRefused } from './importedTickets';
import { importKeys, importSecret } from './importKeys';
import { KIND_ORDER, recognise, rowsOf, type FileKind, type Row } from './sources';

// Brings a centre's history in from the desk it used before: Zendesk's incremental-export
// JSON pages, Freshdesk's CSV exports, or any CSV with a column mapping. Rows stream in
// batches; each row is validated with the shared rules and written in its own savepoint, so
// a bad row is written to the rejects file with its reason and nothing of it lands; a batch
// of 5,000 rows is one transaction. Every record keeps its id in the old desk (import_ids;
// a customer's or contact's as a keyed hash, since it is often an email or a name), so a
// second run of the same files changes nothing, for an erased customer too. Each ticket's
// log is decided and folded by the shared ticket log as the import user (importedTickets.ts),
// so its event log is one the machine accepts, and written with statements prepared once.

export type { ImportSource } from '../../../shared/domain';

export interface ImportRequest {
  from: ImportSource;
  files: readonly string[];
  dryRun: boolean;
  rejectsPath: string;
  /** For --from csv: our field → the CSV column holding it. */
  mapping?: Readonly<Record<string, string>>;
  /**
   * Where the file's numbers written without a country code are from, for rows that do not name
   * their own Country; the desk's country when not given. A desk outside Iran refused every local
   * Iranian number of a file (0912 345 6789), thousands of rows, and only the desk's own country
   * setting read them.
   */
  country?: Country;
  onProgress?: (p: { file: string; rows: number; bytesRead: number; bytes: number }) => void;
  /** Asked after each batch: true stops the import there (the batches written stay written). */
  shouldStop?: () => boolean;
}

/** Why a row or a file was refused: the sentence, and a key (with values) the UI can say it in. */
export interface RejectReason {
  reason: string;
  key?: RejectKey;
  params?: Record<string, string>;
}

/** The first rejects of a run, shown on the import screen: the rest are in the rejects file. */
export const REJECTS_SHOWN = 20;

export interface ImportSummary {
  imported: { customers: number; contacts: number; assets: number; tickets: number; events: number };
  /** Customers the files name who were already on the desk (an earlier import, or a record with the same name and email or phone): linked, not doubled. */
  existing: number;
  rejected: number;
  rejects: string;
  /**
   * The rejected rows of CSV files as a CSV beside the rejects file (their own columns and the
   * reason, to correct in a spreadsheet and import again); null when no row of a CSV was rejected.
   */
  rejectedRows: string | null;
  /**
   * The rejected records of Zendesk pages, as pages of their own kind beside the rejects file
   * (`{"tickets": [...]}`), each record with why in `tagdesk_rejected_because`: a Zendesk
   * record is JSON, no spreadsheet row, and these import again (--from zendesk) once corrected.
   */
  rejectedPages: string[];
  /** Stopped by a cancel: what it wrote before stays (a trial run wrote nothing); the files' other rows were not read. */
  cancelled: boolean;
  /** The first REJECTS_SHOWN rejects: `row` null for a file refused or cut short as a whole. */
  firstRejects: Array<RejectReason & { file: string; row: number | null }>;
  /**
   * Companies a Freshdesk contact or ticket named that no companies-file row brought in:
   * created with an assumed segment and service level, which decide their tickets' queue and
   * SLA. `count` counts each once (at the first row naming it); `first` holds the first
   * REJECTS_SHOWN, with that row and (not in a trial run) the record created. (Zendesk assumes nothing: a user or ticket naming an
   * organization not imported is rejected.)
   */
  assumed: { count: number; first: AssumedCompany[] };
  /**
   * Rows refused for a number without a country code that another country reads (a local number
   * of Iran on a desk in the US), when at least LOCAL_NUMBERS_HINT of them share it: the country
   * (or countries, alike) that reads most of them and how many, to choose as the file's country and import again.
   */
  localNumbers: { countries: Country[]; count: number } | null;
  /**
   * Freshdesk contacts with a valid work phone and a valid mobile number: a record holds one
   * phone, the work one was kept, the mobile number left out. How many, and the first rows.
   */
  mobilesLeft: { count: number; first: Array<{ file: string; row: number }> };
  /**
   * Zendesk users suspended there (`suspended: true`: blocked by the company, for spam or abuse)
   * are left out, with the tickets they requested and those tickets' comments: how many of each.
   * Not rejects: nothing in them is to correct. One suspended by mistake comes in once
   * unsuspended in Zendesk (or `"suspended": false` in the users page) and imported again.
   */
  suspended: { users: number; tickets: number };
}

/** How many rows must share a local number of one other country before the summary suggests it as the file's. */
export const LOCAL_NUMBERS_HINT = 3;

/** A company created without a row of its own, with what was assumed for it. */
export interface AssumedCompany {
  name: string;
  segment: Segment;
  serviceLevel: ServiceLevel;
  file: string;
  row: number;
  /** The record created for it, so the import screen can open it: absent in a trial run, which creates nothing. */
  customerId?: string;
}

export interface ImportContext {
  db: Sql;
  /** The ticket store's projection (a state's row) and the SLA policies, calendars and outcomes. */
  tickets: { rowOf: TicketStore['rowOf']; sla: Pick<SlaStore, 'policyInForce' | 'calendar' | 'recordOutcomes'>; deskId: string; reopenWindowMs: number };
  users: UserDirectory;
  deskCountry: Country;
  now(): number;
}

/**
 * Rows a batch (one transaction) holds. Between batches other people's calls get the write
 * lock, so a batch is also how long an agent's take or reply may wait behind an import: 5,000
 * rows held it about 2 s at this machine's rate, 1,000 about 0.4 s. Smaller batches also keep
 * the import's memory down: what a batch builds dies young instead of piling up in V8's old
 * space until a full collection. `import_zendesk` at 200,000-300,000 tickets, three pairs of runs,
 * each pair minutes apart: peak RSS 311, 380, 390 MB with 5,000 rows against 265, 285, 316 MB
 * with 1,000.
 */
const BATCH = 1_000;
/**
 * A batch also ends after this much of its file: what an import holds in memory is one
 * batch of parsed rows, so rows of 20 KB (HTML bodies) must not make a batch 100 MB.
 */
const BATCH_BYTES = 4 << 20;
const IMPORT_CACHE_KB = -16_384;

class Rejected extends Error {
  constructor(
    reason: string,
    readonly key?: RejectKey,
    readonly params?: Record<string, string>,
  ) {
    super(reason);
  }
}
/** A row failed after it had written: its batch is undone and runs again row by row. */
class RowWroteThenFailed extends Error {}
const reject = (reason: string, key?: RejectKey, params?: Record<string, string>): never => {
  throw new Rejected(reason, key, params);
};
/** A row whose fields the shared rules refused: each field and what is wrong with it. */
const rejectFields = (issues: ReadonlyArray<FieldIssue>): never =>
  reject(issues.map((i) => `${i.field}: ${i.message}`).join(' '), 'invalidFields', {
    fields: issues.map((i) => i.field).join(', '),
    // Each field's own sentence from the shared rules, so the import screen says what to fix.
    ...Object.fromEntries(issues.map((i) => [`issue.${i.field}`, i.message])),
  });

/**
 * A problem of a row found before its record is checked (a segment or a service level that names
 * none of the desk's), kept to be said with the record's own: a row with a bad segment and a bad
 * phone named only the segment, and the admin needed a second round to learn of the phone.
 * `alone` is how it is said when it is the row's only problem (as before).
 */
type NotedIssue = FieldIssue & { alone?: Rejected };
/** Every problem of a row in one reject; one noted alone is said as it always was. */
const rejectRow = (issues: readonly NotedIssue[]): never => {
  const only = issues.length === 1 ? issues[0]!.alone : undefined;
  if (only) throw only;
  return rejectFields(issues.map(({ field, message }) => ({ field, message })));
};

/**
 * A CSV row refused for fields no column was mapped to: its values were not bad, there were
 * none, and "correct the export" sent the admin to a file with nothing to correct. The reject
 * names those fields to map (and still says what is wrong with any mapped field refused with them).
 */
const unmappedOr = (error: unknown, mapped: (field: string) => boolean): unknown => {
  if (!(error instanceof Rejected) || error.key !== 'invalidFields' || !error.params) return error;
  const fields = (error.params.fields ?? '').split(', ').filter(Boolean);
  const missing = fields.filter((f) => !mapped(f));
  if (missing.length === 0) return error;
  const bad = fields.filter(mapped);
  const issues = Object.fromEntries(bad.map((f) => [`issue.${f}`, error.params?.[`issue.${f}`] ?? '']));
  const reason = `no column is mapped to ${missing.join(', ')}: choose one for each on the mapping screen and import again` + (bad.length ? `; ${bad.map((f) => `${f}: ${issues[`issue.${f}`]}`).join(' ')}` : '');
  return new Rejected(reason, 'unmappedFields', { fields: missing.join(', '), ...(bad.length ? { invalid: bad.join(', '), ...issues } : {}) });
};

type Value = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const idOf = (v: unknown): string | null => (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '') ? String(v).trim() : null);
/** A CSV cell by any of its known headers, case-insensitively. */
const cell = (row: Value, ...names: string[]): string => {
  for (const n of names) {
    const hit = Object.keys(row).find((k) => k.toLowerCase() === n.toLowerCase());
    if (hit !== undefined && str(row[hit]).trim() !== '') return str(row[hit]).trim();
  }
  return '';
};

export async function runImport(ctx: ImportContext, req: ImportRequest): Promise<ImportSummary> {
  const { db } = ctx;
  const k = db.kysely;
  const source = req.from;
  const counts = { customers: 0, contacts: 0, assets: 0, tickets: 0, events: 0, existing: 0, mobilesLeft: 0 };
  /** Zendesk users left out as suspended there, and their tickets left out with them, by their Zendesk ids (a batch run again adds the same). */
  const suspendedUsers = new Set<string>();
  const suspendedTickets = new Set<string>();
  /** Numbers without a country code are read in the file's country (the import's choice), else the desk's. */
  const numbersFrom: Country = req.country ?? ctx.deskCountry;
  /** The rows left without their mobile number (the first REJECTS_SHOWN), as many as counts.mobilesLeft says. */
  const mobilesLeft: Array<{ file: string; row: number }> = [];
  const countsBack = (to: typeof counts) => {
    Object.assign(counts, to);
    mobilesLeft.length = Math.min(mobilesLeft.length, counts.mobilesLeft);
  };
  /** The country another than the file's that reads the row's refused local number, if it was refused for that. */
  let rowElsewhere: Country[] = [];
  /** Rejected rows by that country. */
  const elsewhere = new Map<Country, number>();
  let rejected = 0;
  const firstRejects: ImportSummary['firstRejects'] = [];
  const assumed: ImportSummary['assumed'] = { count: 0, first: [] };
  /** The row being handled, so a company it creates on the fly is reported with it. */
  let here = { file: '', row: 0 };
  /** The systems this import registered, by tag: the row that did, for a later row with the same tag. */
  const registered = new Map<string, { assetId: string; file: string; row: number }>();
  /** The row's problems noted before its record is checked, said with the record's own (NotedIssue). */
  let noted: NotedIssue[] = [];
  /**
   * A problem of the row's, noted to be said with its others (the row goes on being checked with
   * `fallback` in its place, and writes nothing): `alone` is how it is said when it is the only one.
   */
  const note = <T,>(field: string, message: string, alone: Rejected, fallback: T): T => {
    noted.push({ field, message, alone });
    return fallback;
  };
  /** Undoes the assumptions of rows whose writes were undone (a refused row, a batch run again). */
  const assumedMark = () => ({ count: assumed.count, shown: assumed.first.length });
  const assumedBack = (m: { count: number; shown: number }) => {
    assumed.count = m.count;
    assumed.first.length = m.shown;
  };
  mkdirSync(dirname(req.rejectsPath), { recursive: true });
  const rejects = createWriteStream(req.rejectsPath, { encoding: 'utf8' });
  const writeReject = (entry: RejectReason & { file: string; row: number | null; record?: Value; kind?: FileKind }, readIn: readonly Country[] = []) => {
    rejected++;
    for (const c of readIn) elsewhere.set(c, (elsewhere.get(c) ?? 0) + 1);
    // The key and its values too (stop 48), so the import screen can say a reject of the file in
    // the reader's words; `file`, `row`, `reason` and `record` are as they were.
    rejects.write(JSON.stringify(entry) + '\n');
    const { key, params } = entry;
    if (firstRejects.length < REJECTS_SHOWN) firstRejects.push({ file: entry.file, row: entry.row, reason: entry.reason, ...(key ? { key, params: params ?? {} } : {}) });
  };
  const totalChanges = db.sqlite.prepare('SELECT total_changes()').pluck();

  const known = db.prepare<{ local_id: string }, [string, string, string]>(
    k.selectFrom('import_ids').select('local_id').where('source', '=', param<string>()).where('kind', '=', param<string>()).where('external_id', '=', param<string>()),
  );
  // A customer's or contact's id in the old desk (often their email or name) is kept as a keyed hash (importKeys.ts).
  const stored = importKeys(importSecret(db.sqlite));
  const find = (kind: string, ext: string | null): string | null => (ext === null ? null : (known.get(source, kind, stored(kind, ext))?.local_id ?? null));
  const insertImportId = db.sqlite.prepare('INSERT INTO import_ids (source, kind, external_id, local_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const remember = (kind: string, ext: string, local: string) => insertImportId.run(source, kind, stored(kind, ext), local);
  const ticketRow = db.prepare<{ customer_id: string }, [string]>(k.selectFrom('tickets').select('customer_id').where('id', '=', param<string>()));
  const assetOf = db.prepare<{ id: string; customer_id: string }, [string]>(k.selectFrom('assets').select(['id', 'customer_id']).where('service_tag', '=', param<string>()));
  const defaultLevel = new Map(db.all(k.selectFrom('segments').select(['id', 'default_service_level'])).map((s) => [s.id, s.default_service_level as ServiceLevel]));

  const importer = ensureImportUser(ctx, source);
  const importActor: RecordActor = { ...actorOf(importer), name: importAccountName(source) };
  const customers = customerLog(db);
  // The same person already on the desk: the same name and the same email or phone (both as stored, normalised).
  const sameCustomer = db.sqlite
    .prepare<[string, string | null, string | null], string>('SELECT id FROM customers WHERE name_key = ? AND erased_at IS NULL AND ((email IS NOT NULL AND email = ?) OR (phone IS NOT NULL AND phone = ?)) LIMIT 1')
    .pluck();
  const words = customerWords(db.sqlite);
  const nameAndErasure = db.sqlite.prepare<[string], { name_key: string; erased_at: number | null }>('SELECT name_key, erased_at FROM customers WHERE id = ?');
  /**
   * Whether the record an earlier import knew by a phone alone (before it knew such a row by its
   * phone and name) is this row's person: the same name, or erased since (whose name is gone, and
   * who must not come back).
   */
  const samePersonByPhone = (id: string | null, name: string): boolean => {
    if (id === null) return false;
    const c = nameAndErasure.get(id);
    return c !== undefined && (c.erased_at !== null || c.name_key === nameKey(name));
  };
  const insertCustomer = db.sqlite.prepare(
    'INSERT INTO customers (id, kind, name, name_key, segment, service_level, email, phone, country, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );

  // ---- writers -------------------------------------------------------------------------------

  /** `more`: the row's other problems (its system's), said with the customer's in one reject. */
  function addCustomer(ext: string, kindOfRecord: string, draft: CustomerDraft, createdAt: number, more: readonly FieldIssue[] = []): string {
    const checked = validateCustomer(draft, numbersFrom, { requireContact: false, phoneAdvice: source === 'csv' ? 'importColumn' : 'import' });
    // A local number another country reads, on a row naming no country of its own: counted, so the
    // summary can suggest that country for the whole file (the row's own Country is its own fix).
    if (!checked.ok && checked.issues.some((i) => i.field === 'phone') && !draft.country?.trim() && draft.phone) {
      rowElsewhere = phoneReadIn(draft.phone, numbersFrom, [countryOf(draft.locale?.split('-')[1]), emailCountry(draft.email ?? '')]);
    }
    // A segment the desk does not know was replaced by a guess: what the guess asks of the
    // record's kind is no problem of the row's.
    const guessed = noted.some((i) => i.field === 'segment');
    const issues = [...noted, ...(checked.ok ? [] : checked.issues.filter((i) => !(guessed && i.field === 'kind'))), ...more];
    if (issues.length) rejectRow(issues);
    const v = checked.ok ? newRecordFields(checked.value, numbersFrom) : null!;
    // A customer the desk already has (registered by an agent, or by another source) is
    // linked, not doubled: their record stays as it is, their systems and tickets join it.
    const already = sameCustomer.get(nameKey(v.name), v.email, v.phone);
    if (already !== undefined) {
      remember(kindOfRecord, ext, already);
      counts.existing++;
      return already;
    }
    const id = uuidv7();
    const now = ctx.now();
    words.set(id, v.name);
    insertCustomer.run(id, v.kind, v.name, nameKey(v.name), v.segment, v.serviceLevel, v.email, v.phone, v.country, v.locale, createdAt, now);
    // Its history, and the outbox: the hub hears of imported customers like any other.
    customers.append(
      id,
      'CUSTOMER_IMPORTED',
      now,
      importActor,
      {
        entity: 'customer',
        entityId: id,
        changes: diffFields(null, { kind: v.kind, name: v.name, segment: v.segment, serviceLevel: v.serviceLevel, email: v.email, phone: v.phone, country: v.country, locale: v.locale }),
        note: { source, externalId: ext },
      },
      v.segment,
    );
    remember(kindOfRecord, ext, id);
    counts.customers++;
    return id;
  }

  /**
   * A contact's fields checked, their problems noted with the row's others (a contact row named
   * only its first problem: an organization not imported, and a bad email said a round later).
   */
  function checkContact(draft: { name: string; email: string; phone: string; role?: string }): ContactFields | null {
    // A person of an organisation kept with a name only comes in, as a customer without contact details does.
    const c = validateContact(draft, numbersFrom, { requireContact: false });
    if (!c.ok) noted.push(...c.issues);
    if (!c.ok && c.issues.some((i) => i.field === 'phone') && draft.phone) rowElsewhere = phoneReadIn(draft.phone, numbersFrom, [emailCountry(draft.email)]);
    return c.ok ? c.value : null;
  }

  /** A checked contact, refused with every problem its row was noted for. */
  function addContact(ext: string, customerId: string, checked: ContactFields | null): void {
    if (noted.length || !checked) rejectRow(noted);
    const v = checked!;
    const id = uuidv7(ctx.now());
    db.run(k.insertInto('contacts').values({ id, customer_id: customerId, ...v }));
    customers.append(customerId, 'CONTACT_ADDED', ctx.now(), importActor, { entity: 'contact', entityId: id, changes: diffFields(null, v), note: { source, externalId: ext } });
    remember('contact', ext, id);
    counts.contacts++;
  }

  function addAsset(customerId: string, draft: Parameters<typeof validateAsset>[0]): string {
    const a = validateAsset(draft, ctx.now());
    if (!a.ok) rejectFields(a.issues);
    const v = a.ok ? a.value : null!;
    const existing = assetOf.get(v.serviceTag);
    if (existing) {
      if (existing.customer_id !== customerId) {
        // Taken by an earlier row of this import: that row is named ("another customer" sent the
        // admin looking on the desk for a record the same file had just made).
        const by = registered.get(v.serviceTag);
        if (by?.assetId === existing.id) {
          if (by.file === here.file) reject(`service tag ${v.serviceTag} is already on row ${by.row} of this file, for another customer: correct one of the two rows`, 'tagTakenInFile', { tag: v.serviceTag, row: String(by.row) });
          const name = basename(by.file);
          reject(`service tag ${v.serviceTag} is already on row ${by.row} of ${name}, for another customer: correct one of the two rows`, 'tagTakenInRun', { tag: v.serviceTag, row: String(by.row), file: name });
        }
        reject(`service tag ${v.serviceTag} is already registered to another customer`, 'tagTaken', { tag: v.serviceTag });
      }
      return existing.id;
    }
    const id = uuidv7(v.shipDate);
    db.run(k.insertInto('assets').values({ id, service_tag: v.serviceTag, customer_id: customerId, product_line: v.productLine, model: v.model, ship_date: v.shipDate, warranty_level: v.warrantyLevel, warranty_end: v.warrantyEnd, created_at: ctx.now() }));
    db.run(k.insertInto('asset_owners').values({ id: uuidv7(v.shipDate), asset_id: id, customer_id: customerId, from_at: v.shipDate, to_at: null }));
    registered.set(v.serviceTag, { assetId: id, file: here.file, row: here.row });
    customers.append(customerId, 'ASSET_REGISTERED', ctx.now(), importActor, {
      entity: 'asset',
      entityId: id,
      changes: diffFields(null, { serviceTag: v.serviceTag, productLine: v.productLine, model: v.model, shipDate: formatDate(v.shipDate), warrantyLevel: v.warrantyLevel, warrantyEnd: formatDate(v.warrantyEnd) }),
      note: { source },
    });
    counts.assets++;
    return id;
  }

  const customerForTicket = db.prepare<{ name: string; segment: string; service_level: string }, [string]>(k.selectFrom('customers').select(['name', 'segment', 'service_level']).where('id', '=', param<string>()));
  const assetById = db.prepare<{ id: string; customer_id: string; service_tag: string }, [string]>(k.selectFrom('assets').select(['id', 'customer_id', 'service_tag']).where('id', '=', param<string>()));
  const ticketActor: Actor = actorOf(importer);
  const bulk = importedTickets(db, { deskId: ctx.tickets.deskId, reopenWindowMs: ctx.tickets.reopenWindowMs, sla: ctx.tickets.sla, rowOf: ctx.tickets.rowOf });

  /**
   * A ticket, created and moved through the machine to where the old desk left it.
   *
   * A finished one (solved, closed) keeps its own times: taken, resolved, closed as the
   * import user; its SLA was the old desk's, so no clock runs and no outcome is recorded.
   * One still open starts its life here now: our SLA clocks run from the import, not from
   * a time whose targets the old desk's own policies governed (else every old open ticket
   * would breach, and escalate, the moment it arrived); its original time stays in its
   * description.
   */
  function addTicket(ext: string, t: { customerId: string; subject: string; description: string; priority: Priority; channel: Channel; createdAt: number; endedAt: number; status: ImportedStatus; tier2: boolean; assetId: string | null }): void {
    // Every problem of the row at once, before anything of it is written.
    if (noted.length) rejectRow(noted);
    const c = customerForTicket.get(t.customerId) ?? reject('the customer vanished');
    const a = t.assetId ? assetById.get(t.assetId) : undefined;
    const customer = { id: t.customerId, name: c.name, segment: c.segment as Segment, serviceLevel: c.service_level as ServiceLevel };
    const asset = a ? { id: a.id, customerId: a.customer_id, serviceTag: a.service_tag } : null;
    const finished = t.status === 'solved' || t.status === 'closed';
    const steps: { command: TicketCommand; at: number }[] = [];
    let written: { id: string; events: number };
    try {
      if (finished) {
        const at = Math.max(t.createdAt, t.endedAt);
        steps.push({ command: { type: 'TAKE' }, at }, { command: { type: 'RESOLVE', code: 'fixed_remotely', note: `Solved in ${source} (#${ext}).` }, at });
        if (t.status === 'closed') steps.push({ command: { type: 'CLOSE' }, at });
        written = bulk.add({ customer, asset, subject: t.subject.trim(), description: t.description.trim(), priority: t.priority, channel: t.channel, createdAt: t.createdAt, steps, live: false }, ticketActor, ctx.now());
      } else {
        const at = Math.max(t.createdAt, ctx.now());
        const description = `${t.description}\n\nOpened in ${source} on ${new Date(t.createdAt).toISOString().replace('T', ' ').slice(0, 16)} UTC.`.trim().slice(0, 20_000);
        const note = `Imported from ${source} (#${ext}).`;
        if (t.tier2 && t.status === 'open') steps.push({ command: { type: 'TAKE' }, at }, { command: { type: 'ESCALATE', reason: 'needs_specialist_skill', note: `Escalated in ${source} (#${ext}).` }, at });
        else if (t.status === 'pending') steps.push({ command: { type: 'TAKE' }, at }, { command: { type: 'WAIT_ON_CUSTOMER', note }, at });
        written = bulk.add({ customer, asset, subject: t.subject, description, priority: t.priority, channel: t.channel, createdAt: at, steps, live: true }, ticketActor, ctx.now());
      }
    } catch (error) {
      if (error instanceof TicketRefused) reject(error.message);
      throw error;
    }
    remember('ticket', ext, written.id);
    counts.tickets++;
    counts.events += written.events;
  }
  const subjectOf = (subject: string, description: string, field: string): string => {
    const s = (subject.trim() || description.trim().split('\n')[0] || '').slice(0, 200).trim();
    if (s.length < 3) note(field, say('importSubjectMissing'), new Rejected('the ticket has no subject (nor a description to take one from)', 'noSubject'), s);
    return s;
  };
  /** A ticket's status the import maps, or noted. */
  const statusOf = (map: Readonly<Record<string, ImportedStatus>>, raw: string, field: string): ImportedStatus =>
    map[raw] ?? note(field, say('importStatusUnknown', { status: raw }), new Rejected(`unknown status "${raw}"`, 'unknownStatus', { status: raw }), 'open');
  /** A ticket's time, or noted (`value` as written, under the column that holds it). */
  const timeOf = (value: string, field: string): number =>
    parseSourceTime(value) ?? note(field, say('importTimeInvalid', { value }), new Rejected(`${field} "${value}" is not a time`, 'notATime', { field, value }), ctx.now());
  const missingRequester = (field: string): void => note(field, say('importRequesterMissing'), new Rejected('missing requester', 'missingRequester'), undefined);
  // A service level written in a field of its own is taken only when it names one of the desk's;
  // any other is refused with the ones it knows (it took the segment's default before, unsaid,
  // putting the customer under another SLA). An empty field takes the segment's default.
  const unknownLevel = (value: string): ServiceLevel => {
    noted.push({
      field: 'serviceLevel',
      message: say('serviceLevelUnknown', { other: value, examples: SERVICE_LEVELS.join(', ') }),
      alone: new Rejected(`service level "${value}" is not one of ${SERVICE_LEVELS.join(', ')}`, 'unknownServiceLevel', { serviceLevel: value }),
    });
    return 'standard';
  };
  const levelFor = (segment: Segment, field: string, ...labels: string[]): ServiceLevel => {
    if (field.trim()) return serviceLevelFrom(field) ?? unknownLevel(field.trim());
    // A hint (a tag, Freshdesk's Account tier) may also say "Premium" for the premier level.
    return serviceLevelFrom(...labels) ?? (labels.some((x) => /\bpremium\b/i.test(x)) ? 'premier' : null) ?? defaultLevel.get(segment) ?? 'standard';
  };
  // A segment written in a field of its own (a CSV's segment column, Zendesk's segment field,
  // Freshdesk's Segment column) is taken only when it names one of the desk's, as segmentFrom
  // reads one label ("Large enterprise", "k-12 school"); any other is refused with the ones it
  // knows (it fell back to a guess before, unsaid, putting the customer under another SLA).
  // Null for an empty field: the caller guesses from what else the record says.
  const segmentNamed = (field: string): Segment | null => {
    const value = field.trim();
    if (!value) return null;
    const named = segmentFrom(value);
    if (named) return named;
    // Noted, to be said with the row's other problems; the caller's guess stands in meanwhile.
    noted.push({
      field: 'segment',
      message: say('segmentUnknown', { other: value, examples: SEGMENTS.join(', ') }),
      alone: new Rejected(`segment "${value}" is not one of ${SEGMENTS.join(', ')}`, 'unknownSegment', { segment: value }),
    });
    return null;
  };
  const kindFor = (segment: Segment, wanted: 'person' | 'organisation') => (SEGMENT_RULES[segment].kinds.includes(wanted) ? wanted : SEGMENT_RULES[segment].kinds[0]!);
  const countryForPhone = (phone: string): string => phoneCountry(phone) ?? '';
  /**
   * A company a Freshdesk contact or ticket names, with no companies-file row: created as a
   * small business on the standard level (as before), and now reported in the summary, since
   * that segment decides its tickets' queue and SLA.
   */
  const companyNamed = (company: string): string => {
    const known = find('company', company.toLowerCase());
    if (known) return known;
    const segment: Segment = 'small_business';
    const serviceLevel: ServiceLevel = 'standard';
    const linked = counts.existing;
    const id = addCustomer(company.toLowerCase(), 'company', { kind: 'organisation', name: company, segment, serviceLevel }, ctx.now());
    if (counts.existing !== linked) return id; // a record already on the desk: nothing assumed
    assumed.count++;
    if (assumed.first.length < REJECTS_SHOWN) assumed.first.push({ name: company, segment, serviceLevel, file: here.file, row: here.row, ...(req.dryRun ? {} : { customerId: id }) });
    return id;
  };

  // ---- rows by kind ---------------------------------------------------------------------------

  const handlers: Record<FileKind, (row: Value) => void> = {
    'zendesk.organizations': (o) => {
      const ext = idOf(o.id) ?? reject('the organization has no id', 'noId');
      if (find('organization', ext)) return;
      const fields = (o.organization_fields ?? {}) as Value;
      const tags = Array.isArray(o.tags) ? o.tags.map(str) : [];
      const segment = segmentNamed(str(fields.segment)) ?? segmentFrom(...tags, str(o.group_id === undefined ? '' : fields.group)) ?? 'small_business';
      addCustomer(ext, 'organization', { kind: kindFor(segment, 'organisation'), name: str(o.name), segment, serviceLevel: levelFor(segment, str(fields.service_level), ...tags), locale: 'en-US' }, parseSourceTime(str(o.created_at)) ?? ctx.now());
    },
    'zendesk.users': (u) => {
      const ext = idOf(u.id) ?? reject('the user has no id', 'noId');
      if (str(u.role) && str(u.role) !== 'end-user') return; // agents and admins are staff, not customers
      if (find('user', ext)) return;
      if (u.active === false) reject('deleted in Zendesk', 'deletedInSource', { source: 'Zendesk' });
      // Blocked by the company (spam, abuse): left out, and said in the summary (runImport's `suspended`).
      if (u.suspended === true) {
        suspendedUsers.add(ext);
        return;
      }
      const org = idOf(u.organization_id);
      const phone = str(u.phone);
      const email = str(u.email);
      if (org) {
        const orgId = find('organization', org) ?? note('organization_id', say('importOrganizationMissing', { id: org }), new Rejected(`organization ${org} is not in the imported organizations (include its export page)`, 'organizationNotImported', { id: org }), '');
        addContact(ext, orgId, checkContact({ name: str(u.name), email, phone }));
        remember('user', ext, orgId);
        return;
      }
      const tags = Array.isArray(u.tags) ? u.tags.map(str) : [];
      const fields = (u.user_fields ?? {}) as Value;
      const segment = segmentNamed(str(fields.segment)) ?? segmentFrom(...tags) ?? 'home';
      addCustomer(
        ext,
        'user',
        { kind: kindFor(segment, 'person'), name: str(u.name), segment, serviceLevel: levelFor(segment, '', ...tags), email, phone, country: countryForPhone(phone), locale: str(u.locale) || 'en-US' },
        parseSourceTime(str(u.created_at)) ?? ctx.now(),
      );
    },
    'zendesk.tickets': (t) => {
      const ext = idOf(t.id) ?? reject('the ticket has no id', 'noId');
      if (find('ticket', ext)) return;
      // A suspended user's ticket (spam, abuse) is left out with them: open, it would reach a queue with its SLA running.
      const requesterExt = idOf(t.requester_id);
      if (requesterExt && suspendedUsers.has(requesterExt)) {
        suspendedTickets.add(ext);
        return;
      }
      const statusRaw = str(t.status).toLowerCase();
      if (statusRaw === 'deleted') reject('deleted in Zendesk', 'deletedInSource', { source: 'Zendesk' });
      // Each problem of the ticket is noted, and all are said together (addTicket).
      const status = statusOf(ZENDESK_STATUS, statusRaw, 'status');
      const requester = idOf(t.requester_id);
      if (!requester) missingRequester('requester_id');
      const customerId =
        find('user', requester) ??
        find('organization', idOf(t.organization_id)) ??
        (requester
          ? note('requester_id', say('importRequesterUnknown', { id: requester }), new Rejected(`requester ${requester} is not among the imported users (a deleted user, or one rejected above)`, 'requesterNotImported', { id: requester }), '')
          : '');
      const description = textOfHtml(str(t.description));
      const tags = Array.isArray(t.tags) ? t.tags.map(str) : [];
      const custom = Array.isArray(t.custom_fields) ? (t.custom_fields as Value[]).filter((f) => f.value !== null && f.value !== '' && f.value !== undefined) : [];
      let assetId: string | null = null;
      for (const f of custom) {
        const tag = parseServiceTag(str(f.value));
        const a = tag.ok ? assetOf.get(tag.tag) : undefined;
        if (a && a.customer_id === customerId) assetId = a.id;
      }
      const extra = custom.length ? `\n\nCustom fields: ${custom.map((f) => `${str(f.id)}=${typeof f.value === 'object' ? JSON.stringify(f.value) : str(f.value)}`).join('; ')}` : '';
      const createdAt = timeOf(str(t.created_at), 'created_at');
      const via = (t.via ?? {}) as Value;
      const subject = subjectOf(str(t.subject) || str(t.raw_subject), description, 'subject');
      addTicket(ext, {
        customerId,
        subject,
        description: (description + extra).slice(0, 20_000),
        priority: ZENDESK_PRIORITY[str(t.priority).toLowerCase()] ?? 'normal',
        channel: ZENDESK_CHANNEL[str(via.channel).toLowerCase()] ?? 'email',
        createdAt,
        endedAt: parseSourceTime(str(t.updated_at)) ?? createdAt,
        status,
        tier2: wantsTier2(...tags),
        assetId,
      });
    },
    'zendesk.ticket_events': (e) => {
      const children = Array.isArray(e.child_events) ? (e.child_events as Value[]) : [];
      const comments = children.filter((c) => str(c.event_type) === 'Comment' || c.type === 'Comment');
      if (comments.length === 0) return;
      const ticketExt = idOf(e.ticket_id) ?? reject('the event names no ticket', 'noId');
      if (suspendedTickets.has(ticketExt)) return;
      const ticketId = find('ticket', ticketExt) ?? reject(`ticket ${ticketExt} was not imported`, 'ticketNotImported', { id: ticketExt });
      const t = ticketRow.get(ticketId) ?? reject(`ticket ${ticketExt} was not imported`, 'ticketNotImported', { id: ticketExt });
      const at = parseSourceTime(str(e.created_at)) ?? (typeof e.timestamp === 'number' ? e.timestamp * 1000 : null) ?? reject('the event has no time', 'notATime', { field: 'created_at', value: '' });
      for (const c of comments) {
        const ext = idOf(c.id) ?? `${str(e.id)}/${comments.indexOf(c)}`;
        if (find('comment', ext)) continue;
        const text = textOfHtml(str(c.html_body) || str(c.body)).slice(0, 2000) || '(empty comment)';
        const fromCustomer = find('user', idOf(c.author_id)) !== null;
        const id = uuidv7(at);
        const direction = c.public === false ? 'internal' : fromCustomer ? 'inbound' : 'outbound';
        db.run(k.insertInto('interactions').values({ id, customer_id: t.customer_id, ticket_id: ticketId, channel: 'email', direction, at, summary: text, user_id: null }));
        // In the record's history and the outbox, at the comment's time: every desk of the centre
        // shows it with its ticket (the customer's every past contact), as a logged contact is.
        customers.append(t.customer_id, 'INTERACTION_LOGGED', at, importActor, {
          entity: 'interaction',
          entityId: id,
          changes: diffFields(null, { channel: 'email', direction, summary: text, assetId: null, ticketId }),
          note: { source, externalId: ext },
        });
        remember('comment', ext, ticketId);
        counts.events++;
      }
    },
    'freshdesk.companies': (c) => {
      const name = cell(c, 'Name', 'Company Name', 'Company');
      const ext = cell(c, 'Company ID', 'ID') || name.toLowerCase() || reject('the company has neither an id nor a name', 'noId');
      if (find('company', ext) || find('company', name.toLowerCase())) return;
      // Account tier is Freshdesk's plan (Basic, Premium, Enterprise), not a segment: a hint after Industry ("Enterprise": large enterprise), never refused; a Segment column wins over it.
      const segment = segmentNamed(cell(c, 'Segment')) ?? segmentFrom(cell(c, 'Industry'), cell(c, 'Account tier'), cell(c, 'Description')) ?? 'small_business';
      const id = addCustomer(ext, 'company', { kind: kindFor(segment, 'organisation'), name, segment, serviceLevel: levelFor(segment, '', cell(c, 'Account tier', 'Health score')), locale: 'en-US' }, parseSourceTime(cell(c, 'Created at', 'Created time')) ?? ctx.now());
      if (name) remember('company', name.toLowerCase(), id);
    },
    'freshdesk.contacts': (c) => {
      const email = cell(c, 'Email', 'Primary email');
      const ext = cell(c, 'Contact ID', 'ID') || email.toLowerCase() || note('Contact ID', say('importIdMissing'), new Rejected('the contact has neither an id nor an email', 'noId'), '');
      if (ext && find('user', ext)) return;
      const name = cell(c, 'Full name', 'Name', 'Contact name');
      // The work phone, else the mobile number: the first the desk reads (a work phone it refused,
      // "ext. 12", turned the contact away with a good mobile number beside it); neither, the first, to be refused.
      const phones = [cell(c, 'Work phone', 'Phone'), cell(c, 'Mobile phone', 'Mobile')].filter(Boolean);
      const phone = phones.find((p) => parsePhone(p, numbersFrom).ok) ?? phones[0] ?? '';
      // Both good: the record holds one phone, the work one; the mobile number left out is counted and its row named.
      if (phones.length === 2 && phone === phones[0] && parsePhone(phones[1]!, numbersFrom).ok && toE164(phones[1]!, numbersFrom) !== toE164(phone, numbersFrom)) {
        counts.mobilesLeft++;
        if (mobilesLeft.length < REJECTS_SHOWN) mobilesLeft.push({ ...here });
      }
      const company = cell(c, 'Company', 'Company Name');
      if (company) {
        // The contact is checked before its company is made: a refused row makes no company.
        const checked = checkContact({ name, email, phone, role: cell(c, 'Title', 'Job title') });
        if (noted.length) rejectRow(noted);
        const orgId = companyNamed(company);
        addContact(ext, orgId, checked);
        remember('user', ext, orgId);
        if (email) remember('user', email.toLowerCase(), orgId);
        return;
      }
      const id = addCustomer(ext, 'user', { kind: 'person', name, segment: 'home', serviceLevel: 'basic', email, phone, country: countryForPhone(phone), locale: cell(c, 'Language') || 'en-US' }, parseSourceTime(cell(c, 'Created at', 'Created time')) ?? ctx.now());
      if (email) remember('user', email.toLowerCase(), id);
    },
    'freshdesk.tickets': (t) => {
      const ext = cell(t, 'Ticket ID', 'ID') || reject('the ticket has no id', 'noId');
      if (find('ticket', ext)) return;
      const statusRaw = cell(t, 'Status').toLowerCase();
      // Each problem of the ticket is noted, and all are said together before its requester is made.
      const status = statusOf(FRESHDESK_STATUS, statusRaw, 'Status');
      const email = cell(t, 'Email', 'Requester email');
      const contact = cell(t, 'Contact ID', 'Requester ID');
      const name = cell(t, 'Full name', 'Requester name', 'Requester');
      let customerId = find('user', contact || null) ?? find('user', email ? email.toLowerCase() : null);
      if (!customerId && !email && !name) missingRequester('Requester');
      const description = textOfHtml(cell(t, 'Description'));
      const createdAt = timeOf(cell(t, 'Created time', 'Created at'), 'Created time');
      const subject = subjectOf(cell(t, 'Subject'), description, 'Subject');
      if (noted.length) rejectRow(noted);
      if (!customerId) {
        const company = cell(t, 'Company Name', 'Company');
        customerId = company
          ? companyNamed(company)
          : addCustomer(contact || email.toLowerCase(), 'user', { kind: 'person', name: name || email, segment: 'home', serviceLevel: 'basic', email, phone: cell(t, 'Work phone', 'Phone') }, ctx.now());
        if (email) remember('user', email.toLowerCase(), customerId);
      }
      const product = cell(t, 'Product');
      const custom = Object.entries(t).filter(([key, v]) => /^cf_/i.test(key) && str(v).trim() !== '');
      let assetId: string | null = null;
      for (const [, v] of custom) {
        const tag = parseServiceTag(str(v));
        const a = tag.ok ? assetOf.get(tag.tag) : undefined;
        if (a && a.customer_id === customerId) assetId = a.id;
      }
      const extra = [product ? `Product: ${product}` : '', custom.length ? `Custom fields: ${custom.map(([key, v]) => `${key}=${str(v)}`).join('; ')}` : ''].filter(Boolean).join('\n');
      addTicket(ext, {
        customerId,
        subject,
        description: (description + (extra ? `\n\n${extra}` : '')).slice(0, 20_000),
        priority: FRESHDESK_PRIORITY[cell(t, 'Priority').toLowerCase()] ?? 'normal',
        channel: FRESHDESK_CHANNEL[cell(t, 'Source').toLowerCase()] ?? 'email',
        createdAt,
        endedAt: parseSourceTime(cell(t, 'Closed time', 'Resolved time', 'Last update time')) ?? createdAt,
        status,
        tier2: wantsTier2(cell(t, 'Group'), cell(t, 'Tags')),
        assetId,
      });
    },
    csv: (r) => {
      const m = req.mapping ?? {};
      const get = (field: string) => cell(r, m[field] ?? field, field);
      // A field is read from its mapped column, or from a column of its own name.
      const mapped = (field: string) => Boolean(m[field]) || Object.keys(r).some((k) => k.toLowerCase() === field.toLowerCase());
      const name = get('name');
      // A row known by its phone alone is known by its phone and name: by the phone only, a second
      // person on a family's landline or a switchboard was counted as already on the desk and left out.
      const byPhone = !get('id') && !get('email') && get('phone') !== '';
      const ext = get('id') || get('email').toLowerCase() || (byPhone ? `${get('phone')} ${name.toLowerCase()}` : '') || name.toLowerCase() || reject('the row has no id, email, phone or name to know it by', 'noId');
      if (find('user', ext) || (byPhone && samePersonByPhone(find('user', get('phone')), name))) {
        remember('user', ext, find('user', ext) ?? find('user', get('phone'))!);
        counts.existing++;
        return;
      }
      // A segment the desk does not know is refused with the ones it does: taking such a row as
      // a home customer put an organisation among households, under the wrong SLA, unsaid.
      const segment = segmentNamed(get('segment')) ?? 'home';
      const kind = get('kind') === 'organisation' || get('kind') === 'organization' ? 'organisation' : kindFor(segment, 'person');
      const levelCell = get('serviceLevel').trim();
      const level = levelCell ? (serviceLevelNamed(levelCell) ?? unknownLevel(levelCell)) : (defaultLevel.get(segment) ?? 'standard');
      try {
        const system = get('serviceTag')
          ? { serviceTag: get('serviceTag'), productLine: get('productLine'), model: get('model'), shipDate: get('shipDate'), warrantyLevel: get('warrantyLevel') || 'Basic', warrantyEnd: get('warrantyEnd') }
          : null;
        // The system's problems are said with the customer's, in the same reject.
        const systemChecked = system ? validateAsset(system, ctx.now()) : null;
        const id = addCustomer(ext, 'user', { kind, name, segment, serviceLevel: level, email: get('email'), phone: get('phone'), country: get('country'), locale: get('locale') || 'en-US' }, ctx.now(), systemChecked && !systemChecked.ok ? systemChecked.issues : []);
        if (system) addAsset(id, system);
      } catch (error) {
        throw unmappedOr(error, mapped);
      }
    },
  };

  // ---- the run --------------------------------------------------------------------------------

  const files: { file: string; kind: FileKind; bytes: number }[] = [];
  for (const file of req.files) {
    const r = recognise(file, source);
    if (r.ok) files.push({ file, kind: r.kind, bytes: r.bytes });
    else {
      // What is wrong with it (no such file, another desk's export), for the screen to say as the
      // file's check does: "not one of the export's pages" sent an admin who had mistyped a path
      // to look for fault in the export.
      const { code, ...found } = r.problem;
      writeReject({ file, row: null, reason: r.reason, key: 'fileUnreadable', params: { problem: code, ...found } });
    }
  }
  files.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));

  let cancelled = false;
  // A dry run does everything inside one transaction and rolls it back at the end.
  if (req.dryRun) db.sqlite.exec('BEGIN IMMEDIATE');
  // SQLite's page cache is the desk's largest piece of memory (64 MB); an import touches
  // each page once or twice, so it runs with a quarter of it (RSS, bench/customers.ts).
  const cacheSize = db.sqlite.pragma('cache_size', { simple: true }) as number;
  db.sqlite.pragma(`cache_size = ${IMPORT_CACHE_KB}`);
  try {
    for (const f of files) {
      if (cancelled) break;
      const handle = handlers[f.kind];
      let batch: { index: number; value: Value }[] = [];
      let rows = 0;
      /**
       * One batch, one transaction. Rows run without a savepoint each (a savepoint copies
       * every page a row touches into a statement journal first: a quarter of an import's
       * time); a row refused before it wrote anything (validation, a missing requester: almost
       * every reject) is simply skipped. A row that fails after writing, or with an error of
       * the database's own, undoes the whole batch, which runs again with a savepoint per
       * row, so that only that row's writes go.
       */
      const attempt = (work: readonly { index: number; value: Value }[], perRow: boolean) => {
        const refused: Array<RejectReason & { index: number; value: Value; readIn: Country[] }> = [];
        db.write(() => {
          for (const row of work) {
            const before = perRow ? 0 : (totalChanges.get() as number);
            const counted = { ...counts };
            const mark = assumedMark();
            here = { file: f.file, row: row.index };
            // A problem noted and not yet said (the row wrote nothing that checks the record) refuses the row.
            const handleRow = () => {
              noted = [];
              rowElsewhere = [];
              handle(row.value);
              if (noted.length) rejectRow(noted);
            };
            try {
              if (perRow) db.write(handleRow);
              else handleRow();
            } catch (error) {
              if (!perRow && (!(error instanceof Rejected) || totalChanges.get() !== before)) throw new RowWroteThenFailed();
              countsBack(counted);
              assumedBack(mark);
              refused.push({ index: row.index, value: row.value, readIn: rowElsewhere, reason: error instanceof Error ? error.message : String(error), ...(error instanceof Rejected && error.key ? { key: error.key, params: error.params ?? {} } : {}) });
            }
          }
          bulk.settle();
        });
        return refused;
      };
      const flush = (bytesRead: number) => {
        const work = batch;
        batch = [];
        const countsBefore = { ...counts };
        const assumedBefore = assumedMark();
        let refused: Array<RejectReason & { index: number; value: Value; readIn: Country[] }>;
        try {
          refused = attempt(work, false);
        } catch (error) {
          if (!(error instanceof RowWroteThenFailed)) throw error;
          countsBack(countsBefore);
          assumedBack(assumedBefore);
          bulk.discard();
          refused = attempt(work, true);
        }
        // Its kind too, so a Zendesk record goes back into a page of its own kind (writeRejectedPages).
        for (const r of refused) writeReject({ file: f.file, row: r.index, reason: r.reason, key: r.key, params: r.params, record: r.value, kind: f.kind }, r.readIn);
        req.onProgress?.({ file: f.file, rows, bytesRead, bytes: f.bytes });
      };
      let last = 0;
      let batchFrom = 0;
      let lastIndex = 0;
      const records = rowsOf(f.file, f.kind)[Symbol.asyncIterator]();
      for (;;) {
        let next: IteratorResult<Row>;
        try {
          next = await records.next();
        } catch (error) {
          // A file that stops being JSON or CSV part way (cut short, or damaged): what was
          // read before that point is imported, and the file is named with where it broke.
          // The other files are still imported.
          flush(last);
          const where = lastIndex === 0 ? 'before its first row' : `after row ${lastIndex}`;
          writeReject({
            file: f.file,
            row: null,
            reason: `the file cannot be read ${where} (${error instanceof Error ? error.message : String(error)}); the rows before that point were imported`,
            key: 'fileCut',
            params: { row: String(lastIndex) },
          });
          break;
        }
        if (next.done) {
          flush(Math.max(last, f.bytes));
          break;
        }
        const row = next.value;
        batch.push({ index: row.index, value: row.value });
        rows++;
        last = row.bytesRead;
        lastIndex = row.index;
        if (batch.length >= BATCH || row.bytesRead - batchFrom >= BATCH_BYTES) {
          flush(row.bytesRead);
          batchFrom = row.bytesRead;
          // The event loop's turn between batches: a file already read into memory is parsed
          // without any wait, so a cancel (a CLI's Ctrl+C or kill, another call of the desk)
          // was not heard until the whole import had ended.
          await new Promise<void>((resolve) => setImmediate(resolve));
          // A cancel stops between batches: each written batch is whole, and the rest is not read.
          if (req.shouldStop?.()) {
            cancelled = true;
            // The file is closed now: left to the garbage collector, its handle's closing is an
            // error that ends the process.
            await records.return?.(undefined);
            break;
          }
        }
      }
    }
  } finally {
    db.sqlite.pragma(`cache_size = ${cacheSize}`);
    if (req.dryRun) db.sqlite.exec('ROLLBACK');
    await new Promise<void>((resolve) => rejects.end(resolve));
  }
  const { existing, mobilesLeft: mobilesCount, ...imported } = counts;
  // The countries that read the most of them (one, or several alike: Iran and India both read 0912 345 6789).
  const most = Math.max(0, ...elsewhere.values());
  const localNumbers = most >= LOCAL_NUMBERS_HINT ? { countries: [...elsewhere.entries()].filter(([, n]) => n === most).map(([c]) => c), count: most } : null;
  // Rows of CSV files only (their values are their columns'): a Zendesk record is no row to correct in a spreadsheet.
  const rejectedRows = rejected > 0 ? await writeRejectedRows(req.rejectsPath) : null;
  // A Zendesk record goes back into a page of its kind instead, to correct and import again.
  const rejectedPages = rejected > 0 && source === 'zendesk' ? await writeRejectedPages(req.rejectsPath) : [];
  return { imported, existing, rejected, rejects: req.rejectsPath, rejectedRows, rejectedPages, cancelled, firstRejects, assumed, localNumbers, mobilesLeft: { count: mobilesCount, first: mobilesLeft }, suspended: { users: suspendedUsers.size, tickets: suspendedTickets.size } };
}

/** Where the rejected rows' CSV goes: beside the rejects file, under its name. */
export const rejectedRowsPath = (rejectsPath: string): string => rejectsPath.replace(/\.jsonl$/i, '') + '.csv';

/**
 * The rejected rows of CSV files (a record whose values are its columns') as a CSV beside the
 * rejects file, read from it twice as a stream (its columns, then its rows), so a large rejects
 * file is not held in memory. The reason is the rejects file's English one; the import screen
 * makes the same file in the reader's language. Null, and nothing written, when no row qualifies.
 */
export async function writeRejectedRows(rejectsPath: string): Promise<string | null> {
  const lines = async function* () {
    const input = createInterface({ input: createReadStream(rejectsPath, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of input) yield* readRejectLines(line).filter(isCsvRow);
  };
  const columns: string[] = [];
  for await (const r of lines()) columnsOf([r], columns);
  if (columns.length === 0) return null;
  const path = rejectedRowsPath(rejectsPath);
  const out = createWriteStream(path, { encoding: 'utf8' });
  out.write(stringify([headerCells(columns, 'Rejected because')], { ...REJECTED_ROWS_CSV, bom: true }));
  for await (const r of lines()) if (!out.write(stringify([rowCells(columns, r.record, r.reason)], REJECTED_ROWS_CSV))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return path;
}

/** The field of a record in a rejected-records page that says why it was refused (the import reads past it). */
export const REJECTED_BECAUSE_FIELD = 'tagdesk_rejected_because';

/**
 * The rejected records of Zendesk pages as pages of their own kind beside the rejects file
 * (rejects-….jsonl → rejects-…-tickets.json), in the import's order: `{"tickets": [...]}`, each
 * record as the export had it with why first, in REJECTED_BECAUSE_FIELD. Read from the rejects
 * file as a stream, written as one. The paths written, none when no record was refused.
 */
export async function writeRejectedPages(rejectsPath: string): Promise<string[]> {
  const pages = new Map<string, { path: string; out: ReturnType<typeof createWriteStream>; first: boolean }>();
  const input = createInterface({ input: createReadStream(rejectsPath, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of input) {
    for (const r of readRejectLines(line)) {
      const kind = (r as RejectedRow & { kind?: unknown }).kind;
      if (typeof kind !== 'string' || !kind.startsWith('zendesk.') || !isRow(r)) continue;
      const key = kind.slice('zendesk.'.length);
      let page = pages.get(kind);
      if (!page) {
        const path = `${rejectsPath.replace(/\.jsonl$/i, '')}-${key}.json`;
        page = { path, out: createWriteStream(path, { encoding: 'utf8' }), first: true };
        page.out.write(`{${JSON.stringify(key)}:[\n`);
        pages.set(kind, page);
      }
      const text = (page.first ? '' : ',\n') + JSON.stringify({ [REJECTED_BECAUSE_FIELD]: r.reason, ...r.record });
      page.first = false;
      if (!page.out.write(text)) await new Promise<void>((resolve) => page.out.once('drain', () => resolve()));
    }
  }
  const written = [...pages.entries()].sort(([a], [b]) => KIND_ORDER.indexOf(a as FileKind) - KIND_ORDER.indexOf(b as FileKind));
  for (const [, page] of written) await new Promise<void>((resolve, reject) => page.out.end('\n]}\n', (error?: Error | null) => (error ? reject(error) : resolve())));
  return written.map(([, page]) => page.path);
}

/** A rejected CSV row as read back from the rejects file. */
export type RejectedCsvRow = RejectedRow & { row: number; record: Record<string, string> };

/**
 * The rejected CSV rows of a rejects file (import.rejectedRows, for the screen's download), read
 * as a stream: the whole file read at once held every other call of the desk's while it was read,
 * and a file of a million rejects was all in memory. Stops after `limits.rows` rows or
 * `limits.bytes` of lines read, and says so (`cut`). Throws the file's error (ENOENT) before any row.
 */
export async function readRejectedRows(rejectsPath: string, limits: { rows: number; bytes: number } = { rows: REJECTED_ROWS_MAX, bytes: REJECTED_ROWS_MAX_BYTES }): Promise<{ rows: RejectedCsvRow[]; cut: boolean }> {
  const handle = await openFile(rejectsPath, 'r');
  const stream = handle.createReadStream({ encoding: 'utf8' });
  const input = createInterface({ input: stream, crlfDelay: Infinity });
  const rows: RejectedCsvRow[] = [];
  let bytes = 0;
  let cut = false;
  try {
    for await (const line of input) {
      bytes += Buffer.byteLength(line, 'utf8') + 1;
      const found = readRejectLines(line).filter(isCsvRow);
      if (found.length === 0) continue;
      if (rows.length >= limits.rows || bytes > limits.bytes) {
        cut = true;
        break;
      }
      rows.push(...found);
    }
  } finally {
    input.close();
    stream.destroy();
    await handle.close().catch(() => {});
  }
  return { rows, cut };
}

/** The desk user imports act as: an agent of every segment, who cannot sign in. */
function ensureImportUser(ctx: ImportContext, source: ImportSource) {
  const email = `import-${source}@tagdesk.local`;
  const existing = ctx.users.list().find((u) => u.email === email);
  if (existing) return existing;
  return ctx.db.write(() => ctx.users.create({ name: importAccountName(source), email, role: 'agent', tier: 1, segments: SEGMENTS, active: false }, ctx.now()));
}
