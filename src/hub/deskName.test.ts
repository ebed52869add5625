import { cpSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../main/core/desk';
import { Sql } from '../main/core/db/exec';
import { deskIdOf } from '../main/core/outbox';
import { deskNameFromHost } from '../shared/deskName';
import { say } from '../shared/messageKeys';
import type { HubUser } from './accounts';
import type { Hub } from './server';
import WebSocket from 'ws';
import { uuidv7 } from '../main/core/ids';
import { DESK_NAME_HEADER } from '../shared/deskReport';
import type { PresenceShown } from './presence';
import { call, event, hubWithPeople, makeUser, pushEvents, signInAt, signInDesk, type HubWithPeople } from './testing/hubFixture';

// A desk's name (src/shared/deskName.ts): its machine's host name at its first start, renamed by
// an admin; it reaches the hub with the desk's calls and is what the Desks page shows. A desk
// older than names (it states none) keeps working, shown by its short id. A copy of a desk's
// folder (an imaged machine) takes its own machine's name and says, once, that it was copied.

let fixture: HubWithPeople<'omar' | 'ava'>;
let hub: Hub;
let omar: HubUser;
let ava: HubUser;
let root: string;
const host = deskNameFromHost(hostname());

beforeAll(async () => {
  fixture = await hubWithPeople({
    omar: { email: 'omar@names.test', name: 'Omar', role: 'admin', segments: ['education'] },
    ava: { email: 'ava@names.test', name: 'Ava', role: 'agent', segments: ['education'] },
  });
  ({ hub, dir: root, people: { omar, ava } } = fixture);
}, 60_000);

afterAll(() => fixture?.close(), 60_000);

const open = (dir: string) => fixture.openDesk({ dataDir: dir });
const idOf = (d: Desk) => deskIdOf(new Sql(d.db.sqlite, d.db.kysely));
const namesOnHub = async () => Object.fromEntries((await hub.db.selectFrom('desks').select(['id', 'name']).execute()).map((r) => [r.id, r.name]));

describe('a desk’s name', () => {
  it('is its host name from its first start, reaches the hub, and an admin’s rename reaches it at the next sync; a desk that states none keeps working, unnamed', async () => {
    expect(host).not.toBeNull();
    const d = await open(join(root, 'front-row'));
    const admin = await signInAt(d, omar);
    expect(await admin.call('deskName.get')).toEqual({ name: host, deskId: idOf(d) });
    expect((await namesOnHub())[idOf(d)]).toBe(host);

    // Refused, with the words and nothing changed: an empty name, one too long, an agent renaming.
    await expect(admin.call('deskName.set', { name: '   ' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(admin.call('deskName.set', { name: 'x'.repeat(61) })).rejects.toThrow();
    const agent = await signInAt(d, ava);
    await expect(agent.call('deskName.set', { name: 'Mine' })).rejects.toThrow(say('deskNameAdminsOnly'));
    expect((await agent.call('deskName.get')).name).toBe(host);

    expect(await admin.call('deskName.set', { name: '  میز ۷ ردیف جلو ' })).toEqual({ name: 'میز ۷ ردیف جلو', deskId: idOf(d) });
    await d.sync.syncNow();
    expect((await namesOnHub())[idOf(d)]).toBe('میز ۷ ردیف جلو');
    const status = await admin.call('sync.status');
    expect(status.mode === 'hub' && status.deskName).toBe('میز ۷ ردیف جلو');
    // The Desks page, through the desk: this desk by its name.
    const list = await admin.call('hubDesks.list');
    expect(list.desks.find((x) => x.id === idOf(d))?.name).toBe('میز ۷ ردیف جلو');

    // A desk older than names: its calls state none; it syncs as before and is listed unnamed.
    const old = await signInDesk(hub, ava);
    expect((await call(hub.url, 'GET', '/sync/pull?after=0', { token: old.token })).status).toBe(200);
    expect((await namesOnHub())[old.deskId]).toBeNull();
    const again = await admin.call('hubDesks.list');
    expect(again.desks.find((x) => x.id === old.deskId)?.name).toBeNull();
    d.close();
  }, 60_000);

  it('a copy of a named desk’s folder takes its machine’s name and a new id, and tells whoever signs in first, until dismissed', async () => {
    const image = join(root, 'image');
    const d = await open(image);
    const admin = await signInAt(d, omar);
    await admin.call('deskName.set', { name: 'Imaging master' });
    await d.sync.syncNow();
    const imageId = idOf(d);
    d.close();

    cpSync(image, join(root, 'machine-2'), { recursive: true });
    const copy = await open(join(root, 'machine-2'));
    expect(idOf(copy)).not.toBe(imageId);
    const first = await signInAt(copy, ava);
    expect(await first.call('deskName.get')).toEqual({ name: host, deskId: idOf(copy) });
    const status = await first.call('sync.status');
    expect(status.mode === 'hub' && status.rekeyed).toMatchObject({ fromName: 'Imaging master' });
    expect(await namesOnHub()).toMatchObject({ [imageId]: 'Imaging master', [idOf(copy)]: host });

    // Signing in through the hub ends the tooltip's sentence, not the notice: it stays until dismissed.
    expect(status.mode === 'hub' && status.waiting).not.toContain(say('deskRekeyed'));
    await first.call('sync.dismissRekeyed');
    const after = await first.call('sync.status');
    expect(after.mode === 'hub' && after.rekeyed).toBeUndefined();
    const next = await signInAt(copy, omar);
    const theirs = await next.call('sync.status');
    expect(theirs.mode === 'hub' && theirs.rekeyed).toBeUndefined();
  }, 60_000);

  it('is where people are on a ticket: "Sam is viewing, at FRONT-ROW-07", live and when asked', async () => {
    const sam = await signInDesk(hub, await makeUser(hub, { email: 'sam@names.test', name: 'Sam', role: 'agent', segments: ['education'] }));
    const lea = await signInDesk(hub, await makeUser(hub, { email: 'lea@names.test', name: 'Lea', role: 'agent', segments: ['education'] }));
    const t = `T-${uuidv7()}`;
    expect((await pushEvents(hub, sam, [event(sam, t, 1, 'CREATED', { segment: 'education' })])).body.results[0]?.status).toBe('accepted');
    // Sam's desk states its name with a call, as a desk does with each.
    expect((await call(hub.url, 'GET', '/sync/pull?after=0', { token: sam.token, headers: { [DESK_NAME_HEADER]: encodeURIComponent('FRONT-ROW-07') } })).status).toBe(200);
    const ws = new WebSocket(hub.url.replace('http', 'ws') + '/sync/live', { headers: { authorization: `Bearer ${sam.token}` } });
    await new Promise((ready) => ws.once('message', ready));
    const leaWs = new WebSocket(hub.url.replace('http', 'ws') + '/sync/live', { headers: { authorization: `Bearer ${lea.token}` } });
    const heard = new Promise<Record<string, unknown>>((done) => leaWs.on('message', (raw) => { const m = JSON.parse(String(raw)) as Record<string, unknown>; if (m.type === 'presence' && m.ticketId === t) done(m); }));
    await new Promise((ready) => leaWs.once('message', ready));
    ws.send(JSON.stringify({ type: 'presence', ticketId: t, state: 'viewing' }));
    expect(await heard).toMatchObject({ userId: sam.user.id, deskId: sam.deskId, deskName: 'FRONT-ROW-07', state: 'viewing' });
    const asked = await call<{ presence: PresenceShown[] }>(hub.url, 'GET', `/presence?ticketId=${t}`, { token: lea.token });
    expect(asked.body.presence).toEqual([expect.objectContaining({ userId: sam.user.id, deskName: 'FRONT-ROW-07' })]);
    const bySam = await call<{ presence: PresenceShown[] }>(hub.url, 'GET', `/presence?ticketId=${t}`, { token: sam.token });
    expect(bySam.body.presence).toEqual([]);
    ws.close();
    leaWs.close();
  }, 60_000);
});
