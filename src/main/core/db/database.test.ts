import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDesk, seededDesk } from '../testing/processes';
import { integrityProblems } from './database';

// The check at open on files too large for a full quick_check (over 256 MB; here the limit
// is set to 0 so a small desk takes that path): what it finds, and what it does not.

let root: string;
let template: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tagdesk-check-'));
  template = await seededDesk(join(root, 'template'));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const problemsOf = (dir: string, fullCheckMaxBytes: number) => {
  const file = join(dir, 'tagdesk.sqlite');
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return integrityProblems(db, file, fullCheckMaxBytes);
  } finally {
    db.close();
  }
};

describe('the bounded check of a large file', () => {
  it('passes a healthy desk', () => {
    expect(problemsOf(template, 0)).toEqual([]);
  });

  it('finds a file cut short from the page count in its header', () => {
    const dir = copyDesk(template, join(root, 'cut'));
    truncateSync(join(dir, 'tagdesk.sqlite'), statSync(join(dir, 'tagdesk.sqlite')).size - 8192);
    expect(problemsOf(dir, 0).join()).toContain('it was cut short');
  });

  it('finds damage in the tables a desk starts from (users), and the full check finds damage anywhere', () => {
    const dir = copyDesk(template, join(root, 'users'));
    const file = join(dir, 'tagdesk.sqlite');
    const db = new BetterSqlite3(file, { readonly: true });
    const page = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'users'").pluck().get() as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x33), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);
    expect(problemsOf(dir, 0).length).toBeGreaterThan(0);
    expect(problemsOf(dir, Number.MAX_SAFE_INTEGER).length).toBeGreaterThan(0);
  });
});

describe('closing a desk', () => {
  // A desk's WAL checkpointer runs on a worker thread with a connection of its own. It once
  // outlived the desk's close: the next program to open the file was then not its last user,
  // and the worker's late close checkpointed into a file that had changed in between (a damaged
  // desk the shell had just refused was written to).
  it('lets go of the file: the next connection is its only one, and its close leaves no WAL', async () => {
    const dir = copyDesk(template, join(root, 'closing'));
    const file = join(dir, 'tagdesk.sqlite');
    const { openDesk } = await import('../desk');
    for (let i = 0; i < 5; i++) {
      const desk = await openDesk({ dataDir: dir });
      desk.close();
      const raw = new BetterSqlite3(file);
      raw.prepare(`UPDATE meta SET value = value WHERE key = 'initialized'`).run();
      raw.close();
      expect(existsSync(`${file}-wal`), `round ${i + 1}`).toBe(false);
    }
  });
});
