import { sql, type Kysely } from 'kysely';
import { storedIdSql } from '../idCodec';

// A rated ticket's knowledge events are numbered from kb_cases.seq, the last number any of
// them carried, here or from another desk. The next number was one past the highest
// kb_ratings.seq of the ticket, and a rating taken back leaves kb_ratings: the rating after a
// withdrawal took the withdrawn one's number again (the same ticket, often the same article,
// the same seq). Filled from what the desk has: its ratings' numbers, and its knowledge log's
// rating events for the ticket (each numbered one past the highest before it, so never above
// their count).
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`ALTER TABLE kb_cases ADD COLUMN seq INTEGER NOT NULL DEFAULT 0`,
    sql`UPDATE kb_cases SET seq = r.seq FROM (SELECT ticket_id, max(seq) AS seq FROM kb_ratings GROUP BY ticket_id) r WHERE r.ticket_id = kb_cases.ticket_id`,
    sql`UPDATE kb_cases SET seq = max(kb_cases.seq, e.n)
      FROM (SELECT payload ->> '$.ticketId' AS ticket, count(*) AS n FROM kb_events WHERE type IN ('kb.rated', 'kb.rating_withdrawn') GROUP BY 1) e
      WHERE kb_cases.ticket_id = ${sql.raw(storedIdSql('e.ticket'))}`,
  ]) {
    await statement.execute(db);
  }
}
