import fs from 'node:fs';
import { hostname } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate, MIGRATIONS } from './migrate';
import { convertedRows, dropProgress, vacuumPending, type CompactProgress } from './compact';
import { idCodecOn, withIdCodec } from './idCodec';
import type { Database } from './schema';
import { damagedFinding, deskOpenText, SHORT_READ_PROBLEM, type DeskOpenSentence } from './openErrors';

// Opening a desk's database is where a damaged file, a folder that is not one, a read-only
// disk, a newer version's file or a second process are met, so every one of them is turned
// here into a DeskOpenError with one sentence saying what is wrong and what to do.
//
// Several processes may serve one data folder at once (the browser shell, Electron, the CLI,
// the take-next race test): SQLite serialises their writes, and `onExternalChange` tells each
// one when another has committed (PRAGMA data_version). What must not run twice at once is
// setting a desk up (migrations, SLA defaults, demo data): that runs under an exclusive lock
// on tagdesk.lock and re-checks what is there once it holds it.

export const DB_FILE = 'tagdesk.sqlite';
export const LOCK_FILE = 'tagdesk.lock';
/**
 * Every process that has the desk open to write (a shell, `seed`, `import`, `migrate`) holds a
 * shared lock on this file for as long as it has; a restore takes it exclusively, so it never
 * swaps the file under a running desk (whose next changes would go to the file set aside).
 */
export const IN_USE_FILE = 'tagdesk.inuse';

export type DeskOpenFailure =
  /** --data is not a folder, or the folder cannot be created or read. */
  | 'folder'
  /** The operating system refused access (permissions). */
  | 'permission'
  /** The file or folder is read-only and this command writes. */
  | 'read_only'
  /** No desk in the folder (read commands never create one). */
  | 'missing'
  /** Not a SQLite database, truncated, or failing its integrity check. */
  | 'damaged'
  /** Written by a newer Tagdesk, or needs migrating and was opened read-only. */
  | 'version'
  /** Another program holds a lock on the database longer than we wait. */
  | 'locked';

/** The exit code each failure gives, in the CLI and the browser shell alike (README). */
export const EXIT_CODE_OF: Record<DeskOpenFailure, number> = {
  folder: 3,
  permission: 3,
  read_only: 3,
  missing: 3,
  damaged: 4,
  version: 5,
  locked: 6,
};

export class DeskOpenError extends Error {
  constructor(
    readonly kind: DeskOpenFailure,
    /** What to say, by key and values (openErrors.ts), or a sentence already said (a hub's refusal, messageKeys.ts). */
    said: DeskOpenSentence | string,
    options?: { cause?: unknown; finding?: DeskOpenSentence; file?: string },
  ) {
    super(typeof said === 'string' ? said : deskOpenText('en', said), options);
    this.name = 'DeskOpenError';
    this.sentence = typeof said === 'string' ? null : said;
    this.finding = options?.finding ?? this.sentence;
    this.file = options?.file ?? null;
  }
  /** The message's key and values, for saying it in the reader's language; null for a sentence given as it is. */
  readonly sentence: DeskOpenSentence | null;
  /** What is wrong with the file, without the advice that follows (which depends on whose file it is). */
  readonly finding: DeskOpenSentence | null;
  /** The file the failure is about, when known (a backup's destination is not the desk's file: its advice differs). */
  readonly file: string | null;
}

/** A backup written whole that then failed its own check (quick_check): the file and SQLite's first finding. */
export class BackupCheckError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`the backup ${file} failed its check: ${problem}`);
    this.name = 'BackupCheckError';
  }
}

export interface OpenOptions {
  /**
   * Open for reading only: nothing is created, migrated or written, the file is opened with
   * SQLITE_OPEN_READONLY and query_only, and a read-only folder is fine.
   */
  readOnly?: boolean;
  /** How long a write waits for another process's write lock (SQLite busy_timeout). */
  busyTimeoutMs?: number;
  /** Called while a long migration (0014_compact) converts the file, after every batch. */
  onMigrationProgress?: (p: CompactProgress) => void;
  /** ':memory:' only: start from this serialized database (better-sqlite3's serialize()) instead of an empty one. */
  image?: Buffer;
}

export interface DeskDb {
  /** The raw handle: hot reads use prepared statements on it, compiled once. */
  sqlite: BetterSqlite3.Database;
  kysely: Kysely<Database>;
  readOnly: boolean;
  /**
   * The desk calls this once it has finished setting itself up (SLA defaults, demo data):
   * until then this process holds the folder's setup lock, so no other process migrates or
   * seeds the same folder at the same time.
   */
  setupDone(): void;
  /** Runs `fn` holding the folder's setup lock (first-start seeding from the API). */
  exclusive<T>(fn: () => T): T;
  /**
   * Calls `listener` when another connection (another process) has committed to this
   * database; polls PRAGMA data_version. Returns the unsubscribe function.
   */
  onExternalChange(listener: () => void, everyMs?: number): () => void;
  close(): void;
}

/** Files above this size get the bounded check instead of a full quick_check at open. */
export const FULL_CHECK_MAX_BYTES = 256 * 1024 * 1024;
/** Tables a bounded check still reads whole: small, and a desk cannot start without them. */
const SMALL_TABLES = ['migrations', 'meta', 'users', 'sla_calendars', 'sla_policies'];
const SETUP_LOCK_WAIT_MS = 120_000;

/**
 * Opens the desk database in `dataDir` (creating folder and file when writable and missing),
 * checks it before anything writes to it, then sets WAL, foreign keys and durable commits
 * (synchronous=FULL: a ticket event acknowledged to an agent survives a power cut) and
 * applies pending migrations under the setup lock.
 */
export async function openDatabase(dataDir: string | ':memory:', options: OpenOptions = {}): Promise<DeskDb> {
  if (dataDir === ':memory:') {
    const sqlite = withIdCodec(new BetterSqlite3(options.image ?? ':memory:'));
    sqlite.pragma('foreign_keys = ON');
    const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(kysely, MIGRATIONS, { raw: sqlite, onProgress: options.onMigrationProgress });
    if (vacuumPending(sqlite)) dropProgress(sqlite);
    idCodecOn(sqlite);
    return handle(sqlite, kysely, false, null, null);
  }
  return options.readOnly ? openReadOnly(dataDir) : openWritable(dataDir, options.busyTimeoutMs ?? 5000, options.onMigrationProgress);
}

async function openWritable(dataDir: string, busyTimeoutMs: number, onProgress?: (p: CompactProgress) => void): Promise<DeskDb> {
  const dir = path.resolve(dataDir);
  prepareFolder(dir);
  const file = path.join(dir, DB_FILE);
  const existed = fileExists(file);
  if (existed) accessible(file, true);
  const inUse = holdInUse(dir, busyTimeoutMs);
  const lock = await setupLockHolding(dir, inUse);
  let sqlite: BetterSqlite3.Database | null = null;
  try {
    // The check runs on a read-only connection: closing a writable one after a refusal
    // would checkpoint a leftover WAL into the damaged file.
    if (existed) checkSound(file, busyTimeoutMs);
    const connect = (): BetterSqlite3.Database => {
      const db = guarded(file, () => withIdCodec(new BetterSqlite3(file, { timeout: busyTimeoutMs })));
      guarded(file, () => {
        db.pragma(`busy_timeout = ${busyTimeoutMs}`);
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.pragma('foreign_keys = ON');
        db.pragma('cache_size = -65536');
        // No checkpoint inside an agent's commit, nor on this thread at all: a checkpoint
        // copies every page the WAL holds back into the database and syncs it, which stalled
        // whatever call came next (escalate's p99 was 16 ms at 2 M tickets with SQLite's own).
        // A worker thread with its own connection does it instead.
        db.pragma('wal_autocheckpoint = 0');
        checkVersion(db, file, false);
      });
      return db;
    };
    sqlite = connect();
    let kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    try {
      // Only a file written before this open has anything to upgrade: a new desk's migrations
      // are silent (its conversion still has a row or so to copy). The file's rewrite is
      // reported when its conversion was, by this run or by one killed during the rewrite.
      let reported = false;
      const progress = existed && onProgress && ((p: CompactProgress) => ((reported = true), onProgress(p)));
      await migrate(kysely, MIGRATIONS, { raw: sqlite, ...(progress ? { onProgress: progress } : {}) });
      if (vacuumPending(sqlite)) {
        await rewriteFile(sqlite, file, existed && (reported || convertedRows(sqlite) > 0) ? onProgress : undefined);
        sqlite = connect();
        kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
      }
    } catch (error) {
      throw classify(error, file);
    }
    idCodecOn(sqlite);
    return handle(sqlite, kysely, false, startCheckpointer(file), lock, inUse);
  } catch (error) {
    lock.release();
    if (sqlite?.open) sqlite.close();
    inUse.close();
    throw error;
  }
}

/** The folder's setup lock, taken while `inUse` is held; `inUse` is let go if the lock cannot be had. */
async function setupLockHolding(dir: string, inUse: BetterSqlite3.Database): Promise<SetupLock> {
  try {
    return await SetupLock.acquire(dir);
  } catch (error) {
    inUse.close();
    throw error;
  }
}

/** SQLite answered that another connection holds the lock (SQLITE_BUSY and its variants). */
const isBusy = (error: unknown): boolean => String((error as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY');

/** The shared lock on IN_USE_FILE: a read transaction kept open until the desk closes. */
function holdInUse(dir: string, busyTimeoutMs: number): BetterSqlite3.Database {
  const file = path.join(dir, IN_USE_FILE);
  const db = guarded(file, () => new BetterSqlite3(file, { timeout: busyTimeoutMs }));
  try {
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DeskOpenError('locked', { key: 'restoring', values: { dir } }, { cause: error });
    throw classify(error, file);
  }
  return db;
}

async function openReadOnly(dataDir: string): Promise<DeskDb> {
  const dir = path.resolve(dataDir);
  const stat = statOrNull(dir);
  if (!stat) throw new DeskOpenError('missing', { key: 'noFolder', values: { dir } });
  if (!stat.isDirectory()) throw notAFolder(dir);
  const file = path.join(dir, DB_FILE);
  if (!fileExists(file)) throw new DeskOpenError('missing', { key: 'noDesk', values: { dir } });
  accessible(file, false);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = withIdCodec(new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: 2000 }));
    sqlite.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // A WAL database in a folder we may not write to: SQLite cannot create the shared-memory
    // file it reads through. A desk closed cleanly keeps nothing in the WAL, so its file
    // alone is the whole desk: read a copy of it in memory.
    if (code !== 'SQLITE_READONLY_DIRECTORY' && code !== 'SQLITE_CANTOPEN') throw classify(error, file);
    sqlite = inMemoryCopy(file);
  }
  try {
    const db = sqlite;
    guarded(file, () => {
      db.pragma('busy_timeout = 2000');
      checkIntegrity(db, file);
      db.pragma('query_only = ON');
      checkVersion(db, file, true);
    });
  } catch (error) {
    sqlite.close();
    throw error;
  }
  idCodecOn(sqlite);
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return handle(sqlite, kysely, true, null, null);
}

/**
 * The last step of 0014_compact: the converted tables are written into a fresh file (VACUUM
 * INTO, so every page is packed and the freed pages are gone), which then replaces the desk's
 * file. Closes `db`. A kill before the rename leaves the converted file as it was, and the
 * next open starts the rewrite again; after the rename, the new file is whole.
 */
async function rewriteFile(db: BetterSqlite3.Database, file: string, onProgress?: (p: CompactProgress) => void): Promise<void> {
  const tmp = `${file}.compact`;
  fs.rmSync(tmp, { force: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = (db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number);
  onProgress?.({ step: 'vacuum', rowsDone: 0, rowsTotal: pages });
  db.pragma('wal_checkpoint(TRUNCATE)');
  // On a worker thread, so the bar moves: it follows the new file's size, in pages.
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(VACUUM_INTO, { eval: true, workerData: { driver, file, target: tmp } });
  const ticker = setInterval(() => onProgress?.({ step: 'vacuum', rowsDone: Math.min(pages, Math.floor((statOrNull(tmp)?.size ?? 0) / pageSize)), rowsTotal: pages }), 500);
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (m: unknown) => (m === 'done' ? resolve() : reject(new Error(String(m)))));
      worker.once('error', reject);
    });
  } finally {
    clearInterval(ticker);
    await worker.terminate();
  }
  const copy = new BetterSqlite3(tmp);
  dropProgress(copy);
  copy.pragma('journal_mode = WAL');
  copy.pragma('wal_checkpoint(TRUNCATE)');
  copy.close();
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  for (const side of ['-wal', '-shm']) fs.rmSync(`${file}${side}`, { force: true });
  fs.renameSync(tmp, file);
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
  onProgress?.({ step: 'vacuum', rowsDone: pages, rowsTotal: pages });
}

/** Reads a closed desk from a read-only folder: the file copied into memory, as WAL-less. */
function inMemoryCopy(file: string): BetterSqlite3.Database {
  const wal = statOrNull(`${file}-wal`);
  if (wal && wal.size > 0) {
    throw new DeskOpenError('read_only', { key: 'notClosedReadOnly', values: { file } });
  }
  const size = statOrNull(file)?.size ?? 0;
  if (size > 2 * 1024 ** 3) {
    throw new DeskOpenError('read_only', { key: 'tooLargeReadOnly', values: { file } });
  }
  const image = fs.readFileSync(file);
  // Bytes 18 and 19 say "WAL"; an in-memory database has no WAL, so the copy says "legacy".
  if (image.length >= 20) {
    image[18] = 1;
    image[19] = 1;
  }
  try {
    return withIdCodec(new BetterSqlite3(image, { readonly: true }));
  } catch (error) {
    throw classify(error, file);
  }
}

function handle(
  sqlite: BetterSqlite3.Database,
  kysely: Kysely<Database>,
  readOnly: boolean,
  checkpointer: { stop(): void } | null,
  lock: SetupLock | null,
  inUse: BetterSqlite3.Database | null = null,
): DeskDb {
  const watchers = new Set<ReturnType<typeof setInterval>>();
  return {
    sqlite,
    kysely,
    readOnly,
    setupDone: () => lock?.release(),
    exclusive: (fn) => {
      if (!lock) return fn();
      lock.lockSync();
      try {
        return fn();
      } finally {
        lock.release();
      }
    },
    onExternalChange(listener, everyMs = 250) {
      let seen = sqlite.pragma('data_version', { simple: true }) as number;
      const timer = setInterval(() => {
        if (!sqlite.open) return;
        const now = sqlite.pragma('data_version', { simple: true }) as number;
        if (now === seen) return;
        seen = now;
        listener();
      }, everyMs);
      timer.unref();
      watchers.add(timer);
      return () => {
        clearInterval(timer);
        watchers.delete(timer);
      };
    },
    close: () => {
      for (const t of watchers) clearInterval(t);
      watchers.clear();
      lock?.close();
      if (sqlite.open) {
        checkpointer?.stop();
        if (!readOnly && sqlite.name !== ':memory:') {
          try {
            sqlite.pragma('wal_checkpoint(TRUNCATE)');
          } catch {
            // Another process is reading or writing: it, or the last to close, checkpoints.
          }
        }
        sqlite.close();
      }
      // The folder is let go once the file is closed: a restore may replace it from then on.
      if (inUse?.open) inUse.close();
    },
  };
}

// ---- checks --------------------------------------------------------------------------------------

/**
 * PRAGMA quick_check reads every page of every table and index and checks the b-tree
 * structure, page links, free list, record formats and NOT NULL / CHECK constraints (what it
 * skips, compared with integrity_check, is matching each index's entries to its table). On a
 * file larger than FULL_CHECK_MAX_BYTES that would take minutes at open, so there the check
 * is bounded: the header, the file's size against the page count the header claims, and a
 * quick_check of the small tables a desk cannot start without.
 */
/** A desk file's integrity and version, read on a read-only connection of its own (closed after). */
function checkSound(file: string, timeout?: number): void {
  const probe = guarded(file, () => new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(timeout === undefined ? {} : { timeout }) }));
  try {
    guarded(file, () => {
      checkIntegrity(probe, file);
      checkVersion(probe, file, false);
    });
  } finally {
    probe.close();
  }
}

function checkIntegrity(db: BetterSqlite3.Database, file: string): void {
  const problems = integrityProblems(db, file);
  if (problems.length > 0) throw damaged(file, problems);
}

/** What the check at open finds (empty: nothing); `fullCheckMaxBytes` is for tests. */
export function integrityProblems(db: BetterSqlite3.Database, file: string, fullCheckMaxBytes = FULL_CHECK_MAX_BYTES): string[] {
  const size = statOrNull(file)?.size ?? 0;
  const problems: string[] = [];
  // SQLite may also throw where it meets a damaged page: that is a finding like the others.
  const collect = (fn: () => string[]) => {
    try {
      problems.push(...fn());
    } catch (error) {
      const code = String((error as { code?: unknown }).code ?? '');
      if (!code.startsWith('SQLITE_CORRUPT') && code !== 'SQLITE_NOTADB' && code !== 'SQLITE_IOERR_SHORT_READ') throw error;
      problems.push(problemLineOf(error));
    }
  };
  if (db.memory || size <= fullCheckMaxBytes) {
    collect(() => quickCheck(db, null));
  } else {
    collect(() => headerProblems(file, size));
    collect(() => {
      const present = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
      return SMALL_TABLES.filter((t) => present.has(t)).flatMap((t) => quickCheck(db, t));
    });
  }
  return problems;
}

function quickCheck(db: BetterSqlite3.Database, table: string | null): string[] {
  return problemsOf(db.prepare(table === null ? 'PRAGMA quick_check(5)' : `PRAGMA quick_check("${table}")`).pluck().all() as string[]);
}

/** quick_check's rows as problems: one row may hold several lines ("*** in database main ***", then one per problem). */
const problemsOf = (rows: readonly string[]): string[] => rows.flatMap((r) => r.split('\n')).filter((line) => line !== 'ok' && !line.startsWith('***') && line.trim() !== '');

function headerProblems(file: string, size: number): string[] {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return ['the file does not start with a SQLite header'];
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  const valid = header.readUInt32BE(24) === header.readUInt32BE(92);
  if (valid && pages * pageSize > size) return [`the file is ${size} bytes but its header says ${pages * pageSize}: it was cut short`];
  return [];
}

/** Refuses a file written by a newer Tagdesk (its migrations are not a prefix of ours). */
/** The migrations a desk's file has still to take (none: it is up to date). */
export function pendingMigrations(dataDir: string): string[] {
  const file = path.join(path.resolve(dataDir), DB_FILE);
  const db = guarded(file, () => new BetterSqlite3(file, { readonly: true, fileMustExist: true }));
  try {
    const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'migrations'").get() !== undefined;
    const applied = hasTable ? (db.prepare('SELECT count(*) FROM migrations').pluck().get() as number) : 0;
    return MIGRATIONS.slice(applied).map((m) => m.id);
  } finally {
    db.close();
  }
}

function checkVersion(db: BetterSqlite3.Database, file: string, readOnly: boolean): void {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'migrations'").get() !== undefined;
  if (!hasTable && db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() !== undefined) {
    // Another program's database: migrating it would write our tables into it.
    throw new DeskOpenError('damaged', { key: 'notTagdesk', values: { file } });
  }
  const applied = hasTable ? (db.prepare('SELECT id FROM migrations ORDER BY applied_at, id').pluck().all() as string[]) : [];
  applied.forEach((id, i) => {
    if (MIGRATIONS[i]?.id !== id) {
      throw new DeskOpenError('version', { key: 'newer', values: { file, migration: id } });
    }
  });
  if (readOnly && applied.length < MIGRATIONS.length) {
    throw new DeskOpenError('version', { key: 'older', values: { file, dir: path.dirname(file) } });
  }
}

const damaged = (file: string, problems: readonly string[], cause?: unknown) => {
  const finding = damagedFinding(file, problems);
  return new DeskOpenError('damaged', { key: 'damaged', values: { finding, dir: path.dirname(file) } }, { cause, finding });
};

/** What SQLite threw while reading a damaged file, as a line of the check's (a short read's "disk I/O error" names no cause). */
const problemLineOf = (error: unknown): string =>
  String((error as { code?: unknown }).code ?? '') === 'SQLITE_IOERR_SHORT_READ' ? SHORT_READ_PROBLEM : String((error as Error).message);

const notAFolder = (dir: string) => new DeskOpenError('folder', { key: 'notAFolder', values: { dir, dbFile: DB_FILE } });

/** Turns what better-sqlite3 and the file system throw into one sentence and a kind. */
export function classify(error: unknown, file: string): Error {
  if (error instanceof DeskOpenError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const cause = { cause: error, file };
  if (code === 'SQLITE_NOTADB') {
    const finding: DeskOpenSentence = { key: 'notADbFinding', values: { file } };
    return new DeskOpenError('damaged', { key: 'notADb', values: { finding } }, { ...cause, finding });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_IOERR_SHORT_READ') return damaged(file, [problemLineOf(error)], error);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new DeskOpenError('locked', { key: 'locked', values: { file } }, cause);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new DeskOpenError('read_only', { key: 'readOnly', values: { file } }, cause);
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return new DeskOpenError('permission', { key: 'permission', values: { file } }, cause);
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new DeskOpenError('folder', { key: 'cannotOpen', values: { file } }, cause);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL') {
    return new DeskOpenError('folder', { key: 'diskRefused', values: { file, code } }, cause);
  }
  return error instanceof Error ? error : new Error(String(error));
}

function guarded<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw classify(error, file);
  }
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ENOTDIR') throw new DeskOpenError('folder', { key: 'notInFolder', values: { path: p } });
    throw classify(error, p);
  }
}

function fileExists(file: string): boolean {
  const s = statOrNull(file);
  if (s && !s.isFile()) throw new DeskOpenError('folder', { key: 'notAFile', values: { file } });
  return s !== null;
}

function accessible(file: string, write: boolean): void {
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    throw classify(error, file);
  }
  if (!write) return;
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch {
    throw new DeskOpenError('read_only', { key: 'fileReadOnly', values: { file } });
  }
}

/**
 * Makes sure `dir` is a folder we can use, creating it one level at a time. Not
 * mkdirSync({ recursive: true }): below /proc that loops for ever at full CPU, where one
 * level at a time fails at once.
 */
export function prepareFolder(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const s = statOrNull(at);
    if (s) {
      if (!s.isDirectory()) throw at === dir ? notAFolder(dir) : new DeskOpenError('folder', { key: 'parentIsFile', values: { dir, at } });
      break;
    }
    missing.unshift(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statOrNull(d)?.isDirectory()) continue;
      if (code === 'EACCES' || code === 'EPERM') throw new DeskOpenError('permission', { key: 'createPermission', values: { dir: d } }, { cause: error });
      if (code === 'EROFS') throw new DeskOpenError('read_only', { key: 'createReadOnly', values: { dir: d } }, { cause: error });
      throw new DeskOpenError('folder', { key: 'createFailed', values: { dir: d, code: code ?? 'error' } }, { cause: error });
    }
  }
}

// ---- the setup lock ---------------------------------------------------------------------------------

/**
 * An exclusive lock on tagdesk.lock, a tiny SQLite file, held while a process migrates and
 * seeds. SQLite's file locks are the operating system's, so a process killed with -9 lets
 * go of it at once; within one process, opens are queued so that one never blocks the
 * thread waiting for a lock another open in the same process holds. The holder's pid,
 * host and start time are written to the lock database for whoever waits.
 */
class SetupLock {
  private static queue = new Map<string, Promise<void>>();
  private held = false;
  private releaseQueue: () => void = () => {};

  private constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly key: string,
  ) {}

  static async acquire(dir: string): Promise<SetupLock> {
    const key = path.join(dir, LOCK_FILE);
    const previous = SetupLock.queue.get(key) ?? Promise.resolve();
    let done: () => void = () => {};
    const mine = new Promise<void>((r) => (done = r));
    const chained = previous.then(() => mine);
    SetupLock.queue.set(key, chained);
    await previous;
    let db: BetterSqlite3.Database;
    try {
      db = new BetterSqlite3(key);
    } catch (error) {
      done();
      throw classify(error, key);
    }
    const lock = new SetupLock(db, key);
    lock.releaseQueue = () => {
      done();
      if (SetupLock.queue.get(key) === chained) SetupLock.queue.delete(key);
    };
    try {
      lock.lockSync();
    } catch (error) {
      lock.close();
      throw error;
    }
    return lock;
  }

  lockSync(): void {
    if (this.held) return;
    this.db.pragma(`busy_timeout = ${SETUP_LOCK_WAIT_MS}`);
    try {
      this.db.exec('BEGIN EXCLUSIVE');
      this.db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER, host TEXT, started_at TEXT)');
      this.db.exec('DELETE FROM holder');
      this.db.prepare('INSERT INTO holder VALUES (?, ?, ?)').run(process.pid, hostname(), new Date().toISOString());
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      if (isBusy(error)) {
        throw new DeskOpenError('locked', { key: 'setupBusy', values: { dir: path.dirname(this.key), seconds: SETUP_LOCK_WAIT_MS / 1000 } }, { cause: error });
      }
      throw classify(error, this.key);
    }
    this.held = true;
  }

  release(): void {
    if (this.held && this.db.open) {
      this.db.exec('ROLLBACK');
      this.held = false;
    }
    this.releaseQueue();
    this.releaseQueue = () => {};
  }

  close(): void {
    this.release();
    if (this.db.open) this.db.close();
  }
}

// ---- the checkpointer -------------------------------------------------------------------------------

const CHECKPOINT_EVERY_MS = 1_000;

// The worker's whole program. It is plain CommonJS passed as a string, so it needs no
// bundling of its own, and it loads the same better-sqlite3 the desk resolved.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const closed = new Int32Array(workerData.closed);
const done = () => {
  Atomics.store(closed, 0, 1);
  Atomics.notify(closed, 0);
};
let db = null;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('synchronous = FULL');
} catch (error) {
  // The file is already gone (a desk closed at once and its folder removed): nothing to do.
  if (db) db.close();
  db = null;
  done();
}
const timer = db && setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  if (timer) clearInterval(timer);
  if (db) db.close();
  db = null;
  done();
  parentPort.close();
});
`;

// VACUUM INTO on its own connection (migration 0014's last step: see rewriteFile).
const VACUUM_INTO = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.exec("VACUUM INTO '" + workerData.target.replaceAll("'", "''") + "'");
  db.close();
  parentPort.postMessage('done');
} catch (error) {
  parentPort.postMessage(String(error && error.message || error));
}
`;

// A running desk's backup (backupDesk's copyOnWorker): its own read-only connection holds one read
// transaction through the copy, so every step reads the same snapshot and none restarts.
const COPY_DESK = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
const failed = (error) => parentPort.postMessage({ message: String(error && error.message || error), code: error && error.code ? String(error.code) : undefined });
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 5000 });
  db.exec('BEGIN');
  db.prepare('SELECT count(*) FROM sqlite_schema').get();
  db.backup(workerData.target, {
    progress: (p) => {
      parentPort.postMessage({ pagesDone: p.totalPages - p.remainingPages, pagesTotal: p.totalPages });
      return workerData.perStep;
    },
  }).then(
    (r) => {
      db.exec('COMMIT');
      db.close();
      parentPort.postMessage({ done: r.totalPages });
    },
    (error) => {
      db.close();
      failed(error);
    },
  );
} catch (error) {
  if (db) db.close();
  failed(error);
}
`;

// A backup's copy: rollback-journal mode, then quick_check (backupDesk's checkCopy), on its own connection.
const CHECK_COPY = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('journal_mode = DELETE');
  parentPort.postMessage({ rows: db.prepare('PRAGMA quick_check(5)').pluck().all() });
} catch (error) {
  parentPort.postMessage({ message: String(error && error.message || error), code: error && error.code ? String(error.code) : undefined });
} finally {
  if (db) db.close();
}
`;

/**
 * Checkpoints the WAL every second from a worker thread until stopped. stop() returns once the
 * worker's connection is closed (at most 2 s): a connection left open past the desk's close
 * would be the file's last, and its close would checkpoint into a file that a restore, a test
 * or another program may by then have replaced or changed.
 */
function startCheckpointer(file: string): { stop(): void } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const closed = new SharedArrayBuffer(4);
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, file, everyMs: CHECKPOINT_EVERY_MS, closed } });
  worker.unref();
  // Once stopped, what the worker says no longer matters (a desk closed at once and its
  // folder removed, as tests do, can leave it starting on a file that is gone).
  let stopped = false;
  worker.on('message', (m: unknown) => stopped || console.error(`tagdesk: WAL checkpoint failed: ${String(m)}`));
  worker.on('error', (e) => stopped || console.error('tagdesk: the WAL checkpointer stopped', e));
  return {
    stop: () => {
      if (stopped) return;
      stopped = true;
      worker.postMessage('stop');
      Atomics.wait(new Int32Array(closed), 0, 0, 2_000);
    },
  };
}

// ---- backup and restore -------------------------------------------------------------------------------

/** How far a backup has got, in pages of the desk's file (called after each step of the copy). */
export interface BackupProgress {
  pagesDone: number;
  pagesTotal: number;
}

export interface BackupOptions {
  /**
   * The desk is open in this process, checked at its open (a running desk's automatic or "Back
   * up now" backup): the copy is taken on a worker thread's own connection, inside one read
   * transaction (a consistent snapshot that the desk's writes meanwhile neither change nor
   * restart), so the desk's thread only hears of its progress.
   */
  deskOpen?: boolean;
  onProgress?: (p: BackupProgress) => void;
  /** Pages copied per step (default 100, about 400 kB). */
  pagesPerStep?: number;
}

/**
 * Copies the live desk to `target` with SQLite's online backup API: a consistent snapshot
 * while other processes go on writing, copied in steps (for a desk open in this process, on a
 * worker thread: `deskOpen`). The copy is checked (quick_check, on a worker thread, so a desk's
 * agents are not kept waiting) before it is reported done.
 */
export async function backupDesk(dataDir: string, target: string, options: BackupOptions = {}): Promise<{ pages: number; file: string }> {
  const dest = path.resolve(target);
  if (statOrNull(dest)) throw new DeskOpenError('folder', { key: 'backupExists', values: { file: dest } });
  const perStep = options.pagesPerStep ?? 100;
  // The CLI opens the desk read-only first: refused when damaged or too new, and read from a
  // copy in memory where its folder cannot even hold SQLite's shared-memory file.
  const db = options.deskOpen ? null : await openDatabase(dataDir, { readOnly: true });
  try {
    const pages = db
      ? (
          await db.sqlite.backup(dest, {
            progress: ({ totalPages, remainingPages }) => {
              options.onProgress?.({ pagesDone: totalPages - remainingPages, pagesTotal: totalPages });
              return perStep;
            },
          })
        ).totalPages
      : await copyOnWorker(path.join(path.resolve(dataDir), DB_FILE), dest, perStep, options.onProgress);
    options.onProgress?.({ pagesDone: pages, pagesTotal: pages });
    // The copy says WAL, as the desk does: every later opening (this check, a restore's, a
    // read-only one) would leave a -wal and a -shm beside it. A backup is one self-contained
    // file, so it is put in rollback-journal mode (a restore turns WAL on again), which
    // removes both; then checked.
    const problems = await checkCopy(dest);
    if (problems.length > 0) throw new BackupCheckError(dest, problems[0]!);
    return { pages, file: dest };
  } catch (error) {
    throw classify(error, dest);
  } finally {
    db?.close();
  }
}

/** The online backup of `file` into `dest` on a worker thread, in one read transaction: the pages copied. */
async function copyOnWorker(file: string, dest: string, perStep: number, onProgress?: (p: BackupProgress) => void): Promise<number> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(COPY_DESK, { eval: true, workerData: { driver, file, target: dest, perStep } });
  try {
    return await new Promise<number>((resolve, reject) => {
      worker.on('message', (m: { pagesDone?: number; pagesTotal?: number; done?: number; message?: string; code?: string }) => {
        if (m.done !== undefined) resolve(m.done);
        else if (m.message !== undefined) reject(Object.assign(new Error(m.message), { code: m.code }));
        else onProgress?.({ pagesDone: m.pagesDone ?? 0, pagesTotal: m.pagesTotal ?? 0 });
      });
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

/** A backup's copy put in rollback-journal mode and quick_checked on a worker thread: the problems found (none: empty). */
async function checkCopy(file: string): Promise<string[]> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECK_COPY, { eval: true, workerData: { driver, file } });
  try {
    const answer = await new Promise<{ rows?: string[]; message?: string; code?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (answer.rows) return problemsOf(answer.rows);
    throw Object.assign(new Error(answer.message ?? 'the backup could not be checked'), { code: answer.code });
  } finally {
    await worker.terminate();
  }
}

/**
 * Replaces the desk in `dataDir` with the backup `source`, after checking the backup. The
 * backup is first copied (backup API) to a new file beside the desk, which then takes the
 * desk's name in one rename; the file it replaces, damaged or not, is kept beside it as
 * tagdesk.sqlite.before-restore-<time> (with its WAL, if any). Stop every shell serving the
 * folder first: one still running would go on writing to the file that was set aside.
 */
export async function restoreDesk(dataDir: string, source: string): Promise<{ file: string; kept: string | null }> {
  const from = path.resolve(source);
  if (!statOrNull(from)) throw new DeskOpenError('missing', { key: 'noBackup', values: { file: from } });
  const dir = path.resolve(dataDir);
  // A damaged backup is the backup's problem, not the desk's: the advice a damaged desk gets
  // ("restore your last backup into its folder") would point at the backup's own folder.
  const refuseBackup = (error: unknown): never => {
    if (error instanceof DeskOpenError && error.kind === 'damaged' && error.finding) {
      throw new DeskOpenError('damaged', { key: 'backupDamaged', values: { finding: error.finding, dir } }, { cause: error });
    }
    throw error;
  };
  try {
    checkSound(from);
  } catch (error) {
    refuseBackup(error);
  }
  prepareFolder(dir);
  const file = path.join(dir, DB_FILE);
  const incoming = `${file}.restoring`;
  // Nobody may have the desk open while its file is swapped, and nobody opens it until the
  // restore is done: the in-use lock, taken exclusively at once or not at all.
  const inUseFile = path.join(dir, IN_USE_FILE);
  const inUse = guarded(inUseFile, () => new BetterSqlite3(inUseFile, { timeout: 0 }));
  try {
    inUse.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    inUse.close();
    if (isBusy(error)) {
      throw new DeskOpenError('locked', { key: 'deskInUse', values: { dir } }, { cause: error });
    }
    throw classify(error, inUseFile);
  }
  fs.rmSync(incoming, { force: true });
  const lock = await setupLockHolding(dir, inUse);
  let kept: string | null = null;
  try {
    const backup = guarded(from, () => new BetterSqlite3(from, { readonly: true, fileMustExist: true }));
    try {
      await backup.backup(incoming);
    } finally {
      backup.close();
    }
    const fresh = guarded(incoming, () => new BetterSqlite3(incoming, { fileMustExist: true }));
    try {
      guarded(incoming, () => fresh.pragma('journal_mode = WAL'));
    } finally {
      fresh.close();
    }
    if (fileExists(file)) {
      kept = `${file}.before-restore-${new Date().toISOString().replaceAll(':', '-')}`;
      fs.renameSync(file, kept);
      if (statOrNull(`${file}-wal`)) fs.renameSync(`${file}-wal`, `${kept}-wal`);
      fs.rmSync(`${file}-shm`, { force: true });
    }
    fs.renameSync(incoming, file);
  } catch (error) {
    fs.rmSync(incoming, { force: true });
    throw classify(error, file);
  } finally {
    lock.close();
    inUse.close();
  }
  return { file, kept };
}
