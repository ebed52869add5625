import { sql, type Kysely } from 'kysely';

// A ticket opened on this desk while the hub was out of reach can lose its number to another
// desk's ticket that reached the hub first: this desk gives its own the next free number, or
// the one the hub gave it (sync/apply.ts, freeNumber and takeHubNumber). The agent may already have read the old number to the caller,
// so the desk keeps which ticket was opened here under it: looking the old number up then
// names the ticket that has it now. Ids are stored as the other tables store them (ANY: a
// 16-byte uuid, db/compact.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE ticket_renumbers (
    old_number INTEGER PRIMARY KEY,
    ticket_id ANY NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
    at INTEGER NOT NULL
  ) STRICT`.execute(db);
}
