import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { uuidv7 } from '../src/main/core/ids';
import { PRESENCE_CHANNEL } from '../src/hub/presence';
import { call, event, makeUser, pushEvents, signInDesk, testHub, testPostgres, type TestDesk } from '../src/hub/testing/hubFixture';

// npx tsx bench/presence.ts [--n 300]
// Presence through the hub on loopback, against an embedded PostgreSQL made for the run (the
// hub in this process). stdout: one JSON object a line (as `npm run bench`); stderr: progress.
//   presence_relay   one desk's socket says viewing/typing until another desk's socket hears
//                    it (upsert in the UNLOGGED table, NOTIFY, fan-out); its floor: a bare
//                    NOTIFY from one PostgreSQL connection to a LISTEN on another, same server.
//   presence_of      GET /presence?ticketId= (session check, segment check, one indexed
//                    read); its floor: the same SELECT on the presence table, raw.

const { values: args } = parseArgs({ options: { n: { type: 'string', default: '300' } } });
const n = Number(args.n);
const log = (m: string) => process.stderr.write(`${m}\n`);
const pct = (xs: number[], p: number) => Math.round([...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]! * 1000);

const pgServer = await testPostgres();
const databaseUrl = await pgServer.freshDatabase();
const hub = await testHub(databaseUrl);
try {
  const agent = await signInDesk(hub, await makeUser(hub, { email: 'ava@bench.test', role: 'agent', segments: ['education'] }));
  const specialist = await signInDesk(hub, await makeUser(hub, { email: 'sam@bench.test', role: 'specialist', tier: 2, segments: ['education'] }));
  const ticketId = `T-${uuidv7()}`;
  await pushEvents(hub, agent, [event(agent, ticketId, 1, 'CREATED', { segment: 'education' })]);

  const open = (desk: TestDesk) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(hub.url.replace('http', 'ws') + '/sync/live', { headers: { authorization: `Bearer ${desk.token}` } });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  const speaker = await open(specialist);
  const listener = await open(agent);

  // ---- presence_relay ----
  log(`presence_relay: ${n} round trips`);
  const relay: number[] = [];
  for (let i = 0; i < n; i++) {
    const state = i % 2 === 0 ? 'typing' : 'viewing';
    const heard = new Promise<void>((resolve) => {
      const on = (raw: WebSocket.RawData) => {
        const m = JSON.parse(raw.toString()) as { type: string; state?: string };
        if (m.type === 'presence' && m.state === state) {
          listener.off('message', on);
          resolve();
        }
      };
      listener.on('message', on);
    });
    const t0 = performance.now();
    speaker.send(JSON.stringify({ type: 'presence', ticketId, state }));
    await heard;
    relay.push(performance.now() - t0);
    // The hub's per-connection budget is 20 a second (burst 40): stay under it.
    await new Promise((r) => setTimeout(r, 55));
  }

  const a = new pg.Client({ connectionString: databaseUrl });
  const b = new pg.Client({ connectionString: databaseUrl });
  await a.connect();
  await b.connect();
  await b.query(`LISTEN bench_floor`);
  const floor: number[] = [];
  for (let i = 0; i < n; i++) {
    const got = new Promise<void>((resolve) => b.once('notification', () => resolve()));
    const t0 = performance.now();
    await a.query(`select pg_notify('bench_floor', $1)`, [JSON.stringify({ i, channel: PRESENCE_CHANNEL })]);
    await got;
    floor.push(performance.now() - t0);
  }
  console.log(JSON.stringify({ name: 'presence_relay', n, p50_us: pct(relay, 50), p99_us: pct(relay, 99), floor_p50_us: pct(floor, 50), floor_p99_us: pct(floor, 99), load1: Number(loadavg()[0]!.toFixed(2)) }));

  // ---- presence_of ----
  log(`presence_of: ${n} requests`);
  const asked: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await call(hub.url, 'GET', `/presence?ticketId=${encodeURIComponent(ticketId)}`, { token: agent.token });
    if (r.status !== 200) throw new Error(`GET /presence answered ${r.status}`);
    asked.push(performance.now() - t0);
  }
  const raw: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await a.query(`select * from presence where ticket_id = $1 and expires_at >= $2 and user_id <> $3 order by since`, [ticketId, Date.now(), agent.user.id]);
    raw.push(performance.now() - t0);
  }
  console.log(JSON.stringify({ name: 'presence_of', n, p50_us: pct(asked, 50), p99_us: pct(asked, 99), floor_p50_us: pct(raw, 50), floor_p99_us: pct(raw, 99), load1: Number(loadavg()[0]!.toFixed(2)) }));

  speaker.close();
  listener.close();
  await a.end();
  await b.end();
} finally {
  await hub.close();
  await pgServer.stop();
}
