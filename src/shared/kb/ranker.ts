// The online re-ranker behind the suggestions. Full-text search (bm25) finds candidates; this
// orders them with a logistic regression over a few features, updated by every rating:
//
//   text      the candidate's bm25 score relative to the best candidate's (0..1)
//   product   +1 the article names the ticket's product line, -1 it names only others, 0 neither
//   textProduct  text × product: the product line counts most when the text matches too
//   untried   text × product for an article never rated on tickets like this one: what the
//             model has learnt of text among rated articles (often the wrong product or
//             problem) must not bury the right one where it has not been rated yet
//   model     1 the article names the ticket's model
//   segment   +1 / -1 / 0 as for the product line
//   similar   the article's rating history on the rated tickets most like this one
//   kind      the article's rating history on tickets of the same kind: those that text search
//             (before any learning) matches best to the same article
//   overall   the article's rating history on every ticket
//
// A history is a mean relevance (0 not, 0.75 somewhat, 1 very relevant) shrunk toward a prior
// while it rests on few ratings: (sum + PRIOR * m) / (n + m), centred on the prior, so an
// article nobody has rated scores 0 there, neither helped nor hurt. Because "similar" and
// "kind" are pooled over tickets, one rating moves the ranking for every ticket like the
// rated one, not only the rated ticket.
//
// Exploration: an article with few ratings gets a bonus in the model's log-odds that fades
// as ratings come (EXPLORE / sqrt(1 + n), n: its ratings on the tickets most like this
// one), so a new article that matches the text is shown now and then and can earn its
// place, instead of losing forever to articles that were there first.

export const PRIOR = 0.25;
const SHRINK_M = 3;
const SIMILAR_M = 1;
const EXPLORE = 0.3;
const LEARNING_RATE = 0.08;
const L2 = 0.0005;

export const FEATURES = ['bias', 'text', 'product', 'textProduct', 'untried', 'model', 'segment', 'similar', 'kind', 'overall'] as const;
export type Feature = (typeof FEATURES)[number];
export type Weights = Record<Feature, number>;

/** What the desk knows before any rating: text matters most, then product, then model. */
export const INITIAL_WEIGHTS: Weights = { bias: -1.2, text: 2.6, product: 0.5, textProduct: 0.5, untried: 0, model: 0.5, segment: 0.3, similar: 3, kind: 3, overall: 0.5 };

/** Ratings summed: n ratings whose relevances (0, 0.75, 1) add up to sum. */
export interface Tally {
  n: number;
  sum: number;
}
export const EMPTY_TALLY: Tally = { n: 0, sum: 0 };

export interface CandidateInput {
  articleId: string;
  /** bm25 as FTS5 returns it, negated: higher is better; 0 for a candidate found by history alone. */
  textScore: number;
  productLines: readonly string[];
  models: readonly string[];
  segments: readonly string[];
  /**
   * The article's ratings on the rated tickets most similar to this one (full-text search
   * over their words), each weighted by how similar (0..1).
   */
  similar: Tally;
  kind: Tally;
  overall: Tally;
}

export interface TicketContext {
  productLine: string | null;
  model: string | null;
  segment: string | null;
}

export type Vector = Record<Feature, number>;

/** Shrunk mean relevance minus the prior: 0 with no ratings, up to 1 - PRIOR. */
export function shrunk(t: Tally, m = SHRINK_M): number {
  return t.n === 0 ? 0 : (t.sum + PRIOR * m) / (t.n + m) - PRIOR;
}

const membership = (list: readonly string[], value: string | null): number =>
  value === null || list.length === 0 ? 0 : list.includes(value) ? 1 : -1;

export function featuresOf(c: CandidateInput, ctx: TicketContext, bestText: number): Vector {
  return {
    bias: 1,
    text: bestText > 0 ? c.textScore / bestText : 0,
    product: membership(c.productLines, ctx.productLine),
    textProduct: (bestText > 0 ? c.textScore / bestText : 0) * membership(c.productLines, ctx.productLine),
    untried: c.similar.n < 0.25 ? (bestText > 0 ? c.textScore / bestText : 0) * Math.max(0, membership(c.productLines, ctx.productLine)) : 0,
    model: ctx.model !== null && c.models.includes(ctx.model) ? 1 : 0,
    segment: membership(c.segments, ctx.segment),
    similar: shrunk(c.similar, SIMILAR_M),
    kind: shrunk(c.kind),
    overall: shrunk(c.overall, SHRINK_M * 4),
  };
}

const dot = (w: Weights, x: Vector) => FEATURES.reduce((s, f) => s + w[f] * x[f], 0);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface Ranked {
  articleId: string;
  /** Probability the model gives that the article is relevant, before the exploration bonus. */
  relevance: number;
  score: number;
  features: Vector;
  /** Why it is suggested: the features that pushed it up most, strongest first. */
  reasons: Feature[];
  exploring: boolean;
}

export interface RankOptions {
  /** Off for the baseline: no exploration bonus. */
  explore?: boolean;
  /** Only the best this many (the reasons are worked out for those alone). */
  limit?: number;
}

const byScore = (a: { score: number; articleId: string }, b: { score: number; articleId: string }) => b.score - a.score || a.articleId.localeCompare(b.articleId);

export function rank(candidates: readonly CandidateInput[], ctx: TicketContext, weights: Weights, opts: RankOptions = {}): Ranked[] {
  const bestText = candidates.reduce((m, c) => Math.max(m, c.textScore), 0);
  const explore = opts.explore ?? true;
  const scored = candidates.map((c) => {
    const x = featuresOf(c, ctx, bestText);
    const z = dot(weights, x);
    const seen = c.similar.n;
    const bonus = explore ? EXPLORE / Math.sqrt(1 + seen) : 0;
    return { c, x, z, articleId: c.articleId, score: sigmoid(z + bonus) };
  });
  scored.sort(byScore);
  return scored.slice(0, opts.limit ?? scored.length).map(({ c, x, z, score }) => {
    const contributions = FEATURES.filter((f) => f !== 'bias')
      .map((f) => [f, weights[f] * x[f]] as const)
      .filter(([, v]) => v > 0.05)
      .sort((a, b) => b[1] - a[1]);
    return {
      articleId: c.articleId,
      relevance: sigmoid(z),
      score,
      features: x,
      reasons: contributions.map(([f]) => f),
      exploring: explore && c.similar.n < 1 && c.overall.n < 3,
    };
  });
}

/** The article rank would put first with these weights and no exploration (null: no candidates), without the rest of its work. */
export function best(candidates: readonly CandidateInput[], ctx: TicketContext, weights: Weights): string | null {
  const bestText = candidates.reduce((m, c) => Math.max(m, c.textScore), 0);
  let top: { score: number; articleId: string } | null = null;
  for (const c of candidates) {
    const here = { score: sigmoid(dot(weights, featuresOf(c, ctx, bestText))), articleId: c.articleId };
    if (top === null || byScore(here, top) < 0) top = here;
  }
  return top?.articleId ?? null;
}

/**
 * Relevance of a rating: 0 not, 1 somewhat, 2 very relevant ("solved with it" counts as 2).
 * Somewhat relevant is worth most of very relevant: an agent who says so has an article
 * that helps, and that is what a suggestion is for.
 */
export const relevanceOf = (rating: 0 | 1 | 2): number => (rating === 0 ? 0 : rating === 1 ? 0.75 : 1);

/** One step of online logistic regression on one rated suggestion (soft label 0, 0.75, 1). */
export function learn(weights: Weights, x: Vector, rating: 0 | 1 | 2, rate = LEARNING_RATE): Weights {
  const y = relevanceOf(rating);
  const g = y - sigmoid(dot(weights, x));
  const next = { ...weights };
  for (const f of FEATURES) next[f] = weights[f] + rate * (g * x[f] - (f === 'bias' ? 0 : L2 * weights[f]));
  return next;
}
