import { PRODUCTS } from '../src/main/core/demo';
import { GENERAL, linesFor, PROBLEMS, UNRELATED, type Problem } from '../src/main/core/kb/problems';
import type { EvalArticle, EvalQuery } from '../src/main/core/kb/evaluate';
import { seeded } from './random';

// Test data for `tagdesk kb eval` in the shape the issue gives, from the demo's domain:
// the recurring problems of each product line (src/main/core/kb/problems.ts), four weeks
// of calls about them in time order, and agents whose ratings are noisy and sometimes
// missing. Articles are written the way a support team writes them (product, technical
// terms, fix); callers describe the same problems in their own words, so text search alone
// often puts the right product's article below another line's, or a general article the
// problem needs below one that merely shares a word.
//
// Ratings of a call about problem P on line L: the article for P on L is very relevant (2);
// P's two general articles (diagnostics, background) and the article for P on a sibling
// line (built alike) are somewhat relevant (1); the article for P on an unlike line is not
// relevant (0). Then noise: 10 % of ratings move one
// step, 8 % are missing (an agent who did not say).

export interface EvalData {
  articles: EvalArticle[];
  queries: EvalQuery[];
}

export interface EvalDataOptions {
  seed?: number;
  queriesPerWeek?: number;
  weeks?: number;
}

/** Lines built alike: the fix for one usually works on the other (somewhat relevant). */
const SIBLINGS: Record<string, string[]> = {
  Latitude: ['Precision', 'Vostro'],
  Precision: ['Latitude'],
  Vostro: ['Latitude', 'OptiPlex'],
  OptiPlex: ['Vostro'],
  XPS: ['Inspiron'],
  Inspiron: ['XPS'],
};

const FILLER = ['customer', 'says', 'since yesterday', 'again', 'urgent', 'please help', 'user reports', 'on site', 'caller', 'office', 'laptop', 'after update', 'every day', 'intermittent'];

export function generateEvalData(opts: EvalDataOptions = {}): EvalData {
  const r = seeded(opts.seed ?? 11);
  const weeks = opts.weeks ?? 4;
  const perWeek = opts.queriesPerWeek ?? 500;
  const articles: EvalArticle[] = [];
  const idOf = (p: Problem, line: string) => `${p.key}:${line}`.toLowerCase();

  for (const p of PROBLEMS) {
    for (const line of linesFor(p)) {
      articles.push({
        id: idOf(p, line),
        title: `${line}: ${p.title}`,
        body: [`${p.title} on ${line} systems (${PRODUCTS[line]!.join(', ')}).`, `Terms: ${p.terms.join(', ')}.`, ...p.steps].join('\n'),
        product: line,
      });
    }
  }
  // A general article links the problems it serves, as a KB's "see also" does.
  for (const [id, g] of Object.entries(GENERAL)) {
    const serves = PROBLEMS.filter((p) => p.general.includes(id)).map((p) => p.title.toLowerCase());
    articles.push({ id: `general:${id}`, title: g.title, body: `${g.body}\nTags: ${g.tags.join(', ')}.\nUse it for: ${serves.join('; ')}.` });
  }
  UNRELATED.forEach((u, i) => articles.push({ id: `other:${i + 1}`, title: u.title, body: u.body }));

  // Each week its own mix: a few problems are the week's trouble (a bad BIOS, a driver).
  const queries: EvalQuery[] = [];
  for (let w = 0; w < weeks; w++) {
    const hot = [r.pick(PROBLEMS), r.pick(PROBLEMS), r.pick(PROBLEMS)];
    for (let i = 0; i < perWeek; i++) {
      const p = r.chance(0.45) ? r.pick(hot) : r.pick(PROBLEMS);
      const line = r.pick(linesFor(p));
      const model = r.pick(PRODUCTS[line]!);
      const words = [r.pick(p.symptoms), r.pick(p.symptoms)];
      if (r.chance(0.8)) words.push(r.pick(p.terms));
      if (r.chance(0.4)) words.push(model);
      words.push(r.pick(FILLER));
      const text = shuffle(words, r).join(' ');
      const ratings: Record<string, 0 | 1 | 2> = {};
      const rate = (id: string, value: 0 | 1 | 2) => {
        if (r.chance(0.08)) return;
        let v = value;
        if (r.chance(0.1)) v = (value === 2 ? 1 : value === 0 ? 1 : r.pick([0, 2])) as 0 | 1 | 2;
        ratings[id] = v;
      };
      rate(idOf(p, line), 2);
      for (const g of p.general) rate(`general:${g}`, 1);
      const other = linesFor(p).filter((l) => l !== line);
      for (const l of other) if (SIBLINGS[line]?.includes(l)) rate(idOf(p, l), 1);
      const unlike = other.filter((l) => !SIBLINGS[line]?.includes(l));
      if (unlike.length > 0) rate(idOf(p, r.pick(unlike)), 0);
      queries.push({ id: `w${w + 1}-q${i + 1}`, text, ...(r.chance(0.9) ? { product: line } : {}), ratings });
    }
  }
  return { articles, queries };
}

function shuffle<T>(items: T[], r: ReturnType<typeof seeded>): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
