import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushEvents as pushSchemas, type Input, type Method, type Output, type Push } from '../shared/api';
import { defaultPolicies } from '../shared/sla/defaults';
import type { Desk } from '../main/core/desk';
import { callsOf, TestClock } from '../main/core/testing/deskHarness';
import { uuidv7 } from '../main/core/ids';
import type { OutboxEnvelope } from '../shared/ticketLog/envelope';
import type { HubUser } from './accounts';
import type { Envelope } from './envelope';
import { Migrator } from 'kysely/migration';
import { outboxEnvelopeSchema } from '../shared/ticketLog/envelope';
import { userStreamPayloadSchema } from '../shared/userStream';
import { openDb, openPool } from './db';
import { migrate, MIGRATIONS } from './migrations';
import type { Hub } from './server';
import { call, hubWithPeople, makeUser, PASSWORD, pushEvents, quietLog, signInDesk, type HubWithPeople, type TestPostgres } from './testing/hubFixture';

// Users, SLA policies and business-hours calendars follow the hub (issue 10, part 4): an
// admin's policy and calendar change on one desk reaches the others and their SLA clocks
// alike; accounts changed on the hub reach every desk, even where the person never signed
// in; the hub refuses a non-admin's policy change and any desk's change to an account; and
// the same pulled events applied twice change nothing. One real PostgreSQL for the file.

let fixture: HubWithPeople<'olga' | 'ava' | 'ben' | 'carl' | 'greta'>;
let pg: TestPostgres;
let hub: Hub;
let olga: HubUser; // admin
let ava: HubUser; // agent, education
let ben: HubUser; // agent, education
let carl: HubUser; // agent, education
let greta: HubUser; // supervisor

// Monday 2 March 2026, 09:00 in London (UTC before the clocks change).
const MONDAY_9 = Date.UTC(2026, 2, 2, 9, 0, 0);

beforeAll(async () => {
  fixture = await hubWithPeople({
    olga: { email: 'olga@desk.test', name: 'Olga', role: 'admin' },
    ava: { email: 'ava@desk.test', name: 'Ava', role: 'agent', segments: ['education'] },
    ben: { email: 'ben@desk.test', name: 'Ben', role: 'agent', segments: ['education'] },
    carl: { email: 'carl@desk.test', name: 'Carl', role: 'agent', segments: ['education'] },
    greta: { email: 'greta@desk.test', name: 'Greta', role: 'supervisor' },
  });
  ({ pg, hub, people: { olga, ava, ben, carl, greta } } = fixture);
}, 60_000);

afterAll(() => fixture?.close(), 60_000);

interface Person {
  desk: Desk;
  /** What the desk pushed to this person's window. */
  pushes: Push[];
  call<M extends Method>(method: M, input?: Input<M>): Promise<Output<M>>;
  try<M extends Method>(method: M, input?: Input<M>): Promise<{ ok: boolean; message: string }>;
}

const newDesk = (): Promise<Desk> => fixture.openDesk({ clock: new TestClock(MONDAY_9) });

/** Someone signed in at a desk through the hub. */
async function signedIn(user: HubUser, desk: Desk): Promise<Person> {
  const pushes: Push[] = [];
  const conn = desk.connect((p) => pushes.push(p));
  const person: Person = {
    desk,
    pushes,
    call: callsOf(conn),
    async try(method, input) {
      const r = await conn.call(method, input ?? {});
      return r.ok ? { ok: true, message: '' } : { ok: false, message: r.error.message };
    },
  };
  await person.call('session.signInWithPassword', { email: user.email, password: PASSWORD });
  await desk.sync.syncNow();
  return person;
}

const syncAll = async (...ds: Desk[]) => {
  for (const d of ds) await d.sync.syncNow();
  for (const d of ds) await d.sync.syncNow();
};

/** What a desk holds of users and SLA settings, as rows. */
function settingsOf(d: Desk) {
  const s = d.db.sqlite;
  return {
    policies: s.prepare('SELECT id, body, version FROM sla_policies ORDER BY id').all(),
    calendars: s.prepare('SELECT id, body FROM sla_calendars ORDER BY id').all(),
    users: s.prepare('SELECT id, name, email, role, tier, segments, active FROM users ORDER BY id').all(),
    settingsEvents: s.prepare('SELECT id, global_seq FROM settings_events ORDER BY id').all(),
    userEvents: s.prepare('SELECT id FROM user_events ORDER BY id').all(),
    outbox: s.prepare('SELECT count(*) AS n FROM outbox').get(),
  };
}

async function newTicket(p: Person, subject: string): Promise<string> {
  const { customerId } = await p.call('customers.create', {
    customer: { kind: 'organisation', name: `Lakeside School ${subject}`, segment: 'education', serviceLevel: 'standard', email: 'office@lakeside.example', phone: '+1 415 555 0100' },
    asset: null,
  });
  return (await p.call('tickets.create', { customerId, subject })).ticket.id;
}

const eduStandard = () => structuredClone(defaultPolicies.find((p) => p.id === 'education-standard')!);

let deskA: Desk;
let deskB: Desk;
let ticketId: string;

describe('users, SLA policies and calendars follow the hub', () => {
  it('an admin’s policy target and calendar holiday on desk A reach desk B, whose SLA clocks follow the same rule', async () => {
    deskA = await newDesk();
    deskB = await newDesk();
    const agentA = await signedIn(ava, deskA);
    const adminA = await signedIn(olga, deskA);
    const adminB = await signedIn(olga, deskB);
    ticketId = await newTicket(agentA, 'Projector will not wake');
    await syncAll(deskA, deskB);
    const before = (await adminB.call('tickets.get', { ticketId })).ticket.dueAt;
    // First response, normal priority, standard: 4 business hours from Monday 09:00.
    expect(before).toBe(Date.UTC(2026, 2, 2, 13, 0));

    // On A: the first response for normal priority becomes 6 hours; Monday becomes a holiday.
    const policy = eduStandard();
    policy.targets.normal.firstResponse = 360;
    await adminA.call('sla.savePolicy', policy);
    const settingsA = await adminA.call('sla.settings');
    const calendar = structuredClone(settingsA.calendars.find((c) => c.id === 'std-weekdays')!);
    calendar.holidays.push({ date: '2026-03-02', name: 'Staff training day' });
    await adminA.call('sla.saveCalendar', calendar);
    // A ticket opened after the change, which desk B pulls in the same batch as the change.
    const later = await newTicket(agentA, 'Lamp hours reset');
    const heard = adminB.pushes.length;
    await syncAll(deskA, deskB);
    expect(await adminA.call('sync.status')).toMatchObject({ pending: 0, conflicts: 0 });
    // B's windows hear of the settings as settings: the views showing them read again, not
    // every view of every window (desk.changed, as a change from another process on the folder).
    const news = adminB.pushes.slice(heard).map((p) => p.event);
    expect(news).toContain('sla.settingsChanged');
    expect(news).not.toContain('desk.changed');

    // B shows the same policy (same version) and calendar.
    const onA = await adminA.call('sla.settings');
    const onB = await adminB.call('sla.settings');
    expect(onB.policies.find((p) => p.id === 'education-standard')).toEqual(onA.policies.find((p) => p.id === 'education-standard'));
    expect(onB.policies.find((p) => p.id === 'education-standard')).toMatchObject({ version: 2, targets: { normal: { firstResponse: 360 } } });
    expect(onB.calendars.find((c) => c.id === 'std-weekdays')).toEqual(onA.calendars.find((c) => c.id === 'std-weekdays'));
    expect(onB.calendars.find((c) => c.id === 'std-weekdays')!.holidays).toContainEqual({ date: '2026-03-02', name: 'Staff training day' });

    const laterOnA = (await adminA.call('tickets.get', { ticketId: later })).ticket.dueAt;
    expect(laterOnA).toBe(Date.UTC(2026, 2, 3, 14, 0));
    expect((await adminB.call('tickets.get', { ticketId: later })).ticket.dueAt).toBe(laterOnA);

    // As on the author's desk, the open ticket is re-timed on the new policy and calendar at once,
    // with no event: from Tuesday 08:00, 6 business hours, on both desks.
    await deskB.retime.idle();
    expect((await adminB.call('tickets.get', { ticketId })).ticket).toMatchObject({ dueAt: Date.UTC(2026, 2, 3, 14, 0), seq: 1 });
    expect((await adminA.call('tickets.get', { ticketId })).ticket.dueAt).toBe(Date.UTC(2026, 2, 3, 14, 0));
    // An admin's recompute on B records the new version in its log; the due time stays.
    await adminB.call('sla.recompute');
    const dueB = (await adminB.call('tickets.get', { ticketId })).ticket.dueAt;
    expect(dueB).toBe(Date.UTC(2026, 2, 3, 14, 0));
    const heardA = agentA.pushes.length;
    await syncAll(deskB, deskA);
    const onTicketA = await adminA.call('tickets.get', { ticketId });
    expect(onTicketA.ticket.dueAt).toBe(dueB);
    // A's windows hear of the ticket's new due time in a push they take (a window drops one
    // whose payload does not fit its event's schema).
    const told = agentA.pushes.slice(heardA).filter((p) => p.event === 'ticket.changed' && (p.payload as { ticketId: string }).ticketId === ticketId);
    expect(told).toHaveLength(1);
    expect(pushSchemas['ticket.changed'].safeParse(told[0]!.payload).success).toBe(true);
    // A already runs the ticket under the version B applied: recomputing there adds nothing.
    const seqA = onTicketA.ticket.seq;
    await adminA.call('sla.recompute');
    expect((await adminA.call('tickets.get', { ticketId })).ticket.seq).toBe(seqA);
    expect(await adminB.call('sync.status')).toMatchObject({ pending: 0, conflicts: 0 });
  });

  it('the time zone an admin gives the centre\'s day on desk A is the day desk B\'s board counts', async () => {
    const adminA = await signedIn(olga, deskA);
    const adminB = await signedIn(olga, deskB);
    // Before: both follow the calendars most policies run on (the shipped ones: London).
    expect((await adminB.call('supervisor.overview')).day.timeZone).toBe('Europe/London');
    await adminA.call('sla.saveCentre', { id: 'centre', dayTimeZone: 'Asia/Tehran' });
    await syncAll(deskA, deskB);
    expect((await adminB.call('sla.settings')).centre).toEqual({ id: 'centre', dayTimeZone: 'Asia/Tehran' });
    const board = await adminB.call('supervisor.overview');
    expect(board.day.timeZone).toBe('Asia/Tehran');
    // Tehran's day holding 09:00 London on 2 March 2026 began at 20:30 UTC on the 1st.
    expect(board.day.start).toBe(Date.UTC(2026, 2, 1, 20, 30));
    expect(await adminA.call('sync.status')).toMatchObject({ pending: 0, conflicts: 0 });
    // Back to following the calendars, on both.
    await adminB.call('sla.saveCentre', { id: 'centre', dayTimeZone: null });
    await syncAll(deskB, deskA);
    expect((await adminA.call('supervisor.overview')).day.timeZone).toBe('Europe/London');
  });

  it('accounts an admin creates and changes on the hub reach a desk where those people never signed in; a deactivated one is assignable nowhere', async () => {
    const adminA = await signedIn(olga, deskA);
    const deskC = await newDesk();
    const supervisorC = await signedIn(greta, deskC);
    // Through the admin screen of desk A, which calls the hub.
    const dina = await adminA.call('hubUsers.create', { email: 'dina@desk.test', name: 'Dina', role: 'agent', tier: 1, segments: ['education'], password: PASSWORD });
    await adminA.call('hubUsers.update', { id: dina.id, email: 'Dina.K@desk.test' });
    await adminA.call('hubUsers.update', { id: ben.id, segments: ['education', 'home'] });
    await adminA.call('hubUsers.update', { id: carl.id, active: false });
    await syncAll(deskC);

    const people = await supervisorC.call('users.list');
    expect(people.find((u) => u.id === dina.id)).toMatchObject({ name: 'Dina', email: 'dina.k@desk.test', role: 'agent', tier: 1, segments: ['education'], active: true });
    expect(people.find((u) => u.id === ben.id)).toMatchObject({ name: 'Ben', segments: ['education', 'home'], active: true });
    expect(people.find((u) => u.id === carl.id)).toMatchObject({ name: 'Carl', active: false });
    // Each change is one field-level event on the hub's log, by the admin who made it.
    const dinaEvents = await hub.db.selectFrom('events').select('envelope').where('stream', '=', 'user').where('ticket_id', '=', dina.id).orderBy('seq').execute();
    expect(dinaEvents.map((r) => (r.envelope as Envelope).payload.changes)).toEqual([
      expect.arrayContaining([{ field: 'name', from: null, to: 'Dina' }, { field: 'segments', from: null, to: ['education'] }]),
      [{ field: 'email', from: 'dina@desk.test', to: 'dina.k@desk.test' }],
    ]);
    expect(dinaEvents.map((r) => (r.envelope as Envelope).seq)).toEqual([1, 2]);
    expect(dinaEvents.every((r) => (r.envelope as Envelope).actor.id === olga.id)).toBe(true);
    expect(JSON.stringify(dinaEvents)).not.toMatch(/password|argon2/);
    // The policy and calendar changes came with the snapshot this new desk started from.
    expect((await supervisorC.call('sla.settings')).policies.find((p) => p.id === 'education-standard')).toMatchObject({ version: 2, targets: { normal: { firstResponse: 360 } } });

    // Carl is no longer offered nor accepted as an assignee; Dina, who never signed in anywhere, is.
    const refused = await supervisorC.try('tickets.act', { ticketId, command: { type: 'ASSIGN', assigneeId: carl.id } });
    expect(refused).toEqual({ ok: false, message: expect.stringContaining('active person') });
    const given = await supervisorC.call('tickets.act', { ticketId, command: { type: 'ASSIGN', assigneeId: dina.id } });
    expect(given.ticket.assigneeId).toBe(dina.id);
    await syncAll(deskC);
    expect(await supervisorC.call('sync.status')).toMatchObject({ pending: 0, conflicts: 0 });
  });

  it('refuses a policy change pushed by someone who is not an admin, with the reason, and changes nothing', async () => {
    const tampered = await signInDesk(hub, ava);
    const policy = eduStandard();
    policy.targets.normal.firstResponse = 1;
    const forged: Envelope = {
      id: uuidv7(),
      stream: 'settings',
      entityId: policy.id,
      seq: 9,
      type: 'SLA_POLICY_CHANGED',
      payloadVersion: 1,
      payload: { v: 1, entity: 'policy', changes: [{ field: 'targets', from: null, to: policy.targets }], after: policy, version: 9, actorName: 'Ava' },
      actor: { id: ava.id, role: 'admin', tier: 3, segments: ['education'] },
      deskId: tampered.deskId,
      deskTime: Date.now(),
      globalSeq: null,
    };
    const head = async () => (await hub.db.selectFrom('log_head').select('seq').executeTakeFirstOrThrow()).seq;
    const headBefore = await head();
    const r = await pushEvents(hub, tampered, [forged]);
    expect(r.status).toBe(200);
    expect(r.body.results[0]).toMatchObject({ status: 'refused', reason: 'Refused: Only admins can change SLA policies and calendars.' });
    expect(await head()).toBe(headBefore);
    await syncAll(deskB);
    expect(settingsOf(deskB).policies.find((p) => (p as { id: string }).id === 'education-standard')).toMatchObject({ version: 2 });
    expect(JSON.parse((settingsOf(deskB).policies.find((p) => (p as { id: string }).id === 'education-standard') as { body: string }).body).targets.normal.firstResponse).toBe(360);
  });

  it('refuses a change to an account pushed by a desk, even an admin’s', async () => {
    const desk = await signInDesk(hub, olga);
    const forged: Envelope = {
      id: uuidv7(),
      stream: 'user',
      entityId: ava.id,
      seq: 1,
      type: 'USER_CHANGED',
      payloadVersion: 1,
      payload: { v: 1, changes: [{ field: 'role', from: 'agent', to: 'admin' }], user: { name: 'Ava', email: ava.email, role: 'admin', tier: 3, segments: ['education'], active: true }, actorName: 'Olga' },
      actor: { id: olga.id, role: 'admin', tier: 3, segments: olga.segments },
      deskId: desk.deskId,
      deskTime: Date.now(),
      globalSeq: null,
    };
    const r = await pushEvents(hub, desk, [forged]);
    expect(r.body.results[0]).toMatchObject({ status: 'refused', reason: expect.stringContaining('People are managed on the hub') });
    const me = await call<{ user: { role: string } }>(hub.url, 'GET', '/auth/me', { token: (await signInDesk(hub, ava)).token });
    expect(me.body.user.role).toBe('agent');
  });

  it('applying the same pulled events twice changes nothing', async () => {
    const adminB = await signedIn(olga, deskB);
    await syncAll(deskB);
    const pulled = await call<{ events: OutboxEnvelope[] }>(hub.url, 'GET', '/sync/pull?after=0&limit=5000', { token: (await signInDesk(hub, olga)).token });
    const events = pulled.body.events.filter((e) => e.stream === 'settings' || e.stream === 'user');
    expect(events.map((e) => e.stream)).toEqual(expect.arrayContaining(['settings', 'user']));
    const before = settingsOf(deskB);
    for (let i = 0; i < 2; i++) {
      for (const stream of ['settings', 'user']) deskB.streams.get(stream)!.apply(events.filter((e) => e.stream === stream));
      expect(settingsOf(deskB)).toEqual(before);
    }
    expect((await adminB.call('sla.settings')).policies.find((p) => p.id === 'education-standard')).toMatchObject({ version: 2 });
  });

  it('two admins editing one policy offline: each field ends as the later change in the hub’s order set it, on both desks', async () => {
    const adminA = await signedIn(olga, deskA);
    const adminB = await signedIn(olga, deskB);
    const base = (await adminA.call('sla.settings')).policies.find((p) => p.id === 'government-premier')!;
    const { version: _v, ...policy } = base;
    deskA.sync.stop();
    deskB.sync.stop();
    await adminA.call('sla.savePolicy', { ...policy, name: 'Government premier (A)', atRiskShare: 0.6 });
    await adminB.call('sla.savePolicy', { ...policy, atRiskShare: 0.7, targets: { ...policy.targets, low: { ...policy.targets.low, resolution: 5000 } } });
    // A reaches the hub first, then B: B's atRiskShare is the later one.
    deskA.sync.start();
    await deskA.sync.idle();
    deskB.sync.start();
    await deskB.sync.idle();
    await syncAll(deskA, deskB);
    const onA = (await adminA.call('sla.settings')).policies.find((p) => p.id === 'government-premier');
    const onB = (await adminB.call('sla.settings')).policies.find((p) => p.id === 'government-premier');
    expect(onA).toEqual(onB);
    expect(onA).toMatchObject({ name: 'Government premier (A)', atRiskShare: 0.7, targets: { low: { resolution: 5000 } }, version: base.version + 2 });
  });

  it('two admins on two offline desks change one policy: different targets both stay, the one both changed is the later in the hub’s order, and both desks name the change it replaced', async () => {
    const omar = await makeUser(hub, { email: 'omar@desk.test', name: 'Omar', role: 'admin' });
    const grace = await makeUser(hub, { email: 'grace@desk.test', name: 'Grace', role: 'admin' });
    const omarA = await signedIn(omar, deskA);
    const graceB = await signedIn(grace, deskB);
    await syncAll(deskA, deskB);
    const { version, ...base } = (await omarA.call('sla.settings')).policies.find((p) => p.id === 'home-basic')!;
    deskA.sync.stop();
    deskB.sync.stop();
    // Omar: normal first response 4h, urgent resolution 1000 min. Grace: normal first response 2h, and the name.
    const omars = structuredClone(base);
    omars.targets.normal.firstResponse = 240;
    omars.targets.urgent.resolution = 1000;
    await omarA.call('sla.savePolicy', { ...omars, expected: { version, record: base } });
    const graces = structuredClone(base);
    graces.targets.normal.firstResponse = 120;
    graces.name = 'Home basic (Grace)';
    await graceB.call('sla.savePolicy', { ...graces, expected: { version, record: base } });
    // Omar's desk reaches the hub first, Grace's later: hers is later in the hub's order.
    deskA.sync.start();
    await deskA.sync.idle();
    deskB.sync.start();
    await deskB.sync.idle();
    await syncAll(deskA, deskB);
    const onA = await omarA.call('sla.settings');
    const onB = await graceB.call('sla.settings');
    const policyA = onA.policies.find((p) => p.id === 'home-basic');
    expect(policyA).toEqual(onB.policies.find((p) => p.id === 'home-basic'));
    expect(policyA).toMatchObject({ name: 'Home basic (Grace)', targets: { normal: { firstResponse: 120 }, urgent: { resolution: 1000 } } });
    const replaced = [{ entity: 'policy', entityId: 'home-basic', path: 'targets.normal.firstResponse', lost: expect.objectContaining({ actorName: 'Omar', value: 240 }), won: expect.objectContaining({ actorName: 'Grace', value: 120 }) }];
    expect(onA.replaced.filter((r) => r.entityId === 'home-basic')).toEqual(replaced);
    expect(onB.replaced.filter((r) => r.entityId === 'home-basic')).toEqual(replaced);
    expect(onA.lastSaved).toContainEqual(expect.objectContaining({ entity: 'policy', id: 'home-basic', actorName: 'Grace' }));

    // Omar saves again from the form he began with: refused, naming Grace and what she changed; from the merged version it goes through.
    const stale = await omarA.try('sla.savePolicy', { ...omars, atRiskShare: 0.5, expected: { version, record: base } });
    expect(stale).toEqual({ ok: false, message: expect.stringMatching(/^Grace saved a newer version of this policy while you were editing it, changing .*the normal priority's first response.*\. Nothing was saved/) });
    const { version: now, ...current } = policyA!;
    expect(await omarA.try('sla.savePolicy', { ...current, atRiskShare: 0.5, expected: { version: now, record: current } })).toEqual({ ok: true, message: '' });
  });

  it('two admins on two offline desks each add a holiday to one calendar: both stay on both desks, one removed stays removed, and one date named two ways is named as replaced', async () => {
    const grace = await makeUser(hub, { email: 'grace.hours@desk.test', name: 'Grace', role: 'admin' });
    const omar = await makeUser(hub, { email: 'omar.hours@desk.test', name: 'Omar', role: 'admin' });
    const graceA = await signedIn(grace, deskA);
    const omarB = await signedIn(omar, deskB);
    await syncAll(deskA, deskB);
    const holidaysOf = async (p: Person) => (await p.call('sla.settings')).calendars.find((c) => c.id === 'std-weekdays')!.holidays;
    const base = (await graceA.call('sla.settings')).calendars.find((c) => c.id === 'std-weekdays')!;
    deskA.sync.stop();
    deskB.sync.stop();
    // Grace adds Nowruz; Omar adds 1 April and removes Boxing Day. Each from the calendar as it was.
    await graceA.call('sla.saveCalendar', { ...base, holidays: [...base.holidays, { date: '2027-03-21', name: 'Nowruz' }], expected: { record: base } });
    await omarB.call('sla.saveCalendar', { ...base, holidays: [...base.holidays.filter((h) => h.date !== '12-26'), { date: '2027-04-01', name: 'Staff day' }], expected: { record: base } });
    // Grace's desk reaches the hub first, Omar's later.
    deskA.sync.start();
    await deskA.sync.idle();
    deskB.sync.start();
    await deskB.sync.idle();
    await syncAll(deskA, deskB);
    const onA = await holidaysOf(graceA);
    expect(onA).toEqual(await holidaysOf(omarB));
    expect(onA).toEqual(expect.arrayContaining([{ date: '2027-03-21', name: 'Nowruz' }, { date: '2027-04-01', name: 'Staff day' }]));
    expect(onA.map((h) => h.date)).not.toContain('12-26');
    expect(onA).toHaveLength(base.holidays.length + 1);
    const replacedOn = async (p: Person) => (await p.call('sla.settings')).replaced.filter((r) => r.entityId === 'std-weekdays');
    expect(await replacedOn(graceA)).toEqual([]);
    expect(await replacedOn(omarB)).toEqual([]);

    // The same new date, named two ways offline: a real conflict, the later save in the hub's order kept and the other named.
    const now = (await graceA.call('sla.settings')).calendars.find((c) => c.id === 'std-weekdays')!;
    deskA.sync.stop();
    deskB.sync.stop();
    await graceA.call('sla.saveCalendar', { ...now, holidays: [...now.holidays, { date: '2027-05-03', name: 'Early May bank holiday' }], expected: { record: now } });
    await omarB.call('sla.saveCalendar', { ...now, holidays: [...now.holidays, { date: '2027-05-03', name: 'May Day' }], expected: { record: now } });
    deskA.sync.start();
    await deskA.sync.idle();
    deskB.sync.start();
    await deskB.sync.idle();
    await syncAll(deskA, deskB);
    expect(await holidaysOf(graceA)).toEqual(await holidaysOf(omarB));
    expect((await holidaysOf(graceA)).filter((h) => h.date === '2027-05-03')).toEqual([{ date: '2027-05-03', name: 'May Day' }]);
    const named = [{ entity: 'calendar', entityId: 'std-weekdays', path: 'holidays.2027-05-03', lost: expect.objectContaining({ actorName: 'Grace', value: 'Early May bank holiday' }), won: expect.objectContaining({ actorName: 'Omar', value: 'May Day' }) }];
    expect(await replacedOn(graceA)).toEqual(named);
    expect(await replacedOn(omarB)).toEqual(named);
  });

  it('a change the hub refuses (its author is no longer an admin) comes back as a conflict and is undone on the author’s desk', async () => {
    const pia = await makeUser(hub, { email: 'pia@desk.test', name: 'Pia', role: 'admin' });
    const adminB = await signedIn(pia, deskB);
    const original = (await adminB.call('sla.settings')).calendars.find((c) => c.id === '24x7')!;
    deskB.sync.stop();
    await adminB.call('sla.saveCalendar', { ...original, name: 'Around the clock, Pia’s way' });
    // Meanwhile on the hub, Pia stops being an admin (which also ends her sessions).
    const olgaToken = (await signInDesk(hub, olga)).token;
    expect((await call(hub.url, 'PATCH', `/admin/users/${pia.id}`, { token: olgaToken, body: { role: 'supervisor' } })).status).toBe(200);
    deskB.sync.start();
    await deskB.sync.idle();
    // She signs in again at desk B: her change goes out with her new session, and is refused.
    const again = await signedIn(pia, deskB);
    await syncAll(deskB, deskA);
    const conflicts = await again.call('sync.conflicts');
    expect(conflicts).toEqual([expect.objectContaining({ stream: 'settings', entityId: '24x7', reason: 'Refused: Only admins can change SLA policies and calendars.' })]);
    expect((await again.call('sla.settings')).calendars.find((c) => c.id === '24x7')).toEqual(original);
    expect(await again.call('sync.status')).toMatchObject({ pending: 0 });
    const logged = await hub.db.selectFrom('events').select('id').where('stream', '=', 'settings').where('ticket_id', '=', '24x7').execute();
    expect(logged).toEqual([]);
  });

  it('a hub upgraded with accounts already in it gives each its USER_CREATED event, in the log’s order', async () => {
    const db = openDb(openPool(await pg.freshDatabase(), quietLog(), 1));
    try {
      const r = await new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } }).migrateTo('0003_streams');
      expect(r.error).toBeUndefined();
      const at = Date.UTC(2026, 0, 5);
      for (const [i, name] of ['Uma', 'Vic'].entries()) {
        await db
          .insertInto('users')
          .values({ id: uuidv7(), email: `${name.toLowerCase()}@desk.test`, name, role: 'agent', tier: 1, segments: JSON.stringify(['home']), active: i === 0, password_hash: 'x', created_at: at + i, updated_at: at + i })
          .execute();
      }
      await migrate(db);
      const rows = await db.selectFrom('events').select(['seq', 'stream', 'type', 'segment', 'envelope']).orderBy('seq').execute();
      expect(rows.map((row) => [row.seq, row.stream, row.type, row.segment])).toEqual([[1, 'user', 'USER_CREATED', '*'], [2, 'user', 'USER_CREATED', '*']]);
      // Stored as the hub stores every event: without the global seq, which is the row's (added as it leaves).
      const envelopes = rows.map((row) => outboxEnvelopeSchema.parse({ ...(row.envelope as object), globalSeq: row.seq }));
      expect(envelopes.map((e) => userStreamPayloadSchema.parse(e.payload).user)).toEqual([
        { name: 'Uma', email: 'uma@desk.test', role: 'agent', tier: 1, segments: ['home'], active: true },
        { name: 'Vic', email: 'vic@desk.test', role: 'agent', tier: 1, segments: ['home'], active: false },
      ]);
      expect((await db.selectFrom('log_head').select('seq').executeTakeFirstOrThrow()).seq).toBe(2);
    } finally {
      await db.destroy();
    }
  });
});
