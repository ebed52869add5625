import type BetterSqlite3 from 'better-sqlite3';
import { categorize } from '../../../shared/kb/category';
import { hasTable, type CompactProgress } from '../db/compact';
import { DAY_MS, EXAMPLES, exampleText, lineOf, mergeExamples } from './trendCounts';

// Satisfaction scores counted per UTC day, segment, tier and product line, as they are
// recorded: the CSAT board (mean per segment and tier over 4 weeks, per segment per week over
// 8) and the product trends' feature requests from comments read these few thousand rows
// instead of every score of their weeks. With one score for 1 resolved ticket in 5 on the
// bench's 2 M tickets (348,035 scores), the two boards took 91 and 122 ms a refresh, and
// both refresh live on the supervisor's board.
//
// - A score counts on the day it was recorded, under the segment, tier and product line its
//   row holds (those of the ticket's first score). A score recorded again for the same ticket
//   leaves its old day and joins the new one, on this desk and from others alike (csat.ts).
// - A comment the category rules call a feature request counts in `requests`; the latest three
//   of a day are kept as examples, newest first.

export const CSAT_DAILY_DDL = `CREATE TABLE csat_daily (
  day INTEGER NOT NULL,
  segment TEXT NOT NULL,
  tier INTEGER NOT NULL,
  product_line TEXT NOT NULL,
  n INTEGER NOT NULL,
  score_sum INTEGER NOT NULL,
  requests INTEGER NOT NULL,
  examples TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (day, segment, tier, product_line)
) STRICT, WITHOUT ROWID`;

/** A score as the csat table holds it. */
export interface CsatScore {
  at: number;
  segment: string;
  tier: number;
  product_line: string | null;
  score: number;
  comment: string;
}

export const isRequest = (comment: string): boolean => comment !== '' && categorize(comment) === 'feature_request';

export type CsatCounter = ReturnType<typeof csatCounter>;

export function csatCounter(sqlite: BetterSqlite3.Database) {
  const q = {
    get: sqlite.prepare<[number, string, number, string], { n: number; score_sum: number; requests: number; examples: string }>(
      'SELECT n, score_sum, requests, examples FROM csat_daily WHERE day = ? AND segment = ? AND tier = ? AND product_line = ?',
    ),
    insert: sqlite.prepare<[number, string, number, string, number, number, number, string]>(
      'INSERT INTO csat_daily (day, segment, tier, product_line, n, score_sum, requests, examples) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    update: sqlite.prepare<[number, number, number, string, number, string, number, string]>(
      'UPDATE csat_daily SET n = ?, score_sum = ?, requests = ?, examples = ? WHERE day = ? AND segment = ? AND tier = ? AND product_line = ?',
    ),
    remove: sqlite.prepare<[number, string, number, string]>('DELETE FROM csat_daily WHERE day = ? AND segment = ? AND tier = ? AND product_line = ?'),
  };

  /** Adds (or, with a negative `n`, takes away) scores to one day's count, in the caller's transaction. */
  function bump(day: number, segment: string, tier: number, line: string, n: number, scoreSum: number, requests: number, add: readonly string[] = [], drop: readonly string[] = []): void {
    const row = q.get.get(day, segment, tier, line);
    if (!row) {
      if (n > 0) q.insert.run(day, segment, tier, line, n, scoreSum, requests, mergeExamples('[]', add, []));
      return;
    }
    if (row.n + n <= 0) {
      q.remove.run(day, segment, tier, line);
      return;
    }
    q.update.run(row.n + n, row.score_sum + scoreSum, row.requests + requests, mergeExamples(row.examples, add, drop), day, segment, tier, line);
  }

  function count(s: CsatScore, sign: 1 | -1): void {
    const request = isRequest(s.comment);
    const example = request ? [exampleText(s.comment)] : [];
    bump(Math.floor(s.at / DAY_MS), s.segment, s.tier, lineOf(s.product_line), sign, sign * s.score, request ? sign : 0, sign > 0 ? example : [], sign < 0 ? example : []);
  }

  return {
    bump,
    /** A score was written where `before` (the same ticket's earlier score, if any) was. */
    replaced(before: CsatScore | undefined, after: CsatScore): void {
      if (before) count(before, -1);
      count(after, 1);
    },
  };
}

/** Counts every score on the desk into csat_daily (empty before), in the caller's transaction. */
export function countScores(raw: BetterSqlite3.Database): void {
  const counter = csatCounter(raw);
  const sums = new Map<string, { day: number; segment: string; tier: number; line: string; n: number; sum: number; requests: number; examples: string[] }>();
  const all = raw.prepare('SELECT at, segment, tier, product_line, score, comment FROM csat /* scan: once, at the upgrade */ ORDER BY at');
  for (const s of all.iterate() as Iterable<CsatScore>) {
    const day = Math.floor(s.at / DAY_MS);
    const line = lineOf(s.product_line);
    const key = `${day}|${s.segment}|${s.tier}|${line}`;
    const c = sums.get(key) ?? { day, segment: s.segment, tier: s.tier, line, n: 0, sum: 0, requests: 0, examples: [] };
    c.n++;
    c.sum += s.score;
    // Oldest first: each later request goes in front.
    if (isRequest(s.comment)) {
      c.requests++;
      c.examples = [exampleText(s.comment), ...c.examples].slice(0, EXAMPLES);
    }
    sums.set(key, c);
  }
  for (const c of sums.values()) counter.bump(c.day, c.segment, c.tier, c.line, c.n, c.sum, c.requests, c.examples);
}

/**
 * Migration 0021: creates csat_daily and counts the scores already on the desk, in one
 * transaction (the table and its counts come together or not at all; 348,035 scores take
 * seconds, so a stopped run simply starts again).
 */
export async function fillCsatDaily(raw: BetterSqlite3.Database, _onProgress: (p: CompactProgress) => void): Promise<void> {
  raw.transaction(() => {
    if (hasTable(raw, 'csat_daily')) return;
    raw.exec(CSAT_DAILY_DDL);
    countScores(raw);
  })();
}
