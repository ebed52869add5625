import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rssOf, sleep, startSlowClient, startWebProcess, type WebProcess } from './testing/webProcess';

// A client holding a valid token that stops reading its socket and keeps asking for large
// replies once took the browser shell from 165 MB to 2.7 GB, and the memory stayed after
// the socket closed. Here a real client process does that to a real server process.

/** What the server's resident memory may grow by while the client misbehaves. */
export const RSS_GROWTH_BOUND = 120 * 1024 * 1024;

const root = mkdtempSync(join(tmpdir(), 'tagdesk-slow-'));
let server: WebProcess | undefined;
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

it('keeps a server whose client reads nothing under a memory bound, closes that client with 4008, and serves others', async () => {
  server = await startWebProcess(['--data', join(root, 'desk'), '--demo'], { TAGDESK_WS_STALL_MS: '3000' });
  const pid = server.child.pid!;
  await sleep(500);
  const baseline = rssOf(pid);
  // 1,500 requests of about 100 bytes whose replies are about 300 KB each: 450 MB unread.
  const client = await startSlowClient(server.url, 1_500);
  expect(client.replyBytes).toBeGreaterThan(200_000);
  let peak = baseline;
  const until = Date.now() + 8_000;
  while (Date.now() < until && !server.stderr().includes('closed a WebSocket (4008)')) {
    peak = Math.max(peak, rssOf(pid));
    await sleep(100);
  }
  peak = Math.max(peak, rssOf(pid));
  expect(peak - baseline).toBeLessThan(RSS_GROWTH_BOUND);
  expect(server.stderr()).toMatch(/closed a WebSocket \(4008\): too slow: [\d.]+ MB unread for 3 s/);
  client.child.kill('SIGKILL');

  // The server answers a well-behaved client at once, and its memory has come back down.
  const ws = new WebSocket(server.url.replace('http://', 'ws://').replace('/?token=', '/api?token='));
  const reply = await new Promise<{ ok: boolean }>((done, fail) => {
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method: 'desk.status', input: {} })));
    ws.on('message', (d) => done(JSON.parse(String(d)) as { ok: boolean }));
    ws.on('error', fail);
  });
  expect(reply.ok).toBe(true);
  ws.close();
  expect(rssOf(pid) - baseline).toBeLessThan(RSS_GROWTH_BOUND);
}, 60_000);
