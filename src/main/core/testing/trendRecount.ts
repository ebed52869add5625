import type BetterSqlite3 from 'better-sqlite3';
import { categoryOf, lineOf, weekStart, type TrendTicket } from '../kb/trendCounts';

// What the board's weekly trends must hold, counted the slow way: every ticket on the desk,
// joined to its system, classified. Tests compare it with what the desk kept (ticket_trends).

export type TrendCounts = Record<string, number>;

/** Tickets per "week|product line|category", from the tickets themselves. */
export function recountTrends(sqlite: BetterSqlite3.Database, except: ReadonlySet<string> = new Set()): TrendCounts {
  const out: TrendCounts = {};
  const rows = sqlite
    .prepare('SELECT t.id, t.created_at, t.subject, t.description, a.product_line FROM tickets t LEFT JOIN assets a ON a.id = t.asset_id /* scan: a test recounts every ticket */')
    .all() as Array<TrendTicket & { id: string; product_line: string | null }>;
  for (const t of rows) {
    if (except.has(t.id)) continue;
    const key = `${weekStart(t.created_at)}|${lineOf(t.product_line)}|${categoryOf(t)}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** The same, as the desk keeps it. */
export function keptTrends(sqlite: BetterSqlite3.Database): TrendCounts {
  const out: TrendCounts = {};
  for (const r of sqlite.prepare('SELECT week, product_line, category, n FROM ticket_trends').all() as Array<{ week: number; product_line: string; category: string; n: number }>) {
    out[`${r.week}|${r.product_line}|${r.category}`] = r.n;
  }
  return out;
}
