import { createHash } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import type { Sql } from './db/exec';

// Texts that millions of rows repeat and only a handful differ (an SLA policy version, the
// actor snapshot an event was made under) are stored once, in a table of (ref, body), and
// rows hold the ref (migration 0014_compact). A ref is 52 bits of the text's SHA-256, so it
// names one text forever: whatever a connection has cached stays true, whichever process
// wrote it.

/** A text's ref (what `text_ref()` computes in the migration). */
export function textRef(body: string): number {
  return parseInt(createHash('sha256').update(body).digest('hex').slice(0, 13), 16);
}

export type InternTable = 'sla_policy_versions' | 'event_actors';

const stores = new WeakMap<Sql, Map<InternTable, InternedTexts>>();

export interface InternedTexts {
  /** The ref of `body`, stored if it is new (in the caller's transaction). */
  ref(body: string): number;
  /** The text `ref` names. */
  body(ref: number): string;
}

/** The store of `table` on a desk's connection (one per connection and table). */
export function internedTexts(db: Sql, table: InternTable): InternedTexts {
  let byTable = stores.get(db);
  if (!byTable) stores.set(db, (byTable = new Map()));
  let s = byTable.get(table);
  if (!s) byTable.set(table, (s = create(db, table)));
  return s;
}

function create(db: Sql, table: InternTable): InternedTexts {
  const refs = new Map<string, number>();
  const bodies = new Map<number, string>();
  // Refs known to be in the file: read from it, or written by a transaction that committed.
  // One first written in a transaction that rolled back is written again next time.
  const stored = new Set<number>();
  let insert: BetterSqlite3.Statement | null = null;
  let read: BetterSqlite3.Statement | null = null;
  return {
    ref(body) {
      let r = refs.get(body);
      if (r === undefined) {
        r = textRef(body);
        refs.set(body, r);
        bodies.set(r, body);
      }
      if (!stored.has(r)) {
        insert ??= db.sqlite.prepare(`INSERT OR IGNORE INTO ${table} (ref, body) VALUES (?, ?)`);
        insert.run(r, body);
        const known = r;
        db.whenDurable(() => stored.add(known));
      }
      return r;
    },
    body(ref) {
      let b = bodies.get(ref);
      if (b === undefined) {
        read ??= db.sqlite.prepare(`SELECT body FROM ${table} WHERE ref = ?`).pluck();
        b = read.get(ref) as string | undefined;
        if (b === undefined) throw new Error(`${table}: ${ref} is missing from this desk's file.`);
        bodies.set(ref, b);
        refs.set(b, ref);
        stored.add(ref);
      }
      return b;
    },
  };
}
