import BetterSqlite3 from 'better-sqlite3';

// The `db_size` line: how big the desk's file is and what it is made of, from SQLite's own
// dbstat virtual table (better-sqlite3's bundled SQLite is built with SQLITE_ENABLE_DBSTAT_VTAB;
// checked below, so a build without it says so instead of printing made-up figures).

export interface DbSizeFigures {
  name: 'db_size';
  /** The file: page_count × page_size (the -wal file is checkpointed away first by the caller). */
  bytes: number;
  tickets: number;
  bytes_per_ticket: number;
  /** Pages on the free list: file bytes that no table or index holds (left by dropped indexes). */
  free_bytes: number;
  page_size: number;
  /** Tables and indexes by the bytes of their pages, largest first. */
  top: Array<{ name: string; bytes: number }>;
}

export function dbSize(file: string, topN = 15): DbSizeFigures {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const hasDbstat = db.prepare("SELECT 1 FROM pragma_compile_options WHERE compile_options = 'ENABLE_DBSTAT_VTAB'").get() !== undefined;
    if (!hasDbstat) throw new Error('This SQLite build has no dbstat virtual table (SQLITE_ENABLE_DBSTAT_VTAB): db_size cannot be measured honestly here.');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    // aggregate=TRUE: one row per table or index, its pages summed (still a walk of every page).
    const rows = db.prepare("SELECT name, pgsize AS bytes FROM dbstat('main', 1) ORDER BY pgsize DESC").all() as Array<{ name: string; bytes: number }>;
    const tickets = db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
    const bytes = pages * pageSize;
    return {
      name: 'db_size',
      bytes,
      tickets,
      bytes_per_ticket: tickets === 0 ? 0 : Math.round(bytes / tickets),
      free_bytes: free * pageSize,
      page_size: pageSize,
      top: rows.slice(0, topN).map((r) => ({ name: r.name, bytes: r.bytes })),
    };
  } finally {
    db.close();
  }
}
