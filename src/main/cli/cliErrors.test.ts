import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, copyDesk, openToAll, seededDesk, sha256, tagdesk, type Run } from '../core/testing/processes';

// What an administrator meets when the desk's folder or file is not as it should be: one
// line saying what is wrong and what to do, the exit code the README documents, no stack
// (unless --debug), and nothing written into the file.
//
// These tests run as root, which skips permission checks; where one matters, the CLI runs
// as the unprivileged user "nobody" (uid 65534) against files and folders owned by root.

let root: string;
let template: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tagdesk-clierr-'));
  openToAll(root);
  template = await seededDesk(join(root, 'template'));
}, 60_000);

afterAll(() => {
  chmodRecursive(root);
  rmSync(root, { recursive: true, force: true });
});

function chmodRecursive(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) chmodRecursive(p);
    else chmodSync(p, 0o644);
  }
}

const db = (dir: string) => join(dir, 'tagdesk.sqlite');

/** One line on stderr, no stack trace. */
function oneLine(r: Run): string {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  return r.stderr;
}

describe.concurrent('tagdesk on a broken desk', { timeout: 150_000 }, () => {
  it('a file that is not a database: exit 4, says so, and --debug shows the stack', async () => {
    const dir = join(root, 'notdb');
    mkdirSync(dir);
    writeFileSync(db(dir), 'these are my notes, not a desk\n'.repeat(200));
    const before = sha256(db(dir));
    const r = await tagdesk(['stats', '--data', dir]);
    expect(r.status).toBe(4);
    expect(oneLine(r)).toContain('is not a Tagdesk database');
    const debug = await tagdesk(['stats', '--data', dir, '--debug']);
    expect(debug.status).toBe(4);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(sha256(db(dir))).toBe(before);
  });

  it("another program's SQLite database: exit 4, and no Tagdesk table is written into it", async () => {
    const dir = join(root, 'foreign');
    mkdirSync(dir);
    const raw = new BetterSqlite3(db(dir));
    raw.exec('CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES (\'soup\')');
    raw.close();
    const before = sha256(db(dir));
    const r = await tagdesk(['seed', '--data', dir]);
    expect(r.status).toBe(4);
    expect(oneLine(r)).toContain('not a Tagdesk one');
    expect(sha256(db(dir))).toBe(before);
  });

  it('a truncated file: exit 4, damaged, restore a backup', async () => {
    const dir = copyDesk(template, join(root, 'truncated'));
    truncateSync(db(dir), Math.floor(statSync(db(dir)).size / 2));
    const r = await tagdesk(['stats', '--data', dir]);
    expect(r.status).toBe(4);
    expect(oneLine(r)).toMatch(/is damaged .*tagdesk restore/);
  });

  it('256 KB of garbage in the middle: stats and seed refuse it (exit 4) and nothing is written', async () => {
    const dir = copyDesk(template, join(root, 'garbage'));
    const size = statSync(db(dir)).size;
    const fd = openSync(db(dir), 'r+');
    const garbage = Buffer.alloc(256 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) & 0xff;
    writeSync(fd, garbage, 0, garbage.length, Math.floor(size / 2) - garbage.length / 2);
    closeSync(fd);
    const before = sha256(db(dir));
    const stats = await tagdesk(['stats', '--data', dir]);
    expect(stats.status).toBe(4);
    expect(oneLine(stats)).toContain('is damaged');
    const seed = await tagdesk(['seed', '--data', dir]);
    expect(seed.status).toBe(4);
    // No SLA event, no migration: the file is byte for byte what it was, and nothing waits
    // in a WAL to be copied into it (reading a WAL database may leave an empty one).
    expect(sha256(db(dir))).toBe(before);
    for (const wal of readdirSync(dir).filter((f) => f.endsWith('-wal'))) expect(statSync(join(dir, wal)).size).toBe(0);
  });

  it('migrate where there is no desk: exit 3 (no desk there), as stats says it, and creates nothing', async () => {
    const missing = join(root, 'no-desk-to-migrate');
    const empty = join(root, 'empty-folder');
    mkdirSync(empty);
    const [none, nothing] = await Promise.all([tagdesk(['migrate', '--data', missing]), tagdesk(['migrate', '--data', empty])]);
    for (const r of [none, nothing]) {
      expect(r.status).toBe(3);
      expect(oneLine(r)).toContain('to upgrade');
    }
    expect(readdirSync(root)).not.toContain('no-desk-to-migrate');
    expect(readdirSync(empty)).toEqual([]);
  });

  it('--data naming a regular file: exit 3', async () => {
    const r = await tagdesk(['stats', '--data', db(template)]);
    expect(r.status).toBe(3);
    expect(oneLine(r)).toContain('--data must name a folder');
    const seed = await tagdesk(['seed', '--data', db(template)]);
    expect(seed.status).toBe(3);
  });

  it('a folder that cannot be created (below /proc) fails at once with exit 3', async () => {
    // Before, this spun at full CPU for ever; the timeout only bounds a regression.
    const r = await tagdesk(['seed', '--data', '/proc/tagdesk-no-such/desk'], { timeoutMs: 55_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(3);
    expect(oneLine(r)).toContain('Cannot create the data folder');
  });

  it('a database from a newer version: exit 5', async () => {
    const dir = copyDesk(template, join(root, 'newer'));
    const raw = new BetterSqlite3(db(dir));
    raw.prepare('INSERT INTO migrations (id, applied_at) VALUES (?, ?)').run('9999_from_the_future', Date.now());
    raw.close();
    for (const command of ['stats', 'seed']) {
      const r = await tagdesk([command, '--data', dir]);
      expect(r.status).toBe(5);
      expect(oneLine(r)).toContain('newer or different version of Tagdesk');
    }
  });

  it('a database another program holds locked: exit 6 after a short wait', async () => {
    const dir = copyDesk(template, join(root, 'locked'));
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(require.resolve('better-sqlite3'))}); const d = new D(${JSON.stringify(db(dir))});
         d.pragma('locking_mode = EXCLUSIVE'); d.exec('BEGIN EXCLUSIVE'); d.exec('CREATE TABLE IF NOT EXISTS held(x)');
         console.log('held'); setInterval(() => {}, 1000);`,
      ],
      { env: childEnv(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((done) => holder.stdout!.once('data', () => done()));
      const r = await tagdesk(['stats', '--data', dir]);
      expect(r.status).toBe(6);
      expect(oneLine(r)).toContain('is locked by another program');
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a read-only file and folder: reads work and write nothing; a write is refused with exit 3', async () => {
    const dir = copyDesk(template, join(root, 'readonly'));
    chmodSync(db(dir), 0o444);
    chmodSync(dir, 0o555);
    const before = sha256(db(dir));
    const stats = await tagdesk(['stats', '--data', dir], { asNobody: true });
    expect(stats.stderr).toBe('');
    expect(stats.status).toBe(0);
    expect(stats.stdout).toMatch(/Customers\s+40\n/);
    const lookup = await tagdesk(['lookup', 'a', '--data', dir], { asNobody: true });
    expect(lookup.stderr).not.toMatch(/\n\s+at /);
    expect([0, 1]).toContain(lookup.status);
    const seed = await tagdesk(['seed', '--data', dir], { asNobody: true });
    expect(seed.status).toBe(3);
    expect(oneLine(seed)).toContain('read-only');
    expect(sha256(db(dir))).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(readdirSync(template).sort());
  });

  it('permission denied: exit 3, says whose folder to run as', async () => {
    const dir = copyDesk(template, join(root, 'denied'));
    chmodSync(db(dir), 0o000);
    for (const command of ['stats', 'seed']) {
      const r = await tagdesk([command, '--data', dir], { asNobody: true });
      expect(r.status).toBe(3);
      expect(oneLine(r)).toContain('Permission denied');
    }
  });

  it('stats on a healthy desk writes nothing (no SLA event fires on a read)', async () => {
    const dir = copyDesk(template, join(root, 'healthy'));
    // Make SLA deadlines fall due: were the scheduler to run, it would write events now.
    const raw = new BetterSqlite3(db(dir));
    raw.prepare('UPDATE tickets SET sla_next_at = 1 WHERE sla_next_at IS NOT NULL').run();
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = sha256(db(dir));
    const r = await tagdesk(['stats', '--data', dir]);
    expect(r.status).toBe(0);
    expect(sha256(db(dir))).toBe(before);
  });
});
