import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 as v7 } from './ids';
import type { PeopleChangesPage } from '../../shared/api';
import { testDesk } from './testing/deskHarness';

// People's "Changes to people" showed the latest 500 changes and said nothing of older ones:
// an admin looking for who made someone an admin a year ago could not find it. It now pages
// through the whole history (keyset on the hub's seq), says how many match and whether older
// ones are left, and is narrowed by the desk over all of it: by person, by kind, by who.

let close: (() => void) | undefined;
afterEach(() => close?.());

async function deskWithChanges() {
  const { desk, as } = await testDesk();
  close = () => desk.close();
  const omar = await as('Omar Haddad');
  const people = await omar.call('session.users');
  const nadia = people.find((u) => u.role === 'agent')!;
  const other = people.find((u) => u.role !== 'admin' && u.id !== nadia.id)!;
  const insert = desk.db.sqlite.prepare('INSERT INTO user_events (id, user_id, type, at, global_seq, payload) VALUES (?, ?, ?, ?, ?, ?)');
  const account = (u: typeof nadia, role = u.role) => ({ name: u.name, email: u.email, role, tier: u.tier, segments: u.segments, active: u.active });
  // 650 changes (more than the 500 the page showed): nadia made admin at seq 3 by Rosa, by
  // the command line made at seq 1, then 646 renames of someone else by Omar, a reset at the end.
  insert.run(v7(), nadia.id, 'USER_CREATED', 1000, 1, JSON.stringify({ v: 1, changes: [], user: account(nadia), actorName: 'system' }));
  insert.run(v7(), other.id, 'USER_CREATED', 2000, 2, JSON.stringify({ v: 1, changes: [], user: account(other), actorName: 'system' }));
  insert.run(v7(), nadia.id, 'USER_CHANGED', 3000, 3, JSON.stringify({ v: 1, changes: [{ field: 'role', from: 'agent', to: 'admin' }], user: account(nadia, 'admin'), actorName: 'Rosa Jimenez' }));
  for (let seq = 4; seq < 650; seq++) insert.run(v7(), other.id, 'USER_CHANGED', seq * 1000, seq, JSON.stringify({ v: 1, changes: [{ field: 'name', from: `n${seq - 1}`, to: `n${seq}` }], user: account(other), actorName: 'Omar Haddad' }));
  insert.run(v7(), nadia.id, 'USER_PASSWORD_RESET', 650_000, 650, JSON.stringify({ v: 1, changes: [], user: account(nadia), actorName: 'Omar Haddad' }));
  return { omar, nadia, other };
}

describe("People's history of changes to accounts", () => {
  it('pages through the whole history, newest first, to the oldest, saying how many match', async () => {
    const { omar, nadia } = await deskWithChanges();
    const seen: number[] = [];
    let before: number | null = null;
    let pages = 0;
    do {
      const page: PeopleChangesPage = await omar.call('hubUsers.changes', { before });
      expect(page.total).toBe(650);
      expect(page.changes.length).toBeLessThanOrEqual(100);
      seen.push(...page.changes.map((c) => c.at));
      before = page.older;
      pages++;
    } while (before !== null);
    expect(pages).toBe(7);
    expect(seen).toHaveLength(650);
    expect(new Set(seen).size).toBe(650);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    // The year-old change is reachable: who made nadia an admin.
    expect(seen.at(-3)).toBe(3000);
    const last = await omar.call('hubUsers.changes', { before: 51 });
    expect(last).toMatchObject({ older: null, total: 650 });
    expect(last.changes.at(-1)).toMatchObject({ userId: nadia.id, type: 'USER_CREATED', by: null });
    expect((await omar.call('hubUsers.changes', {})).actors).toEqual(['', 'Omar Haddad', 'Rosa Jimenez']);
  });

  it('narrows by person, by kind of change and by who made it, over the whole history', async () => {
    const { omar, nadia, other } = await deskWithChanges();
    const role = await omar.call('hubUsers.changes', { kind: 'role' });
    expect(role).toMatchObject({ total: 1, older: null, changes: [{ userId: nadia.id, by: 'Rosa Jimenez', changes: [{ field: 'role', from: 'agent', to: 'admin' }] }] });
    const hers = await omar.call('hubUsers.changes', { person: nadia.id });
    expect(hers.total).toBe(3);
    expect(hers.changes.map((c) => c.type)).toEqual(['USER_PASSWORD_RESET', 'USER_CHANGED', 'USER_CREATED']);
    expect((await omar.call('hubUsers.changes', { by: '' })).changes.map((c) => c.userId)).toEqual([other.id, nadia.id]);
    expect((await omar.call('hubUsers.changes', { person: nadia.id, kind: 'passwordReset', by: 'Omar Haddad' })).total).toBe(1);
    const renames = await omar.call('hubUsers.changes', { person: other.id, kind: 'name', limit: 500 });
    expect(renames).toMatchObject({ total: 646 });
    expect(renames.changes).toHaveLength(500);
    const rest = await omar.call('hubUsers.changes', { person: other.id, kind: 'name', limit: 500, before: renames.older });
    expect(rest).toMatchObject({ older: null });
    expect(rest.changes).toHaveLength(146);
    // One person's own History pages and filters the same way.
    const history = await omar.call('hubUsers.history', { id: other.id, limit: 10 });
    expect(history).toMatchObject({ total: 647 });
    expect(history.changes).toHaveLength(10);
    expect(history.older).toBe(640);
    expect((await omar.call('hubUsers.history', { id: nadia.id, kind: 'role' })).changes).toMatchObject([{ by: 'Rosa Jimenez', type: 'USER_CHANGED' }]);
  });

  it('refuses a malformed page or filter with a clear error', async () => {
    const { omar } = await deskWithChanges();
    expect(await omar.raw('hubUsers.changes', { kind: 'salary' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await omar.raw('hubUsers.changes', { limit: 10_000 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await omar.raw('hubUsers.changes', { offset: 500 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await omar.raw('hubUsers.history', { id: 'x', before: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
