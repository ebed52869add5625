import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { backupFileName, DAY_MS, RETRY_MS, type BackupStatus } from '../../shared/backups';
import { backupService } from './backups';
import { Sql } from './db/exec';
import type { Timers } from './slaScheduler';
import { copyDesk, seededDesk } from './testing/processes';
import { TestClock, testDesk } from './testing/deskHarness';

// The desk's own backups: "Back up now" for admins, one a day by itself, the newest N kept, and
// a failed one (a full disk) that keeps every older backup, says so, and tries again later.

let root: string;
let seeded: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tagdesk-backups-'));
  seeded = await seededDesk(join(root, 'seeded'));
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
const freshDesk = () => copyDesk(seeded, join(root, `desk-${++n}`));
const ticketsIn = (file: string) => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
  } finally {
    db.close();
  }
};

/** Timers a test fires by hand. */
function handTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let id = 0;
  const timers: Timers = {
    set: (fn, ms) => (pending.set(++id, { fn, ms }), id),
    clear: (h) => void pending.delete(h as number),
  };
  const fire = () => {
    const all = [...pending.values()];
    pending.clear();
    for (const t of all) t.fn();
  };
  return { timers, pending, fire };
}

it('an admin backs the desk up now: a checked copy in <data folder>/backups, with its progress told to admins only', async () => {
  const dataDir = freshDesk();
  const { desk, as } = await testDesk({ dataDir, demo: false });
  try {
    const omar = await as('Omar Haddad');
    const ava = await as('Ava Martin');
    await expect(ava.call('backups.status')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(ava.call('backups.run')).rejects.toMatchObject({ code: 'forbidden' });
    const before = await omar.call('backups.status');
    expect(before).toMatchObject({ folder: join(dataDir, 'backups'), keep: 7, backups: [], running: null, lastFailure: null });
    const started = await omar.call('backups.run');
    expect(started.running).not.toBeNull();
    let last: BackupStatus | null = null;
    while (!last || last.running) {
      await new Promise((r) => setTimeout(r, 20));
      const pushed = omar.pushes.filter((p) => p.event === 'backups.changed');
      last = (pushed.at(-1)?.payload as BackupStatus | undefined) ?? null;
    }
    expect(last.lastFailure).toBeNull();
    expect(last.backups).toHaveLength(1);
    const made = last.backups[0]!;
    expect(made.size).toBeGreaterThan(0);
    expect(ticketsIn(made.file)).toBe(ticketsIn(join(dataDir, 'tagdesk.sqlite')));
    // One self-contained file, as `tagdesk backup` makes.
    expect(readdirSync(join(dataDir, 'backups'))).toEqual([made.name]);
    expect(ava.pushes.some((p) => p.event === 'backups.changed')).toBe(false);
  } finally {
    desk.close();
  }
}, 60_000);

it('refuses a folder that is not a whole path, or keeping no backups, saying what to type', async () => {
  const { desk, as } = await testDesk({ dataDir: freshDesk(), demo: false });
  try {
    const omar = await as('Omar Haddad');
    await expect(omar.call('backups.saveSettings', { folder: 'backups', keep: 7 })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/whole path/) });
    await expect(omar.call('backups.saveSettings', { folder: null, keep: 0 })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/Keep between 1 and 365/) });
    const saved = await omar.call('backups.saveSettings', { folder: join(root, 'elsewhere'), keep: 3 });
    expect(saved).toMatchObject({ folder: join(root, 'elsewhere'), keep: 3 });
  } finally {
    desk.close();
  }
}, 60_000);

it('a failed backup (a full disk) keeps every older backup, removes its own half, tells admins and tries again an hour later', async () => {
  const dataDir = freshDesk();
  const clock = new TestClock(Date.UTC(2026, 11, 7, 2, 0, 0));
  const { desk } = await testDesk({ dataDir, demo: false, clock, testClock: false });
  const folder = join(root, `kept-${n}`);
  mkdirSync(folder);
  // Three good backups, the newest two days old; two are kept.
  const old = [2, 3, 4].map((d) => backupFileName(clock.now() - d * DAY_MS));
  for (const name of old) copyFileSync(join(dataDir, 'tagdesk.sqlite'), join(folder, name));
  writeFileSync(join(folder, 'notes.txt'), 'not a backup');
  const told: BackupStatus[] = [];
  let full = true;
  const hand = handTimers();
  const service = backupService({
    dataDir,
    db: new Sql(desk.db.sqlite, desk.db.kysely),
    now: clock.now,
    timers: hand.timers,
    onChange: (s) => told.push(s),
    copy: async (dir, target, options) => {
      if (!full) return (await import('./db/database')).backupDesk(dir, target, options);
      writeFileSync(target, 'the first pages');
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    },
  });
  try {
    service.saveSettings({ folder, keep: 2 });
    // The first look after the start: the newest is two days old, so one is due.
    hand.fire();
    while (told.at(-1)?.running !== null) await new Promise((r) => setTimeout(r, 5));
    const failed = told.at(-1)!;
    expect(failed.lastFailure).toMatchObject({ reason: 'full', at: clock.now(), since: clock.now(), folder });
    expect(failed.lastFailure?.detail).toMatch(/full/);
    expect(readdirSync(folder).sort()).toEqual([...old, 'notes.txt'].sort());
    expect(failed.nextAt).toBe(clock.now() + RETRY_MS);
    expect(service.status().backups.map((b) => b.name)).toEqual(old);

    // Tried again while still full: the same run of failures (admins were told of it once).
    const firstAt = clock.now();
    clock.advance(RETRY_MS);
    hand.fire();
    while (told.at(-1)?.running !== null || told.at(-1)?.lastFailure?.at === firstAt) await new Promise((r) => setTimeout(r, 5));
    expect(told.at(-1)!.lastFailure).toMatchObject({ at: clock.now(), since: firstAt });

    // An hour later the disk has room: the backup is made, and only then the oldest beyond two go.
    full = false;
    clock.advance(RETRY_MS);
    hand.fire();
    while (told.at(-1)?.running !== null || told.at(-1)?.lastFailure !== null) await new Promise((r) => setTimeout(r, 5));
    const done = told.at(-1)!;
    expect(done.backups.map((b) => b.name)).toEqual([backupFileName(clock.now()), old[0]]);
    expect(existsSync(join(folder, 'notes.txt'))).toBe(true);
    expect(done.nextAt).toBe(clock.now() + DAY_MS);
  } finally {
    service.stop();
    desk.close();
  }
}, 60_000);

it('a folder it cannot create is reported, and nothing is removed', async () => {
  const dataDir = freshDesk();
  const { desk, as } = await testDesk({ dataDir, demo: false });
  try {
    const omar = await as('Omar Haddad');
    writeFileSync(join(root, 'a-file'), '');
    await omar.call('backups.saveSettings', { folder: join(root, 'a-file', 'backups'), keep: 7 });
    await omar.call('backups.run');
    let s = await omar.call('backups.status');
    while (s.running) s = await new Promise((r) => setTimeout(() => void omar.call('backups.status').then(r), 20));
    expect(s.lastFailure).toMatchObject({ reason: 'folder' });
    expect(s.backups).toEqual([]);
  } finally {
    desk.close();
  }
}, 60_000);

it('after the folder is changed, the backups in the one before are still listed as there', async () => {
  const dataDir = freshDesk();
  const { desk, as } = await testDesk({ dataDir, demo: false });
  try {
    const omar = await as('Omar Haddad');
    await omar.call('backups.run');
    let s = await omar.call('backups.status');
    while (s.running) s = await new Promise((r) => setTimeout(() => void omar.call('backups.status').then(r), 20));
    expect(s.backups).toHaveLength(1);
    const elsewhere = join(root, `moved-${n}`);
    const moved = await omar.call('backups.saveSettings', { folder: elsewhere, keep: 7 });
    expect(moved.backups).toEqual([]);
    expect(moved.earlier).toEqual([{ folder: join(dataDir, 'backups'), backups: s.backups }]);
    // Back to the default: the one just left is the earlier folder now (it holds none, so it is not said).
    const back = await omar.call('backups.saveSettings', { folder: null, keep: 7 });
    expect(back.backups).toEqual(s.backups);
    expect(back.earlier).toEqual([]);
  } finally {
    desk.close();
  }
}, 60_000);
