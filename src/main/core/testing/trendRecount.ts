import type BetterSqlite3 from 'better-sqlite3';
import { isRequest, type CsatScore } from '../kb/csatCounts';
import { categoryOf, DAY_MS, lineOf, readTrendKeys, weekKeyer, type TrendTicket } from '../kb/trendCounts';

// What the board's counts must hold, counted the slow way: every ticket on the desk, joined to
// its system, classified (ticket_trends); every satisfaction score (csat_daily). Tests compare
// them with what the desk kept.

export type TrendCounts = Record<string, number>;

/**
 * Tickets per "week|product line|category", from the tickets themselves, in the weeks the desk
 * keys them by (its TRENDS_KEYS; a ticket a move has passed, in the move's).
 */
export function recountTrends(sqlite: BetterSqlite3.Database, except: ReadonlySet<string> = new Set()): TrendCounts {
  const out: TrendCounts = {};
  const keys = readTrendKeys(sqlite);
  const weekOf = weekKeyer(keys.basis);
  const movedWeekOf = keys.move ? weekKeyer(keys.move.to) : weekOf;
  const moved = (r: number) => keys.move !== undefined && (r <= keys.move.cursor || r > keys.move.end);
  const rows = sqlite
    .prepare('SELECT t.rowid AS r, t.id, t.created_at, t.subject, t.description, a.product_line FROM tickets t LEFT JOIN assets a ON a.id = t.asset_id /* scan: a test recounts every ticket */')
    .all() as Array<TrendTicket & { r: number; id: string; product_line: string | null }>;
  for (const t of rows) {
    if (except.has(t.id)) continue;
    const key = `${(moved(t.r) ? movedWeekOf : weekOf)(t.created_at)}|${lineOf(t.product_line)}|${categoryOf(t)}`;
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

/** Scores per "day|segment|tier|product line": count, sum and feature requests, from the csat rows themselves. */
export function recountCsat(sqlite: BetterSqlite3.Database): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  const rows = sqlite.prepare('SELECT at, segment, tier, product_line, score, comment FROM csat /* scan: a test recounts every score */').all() as CsatScore[];
  for (const s of rows) {
    const key = `${Math.floor(s.at / DAY_MS)}|${s.segment}|${s.tier}|${lineOf(s.product_line)}`;
    const c = (out[key] ??= [0, 0, 0]);
    c[0]++;
    c[1] += s.score;
    if (isRequest(s.comment)) c[2]++;
  }
  return out;
}

/** The same, as the desk keeps it (csat_daily). */
export function keptCsat(sqlite: BetterSqlite3.Database): Record<string, [number, number, number]> {
  const out: Record<string, [number, number, number]> = {};
  for (const r of sqlite.prepare('SELECT day, segment, tier, product_line, n, score_sum, requests FROM csat_daily').all() as Array<{ day: number; segment: string; tier: number; product_line: string; n: number; score_sum: number; requests: number }>) {
    out[`${r.day}|${r.segment}|${r.tier}|${r.product_line}`] = [r.n, r.score_sum, r.requests];
  }
  return out;
}
