import { sql, type Kysely } from 'kysely';

// One agent's ratings no longer swamp what a kind of ticket has learnt: kb_rater_stats keeps,
// per kind (the cluster kb_kind_stats is keyed by), article and agent, that agent's ratings
// (how many, their summed relevance), and kb_kind_stats counts each agent's ratings of an
// article at most RATER_CAP times (their mean at that weight). Ratings before this have no
// row: they count as they did, and each agent's cap starts with their next rating there. The
// agent's id is 16 bytes when it is a UUID, as everywhere in the file (idCodec.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE kb_rater_stats (kind TEXT NOT NULL, article_n INTEGER NOT NULL, actor_id ANY NOT NULL, n REAL NOT NULL, sum REAL NOT NULL, PRIMARY KEY (kind, article_n, actor_id)) STRICT, WITHOUT ROWID`.execute(db);
}
