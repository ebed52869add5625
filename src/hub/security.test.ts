import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import WebSocket from 'ws';
import { uuidv7 } from '../main/core/ids';
import type { Hub } from './server';
import { call, event, hubWithPeople, PASSWORD, pushEvents, signInDesk, type HubWithPeople, type TestDesk } from './testing/hubFixture';

// The security battery: what a broken or tampered desk (or anyone on the network) can send.
// Each attempt gets a clear error, and the hub's log, projection and head are unchanged.

let fixture: HubWithPeople<'ava' | 'ben' | 'sam' | 'grace', 'ava' | 'ben' | 'sam'>;
let hub: Hub;
let clock = Date.now();
let agent: TestDesk;
let other: TestDesk;
let specialist: TestDesk;
let ticket: string;

beforeAll(async () => {
  fixture = await hubWithPeople(
    {
      ava: { email: 'ava@desk.test', role: 'agent', segments: ['education'] },
      ben: { email: 'ben@desk.test', role: 'agent', segments: ['education'] },
      sam: { email: 'sam@desk.test', role: 'specialist', tier: 2, segments: ['education'] },
      grace: { email: 'grace@desk.test', role: 'supervisor' },
    },
    { hub: { now: () => clock, bodyLimit: 64 * 1024, sessionTtlMs: 60 * 60_000 }, sessions: ['ava', 'ben', 'sam'] },
  );
  ({ hub, sessions: { ava: agent, ben: other, sam: specialist } } = fixture);
  ticket = `T-${uuidv7()}`;
  const r = await pushEvents(hub, agent, [event(agent, ticket, 1, 'CREATED', { segment: 'education' })]);
  expect(r.body.results[0]!.status).toBe('accepted');
}, 60_000);

// Stopping PostgreSQL ends with a checkpoint that fsyncs: seconds on a busy machine.
afterAll(() => fixture?.close(), 60_000);

/** Everything a desk could observe of the hub's truth. */
async function truth(): Promise<string> {
  const events = await sql<{ v: string }>`select coalesce(string_agg(id::text || ':' || seq, ',' order by seq), '') as v from events`.execute(hub.db);
  const tickets = await sql<{ v: string }>`select coalesce(string_agg(id || ':' || state::text, ',' order by id), '') as v from tickets`.execute(hub.db);
  const head = await hub.db.selectFrom('log_head').select('seq').executeTakeFirstOrThrow();
  const users = await sql<{ v: string }>`select string_agg(email || role || tier || segments::text || active, ',' order by email) as v from users`.execute(hub.db);
  return JSON.stringify([events.rows[0]!.v, tickets.rows[0]!.v, head.seq, users.rows[0]!.v]);
}

let before: string;
beforeEach(async () => {
  before = await truth();
});
const unchanged = async () => expect(await truth()).toBe(before);

describe('what cannot be parsed', () => {
  it('malformed JSON', async () => {
    for (const path of ['/auth/sign-in', '/sync/push', '/admin/users']) {
      const r = await call(hub.url, 'POST', path, { raw: '{"deskId": "x", "events": [', token: agent.token });
      expect(r.status, path).toBe(path === '/admin/users' ? 403 : 400);
    }
    const r = await call(hub.url, 'POST', '/sync/push', { raw: '{"deskId": ', token: agent.token });
    expect(r.body).toEqual({ error: { code: 'bad_request', message: 'The request body is not valid JSON.' } });
    await unchanged();
  });

  it('a body that is not declared as JSON (what a page elsewhere could send without asking)', async () => {
    const res = await fetch(`${hub.url}/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ email: 'ava@desk.test', password: 'guess' }) });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    await unchanged();
  });

  it('an oversized body', async () => {
    const huge = { deskId: agent.deskId, events: [{ deskSeq: agent.seq + 1, event: event(agent, ticket, 2, 'ADD_NOTE', { note: 'x'.repeat(200_000) }) }] };
    const r = await call(hub.url, 'POST', '/sync/push', { body: huge, token: agent.token });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ error: { code: 'too_large' } });
    await unchanged();
  });

  it('the wrong shape: unknown fields, an unknown ticket event, a bad payload, a bad event id, too many events', async () => {
    const e = event(agent, ticket, 2, 'TAKE');
    const shapes = [
      { deskId: agent.deskId, admin: true, events: [{ deskSeq: agent.seq + 1, event: e }] },
      { deskId: agent.deskId, events: [{ deskSeq: agent.seq + 1, event: { ...e, type: 'DELETE_EVERYTHING' } }] },
      { deskId: agent.deskId, events: [{ deskSeq: agent.seq + 1, event: { ...e, type: 'ESCALATE', payload: { reason: 42 } } }] },
      { deskId: agent.deskId, events: [{ deskSeq: agent.seq + 1, event: { ...e, id: 'not-a-uuid' } }] },
      { deskId: agent.deskId, events: Array.from({ length: 1001 }, (_, i) => ({ deskSeq: agent.seq + 1 + i, event: e })) },
      { deskId: agent.deskId, events: [] },
      [],
      'push',
    ];
    for (const body of shapes) {
      const r = await call<{ error: { message: string } }>(hub.url, 'POST', '/sync/push', { body, token: agent.token });
      expect([400, 413]).toContain(r.status);
      expect(r.body.error.message.length).toBeGreaterThan(10);
    }
    await unchanged();
  });
});

describe('SQL injection', () => {
  const nasty = ["' or 1=1 --", "x'); drop table events; --", '1; delete from users', "'; update users set role='admin' --"];

  it('in sign-in, pull, admin paths and event fields: parameters, never SQL', async () => {
    for (const s of nasty) {
      expect((await call(hub.url, 'POST', '/auth/sign-in', { body: { email: s, password: s } })).status).toBe(401);
      expect((await call(hub.url, 'GET', `/sync/pull?after=${encodeURIComponent(s)}`, { token: agent.token })).status).toBe(400);
      expect((await call(hub.url, 'GET', `/sync/pull?after=0&limit=10`, { token: agent.token })).status).toBe(200);
      const grace = (await call<{ token: string }>(hub.url, 'POST', '/auth/sign-in', { body: { email: 'grace@desk.test', password: PASSWORD } })).body.token;
      expect((await call(hub.url, 'PATCH', `/admin/users/${encodeURIComponent(s)}`, { token: grace, body: { role: 'admin' } })).status).toBe(403);
    }
    const sneaky = await pushEvents(hub, agent, [event(agent, nasty[1]!, 1, 'CREATED', { segment: "education'; drop table tickets; --" })]);
    expect(sneaky.status).toBe(400);
    expect((sneaky.body as unknown as { error: { message: string } }).error.message).toMatch(/expected one of "education"/);
    const noted = await pushEvents(hub, agent, [event(agent, nasty[0]!, 1, nasty[2]!, { segment: 'education' })]);
    expect(noted.status).toBe(400);
    // A ticket id that is SQL is only a string: the event is judged and stored as any other.
    const named = await pushEvents(hub, agent, [event(agent, nasty[3]!, 1, 'CREATED', { segment: 'education' })]);
    expect(named.body.results[0]!.status).toBe('accepted');
    before = await truth();
    await unchanged();
  });
});

describe('forged and overreaching events', () => {
  it('an event in another person\'s name', async () => {
    const forged = { ...event(agent, ticket, 2, 'TAKE'), actor: { id: other.user.id, role: 'agent' as const, tier: 1 as const, segments: ['education' as const] } };
    const r = await call<{ error: { code: string; message: string } }>(hub.url, 'POST', '/sync/push', { token: agent.token, body: { deskId: agent.deskId, events: [{ deskSeq: agent.seq + 1, event: forged }] } });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/someone other than the signed-in user/);
    await unchanged();
  });

  it('an agent who claims to be a supervisor is judged as the agent the hub knows', async () => {
    const claimed = { ...event(agent, ticket, 2, 'CHANGE_PRIORITY', { priority: 'urgent' }), actor: { id: agent.user.id, role: 'supervisor' as const, tier: 3 as const, segments: ['education' as const] } };
    const r = await pushEvents(hub, agent, [claimed]);
    expect(r.body.results[0]).toMatchObject({ status: 'refused', reason: 'Only a supervisor can do that.' });
    await unchanged();
  });

  it('events beyond the sender\'s segment or tier', async () => {
    const outside = await pushEvents(hub, agent, [event(agent, `T-${uuidv7()}`, 1, 'CREATED', { segment: 'government' })]);
    expect(outside.body.results[0]!.reason).toMatch(/segment you do not work/);
    const wrongTier = await pushEvents(hub, specialist, [event(specialist, ticket, 2, 'TAKE')]);
    expect(wrongTier.body.results[0]!.reason).toMatch(/tier 1\); you work at tier 2/);
    await unchanged();
  });

  it('a push for a desk the session was not opened on', async () => {
    const e = event(agent, ticket, 2, 'TAKE');
    const r = await call(hub.url, 'POST', '/sync/push', { token: agent.token, body: { deskId: other.deskId, events: [{ deskSeq: 1, event: { ...e, deskId: other.deskId } }] } });
    expect(r.status).toBe(403);
    await unchanged();
  });
});

describe('replayed and reordered events', () => {
  it('a replayed push, and a replayed event under a new desk seq, apply nothing', async () => {
    const t = `T-${uuidv7()}`;
    const e = event(agent, t, 1, 'CREATED', { segment: 'education' });
    const deskSeq = agent.seq + 1;
    const body = { deskId: agent.deskId, events: [{ deskSeq, event: e }] };
    await call(hub.url, 'POST', '/sync/push', { token: agent.token, body });
    agent.seq = deskSeq;
    before = await truth();
    const replay = await call<{ results: { status: string }[] }>(hub.url, 'POST', '/sync/push', { token: agent.token, body });
    expect(replay.body.results[0]!.status).toBe('duplicate');
    const underNewSeq = await pushEvents(hub, agent, [e]);
    expect(underNewSeq.body.results[0]!.status).toBe('duplicate');
    await unchanged();
  });

  it('a gap in desk seqs is refused whole, and says where to push from', async () => {
    const r = await call<{ error: { code: string; lastDeskSeq: number } }>(hub.url, 'POST', '/sync/push', {
      token: agent.token,
      body: { deskId: agent.deskId, events: [{ deskSeq: agent.seq + 3, event: event(agent, ticket, 2, 'TAKE') }] },
    });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'conflict', lastDeskSeq: agent.seq });
    const shuffled = await call(hub.url, 'POST', '/sync/push', {
      token: agent.token,
      body: { deskId: agent.deskId, events: [{ deskSeq: agent.seq + 2, event: event(agent, ticket, 3, 'RESOLVE', { code: 'fixed_remotely', note: 'Driver rolled back.' }) }, { deskSeq: agent.seq + 1, event: event(agent, ticket, 2, 'TAKE') }] },
    });
    expect(shuffled.status).toBe(400);
    await unchanged();
  });

  it('a ticket\'s events out of their order are refused', async () => {
    const r = await pushEvents(hub, agent, [event(agent, ticket, 3, 'RESOLVE', { code: 'fixed_remotely', note: 'Driver rolled back.' }), event(agent, ticket, 1, 'CREATED', { segment: 'education' })]);
    expect(r.body.results.map((x) => x.status)).toEqual(['refused', 'refused']);
    await unchanged();
  });
});

describe('sessions', () => {
  it('a revoked session can neither push, pull nor listen', async () => {
    const desk = await signInDesk(hub, other.user);
    await call(hub.url, 'POST', '/auth/sign-out', { token: desk.token });
    before = await truth();
    expect((await pushEvents(hub, desk, [event(desk, ticket, 2, 'TAKE')])).status).toBe(401);
    expect((await call(hub.url, 'GET', '/sync/pull', { token: desk.token })).status).toBe(401);
    const ws = new WebSocket(hub.url.replace('http', 'ws') + '/sync/live', { headers: { authorization: `Bearer ${desk.token}` } });
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => undefined);
    });
    expect(status).toBe(401);
    await unchanged();
  });

  it('an expired session', async () => {
    const desk = await signInDesk(hub, other.user);
    clock += 2 * 60 * 60_000;
    before = await truth();
    const r = await pushEvents(hub, desk, [event(desk, ticket, 2, 'TAKE')]);
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ error: { code: 'unauthorized' } });
    await unchanged();
  });

  it('no session at all, or a made-up token', async () => {
    for (const token of [undefined, 'x'.repeat(43), 'Bearer', "' or 1=1 --"]) {
      expect((await call(hub.url, 'GET', '/sync/snapshot', token ? { token } : {})).status).toBe(401);
    }
    await unchanged();
  });
});
