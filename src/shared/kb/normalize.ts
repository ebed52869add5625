// Text as the knowledge base searches it. The same function runs when an article is
// indexed and when a ticket is turned into a query, so both sides meet in one spelling:
// - case folded, accents removed (é → e), so "Écran" finds "ecran";
// - Arabic and Persian letter variants made one: ي/ى → ی, ك → ک, ة → ه, أ/إ/آ/ٱ → ا, ؤ → و,
//   ئ → ی (a Persian keyboard and an Arabic one type different code points for the same
//   word, and agents paste from both);
// - the zero-width non-joiner (ZWNJ, U+200C) removed: "می‌شود" and "میشود" are one word to
//   the people who type them; tatweel (ـ) and Arabic short vowels (harakat) removed;
// - Persian and Arabic-Indic digits → 0-9, so a model number is found however it was typed;
// - a Persian verb's prefix می/نمی and a plural's ها/های/هایی typed with a space joined to their
//   word: «می کند» is «می‌کند», «فایل ها» is «فایل‌ها». Typed apart, «می» was a stop word and
//   «کند» alone found none of the articles that wrote «می‌کند».

const LETTER_VARIANTS: Record<string, string> = {
  'ي': 'ی', 'ى': 'ی', 'ئ': 'ی',
  'ك': 'ک',
  'ة': 'ه',
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا',
  'ؤ': 'و',
};
const VARIANT_RE = /[يىئكةأإآٱؤ]/g;
// ZWNJ, ZWJ, tatweel, harakat (U+064B-U+065F), superscript alef (U+0670).
const INVISIBLE_RE = /[\u200c\u200d\u0640\u064b-\u065f\u0670]/g;
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';
const DIGIT_RE = /[۰-۹٠-٩]/g;
const COMBINING_RE = /[\u0300-\u036f]/g;

export function normalizeText(text: string): string {
  return text
    .replace(INVISIBLE_RE, '')
    .replace(VARIANT_RE, (c) => LETTER_VARIANTS[c] ?? c)
    .replace(DIGIT_RE, (c) => String(Math.max(PERSIAN_DIGITS.indexOf(c), ARABIC_DIGITS.indexOf(c))))
    // NFD splits é into e + a combining accent, which is then dropped; Arabic letters are
    // recomposed by NFC afterwards so hamza forms already mapped above stay mapped.
    .normalize('NFD')
    .replace(COMBINING_RE, '')
    .normalize('NFC')
    .toLocaleLowerCase('en-US')
    .replace(PREFIX_APART_RE, '$1')
    .replace(SUFFIX_APART_RE, '$1$2');
}

// (After the variants are made one: ی for every yeh.)
const PREFIX_APART_RE = /(?<![\p{L}\p{N}])(ن?می)[ \u00a0]+(?=\p{Script=Arabic})/gu;
const SUFFIX_APART_RE = /(\p{Script=Arabic})[ \u00a0]+(هایی|های|ها)(?![\p{L}\p{N}])/gu;

/**
 * The text's words as it writes them, by the word the search sees (normalised): a matched word
 * is shown as the ticket spells it («داده‌های», not the search's «دادههای»; «می کند» as typed).
 * The first spelling of each word wins; lower case, as the words were shown before (a subject's
 * first word is capitalised only for being first).
 */
export function spellings(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = text.split(/[^\p{L}\p{N}\p{M}\u200c\u200d\u0640]+/u).filter((w) => w.length > 0);
  parts.forEach((w, i) => {
    const next = parts[i + 1];
    if (next !== undefined) {
      const joined = normalizeText(`${w} ${next}`);
      if (!joined.includes(' ') && !out.has(joined)) out.set(joined, `${w} ${next}`.toLocaleLowerCase('en-US'));
    }
    const one = normalizeText(w);
    if (!out.has(one)) out.set(one, w.toLocaleLowerCase('en-US'));
  });
  return out;
}

// Words that say nothing about the problem. English and Persian; a short list on purpose:
// bm25 already gives common words little weight, this only keeps them out of the features.
const STOPWORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'can', 'does', 'for', 'from', 'has', 'have', 'he', 'her', 'his', 'i', 'if', 'in',
  'into', 'is', 'it', 'its', 'me', 'my', 'no', 'not', 'of', 'on', 'or', 'our', 'she', 'so', 'that', 'the', 'their', 'them', 'then',
  'there', 'they', 'this', 'to', 'up', 'was', 'we', 'were', 'what', 'when', 'which', 'with', 'you', 'your', 'after', 'again', 'all',
  'customer', 'says', 'said', 'since', 'still', 'just', 'very', 'will', 'would', 'could', 'should', 'about', 'any', 'some', 'do',
  'و', 'در', 'به', 'از', 'که', 'این', 'را', 'با', 'است', 'برای', 'آن', 'یک', 'تا', 'هم', 'بر', 'شد', 'می', 'ها',
]);

/** Every word of a text, normalised, split on anything not a letter or digit. */
export function words(text: string): string[] {
  return normalizeText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** The words of a text as the index sees them: without stopwords and one-letter words. */
export function tokenize(text: string): string[] {
  return words(text).filter((t) => t.length >= 2 && !STOPWORDS.has(t));
}

/** Distinct tokens, in first-seen order, at most `max` of them. */
export function queryTerms(text: string, max = 24): string[] {
  return [...new Set(tokenize(text))].slice(0, max);
}

/** The shortest word `ftsQuery` makes a prefix of (in letters). */
const PREFIX_MIN = 3;

/**
 * An FTS5 MATCH expression for the terms: any of them (OR), each quoted so that no word
 * the user typed is read as FTS5 syntax (NEAR, AND, a column filter, a stray quote).
 * Null when nothing searchable is left.
 *
 * `prefix`: each term matches the words it starts, for what a person types into a search
 * field. Persian has no stemmer here: "کلید" (key) must find "کلید‌های" (keys, one word once
 * the ZWNJ is gone) and "صفحه کلید" typed with a space "صفحه‌کلید"; and a word still being
 * typed ("écr") finds "écran" instead of "no article matches". It only adds matches: the
 * stemmed word is a prefix of itself. A word of two letters stays whole: as a prefix it starts
 * words in nearly every article, and bm25 would score them all on each pause in the typing.
 */
export function ftsQuery(terms: readonly string[], options: { prefix?: boolean | ((term: string) => boolean) } = {}): string | null {
  const prefix = (t: string) => (typeof options.prefix === 'function' ? options.prefix(t) : options.prefix === true);
  const end = (t: string) => (prefix(t) && [...t].length >= PREFIX_MIN ? '*' : '');
  const safe = terms.map((t) => `"${t.replaceAll('"', '""')}"${end(t)}`);
  return safe.length === 0 ? null : safe.join(' OR ');
}

const ARABIC_SCRIPT = /\p{Script=Arabic}/u;
/**
 * Whether a ticket's word is searched as a prefix in the suggestions: a Persian one (Arabic
 * script) of three letters or more. Persian writes one word joined, with a ZWNJ or with a space
 * ("درجه‌بندی", "درجه بندی"), and adds its suffixes to the word ("کلید‌های"): a ticket typed
 * with a space found no article written with a ZWNJ. Other words stay whole (an English
 * word's prefix would read many more articles, and English has no such spelling choice).
 */
export const isPrefixTerm = (term: string): boolean => ARABIC_SCRIPT.test(term) && [...term].length >= PREFIX_MIN;

/** Whether a set of words has the term: the word itself, or for a prefix term a word it starts. */
export function hasTerm(words: ReadonlySet<string>, term: string): boolean {
  if (words.has(term)) return true;
  if (!isPrefixTerm(term)) return false;
  for (const w of words) if (w.startsWith(term)) return true;
  return false;
}

export interface TermBounds {
  /** At most this many words. */
  max: number;
  /** The most documents the words may have between them (their postings). */
  budget: number;
  /** Words looked at when the first ones cost too much: the first `pool`. */
  pool: number;
}

/**
 * The words of a query that full-text search uses, bounded in cost. FTS5 scores (bm25) every
 * document that has any of the words, so a search costs about the sum of their document
 * frequencies (`df`). The first `max` words (subject first) when together they stay within
 * the budget; otherwise the rarest of the first `pool` words that fit, in their own order: a
 * word most documents have adds little to bm25 and much to the cost. Words no document has
 * are left out then; if even the rarest word is over the budget, it alone is searched.
 */
export function boundedTerms(terms: readonly string[], df: (term: string) => number, bounds: TermBounds): string[] {
  const first = terms.slice(0, bounds.max);
  if (first.reduce((s, t) => s + df(t), 0) <= bounds.budget) return first;
  const pool = terms
    .slice(0, bounds.pool)
    .map((term, i) => ({ term, i, docs: df(term) }))
    .filter((x) => x.docs > 0)
    .sort((a, b) => a.docs - b.docs || a.i - b.i);
  const chosen: typeof pool = [];
  let left = bounds.budget;
  for (const x of pool) {
    if (chosen.length >= bounds.max) break;
    if (x.docs > left) continue;
    chosen.push(x);
    left -= x.docs;
  }
  if (chosen.length === 0 && pool[0]) chosen.push(pool[0]);
  return chosen.sort((a, b) => a.i - b.i).map((x) => x.term);
}
