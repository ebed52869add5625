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
    expect(hubRestoredFor(desk.db, ava)).toEqual({ at: 1_000, mine: 2, waiting: 0, refused: 0 });
    expect(hubRestoredFor(desk.db, ben)).toBeNull();
    expect(hubRestoredFor(desk.db, sue)).toEqual({ at: 1_000, mine: 0, desk: 2, waiting: 0, refused: 0 });
    expect(hubRestoredFor(desk.db, ada)).toEqual({ at: 1_000, mine: 0, desk: 2, waiting: 0, refused: 0 });
    expect(hubRestoredFor(desk.db, null)).toBeNull();

    expect(dismissHubRestored(desk.db, ava.id)).toBe(true);
    expect(dismissHubRestored(desk.db, ava.id)).toBe(false);
    desk.close();

    desk = await open(dir);
    expect(hubRestoredFor(desk.db, ava)).toBeNull();
    expect(hubRestoredFor(desk.db, sue)).toEqual({ at: 1_000, mine: 0, desk: 2, waiting: 0, refused: 0 });

    // The hub goes back again: told anew to all, the counts added up.
    desk.db.write(() => keepHubRestored(desk.db, 5_000, { [ava.id]: 1, [ben.id]: 3 }));
    expect(hubRestoredFor(desk.db, ava)).toEqual({ at: 5_000, mine: 3, waiting: 0, refused: 0 });
    expect(hubRestoredFor(desk.db, ben)).toEqual({ at: 5_000, mine: 3, waiting: 0, refused: 0 });
    expect(hubRestoredFor(desk.db, sue)).toEqual({ at: 5_000, mine: 0, desk: 6, waiting: 0, refused: 0 });
    desk.close();
  });

  it('a restore that lost nothing of this desk is told to supervisors and admins only', async () => {
    const desk = await open(newDir());
    desk.db.write(() => keepHubRestored(desk.db, 9_000, {}));
    expect(hubRestoredFor(desk.db, ben)).toBeNull();
    expect(hubRestoredFor(desk.db, ada)).toMatchObject({ at: 9_000, mine: 0 });
    desk.close();
  });
  it('counts, of the changes it lost, how many still wait to be sent again and how many the hub refused', async () => {
    const desk = await open(newDir());
    const event = (n: number) => `01890000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;
    desk.db.write(() => {
      keepHubRestored(desk.db, 2_000, { [ava.id]: 3, [ben.id]: 1 });
      const resend = desk.db.sqlite.prepare('INSERT INTO hub_resends (event_id, actor_id) VALUES (?, ?)');
      for (const [n, who] of [[1, ava.id], [2, ava.id], [3, ava.id], [4, ben.id]] as const) resend.run(event(n), who);
      // Ava's 2nd still waits; her 3rd and Ben's one became conflicts; her 1st went.
      desk.db.sqlite.prepare("INSERT INTO outbox (event_id, stream, body) VALUES (?, 'ticket', '{}')").run(event(2));
      const conflict = desk.db.sqlite.prepare("INSERT INTO sync_conflicts (event_id, stream, entity_id, type, summary, reason, next_step, actor_id, desk_time, refused_at) VALUES (?, 'ticket', ?, 'TAKE', '', '', '', ?, 1, 1)");
      conflict.run(event(3), event(9), ava.id);
      conflict.run(event(4), event(9), ben.id);
    });
    expect(hubRestoredFor(desk.db, ava)).toEqual({ at: 2_000, mine: 3, waiting: 1, refused: 1 });
    expect(hubRestoredFor(desk.db, ben)).toEqual({ at: 2_000, mine: 1, waiting: 0, refused: 1 });
    expect(hubRestoredFor(desk.db, sue)).toEqual({ at: 2_000, mine: 0, desk: 4, waiting: 1, refused: 2 });
    desk.close();
  });
});
