import type BetterSqlite3 from 'better-sqlite3';
import { sql, type RawBuilder } from 'kysely';
import { checkPlan, planCheckOn } from './planCheck';
import { stablePlan } from './stablePlans';

// Ids are UUIDs: 36 characters of text in the API, 16 bytes in the desk's file (migration
// 0014_compact). The conversion happens here, at the one door every statement passes through
// (`prepare` on the desk's connection), so no query, store or test has to know: a bound
// parameter that is a canonical lowercase UUID is bound as its 16 bytes, and a 16-byte blob
// read back is returned as the UUID's text. The file holds no other 16-byte blob that a
// statement reads (ids that are not UUIDs, such as the `system` actor or a segment, stay
// text), and every column that can hold an id is typed BLOB or ANY, so the rule is total.
//
// A UUID v7's bytes sort as its text does, so ids created in time order still append to the
// end of every B-tree keyed by them.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether `s` is stored as 16 bytes (a canonical, lowercase UUID). */
export function isStoredUuid(s: string): boolean {
  return s.length === 36 && s.charCodeAt(8) === 45 && UUID.test(s);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;

export function uuidToBytes(s: string): Buffer {
  const b = Buffer.allocUnsafe(16);
  let at = 0;
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) i++;
    b[at++] = (NIBBLE[s.charCodeAt(i)]! << 4) | NIBBLE[s.charCodeAt(i + 1)]!;
  }
  return b;
}

// The text of an id is written as ASCII into one scratch buffer and read out as a single
// string: a chain of 20 concatenations made a rope of 20 strings for V8 to flatten (about
// 680 bytes of garbage an id, against about 100), and ids are most of what a read returns.
const HEX_CODES = new Uint8Array(512);
for (let i = 0; i < 256; i++) {
  HEX_CODES[2 * i] = HEX[i]!.charCodeAt(0);
  HEX_CODES[2 * i + 1] = HEX[i]!.charCodeAt(1);
}
const TEXT_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const uuidText = Buffer.alloc(36, 45); // '-' where no hex digit goes

export function bytesToUuid(b: Uint8Array): string {
  for (let i = 0; i < 16; i++) {
    const hex = b[i]! * 2;
    const at = TEXT_AT[i]!;
    uuidText[at] = HEX_CODES[hex]!;
    uuidText[at + 1] = HEX_CODES[hex + 1]!;
  }
  return uuidText.toString('latin1', 0, 36);
}

/**
 * An id column read as text by SQLite itself (`lower(hex(id))`, 32 characters) rather than
 * as 16 bytes: better-sqlite3 makes a Node Buffer of every blob it returns, and on a page of
 * 200 tickets with four ids each those 800 buffers cost more than the rows' other columns
 * (and, when the collector frees them, a few milliseconds every 70 pages). For the lists that
 * read ids in bulk; `idFromText` turns the value back into the UUID's text. An id stored as
 * text (the `system` actor) is read as it is.
 */
export function idText(ref: string): RawBuilder<string> {
  return sql<string>`iif(typeof(${sql.ref(ref)}) = 'blob', lower(hex(${sql.ref(ref)})), ${sql.ref(ref)})`;
}

const HEX_ID = /^[0-9a-f]{32}$/;

/** A value read through `idText`: 32 hex digits as the UUID's text, anything else (a UUID, null, `system`) as it is. */
export function idFromText<T extends string | null>(v: T): T {
  if (v === null || v.length !== 32 || !HEX_ID.test(v)) return v;
  for (let i = 0, at = 0; i < 32; i++, at++) {
    if (at === 8 || at === 13 || at === 18 || at === 23) at++;
    uuidText[at] = v.charCodeAt(i);
  }
  return uuidText.toString('latin1', 0, 36) as T;
}

/** A value as it is bound: a UUID as its bytes, everything else as it is. */
export function toStored(v: unknown): unknown {
  return typeof v === 'string' && isStoredUuid(v) ? uuidToBytes(v) : v;
}

/** A value as it is read: 16 bytes as the UUID's text, everything else as it is. */
export function fromStored(v: unknown): unknown {
  return v instanceof Uint8Array && v.length === 16 ? bytesToUuid(v) : v;
}

/**
 * The same UUID rule in SQL, for copies made inside SQLite (the migration): `expr` as 16
 * bytes when it is a canonical lowercase UUID, unchanged otherwise.
 */
export function storedIdSql(expr: string): string {
  const hex = '[0-9a-f]';
  const glob = `${hex.repeat(8)}-${hex.repeat(4)}-${hex.repeat(4)}-${hex.repeat(4)}-${hex.repeat(12)}`;
  return `(CASE WHEN typeof(${expr}) = 'text' AND length(${expr}) = 36 AND ${expr} GLOB '${glob}' THEN unhex(replace(${expr}, '-', '')) ELSE ${expr} END)`;
}

function bindArgs(args: unknown[]): unknown[] {
  let out: unknown[] | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let c: unknown = a;
    if (typeof a === 'string') c = isStoredUuid(a) ? uuidToBytes(a) : a;
    else if (Array.isArray(a)) c = bindArgs(a);
    else if (a !== null && typeof a === 'object' && !(a instanceof Uint8Array)) c = bindNamed(a as Record<string, unknown>);
    if (c !== a) {
      out ??= args.slice();
      out[i] = c;
    }
  }
  return out ?? args;
}

function bindNamed(o: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | null = null;
  for (const k in o) {
    const v = o[k];
    if (typeof v === 'string' && isStoredUuid(v)) {
      out ??= { ...o };
      out[k] = uuidToBytes(v);
    }
  }
  return out ?? o;
}

function readRow(row: unknown): unknown {
  if (row === undefined || row === null) return row;
  if (row instanceof Uint8Array) return row.length === 16 ? bytesToUuid(row) : row;
  if (typeof row !== 'object') return row;
  if (Array.isArray(row)) {
    for (let i = 0; i < row.length; i++) {
      const v: unknown = row[i];
      if (v instanceof Uint8Array && v.length === 16) row[i] = bytesToUuid(v);
    }
    return row;
  }
  const r = row as Record<string, unknown>;
  for (const k in r) {
    const v = r[k];
    if (v instanceof Uint8Array) {
      if (v.length === 16) r[k] = bytesToUuid(v);
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) readRow(v); // expand()
  }
  return r;
}

/** Whether a connection's statements apply the rule (off while older migrations run). */
interface CodecState {
  on: boolean;
}

/** A prepared statement that binds and reads ids by the rule above. */
class IdStatement {
  constructor(
    private readonly s: BetterSqlite3.Statement,
    private readonly codec: CodecState,
    /** Set while the plan check (planCheck.ts) has still to see this statement run. */
    private planCheck: ((args: readonly unknown[]) => void) | null,
  ) {}
  private bound(args: unknown[]): unknown[] {
    if (!this.codec.on) return args;
    const b = bindArgs(args);
    if (this.planCheck) {
      const check = this.planCheck;
      this.planCheck = null;
      check(b);
    }
    return b;
  }
  get source(): string {
    return this.s.source;
  }
  get reader(): boolean {
    return this.s.reader;
  }
  get readonly(): boolean {
    return this.s.readonly;
  }
  get busy(): boolean {
    return this.s.busy;
  }
  get database(): BetterSqlite3.Database {
    return this.s.database;
  }
  run(...args: unknown[]): BetterSqlite3.RunResult {
    return this.s.run(...this.bound(args));
  }
  get(...args: unknown[]): unknown {
    if (!this.codec.on) return this.s.get(...args);
    return readRow(this.s.get(...this.bound(args)));
  }
  all(...args: unknown[]): unknown[] {
    if (!this.codec.on) return this.s.all(...args);
    const rows = this.s.all(...this.bound(args));
    for (let i = 0; i < rows.length; i++) rows[i] = readRow(rows[i]);
    return rows;
  }
  *iterate(...args: unknown[]): IterableIterator<unknown> {
    if (!this.codec.on) {
      yield* this.s.iterate(...args);
      return;
    }
    for (const row of this.s.iterate(...this.bound(args))) yield readRow(row);
  }
  pluck(toggle?: boolean): this {
    this.s.pluck(toggle ?? true);
    return this;
  }
  expand(toggle?: boolean): this {
    this.s.expand(toggle ?? true);
    return this;
  }
  raw(toggle?: boolean): this {
    this.s.raw(toggle ?? true);
    return this;
  }
  safeIntegers(toggle?: boolean): this {
    this.s.safeIntegers(toggle ?? true);
    return this;
  }
  bind(...args: unknown[]): this {
    this.s.bind(...this.bound(args));
    return this;
  }
  columns(): BetterSqlite3.ColumnDefinition[] {
    return this.s.columns();
  }
}

const CODED = Symbol('tagdesk.idCodec');
const RAW = Symbol('tagdesk.rawPrepare');

/**
 * A statement on `db` without the id rule: what the migration uses to read and copy rows as
 * they are stored (and the bench's floor, which binds bytes itself).
 */
export function rawPrepare(db: BetterSqlite3.Database, source: string): BetterSqlite3.Statement {
  const raw = (db as BetterSqlite3.Database & { [RAW]?: (s: string) => BetterSqlite3.Statement })[RAW];
  return raw ? raw(source) : db.prepare(source);
}

/**
 * Makes every statement `db` prepares bind and read ids by the rule above, once `idCodecOn`
 * says the file's schema is the compact one (until then, while migrations before 0014 run,
 * values pass as they are). Applied to every connection the desk opens; idempotent.
 */
export function withIdCodec<D extends BetterSqlite3.Database>(db: D): D {
  const marked = db as D & { [CODED]?: CodecState };
  if (marked[CODED]) return db;
  const prepare = db.prepare.bind(db);
  const state: CodecState = { on: false };
  Object.defineProperty(db, RAW, { value: prepare });
  const check = planCheckOn();
  const coded = ((source: string) => {
    const text = stablePlan(source);
    return new IdStatement(prepare(text), state, check ? (args) => state.on && checkPlan(prepare, text, args) : null);
  }) as unknown as D['prepare'];
  Object.defineProperty(db, 'prepare', { value: coded, configurable: true, writable: true });
  Object.defineProperty(db, CODED, { value: state });
  return db;
}

/** Turns the rule on for `db` (its file has been through 0014_compact). */
export function idCodecOn(db: BetterSqlite3.Database): void {
  const state = (db as BetterSqlite3.Database & { [CODED]?: CodecState })[CODED];
  if (!state) throw new Error('idCodecOn: the connection has no id codec (withIdCodec).');
  state.on = true;
}

/** `db` with the rule on from the start: a connection to a file known to be compact. */
export function coded<D extends BetterSqlite3.Database>(db: D): D {
  withIdCodec(db);
  idCodecOn(db);
  return db;
}
