import { sql, type Kysely } from 'kysely';

// The centre's settings (the time zone its day follows) travel in the 'settings' stream beside
// SLA policies and calendars: settings_events takes their entity, 'centre'. SQLite cannot
// change a CHECK in place, so the table is made again from its own statement (whatever
// compaction made of its columns), the one constraint widened, its rows and index kept.
export async function up(db: Kysely<any>): Promise<void> {
  const row = (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'settings_events'`.execute(db)).rows[0];
  if (!row) throw new Error('settings_events is missing');
  const widened = row.sql.replace(/CHECK\s*\(\s*entity\s+IN\s*\(\s*'policy',\s*'calendar'\s*\)\s*\)/, "CHECK (entity IN ('policy', 'calendar', 'centre'))");
  if (widened === row.sql) throw new Error('settings_events has no entity check to widen');
  const create = widened.replace(/^CREATE TABLE\s+"?settings_events"?/, 'CREATE TABLE settings_events_new');
  for (const statement of [
    sql.raw(create),
    sql`INSERT INTO settings_events_new SELECT * FROM settings_events`,
    sql`DROP TABLE settings_events`,
    sql`ALTER TABLE settings_events_new RENAME TO settings_events`,
    sql`CREATE INDEX settings_events_entity ON settings_events(entity, entity_id)`,
  ]) {
    await statement.execute(db);
  }
}
