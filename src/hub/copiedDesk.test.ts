import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import BetterSqlite3 from 'better-sqlite3';
import { hubLogger } from './log';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDesk, type Desk } from '../main/core/desk';
import { placeOf } from '../main/core/deskPlace';
import { Sql } from '../main/core/db/exec';
import { deskIdOf } from '../main/core/outbox';
import { TestClock } from '../main/core/testing/deskHarness';
import { startWebProcess, type WebProcess } from '../main/core/testing/processes';
import { apiSocket, type ApiSocket } from '../main/core/testing/apiSocket';
import { say } from '../shared/messageKeys';
import type { HubUser } from './accounts';
import type { Hub } from './server';
import { call, createdPayload, event, hubWithPeople, PASSWORD, signInAt, signInDesk, type DeskPerson, type HubWithPeople } from './testing/hubFixture';
import { DESK_EPOCH_HEADER } from '../shared/deskReport';
import { uuidv7 } from '../main/core/ids';

// A desk's data folder copied to other machines (README, "Imaging machines"): IT sets up one
// desk, joins it to the hub, and copies its folder to the floor's machines. Probed before the
// fix (stop 54): both copies ran as one desk id, one count of pushes and one desk key. Nothing
// was dropped (the hub took each copy for the other restored from a backup: a 409 and a
// renumbering on every turn), but the hub kept one desk for both (one row on the Desks page, one
// sign-in lock for the floor, each copy's changes filed under the same desk), and every copy
// carried the imaging admin's hub session. Now a copy takes an id of its own at its start, and
// the hub refuses a second writer it still sees under one id, whose desk then takes its own.

let fixture: HubWithPeople<'omar' | 'ava' | 'ben'>;
let hub: Hub;
let omar: HubUser;
let ava: HubUser;
let ben: HubUser;
let root: string;
const shells: WebProcess[] = [];
const sockets: ApiSocket[] = [];
const desks: Desk[] = [];
const answers: { path?: string; status?: number }[] = [];

beforeAll(async () => {
  // The hub's request lines, to count how its pushes were answered.
  const lines = new Writable({ write: (chunk: Buffer, _e, next) => (answers.push(...String(chunk).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { path?: string; status?: number })), next()) });
  fixture = await hubWithPeople(
    {
      omar: { email: 'omar@copied.test', name: 'Omar', role: 'admin', segments: ['education'] },
      ava: { email: 'ava@copied.test', name: 'Ava', role: 'agent', segments: ['education'] },
      ben: { email: 'ben@copied.test', name: 'Ben', role: 'agent', segments: ['education'] },
    },
    { hub: { log: hubLogger({ level: 'info', destination: lines }) } },
  );
  ({ hub, dir: root, people: { omar, ava, ben } } = fixture);
}, 60_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const d of desks) d.close();
  await Promise.all(shells.map((s) => (s.child.kill('SIGTERM'), s.exited)));
  await fixture?.close();
}, 60_000);

/** IT's desk: joined to the hub, the admin signed in through it (the hub registers it), closed. Answers its desk id. */
async function imageDesk(dir: string): Promise<string> {
  const d = await fixture.openDesk({ dataDir: dir });
  await signInAt(d, omar);
  const id = deskIdOf(new Sql(d.db.sqlite, d.db.kysely));
  d.close();
  return id;
}

const school = (n: string) => ({ kind: 'organisation', name: `Lakeside School ${n}`, segment: 'education', serviceLevel: 'standard', email: `office${n}@lakeside.example`, phone: '+1 415 555 0100' });

/** Waits until `ok` holds (each look a few ms apart), failing with what it last saw. */
async function until<T>(look: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await look();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`not reached: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const hubEvents = (ticketId: string) => hub.db.selectFrom('events').select(['id', 'type', 'actor_id', 'desk_id']).where('ticket_id', '=', ticketId).orderBy('seq').execute();
/** What a desk's file holds (read through the desk, which decodes its compact ids): its id, and whether it keeps the imaging admin's hub session. */
async function readDesk(dir: string) {
  const d = await openDesk({ dataDir: dir, readOnly: true });
  try {
    const db = new Sql(d.db.sqlite, d.db.kysely);
    const tokens = db.all(db.kysely.selectFrom('hub_accounts').select(['user_id', 'token']).where('token', 'is not', null)).filter((a) => a.user_id === omar.id).length;
    return { deskId: deskIdOf(db), tokens };
  } finally {
    d.close();
  }
}

describe('a desk whose data folder was copied', () => {
  it('two desk processes on copies of one joined desk: the copy takes its own id before it sends, both desks’ work reaches the hub and each other once', async () => {
    const original = join(root, 'image');
    const imaged = join(root, 'machine-2');
    const imageId = await imageDesk(original);
    cpSync(original, imaged, { recursive: true });

    answers.length = 0;
    const started = performance.now();
    const [a, b] = await Promise.all([startWebProcess(['--data', original]), startWebProcess(['--data', imaged])]);
    shells.push(a, b);
    const onA = await apiSocket(a.url);
    const onB = await apiSocket(b.url);
    sockets.push(onA, onB);
    await onA.call('session.signInWithPassword', { email: ava.email, password: PASSWORD });
    await onB.call('session.signInWithPassword', { email: ben.email, password: PASSWORD });

    // Both at once: each opens a ticket for a school and takes it; Ava then adds a note.
    const work = async (api: ApiSocket, n: string) => {
      const { customerId } = await api.call<{ customerId: string }>('customers.create', { customer: school(n), asset: null });
      const t = await api.call<{ ticket: { id: string } }>('tickets.create', { customerId, subject: `Chromebooks drop Wi-Fi ${n}` });
      await api.call('tickets.act', { ticketId: t.ticket.id, command: { type: 'TAKE' } });
      return t.ticket.id;
    };
    const [t1, t2] = await Promise.all([work(onA, 'A'), work(onB, 'B')]);
    await onA.call('tickets.act', { ticketId: t1, command: { type: 'ADD_NOTE', note: 'Access point firmware.' } });

    // Each desk shows both tickets, taken by their own agent, with nothing left to send.
    type Status = { pending: number; conflicts: number };
    type Ticket = { ticket: { assigneeId: string | null }; timeline: unknown[] };
    const seen = async (api: ApiSocket) => {
      const get = (id: string) => api.call<Ticket>('tickets.get', { ticketId: id }).then((t) => ({ who: t.ticket.assigneeId, steps: t.timeline.length }), () => null);
      return { status: await api.call<Status>('sync.status'), t1: await get(t1), t2: await get(t2) };
    };
    for (const api of [onA, onB]) {
      const v = await until(() => seen(api), (v) => v.status.pending === 0 && v.t1?.who === ava.id && v.t1.steps >= 3 && v.t2?.who === ben.id);
      expect(v.status.conflicts).toBe(0);
      expect(v.t1).toEqual((await seen(onA)).t1);
      expect(v.t2).toEqual((await seen(onB)).t2);
    }
    const ms = Math.round(performance.now() - started);
    for (const sock of [onA, onB]) sock.close();
    await Promise.all([a, b].map((s) => (s.child.kill('SIGTERM'), s.exited)));
    const observed = {
      ms,
      pushes: answers.filter((l) => l.path === '/sync/push').map((l) => l.status),
      deskIds: { a: (await hubEvents(t1)).map((e) => e.desk_id), b: (await hubEvents(t2)).map((e) => e.desk_id), image: imageId },
      hubDesks: (await hub.db.selectFrom('desks').select('id').execute()).length,
      onDisk: { original: await readDesk(original), copy: await readDesk(imaged) },
    };
    console.log(`copied desk: ${JSON.stringify(observed)}`);

    // On the hub: each ticket's steps once, each desk's under its own id, the image's kept by
    // the desk that stayed where it was set up.
    const e1 = await hubEvents(t1);
    const e2 = await hubEvents(t2);
    expect(e1.map((e) => e.type)).toEqual(['CREATED', 'TAKE', 'ADD_NOTE']);
    expect(e2.map((e) => e.type)).toEqual(['CREATED', 'TAKE']);
    expect(new Set([...e1, ...e2].map((e) => e.id)).size).toBe(e1.length + e2.length);
    expect(new Set(e1.map((e) => e.desk_id))).toEqual(new Set([imageId]));
    const copyIds = new Set(e2.map((e) => e.desk_id));
    expect(copyIds.size).toBe(1);
    expect(copyIds.has(imageId)).toBe(false);
    const registered = await hub.db.selectFrom('desks').select('id').execute();
    expect(registered.map((r) => r.id).sort()).toEqual([imageId, ...copyIds].sort());
    expect(b.stderr()).toMatch(/copied from desk/);
    // Neither desk's count of pushes was set back by the other's (each a 409 taken for a restore).
    const pushes = answers.filter((l) => l.path === '/sync/push');
    expect(pushes.length).toBeGreaterThan(1);
    expect(pushes.filter((l) => l.status !== 200)).toEqual([]);

    // The copy holds no hub session of the admin who set the image up; the original still does.
    expect(await readDesk(imaged)).toEqual({ deskId: [...copyIds][0], tokens: 0 });
    expect(await readDesk(original)).toEqual({ deskId: imageId, tokens: 1 });
  }, 90_000);

  it('a copy the desk could not tell (a clone of the whole disk) is refused by the hub as a second writer, takes its own id, and loses nothing', async () => {
    const first = join(root, 'clone-a');
    const second = join(root, 'clone-b');
    const imageId = await imageDesk(first);
    cpSync(first, second, { recursive: true });
    // What a block copy of the disk keeps: the same machine id, folder and file, as far as the copy can see.
    const raw = new BetterSqlite3(join(second, 'tagdesk.sqlite'));
    raw.prepare(`update meta set value = ? where key = 'desk_place'`).run(JSON.stringify(placeOf(second, join(second, 'tagdesk.sqlite'), JSON.parse(raw.prepare(`select value from meta where key = 'desk_place'`).pluck().get() as string).machine)));
    raw.close();
    const open = (dir: string) => openDesk({ dataDir: dir, clock: new TestClock(Date.now()), testClock: true, sync: { live: false } });
    const c = await open(first);
    const d = await open(second);
    desks.push(c, d);
    const idOf = (x: Desk) => deskIdOf(new Sql(x.db.sqlite, x.db.kysely));
    expect([idOf(c), idOf(d)]).toEqual([imageId, imageId]);
    const onC: DeskPerson = await signInAt(c, ava);
    const onD: DeskPerson = await signInAt(d, ben);
    const newTicket = async (p: DeskPerson, n: string) => {
      const { customerId } = await p.call('customers.create', { customer: school(n) as never, asset: null });
      return (await p.call('tickets.create', { customerId, subject: `Projector will not pair ${n}` })).ticket.id;
    };
    const t1 = await newTicket(onC, 'C');
    await c.sync.syncNow();
    // The second desk's count went back: the hub takes it, once, for a desk restored from a backup.
    const t2 = await newTicket(onD, 'D');
    await d.sync.syncNow();
    expect(await onD.call('sync.status')).toMatchObject({ pending: 0, conflicts: 0 });
    // The first desk's count went back too, behind what was sent since: a second writer.
    await onC.call('tickets.act', { ticketId: t1, command: { type: 'TAKE' } });
    await c.sync.syncNow();
    expect(idOf(c)).not.toBe(imageId);
    expect(idOf(d)).toBe(imageId);
    const held = await onC.call('sync.status');
    expect(held).toMatchObject({ pending: 1 });
    expect(held.mode === 'hub' && held.waiting).toContain(say('deskRekeyed'));
    // Ava signs in again: her take goes under the desk's new id, and reaches the other desk.
    await onC.call('session.signInWithPassword', { email: ava.email, password: PASSWORD });
    await c.sync.syncNow();
    const after = await onC.call('sync.status');
    expect(after).toMatchObject({ pending: 0, conflicts: 0 });
    expect(after.mode === 'hub' && after.waiting).not.toContain(say('deskRekeyed'));
    expect((await hubEvents(t1)).map((e) => [e.type, e.desk_id])).toEqual([['CREATED', imageId], ['TAKE', idOf(c)]]);
    await d.sync.syncNow();
    expect((await onD.call('tickets.get', { ticketId: t1 })).ticket.assigneeId).toBe(ava.id);
    await c.sync.syncNow();
    expect((await onC.call('tickets.get', { ticketId: t2 })).ticket.state).toBe('new');
  }, 60_000);

  it('the hub: a count that went back is a restore once per epoch, a retry of its 409 is too; a desk of an older epoch going back after others were sent is refused; a desk sending no epoch is judged as before', async () => {
    const desk = await signInDesk(hub, ava);
    const send = async (deskSeq: number, epoch: number | null) => {
      const body = { deskId: desk.deskId, events: [{ deskSeq, event: event(desk, uuidv7(), 1, 'CREATED', createdPayload('education')) }] };
      return call<{ error?: { code: string; message: string; lastDeskSeq?: number; epoch?: number } }>(hub.url, 'POST', '/sync/push', { body, token: desk.token, headers: epoch === null ? {} : { [DESK_EPOCH_HEADER]: String(epoch) } });
    };
    expect((await send(1, 0)).status).toBe(200);
    expect((await send(2, 0)).status).toBe(200);
    // Restored from a backup taken after its first push: numbered 2 again. The 409 says the next epoch...
    expect(await send(2, 0)).toMatchObject({ status: 409, body: { error: { code: 'conflict', lastDeskSeq: 2, epoch: 1 } } });
    // ...and said again when that answer was lost on the way (nothing was sent since).
    expect(await send(2, 0)).toMatchObject({ status: 409, body: { error: { code: 'conflict', lastDeskSeq: 2, epoch: 1 } } });
    expect((await send(3, 1)).status).toBe(200);
    expect((await send(4, 1)).status).toBe(200);
    // A copy still in epoch 0, numbering from its own count: a second writer under this id.
    expect(await send(3, 0)).toMatchObject({ status: 409, body: { error: { code: 'desk_copied', message: say('deskCopied') } } });
    // A desk from before the epoch (no header): as before, numbered after the hub's count.
    expect(await send(3, null)).toMatchObject({ status: 409, body: { error: { code: 'conflict', lastDeskSeq: 4 } } });
    expect((await send(5, null)).status).toBe(200);
  });
});
