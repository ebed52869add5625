import { sql, type Kysely } from 'kysely';

// A refused change keeps what its author typed (an escalation's note, a resolution's note, a
// new ticket's subject and description, a record's new values): the conflicts page shows it
// to copy, since the change itself is gone from the outbox and from the ticket. Null for a
// change with nothing typed, and for the conflicts recorded before this migration (their
// text was not kept).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sync_conflicts ADD COLUMN written TEXT`.execute(db);
}
