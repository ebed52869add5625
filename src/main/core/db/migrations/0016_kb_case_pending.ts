import { sql, type Kysely } from 'kysely';

// A rating's own commit stops writing the similar-ticket index (issue 11, kb_rate).
// - kb_case_pending: rated tickets whose words are not in kb_case_terms yet, one row each
//   (the ticket's first 12 words, as a JSON array). A ticket's first rating wrote a dozen
//   kb_case_terms rows, each on its own page of the word-ordered index, and deleted the
//   oldest rated ticket's dozen from as many more: about 36 pages a commit instead of 7.
//   Now it writes this one row; the store moves the pending tickets' words into
//   kb_case_terms in batches, in transactions of their own, and reads pending ones from
//   memory meanwhile, so a rating still reaches the next similar ticket at once.
// - Rows left here by a kill are moved at the next start: the index is never missing a
//   rated ticket.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE kb_case_pending (case_n INTEGER PRIMARY KEY, words TEXT NOT NULL) STRICT`.execute(db);
}
