import type BetterSqlite3 from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { categorize, type Category } from '../../../shared/kb/category';
import type { Trends, TrendSeries } from '../../../shared/kb/schemas';

// Product trends for the board: tickets per product line and per category per week, with
// an early-warning mark when a category's last week rises beyond its own usual band, and
// feature requests (from tickets and from satisfaction comments) counted per product line.

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** Monday 00:00 UTC of the week holding `at`. */
export function weekStart(at: number): number {
  const day = Math.floor(at / DAY);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
  return (day - ((day + 3) % 7)) * DAY;
}

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
    tickets: sqlite.prepare<[number], { created_at: number; subject: string; description: string; product_line: string | null }>(
      'SELECT t.created_at, t.subject, t.description, a.product_line FROM tickets t LEFT JOIN assets a ON a.id = t.asset_id WHERE t.created_at >= ?',
    ),
    comments: sqlite.prepare<[number], { comment: string; product_line: string | null }>("SELECT comment, product_line FROM csat WHERE at >= ? AND comment <> ''"),
  };

  function board(now: number, weekCount: number): Trends {
    const first = weekStart(now) - (weekCount - 1) * WEEK;
    const weeks = Array.from({ length: weekCount }, (_, i) => first + i * WEEK);
    const perProduct = new Map<string, number[]>();
    const perSeries = new Map<string, { productLine: string; category: Category; counts: number[] }>();
    const features = new Map<string, { n: number; examples: string[] }>();
    const countFeature = (line: string, text: string) => {
      const f = features.get(line) ?? { n: 0, examples: [] };
      f.n++;
      if (f.examples.length < 3) f.examples.push(text.slice(0, 140));
      features.set(line, f);
    };
    for (const t of q.tickets.all(first)) {
      const w = Math.floor((t.created_at - first) / WEEK);
      if (w < 0 || w >= weekCount) continue;
      const line = t.product_line ?? 'Unknown';
      const category = categorize(`${t.subject} ${t.description}`);
      if (category === 'feature_request') countFeature(line, t.subject);
      const p = perProduct.get(line) ?? new Array<number>(weekCount).fill(0);
      p[w]!++;
      perProduct.set(line, p);
      const key = `${line}|${category}`;
      const s = perSeries.get(key) ?? { productLine: line, category, counts: new Array<number>(weekCount).fill(0) };
      s.counts[w]!++;
      perSeries.set(key, s);
    }
    for (const c of q.comments.all(first)) if (categorize(c.comment) === 'feature_request') countFeature(c.product_line ?? 'Unknown', c.comment);
    const series: TrendSeries[] = [...perSeries.values()]
      .map((s) => {
        const b = band(s.counts);
        return { ...s, upper: Number.isFinite(b.upper) ? b.upper : 0, warning: b.warning };
      })
      .sort((a, b) => Number(b.warning) - Number(a.warning) || sum(b.counts) - sum(a.counts));
    return {
      weeks,
      perProduct: [...perProduct.entries()].map(([productLine, counts]) => ({ productLine, counts })).sort((a, b) => sum(b.counts) - sum(a.counts)),
      series,
      featureRequests: [...features.entries()].map(([productLine, f]) => ({ productLine, ...f })).sort((a, b) => b.n - a.n),
    };
  }

  function csv(now: number, weekCount: number, which: 'tickets' | 'features'): { filename: string; csv: string } {
    const t = board(now, weekCount);
    const day = (at: number) => new Date(at).toISOString().slice(0, 10);
    if (which === 'features') {
      return {
        filename: `feature-requests-${day(now)}.csv`,
        csv: stringify(t.featureRequests.map((f) => [f.productLine, f.n, f.examples.join(' | ')]), { header: true, columns: ['product_line', 'requests', 'examples'] }),
      };
    }
    const rows = t.series.flatMap((s) => s.counts.map((n, i) => [day(t.weeks[i]!), s.productLine, s.category, n, s.warning && i === s.counts.length - 1 ? 'rising' : '']));
    return { filename: `ticket-trends-${day(now)}.csv`, csv: stringify(rows, { header: true, columns: ['week', 'product_line', 'category', 'tickets', 'warning'] }) };
  }

  return { board, csv };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
