import { sql, type Kysely } from 'kysely';

// The knowledge base, its learning and customer satisfaction (issue 11).
// - kb_events: append-only, one row per article change and per rating, in the envelope the
//   desk's other events use (UUID v7 id, type, desk time, the author's actor snapshot,
//   payload), so the hub can sync them; every other kb_ table is a projection of it.
// - kb_articles: the current version; n is the FTS5 rowid. kb_article_versions keeps every
//   version. kb_fts is contentless: it holds the normalised text only for matching; what is
//   shown comes from kb_articles.
// - the learning's state: rating tallies per (kind, article) and per article,
//   the model's weights, and measured precision per kind (how often to ask).
// - kb_cases: the rated tickets' words, searched for the tickets similar to a new one.
// - csat: one score per resolved ticket, low ones flagged for a supervisor's follow-up.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`CREATE TABLE kb_events (
      id TEXT PRIMARY KEY,
      type TEXT NOT NULL,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      payload TEXT NOT NULL
    ) STRICT`,
    sql`CREATE TABLE kb_articles (
      n INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      product_lines TEXT NOT NULL,
      models TEXT NOT NULL,
      segments TEXT NOT NULL,
      tags TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
      author_id TEXT NOT NULL,
      source_ticket_id TEXT,
      version INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT`,
    sql`CREATE INDEX kb_articles_updated ON kb_articles(updated_at)`,
    sql`CREATE TABLE kb_article_versions (
      article_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      product_lines TEXT NOT NULL,
      models TEXT NOT NULL,
      segments TEXT NOT NULL,
      tags TEXT NOT NULL,
      status TEXT NOT NULL,
      author_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      PRIMARY KEY (article_id, version)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE VIRTUAL TABLE kb_fts USING fts5(title, body, tags, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2')`,
    sql`CREATE TABLE kb_ratings (
      ticket_id TEXT NOT NULL,
      case_n INTEGER NOT NULL,
      article_n INTEGER NOT NULL,
      rating INTEGER NOT NULL CHECK (rating IN (0, 1, 2)),
      solved INTEGER NOT NULL DEFAULT 0,
      kind TEXT NOT NULL,
      actor_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      PRIMARY KEY (ticket_id, article_n)
    ) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX kb_ratings_case ON kb_ratings(case_n, article_n, rating)`,
    // Every rated ticket once, with its words: the "similar tickets" of a new one are found
    // by full-text search over these, and their ratings are read from kb_ratings.
    sql`CREATE TABLE kb_cases (n INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL UNIQUE, product_line TEXT, at INTEGER NOT NULL) STRICT`,
    sql`CREATE VIRTUAL TABLE kb_case_fts USING fts5(text, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`,
    sql`CREATE VIRTUAL TABLE kb_case_vocab USING fts5vocab(kb_case_fts, 'row')`,
    sql`CREATE TABLE kb_kind_stats (kind TEXT NOT NULL, article_n INTEGER NOT NULL, n REAL NOT NULL, sum REAL NOT NULL, PRIMARY KEY (kind, article_n)) STRICT, WITHOUT ROWID`,
    sql`CREATE INDEX kb_kind_stats_best ON kb_kind_stats(kind, sum)`,
    sql`CREATE TABLE kb_article_stats (article_n INTEGER PRIMARY KEY, n REAL NOT NULL, sum REAL NOT NULL) STRICT`,
    sql`CREATE TABLE kb_precision (kind TEXT PRIMARY KEY, shown REAL NOT NULL, relevant REAL NOT NULL, ask_rate REAL NOT NULL) STRICT, WITHOUT ROWID`,
    sql`CREATE TABLE kb_model (id INTEGER PRIMARY KEY CHECK (id = 1), weights TEXT NOT NULL, updates INTEGER NOT NULL) STRICT`,
    sql`CREATE TABLE csat (
      ticket_id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL,
      segment TEXT NOT NULL,
      tier INTEGER NOT NULL,
      product_line TEXT,
      score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
      comment TEXT NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('agent', 'import')),
      actor_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      followed_up_at INTEGER,
      followed_up_by TEXT
    ) STRICT`,
    sql`CREATE INDEX csat_at ON csat(at)`,
    sql`CREATE INDEX csat_followup ON csat(at) WHERE score <= 2 AND followed_up_at IS NULL`,
  ]) {
    await statement.execute(db);
  }
}
