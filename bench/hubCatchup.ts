import { createUser } from '../src/hub/accounts';
import type { Envelope } from '../src/hub/envelope';
import type { HubDb } from '../src/hub/db';
import { createdPayload, PASSWORD } from '../src/hub/testing/hubFixture';
import { openDesk, type Desk } from '../src/main/core/desk';
import { uuidv7 } from '../src/main/core/ids';
import { TestClock } from '../src/main/core/testing/deskHarness';
import type { Method } from '../src/shared/api';
import type { Actor } from '../src/shared/domain';

// hub_catchup_50k: a desk 50,000 events behind its hub (10,000 tickets of five events each,
// written straight into the hub's log), from the first pull until the last batch is applied
// in its SQLite; its floor: the very rows the desk ended with (events, tickets, customers,
// systems) inserted by prepared statements into a fresh desk's SQLite, 5,000 a transaction.
// lookup_360_via_hub: a service-tag lookup (the 360° view) on that desk, next to the same
// lookup on a desk seeded locally with the demo data.

const TICKETS = 10_000;
const ROUNDS = 300;

export async function hubCatchup(hub: { url: string; db: HubDb }, log: (m: string) => void): Promise<object[]> {
  const ava = await createUser(hub.db, { email: 'catchup-ava@desk.test', name: 'Ava', role: 'agent', segments: ['education'], password: PASSWORD }, Date.now());
  const sam = await createUser(hub.db, { email: 'catchup-sam@desk.test', name: 'Sam', role: 'specialist', tier: 2, segments: ['education'], password: PASSWORD }, Date.now());
  const asAva: Actor = { id: ava.id, role: 'agent', tier: 1, segments: ['education'] };
  const asSam: Actor = { id: sam.id, role: 'specialist', tier: 2, segments: ['education'] };
  const source = uuidv7();
  const tags: string[] = [];
  // After the accounts' own 'user' events.
  const first = (await hub.db.selectFrom('log_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq;
  let seq = first;
  const t0 = Date.now() - 3_600_000;
  const rows: object[] = [];
  const flush = async () => {
    if (rows.length === 0) return;
    await hub.db.insertInto('events').values(rows.splice(0) as never).execute();
  };
  for (let i = 0; i < TICKETS; i++) {
    const ticketId = uuidv7();
    const tag = `H${i.toString(36).toUpperCase().padStart(6, '0')}`;
    tags.push(tag);
    const steps: Array<[string, Record<string, unknown>, Actor]> = [
      ['CREATED', createdPayload('education', { number: i + 1, customerName: `Lakeside School ${i}`, assetId: uuidv7(), serviceTag: tag }), asAva],
      ['TAKE', {}, asAva],
      ['ADD_NOTE', { note: 'Fan replaced; still loud.' }, asAva],
      ['ESCALATE', { reason: 'needs_specialist_skill', note: 'Needs a board swap.' }, asAva],
      ['TAKE', {}, asSam],
    ];
    steps.forEach(([type, payload, actor], s) => {
      seq++;
      const e: Envelope = { id: uuidv7(), stream: 'ticket', entityId: ticketId, seq: s + 1, type, payloadVersion: 1, payload, actor, deskId: source, deskTime: t0 + i * 10 + s, globalSeq: seq };
      rows.push({ seq, id: e.id, stream: 'ticket', ticket_id: ticketId, ticket_seq: s + 1, type, segment: 'education', actor_id: actor.id, desk_id: source, desk_seq: seq, envelope: JSON.stringify(e), accepted_at: Date.now() });
    });
    if (rows.length >= 1000) await flush();
  }
  await flush();
  await hub.db.updateTable('log_head').set({ seq }).where('id', '=', 1).execute();
  log(`hub_catchup_50k: the hub holds ${seq - first} ticket events`);

  // The desk: joined, Ava signed in, 50,000 events behind (a desk that has taken its snapshot and fell behind).
  const desk = await openDesk({ dataDir: ':memory:', clock: new TestClock(Date.now()), testClock: true, hubUrl: hub.url, sync: { live: false } });
  desk.sync.stop();
  desk.db.sqlite.prepare('update sync_state set bootstrapped = 1').run();
  const ask = signedCaller(desk);
  await ask('session.signInWithPassword', { email: ava.email, password: PASSWORD });
  const started = performance.now();
  await desk.sync.syncNow();
  const ms = performance.now() - started;
  const applied = (desk.db.sqlite.prepare('select count(*) as n from ticket_events where global_seq is not null').get() as { n: number }).n;
  if (applied !== seq - first) throw new Error(`the desk applied ${applied} of ${seq - first} events`);

  // The floor: the same rows, raw prepared INSERTs into a fresh desk's SQLite.
  const floorDesk = await openDesk({ dataDir: ':memory:', clock: new TestClock(Date.now()), testClock: true });
  const floorMs = copyRows(desk, floorDesk);
  floorDesk.close();
  const catchup = { name: 'hub_catchup_50k', n: seq - first, ms: Math.round(ms), events_per_s: Math.round((seq - first) / (ms / 1000)), floor_ms: Math.round(floorMs), target_ms: 5000 };
  log(`hub_catchup_50k: ${catchup.ms} ms (${catchup.events_per_s} events/s), floor ${catchup.floor_ms} ms`);

  // The 360° lookup: on the desk filled from the hub, and on a desk seeded locally.
  const viaHub = await lookups(ask, tags);
  const local = await openDesk({ dataDir: ':memory:', clock: new TestClock(Date.now()), testClock: true, demo: true, demoCustomers: 2000 });
  const localTags = (local.db.sqlite.prepare('select service_tag from assets order by random() limit ?').all(ROUNDS) as { service_tag: string }[]).map((r) => r.service_tag);
  const localAsk = signedCaller(local);
  const supervisor = (local.db.sqlite.prepare(`select id from users where role = 'supervisor' limit 1`).get() as { id: string }).id;
  await localAsk('session.signIn', { userId: supervisor });
  const onLocal = await lookups(localAsk, localTags);
  local.close();
  desk.close();
  const lookup = { name: 'lookup_360_via_hub', n: ROUNDS, p50_us: viaHub.p50, p99_us: viaHub.p99, local_p50_us: onLocal.p50, local_p99_us: onLocal.p99, tickets: TICKETS };
  log(`lookup_360_via_hub: p50 ${lookup.p50_us} µs, p99 ${lookup.p99_us} µs (local desk: p50 ${lookup.local_p50_us} µs, p99 ${lookup.local_p99_us} µs)`);
  return [catchup, lookup];
}

function signedCaller(desk: Desk) {
  const conn = desk.connect(() => undefined);
  return async (method: Method, input: unknown): Promise<unknown> => {
    const r = await conn.call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.result;
  };
}

async function lookups(ask: (m: Method, i: unknown) => Promise<unknown>, tags: readonly string[]): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const tag = tags[(i * 7919) % tags.length]!;
    const t = performance.now();
    const r = (await ask('lookup.search', { query: tag })) as { kind?: string };
    samples.push((performance.now() - t) * 1000);
    if (!r || r.kind === 'none') throw new Error(`lookup of ${tag} found nothing`);
  }
  samples.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!);
  return { p50: pct(50), p99: pct(99) };
}

/** The caught-up desk's rows into a fresh desk, prepared INSERTs, 5,000 rows a transaction: ms. */
function copyRows(from: Desk, to: Desk): number {
  const tables = ['users', 'customers', 'assets', 'tickets', 'ticket_events'] as const;
  const data = tables.map((t) => {
    const rows = from.db.sqlite.prepare(`select * from ${t}`).all() as Record<string, unknown>[];
    const cols = rows[0] ? Object.keys(rows[0]) : [];
    return { t, cols, rows: rows.map((r) => cols.map((c) => r[c])) };
  });
  const sqlite = to.db.sqlite;
  const started = performance.now();
  for (const { t, cols, rows } of data) {
    if (cols.length === 0) continue;
    const insert = sqlite.prepare(`insert or ignore into ${t} (${cols.join(',')}) values (${cols.map(() => '?').join(',')})`);
    for (let i = 0; i < rows.length; i += 5000) {
      sqlite.transaction(() => {
        sqlite.pragma('defer_foreign_keys = ON');
        for (const r of rows.slice(i, i + 5000)) insert.run(...r);
      })();
    }
  }
  return performance.now() - started;
}
