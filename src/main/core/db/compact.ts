import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { textRef } from '../internedTexts';
import { rawPrepare, storedIdSql } from './idCodec';

// Migration 0014_compact (issue 14): the desk's file in about half the space.
//
// - Ids are stored as 16 bytes (idCodec.ts), in every table, so every key and index holding one
//   shrinks from 36 characters (plus a length byte) to 16.
// - A customer's systems, contacts, contact history and ownership are stored clustered by
//   customer (WITHOUT ROWID tables keyed by customer id first), instead of a table plus a
//   covering copy of it: the 360° view reads each as one contiguous range.
// - A ticket's SLA policies are stored once per version (`sla_policy_versions`, keyed by a hash
//   of the version's text) and referenced from the ticket as [[from, ref], ...].
// - A ticket's log is stored clustered by (ticket, seq); the actor snapshot each event carries
//   (about 90 bytes of JSON, a few dozen distinct values) is stored once in `event_actors`.
//
// 12.9 GB cannot be rewritten in one transaction, so this runs as a job of steps, one per table,
// outside any one transaction and resumable after a kill: each table is copied into
// `<table>__next` in batches, each batch one transaction that also records how far it got in
// `compact_progress`; then one transaction drops the old table, renames the new one, builds its
// indexes and triggers and marks the step done. A kill anywhere loses at most the batch or the
// swap in flight, which SQLite rolls back; the next open resumes after the last recorded batch.
// The file only shrinks when it is rewritten: `vacuumPending` tells the opener to do that
// (VACUUM INTO a sibling file, then rename) once the steps are done.

export interface CompactProgress {
  /** The table being converted ('vacuum' while the file is rewritten). */
  step: string;
  /** Rows of every table converted so far, and in all ('vacuum': pages of the new file written, and in all). */
  rowsDone: number;
  rowsTotal: number;
  /** This table's rows converted so far, and in all (absent for 'vacuum'). */
  stepRowsDone?: number;
  stepRowsTotal?: number;
  /**
   * Set when what comes next is one long statement that gives no news until it ends, announced
   * before it starts: counting every table's rows ('counting', step 'counting'), gathering a
   * table's shared texts ('collecting'), or building its indexes after the copy ('indexing').
   * On a big desk each takes seconds to minutes, during which the shell cannot answer.
   */
  phase?: 'counting' | 'collecting' | 'indexing';
  /** The report is of a job that is the whole upgrade by itself (no file to write after it). */
  whole?: boolean;
}

interface Step {
  table: string;
  /** The new table's DDL, created under `name`. Null: today's DDL with `ids` typed ANY. */
  ddl: ((name: string) => string) | null;
  /** Columns of today's table that hold ids (converted to 16 bytes). */
  ids: readonly string[];
  /** New column → expression over today's row (`t.`), for columns that are renamed or computed. */
  computed?: Readonly<Record<string, string>>;
  /** Indexes and triggers after the swap. Null: today's, as they are. */
  after: readonly string[] | null;
  /** Indexes added after the swap, for statements that scanned without them. */
  extra?: readonly string[];
  /**
   * The order the rows are copied in: the new table's key, read through an index of today's
   * table that has it (so each batch appends to the new B-tree instead of rewriting pages all
   * over it). Default: today's key (rowid or primary key).
   */
  order?: readonly string[];
}

const IDS = (...cols: string[]) => cols;

const TICKET_EVENTS_TRIGGERS = [
  `CREATE TRIGGER ticket_events_no_update BEFORE UPDATE OF id, ticket_id, seq, type, actor_id, at, payload, actor_ref, payload_version, machine_version, desk_id ON ticket_events
     BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END`,
  `CREATE TRIGGER ticket_events_global_seq_once BEFORE UPDATE OF global_seq ON ticket_events WHEN OLD.global_seq IS NOT NULL
     BEGIN SELECT RAISE(ABORT, 'an accepted event keeps its global sequence'); END`,
  `CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
     WHEN OLD.global_seq IS NOT NULL OR NOT EXISTS (SELECT 1 FROM sync_state WHERE id = 1 AND rebasing = 1)
     BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END`,
];

/** The largest groups first, so later copies can reuse the pages earlier ones freed. */
const STEPS: readonly Step[] = [
  {
    table: 'ticket_events',
    ids: IDS('id', 'ticket_id', 'actor_id', 'desk_id'),
    ddl: (name) => `CREATE TABLE "${name}" (
      ticket_id ANY NOT NULL REFERENCES tickets(id),
      seq INTEGER NOT NULL,
      id ANY NOT NULL,
      type TEXT NOT NULL,
      actor_id ANY NOT NULL,
      at INTEGER NOT NULL,
      payload TEXT NOT NULL,
      actor_ref INTEGER NOT NULL,
      payload_version INTEGER NOT NULL DEFAULT 1,
      machine_version INTEGER NOT NULL DEFAULT 1,
      desk_id ANY NOT NULL DEFAULT '',
      global_seq INTEGER,
      PRIMARY KEY (ticket_id, seq)
    ) STRICT, WITHOUT ROWID`,
    computed: { actor_ref: 'text_ref(t.actor)' },
    order: ['ticket_id', 'seq'],
    // A ticket's unconfirmed events are found in its own range of the primary key: the
    // partial index `ticket_events_unconfirmed` covered every event of a desk never joined.
    after: [
      'CREATE UNIQUE INDEX ticket_events_id ON ticket_events(id)',
      "CREATE INDEX ticket_events_resolved ON ticket_events(at) WHERE type = 'RESOLVE'",
      ...TICKET_EVENTS_TRIGGERS,
    ],
  },
  {
    table: 'tickets',
    ids: IDS('id', 'customer_id', 'asset_id', 'assignee_id', 'sla_calendar_id'),
    ddl: (name) => `CREATE TABLE "${name}" (
      id ANY PRIMARY KEY,
      number INTEGER NOT NULL UNIQUE,
      customer_id ANY NOT NULL REFERENCES customers(id),
      asset_id ANY,
      segment TEXT NOT NULL REFERENCES segments(id),
      service_level TEXT NOT NULL,
      priority TEXT NOT NULL CHECK (priority IN ('urgent','high','normal','low')),
      priority_rank INTEGER NOT NULL,
      tier INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 3),
      state TEXT NOT NULL,
      is_open INTEGER NOT NULL,
      assignee_id ANY REFERENCES users(id),
      subject TEXT NOT NULL,
      description TEXT NOT NULL,
      channel TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      due_at INTEGER,
      version INTEGER NOT NULL,
      machine TEXT NOT NULL,
      sla_status TEXT NOT NULL DEFAULT 'none',
      sla_target TEXT,
      sla_next_at INTEGER,
      sla_calendar_id ANY,
      sla_policy_refs TEXT NOT NULL DEFAULT '[]',
      customer_name TEXT NOT NULL DEFAULT '',
      service_tag TEXT
    ) STRICT`,
    computed: {
      sla_policy_refs: `(SELECT coalesce(json_group_array(json_array(json_extract(e.value, '$.from'), text_ref(${policyBodySql('e.value')}))), '[]') FROM json_each(t.sla_policies) e)`,
    },
    after: null,
    // Open tickets on a system (a transfer says what happens to them) were found by scanning
    // every open ticket.
    extra: ['CREATE INDEX tickets_asset_open ON tickets(asset_id) WHERE is_open = 1 AND asset_id IS NOT NULL'],
  },
  {
    table: 'interactions',
    ids: IDS('id', 'customer_id', 'ticket_id', 'user_id'),
    ddl: (name) => `CREATE TABLE "${name}" (
      customer_id ANY NOT NULL REFERENCES customers(id),
      at INTEGER NOT NULL,
      id ANY NOT NULL,
      ticket_id ANY,
      channel TEXT NOT NULL CHECK (channel IN ('phone','email','chat','note','web')),
      direction TEXT NOT NULL CHECK (direction IN ('inbound','outbound','internal')),
      summary TEXT NOT NULL,
      user_id ANY,
      PRIMARY KEY (customer_id, at, id)
    ) STRICT, WITHOUT ROWID`,
    after: [],
    order: ['customer_id', 'at', 'id'],
  },
  {
    table: 'assets',
    ids: IDS('id', 'customer_id'),
    ddl: (name) => `CREATE TABLE "${name}" (
      customer_id ANY NOT NULL REFERENCES customers(id),
      ship_date INTEGER NOT NULL,
      id ANY NOT NULL,
      service_tag TEXT NOT NULL CHECK (length(service_tag) = 7),
      product_line TEXT NOT NULL,
      model TEXT NOT NULL,
      warranty_level TEXT NOT NULL,
      warranty_end INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (customer_id, id)
    ) STRICT, WITHOUT ROWID`,
    after: ['CREATE UNIQUE INDEX assets_tag ON assets(service_tag)', 'CREATE UNIQUE INDEX assets_id ON assets(id)'],
    order: ['customer_id', 'ship_date', 'id'],
  },
  {
    table: 'asset_owners',
    ids: IDS('id', 'asset_id', 'customer_id'),
    ddl: (name) => `CREATE TABLE "${name}" (
      customer_id ANY NOT NULL REFERENCES customers(id),
      asset_id ANY NOT NULL,
      from_at INTEGER NOT NULL,
      to_at INTEGER,
      how TEXT,
      id ANY NOT NULL,
      PRIMARY KEY (customer_id, asset_id, from_at)
    ) STRICT, WITHOUT ROWID`,
    after: ['CREATE INDEX asset_owners_asset ON asset_owners(asset_id, to_at)'],
  },
  {
    table: 'contacts',
    ids: IDS('id', 'customer_id'),
    ddl: (name) => `CREATE TABLE "${name}" (
      customer_id ANY NOT NULL REFERENCES customers(id),
      name TEXT NOT NULL,
      id ANY NOT NULL,
      role TEXT,
      email TEXT,
      phone TEXT,
      PRIMARY KEY (customer_id, id)
    ) STRICT, WITHOUT ROWID`,
    // A contact is always reached through its customer (edits name both), so it needs no index
    // of its own id; a secondary index carries the whole key, so the key is kept narrow.
    after: [
      'CREATE INDEX contacts_email ON contacts(email) WHERE email IS NOT NULL',
      'CREATE INDEX contacts_phone ON contacts(phone) WHERE phone IS NOT NULL',
    ],
    // Read in the old covering index's order: by customer, which is what the new key starts with.
    order: ['customer_id', 'name', 'id'],
  },
  { table: 'sla_outcomes', ids: IDS('ticket_id'), ddl: null, after: null },
  { table: 'customers', ids: IDS('id'), ddl: null, after: null },
  // The data-quality trend reads the last 14 days of changes.
  { table: 'customer_events', ids: IDS('id', 'customer_id', 'actor_id'), ddl: null, after: null, extra: ['CREATE INDEX customer_events_at ON customer_events(at)'] },
  { table: 'record_access', ids: IDS('user_id', 'customer_id', 'ticket_id'), ddl: null, after: null },
  { table: 'csat', ids: IDS('ticket_id', 'customer_id', 'actor_id', 'followed_up_by'), ddl: null, after: null },
  { table: 'kb_ratings', ids: IDS('ticket_id', 'actor_id'), ddl: null, after: null },
  { table: 'kb_cases', ids: IDS('ticket_id'), ddl: null, after: null },
  { table: 'kb_articles', ids: IDS('id', 'author_id', 'source_ticket_id'), ddl: null, after: null },
  { table: 'kb_article_versions', ids: IDS('article_id', 'author_id'), ddl: null, after: null },
  { table: 'kb_events', ids: IDS('id'), ddl: null, after: null },
  { table: 'users', ids: IDS('id'), ddl: null, after: null },
  { table: 'agent_load', ids: IDS('user_id'), ddl: null, after: null },
  { table: 'hub_accounts', ids: IDS('user_id'), ddl: null, after: null },
  { table: 'hub_link', ids: IDS('desk_id'), ddl: null, after: null },
  { table: 'customer_merges', ids: IDS('merged_id', 'survivor_id'), ddl: null, after: null },
  { table: 'import_ids', ids: IDS('external_id', 'local_id'), ddl: null, after: null },
  { table: 'outbox', ids: IDS('event_id'), ddl: null, after: null },
  { table: 'sync_conflicts', ids: IDS('event_id', 'entity_id', 'actor_id'), ddl: null, after: null },
  { table: 'settings_events', ids: IDS('id', 'entity_id', 'actor_id'), ddl: null, after: null },
  { table: 'user_events', ids: IDS('id', 'user_id'), ddl: null, after: null },
  { table: 'sla_calendars', ids: IDS('id'), ddl: null, after: null },
  { table: 'sla_policies', ids: IDS('id'), ddl: null, after: null },
  { table: 'meta', ids: IDS('value'), ddl: null, after: null },
];

/** The text a policy version is stored under (and hashed to its ref): {version, policy}. */
function policyBodySql(span: string): string {
  return `json_object('version', json_extract(${span}, '$.version'), 'policy', json(json_extract(${span}, '$.policy')))`;
}


/** Rows per batch (TAGDESK_COMPACT_BATCH_ROWS: the kill test uses small ones, to stop midway). */
const batchRowsFromEnv = () => Number(process.env.TAGDESK_COMPACT_BATCH_ROWS) || 50_000;
/**
 * For tests only: a pause after every batch (TAGDESK_COMPACT_BATCH_DELAY_MS), so a small
 * fixture's upgrade lasts long enough for a test to watch the shells' progress screen.
 */
const batchDelayFromEnv = () => Math.max(0, Number(process.env.TAGDESK_COMPACT_BATCH_DELAY_MS) || 0);
/** `last_key` once a table's copy is complete (its swap may still be to do). */
const COPIED = 'copied';
/** The WAL is checkpointed between batches once it is larger than this. */
const WAL_LIMIT = 512 * 1024 * 1024;
/**
 * Before a long statement that holds the thread, the announcement is given this long to reach
 * whoever shows it (the upgrade page asks twice a second), so the screen says what the wait is
 * rather than going quiet. Only where the wait will be long: tables of QUIET_ROWS rows or more,
 * or, for the count, a file of QUIET_FILE_BYTES or more.
 */
const QUIET_GRACE_MS = 1_200;
export const QUIET_ROWS = 100_000;
const QUIET_FILE_BYTES = 256 * 1024 * 1024;

/**
 * A resumable fill's bookkeeping, kept in its progress table (columns last_rowid, done,
 * total): where the last committed batch stopped, and a callback for each batch, to be called
 * inside that batch's transaction, that records it and reports the whole fill's progress.
 */
export function fillProgress(raw: BetterSqlite3.Database, table: string, step: string, onProgress: (p: CompactProgress) => void): { fromRowid: number; onBatch: (lastRowid: number, rows: number) => void } {
  const at = raw.prepare(`SELECT last_rowid, done, total FROM ${table}`).get() as { last_rowid: number; done: number; total: number };
  const save = raw.prepare(`UPDATE ${table} SET last_rowid = ?, done = done + ?`);
  let done = at.done;
  const report = () => onProgress({ step, rowsDone: Math.min(done, at.total), rowsTotal: at.total, whole: true });
  report();
  return {
    fromRowid: at.last_rowid,
    onBatch: (last, rows) => {
      save.run(last, rows);
      done += rows;
      report();
    },
  };
}

export function hasTable(raw: BetterSqlite3.Database, name: string): boolean {
  return rawPrepare(raw, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * Runs (or resumes) the conversion on `raw`, an open connection to the desk's file, reporting
 * after every batch. Leaves `compact_progress` with every step done and a 'vacuum' row for the
 * opener, which rewrites the file and drops it (`finishCompaction`).
 *
 * Each batch is synchronous; between two batches the event loop is let go, so a shell keeps
 * answering while the file is upgraded (its progress screen, a window that is moved). Nothing
 * else may use `raw` until this has finished.
 */
export async function runCompaction(raw: BetterSqlite3.Database, onProgress: (p: CompactProgress) => void = () => {}, batchRows = batchRowsFromEnv()): Promise<void> {
  const pause = batchDelayFromEnv();
  const run = (sqlText: string, ...args: unknown[]) => rawPrepare(raw, sqlText).run(...args);
  raw.pragma('foreign_keys = OFF');
  raw.function('text_ref', { deterministic: true }, (body: unknown) => BigInt(textRef(String(body))));
  const present = STEPS.filter((s) => hasTable(raw, s.table));
  const quiet = async (p: CompactProgress, long: boolean) => {
    onProgress(p);
    if (long) await new Promise<void>((resume) => setTimeout(resume, QUIET_GRACE_MS));
  };
  if (!hasTable(raw, 'compact_progress')) {
    const fileBytes = raw.name && raw.name !== ':memory:' ? (fs.statSync(raw.name, { throwIfNoEntry: false })?.size ?? 0) : 0;
    if (fileBytes >= QUIET_FILE_BYTES) await quiet({ step: 'counting', rowsDone: 0, rowsTotal: 0, phase: 'counting' }, true);
    // Totals are counted once, when the job starts, so the bar's 100 % stays put.
    raw.transaction(() => {
      run(`CREATE TABLE compact_progress (step TEXT PRIMARY KEY, last_key TEXT, rows_done INTEGER NOT NULL, rows_total INTEGER NOT NULL, done INTEGER NOT NULL) STRICT`);
      for (const s of present) run('INSERT INTO compact_progress VALUES (?, NULL, 0, ?, 0)', s.table, (rawPrepare(raw, `SELECT count(*) FROM "${s.table}"`).pluck().get() as number) ?? 0);
      run(`CREATE TABLE IF NOT EXISTS sla_policy_versions (ref INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT`);
      run(`CREATE TABLE IF NOT EXISTS event_actors (ref INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT`);
    })();
  }
  const file = raw.name;
  const walBytes = () => (file && file !== ':memory:' ? (fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) : 0);
  const progress = rawPrepare(raw, 'SELECT step, last_key, rows_done, rows_total, done FROM compact_progress');
  type P = { step: string; last_key: string | null; rows_done: number; rows_total: number; done: number };
  const state = new Map((progress.all() as P[]).map((p) => [p.step, p]));
  const total = [...state.values()].reduce((n, p) => n + p.rows_total, 0);
  let done = [...state.values()].reduce((n, p) => n + p.rows_done, 0);
  // Tables with no rows convert at once: nothing worth reporting (nor pausing for). A new
  // desk's few rows are kept quiet by the opener, which knows the file is new.
  const report = (p: P) => total > 0 && onProgress({ step: p.step, rowsDone: done, rowsTotal: total, stepRowsDone: p.rows_done, stepRowsTotal: p.rows_total });
  const between = () => new Promise<void>((resume) => (total > 0 && pause > 0 ? setTimeout(resume, pause) : setImmediate(resume)));

  for (const s of present) {
    const p = state.get(s.table);
    if (!p || p.done) continue;
    const next = `${s.table}__next`;
    const cols = columnsOf(raw, s.table);
    const rowid = !isWithoutRowid(raw, s.table);
    const key = s.order ?? (rowid ? ['rowid'] : primaryKeyOf(raw, s.table));
    const long = p.rows_total >= QUIET_ROWS;
    if (!hasTable(raw, next)) {
      if ((s.table === 'ticket_events' || s.table === 'tickets') && total > 0) {
        await quiet({ step: s.table, rowsDone: done, rowsTotal: total, stepRowsDone: p.rows_done, stepRowsTotal: p.rows_total, phase: 'collecting' }, long);
      }
      raw.transaction(() => {
        run(s.ddl ? s.ddl(next) : genericDdl(raw, s, next));
        if (s.table === 'ticket_events') {
          // Every actor snapshot the events were made under, once.
          run(`INSERT OR IGNORE INTO event_actors (ref, body) SELECT text_ref(actor), actor FROM (SELECT DISTINCT actor FROM ticket_events)`);
        }
        if (s.table === 'tickets') {
          // Every policy version the tickets ran under, once.
          run(`INSERT OR IGNORE INTO sla_policy_versions (ref, body)
               SELECT text_ref(b), b FROM (SELECT DISTINCT ${policyBodySql('e.value')} AS b FROM tickets t, json_each(t.sla_policies) e)`);
        }
        run('UPDATE compact_progress SET last_key = NULL, rows_done = 0 WHERE step = ?', s.table);
      })();
      p.last_key = null;
      done -= p.rows_done;
      p.rows_done = 0;
    }
    const target = columnsOf(raw, next);
    const select = target.map((c) => {
      if (s.computed?.[c]) return s.computed[c];
      if (!cols.includes(c)) throw new Error(`compact: ${next}.${c} has no source column`);
      return s.ids.includes(c) ? storedIdSql(`t."${c}"`) : `t."${c}"`;
    });
    const keyList = key.map((c) => `t.${c === 'rowid' ? 'rowid' : `"${c}"`}`).join(', ');
    const after = (n: number) => (n === 0 ? '1' : `(${keyList}) > (${key.map(() => '?').join(', ')})`);
    const copy = (bound: boolean) =>
      `INSERT INTO "${next}" (${target.map((c) => `"${c}"`).join(', ')}) SELECT ${select.join(', ')} FROM "${s.table}" t
       WHERE ${after(bound ? key.length : 0)} ORDER BY ${keyList} LIMIT ${batchRows}`;
    const copyFirst = rawPrepare(raw, copy(false));
    const copyNext = rawPrepare(raw, copy(true));
    const lastKey = rawPrepare(raw, `SELECT ${keyList} FROM "${s.table}" t WHERE ${after(key.length)} ORDER BY ${keyList} LIMIT 1 OFFSET ${batchRows - 1}`).raw();
    const lastKeyFirst = rawPrepare(raw, `SELECT ${keyList} FROM "${s.table}" t ORDER BY ${keyList} LIMIT 1 OFFSET ${batchRows - 1}`).raw();
    const record = rawPrepare(raw, 'UPDATE compact_progress SET last_key = ?, rows_done = rows_done + ? WHERE step = ?');
    while (p.last_key !== COPIED) {
      const from = p.last_key === null ? null : (JSON.parse(p.last_key) as unknown[]);
      const batch = raw.transaction(() => {
        const upTo = (from === null ? lastKeyFirst.get() : lastKey.get(...from)) as unknown[] | undefined;
        const copied = (from === null ? copyFirst.run() : copyNext.run(...from)).changes;
        // No row at the batch's end: this was the last batch, and the copy is complete.
        const last = upTo === undefined ? COPIED : JSON.stringify(upTo);
        record.run(last, copied, s.table);
        return { copied, last };
      })();
      done += batch.copied;
      p.rows_done += batch.copied;
      p.last_key = batch.last;
      report(p);
      // Keep the WAL bounded: a table copied in an order its new key does not follow
      // rewrites pages all over the new B-tree in every batch.
      if (walBytes() > WAL_LIMIT) raw.pragma('wal_checkpoint(TRUNCATE)');
      await between();
    }
    // The swap: one transaction, so a kill leaves either the old table or the new one.
    if (total > 0) await quiet({ step: s.table, rowsDone: done, rowsTotal: total, stepRowsDone: p.rows_done, stepRowsTotal: p.rows_total, phase: 'indexing' }, long);
    raw.transaction(() => {
      const keep = s.after ?? (rawPrepare(raw, "SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL").pluck().all(s.table) as string[]);
      run(`DROP TABLE "${s.table}"`);
      run(`ALTER TABLE "${next}" RENAME TO "${s.table}"`);
      for (const ddl of [...keep, ...(s.extra ?? [])]) run(ddl);
      run('UPDATE compact_progress SET done = 1 WHERE step = ?', s.table);
    })();
    raw.pragma('wal_checkpoint(TRUNCATE)');
  }
  raw.transaction(() => {
    run("INSERT OR IGNORE INTO compact_progress VALUES ('vacuum', NULL, 0, 0, 0)");
  })();
  raw.pragma('foreign_keys = ON');
}

function genericDdl(raw: BetterSqlite3.Database, s: Step, name: string): string {
  let ddl = rawPrepare(raw, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(s.table) as string;
  ddl = ddl.replace(/^CREATE TABLE\s+("?)[A-Za-z_]+\1/, `CREATE TABLE "${name}"`);
  for (const c of s.ids) {
    const typed = new RegExp(`(\\b${c}\\s+)TEXT\\b`);
    if (!typed.test(ddl)) throw new Error(`compact: ${s.table}.${c} is not a TEXT column`);
    ddl = ddl.replace(typed, '$1ANY');
  }
  return ddl;
}

function columnsOf(raw: BetterSqlite3.Database, table: string): string[] {
  return (rawPrepare(raw, `SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(table) as string[]);
}

function isWithoutRowid(raw: BetterSqlite3.Database, table: string): boolean {
  const ddl = rawPrepare(raw, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").pluck().get(table) as string;
  return /WITHOUT\s+ROWID\s*$/i.test(ddl.trim());
}

function primaryKeyOf(raw: BetterSqlite3.Database, table: string): string[] {
  return (rawPrepare(raw, 'SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk').pluck().all(table) as string[]);
}

/** Whether the steps are done and the file still waits for its rewrite. */
export function vacuumPending(raw: BetterSqlite3.Database): boolean {
  if (!hasTable(raw, 'compact_progress')) return false;
  return rawPrepare(raw, "SELECT 1 FROM compact_progress WHERE step = 'vacuum'").get() !== undefined;
}

/**
 * Rows the conversion counted when it started (0: none yet, or a new desk's empty tables).
 * Tells the opener whether the file's rewrite is worth reporting when the conversion itself
 * was finished by an earlier run (killed during the rewrite).
 */
export function convertedRows(raw: BetterSqlite3.Database): number {
  if (!hasTable(raw, 'compact_progress')) return 0;
  return (rawPrepare(raw, "SELECT coalesce(sum(rows_total), 0) FROM compact_progress WHERE step <> 'vacuum'").pluck().get() as number) ?? 0;
}

/** In a rewritten copy (or an in-memory desk): the job's bookkeeping goes. */
export function dropProgress(raw: BetterSqlite3.Database): void {
  rawPrepare(raw, 'DROP TABLE IF EXISTS compact_progress').run();
}
