import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Push } from '../shared/api';
import { Sql } from '../main/core/db/exec';
import { openDesk, type Desk } from '../main/core/desk';
import { hubLink } from '../main/core/hubLink';
import { presenceLink } from '../main/core/presence';
import type { Presence } from '../shared/syncApi';
import { uuidv7 } from '../main/core/ids';
import { PRESENCE_TTL_MS, type PresenceShown } from './presence';
import type { Hub } from './server';
import { call, event, hubWithPeople, PASSWORD, pushEvents, testHub, type HubWithPeople, type TestDesk } from './testing/hubFixture';

// Presence through the hub, against a real PostgreSQL: who else has a ticket open or is
// typing on it, told live to the desks that may see the ticket's segment (and to nobody
// else), asked for by any hub process on the same database, gone when a desk's socket closes
// or, for a desk that vanished without a word, once its entry expires.

let fixture: HubWithPeople<'ava' | 'sam' | 'hana' | 'grace', 'ava' | 'sam' | 'hana' | 'grace'>;
let hub: Hub;
let second: Hub;
/** How far this file's hubs run ahead of the wall clock (moved to let entries expire). */
let skew = 0;
const now = () => Date.now() + skew;
let agent: TestDesk;
let specialist: TestDesk;
let homeAgent: TestDesk;
let supervisor: TestDesk;

beforeAll(async () => {
  fixture = await hubWithPeople(
    {
      ava: { email: 'ava@desk.test', name: 'Ava', role: 'agent', segments: ['education'] },
      sam: { email: 'sam@desk.test', name: 'Sam', role: 'specialist', tier: 2, segments: ['education'] },
      hana: { email: 'hana@desk.test', name: 'Hana', role: 'agent', segments: ['home'] },
      grace: { email: 'grace@desk.test', name: 'Grace', role: 'supervisor' },
    },
    { hub: { now }, sessions: ['ava', 'sam', 'hana', 'grace'] },
  );
  ({ hub, sessions: { ava: agent, sam: specialist, hana: homeAgent, grace: supervisor } } = fixture);
  // A second hub process on the same database, as behind a load balancer.
  second = await testHub(fixture.databaseUrl, { now });
}, 60_000);

afterAll(async () => {
  await second?.close();
  await fixture?.close();
}, 60_000);

type Message = Record<string, unknown>;
interface LiveDesk {
  ws: WebSocket;
  messages: Message[];
  next(type: string, timeoutMs?: number): Promise<Message>;
  presence(ticketId: string, state: 'viewing' | 'typing' | 'left'): void;
}

/** A desk's live socket; presence news of other tickets (earlier tests closing theirs) is set aside. */
function connect(on: Hub, desk: TestDesk, ticketId: string): Promise<LiveDesk> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(on.url.replace('http', 'ws') + '/sync/live', { headers: { authorization: `Bearer ${desk.token}` } });
    const messages: Message[] = [];
    const waiters: { type: string; done: (m: Message) => void }[] = [];
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString()) as Message;
      if (m.type === 'presence' && m.ticketId !== ticketId) return;
      const w = waiters.findIndex((x) => x.type === m.type);
      if (w >= 0) waiters.splice(w, 1)[0]!.done(m);
      else messages.push(m);
    });
    const next = (type: string, timeoutMs = 5000) =>
      new Promise<Message>((done, fail) => {
        const i = messages.findIndex((m) => m.type === type);
        if (i >= 0) return done(messages.splice(i, 1)[0]!);
        const timer = setTimeout(() => fail(new Error(`no ${type} message`)), timeoutMs);
        waiters.push({ type, done: (m) => (clearTimeout(timer), done(m)) });
      });
    const presence = (ticketId: string, state: 'viewing' | 'typing' | 'left') => ws.send(JSON.stringify({ type: 'presence', ticketId, state }));
    ws.once('open', () => void next('hello').then(() => resolve({ ws, messages, next, presence })));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

async function educationTicket(): Promise<string> {
  const t = `T-${uuidv7()}`;
  const r = await pushEvents(hub, agent, [event(agent, t, 1, 'CREATED', { segment: 'education' })]);
  expect(r.body.results[0]?.status).toBe('accepted');
  return t;
}

const presenceOn = (on: Hub, desk: TestDesk, ticketId: string) => call<{ presence: PresenceShown[] }>(on.url, 'GET', `/presence?ticketId=${encodeURIComponent(ticketId)}`, { token: desk.token });
const settle = () => new Promise((r) => setTimeout(r, 250));

describe('presence', () => {
  it('tells the desks that may see the ticket who views it and who types, with role and tier, and nobody else', async () => {
    const t = await educationTicket();
    const ava = await connect(hub, agent, t);
    const hana = await connect(hub, homeAgent, t);
    const sam = await connect(hub, specialist, t);
    sam.presence(t, 'viewing');
    expect(await ava.next('presence')).toMatchObject({ ticketId: t, userId: specialist.user.id, name: 'Sam', role: 'specialist', tier: 2, deskId: specialist.deskId, state: 'viewing' });
    sam.presence(t, 'typing');
    expect(await ava.next('presence')).toMatchObject({ userId: specialist.user.id, state: 'typing' });

    const asked = await presenceOn(hub, agent, t);
    expect(asked.status).toBe(200);
    expect(asked.body.presence).toEqual([expect.objectContaining({ userId: specialist.user.id, name: 'Sam', tier: 2, state: 'typing' })]);
    // The asker is not told about themselves.
    expect((await presenceOn(hub, specialist, t)).body.presence).toEqual([]);

    // The home agent may not see education tickets: no news, and the question is refused.
    await settle();
    expect(hana.messages.filter((m) => m.type === 'presence')).toEqual([]);
    expect((await presenceOn(hub, homeAgent, t)).status).toBe(404);
    // Nor may they announce themselves on it.
    hana.presence(t, 'viewing');
    expect(await hana.next('error')).toMatchObject({ message: 'No such ticket in your segments.' });
    expect((await presenceOn(hub, agent, t)).body.presence.map((p) => p.userId)).toEqual([specialist.user.id]);
    for (const d of [ava, hana, sam]) d.ws.close();
  });

  it('tells a desk that connects later who is already on the ticket, as it arrives', async () => {
    const t = await educationTicket();
    const sam = await connect(hub, specialist, t);
    sam.presence(t, 'typing');
    await settle();
    // Ava's socket opens after Sam spoke: no notification of it can reach her. Saying she views
    // the ticket brings her the list, and Sam hears of her.
    const ava = await connect(hub, agent, t);
    ava.presence(t, 'viewing');
    expect(await ava.next('presence')).toMatchObject({ ticketId: t, userId: specialist.user.id, name: 'Sam', tier: 2, state: 'typing' });
    expect(await sam.next('presence')).toMatchObject({ ticketId: t, userId: agent.user.id, state: 'viewing' });
    // Only on arrival: a repeat or a change of her own state brings no list again.
    ava.presence(t, 'typing');
    ava.presence(t, 'viewing');
    expect(await sam.next('presence')).toMatchObject({ userId: agent.user.id, state: 'typing' });
    await settle();
    expect(ava.messages.filter((m) => m.type === 'presence')).toEqual([]);
    ava.ws.close();
    sam.ws.close();
  });

  it('says a repeated state only once, and "left" when the person leaves', async () => {
    const t = await educationTicket();
    const ava = await connect(hub, agent, t);
    const sam = await connect(hub, specialist, t);
    sam.presence(t, 'viewing');
    const first = await ava.next('presence');
    sam.presence(t, 'viewing');
    sam.presence(t, 'viewing');
    await settle();
    expect(ava.messages.filter((m) => m.type === 'presence')).toEqual([]);
    // Still viewing since the first word.
    expect((await presenceOn(hub, agent, t)).body.presence[0]?.since).toBe(first.since);
    sam.presence(t, 'left');
    expect(await ava.next('presence')).toMatchObject({ userId: specialist.user.id, state: 'left' });
    expect((await presenceOn(hub, agent, t)).body.presence).toEqual([]);
    ava.ws.close();
    sam.ws.close();
  });

  it('removes a desk whose live connection closes, at once', async () => {
    const t = await educationTicket();
    const ava = await connect(hub, agent, t);
    const sam = await connect(hub, specialist, t);
    sam.presence(t, 'typing');
    await ava.next('presence');
    sam.ws.close();
    expect(await ava.next('presence')).toMatchObject({ userId: specialist.user.id, state: 'left' });
    expect((await presenceOn(hub, agent, t)).body.presence).toEqual([]);
    ava.ws.close();
  });

  it('crosses hub processes: a desk on the other process hears it live and can ask either', async () => {
    const t = await educationTicket();
    const ava = await connect(second, agent, t);
    const grace = await connect(second, supervisor, t);
    const sam = await connect(hub, specialist, t);
    sam.presence(t, 'viewing');
    expect(await ava.next('presence')).toMatchObject({ userId: specialist.user.id, state: 'viewing' });
    expect(await grace.next('presence')).toMatchObject({ userId: specialist.user.id, state: 'viewing' });
    expect((await presenceOn(second, agent, t)).body.presence.map((p) => p.name)).toEqual(['Sam']);
    for (const d of [ava, grace, sam]) d.ws.close();
  });

  it('forgets a desk that stopped saying it is there, after the time to live', async () => {
    const t = await educationTicket();
    const sam = await connect(hub, specialist, t);
    sam.presence(t, 'viewing');
    await settle();
    expect((await presenceOn(hub, agent, t)).body.presence).toHaveLength(1);
    // The desk says nothing more (its network is gone; the hub has not noticed the socket).
    skew += PRESENCE_TTL_MS - 1000;
    expect((await presenceOn(second, agent, t)).body.presence).toHaveLength(1);
    skew += 2000;
    expect((await presenceOn(second, agent, t)).body.presence).toEqual([]);
    sam.ws.close();
  });

  it('refuses a question without a ticket id or without a session', async () => {
    const bad = await call<{ error: { message: string } }>(hub.url, 'GET', '/presence', { token: agent.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/ticketId/);
    expect((await call(hub.url, 'GET', '/presence?ticketId=T-1')).status).toBe(401);
  });
});

describe('presence at a desk joined to the hub (the desk API a window calls)', () => {
  let desk: Desk;
  beforeAll(async () => {
    // The demo's tickets to be present on, at a desk pointed at the hub as one was before a
    // desk of demo data was refused a hub (presence asks the hub; nothing here syncs).
    desk = await openDesk({ dataDir: ':memory:', demo: true, demoCustomers: 20 });
    hubLink({ db: new Sql(desk.db.sqlite, desk.db.kysely), now: Date.now }).keepAddress(hub.url);
  }, 60_000);
  afterAll(() => desk?.close());

  /** A window at the desk, signed in through the hub, keeping what is pushed to it. */
  async function window(email: string) {
    const pushes: Push[] = [];
    const c = desk.connect((p) => pushes.push(p));
    expect(await c.call('session.signInWithPassword', { email, password: PASSWORD })).toMatchObject({ ok: true });
    const presence = () => pushes.filter((p) => p.event === 'presence.changed').map((p) => p.payload as Record<string, unknown>);
    return { c, pushes, presence };
  }
  async function until<T>(what: () => T | undefined, ms = 5000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = what();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it("shows the specialist's viewing and typing on the agent's window, and their leaving", async () => {
    // A ticket of the education segment, on this desk and (as the sync engine would put it) on the hub.
    const row = desk.db.sqlite.prepare(`select id from tickets where segment = 'education' limit 1`).get() as { id: string };
    await hub.db.insertInto('tickets').values({ id: row.id, seq: 1, segment: 'education', state: '{}' }).execute();
    const ava = await window('ava@desk.test');
    const sam = await window('sam@desk.test');
    // A window at the same desk of someone who does not work the education segment.
    const hana = await window('hana@desk.test');
    expect(await ava.c.call('presence.set', { ticketId: row.id, state: 'viewing' })).toEqual({ ok: true, result: null });
    expect(await sam.c.call('presence.set', { ticketId: row.id, state: 'viewing' })).toEqual({ ok: true, result: null });
    const seen = await until(() => ava.presence().find((p) => p.userId === specialist.user.id));
    expect(seen).toMatchObject({ ticketId: row.id, name: 'Sam', role: 'specialist', tier: 2, state: 'viewing' });
    expect(await ava.c.call('presence.of', { ticketId: row.id })).toMatchObject({ ok: true, result: [{ userId: specialist.user.id, name: 'Sam', tier: 2, state: 'viewing' }] });

    await sam.c.call('presence.set', { ticketId: row.id, state: 'typing' });
    await until(() => ava.presence().find((p) => p.userId === specialist.user.id && p.state === 'typing'));
    await sam.c.call('presence.set', { ticketId: row.id, state: 'left' });
    await until(() => ava.presence().find((p) => p.userId === specialist.user.id && p.state === 'left'));
    expect(await ava.c.call('presence.of', { ticketId: row.id })).toEqual({ ok: true, result: [] });
    // Sam's window heard Ava; Hana's heard nobody.
    expect(sam.presence().map((p) => p.userId)).toContain(agent.user.id);
    expect(hana.presence()).toEqual([]);
    await ava.c.call('presence.set', { ticketId: row.id, state: 'left' });
  });

  it('a person who signs out (or hands the window to a colleague) leaves the ticket at once', async () => {
    const row = desk.db.sqlite.prepare(`select id from tickets where segment = 'education' limit 1 offset 2`).get() as { id: string };
    await hub.db.insertInto('tickets').values({ id: row.id, seq: 1, segment: 'education', state: '{}' }).execute();
    const ava = await window('ava@desk.test');
    const sam = await window('sam@desk.test');
    await sam.c.call('presence.set', { ticketId: row.id, state: 'viewing' });
    await ava.c.call('presence.set', { ticketId: row.id, state: 'viewing' });
    await until(() => ava.presence().find((p) => p.userId === specialist.user.id && p.ticketId === row.id));
    await sam.c.call('session.signOut', {});
    await until(() => ava.presence().find((p) => p.userId === specialist.user.id && p.ticketId === row.id && p.state === 'left'), 2000);
    expect(await ava.c.call('presence.of', { ticketId: row.id })).toEqual({ ok: true, result: [] });
    await ava.c.call('presence.set', { ticketId: row.id, state: 'left' });
  });

  it('lets a person go from the window once the hub no longer lists them (their desk vanished without a word)', async () => {
    const row = desk.db.sqlite.prepare(`select id from tickets where segment = 'education' limit 1 offset 1`).get() as { id: string };
    await hub.db.insertInto('tickets').values({ id: row.id, seq: 1, segment: 'education', state: '{}' }).execute();
    await window('ava@desk.test');
    const heard: Presence[] = [];
    // The desk's presence link as openDesk builds it, asking the hub again every 200 ms.
    const link = presenceLink({ hub: hubLink({ db: new Sql(desk.db.sqlite, desk.db.kysely), now: Date.now }), onChange: (p) => heard.push(p), refreshMs: 200 });
    try {
      link.set(agent.user.id, row.id, 'viewing');
      const sam = await connect(hub, specialist, row.id);
      await until(() => (sam.ws.readyState === WebSocket.OPEN ? true : undefined));
      // Sam's desk says it is there once, then its network goes: its socket stays open on the hub.
      await new Promise((r) => setTimeout(r, 300));
      sam.presence(row.id, 'viewing');
      await until(() => heard.find((p) => p.userId === specialist.user.id && p.state === 'viewing'));
      skew += PRESENCE_TTL_MS + 1000;
      const left = await until(() => heard.find((p) => p.userId === specialist.user.id && p.state === 'left'));
      expect(left.ticketId).toBe(row.id);
      expect(await link.of(agent.user.id, row.id)).toEqual([]);
      sam.ws.close();
    } finally {
      link.close();
    }
  });

  it('refuses presence on a ticket outside the person\'s segments, and on one that does not exist', async () => {
    const row = desk.db.sqlite.prepare(`select id from tickets where segment = 'education' limit 1`).get() as { id: string };
    const hana = await window('hana@desk.test');
    expect(await hana.c.call('presence.of', { ticketId: row.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await hana.c.call('presence.set', { ticketId: row.id, state: 'viewing' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await hana.c.call('presence.of', { ticketId: 'T-none' })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'That ticket does not exist.' } });
  });

  it('is empty on a desk that works alone', async () => {
    const alone = await openDesk({ dataDir: ':memory:', demo: true, demoCustomers: 5 });
    try {
      const c = alone.connect(() => undefined);
      const users = await c.call('session.users', {});
      const ava = (users.ok ? (users.result as { id: string; role: string }[]) : []).find((u) => u.role === 'agent')!;
      await c.call('session.signIn', { userId: ava.id });
      const row = alone.db.sqlite.prepare(`select id from tickets limit 1`).get() as { id: string };
      expect(await c.call('presence.set', { ticketId: row.id, state: 'viewing' })).toEqual({ ok: true, result: null });
      expect(await c.call('presence.of', { ticketId: row.id })).toEqual({ ok: true, result: [] });
    } finally {
      alone.close();
    }
  }, 30_000);
});
