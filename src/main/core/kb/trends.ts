import type BetterSqlite3 from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import type { Category } from '../../../shared/kb/category';
import type { Trends, TrendSeries } from '../../../shared/kb/schemas';
import { centreWeeks } from '../../../shared/sla/centreWeek';
import { isRequest } from './csatCounts';
import { basisOfZone, DAY_MS, exampleText, lineOf, sameBasis, trendKeysOf, TRENDS_KEYS } from './trendCounts';

// Product trends for the board: tickets per product line and per category per week, with
// an early-warning mark when a category's last week rises beyond its own usual band, and
// feature requests (from tickets and from satisfaction comments) counted per product line.
// Weeks are the centre's (centreWeek.ts): from its first day of the week, in its zone.

/**
 * The usual band of a series from its own weeks before the last: mean + 2 standard
 * deviations, and at least mean + 2 so that a quiet series does not warn on every ticket.
 * Warns when the last week is above it (and has 3 tickets or more); a series needs four
 * weeks of its own before the last to have a usual band at all.
 */
export function band(counts: readonly number[]): { upper: number; warning: boolean } {
  // The series' own weeks: from its first ticket on (a product line new to the desk has no
  // usual yet), and at least four of them before the last.
  const start = counts.findIndex((c) => c > 0);
  const history = start < 0 ? [] : counts.slice(start, -1);
  const last = counts[counts.length - 1] ?? 0;
  if (history.length < 4) return { upper: Infinity, warning: false };
  const mean = history.reduce((s, c) => s + c, 0) / history.length;
  const sd = Math.sqrt(history.reduce((s, c) => s + (c - mean) ** 2, 0) / history.length);
  const upper = Math.max(mean + 2 * sd, mean + 2);
  return { upper: Math.round(upper * 10) / 10, warning: last > upper && last >= 3 };
}

export type TrendsReader = ReturnType<typeof trendsReader>;

export function trendsReader(sqlite: BetterSqlite3.Database) {
  const q = {
    // The counts kept as tickets are created (trendCounts.ts): a few hundred rows for 12 weeks.
    counts: sqlite.prepare<[number, number], { week: number; product_line: string; category: Category; n: number; examples: string }>(
      'SELECT week, product_line, category, n, examples FROM ticket_trends WHERE week >= ? AND week < ? ORDER BY week DESC',
    ),
    // Feature requests in satisfaction comments, counted per UTC day as scores are recorded (csatCounts.ts).
    comments: sqlite.prepare<[number], { product_line: string; requests: number; examples: string }>(
      'SELECT product_line, requests, examples FROM csat_daily WHERE day >= ? AND requests > 0 ORDER BY day DESC',
    ),
    // The comments of the part of a UTC day that is the first week's (csat_at): at most a day of scores.
    firstDay: sqlite.prepare<[number, number], { product_line: string | null; comment: string }>(
      "SELECT product_line, comment FROM csat WHERE at >= ? AND at < ? AND comment != '' ORDER BY at DESC",
    ),
    keys: sqlite.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck(),
  };

  /**
   * The counts are not all in the centre's weeks yet: a move to them is under way (trendRekey.ts),
   * or about to start (the zone has just changed). Mixed counts cannot be split at read time.
   */
  function recounting(zone: string): boolean {
    const keys = trendKeysOf(q.keys.get(TRENDS_KEYS));
    return keys.move !== undefined || !sameBasis(keys.basis, basisOfZone(zone));
  }

  function board(now: number, weekCount: number, zone: string): Trends {
    const spans = centreWeeks(now, weekCount, zone);
    const first = spans[0]!.start;
    const until = spans[spans.length - 1]!.end;
    /** The week holding a count's key (its week's start: while the counts move to a new zone, maybe an old zone's). */
    const weekOf = (key: number) => spans.findIndex((w) => key >= w.start && key < w.end);
    const perProduct = new Map<string, number[]>();
    const perSeries = new Map<string, { productLine: string; category: Category; counts: number[] }>();
    const features = new Map<string, { n: number; examples: string[] }>();
    const countFeature = (line: string, n: number, examples: readonly string[]) => {
      const f = features.get(line) ?? { n: 0, examples: [] };
      f.n += n;
      for (const e of examples) if (f.examples.length < 3) f.examples.push(e.slice(0, 140));
      features.set(line, f);
    };
    // Newest week first, and each week's examples newest first: the board shows the latest requests.
    for (const c of q.counts.all(first, until)) {
      const w = weekOf(c.week);
      if (w < 0) continue;
      const line = c.product_line;
      if (c.category === 'feature_request') countFeature(line, c.n, JSON.parse(c.examples) as string[]);
      const p = perProduct.get(line) ?? new Array<number>(weekCount).fill(0);
      p[w]! += c.n;
      perProduct.set(line, p);
      const key = `${line}|${c.category}`;
      const s = perSeries.get(key) ?? { productLine: line, category: c.category, counts: new Array<number>(weekCount).fill(0) };
      s.counts[w]! += c.n;
      perSeries.set(key, s);
    }
    // Comments are counted per UTC day: the days from the first UTC midnight of the window on
    // from their counts, and the scores between the first week's start and that midnight (the
    // centre's Saturday 00:00 in Tehran is Friday 20:30 UTC) one by one, oldest last.
    const firstMidnight = Math.ceil(first / DAY_MS);
    for (const c of q.comments.all(firstMidnight)) countFeature(c.product_line, c.requests, JSON.parse(c.examples) as string[]);
    for (const c of q.firstDay.all(first, firstMidnight * DAY_MS)) if (isRequest(c.comment)) countFeature(lineOf(c.product_line), 1, [exampleText(c.comment)]);
    const series: TrendSeries[] = [...perSeries.values()]
      .map((s) => {
        const b = band(s.counts);
        return { ...s, upper: Number.isFinite(b.upper) ? b.upper : 0, warning: b.warning };
      })
      .sort((a, b) => Number(b.warning) - Number(a.warning) || sum(b.counts) - sum(a.counts));
    return {
      // Each week's first day, the centre's local date, as UTC midnight: what the board and the CSV name it by.
      weeks: spans.map((w) => w.day * DAY_MS),
      perProduct: [...perProduct.entries()].map(([productLine, counts]) => ({ productLine, counts })).sort((a, b) => sum(b.counts) - sum(a.counts)),
      series,
      featureRequests: [...features.entries()].map(([productLine, f]) => ({ productLine, ...f })).sort((a, b) => b.n - a.n),
      recounting: recounting(zone),
    };
  }

  // For a spreadsheet: a byte order mark (without it Excel reads UTF-8 Persian as mojibake), and
  // a customer's words that start like a formula ("=HYPERLINK(…)" in a feature request) kept as text.
  const sheet = { header: true, bom: true, escape_formulas: true } as const;
  function csv(now: number, weekCount: number, which: 'tickets' | 'features', zone: string): { filename: string; csv: string } {
    const t = board(now, weekCount, zone);
    const day = (at: number) => new Date(at).toISOString().slice(0, 10);
    if (which === 'features') {
      return {
        filename: `feature-requests-${day(now)}.csv`,
        csv: stringify(t.featureRequests.map((f) => [f.productLine, f.n, f.examples.join(' | ')]), { ...sheet, columns: ['product_line', 'requests', 'examples'] }),
      };
    }
    const rows = t.series.flatMap((s) => s.counts.map((n, i) => [day(t.weeks[i]!), s.productLine, s.category, n, s.warning && i === s.counts.length - 1 ? 'rising' : '']));
    return { filename: `ticket-trends-${day(now)}.csv`, csv: stringify(rows, { ...sheet, columns: ['week', 'product_line', 'category', 'tickets', 'warning'] }) };
  }

  return { board, csv };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
