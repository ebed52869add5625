import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createUser, type HubUser } from '../accounts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embeddedPostgres';
import type { Envelope } from '../envelope';
import { hubLogger } from '../log';
import { startHub, type Hub, type HubOptions } from '../server';
import { uuidv7 } from '../../main/core/ids';
import { openDesk, type Desk, type DeskOptions } from '../../main/core/desk';
import { callsOf, TestClock } from '../../main/core/testing/deskHarness';
import type { Input, Method, Output } from '../../shared/api';

// One real PostgreSQL per test file (initdb costs seconds; a database costs a fraction of
// one): each test that needs a clean slate asks for a fresh database on it.

export interface TestPostgres {
  dir: string;
  server: EmbeddedPostgres;
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export async function testPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'tagdesk-hub-test-'));
  chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({ dir: join(dir, 'pg') });
  let n = 0;
  return {
    dir,
    server,
    async freshDatabase() {
      const name = `hub_${++n}`;
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      return server.url.replace(/\/postgres$/, `/${name}`);
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const quietLog = () => hubLogger({ level: 'silent' });

export async function testHub(databaseUrl: string, options: Partial<HubOptions> = {}): Promise<Hub> {
  return startHub({ databaseUrl, log: quietLog(), port: 0, ...options });
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** A JSON call to the hub, the way a desk makes it. */
export async function call<T = Record<string, unknown>>(
  hubUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(hubUrl + path, { method, headers, body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

export interface TestDesk {
  deskId: string;
  deskKey: string;
  token: string;
  user: HubUser;
  seq: number;
}

const PASSWORD = 'correct horse battery';

/** A user made straight in the database (admin API tests make theirs through HTTP). */
export async function makeUser(hub: Hub, who: { email: string; role: HubUser['role']; tier?: 1 | 2 | 3; segments?: HubUser['segments']; name?: string }): Promise<HubUser> {
  return createUser(hub.db, { name: who.name ?? who.email.split('@')[0], password: PASSWORD, tier: 1, segments: [], ...who }, Date.now());
}

/** Signs a user in from a new desk. */
export async function signInDesk(hub: Hub, user: HubUser, deskId = uuidv7()): Promise<TestDesk> {
  const deskKey = `key-${uuidv7()}`;
  const r = await call<{ token: string }>(hub.url, 'POST', '/auth/sign-in', { body: { email: user.email, password: PASSWORD, deskId, deskKey } });
  if (r.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(r.body)}`);
  return { deskId, deskKey, token: r.body.token, user, seq: 0 };
}

export { PASSWORD };

/** What a CREATED event carries beyond its segment, as a desk fills it. */
const CREATED_DEFAULTS = {
  number: 1,
  customerName: 'Lakeside School District',
  assetId: null,
  serviceTag: null,
  serviceLevel: 'standard',
  priority: 'normal',
  subject: 'Fan noise after BIOS update',
  description: '',
  channel: 'phone',
  reopenWindowMs: 7 * 24 * 60 * 60_000,
  policy: null,
};

/** A CREATED payload as a desk fills it, for a ticket of that segment. */
export const createdPayload = (segment: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ ...CREATED_DEFAULTS, customerId: uuidv7(), segment, ...extra });

/** An event as a desk makes it, by the desk's signed-in user. */
export function event(desk: TestDesk, ticketId: string, seq: number, type: string, payload: Record<string, unknown> = {}): Envelope {
  const body = type === 'CREATED' ? { ...CREATED_DEFAULTS, customerId: uuidv7(), ...payload } : payload;
  return {
    id: uuidv7(),
    stream: 'ticket',
    entityId: ticketId,
    seq,
    type,
    payloadVersion: 1,
    payload: body,
    actor: { id: desk.user.id, role: desk.user.role, tier: desk.user.tier, segments: desk.user.segments },
    deskId: desk.deskId,
    deskTime: Date.now(),
    globalSeq: null,
  };
}

/** Pushes events with the desk's next desk seqs (given back when the push is refused whole). */
export async function pushEvents(hub: Hub, desk: TestDesk, events: Envelope[]) {
  const before = desk.seq;
  const body = { deskId: desk.deskId, events: events.map((e) => ({ deskSeq: ++desk.seq, event: e })) };
  const r = await call<{ lastDeskSeq: number; results: { status: string; globalSeq?: number; reason?: string; id: string }[] }>(hub.url, 'POST', '/sync/push', { body, token: desk.token });
  if (r.status !== 200) desk.seq = before;
  return r;
}

/** Someone signed in at a desk joined to a hub: `call` throws the desk's refusal as an Error carrying its code. */
export interface DeskPerson {
  desk: Desk;
  call<M extends Method>(method: M, input?: Input<M>): Promise<Output<M>>;
}

/** `user` signed in through `d` with the test password, and the desk synced unless told not to. */
export async function signInAt(d: Desk, user: HubUser, sync = true): Promise<DeskPerson> {
  const call = callsOf(d.connect(() => undefined));
  await call('session.signInWithPassword', { email: user.email, password: PASSWORD });
  if (sync) await d.sync.syncNow();
  return { desk: d, call };
}

/** One of the people a test file's hub starts with: what `makeUser` takes. */
export type PersonOnHub = Parameters<typeof makeUser>[1];

export interface HubWithPeople<P extends string, S extends P = never> {
  pg: TestPostgres;
  hub: Hub;
  /** The hub's address, and its database's (a second hub on the same database starts on it). */
  url: string;
  databaseUrl: string;
  /** The people, made straight in the database; each signs in with `password`. */
  people: Record<P, HubUser>;
  password: string;
  /** A hub session, from a new desk, for each person named in `sessions`. */
  sessions: Record<S, TestDesk>;
  /** A folder for the file's desks and files, removed at `close`. */
  dir: string;
  /**
   * A desk joined to this hub on a test clock at the machine's time, syncing only when told
   * (`options` change any of that). Closed at `close` unless the test closed it before.
   */
  openDesk(options?: Partial<DeskOptions>): Promise<Desk>;
  /** A new desk (as `openDesk`) with `user` signed in through it, synced. */
  deskFor(user: HubUser, options?: Partial<DeskOptions>): Promise<DeskPerson>;
  /** Closes the desks still open, the hub and the PostgreSQL server, and removes `dir`. */
  close(): Promise<void>;
}

/**
 * A test file's hub: one embedded PostgreSQL (for the whole file: `pg.freshDatabase()` gives
 * more databases on it), a hub on a fresh database, and `people` made on it in their order.
 * Call it in `beforeAll` and `close` it in `afterAll`; if it fails, it stops what it started.
 */
export async function hubWithPeople<P extends string, S extends P = never>(
  people: Record<P, PersonOnHub>,
  options: { hub?: Partial<HubOptions>; sessions?: readonly S[] } = {},
): Promise<HubWithPeople<P, S>> {
  const pg = await testPostgres();
  const desks = new Set<Desk>();
  const dir = mkdtempSync(join(tmpdir(), 'tagdesk-hub-files-'));
  let hub: Hub | undefined;
  const close = async () => {
    for (const d of [...desks]) d.close();
    await hub?.close();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const databaseUrl = await pg.freshDatabase();
    const started = await testHub(databaseUrl, options.hub);
    hub = started;
    const made = {} as Record<P, HubUser>;
    for (const [name, who] of Object.entries(people) as [P, PersonOnHub][]) made[name] = await makeUser(started, who);
    const sessions = {} as Record<S, TestDesk>;
    for (const name of options.sessions ?? []) sessions[name] = await signInDesk(started, made[name]);
    const open = async (opts: Partial<DeskOptions> = {}) => {
      const d = await openDesk({ dataDir: ':memory:', clock: new TestClock(Date.now()), testClock: true, hubUrl: started.url, ...opts, sync: { live: false, ...opts.sync } });
      desks.add(d);
      const closeDesk = d.close.bind(d);
      d.close = () => {
        desks.delete(d);
        closeDesk();
      };
      return d;
    };
    return {
      pg,
      hub: started,
      url: started.url,
      databaseUrl,
      people: made,
      password: PASSWORD,
      sessions,
      dir,
      openDesk: open,
      deskFor: async (user, opts) => signInAt(await open(opts), user),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
