import type BetterSqlite3 from 'better-sqlite3';
import { nameWordKeys } from '../../../../shared/nameWords';
import { CUSTOMER_WORDS_DDL } from '../../customers/nameWords';
import { fillProgress, hasTable, type CompactProgress } from '../compact';
import { rawPrepare } from '../idCodec';

// Every word of every customer's name, for the lookup (customers/nameWords.ts): the table,
// filled from the customers already on the desk. 1,000,000 customers (the bench's desk) are
// read 20,000 at a time; each batch of words is appended to a rowid table, and the keyed table
// is written from it once, in key order.

/**
 * Indexes the words of every customer not erased whose rowid is above `fromRowid`, in batches
 * (one transaction each), ids copied as they are stored. Returns the customers read.
 */
export async function indexCustomerWords(raw: BetterSqlite3.Database, opts: { fromRowid?: number; batch?: number; onBatch?: (lastRowid: number, rows: number) => void } = {}): Promise<number> {
  const read = rawPrepare(raw, 'SELECT rowid AS r, id, name, erased_at FROM customers WHERE rowid > ? ORDER BY rowid LIMIT ?');
  const add = rawPrepare(raw, 'INSERT OR IGNORE INTO customer_words_fill (word_key, customer_id) VALUES (?, ?)');
  const batch = opts.batch ?? 20_000;
  let last = opts.fromRowid ?? 0;
  let total = 0;
  for (;;) {
    const rows = read.all(last, batch) as Array<{ r: number; id: unknown; name: string; erased_at: number | null }>;
    if (rows.length === 0) return total;
    raw.transaction(() => {
      for (const c of rows) if (c.erased_at === null) for (const w of nameWordKeys(c.name)) add.run(w, c.id);
      last = rows[rows.length - 1]!.r;
      total += rows.length;
      opts.onBatch?.(last, rows.length);
    })();
    // Between batches the upgrade screen answers its progress requests (1,000,000 customers
    // take tens of seconds; a page that hears nothing for 20 s says Tagdesk stopped answering).
    await new Promise<void>((resume) => setImmediate(resume));
  }
}

/**
 * Migration 0025: creates customer_words and fills it from every customer already on the desk.
 * The words are gathered in batches into customer_words_fill (a rowid table, appended to: a
 * kill loses at most the batch in flight, and the next start resumes after the last recorded
 * customer), then copied into customer_words in one statement, sorted by SQLite's own sorter
 * (bounded memory), so the keyed table is written in key order rather than all over in every
 * batch.
 */
export async function fillCustomerWords(raw: BetterSqlite3.Database, onProgress: (p: CompactProgress) => void, batch = 20_000): Promise<void> {
  if (hasTable(raw, 'customer_words')) return;
  if (!hasTable(raw, 'customer_words_progress')) {
    raw.transaction(() => {
      raw.exec('CREATE TABLE customer_words_fill (word_key TEXT NOT NULL, customer_id ANY NOT NULL) STRICT');
      raw.exec('CREATE TABLE customer_words_progress (last_rowid INTEGER NOT NULL, done INTEGER NOT NULL, total INTEGER NOT NULL) STRICT');
      const total = (rawPrepare(raw, 'SELECT count(*) AS n FROM customers /* scan: once, at the upgrade */').get() as { n: number }).n;
      rawPrepare(raw, 'INSERT INTO customer_words_progress (last_rowid, done, total) VALUES (0, 0, ?)').run(total);
    })();
  }
  await indexCustomerWords(raw, { ...fillProgress(raw, 'customer_words_progress', 'customer_words', onProgress), batch });
  raw.transaction(() => {
    raw.exec(CUSTOMER_WORDS_DDL);
    raw.exec('INSERT OR IGNORE INTO customer_words (word_key, customer_id) SELECT word_key, customer_id FROM customer_words_fill ORDER BY word_key, customer_id');
    raw.exec('DROP TABLE customer_words_fill');
    raw.exec('DROP TABLE customer_words_progress');
  })();
}
