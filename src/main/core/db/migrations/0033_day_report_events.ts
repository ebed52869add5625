import { sql, type Kysely } from 'kysely';

// The supervisor's day report counts the tickets opened today and each person's escalations
// today. ticket_events had no index by time but the partial one of resolves (0004): finding a
// day's creations or escalations read the whole log. Two partial indexes of the same kind, over
// those events alone; an escalation is rare, a creation one index entry a ticket.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX ticket_events_created ON ticket_events(at) WHERE type = 'CREATED'`.execute(db);
  await sql`CREATE INDEX ticket_events_escalated ON ticket_events(at) WHERE type = 'ESCALATE'`.execute(db);
}
