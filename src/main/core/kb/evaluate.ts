import { z } from 'zod';
import type { Actor } from '../../../shared/domain';
import { normalizeText } from '../../../shared/kb/normalize';
import type { Rating } from '../../../shared/kb/schemas';
import { openDatabase } from '../db/database';
import { kbStore, type KbStore } from './kbStore';

// `tagdesk kb eval`: plays a file of queries, in order, against a knowledge base built from a
// file of articles, the way a desk meets tickets. For each query the desk suggests 3
// articles out of the whole KB, sees only the ratings of those 3 (an unrated one counts 0),
// and learns from them if it asked for a rating; the baseline, with learning off, answers
// the same query in the same run. Figures per block of 10 % of the queries.

export const evalArticleSchema = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1),
  body: z.string(),
  product: z.string().optional(),
});
export const evalQuerySchema = z.object({
  id: z.string().min(1).max(64),
  text: z.string(),
  product: z.string().optional(),
  ratings: z.record(z.string(), z.union([z.literal(0), z.literal(1), z.literal(2)])),
});
export type EvalArticle = z.infer<typeof evalArticleSchema>;
export type EvalQuery = z.infer<typeof evalQuerySchema>;

export interface EvalBlock {
  block: number;
  queries: number;
  precision_at_3: number;
  baseline_precision_at_3: number;
  ndcg_at_10: number;
  baseline_ndcg_at_10: number;
  ask_rate: number;
}

const EVALUATOR: Actor = { id: 'kb-eval', role: 'admin', tier: 1, segments: [] };
// Each query is a ticket rated by its own agent: one actor for every query would be one agent
// rating every ticket, whose ratings of an article count at most RATER_CAP times.
const raterOf = (query: EvalQuery): Actor => ({ ...EVALUATOR, id: `kb-eval:${query.id}` });

export interface Evaluation {
  blocks: EvalBlock[];
  close(): void;
}

/** Parses JSON lines with a schema; a bad line is reported with its number, nothing is guessed. */
/** Input the evaluation cannot use, with what and where (for a message in the reader's language). */
export class EvalInputError extends Error {
  constructor(
    message: string,
    readonly problem:
      | { kind: 'json'; file: string; line: number }
      | { kind: 'shape'; file: string; line: number; field: string; issue: string }
      | { kind: 'rating'; file: string; line: number; article: string; value: string }
      | { kind: 'unknownArticle'; file: string; line: number; query: string; article: string }
      | { kind: 'duplicate'; id: string },
  ) {
    super(message);
  }
}

export function parseLines<T>(text: string, schema: z.ZodType<T>, what: string, check?: (item: T, line: number) => void): T[] {
  const out: T[] = [];
  // A byte-order mark (Notepad writes one) is not part of the first line's JSON.
  text.replace(/^\uFEFF/, '').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new EvalInputError(`${what}, line ${i + 1}: not valid JSON.`, { kind: 'json', file: what, line: i + 1 });
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      // A rating other than 0, 1 or 2 ("very" or 5): which article's, and what it is.
      if (issue?.path.length === 2 && issue.path[0] === 'ratings') {
        const article = String(issue.path[1]);
        const given = (value as { ratings?: Record<string, unknown> }).ratings?.[article];
        throw new EvalInputError(`${what}, line ${i + 1}: the rating of "${article}" is ${JSON.stringify(given)}; a rating is 0, 1 or 2.`, {
          kind: 'rating', file: what, line: i + 1, article, value: JSON.stringify(given) ?? String(given),
        });
      }
      throw new EvalInputError(`${what}, line ${i + 1}: ${issue ? `${field || 'line'}: ${issue.message}` : 'invalid'}.`, { kind: 'shape', file: what, line: i + 1, field, issue: issue?.message ?? '' });
    }
    check?.(parsed.data, i + 1);
    out.push(parsed.data);
  });
  return out;
}

/**
 * For the queries file: a query that rates an article the articles file does not have (a typo
 * in its id) is refused, naming both; it counted as a relevant article never shown, and the
 * figures came out lower with nothing said.
 */
export function knownArticles(articles: readonly EvalArticle[], what: string): (q: EvalQuery, line: number) => void {
  const ids = new Set(articles.map((a) => a.id));
  return (q, line) => {
    const article = Object.keys(q.ratings).find((id) => !ids.has(id));
    if (article !== undefined) {
      throw new EvalInputError(`${what}, line ${line}: query "${q.id}" rates "${article}", which is not in the articles file.`, { kind: 'unknownArticle', file: what, line, query: q.id, article });
    }
  };
}

/** Builds an in-memory KB from the articles. */
export async function evalStore(articles: readonly EvalArticle[]): Promise<{ store: KbStore; close(): void }> {
  const db = await openDatabase(':memory:');
  const store = kbStore(db.sqlite);
  const seen = new Set<string>();
  for (const a of articles) {
    if (seen.has(a.id)) throw new EvalInputError(`Article "${a.id}" appears twice.`, { kind: 'duplicate', id: a.id });
    seen.add(a.id);
    store.save(EVALUATOR, { id: a.id, title: a.title, body: a.body || a.title, productLines: a.product ? [a.product] : [], models: [], segments: [], tags: [], status: 'published', sourceTicketId: null }, 0);
  }
  return { store, close: () => db.close() };
}

export async function evaluate(articles: readonly EvalArticle[], queries: readonly EvalQuery[], blocks = 10): Promise<Evaluation> {
  const { store, close } = await evalStore(articles);
  // A query without a product that names one ("my OptiPlex 7020 ...") is about that product,
  // as a ticket is about its system's product line.
  const lines = [...new Set(articles.flatMap((a) => (a.product ? [a.product] : [])))];
  const productOf = (q: EvalQuery) => q.product ?? lines.find((l) => normalizeText(q.text).split(/[^\p{L}\p{N}]+/u).includes(normalizeText(l))) ?? null;
  const sums = Array.from({ length: blocks }, () => ({ queries: 0, p: 0, bp: 0, n: 0, bn: 0, asked: 0 }));
  queries.forEach((query, i) => {
    const at = i + 1;
    const kq = { key: query.id, text: query.text, productLine: productOf(query), model: null, segment: null };
    const learned = store.suggest(kq, { limit: 10, learning: true });
    const base = store.suggest(kq, { limit: 10, learning: false });
    const ids = learned.ranked.map((r) => r.articleId);
    const baseIds = base.ranked.map((r) => r.articleId);
    const b = sums[Math.min(blocks - 1, Math.floor((i * blocks) / queries.length))]!;
    b.queries++;
    b.p += precisionAt3(ids, query.ratings);
    b.bp += precisionAt3(baseIds, query.ratings);
    b.n += ndcgAt10(ids, query.ratings);
    b.bn += ndcgAt10(baseIds, query.ratings);
    if (learned.ask) {
      b.asked++;
      for (const id of ids.slice(0, 3)) store.rate(raterOf(query), kq, id, (query.ratings[id] ?? 0) as Rating, false, at);
    }
  });
  return {
    blocks: sums.map((s, i) => ({
      block: i + 1,
      queries: s.queries,
      precision_at_3: ratio(s.p, s.queries),
      baseline_precision_at_3: ratio(s.bp, s.queries),
      ndcg_at_10: ratio(s.n, s.queries),
      baseline_ndcg_at_10: ratio(s.bn, s.queries),
      ask_rate: ratio(s.asked, s.queries),
    })),
    close,
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 1000) / 1000);

/** Share of the 3 shown articles rated 1 or 2; fewer than 3 shown still divides by 3. */
export function precisionAt3(shown: readonly string[], ratings: Readonly<Record<string, number>>): number {
  return shown.slice(0, 3).filter((id) => (ratings[id] ?? 0) >= 1).length / 3;
}

/** nDCG@10 with the ratings as gains; 0 when nothing is rated relevant. */
export function ndcgAt10(shown: readonly string[], ratings: Readonly<Record<string, number>>): number {
  const dcg = (gains: number[]) => gains.slice(0, 10).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(ratings).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(shown.map((id) => ratings[id] ?? 0)) / ideal;
}
