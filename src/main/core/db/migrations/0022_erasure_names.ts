import { sql, type Kysely } from 'kysely';

// A ticket's first event (CREATED) names its customer, and erasure (customers/privacy.ts)
// must leave their name nowhere. The log stays append-only in every other respect: only the
// customerName of a CREATED event may change, and nothing else in any event's payload.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`DROP TRIGGER ticket_events_no_update`,
    sql`CREATE TRIGGER ticket_events_no_update BEFORE UPDATE OF id, ticket_id, seq, type, actor_id, at, actor_ref, payload_version, machine_version, desk_id ON ticket_events
       BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END`,
    sql`CREATE TRIGGER ticket_events_payload_erasure BEFORE UPDATE OF payload ON ticket_events
       WHEN OLD.type IS NOT 'CREATED' OR json_remove(NEW.payload, '$.customerName') IS NOT json_remove(OLD.payload, '$.customerName')
       BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only: erasure may replace the customer''s name on a ticket''s first event, nothing else'); END`,
  ]) {
    await statement.execute(db);
  }
}
