import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { User } from '../../../shared/domain';
import { openDatabase } from '../db/database';
import { Sql } from '../db/exec';
import { dismissHubRestored, hubRestoredFor, keepHubRestored } from './hubRestoredNotice';

// The notice that the hub lost changes (restored from an older backup) is kept on disk until
// each person it concerns dismisses it: before, it lived in the sync engine's memory and a desk
// restart forgot it.

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const newDir = () => {
  dirs.push(mkdtempSync(join(tmpdir(), 'tagdesk-hub-restored-')));
  return dirs.at(-1)!;
};

const person = (id: string, role: User['role']): User => ({ id, name: id, email: `${id}@desk.test`, role, tier: 1, segments: ['education'], active: true });
const ava = person('01890000-0000-7000-8000-00000000000a', 'agent');
const ben = person('01890000-0000-7000-8000-00000000000b', 'agent');
const sue = person('01890000-0000-7000-8000-00000000000c', 'supervisor');
const ada = person('01890000-0000-7000-8000-00000000000d', 'admin');

async function open(dir: string): Promise<{ db: Sql; close: () => void }> {
  const d = await openDatabase(dir);
  d.setupDone();
  return { db: new Sql(d.sqlite, d.kysely), close: () => d.close() };
}

describe('the hub-restored notice', () => {
  it('outlives a restart, is told to whom it concerns, and leaves each window only when its reader dismisses it', async () => {
    const dir = newDir();
    let desk = await open(dir);
    desk.db.write(() => keepHubRestored(desk.db, 1_000, { [ava.id]: 2 }));
    desk.close();

    desk = await open(dir);
    expect(hubRestoredFor(desk.db, ava)).toEqual({ at: 1_000, mine: 2 });
    expect(hubRestoredFor(desk.db, ben)).toBeNull();
    expect(hubRestoredFor(desk.db, sue)).toEqual({ at: 1_000, mine: 0, desk: 2 });
    expect(hubRestoredFor(desk.db, ada)).toEqual({ at: 1_000, mine: 0, desk: 2 });
    expect(hubRestoredFor(desk.db, null)).toBeNull();

    expect(dismissHubRestored(desk.db, ava.id)).toBe(true);
    expect(dismissHubRestored(desk.db, ava.id)).toBe(false);
    desk.close();

    desk = await open(dir);
    expect(hubRestoredFor(desk.db, ava)).toBeNull();
    expect(hubRestoredFor(desk.db, sue)).toEqual({ at: 1_000, mine: 0, desk: 2 });

    // The hub goes back again: told anew to all, the counts added up.
    desk.db.write(() => keepHubRestored(desk.db, 5_000, { [ava.id]: 1, [ben.id]: 3 }));
    expect(hubRestoredFor(desk.db, ava)).toEqual({ at: 5_000, mine: 3 });
    expect(hubRestoredFor(desk.db, ben)).toEqual({ at: 5_000, mine: 3 });
    expect(hubRestoredFor(desk.db, sue)).toEqual({ at: 5_000, mine: 0, desk: 6 });
    desk.close();
  });

  it('a restore that lost nothing of this desk is told to supervisors and admins only', async () => {
    const desk = await open(newDir());
    desk.db.write(() => keepHubRestored(desk.db, 9_000, {}));
    expect(hubRestoredFor(desk.db, ben)).toBeNull();
    expect(hubRestoredFor(desk.db, ada)).toMatchObject({ at: 9_000, mine: 0 });
    desk.close();
  });
});
