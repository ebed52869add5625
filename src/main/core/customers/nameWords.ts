import type BetterSqlite3 from 'better-sqlite3';
import { nameKey } from '../../../shared/customerRules';

// Every word of a customer's name, so that the lookup finds "Jordan Patel" by "Patel" (callers
// give their surname) and "Springfield School District" by "District", not only by the start
// of the whole name (customers.name_key).
//
// - A name's words are split on whitespace; a hyphenated word is found whole and by each part
//   ("Vasquez-Holm" by "holm"); a word written with the zero-width non-joiner
//   (U+200C, "کریمی‌نژاد") is found by each of its parts from there on ("نژاد") as well as
//   whole, since name_key, and so a typed query, drops the non-joiner ("کریمینژاد").
// - Each word is keyed by nameKey (lower case, accents gone, Persian and Arabic letters
//   unified), with the punctuation around it dropped ("(ltd)", "patel,").
// - customer_words holds one row per (word, customer): a WITHOUT ROWID table keyed for the
//   lookup's range on the word, ids as stored (16 bytes). An erased customer has none.
// - One writer, `customerWords(...).set`, is called before a customer's row is written
//   (created, renamed, merged away, erased), on this desk and from the hub alike.

export const CUSTOMER_WORDS_DDL = `CREATE TABLE customer_words (
  word_key TEXT NOT NULL,
  customer_id ANY NOT NULL,
  PRIMARY KEY (word_key, customer_id)
) STRICT, WITHOUT ROWID`;

const EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
/** The hyphens a name is written with: ASCII's, Unicode's and the non-breaking one. */
const HYPHENS = /[-\u2010\u2011]/;

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
  if (name.includes('\u200c')) {
    for (const word of name.split(/\s+/)) {
      const parts = word.split('\u200c');
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

export type CustomerWords = ReturnType<typeof customerWords>;

/** The writer of customer_words, on the desk's connection (in the caller's transaction). */
export function customerWords(sqlite: BetterSqlite3.Database) {
  const stored = sqlite.prepare<[string], { name: string; erased_at: number | null }>('SELECT name, erased_at FROM customers WHERE id = ?');
  const add = sqlite.prepare<[string, string]>('INSERT OR IGNORE INTO customer_words (word_key, customer_id) VALUES (?, ?)');
  const drop = sqlite.prepare<[string, string]>('DELETE FROM customer_words WHERE word_key = ? AND customer_id = ?');
  return {
    /**
     * The customer's words become those of `name` (null: none, for a record merged away or
     * erased). Called BEFORE the customer's row is inserted, renamed or removed: the words to
     * take away are those of the name the row holds until then.
     */
    set(customerId: string, name: string | null): void {
      const row = stored.get(customerId);
      const before = row && row.erased_at === null ? nameWordKeys(row.name) : [];
      // An erased customer keeps no words, whatever reaches them later.
      const after = name === null || (row && row.erased_at !== null) ? [] : nameWordKeys(name);
      for (const w of before) if (!after.includes(w)) drop.run(w, customerId);
      for (const w of after) if (!before.includes(w)) add.run(w, customerId);
    },
  };
}
