import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { backupDesk, DB_FILE, restoreDesk } from './db/database';
import { Sql } from './db/exec';
import { openDesk } from './desk';
import { checkDeskPlace, isCopy, machineOf, placeOf, rekeyedNotice } from './deskPlace';
import { deskIdOf } from './outbox';

// Where a desk runs, and what counts as a copy of it (deskPlace.ts; with a hub: src/hub/copiedDesk.test.ts).

const root = mkdtempSync(join(tmpdir(), 'tagdesk-place-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const idAt = async (dir: string) => {
  const d = await openDesk({ dataDir: dir });
  try {
    return deskIdOf(new Sql(d.db.sqlite, d.db.kysely));
  } finally {
    d.close();
  }
};

it('a copy is another machine, or another folder with another file; a folder moved whole, or a file put back in place, is the same desk', () => {
  const here = { machine: 'id:1', folder: '/data/desk', file: '1:10' };
  expect(isCopy(here, { ...here, machine: 'id:2' })).toBe(true);
  expect(isCopy(here, { ...here, folder: '/data/desk-2', file: '1:11' })).toBe(true);
  expect(isCopy(here, { ...here, folder: '/srv/desk' })).toBe(false);
  expect(isCopy(here, { ...here, file: '1:12' })).toBe(false);
  expect(machineOf(() => 'a'.repeat(32), () => 'pc-7')).toMatch(/^id:[0-9a-f]{32}$/);
  expect(machineOf(() => null, () => 'pc-7')).toBe('host:pc-7');
});

it('a desk alone keeps its id when restored from its backup or moved, and a copy of its folder, or its folder on another machine, takes a new one quietly', async () => {
  const desk = join(root, 'desk');
  const id = await idAt(desk);
  expect(await idAt(desk)).toBe(id);
  await backupDesk(desk, join(root, 'monday.sqlite'));
  await restoreDesk(desk, join(root, 'monday.sqlite'));
  expect(await idAt(desk)).toBe(id);
  const moved = join(root, 'moved');
  renameSync(desk, moved);
  expect(await idAt(moved)).toBe(id);
  const copy = join(root, 'copy');
  cpSync(moved, copy, { recursive: true });
  const copied = await idAt(copy);
  expect(copied).not.toBe(id);
  expect(await idAt(copy)).toBe(copied);
  expect(await idAt(moved)).toBe(id);

  // The same folder and file on another machine: a copy too. A desk alone is told of nothing.
  const d = await openDesk({ dataDir: moved });
  try {
    const db = new Sql(d.db.sqlite, d.db.kysely);
    const rekeyed = checkDeskPlace(db, Date.now(), placeOf(moved, join(moved, DB_FILE), 'host:another-machine'));
    expect(rekeyed).toMatchObject({ from: id, why: 'copied', joined: false });
    expect(deskIdOf(db)).not.toBe(id);
    expect(rekeyedNotice(db)).toBeNull();
  } finally {
    d.close();
  }
});
