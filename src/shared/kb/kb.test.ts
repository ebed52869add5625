import { describe, expect, it } from 'vitest';
import { INITIAL_PRECISION, observe, precisionOf, RARE, reobserve, shouldAsk, unobserve } from './askPolicy';
import { categorize } from './category';
import { boundedTerms, ftsQuery, normalizeText, queryTerms, spellings } from './normalize';
import { EMPTY_TALLY, INITIAL_WEIGHTS, learn, rank, shrunk, type CandidateInput } from './ranker';

const candidate = (id: string, over: Partial<CandidateInput> = {}): CandidateInput => ({
  articleId: id, textScore: 1, productLines: [], models: [], segments: [], similar: EMPTY_TALLY, kind: EMPTY_TALLY, overall: EMPTY_TALLY, ...over,
});
const ctx = { productLine: 'Latitude', model: 'Latitude 5450', segment: 'education' };

describe('normalisation for search', () => {
  it('folds case and accents', () => expect(normalizeText('Écran NOIR')).toBe('ecran noir'));
  it('makes Arabic and Persian letter variants one', () => {
    expect(normalizeText('كيبورد')).toBe(normalizeText('کیبورد'));
    expect(normalizeText('باتري')).toBe('باتری');
  });
  it('drops the zero-width non-joiner so both spellings meet', () => expect(normalizeText('می‌شود')).toBe(normalizeText('میشود')));
  it('reads Persian digits as digits', () => expect(normalizeText('لپ‌تاپ ۵۴۵۰')).toBe('لپتاپ 5450'));
  it('joins a Persian verb prefix and a plural suffix typed with a space to their word', () => {
    expect(normalizeText('کار نمی کند')).toBe(normalizeText('کار نمی‌کند'));
    expect(normalizeText('مي كند')).toBe(normalizeText('می‌کند'));
    expect(normalizeText('فایل ها و پوشه های')).toBe(normalizeText('فایل‌ها و پوشه‌های'));
    expect(queryTerms('باتری شارژ نمی شود')).toEqual(['باتری', 'شارژ', 'نمیشود']);
    // Words that only begin or end the same stay apart.
    expect(normalizeText('میز هاشمی')).toBe('میز هاشمی');
  });
  it('knows each word as the text writes it', () => {
    const spelt = spellings('داده‌های کاربر پاک نمی شود');
    expect(spelt.get('دادههای')).toBe('داده‌های');
    expect(spelt.get('نمیشود')).toBe('نمی شود');
    expect(spellings('Écran noir').get('ecran')).toBe('écran');
  });
  it('quotes every term so user text is never FTS5 syntax', () => {
    expect(ftsQuery(queryTerms('battery NEAR "charge" OR'))).toBe('"battery" OR "near" OR "charge"');
    expect(ftsQuery([])).toBeNull();
  });
  it('matches each word as the start of one for a search typed into the knowledge base', () => {
    expect(ftsQuery(['کلید', 'disk"', 'os'], { prefix: true })).toBe('"کلید"* OR "disk"""* OR "os"');
  });
});

describe('bounded search words', () => {
  const df: Record<string, number> = { battery: 4000, charging: 2500, stuck: 40, percent: 90, eighty: 12, laptop: 6000, nowhere: 0 };
  const bounds = { max: 3, budget: 1500, pool: 6 };
  it('searches the first words, subject first, while they are cheap together', () => {
    expect(boundedTerms(['stuck', 'percent', 'eighty', 'battery'], (t) => df[t] ?? 0, bounds)).toEqual(['stuck', 'percent', 'eighty']);
  });
  it('trades words most articles have for rarer ones once the first cost too much, keeping their order', () => {
    expect(boundedTerms(['battery', 'charging', 'stuck', 'nowhere', 'percent', 'laptop'], (t) => df[t] ?? 0, bounds)).toEqual(['stuck', 'percent']);
  });
  it('keeps the rarest word when every word is over the budget, and nothing when no article has any', () => {
    expect(boundedTerms(['laptop', 'battery', 'charging'], (t) => df[t] ?? 0, bounds)).toEqual(['charging']);
    expect(boundedTerms(['nowhere'], (t) => df[t] ?? 0, { ...bounds, budget: -1 })).toEqual([]);
  });
});

describe('categories', () => {
  it('puts a ticket under the first matching problem', () => {
    expect(categorize('Battery not charging past 80%')).toBe('battery');
    expect(categorize('Wi-Fi drops every few minutes')).toBe('network');
    expect(categorize('Would be great to have a backlit keyboard option')).toBe('feature_request');
    expect(categorize('Question about an invoice')).toBe('other');
  });
});

describe('ranking', () => {
  it('prefers the article for the ticket’s product line when text is equal', () => {
    const r = rank([candidate('other', { productLines: ['XPS'] }), candidate('mine', { productLines: ['Latitude'] })], ctx, INITIAL_WEIGHTS, { explore: false });
    expect(r.map((x) => x.articleId)).toEqual(['mine', 'other']);
    expect(r[0]!.reasons).toContain('product');
  });

  it('shrinks a short rating history toward the prior', () => {
    expect(shrunk(EMPTY_TALLY)).toBeCloseTo(0, 12);
    expect(shrunk({ n: 1, sum: 1 })).toBeLessThan(shrunk({ n: 10, sum: 10 }));
    expect(shrunk({ n: 1, sum: 0 })).toBeGreaterThan(shrunk({ n: 10, sum: 0 }));
  });

  it('lets good ratings on similar tickets lift an article above a better text match', () => {
    const liked = candidate('liked', { textScore: 0.6, similar: { n: 6, sum: 6 }, kind: { n: 6, sum: 6 } });
    const text = candidate('text', { textScore: 1 });
    expect(rank([text, liked], ctx, INITIAL_WEIGHTS, { explore: false })[0]!.articleId).toBe('liked');
  });

  it('gives an article nobody has rated yet a chance over one often rated middling', () => {
    const known = candidate('known', { similar: { n: 40, sum: 10 }, overall: { n: 40, sum: 10 } });
    const fresh = candidate('fresh');
    expect(rank([known, fresh], ctx, INITIAL_WEIGHTS)[0]!.articleId).toBe('fresh');
    expect(rank([known, fresh], ctx, INITIAL_WEIGHTS)[0]!.exploring).toBe(true);
  });

  it('learns: a "very relevant" raises the weight of what the rated article had, "not relevant" lowers it', () => {
    const x = rank([candidate('a', { productLines: ['Latitude'] })], ctx, INITIAL_WEIGHTS, { explore: false })[0]!.features;
    expect(learn(INITIAL_WEIGHTS, x, 2).product).toBeGreaterThan(INITIAL_WEIGHTS.product);
    expect(learn(INITIAL_WEIGHTS, x, 0).product).toBeLessThan(INITIAL_WEIGHTS.product);
  });
});

describe('how often to ask', () => {
  it('asks every time until precision is measured, one in five at 80 %, every time again when it falls', () => {
    let s = INITIAL_PRECISION;
    for (let i = 0; i < 10; i++) s = observe(s, true);
    expect(s.askRate).toBe(1);
    for (let i = 0; i < 60; i++) s = observe(s, i % 10 !== 0);
    expect(s.askRate).toBe(RARE);
    const asked = Array.from({ length: 1000 }, (_, i) => shouldAsk(s, `ticket-${i}`)).filter(Boolean).length;
    expect(asked).toBeGreaterThan(150);
    expect(asked).toBeLessThan(250);
    for (let i = 0; i < 60; i++) s = observe(s, i % 2 === 0);
    expect(s.askRate).toBe(1);
  });
});

describe('a rating taken back', () => {
  it('leaves "Relevant lately" as it was before that rating', () => {
    let s = INITIAL_PRECISION;
    for (let i = 0; i < 40; i++) s = observe(s, i % 4 !== 0);
    const before = s;
    const back = unobserve(observe(s, false), false);
    expect(back.shown).toBeCloseTo(before.shown * 0.99, 6);
    expect(precisionOf(back)!).toBeCloseTo(precisionOf(before)!, 2);
    expect(unobserve(observe(s, true), true).relevant).toBeCloseTo(before.relevant * 0.99, 6);
    // Never below nothing, however often.
    expect(unobserve(unobserve(INITIAL_PRECISION, true), true)).toEqual(INITIAL_PRECISION);
  });
});

describe('a rating changed', () => {
  it('moves "Relevant lately" as if the new rating had been given instead', () => {
    let s = INITIAL_PRECISION;
    for (let i = 0; i < 40; i++) s = observe(s, i % 4 !== 0);
    const meant = observe(s, false);
    const changed = reobserve(observe(s, true), true, false);
    expect(changed.shown).toBe(meant.shown);
    expect(changed.relevant).toBeCloseTo(meant.relevant, 9);
    expect(precisionOf(reobserve(meant, false, true))!).toBeCloseTo(precisionOf(observe(s, true))!, 9);
    // The same side of the line (very relevant to somewhat relevant): nothing to move.
    expect(reobserve(meant, true, true)).toBe(meant);
  });
});
