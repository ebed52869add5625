import fs from 'node:fs';
import path from 'node:path';
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
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrate(kysely);
  return {
    sqlite,
    kysely,
    close: () => {
      sqlite.close();
    },
  };
}
