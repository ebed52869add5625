import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Desk } from '../main/core/desk';
import { Sql } from '../main/core/db/exec';
import { uuidv7 } from '../main/core/ids';
import { deskIdOf, outbox } from '../main/core/outbox';
import type { HubUser } from './accounts';
import type { Hub } from './server';
import { call, hubWithPeople, signInAt, signInDesk, type DeskPerson, type HubWithPeople } from './testing/hubFixture';

// A change the hub refused reaches its author's conflicts page even when the answer to the push
// that carried it never reached the desk, and the desk's next pulls are made with another person's
// session (the hub tells a pull the refusals of the person whose session makes it).

let fixture: HubWithPeople<'ava' | 'ben' | 'omar' | 'cleo' | 'zoe'>;
let hub: Hub;
let ava: HubUser;
let ben: HubUser;
let omar: HubUser;
let cleo: HubUser;
let zoe: HubUser;
const servers: ReturnType<typeof createServer>[] = [];

beforeAll(async () => {
  fixture = await hubWithPeople({
    ava: { email: 'ava@desk.test', name: 'Ava', role: 'agent', segments: ['education'] },
    ben: { email: 'ben@desk.test', name: 'Ben', role: 'agent', segments: ['education'] },
    omar: { email: 'omar@desk.test', name: 'Omar', role: 'admin' },
    cleo: { email: 'cleo@desk.test', name: 'Cleo', role: 'agent', segments: ['education'] },
    zoe: { email: 'zoe@desk.test', name: 'Zoe', role: 'agent', segments: ['education'] },
  });
  ({ hub, people: { ava, ben, omar, cleo, zoe } } = fixture);
}, 60_000);

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  await fixture?.close();
}, 60_000);

/**
 * A proxy in front of the hub. A push made with the session `dropFor` names reaches the hub, which
 * answers it (and commits); the proxy reads that answer whole, then cuts the desk's connection
 * instead of passing it on: the answer is lost on the way, as when the network fails just then.
 */
async function lossyProxy(): Promise<{ url: string; dropFor: { token: string | null }; dropped: { n: number } }> {
  const dropFor: { token: string | null } = { token: null };
  const dropped = { n: 0 };
  const proxy = createServer((req, res) => {
    const lose = req.method === 'POST' && (req.url ?? '').startsWith('/sync/push') && dropFor.token !== null && req.headers.authorization === `Bearer ${dropFor.token}`;
    const upstream = httpRequest(`${hub.url}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer: IncomingMessage) => {
      if (lose) {
        answer.resume();
        answer.on('end', () => {
          dropped.n++;
          res.destroy();
        });
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  servers.push(proxy);
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, dropFor, dropped };
}

/** A change of a stream the hub does not take: it refuses it, addressed to its author at this desk. */
function refusable(desk: Desk, user: { id: string; name: string }): string {
  const db = new Sql(desk.db.sqlite, desk.db.kysely);
  const box = outbox(db, deskIdOf(db));
  const id = uuidv7();
  db.write(() =>
    box.append({ id, stream: 'gossip', entityId: uuidv7(), seq: 1, type: 'NOTE_SET', payloadVersion: 1, payload: { text: `from ${user.name}` }, actor: { id: user.id, role: 'agent', tier: 1, segments: ['education'] }, deskId: box.deskId, deskTime: Date.now(), globalSeq: null }),
  );
  return id;
}

const refusalId = async (eventId: string) => (await hub.db.selectFrom('refusals').select('id').where('event_id', '=', eventId).executeTakeFirst())?.id;

describe('a refused change whose push answer was lost', () => {
  it('reaches its author’s conflicts page though the desk’s pulls are made with another person’s session', async () => {
    const proxy = await lossyProxy();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const desk = await fixture.openDesk({ hubUrl: proxy.url });
      const a: DeskPerson = await signInAt(desk, ava);
      const b: DeskPerson = await signInAt(desk, ben);
      const sql = desk.db.sqlite;
      // Ben signed in last: the desk follows the hub with his session.
      sql.prepare('update hub_accounts set signed_in_at = signed_in_at + 1000 where user_id = ?').run(ben.id);
      const session = sql.prepare('select token, token_expires_at as expires from hub_accounts where user_id = ?').get(ava.id) as { token: string; expires: number };

      // Ava's change goes; the hub refuses it, but its answer never reaches the desk.
      proxy.dropFor.token = session.token;
      const hers = refusable(desk, ava);
      await desk.sync.syncNow();
      expect(await refusalId(hers)).toBeDefined();
      expect(proxy.dropped.n).toBeGreaterThan(0);
      expect(await a.call('sync.conflicts')).toEqual([]);
      proxy.dropFor.token = null;

      // Her session here lapses meanwhile (her change waits for her), and Ben's own refused change
      // comes back to him: the hub's answers to his pulls go past her refusal's number.
      sql.prepare('update hub_accounts set token_expires_at = 1 where user_id = ?').run(ava.id);
      const his = refusable(desk, ben);
      await desk.sync.syncNow();
      expect((await b.call('sync.conflicts')).map((c) => c.eventId)).toEqual([his]);
      expect(await refusalId(his)).toBeGreaterThan((await refusalId(hers))!);

      // Her session is good again; Ben's still makes the desk's pulls. Her change goes again, the
      // hub has it already, and she is told it was refused.
      sql.prepare('update hub_accounts set token_expires_at = ? where user_id = ?').run(session.expires, ava.id);
      await desk.sync.syncNow();
      const mine = await a.call('sync.conflicts');
      expect(mine.map((c) => ({ eventId: c.eventId, stream: c.stream, actorId: c.actorId }))).toEqual([{ eventId: hers, stream: 'gossip', actorId: ava.id }]);
      expect(mine[0]!.reason).toMatch(/does not take 'gossip' changes/);
      expect(await a.call('sync.status')).toMatchObject({ pending: 0 });
      expect((await b.call('sync.conflicts')).map((c) => c.eventId)).toEqual([his]);
    } finally {
      warn.mockRestore();
    }
  });
});

/** One of the desk's own accounts, which the hub has none for (an import's): an admin's session carries its work. */
function importAccount(desk: Desk): { id: string; name: string } {
  const account = { id: uuidv7(), name: 'Import from csv' };
  desk.db.sqlite
    .prepare("insert into users (id, name, email, role, tier, segments, active, created_at) values (?, ?, 'import-csv@tagdesk.local', 'agent', 1, ?, 1, ?)")
    .run(account.id, account.name, JSON.stringify(['education']), Date.now());
  return account;
}

/** An admin's change to someone at the hub (role, active), as the People page makes it. */
async function changeAtHub(user: HubUser, change: Record<string, unknown>): Promise<void> {
  const admin = await signInDesk(hub, omar);
  expect((await call(hub.url, 'PATCH', `/admin/users/${user.id}`, { token: admin.token, body: change })).status).toBe(200);
}

const refusalsCursor = (desk: Desk, user: HubUser) => desk.db.sqlite.prepare('select refusals_after from hub_accounts where user_id = ?').pluck().get(user.id) as number;
const inOutbox = (desk: Desk, eventId: string) => desk.db.sqlite.prepare('select count(*) from outbox where event_id = ?').pluck().get(eventId) as number;

describe('refusals nobody at the desk can read as their own go to its admins', () => {
  it('an admin appointed after a desk account’s refusal was written, whose refusals cursor had gone past it as an agent, is told of it', async () => {
    const proxy = await lossyProxy();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const desk = await fixture.openDesk({ hubUrl: proxy.url });
      const o = await signInAt(desk, omar);
      const c = await signInAt(desk, cleo);
      const sql = desk.db.sqlite;
      const importer = importAccount(desk);
      // Cleo signed in last: the desk follows the hub with her session (an agent's).
      sql.prepare('update hub_accounts set signed_in_at = signed_in_at + 1000 where user_id = ?').run(cleo.id);
      const omarSession = sql.prepare('select token from hub_accounts where user_id = ?').pluck().get(omar.id) as string;

      // Omar's session carries the import's change; the hub refuses it, but its answer is lost.
      proxy.dropFor.token = omarSession;
      const imported = refusable(desk, importer);
      await desk.sync.syncNow();
      expect(await refusalId(imported)).toBeDefined();
      expect(proxy.dropped.n).toBeGreaterThan(0);
      proxy.dropFor.token = null;
      expect(inOutbox(desk, imported)).toBe(1);

      // Omar's session here lapses (the import waits for an admin); Cleo's own change is refused
      // and read with her session: her refusals cursor goes past the import's refusal.
      sql.prepare('update hub_accounts set token_expires_at = 1 where user_id = ?').run(omar.id);
      const hers = refusable(desk, cleo);
      await desk.sync.syncNow();
      expect((await c.call('sync.conflicts')).map((x) => x.eventId)).toEqual([hers]);
      expect(refusalsCursor(desk, cleo)).toBeGreaterThanOrEqual((await refusalId(hers))!);
      expect(await refusalId(hers)).toBeGreaterThan((await refusalId(imported))!);

      // Cleo is made an admin at the hub (her session ends) and signs in here again: her session
      // carries the import's change, which the hub has already; she is told it was refused.
      await changeAtHub(cleo, { role: 'admin', segments: [] });
      const cleoAdmin = await signInAt(desk, cleo);
      await desk.sync.syncNow();
      expect(inOutbox(desk, imported)).toBe(0);
      const told = await cleoAdmin.call('sync.conflicts');
      expect(told.map((x) => ({ eventId: x.eventId, deskAccount: x.deskAccount }))).toEqual([
        { eventId: imported, deskAccount: importer.name },
        { eventId: hers, deskAccount: undefined },
      ]);
      expect(told[0]!.reason).toMatch(/does not take 'gossip' changes/);
      // And Omar, an admin all along, when he signs in here again; one of them dismisses it for both.
      sql.prepare('update hub_accounts set token_expires_at = ? where user_id = ?').run(Date.now() + 3_600_000, omar.id);
      expect((await o.call('sync.conflicts')).map((x) => x.eventId)).toEqual([imported]);
      await o.call('sync.dismissConflict', { eventId: imported });
      expect((await cleoAdmin.call('sync.conflicts')).map((x) => x.eventId)).toEqual([hers]);
    } finally {
      warn.mockRestore();
    }
  });

  it('a change whose push answer was lost, of someone deactivated before it went again, reaches the admins naming them and the reason', async () => {
    const proxy = await lossyProxy();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const desk = await fixture.openDesk({ hubUrl: proxy.url });
      const z = await signInAt(desk, zoe);
      const o = await signInAt(desk, omar);
      const sql = desk.db.sqlite;
      // Omar signed in last: the desk follows the hub with his session.
      sql.prepare('update hub_accounts set signed_in_at = signed_in_at + 1000 where user_id = ?').run(omar.id);
      const zoeSession = sql.prepare('select token from hub_accounts where user_id = ?').pluck().get(zoe.id) as string;

      // Zoe's change goes; the hub refuses it, but its answer never reaches the desk.
      proxy.dropFor.token = zoeSession;
      const hers = refusable(desk, zoe);
      await desk.sync.syncNow();
      expect(await refusalId(hers)).toBeDefined();
      expect(proxy.dropped.n).toBeGreaterThan(0);
      proxy.dropFor.token = null;
      expect(await z.call('sync.conflicts')).toEqual([]);

      // Her session here lapses meanwhile (her change waits for her), and Omar's own refused
      // change moves his refusals cursor past hers.
      sql.prepare('update hub_accounts set token_expires_at = 1 where user_id = ?').run(zoe.id);
      const his = refusable(desk, omar);
      await desk.sync.syncNow();
      expect(refusalsCursor(desk, omar)).toBeGreaterThan((await refusalId(hers))!);

      // Zoe is deactivated at the hub before her change went again: no session of hers can be had.
      expect(inOutbox(desk, hers)).toBe(1);
      await changeAtHub(zoe, { active: false });
      await desk.sync.syncNow();
      const told = await o.call('sync.conflicts');
      expect(told.map((x) => ({ eventId: x.eventId, actorId: x.actorId, by: x.deactivatedAuthor }))).toEqual([
        { eventId: hers, actorId: zoe.id, by: 'Zoe' },
        { eventId: his, actorId: omar.id, by: undefined },
      ]);
      expect(told[0]!.reason).toMatch(/does not take 'gossip' changes/);
      expect(inOutbox(desk, hers)).toBe(0);
      expect(await o.call('sync.status')).toMatchObject({ pending: 0, waiting: [] });
      await o.call('sync.dismissConflict', { eventId: hers });
      expect((await o.call('sync.conflicts')).map((x) => x.eventId)).toEqual([his]);
    } finally {
      warn.mockRestore();
    }
  });
});
