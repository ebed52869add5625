import { Agent, request } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Hub } from './server';
import { testHub, testPostgres, type TestPostgres } from './testing/hubFixture';

// A hub asked to stop (SIGTERM, or a test's hub.close) while a desk keeps asking it things.
// A desk that has lost the hub's live socket looks again every 250 ms, on the connection its
// fetch keeps alive. That connection never sat idle, so the stopping hub kept answering on it
// and never stopped (e2e/sync-escalate.spec.ts waited two minutes in hub.close, its desks
// still served and never told the hub was gone).

let pg: TestPostgres;
let databaseUrl: string;

beforeAll(async () => {
  pg = await testPostgres();
  databaseUrl = await pg.freshDatabase();
}, 60_000);

afterAll(async () => {
  await pg?.stop();
}, 60_000);

/** One request on `agent`'s connection; its body is sent when `bodyAfter` settles (so the hub is mid-request until then). */
function ask(agent: Agent, url: string, bodyAfter?: Promise<unknown>): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { agent, method: bodyAfter ? 'POST' : 'GET', headers: bodyAfter ? { 'content-type': 'application/json' } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve(`answered ${res.statusCode}`));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(`refused ${error.code}`));
    if (!bodyAfter) return void req.end();
    req.flushHeaders();
    void bodyAfter.then(() => req.end('{}'));
  });
}

it('a hub asked to stop in the middle of a desk’s request, the desk asking again every 100 ms on that kept-alive connection, stops, and the desk is then refused', async () => {
  const hub: Hub = await testHub(databaseUrl);
  // As a desk's fetch: one connection, kept alive between requests.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const outcomes: string[] = [];
  let polling = true;
  let closing: Promise<void> | null = null;
  let stopped = false;
  try {
    expect(await ask(agent, `${hub.url}/health`)).toBe('answered 200');
    // A request the hub is reading when it is told to stop (a push on its way in).
    const bodySent = new Promise((r) => setTimeout(r, 200));
    const inFlight = ask(agent, `${hub.url}/auth/sign-in`, bodySent);
    await new Promise((r) => setTimeout(r, 100));
    closing = hub.close().then(() => void (stopped = true));
    outcomes.push(await inFlight);
    const poll = (async () => {
      while (polling && !stopped) {
        outcomes.push(await ask(agent, `${hub.url}/health`));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const started = Date.now();
    await Promise.race([closing, new Promise((r) => setTimeout(r, 5_000))]);
    expect(stopped, `hub.close() settled within 5 s (asked: ${outcomes.join(', ')})`).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    polling = false;
    await poll;
    // Once stopped, the desk's next question finds no hub (which it says, and waits for it).
    expect(await ask(agent, `${hub.url}/health`)).toBe('refused ECONNREFUSED');
  } finally {
    polling = false;
    agent.destroy();
    await (closing ?? hub.close());
  }
}, 30_000);
