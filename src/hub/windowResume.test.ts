import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Connection, type Desk } from '../main/core/desk';
import type { HubUser } from './accounts';
import type { Hub } from './server';
import { call, hubWithPeople, makeUser, PASSWORD, type HubWithPeople } from './testing/hubFixture';

// A window at a desk joined to a real hub comes back after a reload (F5) or a dropped link, a
// new connection, without the password: the sign-in gave it a secret, and `session.resume`
// signs the new connection in with it. Refused when the secret is wrong, signed out, expired
// (with the hub session, by the desk's clock), or the hub ended the session (a password reset,
// a deactivation), or the person is no longer active at the desk.

let fixture: HubWithPeople<'omar'>;
let hub: Hub;
let desk: Desk;
let clock = Date.now();
const HUB_SESSION_MS = 60 * 60_000;

beforeAll(async () => {
  fixture = await hubWithPeople({ omar: { email: 'omar@desk.test', role: 'admin' } }, { hub: { now: () => clock, sessionTtlMs: HUB_SESSION_MS } });
  hub = fixture.hub;
  desk = await openDesk({ dataDir: ':memory:', hubUrl: hub.url, clock: { now: () => clock } });
}, 60_000);

afterAll(async () => {
  desk?.close();
  await fixture?.close();
}, 60_000);

/** A current admin session at the hub (the tests move the clock past older ones). */
const adminToken = async () => (await call<{ token: string }>(hub.url, 'POST', '/auth/sign-in', { body: { email: 'omar@desk.test', password: PASSWORD } })).body.token;

type SignedIn = { user: { id: string; email: string }; resume: { secret: string; expiresAt: number } };

async function signIn(email: string): Promise<{ window: Connection; secret: string; expiresAt: number; id: string }> {
  const window = desk.connect(() => undefined);
  const r = await window.call('session.signInWithPassword', { email, password: PASSWORD });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const { user, resume } = r.result as SignedIn;
  return { window, secret: resume.secret, expiresAt: resume.expiresAt, id: user.id };
}
/** The same window after a reload: a new connection, nobody signed in yet, resuming with its secret. */
const reload = (secret: string) => desk.connect(() => undefined).call('session.resume', { secret });
const ended = { ok: false, error: { code: 'unauthenticated', key: 'windowSessionEnded' } };

describe('a window resumes its password sign-in after a reload', () => {
  it('signs a new connection in as the same person with the secret the sign-in gave, kept nowhere in the database', async () => {
    const ava = await makeUser(hub, { email: 'ava@desk.test', role: 'agent', segments: ['education'] });
    const first = await signIn('ava@desk.test');
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect(first.expiresAt).toBe(clock + HUB_SESSION_MS);
    const again = desk.connect(() => undefined);
    expect(await again.call('session.me', {})).toEqual({ ok: true, result: null });
    expect(await again.call('session.resume', { secret: first.secret })).toMatchObject({ ok: true, result: { id: ava.id, email: 'ava@desk.test' } });
    expect(await again.call('session.me', {})).toMatchObject({ ok: true, result: { id: ava.id } });
    // Resumed, the window works as the person (a method that needs someone signed in).
    expect(await again.call('users.list', {})).toMatchObject({ ok: true });
    // Resumed once, it resumes again (the next reload).
    expect(await reload(first.secret)).toMatchObject({ ok: true, result: { id: ava.id } });
    const tables = desk.db.sqlite.prepare(`select name from sqlite_master where type = 'table'`).all() as { name: string }[];
    for (const { name } of tables) expect(JSON.stringify(desk.db.sqlite.prepare(`select * from "${name}"`).all())).not.toContain(first.secret);
  });

  it('refuses a wrong or unknown secret, saying the session ended, and an empty one as bad input', async () => {
    const { secret } = await signIn('ava@desk.test');
    const wrong = secret.slice(0, -2) + (secret.endsWith('AA') ? 'BB' : 'AA');
    expect(await reload(wrong)).toMatchObject(ended);
    expect(await reload('x'.repeat(43))).toMatchObject(ended);
    expect(await reload('')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses the secret of a window that signed out; another window of the same person still resumes', async () => {
    const one = await signIn('ava@desk.test');
    const two = await signIn('ava@desk.test');
    expect(await one.window.call('session.signOut', {})).toEqual({ ok: true, result: null });
    expect(await reload(one.secret)).toMatchObject(ended);
    expect(await reload(two.secret)).toMatchObject({ ok: true, result: { id: two.id } });
    // A window handed to a colleague (a new sign-in on the same connection) no longer resumes the first person.
    await makeUser(hub, { email: 'ben@desk.test', role: 'agent', segments: ['home'] });
    expect(await two.window.call('session.signInWithPassword', { email: 'ben@desk.test', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await reload(two.secret)).toMatchObject(ended);
  });

  it('ends with the hub session: fine a minute before it expires by the desk’s clock, refused after', async () => {
    const { secret, id } = await signIn('ava@desk.test');
    clock += HUB_SESSION_MS - 60_000;
    expect(await reload(secret)).toMatchObject({ ok: true, result: { id } });
    clock += 60_000;
    expect(await reload(secret)).toMatchObject(ended);
  });

  it('is refused once an admin resets the password at the hub, which ends the session there', async () => {
    const { secret, id } = await signIn('ava@desk.test');
    expect((await call(hub.url, 'POST', `/admin/users/${id}/password`, { token: await adminToken(), body: { password: 'a brand new pass' } })).status).toBe(200);
    expect(await reload(secret)).toMatchObject(ended);
  });

  it('is refused once the person is deactivated, at the hub or at the desk', async () => {
    const sam = await makeUser(hub, { email: 'sam@desk.test', role: 'agent', segments: ['home'] });
    const atHub = await signIn('sam@desk.test');
    expect((await call<{ user: HubUser }>(hub.url, 'PATCH', `/admin/users/${sam.id}`, { token: await adminToken(), body: { active: false } })).status).toBe(200);
    // Refused by the hub's answer to the desk's check, or by the deactivation the desk's sync has
    // already pulled (it runs on its own): either way, no way back in, and told why (the hub's
    // refusal says it was a deactivation: "sign in again" led to a sign-in that only refused).
    expect(await reload(atHub.secret)).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'accountDeactivated' } });

    const hana = await makeUser(hub, { email: 'hana@desk.test', role: 'agent', segments: ['home'] });
    const atDesk = await signIn('hana@desk.test');
    // As the user stream applies a deactivation that arrived from the hub.
    desk.db.sqlite.prepare('update users set active = 0 where id = ?').run(hana.id);
    expect(await reload(atDesk.secret)).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'accountDeactivated' } });
  });

  // A window left open: Omar disabled Nadia while she was signed in, and she went on registering
  // customers (kept at the desk, pending for ever, her hub session ended). Her window now stops
  // at its next call, as a reload would, and a person whose powers the hub changed works with
  // the new ones at once.
  it('stops a window that is open when its person is deactivated, and gives it new powers at once', async () => {
    const nadia = await makeUser(hub, { email: 'nadia@desk.test', role: 'supervisor' });
    const open = await signIn('nadia@desk.test');
    expect(await open.window.call('sla.settings', {})).toMatchObject({ ok: true });
    // As the user stream applies a change of role that arrived from the hub: no longer a supervisor.
    desk.db.sqlite.prepare(`update users set role = 'agent', segments = '["home"]', tier = 1 where id = ?`).run(nadia.id);
    expect(await open.window.call('sla.settings', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await open.window.call('session.me', {})).toMatchObject({ ok: true, result: { id: nadia.id, role: 'agent' } });
    // Then deactivated: the window is signed out, and says why.
    desk.db.sqlite.prepare('update users set active = 0 where id = ?').run(nadia.id);
    expect(await open.window.call('users.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated', key: 'accountDeactivated' } });
    expect(await open.window.call('session.me', {})).toEqual({ ok: true, result: null });
    expect(await reload(open.secret)).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'accountDeactivated' } });
  });
});
