import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { uuidv7 } from '../src/main/core/ids';
import { startEmbeddedPostgres } from '../src/hub/embeddedPostgres';
import type { Envelope } from '../src/hub/envelope';
import { spawn } from 'node:child_process';
import { createUser, type HubUser } from '../src/hub/accounts';
import { openDb, openPool, type HubDb } from '../src/hub/db';
import { migrate } from '../src/hub/migrations';
import { call, createdPayload, PASSWORD, quietLog, type TestDesk } from '../src/hub/testing/hubFixture';
import { PUSH_LIMIT } from '../src/main/core/sync/engine';
import { hubCatchup } from './hubCatchup';

// npm run bench:hub -- [--seconds N] [--batch N] [--only ingest|latency|catchup]
// --batch: events a push; by default as many as a desk's sync engine sends in one push when
// its outbox holds a backlog (PUSH_LIMIT). TAGDESK_HUB_PROFILE=DIR writes the hub's CPU profile there.
// The hub's ingest and fan-out on loopback, against an embedded PostgreSQL made for the run;
// the hub runs as its own process (`npm run hub`), the desks are this one.
// stdout: one JSON object a line (as `npm run bench`); stderr: progress.
//   hub_ingest_<desks>   accepted events/s with that many desks pushing at once (batches of
//                        --batch events a push), and its floor: the same rows by raw multi-row
//                        INSERT on one connection into the same PostgreSQL.
//   hub_push_latency     one desk's push until another desk's WebSocket has the event.
//   hub_catchup_50k, lookup_360_via_hub   see bench/hubCatchup.ts.

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '4' }, batch: { type: 'string', default: String(PUSH_LIMIT) }, only: { type: 'string', default: '' } } });
const seconds = Number(args.seconds);
const batch = Number(args.batch);
const log = (m: string) => process.stderr.write(`${m}\n`);
const runs = (part: string) => args.only === '' || args.only === part;

const dir = mkdtempSync(join(tmpdir(), 'tagdesk-bench-hub-'));
chmodSync(dir, 0o755);
const server = await startEmbeddedPostgres({ dir: join(dir, 'pg') });
const admin = new pg.Client({ connectionString: server.url });
await admin.connect();

let numbered = 0;
function creates(desk: TestDesk, n: number) {
  return Array.from({ length: n }, () => {
    const e: Envelope = {
      id: uuidv7(),
      stream: 'ticket',
      entityId: `T-${uuidv7()}`,
      seq: 1,
      type: 'CREATED',
      payloadVersion: 1,
      payload: createdPayload('education', { number: ++numbered }),
      actor: { id: desk.user.id, role: desk.user.role, tier: desk.user.tier, segments: desk.user.segments },
      deskId: desk.deskId,
      deskTime: Date.now(),
      globalSeq: null,
    };
    return { deskSeq: ++desk.seq, event: e };
  });
}

interface BenchHub {
  url: string;
  databaseUrl: string;
  db: HubDb;
  close(): Promise<void>;
}

let round = 0;
async function freshHub(): Promise<BenchHub> {
  const name = `bench_${++round}`;
  await admin.query(`create database ${name}`);
  const databaseUrl = server.url.replace(/\/postgres$/, `/${name}`);
  const db = openDb(openPool(databaseUrl, quietLog(), 4));
  await migrate(db);
  const child = spawn(process.execPath, [...(process.env.TAGDESK_HUB_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.TAGDESK_HUB_PROFILE}`] : []), '--import', 'tsx', 'src/hub/index.ts', '--port', '0'], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', TAGDESK_LANG: 'en' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /serving (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`hub exited ${code}`)));
  });
  return {
    url,
    databaseUrl,
    db,
    close: async () => {
      await db.destroy();
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

const makeUser = (hub: BenchHub, who: { email: string; role: HubUser['role']; segments: HubUser['segments'] }) =>
  createUser(hub.db, { name: who.email, password: PASSWORD, tier: 1, ...who }, Date.now());

async function signInDesk(hub: BenchHub, user: HubUser): Promise<TestDesk> {
  const deskId = uuidv7();
  const deskKey = `key-${uuidv7()}`;
  const r = await call<{ token: string }>(hub.url, 'POST', '/auth/sign-in', { body: { email: user.email, password: PASSWORD, deskId, deskKey } });
  return { deskId, deskKey, token: r.body.token, user, seq: 0 };
}

try {
  for (const desks of runs('ingest') ? [1, 10, 50] : []) {
    const hub = await freshHub();
    const people = await Promise.all(Array.from({ length: desks }, (_, i) => makeUser(hub, { email: `bench${i}@desk.test`, role: 'agent', segments: ['education'] })));
    const signed = await Promise.all(people.map((u) => signInDesk(hub, u)));
    let accepted = 0;
    const until = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      signed.map(async (desk) => {
        while (performance.now() < until) {
          const r = await call<{ results: { status: string }[] }>(hub.url, 'POST', '/sync/push', { token: desk.token, body: { deskId: desk.deskId, events: creates(desk, batch) } });
          if (r.status !== 200) throw new Error(`push answered ${r.status}: ${JSON.stringify(r.body)}`);
          accepted += r.body.results.filter((x) => x.status === 'accepted').length;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    // The floor: the same number of rows, raw multi-row INSERTs of `batch` rows, one connection.
    const floorClient = new pg.Client({ connectionString: hub.databaseUrl });
    await floorClient.connect();
    await floorClient.query('create table floor_events (like events including all)');
    const floorStart = performance.now();
    const floorDesk = signed[0]!;
    for (let done = 0; done < accepted; done += batch) {
      const rows = creates(floorDesk, batch);
      const values: unknown[] = [];
      const tuples = rows.map((r, i) => {
        values.push(done + i + 1, r.event.id, r.event.entityId, 1, r.event.type, 'education', r.event.actor.id, r.event.deskId, r.deskSeq, JSON.stringify(r.event), Date.now());
        const b = i * 11;
        return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7},$${b + 8},$${b + 9},$${b + 10},$${b + 11})`;
      });
      await floorClient.query(`insert into floor_events (seq,id,ticket_id,ticket_seq,type,segment,actor_id,desk_id,desk_seq,envelope,accepted_at) values ${tuples.join(',')}`, values);
    }
    const floorElapsed = (performance.now() - floorStart) / 1000;
    await floorClient.end();
    const line = { name: `hub_ingest_${desks}`, desks, batch, n: accepted, events_per_s: Math.round(accepted / elapsed), floor_events_per_s: Math.round(accepted / floorElapsed), target_events_per_s: 5000 };
    console.log(JSON.stringify(line));
    log(`${line.name}: ${line.events_per_s} events/s (floor ${line.floor_events_per_s})`);
    await hub.close();
  }

  if (runs('latency')) {
  const hub = await freshHub();
  const a = await signInDesk(hub, await makeUser(hub, { email: 'lat-a@desk.test', role: 'agent', segments: ['education'] }));
  const b = await signInDesk(hub, await makeUser(hub, { email: 'lat-b@desk.test', role: 'agent', segments: ['education'] }));
  const ws = new WebSocket(hub.url.replace('http', 'ws') + '/sync/live', { headers: { authorization: `Bearer ${b.token}` } });
  await new Promise((r) => ws.once('open', r));
  const waiting = new Map<string, () => void>();
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString()) as { events?: Envelope[] };
    for (const e of m.events ?? []) waiting.get(e.id)?.();
  });
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const events = creates(a, 1);
    const arrived = new Promise<void>((r) => waiting.set(events[0]!.event.id, r));
    const t0 = performance.now();
    await call(hub.url, 'POST', '/sync/push', { token: a.token, body: { deskId: a.deskId, events } });
    await arrived;
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((x, y) => x - y);
  const pct = (p: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!);
  console.log(JSON.stringify({ name: 'hub_push_latency', n: samples.length, p50_us: pct(50), p99_us: pct(99), target_p99_us: 50_000 }));
  log(`hub_push_latency: p50 ${pct(50)} µs, p99 ${pct(99)} µs`);
  ws.close();
  await hub.close();
  }

  if (runs('catchup')) {
    const hub = await freshHub();
    for (const line of await hubCatchup(hub, log)) console.log(JSON.stringify({ ...line, load1: loadavg()[0] }));
    await hub.close();
  }
} finally {
  await admin.end();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
