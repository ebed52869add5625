import { nameKey } from './customerRules';

// The words of a customer's name, as the lookup finds them: "Jordan Patel" by "Patel" (callers
// give their surname), "Springfield School District" by "District", not only by the start of
// the whole name (customers.name_key). Pure, so the desk's core indexes names with these words
// (customer_words, src/main/core/customers/nameWords.ts) and the renderer marks, in the list
// of candidates, the part of each name a typed word matched: one rule for both.
//
// - A name's words are split on whitespace; a hyphenated word is found whole and by each part
//   ("Vasquez-Holm" by "holm"); a word written with the zero-width non-joiner
//   (U+200C, "کریمی‌نژاد") is found by each of its parts from there on ("نژاد") as well as
//   whole, since name_key, and so a typed query, drops the non-joiner ("کریمینژاد").
// - Each word is keyed by nameKey (lower case, accents gone, Persian and Arabic letters
//   unified), with the punctuation around it dropped ("(ltd)", "patel,").

const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
/** The hyphens a name is written with: ASCII's, Unicode's and the non-breaking one. */
const HYPHENS = /[-\u2010\u2011]/;
const ZWNJ = '\u200c';

/** A letter or digit of a key that needs no trimming at that end (ASCII, the common case). */
const plain = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** A key as a word is matched by: punctuation at either end dropped (empty: no word). */
function trimmed(key: string): string {
  if (key === '' || (plain(key.charCodeAt(0)) && plain(key.charCodeAt(key.length - 1)))) return key;
  return key.replace(EDGES, '');
}

/** The keys a name is found by, each once. */
export function nameWordKeys(name: string): string[] {
  // One key for the whole name (a million names at an upgrade), then the parts after each ZWNJ.
  const keys = keyWords(nameKey(name));
  // A hyphenated word ("Vasquez-Holm", "Jean-Luc") is found whole and by each of its parts.
  for (const key of keys.slice()) {
    if (!HYPHENS.test(key)) continue;
    for (const part of key.split(HYPHENS)) {
      const w = trimmed(part);
      if (w && !keys.includes(w)) keys.push(w);
    }
  }
  if (name.includes(ZWNJ)) {
    for (const word of name.split(/\s+/)) {
      const parts = word.split(ZWNJ);
      for (let i = 1; i < parts.length; i++) for (const k of keyWords(nameKey(parts.slice(i).join('')))) if (!keys.includes(k)) keys.push(k);
    }
  }
  return keys;
}

/** The words of a key (name_key, or what was typed as nameKey folds it), each once. */
export function keyWords(key: string): string[] {
  const words: string[] = [];
  for (const piece of key.split(' ')) {
    const w = trimmed(piece);
    if (w && !words.includes(w)) words.push(w);
  }
  return words;
}

/** A query's words, keyed as names' words are. */
export const queryWordKeys = (query: string): string[] => keyWords(nameKey(query));

/** Whether every query word starts some word of the name. */
export function wordsMatch(queryWords: readonly string[], nameWords: readonly string[]): boolean {
  return queryWords.every((q) => nameWords.some((w) => w.startsWith(q)));
}

/** A run of a name, and whether a typed word matched it. */
export interface NamePart {
  text: string;
  marked: boolean;
}

/**
 * The name in runs, each typed word's match marked: the start of every word of the name
 * (nameWordKeys: after a space, a hyphen or a ZWNJ) that the typed word starts, as long as
 * the typed word ("Pat" of "Patel" for "pat"; "Lindgren-Mo" for "lindgren-mo"). The words
 * are the lookup's own, so a name is marked where the desk found it and nowhere else; a typed
 * word that starts none of them marks nothing. Joined, the runs are the name as written.
 */
export function nameMarks(name: string, query: string): NamePart[] {
  const typed = queryWordKeys(query);
  const keys = nameWordKeys(name);
  const marked = new Array<boolean>(name.length).fill(false);
  if (typed.length > 0) {
    // Where a word may begin: the name's start, and after a space, a hyphen or a ZWNJ.
    for (let at = 0; at < name.length; at++) {
      const before = at === 0 ? ' ' : name[at - 1]!;
      if (!(/\s/.test(before) || HYPHENS.test(before) || before === ZWNJ) || /\s/.test(name[at]!)) continue;
      const word = foldedFrom(name, at);
      for (const q of typed) {
        // A key of the name that the typed word starts, written here (not another word's).
        if (!keys.some((k) => k.startsWith(q) && word.key.startsWith(k))) continue;
        const end = word.ends[q.length - 1];
        if (end !== undefined) marked.fill(true, word.start, end);
      }
    }
  }
  const parts: NamePart[] = [];
  for (let i = 0; i < name.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.marked === marked[i]) last.text += name[i];
    else parts.push({ text: name[i]!, marked: marked[i]! });
  }
  return parts;
}

/**
 * The word of `name` that starts at `from` (up to the next space), folded character by
 * character as nameKey folds the whole name, its leading punctuation dropped as trimmed()
 * drops it: `start` is where its first letter is, and `ends[i]` where the name's text for
 * its first i + 1 folded characters ends (a letter's accents written apart included).
 */
function foldedFrom(name: string, from: number): { key: string; start: number; ends: number[] } {
  let key = '';
  let start = -1;
  const ends: number[] = [];
  let at = from;
  while (at < name.length) {
    const ch = String.fromCodePoint(name.codePointAt(at)!);
    if (/\s/.test(ch)) break;
    const next = at + ch.length;
    const folded = nameKey(ch);
    if (start < 0 && !/[\p{L}\p{N}]/u.test(folded)) {
      at = next;
      continue;
    }
    if (start < 0) start = at;
    if (folded === '' && /\p{M}/u.test(ch) && ends.length > 0) ends[ends.length - 1] = next;
    for (let i = 0; i < folded.length; i++) ends.push(next);
    key += folded;
    at = next;
  }
  return { key, start, ends };
}
