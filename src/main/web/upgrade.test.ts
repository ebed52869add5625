import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DB_FILE } from '../core/db/database';
import type { UpgradeState } from '../core/upgradeScreen';
import { startWebShell, UPGRADE_PROGRESS_PATH } from './server';
import { apiSocket } from '../core/testing/apiSocket';
import { upgradeStatus } from './testing/sockets';

// The browser shell while a desk written by the release before the compact file is upgraded at
// start: it listens at once, shows the upgrade page at every page address and its progress at
// /upgrade-progress, refuses the API socket, and serves the app once the desk is open. The
// fixture is small, so the upgrade runs in batches of 20 rows with a pause after each (the
// test-only TAGDESK_COMPACT_BATCH_DELAY_MS), and lasts a few seconds instead of a moment.

const FIXTURE = join(import.meta.dirname, '..', 'core', 'db', 'fixtures', 'desk-0013.sqlite.gz');
const APP_HTML = '<!doctype html><title>Tagdesk</title><div id="root"></div>';
let root: string;
let rendererDir: string;
const saved = { rows: process.env.TAGDESK_COMPACT_BATCH_ROWS, delay: process.env.TAGDESK_COMPACT_BATCH_DELAY_MS };

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tagdesk-upgrade-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), APP_HTML);
  process.env.TAGDESK_COMPACT_BATCH_ROWS = '20';
  process.env.TAGDESK_COMPACT_BATCH_DELAY_MS = '15';
});

afterAll(() => {
  for (const [name, value] of [['TAGDESK_COMPACT_BATCH_ROWS', saved.rows], ['TAGDESK_COMPACT_BATCH_DELAY_MS', saved.delay]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(root, { recursive: true, force: true });
});

function oldDesk(name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, DB_FILE), gunzipSync(readFileSync(FIXTURE)));
  return dir;
}

function get(port: number, path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function progress(port: number): Promise<UpgradeState> {
  const res = await get(port, UPGRADE_PROGRESS_PATH);
  expect(res.status).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return JSON.parse(res.body) as UpgradeState;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the browser shell while the desk is upgraded', () => {
  it('shows the upgrade and its progress until the desk is open, then serves the app and the API', async () => {
    const dataDir = oldDesk('old');
    let announced: string | null = null;
    let opened = false;
    let shell!: ReturnType<typeof startWebShell>;
    const upgradeStarted = new Promise<string>((done) => {
      const starting = startWebShell({
        dataDir,
        demo: false,
        port: 0,
        rendererDir,
        onUpgradeStarted: (url) => {
          announced = url;
          done(url);
        },
      });
      shell = starting.then((s) => ((opened = true), s));
    });
    const url = new URL(await upgradeStarted);
    const port = Number(url.port);
    const token = url.searchParams.get('token')!;
    expect(opened).toBe(false);

    // Every page address gets the upgrade page, told apart from the app by its status.
    const page = await get(port, `/?token=${token}`);
    expect(page.status).toBe(503);
    expect(page.headers['retry-after']).toBe('5');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'sha256-/);
    expect(page.body).toContain("Upgrading this desk&#39;s file");
    expect(page.body).toMatch(/<progress id="bar-en" max="1000" value="\d+"/);
    expect(page.body).toMatch(/<section lang="fa" dir="rtl"/);
    expect(page.body).not.toContain(APP_HTML);
    expect((await get(port, '/customers/42')).status).toBe(503);

    // Nothing to talk to yet; the token is still checked first.
    expect(await upgradeStatus(new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`))).toBe(503);
    expect(await upgradeStatus(new WebSocket(`ws://127.0.0.1:${port}/api?token=${'0'.repeat(64)}`))).toBe(401);

    // The endpoint the page polls: table by table, rows counted, the bar never going back.
    const seen: UpgradeState[] = [];
    while (!opened) {
      seen.push(await progress(port));
      await sleep(40);
    }
    const upgrading = seen.filter((s) => !s.open && s.view);
    expect(upgrading.length).toBeGreaterThan(5);
    const steps = new Set(upgrading.map((s) => s.view!.progress.step));
    expect([...steps].slice(0, 3)).toEqual(['ticket_events', 'tickets', 'interactions']);
    const first = upgrading[0]!.view!;
    expect(first.progress.rowsDone).toBeGreaterThan(0);
    expect(first.progress.rowsDone).toBeLessThan(first.progress.rowsTotal);
    expect(first.en.step).toMatch(/^Converting ticket histories — \d+ of 455 rows$/);
    expect(first.fa.step).toMatch(/^تبدیل تاریخچهٔ تیکت‌ها — [۰-۹]+ از ۴۵۵ ردیف$/);
    expect(first.en.percent).toMatch(/^\d+%$/);
    const permilles = upgrading.map((s) => s.view!.permille);
    expect(permilles).toEqual([...permilles].sort((a, b) => a - b));
    expect(permilles.at(-1)).toBeGreaterThan(permilles[0]!);

    // Open: the app at every page address, the page told to reload into it, and the API.
    const ready = await shell;
    try {
      expect(ready.url).toBe(announced);
      expect(await progress(port)).toMatchObject({ open: true });
      const app = await get(port, `/?token=${token}`);
      expect(app.status).toBe(200);
      expect(app.body).toBe(APP_HTML);
      const api = await apiSocket(ready.url);
      const users = await api.call<Array<{ name: string }>>('session.users');
      expect(users.map((u) => u.name)).toContain('Ava Martin');
      api.close();
    } finally {
      await ready.close();
    }
  }, 60_000);

  it('shows nothing but the app for a desk that opens at once, and announces no upgrade', async () => {
    const free = createServer();
    await new Promise<void>((done) => free.listen(0, '127.0.0.1', done));
    const port = (free.address() as AddressInfo).port;
    await new Promise((done) => free.close(done));
    let announced = false;
    // A new desk seeded with demo data takes a while to open: pages asked for meanwhile wait for it.
    const starting = startWebShell({ dataDir: join(root, 'new'), demo: true, port, rendererDir, onUpgradeStarted: () => (announced = true) });
    let first: Awaited<ReturnType<typeof get>> | null = null;
    while (!first) first = await get(port, '/').catch(() => sleep(20).then(() => null));
    const shell = await starting;
    try {
      expect(first.status, first.body.slice(0, 300)).toBe(200);
      expect(first.body).toBe(APP_HTML);
      expect(announced).toBe(false);
      expect(await progress(port)).toEqual({ open: true, view: null });
    } finally {
      await shell.close();
    }
  }, 60_000);

  it('refuses a port in use before it opens the desk', async () => {
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = (taken.address() as AddressInfo).port;
    try {
      const dataDir = join(root, 'never-opened');
      await expect(startWebShell({ dataDir, demo: true, port, rendererDir })).rejects.toThrow(`Port ${port} is in use`);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      await new Promise((done) => taken.close(done));
    }
  });
});
