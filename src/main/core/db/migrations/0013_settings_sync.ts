import { sql, type Kysely } from 'kysely';

// SLA policies, calendars and users follow the hub (issue 10, part 4):
// - settings_events: every change to an SLA policy or a business-hours calendar, made here
//   (global_seq null until the hub has it) or pulled from the hub; what the settings stream
//   applier reads to tell which fields a later change in the hub's order already set.
// - user_events: the hub's changes to accounts this desk has applied, so a pull that repeats
//   one changes nothing.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`CREATE TABLE settings_events (
       id TEXT PRIMARY KEY,
       entity TEXT NOT NULL CHECK (entity IN ('policy', 'calendar')),
       entity_id TEXT NOT NULL,
       type TEXT NOT NULL,
       at INTEGER NOT NULL,
       actor_id TEXT NOT NULL,
       actor_name TEXT NOT NULL,
       payload TEXT NOT NULL,
       global_seq INTEGER
     ) STRICT`,
    sql`CREATE INDEX settings_events_entity ON settings_events(entity, entity_id)`,
    sql`CREATE TABLE user_events (
       id TEXT PRIMARY KEY,
       user_id TEXT NOT NULL,
       type TEXT NOT NULL,
       at INTEGER NOT NULL,
       global_seq INTEGER NOT NULL,
       payload TEXT NOT NULL
     ) STRICT`,
  ]) {
    await statement.execute(db);
  }
}
