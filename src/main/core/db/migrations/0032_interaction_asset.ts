import { sql, type Kysely } from 'kysely';

// A contact an agent logs on the 360° view (customers.logInteraction) may be about one of the
// customer's systems: the interaction keeps which. Stored as the other tables store ids (ANY: a
// 16-byte uuid, db/compact.ts); null for every interaction before it, and for a ticket's.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE interactions ADD COLUMN asset_id ANY`.execute(db);
}
