import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../main/core/db/database';
import { Sql } from '../main/core/db/exec';
import { hubLink } from '../main/core/hubLink';
import { openDesk } from '../main/core/desk';
import { messageDetail, say, sayCount } from '../shared/messageKeys';
import { changeUser, type HubUser } from './accounts';
import type { Hub } from './server';
import { call, hubWithPeople, makeUser, PASSWORD, testHub, type HubWithPeople, type TestPostgres } from './testing/hubFixture';

// Accounts and roles against a real PostgreSQL: sign-in, throttling, sessions that expire
// and are revoked, sign-out, the admin API, and `npm run hub -- create-admin`.

let fixture: HubWithPeople<'omar'>;
let pg: TestPostgres;
let hub: Hub;
let clock = Date.now();
let adminToken: string;

const signIn = (email: string, password: string, extra: Record<string, unknown> = {}) =>
  call<{ token: string; user: HubUser; expiresAt: number }>(hub.url, 'POST', '/auth/sign-in', { body: { email, password, ...extra } });

beforeAll(async () => {
  fixture = await hubWithPeople({ omar: { email: 'omar@desk.test', role: 'admin' } }, { hub: { now: () => clock, sessionTtlMs: 60 * 60_000 } });
  ({ pg, hub } = fixture);
  adminToken = (await signIn('omar@desk.test', PASSWORD)).body.token;
}, 60_000);

// Stopping PostgreSQL ends with a checkpoint that fsyncs: seconds on a busy machine.
afterAll(() => fixture?.close(), 60_000);

describe('sign-in and sessions', () => {
  it('signs in with email and password (any case), and the token names the user', async () => {
    await makeUser(hub, { email: 'ava@desk.test', role: 'agent', segments: ['education'] });
    const r = await signIn('  AVA@desk.test ', PASSWORD);
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ email: 'ava@desk.test', role: 'agent', tier: 1, segments: ['education'] });
    expect(JSON.stringify(r.body.user)).not.toMatch(/hash|argon/);
    const me = await call<{ user: HubUser }>(hub.url, 'GET', '/auth/me', { token: r.body.token });
    expect(me.body.user.email).toBe('ava@desk.test');
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    const wrong = await signIn('ava@desk.test', 'not the password');
    const unknown = await signIn('nobody@desk.test', PASSWORD);
    expect(wrong).toEqual({ status: 401, body: { error: { code: 'unauthorized', message: 'Wrong email or password.' } } });
    expect(unknown).toEqual(wrong);
  });

  it('locks an account after five failures, for that account only, until the lock passes', async () => {
    await makeUser(hub, { email: 'lock@desk.test', role: 'agent', segments: ['home'] });
    for (let i = 0; i < 5; i++) expect((await signIn('lock@desk.test', `guess ${i} wrong`)).status).toBe(401);
    const locked = await signIn('lock@desk.test', PASSWORD);
    expect(locked.status).toBe(429);
    // "try again in 15 minute(s)" said neither the plural nor that an admin can let them in.
    expect(locked.body).toMatchObject({
      error: { code: 'throttled', message: 'Too many failed sign-ins to this account; try again in 15 minutes, or ask an admin to reset your password: a new password lifts this lock at once.' },
    });
    expect((await signIn('ava@desk.test', PASSWORD)).status).toBe(200);
    clock += 14 * 60_000 + 30_000;
    expect((await signIn('lock@desk.test', PASSWORD)).body).toMatchObject({ error: { message: expect.stringContaining('try again in 1 minute, or ask an admin') } });
    clock += 90_000;
    expect((await signIn('lock@desk.test', PASSWORD)).status).toBe(200);
  });

  // Every desk of a call centre reaches the hub from one address: thirty typos across the floor
  // in a quarter of an hour locked every agent there out of signing in.
  it('counts a known desk’s failed sign-ins on their own: thirty at one desk lock that desk, not the others behind the same address', async () => {
    clock += 16 * 60_000;
    const desk = (n: string) => ({ deskId: `desk-${n}-0000-0000`, deskKey: `desk-${n}-secret-key-0123456789` });
    const [a, b] = [desk('floor-a'), desk('floor-b')];
    // Each has signed in here before (that is what registers a desk).
    expect((await signIn('ava@desk.test', PASSWORD, a)).status).toBe(200);
    expect((await signIn('ava@desk.test', PASSWORD, b)).status).toBe(200);
    for (let i = 0; i < 30; i++) expect((await signIn(`typo${i}@desk.test`, 'a wrong one', a)).status).toBe(401);
    const deskLocked = await signIn('ava@desk.test', PASSWORD, a);
    expect(deskLocked.status).toBe(429);
    // The desk's lock, not Ava's: a password reset would not let her in, so it does not say to ask for one.
    expect(deskLocked.body).toMatchObject({
      error: { message: 'Too many failed sign-ins at this desk, whatever the account; try again in 15 minutes. A password reset does not lift this lock: it is on the desk, not on an account.' },
    });
    expect((await signIn('ava@desk.test', PASSWORD, b)).status).toBe(200);
    // A desk id it cannot prove, or none, is counted by address: not locked by desk A's guesses.
    expect((await signIn('ava@desk.test', PASSWORD, { deskId: a.deskId, deskKey: 'somebody-elses-key-0000' })).status).toBe(403);
    expect((await signIn('ava@desk.test', PASSWORD)).status).toBe(200);
    clock += 16 * 60_000;
  });

  // Reza forgot his password, was locked out after five guesses, and called Omar, who reset it
  // on People ("New password set for Reza"): the new password was refused for another quarter
  // of an hour ("try again in 14 minute(s)"). A reset now lifts the account's lock.
  it('lets a locked-out person in with the password an admin has just reset', async () => {
    const reza = await makeUser(hub, { email: 'reza@desk.test', role: 'agent', segments: ['home'] });
    for (let i = 0; i < 5; i++) expect((await signIn('reza@desk.test', `forgot it ${i}`)).status).toBe(401);
    expect((await signIn('reza@desk.test', PASSWORD)).status).toBe(429);
    expect((await call(hub.url, 'POST', `/admin/users/${reza.id}/password`, { token: adminToken, body: { password: 'a fresh password 7' } })).status).toBe(200);
    expect((await signIn('reza@desk.test', 'a fresh password 7')).status).toBe(200);
    // Guesses count again from nothing: still locked after five more.
    for (let i = 0; i < 5; i++) expect((await signIn('reza@desk.test', `another guess ${i}`)).status).toBe(401);
    expect((await signIn('reza@desk.test', 'a fresh password 7')).status).toBe(429);
  });

  it('ends a session when it expires, and on sign-out', async () => {
    const a = (await signIn('ava@desk.test', PASSWORD)).body.token;
    const b = (await signIn('ava@desk.test', PASSWORD)).body.token;
    expect((await call(hub.url, 'POST', '/auth/sign-out', { token: a })).status).toBe(200);
    expect((await call(hub.url, 'GET', '/auth/me', { token: a })).status).toBe(401);
    expect((await call(hub.url, 'GET', '/auth/me', { token: b })).status).toBe(200);
    clock += 61 * 60_000;
    expect((await call(hub.url, 'GET', '/auth/me', { token: b })).status).toBe(401);
    adminToken = (await signIn('omar@desk.test', PASSWORD)).body.token;
  });

  it('keeps a desk id to the desk that first signed in with it', async () => {
    const first = await signIn('ava@desk.test', PASSWORD, { deskId: 'desk-front-1', deskKey: 'front-desk-secret-0001' });
    const thief = await signIn('ava@desk.test', PASSWORD, { deskId: 'desk-front-1', deskKey: 'someone-elses-secret-1' });
    expect(first.status).toBe(200);
    expect(thief.status).toBe(403);
  });
});

describe('admin API', () => {
  it('creates a specialist, changes role, tier and segments, resets the password, deactivates', async () => {
    const created = await call<{ user: HubUser }>(hub.url, 'POST', '/admin/users', {
      token: adminToken,
      body: { email: 'sam@desk.test', name: 'Sam Rivera', role: 'specialist', tier: 2, segments: ['education', 'government'], password: 'first password 1' },
    });
    expect(created.status).toBe(200);
    const id = created.body.user.id;
    const session = (await signIn('sam@desk.test', 'first password 1')).body.token;

    const changed = await call<{ user: HubUser }>(hub.url, 'PATCH', `/admin/users/${id}`, { token: adminToken, body: { tier: 3, segments: ['government'] } });
    expect(changed.body.user).toMatchObject({ role: 'specialist', tier: 3, segments: ['government'] });
    // New powers, new session: the old one no longer works.
    const refused = await call<{ error: object }>(hub.url, 'GET', '/auth/me', { token: session });
    expect(refused.status).toBe(401);
    // Ended otherwise than by a deactivation: the refusal gives no such reason.
    expect(refused.body.error).not.toHaveProperty('reason');

    expect((await call(hub.url, 'POST', `/admin/users/${id}/password`, { token: adminToken, body: { password: 'second password 2' } })).status).toBe(200);
    expect((await signIn('sam@desk.test', 'first password 1')).status).toBe(401);
    const fresh = (await signIn('sam@desk.test', 'second password 2')).body.token;

    expect((await call(hub.url, 'PATCH', `/admin/users/${id}`, { token: adminToken, body: { active: false } })).status).toBe(200);
    // The refusal says why: a desk hearing it before the deactivation itself tells the person
    // their account is off, not to sign in again (a sign-in that could only refuse them).
    expect(await call(hub.url, 'GET', '/auth/me', { token: fresh })).toMatchObject({ status: 401, body: { error: { reason: 'deactivated', message: say('accountDeactivated') } } });
    expect((await signIn('sam@desk.test', 'second password 2')).status).toBe(403);

    const list = await call<{ users: HubUser[] }>(hub.url, 'GET', '/admin/users', { token: adminToken });
    expect(list.body.users.find((u) => u.email === 'sam@desk.test')).toMatchObject({ active: false, tier: 3 });
  });

  it('refuses a second user with the same email, a weak password, a specialist at tier 1', async () => {
    const base = { name: 'X', role: 'agent', segments: ['home'], password: 'long enough 123' };
    expect((await call(hub.url, 'POST', '/admin/users', { token: adminToken, body: { ...base, email: 'ava@desk.test' } })).status).toBe(409);
    expect((await call(hub.url, 'POST', '/admin/users', { token: adminToken, body: { ...base, email: 'weak@desk.test', password: 'short' } })).status).toBe(400);
    expect((await call(hub.url, 'POST', '/admin/users', { token: adminToken, body: { ...base, email: 's1@desk.test', role: 'specialist', tier: 1 } })).status).toBe(400);
  });

  it('refuses an agent or specialist with no segment (they would take no ticket), made so or changed to it, saying why', async () => {
    const base = { name: 'X', role: 'agent', password: 'long enough 123' };
    const none = await call<{ error: { message: string } }>(hub.url, 'POST', '/admin/users', { token: adminToken, body: { ...base, email: 'n1@desk.test', segments: [] } });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toBe(say('noSegments'));
    // Left out, the segments are none too.
    expect((await call(hub.url, 'POST', '/admin/users', { token: adminToken, body: { ...base, email: 'n2@desk.test', role: 'specialist', tier: 2 } })).status).toBe(400);
    const agent = await makeUser(hub, { email: 'n3@desk.test', role: 'agent', segments: ['home'] });
    const emptied = await call<{ error: { message: string } }>(hub.url, 'PATCH', `/admin/users/${agent.id}`, { token: adminToken, body: { segments: [] } });
    expect(emptied.status).toBe(400);
    expect(emptied.body.error.message).toBe(say('noSegments'));
    // A supervisor oversees every segment: none to choose.
    expect((await call(hub.url, 'POST', '/admin/users', { token: adminToken, body: { ...base, email: 'n4@desk.test', role: 'supervisor', tier: 3, segments: [] } })).status).toBe(200);
  });

  it('is for admins only', async () => {
    const agentToken = (await signIn('ava@desk.test', PASSWORD)).body.token;
    const r = await call(hub.url, 'POST', '/admin/users', { token: agentToken, body: { email: 'evil@desk.test', name: 'E', role: 'admin', password: 'long enough 123' } });
    expect(r.status).toBe(403);
    expect((await call(hub.url, 'GET', '/admin/users', { token: agentToken })).status).toBe(403);
  });

  it('keeps one active admin: the only one can neither demote nor turn off themselves (as no admin can); one of two can be', async () => {
    const { users } = (await call<{ users: HubUser[] }>(hub.url, 'GET', '/admin/users', { token: adminToken })).body;
    const omar = users.find((u) => u.email === 'omar@desk.test')!;
    const demoted = await call<{ error: { message: string } }>(hub.url, 'PATCH', `/admin/users/${omar.id}`, { token: adminToken, body: { role: 'agent' } });
    expect(demoted.status).toBe(403);
    expect(demoted.body.error.message).toBe(say('demoteSelf'));
    // Underneath, the hub itself still keeps its last active admin, whoever asks.
    await expect(changeUser(hub.db, omar.id, { role: 'agent' }, clock)).rejects.toThrow(/only active admin/);
    const off = await call<{ error: { message: string } }>(hub.url, 'PATCH', `/admin/users/${omar.id}`, { token: adminToken, body: { active: false } });
    expect(off.status).toBe(403);
    expect(off.body.error.message).toBe(say('deactivateSelf'));
    expect((await call(hub.url, 'GET', '/admin/users', { token: adminToken })).status).toBe(200);
    const second = await makeUser(hub, { email: 'nadia@desk.test', role: 'admin' });
    const r = await call(hub.url, 'PATCH', `/admin/users/${second.id}`, { token: adminToken, body: { active: false } });
    expect(r.status).toBe(200);
  });

  it('refuses an admin turning off their own account, another admin there or not; another admin may', async () => {
    const rosa = await makeUser(hub, { email: 'rosa@desk.test', role: 'admin' });
    const rosaToken = (await signIn('rosa@desk.test', PASSWORD)).body.token;
    const own = await call<{ error: { code: string; message: string } }>(hub.url, 'PATCH', `/admin/users/${rosa.id}`, { token: rosaToken, body: { active: false } });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe(say('deactivateSelf'));
    expect((await call(hub.url, 'GET', '/admin/users', { token: rosaToken })).status).toBe(200);
    const byOther = await call<{ user: HubUser }>(hub.url, 'PATCH', `/admin/users/${rosa.id}`, { token: adminToken, body: { active: false } });
    expect(byOther.status).toBe(200);
    expect(byOther.body.user.active).toBe(false);
  });

  // Omar, one of two admins, made himself an agent and lost People at once.
  it('refuses an admin changing their own role away from admin, another admin there or not; another admin may', async () => {
    const lina = await makeUser(hub, { email: 'lina.admin@desk.test', role: 'admin' });
    const linaToken = (await signIn('lina.admin@desk.test', PASSWORD)).body.token;
    for (const role of ['agent', 'supervisor']) {
      const own = await call<{ error: { message: string } }>(hub.url, 'PATCH', `/admin/users/${lina.id}`, { token: linaToken, body: { role, segments: ['home'] } });
      expect(own.status).toBe(403);
      expect(own.body.error.message).toBe(say('demoteSelf'));
    }
    const kept = await call<{ user: HubUser }>(hub.url, 'PATCH', `/admin/users/${lina.id}`, { token: linaToken, body: { role: 'admin', name: 'Lina Admin' } });
    expect(kept.status).toBe(200);
    expect((await call(hub.url, 'GET', '/admin/users', { token: linaToken })).status).toBe(200);
    const byOther = await call<{ user: HubUser }>(hub.url, 'PATCH', `/admin/users/${lina.id}`, { token: adminToken, body: { role: 'supervisor' } });
    expect(byOther.status).toBe(200);
    expect(byOther.body.user.role).toBe('supervisor');
  });
});

// `npm run hub -- …` as a person runs it. Not spawnSync: a hub the test starts serves from
// this process, and a blocked loop resets its kept-alive connections.
const hubCli = (args: string[], env: Record<string, string>, input = '') =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/index.ts', ...args], { env: { ...process.env, TAGDESK_LANG: 'en', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
    child.stdin.end(input);
  });

describe('npm run hub -- create-admin', () => {
  it('makes the first admin, who can then sign in', async () => {
    const url = await pg.freshDatabase();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/hub/index.ts', 'create-admin', '--email', 'first@desk.test', '--password', 'first admin pass'], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Admin first@desk\.test created/);
    const other = await testHub(url);
    try {
      const signedIn = await call<{ user: HubUser }>(other.url, 'POST', '/auth/sign-in', { body: { email: 'first@desk.test', password: 'first admin pass' } });
      expect(signedIn.body.user.role).toBe('admin');
    } finally {
      await other.close();
    }
  });
});

describe('npm run hub -- reset-password (the only admin forgot theirs)', () => {
  it('sets a new password from the command line, ends the sessions and lifts the lock; create-admin again points to it', async () => {
    const url = await pg.freshDatabase();
    const env = { DATABASE_URL: url };
    expect((await hubCli(['create-admin', '--email', 'omar@desk.test', '--password', 'forgotten pass 1'], env)).status).toBe(0);
    const other = await testHub(url);
    try {
      const signInThere = (password: string) => call<{ token: string }>(other.url, 'POST', '/auth/sign-in', { body: { email: 'omar@desk.test', password } });
      const oldToken = (await signInThere('forgotten pass 1')).body.token;
      for (let i = 0; i < 5; i++) expect((await signInThere(`a guess ${i} wrong`)).status).toBe(401);
      expect((await signInThere('forgotten pass 1')).status).toBe(429);

      // Before: the one command a locked-out admin could try said only "There is already a user".
      const again = await hubCli(['create-admin', '--email', 'omar@desk.test', '--password', 'another pass 22'], env);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('There is already an account with the email omar@desk.test; no admin was created. If its password is forgotten, set a new one:\n  npm run hub -- reset-password --email omar@desk.test');

      const typo = await hubCli(['reset-password', '--email', 'omr@desk.test'], env, 'new password 1\nnew password 1\n');
      expect(typo.status).toBe(1);
      expect(typo.stderr).toContain("No account has the email omr@desk.test; no password was changed. The hub's admins: omar@desk.test.");

      // The new password typed twice (here through a pipe: both lines arrive at once).
      const reset = await hubCli(['reset-password', '--email', 'Omar@desk.test'], env, 'a new pass 123\na new pass 123\n');
      expect(reset.stderr).toBe('');
      expect(reset.status).toBe(0);
      expect(reset.stdout).toContain('New password set for omar@desk.test');
      // The old password still opens a desk that is offline (its kept verifier) until an online sign-in there: said.
      expect(reset.stdout).toContain('A desk that cannot reach the hub still accepts the old password, the one kept there, until omar next signs in at that desk while it reaches the hub.');
      expect(reset.stdout).not.toContain('a new pass 123');

      expect((await signInThere('forgotten pass 1')).status).toBe(401);
      expect((await signInThere('a new pass 123')).status).toBe(200);
      expect((await call(other.url, 'GET', '/auth/me', { token: oldToken })).status).toBe(401);
    } finally {
      await other.close();
    }
  }, 120_000);
});

// A centre's first day: the hub has just started and nobody has run create-admin yet. People at
// the desks were told only "Wrong email or password", and kept guessing.
describe('a hub with no accounts yet', () => {
  it('has the desk say so and who makes the first admin, until create-admin runs (nothing restarted)', async () => {
    const url = await pg.freshDatabase();
    const empty = await testHub(url);
    const desk = await openDesk({ dataDir: ':memory:', hubUrl: empty.url, clock: { now: () => clock } });
    try {
      const c = desk.connect(() => undefined);
      const trySignIn = (password: string) => c.call('session.signInWithPassword', { email: 'first@desk.test', password });
      // More tries than a lock allows: they are not counted, there being no account to guess.
      for (let i = 0; i < 6; i++) expect(await trySignIn('first admin pass')).toMatchObject({ ok: false, error: { code: 'unauthenticated', key: 'hubHasNoAccounts', message: say('hubHasNoAccounts') } });
      expect(say('hubHasNoAccounts')).toContain('npm run hub -- create-admin');
      // A desk that does not read the reason is told what it was before.
      expect((await call(empty.url, 'POST', '/auth/sign-in', { body: { email: 'first@desk.test', password: 'x' } })).body).toMatchObject({ error: { message: say('wrongPassword'), reason: 'noAccounts' } });

      expect((await hubCli(['create-admin', '--email', 'first@desk.test', '--password', 'first admin pass'], { DATABASE_URL: url })).status).toBe(0);
      expect(await trySignIn('a wrong guess')).toMatchObject({ ok: false, error: { code: 'unauthenticated', key: 'wrongPassword' } });
      expect(await c.call('session.signInWithPassword', { email: 'someone@desk.test', password: 'a guess' })).toMatchObject({ ok: false, error: { key: 'wrongPassword' } });
      expect(await trySignIn('first admin pass')).toMatchObject({ ok: true, result: { user: { role: 'admin' } } });
    } finally {
      desk.close();
      await empty.close();
    }
  }, 120_000);
});

describe('a desk joined to the hub (desk side of sign-in)', () => {
  it('signs in through the hub, keeps a verifier (never the password), and signs in offline with it', async () => {
    const created = await call<{ user: HubUser }>(hub.url, 'POST', '/admin/users', {
      token: adminToken,
      body: { email: 'tara@desk.test', name: 'Tara Lindqvist', role: 'specialist', tier: 3, segments: ['government'], password: 'tier three pass' },
    });
    const deskDb = await openDatabase(':memory:');
    const desk = new Sql(deskDb.sqlite, deskDb.kysely);
    let reachable = true;
    const link = hubLink({ db: desk, now: () => clock, fetch: (url, init) => (reachable ? fetch(url, init) : Promise.reject(new TypeError('fetch failed'))) });
    try {
      expect(link.status()).toEqual({ joined: false });
      await expect(link.signIn('tara@desk.test', 'tier three pass')).rejects.toThrow(/not joined to a hub/);
      const joined = await link.join(hub.url + '/');
      expect(joined).toMatchObject({ joined: true, url: hub.url });

      const online = await link.signIn('Tara@desk.test', 'tier three pass');
      expect(online).toMatchObject({ online: true, user: { id: created.body.user.id, role: 'specialist', tier: 3, segments: ['government'] } });
      const kept = deskDb.sqlite.prepare('select * from hub_accounts').all() as { verifier: string; token: string }[];
      expect(kept).toHaveLength(1);
      expect(kept[0]!.verifier).toMatch(/^\$argon2id\$/);
      expect(JSON.stringify(deskDb.sqlite.prepare('select * from hub_accounts, users').all())).not.toContain('tier three pass');
      expect(link.sessionToken(created.body.user.id)).toBe(kept[0]!.token);

      // The network drops: the same person signs in against the verifier; nobody else does.
      reachable = false;
      expect(await link.signIn('tara@desk.test', 'tier three pass')).toMatchObject({ online: false, user: { id: created.body.user.id } });
      // Not "wrong email or password": the person is told it was checked against the password
      // they last used here (a reset on the hub has not reached this desk), and what to do.
      await expect(link.signIn('tara@desk.test', 'a wrong guess')).rejects.toThrow(say('offlineWrongPassword'));
      await expect(link.signIn('ava@desk.test', PASSWORD)).rejects.toThrow(/not signed in at this desk before/);
      // Five more wrong guesses while the hub is away lock this account at this desk. The lock
      // said only "try again in a few minutes", beside the hub's lock that a reset lifts: Tara,
      // told by an admin her password was reset, kept trying. It says a reset does not lift it,
      // and that the hub answering again does (the sign-in goes to the hub then).
      for (let i = 0; i < 4; i++) await link.signIn('tara@desk.test', `wrong ${i}`).catch(() => undefined);
      const offlineLock = await link.signIn('tara@desk.test', 'tier three pass').catch((e: unknown) => e);
      // It said "try again in a few minutes" for a lock of 15: it counts them, as the hub's locks do.
      expect(offlineLock).toMatchObject({ code: 'refused', message: sayCount('offlineThrottled', 15) });
      expect(sayCount('offlineThrottled', 15)).toMatch(/try again in 15 minutes, or once the hub answers again/);
      expect(sayCount('offlineThrottled', 15)).toMatch(/password reset does not lift this lock/);
      clock += 14 * 60_000 + 1;
      expect(await link.signIn('tara@desk.test', 'tier three pass').catch((e: unknown) => e)).toMatchObject({ message: sayCount('offlineThrottled', 1) });
      expect(sayCount('offlineThrottled', 1)).toMatch(/try again in 1 minute,/);
      reachable = true;
      expect(await link.signIn('tara@desk.test', 'tier three pass')).toMatchObject({ online: true });
      // The hub let her in: the guesses made while it was away no longer lock her out here.
      reachable = false;
      expect(await link.signIn('tara@desk.test', 'tier three pass')).toMatchObject({ online: false });

      // An admin resets the password: once the hub is back, the old one stops working here too.
      reachable = true;
      await call(hub.url, 'POST', `/admin/users/${created.body.user.id}/password`, { token: adminToken, body: { password: 'a brand new pass' } });
      await expect(link.signIn('tara@desk.test', 'tier three pass')).rejects.toThrow(/Wrong email or password/);
      reachable = false;
      await expect(link.signIn('tara@desk.test', 'tier three pass')).rejects.toThrow(/not signed in at this desk before/);
    } finally {
      deskDb.close();
    }
  });
});

// Ava's desk reaches the hub through the centre's proxy, which answers the sign-in with a 404:
// her Persian window said "the ticket does not allow it now", the general refusal's words (a
// ticket's). A sign-in's refusal the desk has no words for is keyed as one.
describe('a sign-in the hub refuses in words the desk has no key for', () => {
  it('reaches the window keyed as a sign-in refusal, the hub’s words kept', async () => {
    const deskDb = await openDatabase(':memory:');
    const desk = new Sql(deskDb.sqlite, deskDb.kysely);
    let proxy: number | null = null;
    let peopleProxy: number | null = null;
    const link = hubLink({
      db: desk,
      now: () => clock,
      fetch: (url, init) => (peopleProxy && String(url).includes('/admin/users') ? Promise.resolve(new Response('Bad Gateway', { status: peopleProxy })) : proxy && String(url).endsWith('/auth/sign-in') ? Promise.resolve(new Response(proxy === 404 ? 'Not Found' : JSON.stringify({ error: { code: 'bad_request', message: 'No.' } }), { status: proxy })) : fetch(url, init)),
    });
    try {
      await link.join(hub.url);
      proxy = 404;
      const refused = await link.signIn('omar@desk.test', PASSWORD).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'refused', key: 'hubRefusedSignIn', message: say('hubRefusedSignIn', { status: 404 }) });
      proxy = 400;
      expect(await link.signIn('omar@desk.test', PASSWORD).catch((e: unknown) => e)).toMatchObject({ code: 'refused', key: 'hubRefusedSignIn', params: { status: 400 }, message: 'No.' });
      // A People call the hub (or its proxy) answers in words the desk has no key for said
      // "The hub answered 502." with no key: a Persian window said the general refusal, about a ticket.
      proxy = null;
      const omar = (await link.signIn('omar@desk.test', PASSWORD)).user;
      peopleProxy = 502;
      const people = await link.hubUsers.list(omar.id).catch((e: unknown) => e);
      expect(people).toMatchObject({ code: 'refused' });
      expect(messageDetail((people as Error).message)).toEqual({ key: 'hubAnswered', params: { status: 502 } });
      peopleProxy = null;
      // A refusal the desk knows by its words keeps its own key.
      for (let i = 0; i < 5; i++) await link.signIn('locked@desk.test', 'a guess').catch(() => undefined);
      const locked = await link.signIn('locked@desk.test', 'a guess').catch((e: unknown) => e);
      expect(locked).toMatchObject({ code: 'refused' });
      expect((locked as Error).message).toMatch(/^Too many failed sign-ins to this account/);
    } finally {
      deskDb.close();
    }
  });
});

describe('an admin at a desk joined to the hub', () => {
  it('signs in with email and password and manages the hub\'s people through the desk API', async () => {
    const desk = await openDesk({ dataDir: ':memory:', hubUrl: hub.url, clock: { now: () => clock } });
    try {
      const c = desk.connect(() => undefined);
      expect(await c.call('hub.status', {})).toMatchObject({ ok: true, result: { joined: true, url: hub.url } });
      // Picking a name from the list is refused with a key: a Persian window said only "you may
      // not do this"; it says to sign in with email and password.
      expect(await c.call('session.signIn', { userId: 'anyone' })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'pickOnJoinedDesk' } });
      // The hub's sentence reaches the window with its key, so a window in Persian says "wrong
      // email or password" rather than the code's general "sign in first".
      expect(await c.call('session.signInWithPassword', { email: 'omar@desk.test', password: 'wrong password' })).toMatchObject({ ok: false, error: { code: 'unauthenticated', key: 'wrongPassword' } });
      expect(await c.call('session.signInWithPassword', { email: 'omar@desk.test', password: PASSWORD })).toMatchObject({ ok: true, result: { user: { role: 'admin' } } });
      const created = await c.call('hubUsers.create', { email: 'new@desk.test', name: 'New Person', role: 'specialist', tier: 2, segments: ['home'], password: 'new person pass' });
      expect(created).toMatchObject({ ok: true, result: { email: 'new@desk.test', tier: 2 } });
      const id = (created as { result: { id: string } }).result.id;
      expect(await c.call('hubUsers.update', { id, active: false })).toMatchObject({ ok: true, result: { active: false } });
      // A password reset left no record: History said "A password reset is not listed". It is
      // now the hub's 'user' event (who reset whose password, and when; never the password).
      expect(await c.call('hubUsers.resetPassword', { id, password: 'a new secret 12' })).toMatchObject({ ok: true });
      const history = async () => ((await c.call('hubUsers.history', { id })) as { result: { changes: { type: string; by: string | null; changes: unknown[] }[] } }).result.changes;
      await expect.poll(async () => (await history())[0], { timeout: 15_000 }).toMatchObject({ type: 'USER_PASSWORD_RESET', by: 'omar', changes: [] });
      expect(JSON.stringify(await history())).not.toContain('a new secret 12');
      // The centre-wide "Changes to people": every account's, newest first, named.
      const changes = await c.call('hubUsers.changes', {});
      expect((changes as { result: { changes: unknown[] } }).result.changes.slice(0, 2)).toMatchObject([
        { type: 'USER_PASSWORD_RESET', by: 'omar', userId: id, name: 'New Person' },
        { type: 'USER_CHANGED', by: 'omar', userId: id, name: 'New Person', changes: [{ field: 'active', from: true, to: false }] },
      ]);
      expect(await c.call('hubUsers.create', { email: 'new@desk.test', name: 'Again', role: 'agent', tier: 1, segments: ['home'], password: 'another pass 1' })).toMatchObject({ ok: false, error: { code: 'conflict', key: 'emailTaken', params: { email: 'new@desk.test' } } });
      const list = await c.call('hubUsers.list', {});
      expect((list as { result: { email: string }[] }).result.map((u) => u.email)).toContain('new@desk.test');
      // Nor their own account off, saying why (the desk asks the same rule as the hub).
      const omar = (list as { result: { id: string; email: string }[] }).result.find((u) => u.email === 'omar@desk.test')!;
      expect(await c.call('hubUsers.update', { id: omar.id, active: false })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'deactivateSelf' } });
      expect(await c.call('hubUsers.update', { id: omar.id, role: 'supervisor' })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'demoteSelf' } });
      // An agent cannot, even through the desk.
      const other = desk.connect(() => undefined);
      await other.call('session.signInWithPassword', { email: 'ava@desk.test', password: PASSWORD });
      expect(await other.call('hubUsers.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // Nor read who changed an account (People's history is an admin's).
      expect(await other.call('hubUsers.history', { id })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'adminsOnly' } });
      expect(await other.call('hubUsers.changes', {})).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'adminsOnly' } });
    } finally {
      desk.close();
    }
  });
});
