import { sql, type Kysely } from 'kysely';

// Two indexes reshaped for what reads them, measured at 2 million tickets:
// - "Resolved today" is the only reader of ticket_events by type, yet the (type, at) index
//   took a write on every event; a partial index over RESOLVE events alone costs the other
//   event types nothing.
// - The 360° view reads each system's ownership history; with the owner and dates in the
//   index it never visits the asset_owners table (one page per system fewer, the pages
//   that decided the lookup's p99).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX ticket_events_type_at`.execute(db);
  await sql`CREATE INDEX ticket_events_resolved ON ticket_events(at) WHERE type = 'RESOLVE'`.execute(db);
  await sql`DROP INDEX asset_owners_asset`.execute(db);
  await sql`CREATE INDEX asset_owners_history ON asset_owners(asset_id, from_at, customer_id, to_at)`.execute(db);
}
