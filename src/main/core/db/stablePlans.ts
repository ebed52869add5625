import type BetterSqlite3 from 'better-sqlite3';

// Keeps SQLite from compiling a statement again on every run.
//
// better-sqlite3 clears a statement's bindings after each run (sqlite3_clear_bindings), and
// SQLite expires any statement whose plan looked at a bound value when its bindings are
// cleared: the next run parses and plans it again, and better-sqlite3 then builds a new row
// constructor for it (a Function compiled per run). SQLite 3.54 looks at bound values in
// three places the product's statements meet: `LIMIT ?` and `OFFSET ?` (to size the
// result), `column = ?` in any plan it weighs where that term is a filter rather than an
// index key (to guess how many rows pass: a join, an ORDER BY, a second index), and a
// partial index's WHERE (whether `is_open = ?` is `is_open = 1`). Measured on the 360°
// view's statements: 20 to 29 us of a 30 to 58 us statement went on compiling it again.
//
// A unary plus in front of the placeholder is a value SQLite cannot see into at prepare
// time, so it never marks the statement; it changes nothing else (`+x` is x, with no
// affinity or collation, as `?` has none). A partial index's condition must then be
// written as a literal (`sql.lit(1)`), which the plan check (planCheck.ts) holds every
// statement to: a bound `is_open = ?` would now read the whole table.

const PLACEHOLDER = /(\b(?:LIMIT|OFFSET|IS)\s+|={1,2}\s*)\?(?![\d\w])/gi;

/** `source` with `= ?`, `IS ?`, `LIMIT ?` and `OFFSET ?` as `+?`, outside quoted text. */
export function stablePlan(source: string): string {
  if (!source.includes('?')) return source;
  // Quoted text ('...', "...", `...`, [...]) is kept as it is; the rest is rewritten.
  return source.replace(/('(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\])|([^'"`[]+)/g, (_, quoted: string | undefined, text: string | undefined) =>
    quoted !== undefined ? quoted : text!.replace(PLACEHOLDER, '$1+?'),
  );
}

/**
 * `db` preparing every statement through `stablePlan`, for a connection without the desk's
 * id codec (which applies the rule itself): the bench's floors run the product's text.
 */
export function withStablePlans<D extends BetterSqlite3.Database>(db: D): D {
  const prepare = db.prepare.bind(db);
  Object.defineProperty(db, 'prepare', { value: (source: string) => prepare(stablePlan(source)), configurable: true, writable: true });
  return db;
}
