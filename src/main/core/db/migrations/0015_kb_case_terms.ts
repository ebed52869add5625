import { sql, type Kysely } from 'kysely';
import { storedIdSql } from '../idCodec';

// The similar-ticket search without FTS5 (issue 11).
// - kb_case_terms: the words of the 20,000 most recent rated tickets, one row per word and
//   ticket (a ticket's first 12 words, subject first), with how many words it has. The
//   similar tickets of a new one are read from it by key: for each of its telling words, the
//   most recent rated tickets that have it. bm25 over kb_case_fts read and scored the whole
//   posting list of every word instead, which was most of suggesting's time.
// - Filled from the desk's knowledge log: a rated ticket's words are those of the first
//   rating this desk recorded for it (kb_events keeps them, local and synced alike), as the
//   store records them.
//   The ticket id in the event is text; kb_cases holds it as 16 bytes since 0014.
// - kb_case_fts and its vocabulary go: nothing reads them any more.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`CREATE TABLE kb_case_terms (
      term TEXT NOT NULL,
      case_n INTEGER NOT NULL,
      words INTEGER NOT NULL,
      PRIMARY KEY (term, case_n)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX kb_case_terms_case ON kb_case_terms(case_n)`,
    sql`INSERT OR IGNORE INTO kb_case_terms (term, case_n, words)
      SELECT w.value, f.n, min(json_array_length(f.payload, '$.terms'), 12)
      FROM (
        SELECT c.n, e.payload, min(e.rowid)
        FROM kb_events e CROSS JOIN kb_cases c
        WHERE e.type = 'kb.rated' AND c.ticket_id = ${sql.raw(storedIdSql("(e.payload ->> '$.ticketId')"))} AND c.n > (SELECT coalesce(max(n), 0) FROM kb_cases) - 20000
        GROUP BY c.n
      ) f, json_each(f.payload, '$.terms') w
      WHERE w.key < 12 AND w.type = 'text'`,
    sql`DROP TABLE IF EXISTS kb_case_vocab`,
    sql`DROP TABLE IF EXISTS kb_case_fts`,
  ]) {
    await statement.execute(db);
  }
}
