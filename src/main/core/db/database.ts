import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from './migrate';
import type { Database } from './schema';

export const DB_FILE = 'tagdesk.sqlite';

export interface DeskDb {
  /** The raw handle: hot reads use prepared statements on it, compiled once. */
  sqlite: BetterSqlite3.Database;
  kysely: Kysely<Database>;
  close(): void;
}

/**
 * Opens (creating when needed) the desk database in `dataDir`, with WAL, foreign keys and
 * durable commits (synchronous=FULL: a ticket event acknowledged to an agent survives a
 * power cut), then applies pending migrations.
 */
export async function openDatabase(dataDir: string | ':memory:'): Promise<DeskDb> {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    fs.mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, DB_FILE);
  }
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  // No checkpoint inside an agent's commit, nor on this thread at all: a checkpoint copies
  // every page the WAL holds back into the database and syncs it, which stalled whatever
  // call came next (escalate's p99 was 16 ms at 2 M tickets with SQLite's own). A worker
  // thread with its own connection does it instead, while this one goes on committing.
  sqlite.pragma('wal_autocheckpoint = 0');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(kysely);
  const checkpointer = file === ':memory:' ? null : startCheckpointer(file);
  return {
    sqlite,
    kysely,
    close: () => {
      if (!sqlite.open) return;
      checkpointer?.stop();
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    },
  };
}

const CHECKPOINT_EVERY_MS = 1_000;

// The worker's whole program. It is plain CommonJS passed as a string, so it needs no
// bundling of its own, and it loads the same better-sqlite3 the desk resolved.
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = FULL');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Checkpoints the WAL every second from a worker thread until stopped. */
function startCheckpointer(file: string): { stop(): void } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, file, everyMs: CHECKPOINT_EVERY_MS } });
  worker.unref();
  worker.on('message', (m: unknown) => console.error(`tagdesk: WAL checkpoint failed: ${String(m)}`));
  worker.on('error', (e) => console.error('tagdesk: the WAL checkpointer stopped', e));
  return { stop: () => worker.postMessage('stop') };
}
