import type BetterSqlite3 from 'better-sqlite3';
import { ApiError } from '../../../shared/api';
import { say } from '../../../shared/messageKeys';
import type { Actor } from '../../../shared/domain';
import { INITIAL_PRECISION, observe, precisionOf, reobserve, shouldAsk, unobserve, type PrecisionState } from '../../../shared/kb/askPolicy';
import { categorize, type Category } from '../../../shared/kb/category';
import { boundedTerms, ftsQuery, hasTerm, isPrefixTerm, normalizeText, queryTerms, spellings } from '../../../shared/kb/normalize';
import {
  best,
  EMPTY_TALLY,
  FEATURES,
  INITIAL_WEIGHTS,
  learn,
  rank,
  relevanceOf,
  type CandidateInput,
  type Ranked,
  type Tally,
  type TicketContext,
  type Vector,
  type Weights,
} from '../../../shared/kb/ranker';
import type { ArticleInput, ArticleSummary, Rating } from '../../../shared/kb/schemas';
import { uuidv7 } from '../ids';
import type { Outbox } from '../outbox';
import type { OutboxEnvelope } from '../../../shared/ticketLog/envelope';
import { segmentSchema } from '../../../shared/domain';
import {
  articlePayloadSchema,
  KNOWLEDGE_STREAM,
  ratedPayloadSchema,
  ratingWithdrawnPayloadSchema,
  solvedWithdrawnPayloadSchema,
  type ArticlePayload,
  type KnowledgeEventType,
  type RatedPayload,
  type RatingWithdrawnPayload,
  type SolvedWithdrawnPayload,
} from '../../../shared/kb/knowledgeStream';

// The knowledge base's storage: articles with every version, the FTS5 index, ratings and
// the re-ranker's state. Every statement is compiled once when the store opens. Each
// write appends an event to kb_events (the envelope the hub will sync) and updates the
// projections in the same IMMEDIATE transaction.
//
// Article metadata (title, product lines, ...) is kept in memory as well: suggesting reads
// up to 60 candidates per call, and 10,000 articles' metadata is a few megabytes.

export interface KbQuery {
  /** Which ticket (or evaluation query) this is: ratings and the ask decision hang on it. */
  key: string;
  text: string;
  productLine: string | null;
  model: string | null;
  segment: string | null;
}

export interface ArticleMeta {
  n: number;
  id: string;
  title: string;
  excerpt: string;
  productLines: string[];
  models: string[];
  segments: string[];
  tags: string[];
  status: 'draft' | 'published';
  version: number;
  updatedAt: number;
}

export interface Suggested {
  kind: string;
  category: Category;
  ask: boolean;
  precision: number | null;
  ranked: Array<Ranked & { meta: ArticleMeta; matched: string[] }>;
}

export interface SuggestOptions {
  limit?: number;
  /** Off: text, product, model and segment with the initial weights only (the baseline). */
  learning?: boolean;
}

interface ArticleRow {
  n: number;
  id: string;
  title: string;
  body: string;
  product_lines: string;
  models: string;
  segments: string;
  tags: string;
  status: 'draft' | 'published';
  author_id: string;
  source_ticket_id: string | null;
  version: number;
  created_at: number;
  updated_at: number;
}

const FTS_CANDIDATES = 40;
const HISTORY_CANDIDATES = 10;
const NEIGHBOURS = 30;
/**
 * Similar tickets are looked for among the most recent rated ones (kb_case_terms keeps their
 * words): a bound on what is kept and read at a million ratings, and recent ones say most
 * about today's problems. The kind and article tallies keep the whole history.
 */
export const RECENT_CASES = 20_000;
const STAT_TERMS = 12;
/**
 * Words of a ticket searched for: the first ones, subject first. bm25 scores every article
 * that has any of them, so each word costs its posting list; past eight, a ticket's words
 * are mostly its description's chatter. When the first eight are in more than
 * MATCH_POSTINGS articles between them, the rarest of the first MATCH_POOL that fit are
 * searched instead (`boundedTerms`): the search's cost stays bounded however large the KB.
 */
export const MATCH_TERMS = 8;
const MATCH_POSTINGS = 1500;
const MATCH_POOL = 16;
/** The same choice of words for the similar-ticket search, in rated tickets of the recent window. */
const CASE_POSTINGS = 1500;
/** A word in more than this share of the recent rated tickets finds no one in particular. */
const TELLING_SHARE = 0.04;
const TELLING_MAX = RECENT_CASES * TELLING_SHARE;
/**
 * Rated tickets read per word of a ticket, the most recent that have it: what bounds the
 * similar-ticket search's cost, one keyed range read per word.
 */
const CASE_READS = 100;
/** Words kept per rated ticket (its first: subject first), the ones a similar one is found by. */
export const CASE_TERMS = 12;
/** bm25's constants, as FTS5 has them. */
const BM25_K1 = 1.2;
const BM25_B = 0.75;
/** bm25 column weights: title, body, tags. */
const BM25 = 'bm25(kb_fts, 4.0, 1.0, 2.0)';

export type KbStore = ReturnType<typeof kbStore>;

export interface KbStoreOptions {
  /**
   * The desk's outbox: each article change and rating is appended to it (stream
   * 'knowledge') in the same transaction, for the hub. None for `tagdesk kb eval`.
   */
  outbox?: Outbox | null;
  /**
   * How long after a ticket's first rating its words move into the similar-ticket index, in
   * a transaction of their own (250 ms); 0: only in batches of PENDING_BATCH, or on `indexPending()`.
   */
  indexDelayMs?: number;
}

/**
 * One agent's ratings of an article count at most this many times in what a kind of ticket has
 * learnt (kb_kind_stats), and at most this much similarity in the similar tickets' tally: at
 * their mean, so an agent who rates an article the same way on forty tickets weighs as three,
 * and five colleagues who found otherwise outweigh them. The article's own count (its page's
 * "N ratings") keeps every rating.
 */
export const RATER_CAP = 3;

/** Rated tickets whose words are moved into kb_case_terms at most in one transaction. */
const PENDING_BATCH = 256;

export function kbStore(sqlite: BetterSqlite3.Database, options: KbStoreOptions = {}) {
  const q = {
    event: sqlite.prepare('INSERT INTO kb_events (id, type, at, actor, payload) VALUES (?, ?, ?, ?, ?)'),
    remoteEvent: sqlite.prepare('INSERT OR IGNORE INTO kb_events (id, type, at, actor, payload) VALUES (?, ?, ?, ?, ?)'),
    putArticleAt: sqlite.prepare(
      `INSERT INTO kb_articles (id, title, body, product_lines, models, segments, tags, status, author_id, source_ticket_id, version, created_at, updated_at)
       VALUES (@id, @title, @body, @product_lines, @models, @segments, @tags, @status, @author_id, @source_ticket_id, @version, @at, @at)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body, product_lines = excluded.product_lines, models = excluded.models,
       segments = excluded.segments, tags = excluded.tags, status = excluded.status, author_id = excluded.author_id, version = excluded.version, updated_at = excluded.updated_at`,
    ),
    insertVersionIfNew: sqlite.prepare(
      `INSERT OR IGNORE INTO kb_article_versions (article_id, version, title, body, product_lines, models, segments, tags, status, author_id, at)
       VALUES (@id, @version, @title, @body, @product_lines, @models, @segments, @tags, @status, @author_id, @at)`,
    ),
    // A ticket's knowledge events are numbered past the last number any of them carried, here or
    // from another desk (kb_cases.seq, migration 0029): a rating taken back leaves kb_ratings,
    // and one past its ratings' highest number gave the next rating the withdrawn one's number.
    ratingSeq: sqlite.prepare<[string], { seq: number }>('SELECT seq FROM kb_cases WHERE ticket_id = ?'),
    seqSeen: sqlite.prepare<[number, string]>('UPDATE kb_cases SET seq = max(seq, ?) WHERE ticket_id = ?'),
    articleById: sqlite.prepare<[string], ArticleRow>('SELECT * FROM kb_articles WHERE id = ?'),
    allMeta: sqlite.prepare<[], ArticleRow>('SELECT n, id, title, substr(body, 1, 400) AS body, product_lines, models, segments, tags, status, version, updated_at FROM kb_articles'),
    bodyOf: sqlite.prepare<[number], string>('SELECT body FROM kb_articles WHERE n = ?').pluck(),
    insertArticle: sqlite.prepare(
      `INSERT INTO kb_articles (id, title, body, product_lines, models, segments, tags, status, author_id, source_ticket_id, version, created_at, updated_at)
       VALUES (@id, @title, @body, @product_lines, @models, @segments, @tags, @status, @author_id, @source_ticket_id, 1, @at, @at)`,
    ),
    updateArticle: sqlite.prepare(
      `UPDATE kb_articles SET title = @title, body = @body, product_lines = @product_lines, models = @models, segments = @segments, tags = @tags,
       status = @status, author_id = @author_id, version = version + 1, updated_at = @at WHERE id = @id`,
    ),
    insertVersion: sqlite.prepare(
      `INSERT INTO kb_article_versions (article_id, version, title, body, product_lines, models, segments, tags, status, author_id, at)
       VALUES (@id, @version, @title, @body, @product_lines, @models, @segments, @tags, @status, @author_id, @at)`,
    ),
    versions: sqlite.prepare<[string], { version: number; title: string; status: 'draft' | 'published'; author_id: string; at: number }>(
      'SELECT version, title, status, author_id, at FROM kb_article_versions WHERE article_id = ? ORDER BY version DESC',
    ),
    ftsDelete: sqlite.prepare('DELETE FROM kb_fts WHERE rowid = ?'),
    ftsInsert: sqlite.prepare('INSERT INTO kb_fts (rowid, title, body, tags) VALUES (?, ?, ?, ?)'),
    termDocs: sqlite.prepare<[string], { n: number }>('SELECT count(*) AS n FROM kb_fts WHERE kb_fts MATCH ?'),
    search: sqlite.prepare<[string, number], { n: number; score: number }>(`SELECT rowid AS n, -${BM25} AS score FROM kb_fts WHERE kb_fts MATCH ? ORDER BY ${BM25} LIMIT ?`),
    recent: sqlite.prepare<[number], { n: number }>('SELECT n FROM kb_articles ORDER BY updated_at DESC LIMIT ?'),
    caseCount: sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM kb_cases'),
    lastCase: sqlite.prepare<[], { n: number | null }>('SELECT max(n) AS n FROM kb_cases'),
    casesWithTerm: sqlite
      .prepare<[string, number, number], [number, number]>('SELECT case_n, words FROM kb_case_terms WHERE term = ? AND case_n > ? ORDER BY case_n DESC LIMIT ?')
      .raw(),
    caseRatings: sqlite.prepare<[string], { case_n: number; product_line: string | null; article_n: number; rating: Rating; actor_id: string }>(
      'SELECT r.case_n, c.product_line, r.article_n, r.rating, r.actor_id FROM json_each(?) j JOIN kb_cases c ON c.n = j.value JOIN kb_ratings r ON r.case_n = c.n',
    ),
    docFrequency: sqlite.prepare<[string, number], { doc: number }>('SELECT count(*) AS doc FROM (SELECT 1 FROM kb_case_terms WHERE term = ? LIMIT ?)'),
    caseOf: sqlite.prepare<[string], { n: number }>('SELECT n FROM kb_cases WHERE ticket_id = ?'),
    insertCase: sqlite.prepare<[string, string | null, number], { n: number }>('INSERT INTO kb_cases (ticket_id, product_line, at) VALUES (?, ?, ?) RETURNING n'),
    caseTerm: sqlite.prepare<[string, number, number]>('INSERT OR IGNORE INTO kb_case_terms (term, case_n, words) VALUES (?, ?, ?)'),
    caseTermsForget: sqlite.prepare<[number]>('DELETE FROM kb_case_terms WHERE case_n <= ?'),
    pendingCases: sqlite.prepare<[], { case_n: number; words: string }>('SELECT case_n, words FROM kb_case_pending ORDER BY case_n'),
    putPending: sqlite.prepare<[number, string]>('INSERT OR REPLACE INTO kb_case_pending (case_n, words) VALUES (?, ?)'),
    pendingDone: sqlite.prepare<[number]>('DELETE FROM kb_case_pending WHERE case_n <= ?'),
    caseWords: sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM kb_case_terms'),
    kindStats: sqlite.prepare<[string, string], { n: number; tn: number; tsum: number }>(
      'SELECT article_n AS n, n AS tn, sum AS tsum FROM kb_kind_stats WHERE kind = ? AND article_n IN (SELECT value FROM json_each(?))',
    ),
    kindBest: sqlite.prepare<[string, number], { n: number }>('SELECT article_n AS n FROM kb_kind_stats WHERE kind = ? AND sum / (n + 3) > 0.5 ORDER BY sum DESC LIMIT ?'),
    articleStats: sqlite.prepare<[string], { n: number; tn: number; tsum: number }>(
      'SELECT article_n AS n, n AS tn, sum AS tsum FROM kb_article_stats WHERE article_n IN (SELECT value FROM json_each(?))',
    ),
    oneArticleStats: sqlite.prepare<[number], { n: number; sum: number }>('SELECT n, sum FROM kb_article_stats WHERE article_n = ?'),
    precision: sqlite.prepare<[string], { shown: number; relevant: number; ask_rate: number }>('SELECT shown, relevant, ask_rate FROM kb_precision WHERE kind = ?'),
    putPrecision: sqlite.prepare(
      'INSERT INTO kb_precision (kind, shown, relevant, ask_rate) VALUES (?, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET shown = excluded.shown, relevant = excluded.relevant, ask_rate = excluded.ask_rate',
    ),
    previousRating: sqlite.prepare<[string, number], { rating: Rating; solved: number; kind: string; actor_id: string }>(
      'SELECT rating, solved, kind, actor_id FROM kb_ratings WHERE ticket_id = ? AND article_n = ?',
    ),
    // The id of the latest event that decided a suggestion's rating on a ticket (a rating, or its
    // withdrawal): an older one arriving later changes nothing (migration 0035).
    clockOf: sqlite.prepare<[string, number, string, number], { ev: string | null }>(
      `SELECT max(coalesce((SELECT ev FROM kb_ratings WHERE ticket_id = ? AND article_n = ?), ''), coalesce((SELECT ev FROM kb_rating_gone WHERE ticket_id = ? AND article_n = ?), '')) AS ev`,
    ),
    putGone: sqlite.prepare<[string, number, string, number]>(
      'INSERT INTO kb_rating_gone (ticket_id, article_n, ev, seq) VALUES (?, ?, ?, ?) ON CONFLICT (ticket_id, article_n) DO UPDATE SET ev = max(ev, excluded.ev), seq = max(seq, excluded.seq)',
    ),
    goneSeq: sqlite.prepare<[string], { seq: number | null }>('SELECT max(seq) AS seq FROM kb_rating_gone WHERE ticket_id = ?'),
    dropGone: sqlite.prepare<[string, number]>('DELETE FROM kb_rating_gone WHERE ticket_id = ? AND article_n = ?'),
    setEv: sqlite.prepare<[string, string, number]>('UPDATE kb_ratings SET ev = ? WHERE ticket_id = ? AND article_n = ?'),
    caseAt: sqlite.prepare<[number, string]>('UPDATE kb_cases SET at = min(at, ?) WHERE ticket_id = ?'),
    deleteRating: sqlite.prepare<[string, number]>('DELETE FROM kb_ratings WHERE ticket_id = ? AND article_n = ?'),
    markOf: sqlite.prepare<[string, number], { rating: Rating; solved: number; kind: string; solved_undo: string | null; actor_id: string }>(
      'SELECT rating, solved, kind, solved_undo, actor_id FROM kb_ratings WHERE ticket_id = ? AND article_n = ?',
    ),
    keepMark: sqlite.prepare<[string, string, number]>('UPDATE kb_ratings SET solved_undo = ? WHERE ticket_id = ? AND article_n = ?'),
    unmark: sqlite.prepare<[Rating, string, string, number]>('UPDATE kb_ratings SET rating = ?, solved = 0, kind = ?, solved_undo = NULL WHERE ticket_id = ? AND article_n = ?'),
    ratingsOf: sqlite.prepare<[string], { article_n: number; rating: Rating; solved: number }>('SELECT article_n, rating, solved FROM kb_ratings WHERE ticket_id = ?'),
    putRating: sqlite.prepare(
      `INSERT INTO kb_ratings (ticket_id, case_n, article_n, rating, solved, kind, actor_id, at, seq, ev) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (ticket_id, article_n) DO UPDATE SET rating = excluded.rating, solved = max(solved, excluded.solved), kind = excluded.kind, actor_id = excluded.actor_id, at = excluded.at,
       seq = max(seq, excluded.seq), ev = excluded.ev`,
    ),
    addKind: sqlite.prepare('INSERT INTO kb_kind_stats (kind, article_n, n, sum) VALUES (?, ?, ?, ?) ON CONFLICT (kind, article_n) DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum'),
    raterOf: sqlite.prepare<[string, number, string], { n: number; sum: number }>('SELECT n, sum FROM kb_rater_stats WHERE kind = ? AND article_n = ? AND actor_id = ?'),
    dropRater: sqlite.prepare<[string, number, string]>('DELETE FROM kb_rater_stats WHERE kind = ? AND article_n = ? AND actor_id = ?'),
    putRater: sqlite.prepare<[string, number, string, number, number]>(
      'INSERT INTO kb_rater_stats (kind, article_n, actor_id, n, sum) VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, article_n, actor_id) DO UPDATE SET n = excluded.n, sum = excluded.sum',
    ),
    addArticle: sqlite.prepare('INSERT INTO kb_article_stats (article_n, n, sum) VALUES (?, ?, ?) ON CONFLICT (article_n) DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum'),
    model: sqlite.prepare<[], { weights: string; updates: number }>('SELECT weights, updates FROM kb_model WHERE id = 1'),
    putModel: sqlite.prepare('INSERT INTO kb_model (id, weights, updates) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET weights = excluded.weights, updates = excluded.updates'),
  };

  /** What one agent's ratings add beyond RATER_CAP: taken off the kind's tally. */
  const beyondCap = (t: Tally): Tally => (t.n > RATER_CAP ? { n: t.n - RATER_CAP, sum: t.sum - (t.sum * RATER_CAP) / t.n } : EMPTY_TALLY);
  /**
   * One agent's change (dn ratings, ds relevance) to an article's tallies: the kind's counts the
   * agent at most RATER_CAP times (kb_rater_stats keeps each agent's own; migration 0034), the
   * article's every rating. A rating from before the migration has no row: it counted in full,
   * and taken back it goes in full.
   */
  const tally = (cluster: string, articleN: number, actorId: string, dn: number, ds: number) => {
    const was = q.raterOf.get(cluster, articleN, actorId) ?? EMPTY_TALLY;
    const now = { n: Math.max(0, was.n + dn), sum: Math.max(0, was.sum + ds) };
    // An agent with no rating left there has no row: the same on every desk, whichever agent's
    // rating of a suggestion replaced whose.
    if (now.n === 0) q.dropRater.run(cluster, articleN, actorId);
    else q.putRater.run(cluster, articleN, actorId, now.n, now.sum);
    const before = beyondCap(was);
    const after = beyondCap(now);
    q.addKind.run(cluster, articleN, dn - (after.n - before.n), ds - (after.sum - before.sum));
    q.addArticle.run(articleN, dn, ds);
  };

  // ---- in-memory state ----------------------------------------------------------------------
  let metaByN: Map<number, ArticleMeta> | null = null;
  let metaById = new Map<string, ArticleMeta>();
  const loadMeta = () => {
    if (metaByN) return metaByN;
    metaByN = new Map();
    metaById = new Map();
    for (const r of q.allMeta.all()) remember(r);
    return metaByN;
  };
  const remember = (r: Pick<ArticleRow, 'n' | 'id' | 'title' | 'body' | 'product_lines' | 'models' | 'segments' | 'tags' | 'status' | 'version' | 'updated_at'>) => {
    const m: ArticleMeta = {
      n: r.n, id: r.id, title: r.title, excerpt: excerptOf(r.body), productLines: JSON.parse(r.product_lines), models: JSON.parse(r.models),
      segments: JSON.parse(r.segments), tags: JSON.parse(r.tags), status: r.status, version: r.version, updatedAt: r.updated_at,
    };
    metaByN?.set(m.n, m);
    metaById.set(m.id, m);
    return m;
  };
  const metaOfId = (id: string) => (loadMeta(), metaById.get(id));
  // The words of an article a suggestion shows (title, excerpt, tags): what "matches the words"
  // names. Worked out once per version of the article's metadata.
  const shownWords = new WeakMap<ArticleMeta, Set<string>>();
  const wordsOf = (m: ArticleMeta) => {
    let words = shownWords.get(m);
    if (!words) {
      words = new Set(normalizeText(`${m.title} ${m.excerpt} ${m.tags.join(' ')}`).split(/[^\p{L}\p{N}]+/u));
      shownWords.set(m, words);
    }
    return words;
  };
  // The words of its whole text, read for a suggested article only when a ticket's word it
  // matched is not among those shown: "Matches the ticket's words" with no word named left the
  // agent guessing (the match was further down the article).
  const bodyWords = new WeakMap<ArticleMeta, Set<string>>();
  const textWordsOf = (m: ArticleMeta) => {
    let words = bodyWords.get(m);
    if (!words) {
      words = new Set(normalizeText(q.bodyOf.get(m.n) ?? '').split(/[^\p{L}\p{N}]+/u));
      bodyWords.set(m, words);
    }
    return words;
  };
  /** The ticket's words an article has: those shown first, then those further down its text; at most six. */
  const matchedWords = (terms: readonly string[], m: ArticleMeta): string[] => {
    const shown = wordsOf(m);
    const matched = terms.filter((t) => hasTerm(shown, t));
    if (matched.length < 6 && matched.length < terms.length) {
      const text = textWordsOf(m);
      for (const t of terms) if (!matched.includes(t) && hasTerm(text, t)) matched.push(t);
    }
    return matched.slice(0, 6);
  };

  const loadedModel = q.model.get();
  let weights: Weights = loadedModel ? { ...INITIAL_WEIGHTS, ...(JSON.parse(loadedModel.weights) as Partial<Weights>) } : { ...INITIAL_WEIGHTS };
  let updates = loadedModel?.updates ?? 0;
  // Another process serving the same folder (a second shell, the CLI) may have saved an
  // article or learnt from a rating meanwhile: each call first compares a stamp of the
  // articles and the model (three index lookups) with what this store last saw, and
  // reloads what changed. The store's own writes move the stamp it has seen along. The rated
  // tickets are in it too (the last one, and the last whose words wait for the index): the
  // similar-ticket search counts them and holds the waiting words in memory, and a ticket the
  // other process rated was never found as a similar one here until a restart.
  const stampOf = sqlite.prepare<[], { n: number | null; at: number | null; updates: number | null; cases: number | null; pending: number | null }>(
    `SELECT (SELECT max(n) FROM kb_articles) AS n, (SELECT max(updated_at) FROM kb_articles) AS at, (SELECT updates FROM kb_model WHERE id = 1) AS updates,
     (SELECT max(n) FROM kb_cases) AS cases, (SELECT max(case_n) FROM kb_case_pending) AS pending`,
  );
  let seen = stampOf.get()!;
  const fresh = () => {
    const now = stampOf.get()!;
    if (now.n !== seen.n || now.at !== seen.at) {
      metaByN = null;
      forgetArticles();
    }
    if ((now.updates ?? 0) !== updates) {
      const model = q.model.get();
      if (model) {
        weights = { ...INITIAL_WEIGHTS, ...(JSON.parse(model.weights) as Partial<Weights>) };
        updates = model.updates;
      }
      precisionCache.clear();
    }
    if (now.cases !== seen.cases || now.pending !== seen.pending) {
      // kb_cases only grows, a number a rated ticket: the new ones are counted on.
      const last = now.cases ?? 0;
      if (last > lastCase) {
        cases += last - lastCase;
        lastCase = last;
      }
      caseWords = null;
      caseDocs.clear();
      loadPending();
    }
    seen = now;
  };
  const saw = () => void (seen = stampOf.get()!);
  /** After a rating here: the model moved on by this store's own update, the articles did not. */
  const sawRating = () => {
    const now = stampOf.get()!;
    seen = { ...seen, updates, cases: now.cases, pending: now.pending };
  };
  const precisionCache = new Map<string, PrecisionState>();
  const precisionOfKind = (kind: string): PrecisionState => {
    let p = precisionCache.get(kind);
    if (!p) {
      const row = q.precision.get(kind);
      p = row ? { shown: row.shown, relevant: row.relevant, askRate: row.ask_rate } : INITIAL_PRECISION;
      precisionCache.set(kind, p);
    }
    return p;
  };
  // The features each article had when it was last suggested for a ticket: a rating
  // teaches the model what it saw then. Bounded; a rating whose suggestion has been
  // forgotten (a restart) is suggested again first.
  const shownFeatures = new Map<string, { kind: string; cluster: string; anchor: number | null; terms: string[]; features: Map<number, Vector> }>();
  const SHOWN_MAX = 5000;

  // How many articles have each word: what a search for it costs. Counted once per word
  // (an FTS5 count, as cheap as the word is rare) and forgotten when an article changes.
  const articleDocs = new Map<string, number>();
  const articleDf = (term: string) => {
    let n = articleDocs.get(term);
    if (n === undefined) {
      n = q.termDocs.get(ftsQuery([term], { prefix: isPrefixTerm })!)?.n ?? 0;
      if (articleDocs.size >= 50_000) forgetArticles();
      articleDocs.set(term, n);
    }
    return n;
  };
  const boundedOf = (terms: readonly string[]) => boundedTerms(terms, articleDf, { max: MATCH_TERMS, budget: MATCH_POSTINGS, pool: MATCH_POOL });
  /** The MATCH expression suggesting runs for a ticket's words (null: nothing to search). */
  const matchOf = (terms: readonly string[]) => ftsQuery(boundedOf(terms), { prefix: isPrefixTerm });
  // A search over the budget: even the ticket's rarest word is in more than MATCH_POSTINGS
  // articles ("No power" on a KB where most articles say "power"), so bm25 reads and scores
  // thousands of rows, several milliseconds. Every ticket whose words come down to that one
  // word runs the same search, so its answer is kept until an article changes.
  const costlySearches = new Map<string, Array<{ n: number; score: number }>>();
  const forgetArticles = () => {
    articleDocs.clear();
    costlySearches.clear();
  };
  /** The articles whose text matches a ticket's words (bounded as above), best bm25 first. */
  const textSearch = (terms: readonly string[]): Array<{ n: number; score: number }> => {
    const chosen = boundedOf(terms);
    const match = ftsQuery(chosen, { prefix: isPrefixTerm });
    if (!match) return [];
    if (chosen.reduce((sum, t) => sum + articleDf(t), 0) <= MATCH_POSTINGS) return q.search.all(match, FTS_CANDIDATES);
    let rows = costlySearches.get(match);
    if (!rows) {
      rows = q.search.all(match, FTS_CANDIDATES);
      if (costlySearches.size >= 256) costlySearches.delete(costlySearches.keys().next().value!);
      costlySearches.set(match, rows);
    }
    return rows;
  };

  /** Appends to kb_events, the desk's own log of the knowledge base; the event's id. */
  const appendEvent = (type: string, at: number, actor: Actor, payload: unknown, id: string = uuidv7(at)): string => {
    q.event.run(id, type, at, JSON.stringify(actor), JSON.stringify(payload));
    return id;
  };
  /** The id of the latest event that decided a suggestion's rating on a ticket (null: none, or only from before 0035). */
  const clockOf = (ticketId: string, articleN: number): string | null => q.clockOf.get(ticketId, articleN, ticketId, articleN)?.ev || null;
  /**
   * An id and time for an event on a suggestion's rating made here: after the event that decided
   * it, even when this desk's clock is behind the desk that wrote that one (the agent saw it, so
   * theirs is the later word, on every desk).
   */
  const nextEvent = (ticketId: string, articleN: number, at: number): { id: string; at: number } => {
    const last = clockOf(ticketId, articleN);
    const id = uuidv7(at);
    if (last === null || id > last) return { id, at };
    const after = parseInt(last.slice(0, 8) + last.slice(9, 13), 16) + 1;
    return { id: uuidv7(after), at: after };
  };
  /** The same event, for the hub: into the outbox, in the caller's transaction. */
  const publish = (
    id: string,
    type: KnowledgeEventType,
    entityId: string,
    seq: number,
    payload: ArticlePayload | RatedPayload | RatingWithdrawnPayload | SolvedWithdrawnPayload,
    actor: Actor,
    at: number,
  ) => {
    const outbox = options.outbox;
    if (!outbox) return;
    outbox.append({ id, stream: KNOWLEDGE_STREAM, entityId, seq, type, payloadVersion: 1, payload, actor, deskId: outbox.deskId, deskTime: at, globalSeq: null });
  };
  const articlePayloadOf = (input: ArticleInput): ArticlePayload => ({
    title: input.title, body: input.body, productLines: input.productLines, models: input.models, segments: input.segments, tags: input.tags,
    status: input.status, sourceTicketId: input.sourceTicketId,
  });
  const ftsPut = (n: number, a: { title: string; body: string; tags: readonly string[]; productLines: readonly string[]; models: readonly string[] }) => {
    q.ftsDelete.run(n);
    q.ftsInsert.run(n, normalizeText(a.title), normalizeText(a.body), normalizeText([...a.tags, ...a.productLines, ...a.models].join(' ')));
  };

  // ---- articles ------------------------------------------------------------------------------

  function save(actor: Actor, input: ArticleInput, at: number): string {
    fresh();
    const saved = sqlite.transaction(() => {
      const existing = input.id ? q.articleById.get(input.id) : undefined;
      if (input.id && !existing && input.expectedVersion !== undefined) throw new ApiError('not_found', say('articleNotFound'));
      if (existing && input.expectedVersion !== undefined && existing.version !== input.expectedVersion) {
        throw new ApiError('conflict', say('articleChanged', { version: existing.version }));
      }
      const id = existing?.id ?? input.id ?? uuidv7(at);
      const values = {
        id, title: input.title, body: input.body, product_lines: JSON.stringify(input.productLines), models: JSON.stringify(input.models),
        segments: JSON.stringify(input.segments), tags: JSON.stringify(input.tags), status: input.status, author_id: actor.id,
        source_ticket_id: input.sourceTicketId, at,
      };
      if (existing) q.updateArticle.run(values);
      else q.insertArticle.run(values);
      const row = q.articleById.get(id)!;
      q.insertVersion.run({ ...values, version: row.version });
      ftsPut(row.n, input);
      const type = existing ? 'kb.article_edited' : 'kb.article_created';
      const eventId = appendEvent(type, at, actor, { articleId: id, version: row.version, ...input, id });
      publish(eventId, type, id, row.version, articlePayloadOf(input), actor, at);
      if (metaByN) remember(row);
      forgetArticles();
      return id;
    }).immediate();
    saw();
    return saved;
  }

  function article(id: string) {
    fresh();
    const row = q.articleById.get(id);
    if (!row) return null;
    const stats = q.oneArticleStats.get(row.n);
    return {
      row,
      meta: metaOfId(id) ?? remember(row),
      ratings: { n: stats?.n ?? 0, mean: stats && stats.n > 0 ? stats.sum / stats.n : null },
      versions: q.versions.all(id),
    };
  }

  /**
   * Articles for the KB page: matching the text (best first), or the most recently changed.
   * Each word typed matches the words it starts (a Persian word's suffixes, a word mid-typing).
   */
  function search(text: string, limit: number, publishedOnly: boolean): ArticleMeta[] {
    fresh();
    const meta = loadMeta();
    const match = ftsQuery(queryTerms(text), { prefix: true });
    const ns = match ? q.search.all(match, limit * 2).map((r) => r.n) : q.recent.all(limit * 2).map((r) => r.n);
    return ns
      .map((n) => meta.get(n))
      .filter((m): m is ArticleMeta => m !== undefined && (!publishedOnly || m.status === 'published'))
      .slice(0, limit);
  }

  // ---- suggestions ---------------------------------------------------------------------------

  function suggest(query: KbQuery, opts: SuggestOptions = {}): Suggested {
    fresh();
    const meta = loadMeta();
    const limit = opts.limit ?? 3;
    const learning = opts.learning ?? true;
    const category = categorize(query.text);
    const kind = `${query.productLine ?? '*'}|${category}`;
    const terms = queryTerms(query.text);
    const text = new Map<number, number>();
    for (const r of textSearch(terms)) text.set(r.n, r.score);
    const ns = new Set(text.keys());
    // Tickets are "of a kind" when text search (with the initial weights, no learning) puts
    // the same article first: however callers word a problem, that article names it. The
    // kind's rating tallies are kept under that article.
    const anchor = anchorOf(text, meta, query);
    const cluster = anchor === null ? `${query.productLine ?? '*'}|${category}` : `a${anchor}`;
    if (learning) {
      // Articles that earned good ratings on this kind of ticket, or on tickets sharing a
      // word, are candidates even when the words differ: that is how a rating reaches
      // similar tickets that text search alone would never connect to the article.
      for (const r of q.kindBest.all(cluster, HISTORY_CANDIDATES)) ns.add(r.n);
    }
    const similar = learning ? similarTickets(terms, query) : new Map<number, Tally>();
    if (learning) for (const [n, t] of similar) if (t.sum > 0) ns.add(n);
    const candidates = [...ns].filter((n) => meta.get(n)?.status === 'published');
    const list = JSON.stringify(candidates);
    const kindT = new Map<number, Tally>();
    const overall = new Map<number, Tally>();
    if (learning && candidates.length > 0) {
      for (const r of q.kindStats.all(cluster, list)) kindT.set(r.n, { n: r.tn, sum: r.tsum });
      for (const r of q.articleStats.all(list)) overall.set(r.n, { n: r.tn, sum: r.tsum });
    }
    const inputs: CandidateInput[] = candidates.map((n) => {
      const m = meta.get(n)!;
      return {
        articleId: String(n), textScore: text.get(n) ?? 0, productLines: m.productLines, models: m.models, segments: m.segments,
        similar: similar.get(n) ?? EMPTY_TALLY, kind: kindT.get(n) ?? EMPTY_TALLY, overall: overall.get(n) ?? EMPTY_TALLY,
      };
    });
    const ctx: TicketContext = { productLine: query.productLine, model: query.model, segment: query.segment };
    const ranked = rank(inputs, ctx, learning ? weights : INITIAL_WEIGHTS, { explore: learning, limit });
    const state = precisionOfKind(kind);
    if (learning) {
      if (shownFeatures.size >= SHOWN_MAX) shownFeatures.delete(shownFeatures.keys().next().value!);
      shownFeatures.set(query.key, { kind, cluster, anchor, terms, features: new Map(ranked.map((r) => [Number(r.articleId), r.features])) });
    }
    // The words matched as the ticket writes them, not as the search spells them.
    let spelt: Map<string, string> | null = null;
    const asWritten = (t: string) => (spelt ??= spellings(query.text)).get(t) ?? t;
    return {
      kind,
      category,
      ask: shouldAsk(state, query.key),
      precision: precisionOf(state),
      ranked: ranked.map((r) => {
        const m = meta.get(Number(r.articleId))!;
        return { ...r, articleId: m.id, meta: m, matched: matchedWords(terms, m).map(asWritten) };
      }),
    };
  }

  function anchorOf(text: Map<number, number>, meta: Map<number, ArticleMeta>, query: KbQuery): number | null {
    const inputs: CandidateInput[] = [];
    for (const [n, score] of text) {
      const m = meta.get(n);
      if (m?.status !== 'published') continue;
      inputs.push({ articleId: String(n), textScore: score, productLines: m.productLines, models: m.models, segments: m.segments, similar: EMPTY_TALLY, kind: EMPTY_TALLY, overall: EMPTY_TALLY });
    }
    const top = best(inputs, { productLine: query.productLine, model: query.model, segment: query.segment }, INITIAL_WEIGHTS);
    return top === null ? null : Number(top);
  }

  // ---- similar tickets ----------------------------------------------------------------------

  let cases = q.caseCount.get()?.n ?? 0;
  let lastCase = q.lastCase.get()?.n ?? 0;
  // How many of the recent rated tickets have each word (kb_case_terms holds the window): a
  // word most of them have ("laptop", "update") finds no one in particular. Counted by key up
  // to the most a telling word may have, once per word while the desk has few rated tickets,
  // then kept for the next 500.
  const indexed = () => Math.min(cases, RECENT_CASES);
  const caseDocs = new Map<string, number>();
  let caseDocsAt = 0;
  const caseDf = (t: string) => {
    if (cases >= 500 && cases >= caseDocsAt + 500) {
      caseDocs.clear();
      caseDocsAt = cases;
    }
    let n = caseDocs.get(t);
    if (n === undefined) {
      n = q.docFrequency.get(t, TELLING_MAX + 1)?.doc ?? 0;
      if (cases >= 500) caseDocs.set(t, n);
    }
    return n + (pendingByTerm.get(t)?.length ?? 0);
  };
  const telling = (t: string) => caseDf(t) <= Math.max(20, indexed() * TELLING_SHARE);
  // The words of the recent rated tickets, for bm25's average length: counted once, then
  // kept up to date as tickets come and go.
  let caseWords: number | null = null;
  const averageWords = () => ((caseWords ??= q.caseWords.get()?.n ?? 0) + pendingWords) / Math.max(1, indexed());

  // Rated tickets whose words are not in kb_case_terms yet (kb_case_pending, migration 0016):
  // a rating's commit writes one row for its ticket instead of a dozen scattered index
  // entries, and the words move into kb_case_terms in batches, in transactions of their own
  // (`indexPending`), soon after or at the next start. Meanwhile they are searched from here.
  const pending = new Map<number, string[]>();
  const pendingByTerm = new Map<string, number[]>();
  let pendingWords = 0;
  const holdPending = (n: number, words: string[]) => {
    // A number already held was taken by a rating whose transaction rolled back: drop its words.
    const before = pending.get(n);
    if (before) {
      pendingWords -= before.length;
      for (const t of before) {
        const list = pendingByTerm.get(t)!.filter((x) => x !== n);
        if (list.length) pendingByTerm.set(t, list);
        else pendingByTerm.delete(t);
      }
    }
    pending.set(n, words);
    pendingWords += words.length;
    for (const t of words) {
      const list = pendingByTerm.get(t);
      if (list) list.push(n);
      else pendingByTerm.set(t, [n]);
    }
  };
  const loadPending = () => {
    pending.clear();
    pendingByTerm.clear();
    pendingWords = 0;
    for (const r of q.pendingCases.all()) holdPending(r.case_n, JSON.parse(r.words) as string[]);
  };
  loadPending();
  /** Moves the pending tickets' words into kb_case_terms, and forgets the words of those leaving the window. */
  function indexPending(): void {
    if (pending.size === 0) return;
    let through = 0;
    let added = 0;
    let forgotten = 0;
    sqlite.transaction(() => {
      for (const [n, words] of pending) {
        for (const t of words) q.caseTerm.run(t, n, words.length);
        added += words.length;
        through = n;
      }
      forgotten = lastCase > RECENT_CASES ? q.caseTermsForget.run(lastCase - RECENT_CASES).changes : 0;
      q.pendingDone.run(through);
    }).immediate();
    if (caseWords !== null) caseWords += added - forgotten;
    caseDocs.clear();
    loadPending();
    // This store's own move: nothing to read back.
    seen = { ...seen, pending: stampOf.get()!.pending };
  }
  let indexTimer: ReturnType<typeof setTimeout> | null = null;
  /** Soon after a first rating: off the rating's own path, a batch at a time. */
  const indexSoon = () => {
    const delay = options.indexDelayMs ?? 250;
    if (indexTimer !== null || delay <= 0) return;
    indexTimer = setTimeout(() => {
      indexTimer = null;
      if (!sqlite.open) return;
      // Inside someone's open transaction (a dry-run import spans calls): try again later.
      if (sqlite.inTransaction) return indexSoon();
      try {
        indexPending();
      } catch {
        // The words stay pending (and searched from memory); the next rating tries again.
      }
    }, delay);
    indexTimer.unref?.();
  };
  if (pending.size > 0) indexSoon();

  /**
   * The ratings of the rated tickets most like this one, per article, each ticket weighted by
   * its similarity relative to the closest one. Similarity is bm25 as FTS5 computes it over
   * the tickets' words (each word once per ticket): per shared word its idf, scaled by the
   * ticket's length against the average. The tickets scored are, for each telling word of
   * this one, the CASE_READS most recent that have it: a keyed range read per word, however
   * many rated tickets share it.
   */
  function similarTickets(terms: readonly string[], query: KbQuery): Map<number, Tally> {
    const out = new Map<number, Tally>();
    if (cases === 0) return out;
    const chosen = boundedTerms(terms.filter(telling), caseDf, { max: STAT_TERMS, budget: CASE_POSTINGS, pool: STAT_TERMS * 2 }).filter((t) => caseDf(t) > 0);
    if (chosen.length === 0) return out;
    const selfN = q.caseOf.get(query.key)?.n;
    const total = indexed();
    const average = averageWords();
    const scores = new Map<number, number>();
    for (const t of chosen) {
      const df = caseDf(t);
      const idf = Math.max(1e-6, Math.log((total - df + 0.5) / (df + 0.5)));
      const score = (n: number, words: number) => {
        if (n !== selfN) scores.set(n, (scores.get(n) ?? 0) + (idf * (BM25_K1 + 1)) / (1 + BM25_K1 * (1 - BM25_B + (BM25_B * words) / average)));
      };
      // The most recent first: the pending ones (newer than any in kb_case_terms), then the index.
      const held = pendingByTerm.get(t) ?? [];
      for (let i = held.length - 1, k = 0; i >= 0 && k < CASE_READS; i--, k++) score(held[i]!, pending.get(held[i]!)!.length);
      if (held.length < CASE_READS) for (const [n, words] of q.casesWithTerm.all(t, lastCase - RECENT_CASES, CASE_READS - held.length)) score(n, words);
    }
    const found = [...scores].sort((a, b) => b[1] - a[1] || b[0] - a[0]).slice(0, NEIGHBOURS);
    const best = found[0]?.[1] ?? 0;
    if (best <= 0) return out;
    // For an article about a product line, a ticket about the same line counts fully and one
    // about another line a tenth: the same words on another line often need another fix. An
    // article for every line (diagnostics, dispatch) learns from every line's tickets.
    const meta = loadMeta();
    const lineWeight = (line: string | null) => (query.productLine === null || line === null || line === query.productLine ? 1 : 0.1);
    // Per article, each agent's ratings (similarity-weighted) counted up to RATER_CAP at their mean.
    const byRater = new Map<number, Map<string, Tally>>();
    for (const r of q.caseRatings.all(JSON.stringify(found.map(([n]) => n)))) {
      const general = (meta.get(r.article_n)?.productLines.length ?? 0) === 0;
      const w = (scores.get(r.case_n)! / best) ** 2 * (general ? 1 : lineWeight(r.product_line));
      const raters = byRater.get(r.article_n) ?? new Map<string, Tally>();
      byRater.set(r.article_n, raters);
      const t = raters.get(r.actor_id) ?? EMPTY_TALLY;
      raters.set(r.actor_id, { n: t.n + w, sum: t.sum + w * relevanceOf(r.rating) });
    }
    for (const [articleN, raters] of byRater) {
      let n = 0;
      let sum = 0;
      for (const t of raters.values()) {
        const scale = t.n > RATER_CAP ? RATER_CAP / t.n : 1;
        n += t.n * scale;
        sum += t.sum * scale;
      }
      out.set(articleN, { n, sum });
    }
    return out;
  }

  /** What this ticket's agent has said of its suggestions so far, by article id. */
  function ratingsFor(ticketKey: string): Map<string, { rating: Rating; solved: boolean }> {
    const meta = loadMeta();
    const out = new Map<string, { rating: Rating; solved: boolean }>();
    for (const r of q.ratingsOf.all(ticketKey)) {
      const m = meta.get(r.article_n);
      if (m) out.set(m.id, { rating: r.rating, solved: r.solved === 1 });
    }
    return out;
  }

  /**
   * Records a rating and learns from it, in one transaction: the event, the ticket's rating,
   * the tallies for the ticket's words and kind and for the article, the model's weights and
   * the kind's measured precision. Rating the same article on the same ticket again replaces
   * the earlier rating in the tallies instead of counting twice.
   */
  function rate(actor: Actor, query: KbQuery, articleId: string, rating: Rating, solved: boolean, at: number): number | null {
    fresh();
    const m = metaOfId(articleId);
    if (!m) throw new ApiError('not_found', say('articleNotFound'));
    let shown = shownFeatures.get(query.key);
    if (!shown || !shown.features.has(m.n)) {
      suggest(query, { limit: 60 });
      shown = shownFeatures.get(query.key);
    }
    const kind = shown?.kind ?? `${query.productLine ?? '*'}|${categorize(query.text)}`;
    const cluster = shown?.cluster ?? kind;
    const terms = shown?.terms ?? queryTerms(query.text);
    const x = shown?.features.get(m.n);
    const anchor = shown?.anchor ?? null;
    sqlite.transaction(() => {
      const seq = (q.ratingSeq.get(query.key)?.seq ?? 0) + 1;
      const ev = nextEvent(query.key, m.n, at);
      const eventId = appendEvent('kb.rated', ev.at, actor, { ticketId: query.key, articleId, rating, solved, kind, cluster, terms }, ev.id);
      record({ ticketId: query.key, productLine: query.productLine, articleN: m.n, rating, solved, kind, cluster, terms, x, actorId: actor.id, at: ev.at, seq, eventId });
      if (options.outbox) {
        const segment = segmentSchema.parse(query.segment);
        const anchorArticleId = anchor === null ? null : (loadMeta().get(anchor)?.id ?? null);
        publish(eventId, 'kb.rated', query.key, seq, { ticketId: query.key, articleId, rating, solved, segment, productLine: query.productLine, kind, anchorArticleId, terms, features: x ?? null }, actor, ev.at);
      }
    }).immediate();
    // Ratings in a tight loop (`tagdesk kb eval`) give the timer no turn: index a full batch now.
    if (pending.size >= PENDING_BATCH && !sqlite.inTransaction) indexPending();
    else if (pending.size > 0) indexSoon();
    sawRating();
    return precisionOf(precisionOfKind(kind));
  }

  /**
   * Takes a rating back (the agent should not have rated that suggestion at all), in one
   * transaction with its event: it no longer counts in the article's and the kind's tallies,
   * among the similar tickets' ratings, or in the kind's measured precision. The model's
   * weights keep the step it took: a step of online learning cannot be undone exactly once
   * others followed it, and the tallies that ranked the article no longer hold it. withdrawn:
   * false when there is no rating to take back (never given, or taken back already);
   * precision: the kind's "Relevant lately" now.
   */
  function withdraw(actor: Actor, query: KbQuery, articleId: string, at: number): { withdrawn: boolean; precision: number | null } {
    fresh();
    const m = metaOfId(articleId);
    if (!m) throw new ApiError('not_found', say('articleNotFound'));
    const kindNow = () => precisionOf(precisionOfKind(shownFeatures.get(query.key)?.kind ?? `${query.productLine ?? '*'}|${categorize(query.text)}`));
    if (!q.previousRating.get(query.key, m.n)) return { withdrawn: false, precision: kindNow() };
    let shown = shownFeatures.get(query.key);
    if (!shown || !shown.features.has(m.n)) {
      suggest(query, { limit: 60 });
      shown = shownFeatures.get(query.key);
    }
    const anchor = shown?.anchor ?? null;
    const done = sqlite.transaction(() => {
      const previous = q.previousRating.get(query.key, m.n);
      if (!previous) return false;
      const seq = (q.ratingSeq.get(query.key)?.seq ?? 0) + 1;
      const cluster = shown?.cluster ?? previous.kind;
      const ev = nextEvent(query.key, m.n, at);
      const eventId = appendEvent('kb.rating_withdrawn', ev.at, actor, { ticketId: query.key, articleId, kind: previous.kind, cluster }, ev.id);
      unrecord({ ticketId: query.key, articleN: m.n, cluster, seq, eventId });
      if (options.outbox) {
        const segment = segmentSchema.parse(query.segment);
        const anchorArticleId = anchor === null ? null : (loadMeta().get(anchor)?.id ?? null);
        publish(eventId, 'kb.rating_withdrawn', query.key, seq, { ticketId: query.key, articleId, segment, kind: previous.kind, anchorArticleId }, actor, ev.at);
      }
      return true;
    }).immediate();
    sawRating();
    return { withdrawn: done, precision: kindNow() };
  }

  /**
   * What taking a rating back changes, local or from another desk, inside the caller's
   * transaction: the ticket's rating goes (so the similar tickets' ratings no longer have it),
   * and the tallies and the kind's precision lose what it added. The rated ticket's words stay
   * in the similar-ticket index: with no rating left, it lends no article anything.
   */
  function unrecord(f: { ticketId: string; articleN: number; cluster: string; seq: number; eventId: string }): void {
    q.seqSeen.run(f.seq, f.ticketId);
    // A later rating than the withdrawal already here stays; an earlier one arriving after it is not counted.
    const last = clockOf(f.ticketId, f.articleN);
    if (last !== null && f.eventId <= last) return;
    q.putGone.run(f.ticketId, f.articleN, f.eventId, f.seq);
    const previous = q.previousRating.get(f.ticketId, f.articleN);
    if (!previous) return;
    const rel = relevanceOf(previous.rating);
    q.deleteRating.run(f.ticketId, f.articleN);
    tally(f.cluster, f.articleN, previous.actor_id, -1, -rel);
    const next = unobserve(precisionOfKind(previous.kind), previous.rating > 0);
    precisionCache.set(previous.kind, next);
    q.putPrecision.run(previous.kind, next.shown, next.relevant, next.askRate);
  }

  /** What marking "solved with this article" changed (kb_ratings.solved_undo, migration 0030). */
  interface MarkUndo {
    /** The rating before the mark (null: none) and the kind it was counted under. */
    rating: Rating | null;
    kind: string | null;
    /** The kind tally the mark added to. */
    cluster: string;
    /** The model's weights before and after the mark's step (null: it taught nothing). */
    weights: { before: Weights; after: Weights } | null;
    /** The kind's "Relevant lately" before and after the mark. */
    precision: { kind: string; before: PrecisionState; after: PrecisionState };
  }

  interface RatingFacts {
    ticketId: string;
    productLine: string | null;
    articleN: number;
    rating: Rating;
    solved: boolean;
    kind: string;
    cluster: string;
    terms: readonly string[];
    x: Vector | undefined;
    actorId: string;
    at: number;
    seq: number;
    /** The rating's event: the later event on the same suggestion decides (migration 0035). */
    eventId: string;
  }

  /**
   * What a rating changes, local or from another desk, inside the caller's transaction: the
   * ticket's rating, the rated ticket's words, the tallies for its kind and for the article,
   * the model's weights and the kind's measured precision. Rating the same article on the
   * same ticket again replaces the earlier rating in the tallies instead of counting twice.
   */
  function record(f: RatingFacts): void {
    // The rated ticket and its words, its first rating's time and its last number: the same on
    // every desk whichever of its ratings came first, or counted at all (below).
    let caseN = q.caseOf.get(f.ticketId)?.n;
    if (caseN === undefined) {
      caseN = q.insertCase.get(f.ticketId, f.productLine, f.at)!.n;
      const words = [...new Set(f.terms)].slice(0, CASE_TERMS);
      // Its words join the similar-ticket index soon, in a batch (indexPending); searched from memory meanwhile.
      q.putPending.run(caseN, JSON.stringify(words));
      holdPending(caseN, words);
      cases++;
      lastCase = caseN;
      const gone = q.goneSeq.get(f.ticketId)?.seq;
      if (gone) q.seqSeen.run(gone, f.ticketId);
    } else q.caseAt.run(f.at, f.ticketId);
    q.seqSeen.run(f.seq, f.ticketId);
    // One rating per suggestion on a ticket, whoever gave it: the latest event's. Two agents on
    // one ticket (a handover) judge the same question, and the one who rated later knew more.
    // A rating older than the one (or the withdrawal) this desk has changes nothing, however
    // late it arrives, so every desk keeps the same one.
    const last = clockOf(f.ticketId, f.articleN);
    if (last !== null && f.eventId <= last) return;
    const previous = q.previousRating.get(f.ticketId, f.articleN);
    const dn = previous ? 0 : 1;
    const ds = relevanceOf(f.rating) - (previous ? relevanceOf(previous.rating) : 0);
    q.putRating.run(f.ticketId, caseN, f.articleN, f.rating, f.solved ? 1 : 0, f.kind, f.actorId, f.at, f.seq, f.eventId);
    q.dropGone.run(f.ticketId, f.articleN);
    // Another agent's rating replaced: it leaves that agent's count and joins this one's.
    if (previous && previous.actor_id !== f.actorId) {
      tally(f.cluster, f.articleN, previous.actor_id, -1, -relevanceOf(previous.rating));
      tally(f.cluster, f.articleN, f.actorId, 1, relevanceOf(f.rating));
    } else tally(f.cluster, f.articleN, f.actorId, dn, ds);
    // The model learns from what this rating adds: the same rating again on the same ticket (the
    // pressed button pressed again, the same answer after a reload) added nothing, and each one
    // took the weights another step towards it. A changed rating, or one now "solved with this
    // article", is learnt from. One agent teaches it about an article on a kind of ticket while
    // they have rated it there at most RATER_CAP times (kb_rater_stats, counted as the tallies
    // are): forty ratings of one agent's habit took the text weight from 2.6 to 2.05. Every desk
    // lets the same number of that agent's ratings teach, whatever order they came in.
    const adds = !previous || previous.rating !== f.rating || (f.solved && previous.solved === 0);
    const weightsBefore = weights;
    if (f.x && adds && (q.raterOf.get(f.cluster, f.articleN, f.actorId)?.n ?? 0) <= RATER_CAP) {
      weights = learn(weights, f.x, f.rating);
      updates++;
      q.putModel.run(JSON.stringify(weights), updates);
    }
    // "Relevant lately" counts each rated suggestion once, as it is rated now: a first rating
    // joins the kind's share, a changed one moves it when it crosses the line (very relevant to
    // not relevant); it stayed counted as first given.
    const now = previous ? reobserve(precisionOfKind(previous.kind), previous.rating > 0, f.rating > 0) : observe(precisionOfKind(f.kind), f.rating > 0);
    const kindNow = previous ? previous.kind : f.kind;
    const precisionBefore = precisionOfKind(kindNow);
    if (now !== precisionBefore) {
      precisionCache.set(kindNow, now);
      q.putPrecision.run(kindNow, now.shown, now.relevant, now.askRate);
    }
    // "Solved with this article" marked now: what it changed is kept with it, to be taken back.
    if (f.solved && (!previous || previous.solved === 0)) {
      const mark: MarkUndo = {
        rating: previous?.rating ?? null, kind: previous?.kind ?? null, cluster: f.cluster,
        weights: weights === weightsBefore ? null : { before: weightsBefore, after: weights },
        precision: { kind: kindNow, before: precisionBefore, after: now },
      };
      q.keepMark.run(JSON.stringify(mark), f.ticketId, f.articleN);
    }
  }

  /**
   * Takes "solved with this article" back, local or from another desk, inside the caller's
   * transaction: the rating is the one before the mark again (none: the article is unrated
   * again), the tallies lose what the mark added, and the model and the kind's "Relevant
   * lately" are as before it: exactly, while nothing has learnt since (the weights are the
   * mark's own), else with the mark's step taken out. A mark kept without what it changed (made
   * before migration 0030) leaves the rating `fallback` (another desk's word), or as it is.
   * Null when the article is not marked solved on the ticket.
   */
  function unmark(f: { ticketId: string; articleN: number; cluster: string; seq: number; eventId: string; fallback?: Rating | null }): { rating: Rating | null } | null {
    q.seqSeen.run(f.seq, f.ticketId);
    const last = clockOf(f.ticketId, f.articleN);
    if (last !== null && f.eventId <= last) return null;
    const row = q.markOf.get(f.ticketId, f.articleN);
    if (!row || row.solved === 0) return null;
    const undo = row.solved_undo === null ? null : (JSON.parse(row.solved_undo) as MarkUndo);
    const prior: Rating | null = undo ? undo.rating : f.fallback !== undefined ? f.fallback : row.rating;
    const cluster = undo?.cluster ?? f.cluster;
    const dn = prior === null ? -1 : 0;
    const ds = (prior === null ? 0 : relevanceOf(prior)) - relevanceOf(row.rating);
    if (prior === null) {
      q.deleteRating.run(f.ticketId, f.articleN);
      q.putGone.run(f.ticketId, f.articleN, f.eventId, f.seq);
    } else {
      q.unmark.run(prior, undo?.kind ?? row.kind, f.ticketId, f.articleN);
      q.setEv.run(f.eventId, f.ticketId, f.articleN);
    }
    if (dn !== 0 || ds !== 0) tally(cluster, f.articleN, row.actor_id, dn, ds);
    if (undo?.weights) {
      const { before, after } = undo.weights;
      const untouched = FEATURES.every((k) => weights[k] === after[k]);
      weights = untouched ? { ...INITIAL_WEIGHTS, ...before } : (Object.fromEntries(FEATURES.map((k) => [k, weights[k] - (after[k] - before[k])])) as Weights);
      updates++;
      q.putModel.run(JSON.stringify(weights), updates);
    }
    const kind = undo?.precision.kind ?? row.kind;
    const was = precisionOfKind(kind);
    const same = (a: PrecisionState, b: PrecisionState) => a.shown === b.shown && a.relevant === b.relevant && a.askRate === b.askRate;
    const next = undo && same(was, undo.precision.after) ? undo.precision.before : prior === null ? unobserve(was, row.rating > 0) : reobserve(was, row.rating > 0, prior > 0);
    if (!same(next, was)) {
      precisionCache.set(kind, next);
      q.putPrecision.run(kind, next.shown, next.relevant, next.askRate);
    }
    return { rating: prior };
  }

  /**
   * "Solved with this article" taken back by the agent (pressed on the wrong article), in one
   * transaction with its event (`unmark`). withdrawn: false when the article is not marked;
   * rating: the article's rating on the ticket now; precision: the kind's "Relevant lately" now.
   */
  function withdrawSolved(actor: Actor, query: KbQuery, articleId: string, at: number): { withdrawn: boolean; rating: Rating | null; precision: number | null } {
    fresh();
    const m = metaOfId(articleId);
    if (!m) throw new ApiError('not_found', say('articleNotFound'));
    let shown = shownFeatures.get(query.key);
    if (q.markOf.get(query.key, m.n)?.solved && (!shown || !shown.features.has(m.n))) {
      suggest(query, { limit: 60 });
      shown = shownFeatures.get(query.key);
    }
    const anchor = shown?.anchor ?? null;
    const back = sqlite.transaction(() => {
      const row = q.markOf.get(query.key, m.n);
      if (!row || row.solved === 0) return null;
      const seq = (q.ratingSeq.get(query.key)?.seq ?? 0) + 1;
      const cluster = shown?.cluster ?? row.kind;
      const ev = nextEvent(query.key, m.n, at);
      const done = unmark({ ticketId: query.key, articleN: m.n, cluster, seq, eventId: ev.id })!;
      const eventId = appendEvent('kb.solved_withdrawn', ev.at, actor, { ticketId: query.key, articleId, kind: row.kind, cluster, rating: done.rating }, ev.id);
      if (options.outbox) {
        const segment = segmentSchema.parse(query.segment);
        const anchorArticleId = anchor === null ? null : (loadMeta().get(anchor)?.id ?? null);
        publish(eventId, 'kb.solved_withdrawn', query.key, seq, { ticketId: query.key, articleId, segment, kind: row.kind, anchorArticleId, rating: done.rating }, actor, ev.at);
      }
      return done;
    }).immediate();
    sawRating();
    const kind = shown?.kind ?? `${query.productLine ?? '*'}|${categorize(query.text)}`;
    return { withdrawn: back !== null, rating: back ? back.rating : (q.markOf.get(query.key, m.n)?.rating ?? null), precision: precisionOf(precisionOfKind(kind)) };
  }

  /**
   * Keeps an event another desk wrote in kb_events, the desk's knowledge log; false when it
   * is there already (applied before, or written here): an event is applied once.
   */
  const logRemote = (e: OutboxEnvelope): boolean =>
    e.stream === KNOWLEDGE_STREAM && q.remoteEvent.run(e.id, e.type, e.deskTime, JSON.stringify(e.actor), JSON.stringify(e.payload)).changes > 0;

  /**
   * Applies an article change or a rating another desk wrote (accepted by the hub), inside
   * the caller's transaction, never into the outbox again. An article takes the event's
   * version unless this desk already has a later one (the older version still joins its
   * history); a rating changes the tallies and the model as a rating made here does.
   */
  function applyRemote(e: OutboxEnvelope): void {
    fresh();
    applyOne(e);
    if (pending.size > 0) indexSoon();
    saw();
  }
  function applyOne(e: OutboxEnvelope): void {
    {
      if (e.type === 'kb.article_created' || e.type === 'kb.article_edited') {
        const a = articlePayloadSchema.safeParse(e.payload);
        if (!a.success) return;
        const values = {
          id: e.entityId, title: a.data.title, body: a.data.body, product_lines: JSON.stringify(a.data.productLines), models: JSON.stringify(a.data.models),
          segments: JSON.stringify(a.data.segments), tags: JSON.stringify(a.data.tags), status: a.data.status, author_id: e.actor.id,
          source_ticket_id: a.data.sourceTicketId, at: e.deskTime, version: e.seq,
        };
        q.insertVersionIfNew.run(values);
        const existing = q.articleById.get(e.entityId);
        if (existing && existing.version >= e.seq) return;
        q.putArticleAt.run(values);
        const row = q.articleById.get(e.entityId)!;
        ftsPut(row.n, a.data);
        if (metaByN) remember(row);
        else metaById.delete(row.id);
        forgetArticles();
      } else if (e.type === 'kb.rated') {
        const r = ratedPayloadSchema.safeParse(e.payload);
        if (!r.success) return;
        const m = metaOfId(r.data.articleId);
        if (!m) return;
        const anchor = r.data.anchorArticleId === null ? undefined : metaOfId(r.data.anchorArticleId);
        record({
          ticketId: r.data.ticketId, productLine: r.data.productLine, articleN: m.n, rating: r.data.rating, solved: r.data.solved, kind: r.data.kind,
          cluster: anchor ? `a${anchor.n}` : r.data.kind, terms: r.data.terms, x: r.data.features ?? undefined, actorId: e.actor.id, at: e.deskTime, seq: e.seq, eventId: e.id,
        });
      } else if (e.type === 'kb.rating_withdrawn') {
        const r = ratingWithdrawnPayloadSchema.safeParse(e.payload);
        if (!r.success) return;
        const m = metaOfId(r.data.articleId);
        if (!m) return;
        const anchor = r.data.anchorArticleId === null ? undefined : metaOfId(r.data.anchorArticleId);
        unrecord({ ticketId: r.data.ticketId, articleN: m.n, cluster: anchor ? `a${anchor.n}` : r.data.kind, seq: e.seq, eventId: e.id });
      } else if (e.type === 'kb.solved_withdrawn') {
        const r = solvedWithdrawnPayloadSchema.safeParse(e.payload);
        if (!r.success) return;
        const m = metaOfId(r.data.articleId);
        if (!m) return;
        const anchor = r.data.anchorArticleId === null ? undefined : metaOfId(r.data.anchorArticleId);
        unmark({ ticketId: r.data.ticketId, articleN: m.n, cluster: anchor ? `a${anchor.n}` : r.data.kind, seq: e.seq, eventId: e.id, fallback: r.data.rating });
      }
    }
  }

  return {
    save,
    logRemote,
    applyRemote,
    article,
    search,
    suggest,
    rate,
    withdraw,
    withdrawSolved,
    ratingsFor,
    metaOfId,
    /** The MATCH expression suggesting runs for this text (the benchmark's floor runs the same). */
    matchFor: (text: string) => matchOf(queryTerms(text)),
    /** Moves the rated tickets' words still pending into the similar-ticket index now (before closing, in tests). */
    indexPending: () => {
      if (indexTimer !== null) clearTimeout(indexTimer);
      indexTimer = null;
      indexPending();
    },
    weights: () => weights,
    count: () => loadMeta().size,
    /** Forget cached metadata (after rows were written behind the store's back, e.g. bulk seeding). */
    reload: () => {
      metaByN = null;
      const model = q.model.get();
      if (model) weights = { ...INITIAL_WEIGHTS, ...(JSON.parse(model.weights) as Partial<Weights>) };
      precisionCache.clear();
      forgetArticles();
    },
  };
}

export const toSummary = (m: ArticleMeta): ArticleSummary => ({
  id: m.id, title: m.title, excerpt: m.excerpt, productLines: m.productLines, models: m.models,
  segments: m.segments as ArticleSummary['segments'], tags: m.tags, status: m.status, version: m.version, updatedAt: m.updatedAt,
});

/**
 * The first sentences of a Markdown body as plain text: the markup goes (quotes, list
 * markers, emphasis, code, a link's address), the words' own punctuation stays
 * ("(Vostro 3530)", "on-site"). Section headings go too: "Symptoms" or "Fix" run into the
 * next sentence with no stop ("…9640). Symptoms Customers describe it…"), and the title is
 * shown above the excerpt anyway. A body of headings alone keeps them.
 */
export function excerptOf(body: string): string {
  const withoutHeadings = body.replace(/^[ \t]{0,3}#{1,6}[ \t]+.*$/gm, ' ');
  return plainExcerpt(withoutHeadings.trim() ? withoutHeadings : body);
}

function plainExcerpt(body: string): string {
  const plain = body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^[ \t]{0,3}(?:#{1,6}|>|[-*+]|\d+\.)[ \t]+/gm, '')
    .replace(/(\*\*|__|[*`~|])/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([.,;:!?)])/g, '$1')
    .replace(/\( /g, '(')
    .trim();
  return plain.length > 180 ? `${plain.slice(0, 177).trimEnd()}…` : plain;
}
