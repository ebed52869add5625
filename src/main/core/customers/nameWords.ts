import type BetterSqlite3 from 'better-sqlite3';
import { nameWordKeys } from '../../../shared/nameWords';

// Every word of a customer's name, indexed, so that the lookup finds "Jordan Patel" by "Patel"
// (callers give their surname) and "Springfield School District" by "District", not only by
// the start of the whole name (customers.name_key). What a name's words are (split at spaces,
// hyphens and the ZWNJ, keyed by nameKey) is src/shared/nameWords.ts, which the renderer also
// uses to mark, on the list of candidates, what each typed word matched.
//
// - customer_words holds one row per (word, customer): a WITHOUT ROWID table keyed for the
//   lookup's range on the word, ids as stored (16 bytes). An erased customer has none.
// - One writer, `customerWords(...).set`, is called before a customer's row is written
//   (created, renamed, merged away, erased), on this desk and from the hub alike.

export const CUSTOMER_WORDS_DDL = `CREATE TABLE customer_words (
  word_key TEXT NOT NULL,
  customer_id ANY NOT NULL,
  PRIMARY KEY (word_key, customer_id)
) STRICT, WITHOUT ROWID`;

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
