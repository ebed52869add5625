import type BetterSqlite3 from 'better-sqlite3';
import { categorize, type Category } from '../../../shared/kb/category';
import { centreWeek, firstDayOfWeek } from '../../../shared/sla/centreWeek';
import { fillProgress, hasTable, type CompactProgress } from '../db/compact';
import { OF_ASSET } from '../ticketRows';

// The board's product trends count tickets per week, product line and category. Counting
// them when the board opened meant reading and classifying every ticket of its 12 weeks
// (760,565 at 2 M tickets: 10-13 s a click). The counts are kept here instead, as tickets are
// created, and the board reads a few hundred rows (trends.ts).
//
// - A ticket counts in the centre's week it was created in (centreWeek.ts: from the centre's
//   first day of the week, midnight in its zone; `week` is that instant), under its system's product
//   line ('Unknown' for none) and the category of its subject and description. None of these
//   change after creation, except the product line when someone corrects the system's record:
//   then its tickets move to the new line (moveAsset).
// - Every path that creates or removes a ticket row counts it: the ticket store, the sync
//   applier (and its removal of a ticket the hub refused), the importer, and the bench's
//   generator (countTickets). trendCounts.test.ts compares the table with a recount.
// - Feature requests keep the latest three subjects of their week as examples, newest first.
// - The weeks follow the centre's zone (sla.ts dayZone), which an admin can change: the meta row
//   TRENDS_KEYS says which zone and first day the counts are keyed by (none: Monday 00:00 UTC, as
//   the table was first kept), and when that is not the centre's, rekeyTrends moves every
//   ticket's count to its week in the new one, in batches in the background (trendRekey.ts).

export const TICKET_TRENDS_DDL = `CREATE TABLE ticket_trends (
  week INTEGER NOT NULL,
  product_line TEXT NOT NULL,
  category TEXT NOT NULL,
  n INTEGER NOT NULL,
  examples TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (week, product_line, category)
) STRICT, WITHOUT ROWID`;

export const DAY_MS = 86_400_000;

/** The weeks ticket_trends is keyed by: a zone and the day its weeks start on (0 = Sunday). */
export interface TrendBasis {
  zone: string;
  firstDay: number;
}
/** The weeks the table was first kept in, and is keyed by on a desk with no TRENDS_KEYS row: Monday 00:00 UTC. */
export const UTC_WEEKS: TrendBasis = { zone: 'UTC', firstDay: 1 };
/** meta: the basis ticket_trends is keyed by, and a move to another under way (rowids after `cursor` up to `end` not moved yet). */
export const TRENDS_KEYS = 'ticket_trends_keys';
export interface TrendKeys {
  basis: TrendBasis;
  move?: { to: TrendBasis; cursor: number; end: number };
}

/** The centre's weeks in `zone`: from its first day of the week (centreWeek.ts). */
export const basisOfZone = (zone: string): TrendBasis => ({ zone, firstDay: firstDayOfWeek(zone) });
export const sameBasis = (a: TrendBasis, b: TrendBasis): boolean => a.zone === b.zone && a.firstDay === b.firstDay;

/** The keys a TRENDS_KEYS meta value says (none: the table's first keys, Monday 00:00 UTC). */
export const trendKeysOf = (raw: string | undefined): TrendKeys => (raw === undefined ? { basis: UTC_WEEKS } : (JSON.parse(raw) as TrendKeys));

/** The basis ticket_trends is keyed by, as meta says. */
export function readTrendKeys(sqlite: BetterSqlite3.Database): TrendKeys {
  return trendKeysOf(sqlite.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(TRENDS_KEYS)?.value);
}

const writeKeys = (sqlite: BetterSqlite3.Database, keys: TrendKeys) =>
  sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(TRENDS_KEYS, JSON.stringify(keys));

/**
 * The start (epoch ms) of the week of `basis` holding an instant. It remembers the last week it
 * found: tickets come mostly in time order, and a week found costs a few Intl calls.
 */
export function weekKeyer(basis: TrendBasis): (at: number) => number {
  let last = { start: 0, end: 0 };
  return (at) => {
    if (at < last.start || at >= last.end) last = centreWeek(at, basis.zone, basis.firstDay);
    return last.start;
  };
}

/** The basis a ticket counts in: the move's target once the move has passed it (or for one newer than the move), else the table's. */
function basisFor(keys: TrendKeys, rowid: () => number | undefined): TrendBasis {
  if (!keys.move) return keys.basis;
  const r = rowid();
  return r === undefined || r <= keys.move.cursor || r > keys.move.end ? keys.move.to : keys.basis;
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
  const keyers = new Map<string, (at: number) => number>();
  const keyOf = (basis: TrendBasis, at: number) => {
    const id = `${basis.zone}|${basis.firstDay}`;
    let keyer = keyers.get(id);
    if (!keyer) keyers.set(id, (keyer = weekKeyer(basis)));
    return keyer(at);
  };
  const q = {
    keys: sqlite.prepare<[string], string>('SELECT value FROM meta WHERE key = ?').pluck(),
    rowid: sqlite.prepare<[string], number>('SELECT rowid FROM tickets WHERE id = ?').pluck(),
    line: sqlite.prepare<[string], { product_line: string }>('SELECT product_line FROM assets WHERE id = ?'),
    get: sqlite.prepare<[number, string, string], { n: number; examples: string }>('SELECT n, examples FROM ticket_trends WHERE week = ? AND product_line = ? AND category = ?'),
    insert: sqlite.prepare<[number, string, string, number, string]>('INSERT INTO ticket_trends (week, product_line, category, n, examples) VALUES (?, ?, ?, ?, ?)'),
    update: sqlite.prepare<[number, string, number, string, string]>('UPDATE ticket_trends SET n = ?, examples = ? WHERE week = ? AND product_line = ? AND category = ?'),
    remove: sqlite.prepare<[number, string, string]>('DELETE FROM ticket_trends WHERE week = ? AND product_line = ? AND category = ?'),
    ofAsset: sqlite.prepare<[string, string, string], TrendTicket & { r: number }>(`SELECT rowid AS r, created_at, subject, description FROM tickets WHERE ${OF_ASSET}`),
  };
  /** The keys as meta holds them, read again only when the row changed (a move's batch moves its cursor). */
  let seen: { raw: string | undefined; keys: TrendKeys } = { raw: undefined, keys: { basis: UTC_WEEKS } };
  const keys = (): TrendKeys => {
    const raw = q.keys.get(TRENDS_KEYS);
    if (raw !== seen.raw) seen = { raw, keys: trendKeysOf(raw) };
    return seen.keys;
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

  function count(t: TrendTicket, line: string, delta: 1 | -1, basis: TrendBasis): void {
    const category = categoryOf(t);
    const example = category === 'feature_request' ? [exampleOf(t)] : [];
    bump(keyOf(basis, t.created_at), line, category, delta, delta > 0 ? example : [], delta < 0 ? example : []);
  }
  /** The basis a ticket on the desk (by id) counts in. */
  const basisOfTicket = (t: { id: string }) => basisFor(keys(), () => q.rowid.get(t.id));

  /** The product line a ticket counts under: its system's, as the system's record stands. */
  const lineOfTicket = (t: { asset_id: string | null }) => lineOf(t.asset_id ? q.line.get(t.asset_id)?.product_line : null);

  return {
    bump,
    /** A ticket row was written for the first time (inside the caller's transaction). */
    added: (t: TrendTicket & { id: string; asset_id: string | null }): void => count(t, lineOfTicket(t), 1, basisOfTicket(t)),
    /** A ticket row is about to be deleted. */
    removed: (t: TrendTicket & { id: string; asset_id: string | null }): void => count(t, lineOfTicket(t), -1, basisOfTicket(t)),
    /** A system's product line changed from `from` to `to`: its tickets move with it. */
    moveAsset(assetId: string, from: string | null, to: string | null): void {
      if (lineOf(from) === lineOf(to)) return;
      const k = keys();
      for (const t of q.ofAsset.all(assetId, assetId, assetId)) {
        const basis = basisFor(k, () => t.r);
        count(t, lineOf(from), -1, basis);
        count(t, lineOf(to), 1, basis);
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
  const keyers = new Map<string, (at: number) => number>();
  for (;;) {
    const rows = read.all(last, batch);
    if (rows.length === 0) return total;
    const keys = readTrendKeys(raw);
    raw.transaction(() => {
      const sums = new Map<string, { week: number; line: string; category: Category; n: number; examples: string[] }>();
      for (const t of rows) {
        const basis = basisFor(keys, () => t.r);
        const id = `${basis.zone}|${basis.firstDay}`;
        if (!keyers.has(id)) keyers.set(id, weekKeyer(basis));
        const week = keyers.get(id)!(t.created_at);
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

/**
 * Moves every ticket's count in ticket_trends from its week in the basis the table is keyed by
 * to its week in `to` (the centre's zone changed), in batches of `batch` tickets by rowid, each
 * in a write transaction of its own that also records how far it got (TRENDS_KEYS `move`). A
 * ticket written meanwhile is counted by the counter in the basis its rowid says (trendCounter),
 * so every ticket counts once throughout, in its old week or its new one; a desk closed in the
 * middle goes on from the last batch when it next opens. A move to another basis under way is
 * finished first. Resolves with the number of tickets moved; `stopped` ends it between batches.
 */
export async function rekeyTrends(
  raw: BetterSqlite3.Database,
  to: TrendBasis,
  opts: { batch?: number; stopped?: () => boolean; onBatch?: (moved: number) => void } = {},
): Promise<number> {
  const batch = opts.batch ?? 2_000;
  const read = raw.prepare<[number, number, number], TrendTicket & { r: number; product_line: string | null }>(
    'SELECT t.rowid AS r, t.created_at, t.subject, t.description, a.product_line FROM tickets t LEFT JOIN assets a ON a.id = t.asset_id WHERE t.rowid > ? AND t.rowid <= ? ORDER BY t.rowid LIMIT ?',
  );
  const counter = trendCounter(raw);
  let moved = 0;
  const started = readTrendKeys(raw);
  if (started.move && !sameBasis(started.move.to, to)) moved += await rekeyTrends(raw, started.move.to, opts);
  if (opts.stopped?.()) return moved;
  raw
    .transaction(() => {
      const keys = readTrendKeys(raw);
      if (keys.move || sameBasis(keys.basis, to)) return;
      const end = (raw.prepare('SELECT max(rowid) AS m FROM tickets').get() as { m: number | null }).m ?? 0;
      writeKeys(raw, { basis: keys.basis, move: { to, cursor: 0, end } });
    })
    .immediate();
  for (;;) {
    if (opts.stopped?.() || !raw.open) return moved;
    const keys = readTrendKeys(raw);
    if (!keys.move) return moved;
    const { cursor, end } = keys.move;
    const rows = read.all(cursor, end, batch);
    const fromWeek = weekKeyer(keys.basis);
    const toWeek = weekKeyer(keys.move.to);
    raw
      .transaction(() => {
        if (rows.length === 0) {
          writeKeys(raw, { basis: keys.move!.to });
          return;
        }
        // Net moves per count; rows oldest first, so each later request goes in front of the new week's examples.
        const sums = new Map<string, { week: number; line: string; category: Category; n: number; add: string[]; drop: string[] }>();
        const at = (week: number, line: string, category: Category) => {
          const key = `${week}|${line}|${category}`;
          let s = sums.get(key);
          if (!s) sums.set(key, (s = { week, line, category, n: 0, add: [], drop: [] }));
          return s;
        };
        for (const t of rows) {
          const from = fromWeek(t.created_at);
          const into = toWeek(t.created_at);
          if (from === into) continue;
          const line = lineOf(t.product_line);
          const category = categoryOf(t);
          const old = at(from, line, category);
          const next = at(into, line, category);
          old.n--;
          next.n++;
          if (category === 'feature_request') {
            old.drop.push(exampleOf(t));
            next.add = [exampleOf(t), ...next.add].slice(0, EXAMPLES);
          }
        }
        // Taken out before they are put in, so that a count moved away and back is never below zero.
        const all = [...sums.values()];
        for (const s of all) if (s.n < 0 || s.drop.length > 0) counter.bump(s.week, s.line, s.category, Math.min(s.n, 0), [], s.drop);
        for (const s of all) if (s.n > 0 || s.add.length > 0) counter.bump(s.week, s.line, s.category, Math.max(s.n, 0), s.add, []);
        writeKeys(raw, { basis: keys.basis, move: { to: keys.move!.to, cursor: rows.at(-1)!.r, end } });
      })
      .immediate();
    moved += rows.length;
    if (rows.length > 0) opts.onBatch?.(rows.length);
    // Between batches, the desk answers its calls.
    await new Promise<void>((resume) => setImmediate(resume));
  }
}

/** A desk with no tickets yet (new, or about to be given demo data) keys its trends by `to` at once: nothing to move later. */
export function keyEmptyTrends(raw: BetterSqlite3.Database, to: TrendBasis): void {
  raw.transaction(() => {
    const keys = readTrendKeys(raw);
    if (keys.move || sameBasis(keys.basis, to) || (raw.prepare('SELECT max(rowid) AS m FROM tickets').get() as { m: number | null }).m !== null) return;
    writeKeys(raw, { basis: to });
  })();
}
