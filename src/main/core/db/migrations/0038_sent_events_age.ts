import { sql, type Kysely } from 'kysely';

// sent_events (0037) grew without bound: one row per change of a stream other than tickets this
// desk ever had accepted by the hub. Each row now says when the hub accepted it (the desk's
// clock), and the sync engine forgets rows older than its window (engine.ts SENT_KEPT_MS, 30
// days): a hub restored from a backup at most that old gets them all again. Rows from before
// this migration count from now.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`ALTER TABLE sent_events ADD COLUMN sent_at INTEGER NOT NULL DEFAULT 0`,
    sql`UPDATE sent_events SET sent_at = unixepoch() * 1000`,
    sql`CREATE INDEX sent_events_sent_at ON sent_events(sent_at)`,
  ]) {
    await statement.execute(db);
  }
}
