import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// The ticket log's envelope (src/shared/ticketLog/envelope.ts) on the desk's events, and the
// outbox the hub sync reads. Existing rows are converted in place:
// - every event gets the actor as the directory knows them now (role, tier, segments; the
//   best record there is of how they were), this desk's id, payload and machine version 1,
//   and no global sequence (the hub has not accepted it yet);
// - CREATED carries everything the ticket row was opened with, and the SLA policy it ran
//   under first; each later policy in the row's history becomes a POLICY_CHANGED event in
//   its place in the log (the events after it move one seq on), so the row is the fold of
//   its log alone;
// - the desk gets its id (meta 'desk_id'); the outbox starts empty: what was written before
//   this migration is the desk's starting state, which a hub takes as a snapshot.
// The log stays append-only: only global_seq may be set, once. And one ticket index goes
// (tickets_oldest), so an event writes fewer pages.
const SYSTEM = JSON.stringify({ role: 'system', tier: 3, segments: ['education', 'government', 'small_business', 'large_enterprise', 'home'] });

export async function up(db: Kysely<any>): Promise<void> {
  const deskId = (await sql<{ value: string }>`SELECT value FROM meta WHERE key = 'desk_id'`.execute(db)).rows[0]?.value ?? randomUUID();
  await sql`INSERT OR IGNORE INTO meta (key, value) VALUES ('desk_id', ${deskId})`.execute(db);
  await sql`DROP TRIGGER ticket_events_no_update`.execute(db);
  for (const column of [
    sql`actor TEXT NOT NULL DEFAULT '{}'`,
    sql`payload_version INTEGER NOT NULL DEFAULT 1`,
    sql`machine_version INTEGER NOT NULL DEFAULT 1`,
    sql`desk_id TEXT NOT NULL DEFAULT ''`,
    sql`global_seq INTEGER`,
  ]) {
    await sql`ALTER TABLE ticket_events ADD COLUMN ${column}`.execute(db);
  }
  await sql`
    UPDATE ticket_events SET
      desk_id = ${deskId},
      actor = coalesce(
        (SELECT json_object('role', u.role, 'tier', u.tier, 'segments', json(u.segments)) FROM users u WHERE u.id = ticket_events.actor_id),
        ${SYSTEM}
      )`.execute(db);
  await sql`
    UPDATE ticket_events SET payload = (
      SELECT json_object(
        'number', t.number, 'customerId', t.customer_id, 'customerName', t.customer_name, 'assetId', t.asset_id,
        'serviceTag', t.service_tag, 'segment', t.segment, 'serviceLevel', t.service_level,
        'priority', coalesce(json_extract(ticket_events.payload, '$.priority'), t.priority),
        'subject', t.subject, 'description', t.description, 'channel', t.channel,
        'reopenWindowMs', coalesce(json_extract(t.machine, '$.reopenWindowMs'), 604800000),
        'policy', CASE WHEN json_array_length(t.sla_policies) > 0
          THEN json_object('version', json_extract(t.sla_policies, '$[0].version'), 'policy', json_extract(t.sla_policies, '$[0].policy'))
          ELSE NULL END)
      FROM tickets t WHERE t.id = ticket_events.ticket_id)
    WHERE type = 'CREATED'`.execute(db);

  // Later policies: rare (an admin changed a policy while the ticket was open).
  const changed = (await sql<{ id: string; sla_policies: string; version: number }>`SELECT id, sla_policies, version FROM tickets WHERE json_array_length(sla_policies) > 1`.execute(db)).rows;
  for (const t of changed) {
    const spans = (JSON.parse(t.sla_policies) as Array<{ from: number; version: number; policy: unknown }>).slice(1);
    const events = (await sql<{ id: string; seq: number; at: number; type: string }>`SELECT id, seq, at, type FROM ticket_events WHERE ticket_id = ${t.id} ORDER BY seq`.execute(db)).rows;
    // Out of the way of the unique (ticket, seq) while renumbering.
    await sql`UPDATE ticket_events SET seq = -seq WHERE ticket_id = ${t.id}`.execute(db);
    let seq = 0;
    let next = 0;
    for (const e of events) {
      // A policy noticed at an event was recorded with that event's time: it goes just before it.
      while (next < spans.length && e.type !== 'CREATED' && spans[next]!.from <= e.at) {
        const span = spans[next++]!;
        seq++;
        await sql`INSERT INTO ticket_events (id, ticket_id, seq, type, actor_id, at, payload, actor, desk_id)
          VALUES (${randomUUID()}, ${t.id}, ${seq}, 'POLICY_CHANGED', 'system', ${span.from}, ${JSON.stringify(span)}, ${SYSTEM}, ${deskId})`.execute(db);
      }
      seq++;
      await sql`UPDATE ticket_events SET seq = ${seq} WHERE id = ${e.id}`.execute(db);
    }
    for (; next < spans.length; next++) {
      const span = spans[next]!;
      seq++;
      await sql`INSERT INTO ticket_events (id, ticket_id, seq, type, actor_id, at, payload, actor, desk_id)
        VALUES (${randomUUID()}, ${t.id}, ${seq}, 'POLICY_CHANGED', 'system', ${span.from}, ${JSON.stringify(span)}, ${SYSTEM}, ${deskId})`.execute(db);
    }
    await sql`UPDATE tickets SET version = ${seq} WHERE id = ${t.id}`.execute(db);
  }

  await sql`CREATE TRIGGER ticket_events_no_update BEFORE UPDATE OF id, ticket_id, seq, type, actor_id, at, payload, actor, payload_version, machine_version, desk_id ON ticket_events
     BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER ticket_events_global_seq_once BEFORE UPDATE OF global_seq ON ticket_events WHEN OLD.global_seq IS NOT NULL
     BEGIN SELECT RAISE(ABORT, 'an accepted event keeps its global sequence'); END`.execute(db);
  // A queue's oldest ticket is read from the queue index (tickets.ts, queueSummaryQuery):
  // one index fewer to move on every event that takes a ticket from one queue to another.
  await sql`DROP INDEX tickets_oldest`.execute(db);
  await sql`CREATE TABLE outbox (
     desk_seq INTEGER PRIMARY KEY,
     event_id TEXT NOT NULL,
     stream TEXT NOT NULL,
     body TEXT NOT NULL
   ) STRICT`.execute(db);
}
