import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../main/core/desk';
import { callsOf } from '../main/core/testing/deskHarness';
import { say } from '../shared/messageKeys';
import type { HubUser } from './accounts';
import type { Hub } from './server';
import { uuidv7 } from '../main/core/ids';
import { call, event, hubWithPeople, PASSWORD, pushEvents, signInAt, signInDesk, type DeskPerson, type HubWithPeople, type TestDesk } from './testing/hubFixture';

// A new centre's first day: its admin imports the old desk's customers and tickets, on a desk
// still alone or already joined, and an empty desk's first people work for days before it is
// joined. What they made is the desk's own accounts' work ("Import from zendesk", "Desk admin",
// "First-line agent"), which the hub has no accounts for: it stayed in that desk's outbox for
// ever, held as a deactivated person's, and no other desk of the centre ever saw it.

const FIX = join(import.meta.dirname, '../main/core/import/fixtures');
const zendesk = ['zendesk-ticket-events.json', 'zendesk-tickets.json', 'zendesk-users.json', 'zendesk-organizations.json'].map((f) => join(FIX, f));

let fixture: HubWithPeople<'omar' | 'sofia' | 'ava'>;
let hub: Hub;
let omar: HubUser;
let sofia: HubUser;
let ava: HubUser;
let dir: string;

beforeAll(async () => {
  fixture = await hubWithPeople({
    omar: { email: 'omar@centre.test', name: 'Omar', role: 'admin' },
    sofia: { email: 'sofia@centre.test', name: 'Sofia', role: 'supervisor', tier: 3, segments: ['education', 'government', 'small_business', 'large_enterprise', 'home'] },
    ava: { email: 'ava@centre.test', name: 'Ava', role: 'agent', segments: ['education', 'home', 'small_business'] },
  });
  ({ hub, dir, people: { omar, sofia, ava } } = fixture);
}, 60_000);

afterAll(() => fixture?.close(), 60_000);

/** A desk on its own, set up empty, with one of its stand-ins signed in (or nobody). */
async function aloneDesk(): Promise<Desk> {
  const d = await fixture.openDesk({ hubUrl: undefined }); // not joined
  const conn = d.connect(() => undefined);
  const r = await conn.call('desk.initialize', { mode: 'empty' });
  if (!r.ok) throw new Error(r.error.message);
  return d;
}
async function local(d: Desk, name: string): Promise<DeskPerson> {
  const call = callsOf(d.connect(() => undefined));
  const u = (await call('session.users')).find((x) => x.name === name);
  if (!u) throw new Error(`no user ${name}`);
  await call('session.signIn', { userId: u.id });
  return { desk: d, call };
}
const joinedDesk = (): Promise<Desk> => fixture.openDesk();

const names = (d: Desk) => (d.db.sqlite.prepare('select name from customers order by name').pluck().all() as string[]);
/** Open tickets (the finished ones an import brings are checked with their comments, below). */
const subjects = (d: Desk) => (d.db.sqlite.prepare('select subject from tickets where is_open = 1 order by subject').pluck().all() as string[]);
const pending = (d: Desk) => d.db.sqlite.prepare('select count(*) from outbox').pluck().get() as number;

describe('a desk’s own work reaches the centre once it joins', () => {
  it('customers, contacts, systems and tickets imported, and what its first people did for days, before the desk joined the hub', async () => {
    const a = await aloneDesk();
    const admin = await local(a, 'Desk admin');
    const imported = await admin.call('import.run', { from: 'zendesk', files: zendesk, rejectsPath: join(dir, 'alone.jsonl') });
    expect(imported.imported).toMatchObject({ customers: 4, contacts: 2, tickets: 5 });
    const csv = join(dir, 'systems.csv');
    writeFileSync(csv, 'Customer,Mail,Tag,Line,Model,Shipped,Warranty\nHarbor Clinic,desk@harbor.example,4HB7Q2K,Latitude,5440,2024-01-15,2027-01-15\n');
    const systems = await admin.call('import.run', { from: 'csv', files: [csv], mapping: { name: 'Customer', email: 'Mail', serviceTag: 'Tag', productLine: 'Line', model: 'Model', shipDate: 'Shipped', warrantyEnd: 'Warranty' }, rejectsPath: join(dir, 'alone-csv.jsonl') });
    expect(systems.imported).toMatchObject({ customers: 1, assets: 1 });
    // Days of work by the desk's first agent, before anyone thought of the hub.
    const agent = await local(a, 'First-line agent');
    const { customerId } = await agent.call('customers.create', { customer: { kind: 'person', name: 'Walk-in Wanda', segment: 'home', serviceLevel: 'standard', email: 'wanda@home.example' }, asset: null });
    const flicker = await agent.call('tickets.create', { customerId, subject: 'Screen flickers after sleep' });
    await agent.call('tickets.act', { ticketId: flicker.ticket.id, command: { type: 'TAKE' } });
    const before = names(a);
    const ticketsBefore = subjects(a);
    expect(ticketsBefore.length).toBeGreaterThan(2);
    expect(ticketsBefore).toContain('Screen flickers after sleep');
    expect(before).toContain('Walk-in Wanda');
    expect(before).toContain('Harbor Clinic');

    // The admin joins it to the centre's hub and signs in there with their hub account.
    await admin.call('hub.join', { url: hub.url });
    await signInAt(a, omar);
    await a.sync.syncNow();
    expect(a.sync.status().waiting).toEqual([]);
    expect(pending(a)).toBe(0);

    // Another desk of the centre, and the supervisor there, see all of it.
    const b = await joinedDesk();
    await signInAt(b, sofia);
    expect(names(b)).toEqual(before);
    expect(subjects(b)).toEqual(ticketsBefore);
    expect(b.db.sqlite.prepare('select count(*) from contacts').pluck().get()).toBe(a.db.sqlite.prepare('select count(*) from contacts').pluck().get());
    expect(b.db.sqlite.prepare("select c.name from assets s join customers c on c.id = s.customer_id where s.service_tag = '4HB7Q2K'").pluck().get()).toBe('Harbor Clinic');
    const stateOf = (d: Desk) => d.db.sqlite.prepare('select state from tickets where id = ?').pluck().get(flicker.ticket.id);
    expect(stateOf(b)).toBe(stateOf(a));
    // The centre's history too: the tickets the old desk had solved or closed, and their comments
    // (the 360° view's every past contact), as the importing desk has them.
    const history = (d: Desk) => d.db.sqlite.prepare("select t.subject, t.state, i.summary, i.direction, i.channel, i.at from tickets t left join interactions i on i.ticket_id = t.id and i.summary not like 'Opened %' and i.summary not like 'Resolved %' where t.is_open = 0 order by t.subject, i.at, i.summary").all();
    expect(history(a).length).toBeGreaterThan(2);
    expect(history(a)).toContainEqual(expect.objectContaining({ subject: 'Projector in room B12 shows no signal', state: 'closed', summary: 'Cable was chewed.', direction: 'internal' }));
    expect(history(b)).toEqual(history(a));
    expect(pending(a)).toBe(0);
  }, 60_000);

  it('an import on a joined desk goes to the hub with the admin’s session, and waits, said, while no admin is signed in there', async () => {
    const a = await joinedDesk();
    const agentThere = await signInAt(a, ava);
    const admin = await signInAt(a, omar);
    const csv = join(dir, 'joined.csv');
    writeFileSync(csv, 'Customer,Mail\nPine Street Bakery,orders@pine.example\n');
    // The admin's hub session has ended (signed out elsewhere, expired): the import waits, said why.
    a.db.sqlite.prepare('update hub_accounts set token = null where user_id = ?').run(omar.id);
    await admin.call('import.run', { from: 'csv', files: [csv], mapping: { name: 'Customer', email: 'Mail' }, rejectsPath: join(dir, 'joined.jsonl') });
    await a.sync.syncNow();
    expect(a.sync.status().waiting).toContain(say('deskWorkNeedsAdmin'));
    expect(pending(a)).toBeGreaterThan(0);
    void agentThere;
    // The admin signs in again: it goes.
    await signInAt(a, omar);
    await a.sync.syncNow();
    expect(pending(a)).toBe(0);
    const b = await joinedDesk();
    await signInAt(b, sofia);
    expect(names(b)).toContain('Pine Street Bakery');
  }, 60_000);
  it('the same export imported on two desks before they joined comes in twice, each desk’s records their own: the duplicate pairs are found and merged as any', async () => {
    const csv = join(dir, 'twice.csv');
    writeFileSync(csv, 'Customer,Mail,Tag,Line,Model,Shipped,Warranty\nOrchard Primary School,office@orchard.example,5QW3E8R,Latitude,3140,2023-09-01,2026-09-01\n');
    const mapping = { name: 'Customer', email: 'Mail', serviceTag: 'Tag', productLine: 'Line', model: 'Model', shipDate: 'Shipped', warrantyEnd: 'Warranty' };
    const twice: Desk[] = [];
    for (const n of [1, 2]) {
      const d = await aloneDesk();
      const admin = await local(d, 'Desk admin');
      await admin.call('import.run', { from: 'csv', files: [csv], mapping, rejectsPath: join(dir, `twice-${n}.jsonl`) });
      await admin.call('hub.join', { url: hub.url });
      await signInAt(d, omar);
      twice.push(d);
    }
    for (const d of twice) await d.sync.syncNow();
    for (const d of twice) expect(pending(d)).toBe(0);
    const c = await joinedDesk();
    const sofiaThere = await signInAt(c, sofia);
    const orchard = c.db.sqlite.prepare("select id from customers where name = 'Orchard Primary School' order by id").pluck().all() as string[];
    expect(orchard).toHaveLength(2);
    // One system per tag: the first to reach the hub keeps it, on every desk.
    expect(c.db.sqlite.prepare("select count(*) from assets where service_tag = '5QW3E8R'").pluck().get()).toBe(1);
    const pairs = await sofiaThere.call('customers.duplicates', { name: 'Orchard Primary School', segment: 'home', email: 'office@orchard.example', excludeId: orchard[0]! });
    expect(pairs.map((p) => p.customerId)).toContain(orchard[1]);
  }, 60_000);
  it('the hub takes a desk account’s work from an admin’s session only, and never in a hub account’s name or the system’s', async () => {
    const adminDesk = await signInDesk(hub, omar);
    const agentDesk = await signInDesk(hub, ava);
    const deskAgent = { id: uuidv7(), role: 'agent' as const, tier: 1 as const, segments: ['home' as const] };
    const opened = (d: typeof adminDesk, actor: { id: string; role: 'agent' | 'system'; tier: 1; segments: 'home'[] }) => ({ ...event(d, `T-${uuidv7()}`, 1, 'CREATED', { segment: 'home' }), actor });
    // An agent's session cannot bring another author's work, nor an admin's someone the hub has an account for, nor the system's.
    for (const [desk, actor] of [[agentDesk, deskAgent], [adminDesk, { id: ava.id, role: 'agent', tier: 1, segments: ['home'] }], [adminDesk, { ...deskAgent, role: 'system' }]] as const) {
      const r = await pushEvents(hub, desk, [opened(desk, actor as typeof deskAgent)]);
      expect(r.status).toBe(403);
    }
    const carried = await pushEvents(hub, adminDesk, [opened(adminDesk, deskAgent)]);
    expect(carried.status).toBe(200);
    expect(carried.body.results[0]).toMatchObject({ status: 'accepted' });
  }, 60_000);
  it('what the hub refuses of a desk account’s work goes to an admin’s session from that desk, and to no one else', async () => {
    const deskId = uuidv7();
    const adminDesk = await signInDesk(hub, omar, deskId);
    // Ava signs in at the same desk (its id and key).
    const signedIn = await call<{ token: string }>(hub.url, 'POST', '/auth/sign-in', { body: { email: ava.email, password: PASSWORD, deskId, deskKey: adminDesk.deskKey } });
    const agentDesk: TestDesk = { ...adminDesk, token: signedIn.body.token, user: ava };
    const deskAgent = { id: uuidv7(), role: 'agent' as const, tier: 1 as const, segments: ['home' as const] };
    // A step of the desk's own agent on a ticket the hub never heard of: refused, addressed to that account.
    const step = { ...event(adminDesk, uuidv7(), 1, 'TAKE'), actor: deskAgent };
    expect((await pushEvents(hub, adminDesk, [step])).body.results[0]).toMatchObject({ status: 'refused', reason: say('ticketNotFound') });
    // Ava's own refused step on the same desk is hers, not the admin's.
    agentDesk.seq = adminDesk.seq;
    const hers = event(agentDesk, uuidv7(), 1, 'TAKE');
    expect((await pushEvents(hub, agentDesk, [hers])).body.results[0]).toMatchObject({ status: 'refused' });
    const refusalsOf = async (d: TestDesk) =>
      (await call<{ refusals: { eventId: string; reason: string }[] }>(hub.url, 'GET', '/sync/pull?after=0&refusalsAfter=0', { token: d.token })).body.refusals.map((r) => r.eventId);
    expect(await refusalsOf(adminDesk)).toEqual([step.id]);
    expect(await refusalsOf(agentDesk)).toEqual([hers.id]);
    // The same admin signed in at another desk: not that desk's.
    expect(await refusalsOf(await signInDesk(hub, omar))).toEqual([]);
  }, 60_000);

  it('a desk shows its admins what the hub refused of its own accounts’ work, naming the account, until one of them dismisses it', async () => {
    const a = await aloneDesk();
    const agent = await local(a, 'First-line agent');
    await agent.call('customers.create', { customer: { kind: 'person', name: 'Refused Rita', segment: 'home', serviceLevel: 'standard', email: 'rita@home.example' }, asset: null });
    const admin = await local(a, 'Desk admin');
    // The record as the hub reads it has an email the shared rules refuse (the file edited by hand).
    const row = a.db.sqlite.prepare("select event_id, body from outbox where stream = 'customer' and body like '%rita@home.example%'").get() as { event_id: string; body: string };
    a.db.sqlite.prepare('update outbox set body = ? where event_id = ?').run(row.body.replace('rita@home.example', 'rita at home'), row.event_id);
    await admin.call('hub.join', { url: hub.url });
    const omarThere = await signInAt(a, omar);
    const avaThere = await signInAt(a, ava);
    await a.sync.syncNow();
    expect(pending(a)).toBe(0);
    const refused = await omarThere.call('sync.conflicts');
    expect(refused).toEqual([expect.objectContaining({ eventId: row.event_id, stream: 'customer', deskAccount: 'First-line agent', reason: expect.stringContaining('email') })]);
    expect(await omarThere.call('sync.status')).toMatchObject({ mode: 'hub', conflicts: 1 });
    // An agent does not answer for the desk's accounts: not theirs to read, nor to dismiss.
    expect(await avaThere.call('sync.conflicts')).toEqual([]);
    await expect(avaThere.call('sync.dismissConflict', { eventId: row.event_id })).rejects.toMatchObject({ code: 'not_found' });
    await omarThere.call('sync.dismissConflict', { eventId: row.event_id });
    expect(await omarThere.call('sync.conflicts')).toEqual([]);
    expect(await omarThere.call('sync.status')).toMatchObject({ mode: 'hub', conflicts: 0 });
  }, 60_000);
});
