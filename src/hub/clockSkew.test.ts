import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../main/core/desk';
import type { HubUser } from './accounts';
import type { Hub } from './server';
import { call, hubWithPeople, makeUser, PASSWORD, type DeskPerson, testHub, type HubWithPeople, type TestPostgres } from './testing/hubFixture';

// A call centre where one desk's clock is wrong (10 minutes fast, 10 minutes slow, a day
// behind after a dead CMOS battery) while the hub's and the other desks' are right. A real hub
// on one embedded PostgreSQL, desks in this process, each on a clock of its own (the machine's
// clock plus a skew). What the others see of that desk's work must be on the hub's time; the
// skewed desk is told how far off it is; nothing it sends is refused for its clock.

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

let fixture: HubWithPeople<'ava' | 'ben'>;
let pg: TestPostgres;
let hub: Hub;
let ava: HubUser;
let ben: HubUser;

beforeAll(async () => {
  fixture = await hubWithPeople({
    ava: { email: 'ava@skew.test', name: 'Ava', role: 'agent', segments: ['government'] },
    ben: { email: 'ben@skew.test', name: 'Ben', role: 'agent', segments: ['government'] },
  });
  ({ pg, hub, people: { ava, ben } } = fixture);
}, 60_000);

afterAll(() => fixture?.close(), 60_000);

type Person = DeskPerson;

/** A desk whose clock is the machine's plus `skewMs`, joined to the hub, `user` signed in, synced. */
async function deskAt(
  user: HubUser,
  skewMs: number | (() => number),
  followHubClock = true,
  dataDir = ':memory:',
  more: { hubUrl?: string; deskVersion?: number; fetch?: typeof fetch } = {},
): Promise<Person> {
  const skewOf = typeof skewMs === 'number' ? () => skewMs : skewMs;
  const clock: Clock = { now: () => Date.now() + skewOf() };
  return fixture.deskFor(user, { dataDir, clock, followHubClock, hubUrl: more.hubUrl ?? hub.url, sync: { deskVersion: more.deskVersion, fetch: more.fetch } });
}

/** A ticket for a government customer (premier cover, on the 24x7 calendar: every minute counts). */
async function newTicket(p: Person, subject: string): Promise<string> {
  const { customerId } = await p.call('customers.create', { customer: { kind: 'organisation', name: `Ministry ${subject}`, segment: 'government', serviceLevel: 'premier', email: 'it@ministry.example', phone: '+1 415 555 0101' }, asset: null });
  return (await p.call('tickets.create', { customerId, subject })).ticket.id;
}

const both = async (...people: Person[]) => {
  for (const p of people) await p.desk.sync.syncNow();
  for (const p of people) await p.desk.sync.syncNow();
};

describe('one desk’s clock is wrong', () => {
  it.each([
    ['10 minutes fast', 10 * MIN],
    ['10 minutes slow', -10 * MIN],
    ['a day slow', -DAY],
  ])('a ticket opened on a desk %s has the hub’s time and SLA on the other desks, and nothing is refused', async (_, skew) => {
    const wrong = await deskAt(ava, skew);
    const right = await deskAt(ben, 0);
    // The first response target of a new ticket, as a desk with the right clock gives it.
    const refId = await newTicket(right, 'reference');
    const ref = (await right.call('tickets.get', { ticketId: refId })).ticket;
    const target = ref.dueAt! - ref.createdAt;

    const before = Date.now();
    const id = await newTicket(wrong, `skewed ${skew}`);
    const after = Date.now();
    await both(wrong, right);
    const seen = (await right.call('tickets.get', { ticketId: id })).ticket;
    // Before: 10 minutes slow showed it opened 10 minutes ago, 230 minutes left of a 4-hour
    // target; 10 fast, 250 left, due 10 minutes late; a day slow, breached at once (-1200 min).
    expect(seen.createdAt).toBeGreaterThanOrEqual(before - 2_000);
    expect(seen.createdAt).toBeLessThanOrEqual(after + 2_000);
    expect(seen.dueAt! - seen.createdAt).toBe(target);
    expect(seen.sla?.status).toBe('ok');
    expect(seen.sla!.remainingMs!).toBeLessThanOrEqual(target + 2_000);
    expect(seen.sla!.remainingMs!).toBeGreaterThan(target - 60_000);

    // The desk with the wrong clock knows by how much (desk minus hub), the right one does not.
    const status = await wrong.call('sync.status');
    expect(status).toMatchObject({ mode: 'hub', online: true, pending: 0, conflicts: 0 });
    expect(status.mode === 'hub' ? Math.abs(status.clockSkewMs! - skew) : Infinity).toBeLessThan(2_000);
    const fine = await right.call('sync.status');
    expect(fine.mode === 'hub' ? Math.abs(fine.clockSkewMs!) : null).toBeLessThan(1_000);
  }, 60_000);

  it('a step taken on the slow desk comes after the step before it in the ticket’s history', async () => {
    const right = await deskAt(ben, 0);
    const slow = await deskAt(ava, -10 * MIN);
    const id = await newTicket(right, 'history');
    await both(right, slow);
    await slow.call('tickets.act', { ticketId: id, command: { type: 'TAKE' } });
    await both(slow, right);
    const timeline = (await right.call('tickets.get', { ticketId: id })).timeline;
    expect(timeline.map((e) => e.type)).toEqual(['CREATED', 'TAKE']);
    // Before: taken "10 minutes before" it was created, and the first response counted as at once.
    expect(timeline[1]!.at).toBeGreaterThanOrEqual(timeline[0]!.at);
    expect(timeline[1]!.at - timeline[0]!.at).toBeLessThan(60_000);
  }, 60_000);

  it('a desk 5 hours fast does not breach, and move up a tier, a ticket opened on a right desk a minute ago', async () => {
    const right = await deskAt(ben, 0);
    const fast = await deskAt(ava, 5 * 60 * MIN);
    const id = await newTicket(right, 'early breach');
    await both(right, fast);
    // Its SLA scheduler looks (every minute on a real desk): before, at 5 hours "later" it
    // fired the 4-hour breach, which the hub took on the desk's word, and the ticket went to tier 2.
    fast.desk.scheduler.tick();
    await both(fast, right);
    const seen = await right.call('tickets.get', { ticketId: id });
    expect(seen.timeline.map((e) => e.type)).toEqual(['CREATED']);
    expect(seen.ticket).toMatchObject({ tier: 1, sla: { status: 'ok' } });
  }, 60_000);

  it('a desk from before the hub’s clock (it keeps its own), 5 hours fast, does not breach a ticket opened on a right desk a minute ago', async () => {
    const right = await deskAt(ben, 0);
    const old = await deskAt(ava, 5 * 60 * MIN, false);
    const id = await newTicket(right, 'early breach, old desk');
    await both(right, old);
    // Its scheduler fires the 4-hour breach on its own clock; before, the hub took it on the
    // desk's word and the ticket went to tier 2 for everyone. Now the hub holds it until its own time.
    old.desk.scheduler.tick();
    await both(old, right);
    const seen = await right.call('tickets.get', { ticketId: id });
    expect(seen.timeline.map((e) => e.type)).toEqual(['CREATED']);
    expect(seen.ticket).toMatchObject({ tier: 1, sla: { status: 'ok' } });
  }, 60_000);

  it('a desk 5 hours fast, opened again, asks the hub the time before its SLA scheduler sends what it thinks fell due', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagdesk-skew-'));
    try {
      const right = await deskAt(ben, 0);
      const first = await deskAt(ava, 5 * 60 * MIN, true, dir);
      const id = await newTicket(right, 'restart');
      await both(right, first);
      first.desk.close();
      // Opened again: the offset is measured anew (the clock may have been set right meanwhile).
      // Before, its scheduler's first tick ran on the computer's clock before the hub answered,
      // fired the 4-hour breach, and the ticket went to tier 2 on this desk.
      const again = await deskAt(ava, 5 * 60 * MIN, true, dir);
      await again.desk.sync.syncNow();
      const seen = await again.call('tickets.get', { ticketId: id });
      expect(seen.timeline.map((e) => e.type)).toEqual(['CREATED']);
      expect(seen.ticket).toMatchObject({ tier: 1, sla: { status: 'ok' } });
      expect(await again.call('sync.status')).toMatchObject({ pending: 0, conflicts: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a desk 8 days fast keeps the 7-day hub session it was just given, and sends its work', async () => {
    const fast = await deskAt(ava, 8 * DAY);
    const right = await deskAt(ben, 0);
    const id = await newTicket(fast, 'session');
    await both(fast, right);
    // Before: the desk read the session as ended a day ago: "Hub session ended", nothing sent.
    expect(await fast.call('sync.status')).toMatchObject({ online: true, pending: 0, conflicts: 0 });
    expect((await right.call('tickets.get', { ticketId: id })).ticket.state).toBe('new');
  }, 60_000);

  it('someone sets the slow desk’s clock right: its time does not jump 10 minutes ahead before the hub answers again', async () => {
    let skew = -10 * MIN;
    const slow = await deskAt(ava, () => skew);
    expect(await slow.call('sync.status')).toMatchObject({ online: true });
    slow.desk.sync.stop();
    // Set right while the desk is quiet (no hub answer since): what it does now has the right time.
    skew = 0;
    const before = Date.now();
    const id = await newTicket(slow, 'clock set right');
    const opened = (await slow.call('tickets.get', { ticketId: id })).ticket.createdAt;
    expect(Math.abs(opened - before)).toBeLessThan(5_000);
    slow.desk.sync.start();
    await slow.desk.sync.syncNow();
    const status = await slow.call('sync.status');
    expect(status).toMatchObject({ pending: 0, conflicts: 0 });
    expect(status.mode === 'hub' ? Math.abs(status.clockSkewMs!) : null).toBeLessThan(2_000);
  }, 60_000);
});

describe('the admins’ Desks page', () => {
  it('lists two desks of different versions with the version, clock, unsent changes and person each reported, problems for an admin only', async () => {
    const own = await testHub(await pg.freshDatabase());
    try {
      const ava2 = await makeUser(own, { email: 'ava@desks.test', name: 'Ava Desks', role: 'agent', segments: ['government'] });
      const ben2 = await makeUser(own, { email: 'ben@desks.test', name: 'Ben Desks', role: 'agent', segments: ['government'] });
      const omar = await makeUser(own, { email: 'omar@desks.test', name: 'Omar Desks', role: 'admin', segments: [] });
      // Ben's desk, this build, right clock: opens a ticket, takes it and gives it back, which
      // puts in the log an event (RETURN_TO_QUEUE) a version-1 desk cannot read.
      const right = await deskAt(ben2, 0, true, ':memory:', { hubUrl: own.url });
      // Ava's desk: version 1, 10 minutes fast, and its pushes do not get through (503).
      const failPushes: typeof fetch = (input, init) => (String(input).includes('/sync/push') ? Promise.resolve(new Response('{}', { status: 503 })) : fetch(input, init));
      const old = await deskAt(ava2, 10 * MIN, true, ':memory:', { hubUrl: own.url, deskVersion: 1, fetch: failPushes });
      const id = await newTicket(right, 'desks');
      await right.call('tickets.act', { ticketId: id, command: { type: 'TAKE' } });
      await right.call('tickets.act', { ticketId: id, command: { type: 'RETURN_TO_QUEUE' } });
      await right.desk.sync.syncNow();
      // Ava's new customer and ticket wait in her outbox; the desk says so (and its clock) on its pull.
      await newTicket(old, 'waiting');
      await old.desk.sync.syncNow().catch(() => undefined);
      await old.desk.sync.syncNow().catch(() => undefined);
      const admin = await deskAt(omar, 0, true, ':memory:', { hubUrl: own.url });

      const list = await admin.call('hubDesks.list');
      expect(list.hubVersion).toBe(2);
      expect(list.desks).toHaveLength(3);
      const of = (name: string) => list.desks.find((d) => d.lastUser?.name === name)!;
      expect(of('Ava Desks')).toMatchObject({ version: 1, outbox: 2, tooOld: true });
      expect(Math.abs(of('Ava Desks').clockSkewMs! - 10 * MIN)).toBeLessThan(2_000);
      expect(of('Ben Desks')).toMatchObject({ version: 2, outbox: 0, tooOld: false });
      expect(Math.abs(of('Ben Desks').clockSkewMs!)).toBeLessThan(2_000);
      expect(of('Omar Desks').id).toBe(list.thisDesk);
      for (const d of list.desks) expect(Math.abs(d.lastContactAt - list.now)).toBeLessThan(60_000);

      // Not for an agent, at the desk nor at the hub.
      await expect(right.call('hubDesks.list')).rejects.toMatchObject({ code: 'forbidden' });
      const token = (await call<{ token: string }>(own.url, 'POST', '/auth/sign-in', { body: { email: ben2.email, password: PASSWORD } })).body.token;
      expect((await call(own.url, 'GET', '/admin/desks', { token })).status).toBe(403);
    } finally {
      await own.close();
    }
  }, 60_000);
});
