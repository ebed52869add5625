import { sql, type Kysely } from 'kysely';

// The knowledge base, bounded and synced (issue 11).
// - kb_case_fts keeps only the 20,000 most recent rated tickets, the window the
//   similar-ticket search looks in: bm25 reads the whole posting list of each word it
//   scores, so older rows made every search slower without ever being found. The rows
//   stay in kb_cases and kb_ratings; only their words leave the index (then merged, so no
//   deleted entries are left to skip).
// - kb_ratings.seq: the rating's place in its ticket's sequence of ratings, the per-entity
//   seq of the 'knowledge' outbox events (existing ratings are the desk's starting state: 1).
// - csat.seq: the same for a ticket's satisfaction score (recorded, followed up).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM kb_case_fts WHERE rowid <= (SELECT coalesce(max(n), 0) FROM kb_cases) - 20000`.execute(db);
  await sql`INSERT INTO kb_case_fts (kb_case_fts) VALUES ('optimize')`.execute(db);
  await sql`ALTER TABLE kb_ratings ADD COLUMN seq INTEGER NOT NULL DEFAULT 1`.execute(db);
  await sql`ALTER TABLE csat ADD COLUMN seq INTEGER NOT NULL DEFAULT 1`.execute(db);
}
