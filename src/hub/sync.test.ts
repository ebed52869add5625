import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { uuidv7 } from '../main/core/ids';
import { say } from '../shared/messageKeys';
import { slaPolicySchema } from '../shared/sla/slaClock';
import { DESK_MACHINE_VERSION, DESK_VERSION_HEADER, systemEventId } from '../shared/ticketLog';
import type { Envelope } from './envelope';
import type { Hub } from './server';
import { call, event, hubWithPeople, makeUser, pushEvents, signInDesk, testHub, type HubWithPeople, type TestDesk } from './testing/hubFixture';

// The hub's side of sync against a real PostgreSQL: push, refusals, idempotence, the global
// order, pull, snapshot, live fan-out and presence.

let fixture: HubWithPeople<'ava' | 'sam' | 'grace' | 'hana', 'ava' | 'sam' | 'grace' | 'hana'>;
let hub: Hub;
let agent: TestDesk;
let specialist: TestDesk;
let supervisor: TestDesk;
let homeAgent: TestDesk;

beforeAll(async () => {
  fixture = await hubWithPeople(
    {
      ava: { email: 'ava@desk.test', role: 'agent', segments: ['education', 'government'] },
      sam: { email: 'sam@desk.test', role: 'specialist', tier: 2, segments: ['education'] },
      grace: { email: 'grace@desk.test', role: 'supervisor' },
      hana: { email: 'hana@desk.test', role: 'agent', segments: ['home'] },
    },
    { sessions: ['ava', 'sam', 'grace', 'hana'] },
  );
  ({ hub, sessions: { ava: agent, sam: specialist, grace: supervisor, hana: homeAgent } } = fixture);
}, 60_000);

// Stopping PostgreSQL ends with a checkpoint that fsyncs: seconds on a busy machine.
afterAll(() => fixture?.close(), 60_000);

const newTicket = () => `T-${uuidv7()}`;

async function eventCount(): Promise<number> {
  const r = await hub.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('push', () => {
  it('accepts an agent creating, taking and escalating a ticket, with consecutive global seqs', async () => {
    const t = newTicket();
    const r = await pushEvents(hub, agent, [event(agent, t, 1, 'CREATED', { segment: 'education' }), event(agent, t, 2, 'TAKE'), event(agent, t, 3, 'ESCALATE', { reason: 'needs_specialist_skill', note: 'Fan replaced, still loud: needs a board swap.' })]);
    expect(r.status).toBe(200);
    expect(r.body.results.map((x) => x.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const seqs = r.body.results.map((x) => x.globalSeq!);
    expect(seqs[1]).toBe(seqs[0]! + 1);
    expect(seqs[2]).toBe(seqs[0]! + 2);
    expect(r.body.lastDeskSeq).toBe(agent.seq);
    const ticket = await hub.db.selectFrom('tickets').selectAll().where('id', '=', t).executeTakeFirstOrThrow();
    expect(ticket.state).toMatchObject({ seq: 3, position: { context: { tier: 2, assigneeId: null } } });
  });

  it('answers a retried push from its record, applying nothing twice', async () => {
    const t = newTicket();
    const events = [event(agent, t, 1, 'CREATED', { segment: 'education' }), event(agent, t, 2, 'TAKE')];
    const body = { deskId: agent.deskId, events: events.map((e, i) => ({ deskSeq: agent.seq + 1 + i, event: e })) };
    agent.seq += 2;
    const first = await call<{ results: { status: string }[] }>(hub.url, 'POST', '/sync/push', { body, token: agent.token });
    const before = await eventCount();
    const again = await call<{ results: { status: string }[]; lastDeskSeq: number }>(hub.url, 'POST', '/sync/push', { body, token: agent.token });
    expect(first.body.results.map((x) => x.status)).toEqual(['accepted', 'accepted']);
    expect(again.status).toBe(200);
    expect(again.body.results.map((x) => x.status)).toEqual(['duplicate', 'duplicate']);
    expect(await eventCount()).toBe(before);
  });

  it('answers 409 with its count when a desk numbers a new event at a seq it has processed (a desk restored from a backup)', async () => {
    const t = newTicket();
    await pushEvents(hub, agent, [event(agent, t, 1, 'CREATED', { segment: 'education' })]);
    // The desk's count went back by one: its next event carries the seq of the one above.
    const taken = event(agent, t, 2, 'TAKE');
    const behind = await call<{ error: { lastDeskSeq: number; message: string } }>(hub.url, 'POST', '/sync/push', { body: { deskId: agent.deskId, events: [{ deskSeq: agent.seq, event: taken }] }, token: agent.token });
    expect(behind.status).toBe(409);
    expect(behind.body.error.lastDeskSeq).toBe(agent.seq);
    expect(behind.body.error.message).toMatch(/restored from a backup/);
    // Numbered after the hub's count, it goes in.
    const after = await call<{ results: { status: string }[] }>(hub.url, 'POST', '/sync/push', { body: { deskId: agent.deskId, events: [{ deskSeq: agent.seq + 1, event: taken }] }, token: agent.token });
    agent.seq += 1;
    expect(after.body.results.map((x) => x.status)).toEqual(['accepted']);
  });

  it('refuses an event that no longer applies, tells its author why, and lets the queue behind it through', async () => {
    const t = newTicket();
    await pushEvents(hub, agent, [event(agent, t, 1, 'CREATED', { segment: 'education' })]);
    // Two agents take the same ticket offline: the first to reach the hub wins.
    const other = await signInDesk(hub, await makeUser(hub, { email: 'ben@desk.test', role: 'agent', segments: ['education'] }));
    const won = await pushEvents(hub, other, [event(other, t, 2, 'TAKE')]);
    const lost = await pushEvents(hub, agent, [event(agent, t, 2, 'TAKE'), event(agent, newTicket(), 1, 'CREATED', { segment: 'government' })]);
    expect(won.body.results[0]!.status).toBe('accepted');
    expect(lost.body.results[0]).toMatchObject({ status: 'refused' });
    // Told in the ticket's terms: the other take came first (not only that the ticket moved on).
    expect(lost.body.results[0]!.reason).toBe('Someone is already working this ticket.');
    expect(lost.body.results[1]!.status).toBe('accepted');
    expect(lost.body.lastDeskSeq).toBe(agent.seq);
    const pulled = await call<{ refusals: { eventId: string; reason: string }[] }>(hub.url, 'GET', '/sync/pull?after=0', { token: agent.token });
    expect(pulled.body.refusals.map((r) => r.eventId)).toContain(lost.body.results[0]!.id);
    // The refusal is final: pushing it again changes nothing.
    const ticket = await hub.db.selectFrom('tickets').select('state').where('id', '=', t).executeTakeFirstOrThrow();
    expect(ticket.state).toMatchObject({ position: { context: { assigneeId: other.user.id } } });
  });

  it('hands out global seqs without gaps or repeats when many desks push at once', async () => {
    const desks = await Promise.all(Array.from({ length: 8 }, (_, i) => makeUser(hub, { email: `many${i}@desk.test`, role: 'agent', segments: ['education'] }).then((u) => signInDesk(hub, u))));
    const before = await hub.db.selectFrom('log_head').select('seq').executeTakeFirstOrThrow();
    const rounds = await Promise.all(
      desks.map(async (d) => {
        const out: number[] = [];
        for (let round = 0; round < 5; round++) {
          const events = Array.from({ length: 10 }, () => event(d, newTicket(), 1, 'CREATED', { segment: 'education' }));
          const r = await pushEvents(hub, d, events);
          out.push(...r.body.results.map((x) => x.globalSeq!));
        }
        return out;
      }),
    );
    const all = rounds.flat().sort((a, b) => a - b);
    expect(all).toHaveLength(400);
    expect(all[0]).toBe(before.seq + 1);
    expect(all[all.length - 1]).toBe(before.seq + 400);
    expect(new Set(all).size).toBe(400);
  });
});

describe('ticket numbers', () => {
  const numberOf = async (ticketId: string) => (await hub.db.selectFrom('tickets').select('number').where('id', '=', ticketId).executeTakeFirstOrThrow()).number;
  const opening = (d: TestDesk, number: number) => event(d, newTicket(), 1, 'CREATED', { segment: 'education', number });

  it('gives each number once when many desks open tickets under the same numbers at once, none waiting for ever', async () => {
    const desks = await Promise.all(Array.from({ length: 6 }, (_, i) => makeUser(hub, { email: `numbers${i}@desk.test`, role: 'agent', segments: ['education'] }).then((u) => signInDesk(hub, u))));
    const top = (await hub.db.selectFrom('ticket_numbers').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst())?.n ?? 0;
    // Every desk gives the same ten next numbers, each starting at its own, one of them twice in one push.
    const asked = Array.from({ length: 10 }, (_, i) => top + 1 + i);
    const pushes = await Promise.all(
      desks.map(async (d, k) => {
        const out: { ticketId: string; asked: number; status: string; globalSeq?: number }[] = [];
        for (let round = 0; round < 3; round++) {
          const order = [...asked.map((_, i) => asked[(i + 3 * k + round) % asked.length]!), asked[(k + round) % asked.length]!];
          const events = order.map((n) => opening(d, n));
          const r = await pushEvents(hub, d, events);
          expect(r.status).toBe(200);
          r.body.results.forEach((x, i) => out.push({ ticketId: events[i]!.entityId, asked: order[i]!, status: x.status, globalSeq: x.globalSeq }));
        }
        return out;
      }),
    );
    const all = pushes.flat();
    expect(all.map((x) => x.status)).toEqual(all.map(() => 'accepted'));
    const rows = await hub.db.selectFrom('tickets').select(['id', 'number', 'state']).where('id', 'in', all.map((x) => x.ticketId)).execute();
    expect(rows).toHaveLength(all.length);
    const numbers = rows.map((r) => r.number);
    expect(new Set(numbers).size).toBe(all.length);
    // Each number asked is kept by the first ticket accepted under it; the others took numbers above every one asked.
    for (const n of asked) {
      const askedIt = all.filter((x) => x.asked === n).sort((a, b) => a.globalSeq! - b.globalSeq!);
      expect(await numberOf(askedIt[0]!.ticketId)).toBe(n);
      for (const later of askedIt.slice(1)) expect(await numberOf(later.ticketId)).toBeGreaterThan(top + asked.length);
    }
    // The state and the log's creation say the number the ticket has; one claim a ticket.
    for (const r of rows) expect((r.state as { head: { number: number } }).head.number).toBe(r.number);
    const created = await hub.db.selectFrom('events').select(['ticket_id', 'envelope']).where('type', '=', 'CREATED').where('ticket_id', 'in', all.map((x) => x.ticketId)).execute();
    const byId = new Map(rows.map((r) => [r.id, r.number]));
    for (const c of created) expect((c.envelope as { payload: { number: number } }).payload.number).toBe(byId.get(c.ticket_id));
    const claims = await hub.db.selectFrom('ticket_numbers').selectAll().where('ticket_id', 'in', all.map((x) => x.ticketId)).execute();
    expect(new Map(claims.map((c) => [c.ticket_id, c.number]))).toEqual(byId);
  }, 60_000);

  it('a push waits only for a push giving the same number: it keeps the number if that one is withdrawn, and takes the next free one if it is written', async () => {
    const top = (await hub.db.selectFrom('ticket_numbers').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst())?.n ?? 0;
    const [held, other] = [top + 1, top + 2];
    const other2 = await signInDesk(hub, await makeUser(hub, { email: 'numbers-wait@desk.test', role: 'agent', segments: ['education'] }));
    const settled = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
    for (const outcome of ['withdrawn', 'written'] as const) {
      const number = outcome === 'withdrawn' ? held : held + 10;
      // Another push has given `number` and is not yet committed.
      let release: (commit: boolean) => void = () => undefined;
      const gate = new Promise<boolean>((r) => (release = r));
      const holding = hub.db
        .transaction()
        .execute(async (tx) => {
          await tx.insertInto('ticket_numbers').values({ number, ticket_id: `held-${outcome}` }).execute();
          if (!(await gate)) throw new Error('withdrawn');
        })
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      // A push giving another number goes through at once.
      const free = opening(agent, other + (outcome === 'withdrawn' ? 0 : 10));
      expect(await settled(pushEvents(hub, agent, [free]), 10_000)).toBe(true);
      expect(await numberOf(free.entityId)).toBe(free.payload.number);
      // One giving the held number waits for that push to end.
      const same = opening(other2, number);
      const waiting = pushEvents(hub, other2, [same]);
      expect(await settled(waiting, 1500)).toBe(false);
      release(outcome === 'written');
      await holding;
      expect((await waiting).body.results.map((x) => x.status)).toEqual(['accepted']);
      if (outcome === 'withdrawn') expect(await numberOf(same.entityId)).toBe(number);
      else expect(await numberOf(same.entityId)).toBeGreaterThan(number);
    }
  }, 60_000);

  it('frees the number of a ticket whose creation is refused, and answers a creation pushed again under the number it was given', async () => {
    const top = (await hub.db.selectFrom('ticket_numbers').select((eb) => eb.fn.max('number').as('n')).executeTakeFirst())?.n ?? 0;
    // Hana may not open an education ticket: refused, and her number stays free.
    const refused = await pushEvents(hub, homeAgent, [opening(homeAgent, top + 1)]);
    expect(refused.body.results.map((x) => x.status)).toEqual(['refused']);
    const taken = opening(agent, top + 1);
    expect((await pushEvents(hub, agent, [taken])).body.results.map((x) => x.status)).toEqual(['accepted']);
    expect(await numberOf(taken.entityId)).toBe(top + 1);
    // The same push again (its answer lost on the way): a duplicate, the number unchanged.
    agent.seq -= 1;
    expect((await pushEvents(hub, agent, [taken])).body.results.map((x) => x.status)).toEqual(['duplicate']);
    expect(await numberOf(taken.entityId)).toBe(top + 1);
    expect(await hub.db.selectFrom('ticket_numbers').select('ticket_id').where('number', '=', top + 1).execute()).toEqual([{ ticket_id: taken.entityId }]);
  });
});

describe('system events', () => {
  it('two desks that fire the same SLA breach make one event and one escalation', async () => {
    const t = newTicket();
    await pushEvents(hub, agent, [event(agent, t, 1, 'CREATED', { segment: 'education' })]);
    const other = await signInDesk(hub, await makeUser(hub, { email: 'cleo@desk.test', role: 'agent', segments: ['education'] }));
    const breachId = systemEventId(t, 'SLA_BREACH', 'resolution', 1_000); // the same on every desk
    const breach = (desk: TestDesk) => ({ ...event(desk, t, 2, 'SLA_BREACH', { target: 'resolution', dueAt: 1_000 }), id: breachId, actor: { id: 'system', role: 'system' as const, tier: 3 as const, segments: [] } });
    const first = await pushEvents(hub, agent, [breach(agent)]);
    const second = await pushEvents(hub, other, [breach(other)]);
    expect(first.body.results[0]!.status).toBe('accepted');
    expect(second.body.results[0]!.status).toBe('duplicate');
    const ticket = await hub.db.selectFrom('tickets').select('state').where('id', '=', t).executeTakeFirstOrThrow();
    expect(ticket.state).toMatchObject({ seq: 2, position: { context: { tier: 2 } } });
  });

  it('an SLA event fired ahead of the hub’s clock waits, unrecorded, until the hub’s time reaches it (a desk that keeps its own clock, 5 hours fast)', async () => {
    let hubNow = Date.now();
    const clocked = await testHub(hub.databaseUrl, { now: () => hubNow });
    try {
      const t = newTicket();
      await pushEvents(clocked, agent, [event(agent, t, 1, 'CREATED', { segment: 'education' })]);
      const dueAt = hubNow + 4 * 60 * 60_000;
      const system = { id: 'system', role: 'system' as const, tier: 3 as const, segments: [] };
      const fired = (type: 'SLA_BREACH' | 'SLA_WARNING', deskTime: number) => ({ ...event(agent, t, 2, type, { target: 'resolution', dueAt }), id: systemEventId(t, type, 'resolution', dueAt), actor: system, deskTime });
      // Before: both accepted on the desk's word, and the ticket went up to tier 2 four hours early.
      for (const type of ['SLA_BREACH', 'SLA_WARNING'] as const) {
        const early = await pushEvents(clocked, agent, [fired(type, hubNow + 5 * 60 * 60_000)]);
        expect(early.body.results.map((x) => x.status)).toEqual(['stale']);
      }
      expect(await hub.db.selectFrom('tickets').select('state').where('id', '=', t).executeTakeFirstOrThrow()).toMatchObject({ state: { seq: 1, position: { context: { tier: 1 } } } });
      // Not recorded as refused: when the hub's time comes, the same breach (same derived id) goes in.
      hubNow = dueAt + 1_000;
      const due = await pushEvents(clocked, agent, [fired('SLA_BREACH', hubNow + 5 * 60 * 60_000)]);
      expect(due.body.results.map((x) => x.status)).toEqual(['accepted']);
      expect(await hub.db.selectFrom('tickets').select('state').where('id', '=', t).executeTakeFirstOrThrow()).toMatchObject({ state: { seq: 2, position: { context: { tier: 2 } } } });
    } finally {
      await clocked.close();
    }
  });

  it('refuses an SLA breach whose deadline is earlier than the ticket’s policy allows, saying why; the honest one goes in', async () => {
    const t = newTicket();
    const createdAt = Date.now() - 20 * 60 * 60_000;
    const minutes = { firstResponse: 120, nextResponse: 240, resolution: 960 };
    const policy = slaPolicySchema.parse({ id: 'edu-24x7', name: 'Education', segment: 'education', serviceLevel: 'standard', calendarId: '24x7', targets: { urgent: minutes, high: minutes, normal: minutes, low: minutes } });
    await pushEvents(hub, agent, [{ ...event(agent, t, 1, 'CREATED', { segment: 'education', policy: { version: 1, policy } }), deskTime: createdAt }]);
    const system = { id: 'system', role: 'system' as const, tier: 3 as const, segments: [] };
    const breach = (dueAt: number) => ({ ...event(agent, t, 2, 'SLA_BREACH', { target: 'resolution', dueAt }), id: systemEventId(t, 'SLA_BREACH', 'resolution', dueAt), actor: system });
    // A desk with a tampered file: resolution due an hour after opening, not sixteen.
    const tampered = await pushEvents(hub, agent, [breach(createdAt + 60 * 60_000)]);
    expect(tampered.body.results[0]).toMatchObject({ status: 'refused', reason: say('slaDueTooEarly') });
    expect(await hub.db.selectFrom('tickets').select('state').where('id', '=', t).executeTakeFirstOrThrow()).toMatchObject({ state: { seq: 1, position: { context: { tier: 1 } } } });
    // On 24-hour days the honest deadline is exactly the start plus the target: it goes in.
    const honest = await pushEvents(hub, agent, [breach(createdAt + 960 * 60_000)]);
    expect(honest.body.results[0]!.status).toBe('accepted');
    expect(await hub.db.selectFrom('tickets').select('state').where('id', '=', t).executeTakeFirstOrThrow()).toMatchObject({ state: { seq: 2, position: { context: { tier: 2 } } } });
  });

  it('a person cannot send an SLA event as themselves', async () => {
    const t = newTicket();
    await pushEvents(hub, agent, [event(agent, t, 1, 'CREATED', { segment: 'education' })]);
    const r = await pushEvents(hub, agent, [event(agent, t, 2, 'SLA_BREACH', { target: 'resolution', dueAt: 1_000 })]);
    expect(r.body.results[0]).toMatchObject({ status: 'refused', reason: 'SLA events come from the scheduler, not from people.' });
  });
});

describe('streams besides tickets', () => {
  const note = (desk: TestDesk, stream: string, entityId: string, payload: Record<string, unknown>): Envelope => ({ ...event(desk, entityId, 1, 'NOTE_SET', payload), stream, type: 'NOTE_SET' });

  it('refuses an event of a stream the hub has no rule for, saying so, and lets the queue through', async () => {
    const r = await pushEvents(hub, agent, [note(agent, 'gossip', uuidv7(), { text: 'hi' }), event(agent, newTicket(), 1, 'CREATED', { segment: 'education' })]);
    expect(r.body.results.map((x) => x.status)).toEqual(['refused', 'accepted']);
    expect(r.body.results[0]!.reason).toMatch(/does not take 'gossip' changes/);
  });

  it('judges each with its rule, keeps the entity in its segment for pull and live, once per event id', async () => {
    const ruled = await testHub(hub.databaseUrl, {
      streamRules: {
        memo: (e, actor, known) =>
          actor.role === 'agent' && e.payload.segment !== undefined && !actor.segments.includes(e.payload.segment as never)
            ? { ok: false, reason: 'Only an agent of that segment may write its memo.' }
            : { ok: true, segment: (e.payload.segment as never) ?? known.segment },
      },
    });
    try {
      const home = uuidv7();
      const open = uuidv7();
      const first = note(homeAgent, 'memo', home, { segment: 'home', text: 'Call back after 5.' });
      const r = await pushEvents(ruled, homeAgent, [first, note(homeAgent, 'memo', open, { text: 'For everyone.' }), note(homeAgent, 'memo', uuidv7(), { segment: 'education', text: 'no' })]);
      expect(r.body.results.map((x) => x.status)).toEqual(['accepted', 'accepted', 'refused']);
      expect(r.body.results[2]!.reason).toBe('Only an agent of that segment may write its memo.');
      // A later event of the entity with no segment of its own stays in the segment it was put in.
      const later = await pushEvents(ruled, homeAgent, [{ ...note(homeAgent, 'memo', home, { text: 'Called.' }), seq: 2 }]);
      expect(later.body.results[0]!.status).toBe('accepted');
      const again = await pushEvents(ruled, homeAgent, [first]);
      expect(again.body.results[0]!.status).toBe('duplicate');
      const seen = async (desk: TestDesk) => {
        const p = await call<{ events: Envelope[] }>(ruled.url, 'GET', '/sync/pull?after=0&limit=5000', { token: desk.token });
        return p.body.events.filter((e) => e.stream === 'memo').map((e) => e.entityId);
      };
      expect(await seen(homeAgent)).toEqual([home, open, home]);
      expect(await seen(specialist)).toEqual([open]);
      expect(await seen(supervisor)).toEqual([home, open, home]);
    } finally {
      await ruled.close();
    }
  });
});

describe('pull and snapshot', () => {
  it('gives each person the events of their segments after a cursor, in global order', async () => {
    const edu = newTicket();
    const home = newTicket();
    await pushEvents(hub, agent, [event(agent, edu, 1, 'CREATED', { segment: 'education' })]);
    await pushEvents(hub, homeAgent, [event(homeAgent, home, 1, 'CREATED', { segment: 'home' })]);
    const ids = async (desk: TestDesk) => {
      const seen: Envelope[] = [];
      let after = 0;
      for (;;) {
        const r = await call<{ events: Envelope[]; cursor: number; head: number }>(hub.url, 'GET', `/sync/pull?after=${after}&limit=50`, { token: desk.token });
        seen.push(...r.body.events);
        if (r.body.cursor === after || r.body.cursor === r.body.head) break;
        after = r.body.cursor;
      }
      const seqs = seen.map((e) => e.globalSeq!);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      return seen.filter((e) => e.stream === 'ticket').map((e) => e.entityId);
    };
    const forSpecialist = await ids(specialist);
    const forHome = await ids(homeAgent);
    const forSupervisor = await ids(supervisor);
    expect(forSpecialist).toContain(edu);
    expect(forSpecialist).not.toContain(home);
    expect(forHome).toEqual([home]);
    expect(forSupervisor).toEqual(expect.arrayContaining([edu, home]));
  });

  it('says a desk’s cursor names another event than the hub has there (wentBack), when the desk names the one it read (atId): a hub restored from an older backup', async () => {
    const t = newTicket();
    const created = event(agent, t, 1, 'CREATED', { segment: 'education' });
    const at = (await pushEvents(hub, agent, [created])).body.results[0]!.globalSeq!;
    type Page = { events: Envelope[]; cursor: number; head: number; wentBack?: boolean; error?: { message: string } };
    const pull = (query: string) => call<Page>(hub.url, 'GET', `/sync/pull?${query}`, { token: agent.token });
    expect((await pull(`after=${at}&atId=${created.id}`)).body.wentBack).toBe(false);
    expect((await pull(`after=${at}&atId=${created.id.toUpperCase()}`)).body.wentBack).toBe(false);
    expect((await pull(`after=${at}&atId=${uuidv7()}`)).body.wentBack).toBe(true);
    const head = (await pull(`after=${at}`)).body.head;
    expect((await pull(`after=${head + 5}&atId=${created.id}`)).body.wentBack).toBe(true);
    // A desk that names nothing (before atId, or not knowing it) is answered as before.
    expect((await pull(`after=${at}`)).body).not.toHaveProperty('wentBack');
    const bad = await pull(`after=${at}&atId=event-9`);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/atId/);
  });

  it('compares the last event a desk read, before its cursor (atSeq with atId): an agent’s cursor moves past other segments’ events it does not read', async () => {
    const t = newTicket();
    const created = event(agent, t, 1, 'CREATED', { segment: 'education' });
    const at = (await pushEvents(hub, agent, [created])).body.results[0]!.globalSeq!;
    // A home ticket after it: the education agent's cursor moves past it, to the head.
    const home = event(homeAgent, newTicket(), 1, 'CREATED', { segment: 'home' });
    expect((await pushEvents(hub, homeAgent, [home])).body.results[0]).toMatchObject({ status: 'accepted' });
    type Page = { events: Envelope[]; cursor: number; head: number; wentBack?: boolean; error?: { message: string } };
    const pull = (query: string) => call<Page>(hub.url, 'GET', `/sync/pull?${query}`, { token: agent.token });
    const page = (await pull(`after=${at}`)).body;
    expect(page.events.map((e) => e.id)).not.toContain(home.id);
    const cursor = page.cursor;
    expect(cursor).toBeGreaterThan(at);
    expect((await pull(`after=${cursor}&atSeq=${at}&atId=${created.id}`)).body.wentBack).toBe(false);
    expect((await pull(`after=${cursor}&atSeq=${at}&atId=${uuidv7()}`)).body.wentBack).toBe(true);
    // Named at the cursor, as a desk before atSeq does, it is not the event there.
    expect((await pull(`after=${cursor}&atId=${created.id}`)).body.wentBack).toBe(true);
    // atSeq is where atId's event is, at or before the cursor.
    const lone = await pull(`after=${cursor}&atSeq=${at}`);
    expect(lone.status).toBe(400);
    expect(lone.body.error?.message).toMatch(/atSeq/);
    const past = await pull(`after=${at}&atSeq=${cursor}&atId=${home.id}`);
    expect(past.status).toBe(400);
    expect(past.body.error?.message).toMatch(/atSeq/);
  });

  it('gives a joining desk a snapshot with a watermark, then the tail after it', async () => {
    const snap = await call<{ watermark: number; tickets: { head: { segment: string } }[]; events: Envelope[] }>(hub.url, 'GET', '/sync/snapshot', { token: specialist.token });
    expect(snap.body.tickets.length).toBeGreaterThan(0);
    expect(snap.body.tickets.every((t) => t.head.segment === 'education')).toBe(true);
    expect(snap.body.events.length).toBeGreaterThan(0);
    expect(snap.body.events.every((e) => e.globalSeq! <= snap.body.watermark)).toBe(true);
    const t = newTicket();
    await pushEvents(hub, agent, [event(agent, t, 1, 'CREATED', { segment: 'education' })]);
    const tail = await call<{ events: Envelope[] }>(hub.url, 'GET', `/sync/pull?after=${snap.body.watermark}`, { token: specialist.token });
    expect(tail.body.events.map((e) => e.entityId)).toEqual([t]);
  });
});

describe('desks of different versions', () => {
  const head = async () => Number((await hub.db.selectFrom('log_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq);
  type Page = { events: Envelope[]; cursor: number; head: number; error?: { code: string; message: string } };
  const pullAs = (desk: TestDesk, after: number, version?: string) =>
    call<Page>(hub.url, 'GET', `/sync/pull?after=${after}&limit=50`, { token: desk.token, ...(version ? { headers: { [DESK_VERSION_HEADER]: version } } : {}) });

  it('a desk of version 1 gets the events before a return to queue, then a 426 telling it to upgrade; version 2 gets everything; none stated is 1', async () => {
    const t = newTicket();
    const from = await head();
    const r = await pushEvents(hub, agent, [
      event(agent, t, 1, 'CREATED', { segment: 'education' }),
      event(agent, t, 2, 'TAKE'),
      event(agent, t, 3, 'RETURN_TO_QUEUE', { note: 'Off sick this afternoon.' }),
      event(agent, t, 4, 'TAKE'),
    ]);
    expect(r.body.results.map((x) => x.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);

    for (const version of ['1', undefined]) {
      const first = await pullAs(agent, from, version);
      expect(first.status).toBe(200);
      expect(first.body.events.map((e) => e.type)).toEqual(['CREATED', 'TAKE']);
      // The cursor stops before the event it cannot read: the next page starts at it.
      expect(first.body.cursor).toBe(r.body.results[1]!.globalSeq);
      expect(first.body.cursor).toBeLessThan(first.body.head);
      const refused = await pullAs(agent, first.body.cursor, version);
      expect(refused.status).toBe(426);
      expect(refused.body.error).toMatchObject({ code: 'desk_too_old', message: say('deskTooOld') });
    }

    const all = await pullAs(agent, from, String(DESK_MACHINE_VERSION));
    expect(all.status).toBe(200);
    expect(all.body.events.map((e) => e.type)).toEqual(['CREATED', 'TAKE', 'RETURN_TO_QUEUE', 'TAKE']);

    // The old desk's own work still goes in (a push states no version and needs none).
    const own = await pushEvents(hub, agent, [event(agent, t, 5, 'ADD_NOTE', { note: 'Sent from an older desk.' })]);
    expect(own.body.results.map((x) => x.status)).toEqual(['accepted']);
  });

  it('a desk of version 1 joining after a return to queue gets a snapshot cut before it, then the 426; version 2 gets the whole log', async () => {
    type Snap = { watermark: number; events: (Envelope & { globalSeq: number })[] };
    const snapAs = (version?: string) => call<Snap>(hub.url, 'GET', '/sync/snapshot', { token: agent.token, ...(version ? { headers: { [DESK_VERSION_HEADER]: version } } : {}) });
    const whole = await snapAs(String(DESK_MACHINE_VERSION));
    expect(whole.status).toBe(200);
    expect(whole.body.watermark).toBe(await head());
    const firstReturn = whole.body.events.findIndex((e) => e.type === 'RETURN_TO_QUEUE');
    expect(firstReturn).toBeGreaterThan(0);
    for (const version of ['1', undefined]) {
      const snap = await snapAs(version);
      // Before: the whole log, RETURN_TO_QUEUE and all, which a desk of version 1 cannot load.
      expect(snap.status).toBe(200);
      expect(snap.body.events.map((e) => e.id)).toEqual(whole.body.events.slice(0, firstReturn).map((e) => e.id));
      expect(snap.body.watermark).toBe(whole.body.events[firstReturn]!.globalSeq - 1);
      // It follows the log from there and is told to upgrade, as a desk that pulled all along is.
      const next = await pullAs(agent, snap.body.watermark, version);
      expect(next.status).toBe(426);
      expect(next.body.error).toMatchObject({ code: 'desk_too_old', message: say('deskTooOld') });
    }
  });
});

describe('live', () => {
  function connect(desk: TestDesk, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: Record<string, unknown>[]; next: (type: string) => Promise<Record<string, unknown>> }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(hub.url.replace('http', 'ws') + '/sync/live', { headers: { authorization: `Bearer ${desk.token}`, ...headers } });
      const messages: Record<string, unknown>[] = [];
      const waiters: { type: string; done: (m: Record<string, unknown>) => void }[] = [];
      ws.on('message', (raw) => {
        const m = JSON.parse(raw.toString()) as Record<string, unknown>;
        const w = waiters.findIndex((x) => x.type === m.type);
        if (w >= 0) waiters.splice(w, 1)[0]!.done(m);
        else messages.push(m);
      });
      const next = (type: string) =>
        new Promise<Record<string, unknown>>((done, fail) => {
          const i = messages.findIndex((m) => m.type === type);
          if (i >= 0) return done(messages.splice(i, 1)[0]!);
          const timer = setTimeout(() => fail(new Error(`no ${type} message`)), 5000);
          waiters.push({ type, done: (m) => (clearTimeout(timer), done(m)) });
        });
      ws.once('open', () => resolve({ ws, messages, next }));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  it('pushes an accepted event to the desks that may see it, and presence of who has the ticket open', async () => {
    const spec = await connect(specialist);
    const home = await connect(homeAgent);
    await spec.next('hello');
    await home.next('hello');
    const t = newTicket();
    const started = performance.now();
    await pushEvents(hub, agent, [event(agent, t, 1, 'CREATED', { segment: 'education' })]);
    const news = await spec.next('events');
    expect(performance.now() - started).toBeLessThan(1000);
    expect((news.events as Envelope[]).map((e) => e.entityId)).toEqual([t]);

    const viewer = await connect(agent);
    await viewer.next('hello');
    viewer.ws.send(JSON.stringify({ type: 'presence', ticketId: t, state: 'typing' }));
    const seen = await spec.next('presence');
    expect(seen).toMatchObject({ ticketId: t, state: 'typing', userId: agent.user.id, name: 'ava' });
    // Nothing of the education segment reaches the home agent.
    await new Promise((r) => setTimeout(r, 200));
    expect(home.messages.filter((m) => m.type === 'events' || m.type === 'presence')).toEqual([]);
    for (const c of [spec, home, viewer]) c.ws.close();
  });

  it('sends a desk of version 1 a pull hint, not a commit holding an event it cannot read; version 2 gets the events', async () => {
    const old = await connect(agent, { [DESK_VERSION_HEADER]: '1' });
    const none = await connect(agent);
    const current = await connect(specialist, { [DESK_VERSION_HEADER]: String(DESK_MACHINE_VERSION) });
    for (const c of [old, none, current]) await c.next('hello');
    const t = newTicket();
    await pushEvents(hub, agent, [event(agent, t, 1, 'CREATED', { segment: 'education' }), event(agent, t, 2, 'TAKE'), event(agent, t, 3, 'RETURN_TO_QUEUE', { note: 'Off sick.' })]);
    expect(((await current.next('events')).events as Envelope[]).map((e) => e.type)).toEqual(['CREATED', 'TAKE', 'RETURN_TO_QUEUE']);
    for (const c of [old, none]) {
      // Before: the commit's events, RETURN_TO_QUEUE among them, which the old desk failed to apply.
      expect(await c.next('resync')).toEqual({ type: 'resync' });
      expect(c.messages.filter((m) => m.type === 'events')).toEqual([]);
    }
    // A commit it can read still comes as events.
    await pushEvents(hub, agent, [event(agent, t, 4, 'TAKE')]);
    expect(((await old.next('events')).events as Envelope[]).map((e) => e.type)).toEqual(['TAKE']);
    for (const c of [old, none, current]) c.ws.close();
  });

  it('refuses a live connection without a valid session', async () => {
    await expect(connect({ ...agent, token: 'not-a-session' })).rejects.toThrow(/401/);
  });
});
