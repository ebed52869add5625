import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../main/core/desk';
import { TestClock } from '../main/core/testing/deskHarness';
import { ticketNumber } from '../shared/domain';
import type { HubUser } from './accounts';
import type { Hub } from './server';
import { makeUser, PASSWORD, signInAt, testHub, testPostgres, type TestPostgres } from './testing/hubFixture';

// The hub's database restored from a backup older than what its desks have read (a disk lost,
// last night's dump put back). The log ends before the desks' cursors, and what desks send from
// then on is numbered again from where it ends. Before stop 53 a desk followed its old cursor
// and skipped every change numbered up to it, saying nothing: a ticket opened on another desk
// after the restore was "That ticket does not exist" there, for good.

let pgs: TestPostgres;
let hub: Hub;
const desks: Desk[] = [];

beforeAll(async () => {
  pgs = await testPostgres();
}, 60_000);

afterAll(async () => {
  for (const d of desks) d.close();
  await hub?.close();
  await pgs?.stop();
}, 60_000);

async function deskFor(user: HubUser, fetch?: typeof globalThis.fetch) {
  const d = await openDesk({ dataDir: ':memory:', clock: new TestClock(Date.now()), testClock: true, hubUrl: hub.url, sync: { live: false, ...(fetch ? { fetch } : {}) } });
  desks.push(d);
  return signInAt(d, user);
}
type Person = Awaited<ReturnType<typeof deskFor>>;

async function newTicket(p: Person, subject: string, segment: 'education' | 'government' = 'education'): Promise<string> {
  const { customerId } = await p.call('customers.create', { customer: { kind: 'organisation', name: `Lakeside ${subject}`, segment, serviceLevel: 'standard', email: 'office@lakeside.example', phone: '+1 415 555 0100' }, asset: null });
  return (await p.call('tickets.create', { customerId, subject })).ticket.id;
}

async function query(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** Closes the last test's desks and hub, and starts a hub on a new database of the file's one server (answered). */
async function newHub(): Promise<string> {
  for (const d of desks.splice(0)) d.close();
  await hub?.close();
  const url = await pgs.freshDatabase();
  hub = await testHub(url);
  return url;
}

/**
 * A new hub (as `newHub`) with its nights' backups: `backUp` copies the database while
 * the hub is stopped and starts it again; `restore` puts a backup back at the same address (the
 * hub's disk lost). `on(name)` addresses another database of the same server.
 */
async function hubWithBackups() {
  const url = await newHub();
  const database = url.split('/').pop()!;
  const on = (name: string) => url.replace(/\/[^/]+$/, `/${name}`);
  const port = Number(new URL(hub.url).port);
  return {
    url,
    on,
    async backUp(name: string) {
      await hub.close();
      await query(on('postgres'), `create database ${name} template ${database}`);
      hub = await testHub(url, { port });
    },
    async restore(name: string) {
      await hub.close();
      hub = await testHub(on(name), { port });
    },
  };
}

const seen = (p: Person, ticketId: string) =>
  p.call('tickets.get', { ticketId }).then(
    (t) => ({ state: t.ticket.state, assigneeId: t.ticket.assigneeId, events: t.timeline.length }),
    (error: Error) => error.message,
  );

describe('a hub restored from an older backup', () => {
  it('its desks read its log again from where they agree, so nothing sent after the restore is skipped, and each says what the hub lost', async () => {
    const { on, backUp, restore } = await hubWithBackups();
    const ava = await makeUser(hub, { email: 'ava@restore.test', name: 'Ava', role: 'agent', segments: ['education'] });
    const ben = await makeUser(hub, { email: 'ben@restore.test', name: 'Ben', role: 'agent', segments: ['education'] });
    const sue = await makeUser(hub, { email: 'sue@restore.test', name: 'Sue', role: 'supervisor', segments: ['education'] });
    const a = await deskFor(ava);
    const b = await deskFor(ben);
    const monday = await newTicket(a, 'Monday');
    await a.desk.sync.syncNow();
    await b.desk.sync.syncNow();

    // Monday night's backup (a copy of the database while the hub is stopped).
    await backUp('nightly');
    // Tuesday: Ava opens a ticket and takes Monday's; both desks have it all.
    const tuesday = await newTicket(a, 'Tuesday');
    await a.call('tickets.act', { ticketId: monday, command: { type: 'TAKE' } });
    await a.desk.sync.syncNow();
    await b.desk.sync.syncNow();
    expect(await seen(b, tuesday)).toMatchObject({ state: 'new' });

    // Wednesday: the hub's disk is lost and Monday night's backup is put back, at the same address.
    await restore('nightly');
    const wednesday = await newTicket(b, 'Wednesday');
    const started = performance.now();
    await b.desk.sync.syncNow();
    await a.desk.sync.syncNow();
    const took = performance.now() - started;
    console.log(`a hub restored from an older backup: both desks in step again in ${Math.round(took)} ms`);

    // Ben's Wednesday ticket reaches Ava's desk (it was "That ticket does not exist" there), once.
    const hubEvents = Number((await query(on('nightly'), `select count(*)::int as n from events where stream = 'ticket' and ticket_id = '${wednesday}'`))[0]!.n);
    expect(await seen(a, wednesday)).toEqual({ state: 'new', assigneeId: null, events: hubEvents });
    expect(await seen(a, wednesday)).toEqual(await seen(b, wednesday));
    // Ava's desk tells her, until she dismisses it, how many of her changes the hub had lost
    // (Tuesday's customer record and ticket, her take of Monday's), all sent again.
    const restoredAt = a.desk.clock.now();
    expect(await a.call('sync.status')).toMatchObject({ online: true, pending: 0, hubRestored: { mine: 3, waiting: 0, refused: 0 } });
    expect(await a.call('sync.status')).not.toHaveProperty('hubRestored.desk');
    // Ben lost nothing made at his desk, and is an agent: nothing to tell him.
    expect(await b.call('sync.status')).toMatchObject({ online: true, pending: 0 });
    expect(await b.call('sync.status')).not.toHaveProperty('hubRestored');
    // A supervisor at Ava's desk hears of it, with all that desk's changes the hub lost.
    const sueAtA = a.desk.connect(() => undefined);
    expect(await sueAtA.call('session.signInWithPassword', { email: sue.email, password: PASSWORD })).toMatchObject({ ok: true });
    expect(await sueAtA.call('sync.status', {})).toMatchObject({ ok: true, result: { hubRestored: { mine: 0, desk: 3 } } });
    // Ava dismisses it; Sue still has it until she does.
    await a.call('sync.dismissHubRestored');
    expect(await a.call('sync.status')).not.toHaveProperty('hubRestored');
    expect(await sueAtA.call('sync.status', {})).toMatchObject({ ok: true, result: { hubRestored: { at: restoredAt, desk: 3 } } });
    expect(await seen(a, tuesday)).toMatchObject({ state: 'new' });
    // Wednesday's ticket has the number the restored hub gave it on both desks; Tuesday's, which
    // had that number before, moves to the next free one on Ava's desk rather than sharing it.
    const hubNumber = Number((await query(on('nightly'), `select number from ticket_numbers where ticket_id = '${wednesday}'`))[0]!.number);
    const numberOf = async (p: Person, ticketId: string) => (await p.call('tickets.get', { ticketId })).ticket.number;
    expect(await numberOf(a, wednesday)).toBe(ticketNumber(hubNumber));
    expect(await numberOf(b, wednesday)).toBe(ticketNumber(hubNumber));
    expect(await numberOf(a, tuesday)).not.toBe(ticketNumber(hubNumber));

    // From then on the desks follow the restored hub: Ava takes Ben's ticket and Ben's desk has it.
    await a.call('tickets.act', { ticketId: wednesday, command: { type: 'TAKE' } });
    await a.desk.sync.syncNow();
    await b.desk.sync.syncNow();
    expect(await seen(b, wednesday)).toMatchObject({ state: 'tier1.open', assigneeId: ava.id });
    expect(await a.call('sync.status')).toMatchObject({ pending: 0, conflicts: 0 });
  }, 120_000);

  it('each desk sends again what the hub lost of its changes: the hub and the other desk get them, under one number everywhere, and one that no longer applies is its author’s conflict', async () => {
    const { url, on, backUp, restore } = await hubWithBackups();
    const ava = await makeUser(hub, { email: 'ava@resend.test', name: 'Ava', role: 'agent', segments: ['education'] });
    const ben = await makeUser(hub, { email: 'ben@resend.test', name: 'Ben', role: 'agent', segments: ['education'] });
    const a = await deskFor(ava);
    const b = await deskFor(ben);
    const monday = await newTicket(a, 'Monday');
    const printer = await newTicket(a, 'Printer');
    await a.desk.sync.syncNow();
    await b.desk.sync.syncNow();

    // Monday night's backup.
    await backUp('resend_nightly');
    // Tuesday: Ava opens a ticket (and its customer's record) and takes Monday's; Ben's desk has
    // them. Late on Tuesday she takes the printer ticket, which Ben's desk has not pulled.
    const tuesday = await newTicket(a, 'Tuesday');
    await a.call('tickets.act', { ticketId: monday, command: { type: 'TAKE' } });
    await a.desk.sync.syncNow();
    await b.desk.sync.syncNow();
    await a.call('tickets.act', { ticketId: printer, command: { type: 'TAKE' } });
    await a.desk.sync.syncNow();
    const backupHead = Number((await query(on('resend_nightly'), 'select seq from log_head'))[0]!.seq);
    const lost = await query(url, `select id::text as id, stream, type, ticket_id, actor_id from events where seq > ${backupHead} order by seq`);
    const printerTake = lost.find((e) => e.ticket_id === printer && e.type === 'TAKE')!.id as string;
    expect(lost.map((e) => e.stream)).toEqual(expect.arrayContaining(['customer', 'ticket']));

    // Wednesday: the hub's disk is lost and Monday night's backup is put back. Ben, whose desk
    // never heard of Ava's take, takes the printer ticket, and opens one; then both desks sync.
    await restore('resend_nightly');
    await b.call('tickets.act', { ticketId: printer, command: { type: 'TAKE' } });
    const wednesday = await newTicket(b, 'Wednesday');
    await b.desk.sync.syncNow();
    const started = performance.now();
    await a.desk.sync.syncNow();
    await b.desk.sync.syncNow();
    console.log(`a hub restored from an older backup: what it lost sent again and both desks in step in ${Math.round(performance.now() - started)} ms`);

    // The hub has every change of Ava's it had lost, once, but her take of the printer ticket.
    const onHub = new Map((await query(on('resend_nightly'), 'select id::text as id, seq, stream from events')).map((r) => [r.id as string, r]));
    for (const e of lost) expect(onHub.has(e.id as string), `${String(e.stream)} ${String(e.type)}`).toBe(e.id !== printerTake);
    // Every ticket event on both desks has the number the hub has for it now, none waiting.
    const hubTicketSeqs = [...onHub.values()].filter((r) => r.stream === 'ticket').map((r) => [r.id, Number(r.seq)]).sort();
    const deskSeqs = (p: Person) => (p.desk.db.sqlite.prepare('select id, global_seq from ticket_events').all() as { id: string; global_seq: number | null }[]).map((r) => [r.id, r.global_seq]).sort();
    expect(deskSeqs(a)).toEqual(hubTicketSeqs);
    expect(deskSeqs(b)).toEqual(hubTicketSeqs);
    // Ben's desk shows what Ava did on Tuesday; the printer ticket is Ben's on both.
    expect(await seen(b, tuesday)).toMatchObject({ state: 'new' });
    expect(await seen(b, monday)).toMatchObject({ state: 'tier1.open', assigneeId: ava.id });
    expect(await seen(a, printer)).toMatchObject({ state: 'tier1.open', assigneeId: ben.id });
    expect(await seen(a, wednesday)).toEqual(await seen(b, wednesday));
    // Ava's take of the printer ticket is her conflict, with why; the notice says the rest went again.
    const conflict = (await a.call('sync.conflicts')).find((c) => c.eventId === printerTake);
    expect(conflict).toMatchObject({ type: 'TAKE', entityId: printer, reason: expect.stringMatching(/\S/) });
    expect(await a.call('sync.status')).toMatchObject({ online: true, pending: 0, conflicts: 1, hubRestored: { mine: lost.filter((e) => e.actor_id === ava.id).length, waiting: 0, refused: 1 } });
    expect(await b.call('sync.status')).toMatchObject({ online: true, pending: 0, conflicts: 0 });
    expect(await b.call('sync.status')).not.toHaveProperty('hubRestored');
  }, 120_000);

  it('a desk offline across the restore, whose cursor the hub passes again before it pulls, still sees the hub went back: it reads again what it would skip and sends again what the hub lost of its', async () => {
    const { url, on, backUp, restore } = await hubWithBackups();
    const ava = await makeUser(hub, { email: 'ava@lagging.test', name: 'Ava', role: 'agent', segments: ['education'] });
    const ben = await makeUser(hub, { email: 'ben@lagging.test', name: 'Ben', role: 'agent', segments: ['education'] });
    const cat = await makeUser(hub, { email: 'cat@lagging.test', name: 'Cat', role: 'agent', segments: ['education'] });
    const a = await deskFor(ava);
    const b = await deskFor(ben);
    const c = await deskFor(cat);
    const monday = await newTicket(a, 'Monday');
    for (const p of [a, b, c]) await p.desk.sync.syncNow();

    // Monday night's backup.
    await backUp('lagging_nightly');
    // Tuesday: Ava takes Monday's ticket, Cat opens one; every desk has it all.
    await a.call('tickets.act', { ticketId: monday, command: { type: 'TAKE' } });
    await a.desk.sync.syncNow();
    const tuesday = await newTicket(c, 'Tuesday');
    await c.desk.sync.syncNow();
    await a.desk.sync.syncNow();
    await b.desk.sync.syncNow();
    const backupHead = Number((await query(on('lagging_nightly'), 'select seq from log_head'))[0]!.seq);
    const lost = await query(url, `select id::text as id, actor_id from events where seq > ${backupHead} order by seq`);
    const catLost = lost.filter((e) => e.actor_id === cat.id).length;
    const cCursor = ((await c.call('sync.status')) as { cursor: number }).cursor;
    expect(cCursor).toBe(Number((await query(url, 'select seq from log_head'))[0]!.seq));

    // Wednesday: Monday night's backup is put back. Cat's desk is off; Ava's and Ben's go on, and
    // what they send (Ava's lost take sent again, Ben's new tickets) passes the head Cat's desk had read.
    await restore('lagging_nightly');
    const head = async () => Number((await query(on('lagging_nightly'), 'select seq from log_head'))[0]!.seq);
    await a.desk.sync.syncNow();
    const wednesday: string[] = [];
    while ((await head()) <= cCursor) {
      wednesday.push(await newTicket(b, `Wednesday ${wednesday.length + 1}`));
      await b.desk.sync.syncNow();
    }
    await a.desk.sync.syncNow();

    // Cat's desk comes back: the hub's head is past its cursor, and yet it reads the log again.
    const started = performance.now();
    await c.desk.sync.syncNow();
    await a.desk.sync.syncNow();
    await b.desk.sync.syncNow();
    console.log(`a hub restored from an older backup: a desk whose cursor it passed again in step in ${Math.round(performance.now() - started)} ms`);

    // Cat's Tuesday ticket is on the hub again, and on the other desks; Ben's Wednesday tickets on Cat's.
    const onHub = await query(on('lagging_nightly'), "select id::text as id, seq from events where stream = 'ticket'");
    const hubTicketSeqs = onHub.map((r) => [r.id, Number(r.seq)]).sort();
    const deskSeqs = (p: Person) => (p.desk.db.sqlite.prepare('select id, global_seq from ticket_events').all() as { id: string; global_seq: number | null }[]).map((r) => [r.id, r.global_seq]).sort();
    for (const p of [a, b, c]) expect(deskSeqs(p)).toEqual(hubTicketSeqs);
    for (const w of wednesday) expect(await seen(c, w)).toEqual(await seen(b, w));
    expect(await seen(a, tuesday)).toMatchObject({ state: 'new' });
    expect(await seen(b, tuesday)).toEqual(await seen(c, tuesday));
    expect(await seen(c, monday)).toMatchObject({ state: 'tier1.open', assigneeId: ava.id });
    // Cat's desk tells her what the hub had lost of hers, all sent again.
    expect(catLost).toBeGreaterThan(0);
    expect(await c.call('sync.status')).toMatchObject({ online: true, pending: 0, conflicts: 0, hubRestored: { mine: catLost, waiting: 0, refused: 0 } });
    const hubHead = await head();
    for (const p of [a, b, c]) expect(await p.call('sync.status')).toMatchObject({ pending: 0, cursor: hubHead });
  }, 120_000);

  it('an agent who reads only some segments, whose cursor the restored hub passes again, still sees it went back: the pull names the last event the desk read, before its cursor', async () => {
    const { url, on, backUp, restore } = await hubWithBackups();
    const ava = await makeUser(hub, { email: 'ava@segments.test', name: 'Ava', role: 'agent', segments: ['education'] });
    const gus = await makeUser(hub, { email: 'gus@segments.test', name: 'Gus', role: 'agent', segments: ['government'] });
    const cat = await makeUser(hub, { email: 'cat@segments.test', name: 'Cat', role: 'agent', segments: ['education'] });
    const a = await deskFor(ava);
    const g = await deskFor(gus);
    const c = await deskFor(cat);
    const monday = await newTicket(a, 'Monday');
    for (const p of [a, g, c]) await p.desk.sync.syncNow();

    // Monday night's backup.
    await backUp('segments_nightly');
    // Tuesday: Cat opens a ticket; then Gus opens a government one, which Cat's desk does not
    // read: its cursor moves past it, to the hub's head, after the last event it read.
    const tuesday = await newTicket(c, 'Tuesday');
    await c.desk.sync.syncNow();
    await newTicket(g, 'Tuesday', 'government');
    await g.desk.sync.syncNow();
    await c.desk.sync.syncNow();
    const cCursor = ((await c.call('sync.status')) as { cursor: number }).cursor;
    expect(cCursor).toBe(Number((await query(url, 'select seq from log_head'))[0]!.seq));
    expect((await query(url, `select segment from events where seq = ${cCursor}`))[0]!.segment).toBe('government');
    const backupHead = Number((await query(on('segments_nightly'), 'select seq from log_head'))[0]!.seq);
    const catLost = (await query(url, `select id from events where seq > ${backupHead} and actor_id = '${cat.id}'`)).length;

    // Wednesday: Monday night's backup is put back while Cat's desk is off. Ava opens an education
    // ticket (numbered below Cat's cursor); Gus's desk sends again what the hub lost of his and he
    // opens more government tickets, until the hub's head passes the cursor Cat's desk had.
    await restore('segments_nightly');
    const head = async () => Number((await query(on('segments_nightly'), 'select seq from log_head'))[0]!.seq);
    await a.desk.sync.syncNow();
    const wednesday = await newTicket(a, 'Wednesday');
    await a.desk.sync.syncNow();
    await g.desk.sync.syncNow();
    for (let n = 1; (await head()) <= cCursor; n++) {
      await newTicket(g, `Wednesday ${n}`, 'government');
      await g.desk.sync.syncNow();
    }
    const [wednesdaySeq] = (await query(on('segments_nightly'), `select seq from events where ticket_id = '${wednesday}' order by seq limit 1`)).map((r) => Number(r.seq));
    expect(wednesdaySeq).toBeLessThanOrEqual(cCursor);

    // Cat's desk comes back: it reads Ava's Wednesday ticket (it skipped it, for good), and sends
    // again its Tuesday ticket, which the hub had lost.
    await c.desk.sync.syncNow();
    await a.desk.sync.syncNow();
    expect(await seen(c, wednesday)).toEqual(await seen(a, wednesday));
    expect(await seen(a, tuesday)).toMatchObject({ state: 'new' });
    expect(await seen(c, tuesday)).toEqual(await seen(a, tuesday));
    expect(await seen(c, monday)).toEqual(await seen(a, monday));
    expect(catLost).toBeGreaterThan(0);
    expect(await c.call('sync.status')).toMatchObject({ online: true, pending: 0, conflicts: 0, cursor: await head(), hubRestored: { mine: catLost, waiting: 0, refused: 0 } });
    // Every education ticket event on Cat's desk has the number the hub has for it now.
    const hubSeqs = (await query(on('segments_nightly'), "select id::text as id, seq from events where stream = 'ticket' and segment = 'education'")).map((r) => [r.id, Number(r.seq)]).sort();
    const deskSeqs = (c.desk.db.sqlite.prepare('select id, global_seq from ticket_events').all() as { id: string; global_seq: number | null }[]).map((r) => [r.id, r.global_seq]).sort();
    expect(deskSeqs).toEqual(hubSeqs);
  }, 120_000);

  it('a desk that read settings changes the hub lost reads them again in the order their desks send them again: a field ends as the hub’s last change of it set it, as on a new desk', async () => {
    const { backUp, restore } = await hubWithBackups();
    const olga = await makeUser(hub, { email: 'olga@settings.test', name: 'Olga', role: 'admin' });
    const omar = await makeUser(hub, { email: 'omar@settings.test', name: 'Omar', role: 'admin' });
    const sue = await makeUser(hub, { email: 'sue@settings.test', name: 'Sue', role: 'supervisor' });
    const o = await deskFor(olga);
    const m = await deskFor(omar);
    const s = await deskFor(sue);
    for (const p of [o, m, s]) await p.desk.sync.syncNow();
    const policyOf = async (p: Person) => (await p.call('sla.settings')).policies.find((x) => x.id === 'government-premier')!;
    const { version: _v, ...policy } = await policyOf(o);

    // Monday night's backup.
    await backUp('settings_nightly');
    // Tuesday: Olga sets the share of a target at which a ticket is at risk to 60 %, then Omar
    // to 70 %: Sue's desk has 70 %.
    await o.call('sla.savePolicy', { ...policy, atRiskShare: 0.6 });
    await o.desk.sync.syncNow();
    await m.desk.sync.syncNow();
    await m.call('sla.savePolicy', { ...policy, atRiskShare: 0.7 });
    await m.desk.sync.syncNow();
    await s.desk.sync.syncNow();
    expect(await policyOf(s)).toMatchObject({ atRiskShare: 0.7 });

    // Wednesday: Monday night's backup is put back. Omar's desk sends his change again first, then
    // Olga's hers: in the hub's order now Olga's is the last, and a desk new to the hub has 60 %.
    await restore('settings_nightly');
    await m.desk.sync.syncNow();
    await o.desk.sync.syncNow();
    await m.desk.sync.syncNow();
    const fresh = await deskFor(sue);
    expect(await policyOf(fresh)).toMatchObject({ atRiskShare: 0.6 });
    // Sue's desk, which read both in the old order, reads them again in the new: 60 % (it kept 70 %,
    // as Olga's did, her own change pending again there holding the field against Omar's).
    await s.desk.sync.syncNow();
    expect(await policyOf(s)).toEqual(await policyOf(fresh));
    // Omar's and Olga's desks too, whose own changes went again.
    expect(await policyOf(m)).toEqual(await policyOf(fresh));
    expect(await policyOf(o)).toEqual(await policyOf(fresh));
  }, 120_000);

  it('a desk keeps what it sent of other streams than tickets (to send again after a restore) for 30 days after the hub accepted it, not for good', async () => {
    await newHub();
    const ava = await makeUser(hub, { email: 'ava@kept.test', name: 'Ava', role: 'agent', segments: ['education'] });
    const a = await deskFor(ava);
    const kept = () => (a.desk.db.sqlite.prepare('select event_id as id, stream, sent_at as sentAt from sent_events order by global_seq').all() as { id: string; stream: string; sentAt: number }[]);
    await newTicket(a, 'Monday');
    await a.desk.sync.syncNow();
    const monday = kept();
    expect(monday).toEqual([{ id: expect.any(String), stream: 'customer', sentAt: a.desk.clock.now() }]);
    // 29 days on, Monday's record is still kept; 31 days on, it is forgotten when the desk keeps the next.
    const day = 24 * 60 * 60 * 1000;
    a.desk.db.sqlite.prepare('update sent_events set sent_at = sent_at - ?').run(29 * day);
    await newTicket(a, 'Tuesday');
    await a.desk.sync.syncNow();
    expect(kept().map((r) => r.id)).toEqual([monday[0]!.id, expect.any(String)]);
    a.desk.db.sqlite.prepare('update sent_events set sent_at = sent_at - ?').run(2 * day);
    const tuesday = kept()[1]!.id;
    await newTicket(a, 'Wednesday');
    await a.desk.sync.syncNow();
    expect(kept().map((r) => r.id)).toEqual([tuesday, expect.any(String)]);
  }, 120_000);

  it('a desk pulling from a hub before atId (which refuses a parameter it does not know) pulls as before, and names it no more', async () => {
    await newHub();
    const ava = await makeUser(hub, { email: 'ava@older.test', name: 'Ava', role: 'agent', segments: ['education'] });
    const ben = await makeUser(hub, { email: 'ben@older.test', name: 'Ben', role: 'agent', segments: ['education'] });
    // What a hub before atId answers a pull naming it (its pull schema is strict).
    let refused = 0;
    const olderHub: typeof fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes('atId=')) {
        refused++;
        return Promise.resolve(new Response(JSON.stringify({ error: { code: 'bad_request', message: 'Not a valid pull: ✖ Unrecognized key: "atId"' } }), { status: 400, headers: { 'content-type': 'application/json' } }));
      }
      return fetch(input, init);
    };
    const a = await deskFor(ava);
    const b = await deskFor(ben, olderHub);
    const first = await newTicket(a, 'First');
    await a.desk.sync.syncNow();
    await b.desk.sync.syncNow();
    const second = await newTicket(a, 'Second');
    await a.desk.sync.syncNow();
    await b.desk.sync.syncNow();
    await b.desk.sync.syncNow();
    expect(refused).toBe(1);
    expect(await seen(b, first)).toEqual(await seen(a, first));
    expect(await seen(b, second)).toEqual(await seen(a, second));
    expect(await b.call('sync.status')).toMatchObject({ online: true, pending: 0, cursor: ((await a.call('sync.status')) as { cursor: number }).cursor });
  }, 120_000);

  it('an agent pulling from a hub before atSeq (stop 53-54: it knows atId, refuses atSeq) pulls as before, and names only the event at its cursor from then on', async () => {
    await newHub();
    const ava = await makeUser(hub, { email: 'ava@older54.test', name: 'Ava', role: 'agent', segments: ['education'] });
    const gus = await makeUser(hub, { email: 'gus@older54.test', name: 'Gus', role: 'agent', segments: ['government'] });
    let refused = 0;
    let named = 0;
    const olderHub: typeof fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('atSeq=')) {
        refused++;
        return Promise.resolve(new Response(JSON.stringify({ error: { code: 'bad_request', message: 'Not a valid pull: ✖ Unrecognized key: "atSeq"' } }), { status: 400, headers: { 'content-type': 'application/json' } }));
      }
      if (url.includes('atId=')) named++;
      return fetch(input, init);
    };
    const a = await deskFor(ava, olderHub);
    const g = await deskFor(gus);
    const first = await newTicket(a, 'First');
    await a.desk.sync.syncNow();
    // A government ticket: Ava's desk's cursor moves past it, after the last event it read.
    await newTicket(g, 'Other', 'government');
    await g.desk.sync.syncNow();
    await a.desk.sync.syncNow();
    await a.desk.sync.syncNow();
    expect(refused).toBe(1);
    await newTicket(g, 'Second', 'government');
    await g.desk.sync.syncNow();
    const third = await newTicket(a, 'Third');
    await a.desk.sync.syncNow();
    await a.desk.sync.syncNow();
    expect(refused).toBe(1);
    // The event at its cursor is one it read: named (atId alone), as a stop-54 desk would.
    expect(named).toBeGreaterThan(0);
    expect(await seen(a, first)).toMatchObject({ state: 'new' });
    expect(await seen(a, third)).toMatchObject({ state: 'new' });
    await g.desk.sync.syncNow();
    expect(await a.call('sync.status')).toMatchObject({ online: true, pending: 0, cursor: ((await g.call('sync.status')) as { cursor: number }).cursor });
  }, 120_000);
});
