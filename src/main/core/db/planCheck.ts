import type BetterSqlite3 from 'better-sqlite3';

// Every statement the desk prepares on a large table must find its rows through an index (a
// SEARCH in the query plan), never by reading the whole table (a SCAN): at 2 M tickets and
// 10 M events a scan takes seconds, and on a file larger than the page cache, disk reads. The
// test suite turns this check on (TAGDESK_CHECK_PLANS=1 in vitest.config.ts), so every query
// any test makes the product run is checked the first time it is prepared, and a statement that
// would scan fails the test that ran it, naming the statement and its plan.

/** Tables that grow with the centre's data: customers, their systems, tickets, logs. */
const LARGE = ['customers', 'customer_words', 'contacts', 'assets', 'asset_owners', 'interactions', 'tickets', 'ticket_events', 'sla_outcomes', 'customer_events', 'record_access', 'csat', 'kb_ratings', 'import_ids'];

/** Words that can follow a table's name in FROM or JOIN without being its alias. */
const NOT_ALIAS = new Set(['where', 'inner', 'left', 'right', 'full', 'cross', 'natural', 'join', 'on', 'using', 'order', 'group', 'limit', 'union', 'except', 'intersect', 'set', 'values', 'select', 'having', 'window', 'returning', 'indexed', 'not', 'as']);

/**
 * The names a statement gives its tables (`from "tickets" as "t"`, `join customers c`): a query
 * plan names a table by its alias, so `SCAN t` is a scan of `tickets`.
 */
export function tableAliases(source: string): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const m of source.matchAll(/\b(?:from|join)\s+"?(\w+)"?(?:\s+(?:as\s+)?"?(\w+)"?)?/gi)) {
    const [, table, alias] = m;
    if (table && alias && !NOT_ALIAS.has(alias.toLowerCase())) aliases.set(alias, table);
  }
  return aliases;
}

/** The plan's steps that read a whole large table, by its name or its alias. */
export function largeScans(source: string, details: readonly string[]): string[] {
  const aliases = tableAliases(source);
  return details.filter((d) => {
    const m = /^SCAN (\S+)/.exec(d);
    if (!m) return false;
    const name = m[1]!;
    return LARGE.includes(aliases.get(name) ?? name);
  });
}

/**
 * Statements that read a whole large table on purpose, each with why: the statement's text
 * says so itself (a comment `/* scan: why *\/` in it), or, for a query Kysely builds, matches
 * one of these.
 */
export const DELIBERATE_SCANS: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /^select count\(\*\) as "n" from "(customers|tickets)"$/, why: 'desk.status with counts: how many customers and tickets the desk holds (the CLI: seed and stats)' },
  { pattern: /^select "id" from "tickets" where "is_open" = 1$/, why: 'sla.recompute: an admin re-projects every open ticket on a new policy (the partial index of open tickets)' },
  { pattern: /^delete from "interactions" where \("at" < \? and "ticket_id" is null\)$/, why: 'the retention sweep: contact history outside tickets older than the retention period' },
  { pattern: /^select count\(\*\) as "n" from "interactions" where \("at" < \? and "ticket_id" is null\)$/, why: 'what the retention sweep would remove, counted for the admin before it runs' },
  { pattern: /^insert into "users" /, why: 'the plan lists the check of tickets.assignee_id against the new user, which SQLite runs only while a deferred foreign-key violation is outstanding (the sync applier writes a ticket row before its events so that none is)' },
  { pattern: /FROM csat c JOIN tickets t ON t\.id = c\.ticket_id WHERE c\.score <= 2 AND c\.followed_up_at IS NULL ORDER BY c\.at DESC LIMIT/, why: 'csat.board: the low scores still waiting for a follow-up, newest first, read in order from csat_followup, a partial index that holds only them' },
];

/**
 * Whether the statement was prepared by a test itself (to look at what the desk wrote), not by
 * the product: the first caller outside the database layer is a test file or a test harness.
 */
function fromTest(stack: string | undefined): boolean {
  const callers = (stack ?? '').split('\n').slice(1).filter((line) => !/planCheck|idCodec|[\\/]db[\\/]exec\.ts|node_modules|node:/.test(line));
  return /\.test\.ts|\.spec\.ts|[\\/](testing|faults|e2e|bench)[\\/]/.test(callers[0] ?? '');
}

const checked = new Set<string>();

/** Whether the check is on in this process. */
export const planCheckOn = (): boolean => process.env.TAGDESK_CHECK_PLANS === '1';

/**
 * Throws when `source`, run with `args`, would scan a large table. Once per statement text. A
 * partial index's condition must be a literal in the statement (stablePlans.ts), or SQLite
 * cannot use the index.
 */
export function checkPlan(prepare: (s: string) => BetterSqlite3.Statement, source: string, args: readonly unknown[]): void {
  if (checked.has(source)) return;
  checked.add(source);
  const head = source.trimStart().slice(0, 12).toUpperCase();
  if (!/^(SELECT|UPDATE|DELETE|INSERT|WITH|REPLACE)/.test(head)) return;
  let plan: Array<{ detail: string }>;
  try {
    plan = prepare(`EXPLAIN QUERY PLAN ${source}`).all(...args) as Array<{ detail: string }>;
  } catch {
    return; // Not a statement EXPLAIN takes (its own error shows where it runs).
  }
  const scans = largeScans(source, plan.map((p) => p.detail));
  if (scans.length === 0) return;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack;
  Error.stackTraceLimit = limit;
  if (fromTest(stack)) return;
  if (/\/\* scan: [^*]+\*\//.test(source) || DELIBERATE_SCANS.some((s) => s.pattern.test(source))) return;
  throw new Error(`This statement reads a whole large table (${scans.join('; ')}), where it must use an index:\n${source}`);
}
