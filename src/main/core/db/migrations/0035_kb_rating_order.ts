import { sql, type Kysely } from 'kysely';

// A suggestion's rating on a ticket is the one in its latest event, whatever order the events
// reach a desk in (two agents, or one agent on two desks, rating the same suggestion): the
// later arrival used to win, so two desks could keep different ratings for good.
// - kb_ratings.ev: the id (a UUID v7: time first, so ids sort as the events happened) of the
//   event the rating is from. Null for a rating from before this: any event replaces it.
// - kb_rating_gone: a rating taken back, with the withdrawal's id: an older rating reaching the
//   desk after it does not bring it back, and its number in the ticket's sequence (kb_cases.seq)
//   for a ticket the desk has no rating of yet. One row per rating taken back, few.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE kb_ratings ADD COLUMN ev ANY`.execute(db);
  await sql`CREATE TABLE kb_rating_gone (ticket_id ANY NOT NULL, article_n INTEGER NOT NULL, ev ANY NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (ticket_id, article_n)) STRICT, WITHOUT ROWID`.execute(db);
}
