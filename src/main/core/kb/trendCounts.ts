import type BetterSqlite3 from 'better-sqlite3';
import { categorize, type Category } from '../../../shared/kb/category';
import { fillProgress, hasTable, type CompactProgress } from '../db/compact';
import { OF_ASSET } from '../ticketRows';

// The board's product trends count tickets per week, product line and category. Counting
// them when the board opened meant reading and classifying every ticket of its 12 weeks
// (760,565 at 2 M tickets: 10-13 s a click). The counts are kept here instead, as tickets are
// created, and the board reads a few hundred rows (trends.ts).
//
// - A ticket counts in the week it was created (Monday 00:00 UTC), under its system's product
//   line ('Unknown' for none) and the category of its subject and description. None of these
//   change after creation, except the product line when someone corrects the system's record:
//   then its tickets move to the new line (moveAsset).
// - Every path that creates or removes a ticket row counts it: the ticket store, the sync
//   applier (and its removal of a ticket the hub refused), the importer, and the bench's
//   generator (countTickets). trendCounts.test.ts compares the table with a recount.
// - Feature requests keep the latest three subjects of their week as examples, newest first.

export const TICKET_TRENDS_DDL = `CREATE TABLE ticket_trends (
  week INTEGER NOT NULL,
  product_line TEXT NOT NULL,
  category TEXT NOT NULL,
  n INTEGER NOT NULL,
  examples TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (week, product_line, category)
) STRICT, WITHOUT ROWID`;

export const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the week holding `at`. */
export function weekStart(at: number): number {
  const day = Math.floor(at / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
  return (day - ((day + 3) % 7)) * DAY_MS;
}

export const UNKNOWN_LINE = 'Unknown';
/** How many examples a count of feature requests keeps (newest first), and how long each is. */
export const EXAMPLES = 3;
const EXAMPLE_CHARS = 140;

/** A feature request's words as an example. */
export const exampleText = (text: string): string => text.slice(0, EXAMPLE_CHARS);

/** A count's examples (JSON) with `drop` taken out and `add` put in front, three at most. */
export function mergeExamples(json: string, add: readonly string[], drop: readonly string[]): string {
  const examples = JSON.parse(json) as string[];
  for (const d of drop) {
    const i = examples.indexOf(d);
    if (i >= 0) examples.splice(i, 1);
  }
  return JSON.stringify([...add, ...examples].slice(0, EXAMPLES));
}

/** What a ticket is counted by. */
export interface TrendTicket {
  created_at: number;
  subject: string;
  description: string;
}

export const lineOf = (productLine: string | null | undefined): string => (productLine ? productLine : UNKNOWN_LINE);
export const categoryOf = (t: TrendTicket): Category => categorize(`${t.subject} ${t.description}`);
const exampleOf = (t: TrendTicket) => exampleText(t.subject);

export type TrendCounter = ReturnType<typeof trendCounter>;

export function trendCounter(sqlite: BetterSqlite3.Database) {
  const q = {
    line: sqlite.prepare<[string], { product_line: string }>('SELECT product_line FROM assets WHERE id = ?'),
    get: sqlite.prepare<[number, string, string], { n: number; examples: string }>('SELECT n, examples FROM ticket_trends WHERE week = ? AND product_line = ? AND category = ?'),
    insert: sqlite.prepare<[number, string, string, number, string]>('INSERT INTO ticket_trends (week, product_line, category, n, examples) VALUES (?, ?, ?, ?, ?)'),
    update: sqlite.prepare<[number, string, number, string, string]>('UPDATE ticket_trends SET n = ?, examples = ? WHERE week = ? AND product_line = ? AND category = ?'),
    remove: sqlite.prepare<[number, string, string]>('DELETE FROM ticket_trends WHERE week = ? AND product_line = ? AND category = ?'),
    ofAsset: sqlite.prepare<[string, string, string], TrendTicket>(`SELECT created_at, subject, description FROM tickets WHERE ${OF_ASSET}`),
  };

  /** Adds `delta` tickets to one count; examples (newest first, three at most) join in front or leave with them. */
  function bump(week: number, line: string, category: Category, delta: number, add: readonly string[] = [], drop: readonly string[] = []): void {
    const row = q.get.get(week, line, category);
    if (!row) {
      if (delta > 0) q.insert.run(week, line, category, delta, mergeExamples('[]', add, []));
      return;
    }
    const n = row.n + delta;
    if (n <= 0) {
      q.remove.run(week, line, category);
      return;
    }
    q.update.run(n, mergeExamples(row.examples, add, drop), week, line, category);
  }

  function count(t: TrendTicket, line: string, delta: 1 | -1): void {
    const category = categoryOf(t);
    const example = category === 'feature_request' ? [exampleOf(t)] : [];
    bump(weekStart(t.created_at), line, category, delta, delta > 0 ? example : [], delta < 0 ? example : []);
  }

  /** The product line a ticket counts under: its system's, as the system's record stands. */
  const lineOfTicket = (t: { asset_id: string | null }) => lineOf(t.asset_id ? q.line.get(t.asset_id)?.product_line : null);

  return {
    bump,
    /** A ticket row was written for the first time (inside the caller's transaction). */
    added: (t: TrendTicket & { asset_id: string | null }): void => count(t, lineOfTicket(t), 1),
    /** A ticket row is about to be deleted. */
    removed: (t: TrendTicket & { asset_id: string | null }): void => count(t, lineOfTicket(t), -1),
    /** A system's product line changed from `from` to `to`: its tickets move with it. */
    moveAsset(assetId: string, from: string | null, to: string | null): void {
      if (lineOf(from) === lineOf(to)) return;
      for (const t of q.ofAsset.all(assetId, assetId, assetId)) {
        count(t, lineOf(from), -1);
        count(t, lineOf(to), 1);
      }
    },
  };
}

/**
 * Counts the tickets after `fromRowid` into ticket_trends, in batches of `batch` rows, each in
 * a transaction of its own with `onBatch` (which can record how far it got). Returns the number
 * of tickets counted.
 */
export async function countTickets(
  raw: BetterSqlite3.Database,
  opts: { fromRowid?: number; batch?: number; onBatch?: (lastRowid: number, rows: number) => void } = {},
): Promise<number> {
  const counter = trendCounter(raw);
  const read = raw.prepare<[number, number], TrendTicket & { r: number; product_line: string | null }>(
    'SELECT t.rowid AS r, t.created_at, t.subject, t.description, a.product_line FROM tickets t LEFT JOIN assets a ON a.id = t.asset_id WHERE t.rowid > ? ORDER BY t.rowid LIMIT ?',
  );
  const batch = opts.batch ?? 20_000;
  let last = opts.fromRowid ?? 0;
  let total = 0;
  for (;;) {
    const rows = read.all(last, batch);
    if (rows.length === 0) return total;
    raw.transaction(() => {
      const sums = new Map<string, { week: number; line: string; category: Category; n: number; examples: string[] }>();
      for (const t of rows) {
        const week = weekStart(t.created_at);
        const line = lineOf(t.product_line);
        const category = categoryOf(t);
        const key = `${week}|${line}|${category}`;
        const s = sums.get(key) ?? { week, line, category, n: 0, examples: [] };
        s.n++;
        // Rows come oldest first: each later request goes in front.
        if (category === 'feature_request') s.examples = [exampleOf(t), ...s.examples].slice(0, EXAMPLES);
        sums.set(key, s);
      }
      for (const s of sums.values()) counter.bump(s.week, s.line, s.category, s.n, s.examples);
      last = rows.at(-1)!.r;
      total += rows.length;
      opts.onBatch?.(last, rows.length);
    })();
    // Between batches the upgrade screen answers its progress requests.
    await new Promise<void>((resume) => setImmediate(resume));
  }
}

/**
 * Migration 0019: creates ticket_trends and counts every ticket already on the desk into it.
 * Resumable: how far it got is committed with each batch (ticket_trends_fill), so a kill
 * loses at most one batch's work, and a finished fill (no ticket_trends_fill left) is not
 * done twice.
 */
export async function fillTicketTrends(raw: BetterSqlite3.Database, onProgress: (p: CompactProgress) => void, batch = 20_000): Promise<void> {
  if (!hasTable(raw, 'ticket_trends')) {
    raw.transaction(() => {
      raw.exec(TICKET_TRENDS_DDL);
      raw.exec('CREATE TABLE ticket_trends_fill (last_rowid INTEGER NOT NULL, done INTEGER NOT NULL, total INTEGER NOT NULL) STRICT');
      const total = (raw.prepare('SELECT count(*) AS n FROM tickets /* scan: once, at the upgrade */').get() as { n: number }).n;
      raw.prepare('INSERT INTO ticket_trends_fill (last_rowid, done, total) VALUES (0, 0, ?)').run(total);
    })();
  } else if (!hasTable(raw, 'ticket_trends_fill')) return;
  await countTickets(raw, { ...fillProgress(raw, 'ticket_trends_fill', 'ticket_trends', onProgress), batch });
  raw.exec('DROP TABLE ticket_trends_fill');
}
