import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { COULD_NOT_READ_ANSWER, dataFolderAnswer, DESK_OPENING_ANSWER, HOST_FLAG_ANSWER, portFlagAnswer, PortInUseError, runningAnswer, startWebShell, STOP_ANSWER, UPGRADING_FIRST_ANSWER, TOKEN_CHECK_PATH, TOKEN_HEADER, type WebShell, WEB_USAGE } from './server';
import { upgradeStatus } from './testing/sockets';

// The browser shell against the real core, over real sockets.

let shell: WebShell;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tagdesk-web-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Tagdesk</title><div id="root"></div>');
  writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'console.log("tagdesk")');
  writeFileSync(join(rendererDir, 'assets', 'app-1234.css'), 'body{}');
  shell = await startWebShell({ dataDir: join(root, 'data'), demo: false, port: 0, rendererDir });
});

afterAll(async () => {
  await shell?.close();
  rmSync(root, { recursive: true, force: true });
});

function socket(query: string): WebSocket {
  return new WebSocket(`ws://127.0.0.1:${shell.port}/api${query}`);
}

async function openSocket(): Promise<WebSocket> {
  const ws = socket(`?token=${shell.token}`);
  await new Promise<void>((done, fail) => {
    ws.once('open', () => done());
    ws.once('error', fail);
  });
  return ws;
}

/** Sends one frame and waits for the next reply (pushes are skipped). */
function exchange(ws: WebSocket, frame: string | Buffer): Promise<Record<string, unknown>> {
  return new Promise((done) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('event' in parsed) return;
      ws.off('message', onMessage);
      done(parsed);
    };
    ws.on('message', onMessage);
    ws.send(frame);
  });
}

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: shell.port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });
}

describe('the browser shell', () => {
  it('listens on 127.0.0.1 and nowhere else', async () => {
    expect(shell.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${shell.port}/\\?token=[0-9a-f]{64}$`));
    expect(shell.token).toMatch(/^[0-9a-f]{64}$/);
    expect(await canConnect('127.0.0.1', shell.port)).toBe(true);
    const elsewhere = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i !== undefined && !i.internal)
      .map((i) => i!.address);
    for (const address of [...elsewhere, '::1']) expect(await canConnect(address, shell.port), address).toBe(false);
  });

  it('refuses a socket without the token, with a wrong token, or on another path', async () => {
    expect(await upgradeStatus(socket(''))).toBe(401);
    expect(await upgradeStatus(socket('?token='))).toBe(401);
    expect(await upgradeStatus(socket(`?token=${'0'.repeat(64)}`))).toBe(401);
    expect(await upgradeStatus(socket(`?token=${shell.token.slice(0, 63)}`))).toBe(401);
    expect(await upgradeStatus(new WebSocket(`ws://127.0.0.1:${shell.port}/other?token=${shell.token}`))).toBe(404);
    expect(await upgradeStatus(socket(`?token=${shell.token}`))).toBe(101);
  });

  it('tells a tab whether its token is still this process’s (a browser cannot read the 401 of an upgrade)', async () => {
    expect((await get(TOKEN_CHECK_PATH, { [TOKEN_HEADER]: shell.token })).status).toBe(204);
    // The token of a process that has since restarted, or none at all.
    expect((await get(TOKEN_CHECK_PATH, { [TOKEN_HEADER]: '0'.repeat(64) })).status).toBe(401);
    expect((await get(TOKEN_CHECK_PATH)).status).toBe(401);
    // Never from the address, where it would land in logs.
    expect((await get(`${TOKEN_CHECK_PATH}?token=${shell.token}`)).status).toBe(401);
    const answer = await get(TOKEN_CHECK_PATH, { [TOKEN_HEADER]: shell.token });
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('refuses a socket opened by a page from another origin, even with the token', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/api?token=${shell.token}`, { origin: 'http://evil.example' });
    expect(await upgradeStatus(ws)).toBe(403);
  });

  it('carries a call to the core and its result back', async () => {
    const ws = await openSocket();
    const reply = await exchange(ws, JSON.stringify({ id: 1, method: 'desk.status', input: {} }));
    expect(reply).toMatchObject({ id: 1, ok: true, result: { initialized: false } });
    const result = reply.result as { dataDir: string };
    expect(result.dataDir).toBe(shell.dataDir);
    ws.close();
  });

  it('answers a malformed frame with invalid_input and keeps serving', async () => {
    const ws = await openSocket();
    expect(await exchange(ws, 'this is not json')).toMatchObject({ id: 0, ok: false, error: { code: 'invalid_input' } });
    expect(await exchange(ws, JSON.stringify([1, 2, 3]))).toMatchObject({ id: 0, ok: false, error: { code: 'invalid_input' } });
    const missingMethod = await exchange(ws, JSON.stringify({ id: 7, input: {} }));
    expect(missingMethod).toMatchObject({ id: 7, ok: false, error: { code: 'invalid_input' } });
    expect((missingMethod.error as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain('method');
    expect(await exchange(ws, Buffer.from([1, 2, 3]))).toMatchObject({ id: 0, ok: false, error: { code: 'invalid_input' } });
    expect(await exchange(ws, JSON.stringify({ id: 8, method: 'no.such.method', input: {} }))).toMatchObject({
      id: 8,
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await exchange(ws, JSON.stringify({ id: 9, method: 'desk.status', input: {} }))).toMatchObject({ id: 9, ok: true });
    ws.close();
  });

  it('refuses text holding a lone UTF-16 surrogate (sent as a JSON escape) instead of storing U+FFFD', async () => {
    const ws = await openSocket();
    const reply = await exchange(ws, '{"id":5,"method":"lookup.search","input":{"query":"Jo\\udc00nes"}}');
    expect(reply).toMatchObject({ id: 5, ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(reply)).toContain('broken character');
    ws.close();
  });

  it('serves the renderer with content types, and the app for client-side routes', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.type).toBe('text/html; charset=utf-8');
    expect(index.body).toContain('<div id="root">');
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(index.headers['referrer-policy']).toBe('no-referrer');
    // No other origin's window keeps a handle on ours, nor loads our files.
    expect(index.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(index.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect((await get('/assets/app-1234.js')).headers['cross-origin-resource-policy']).toBe('same-origin');
    expect((await get('/assets/missing.js')).headers['cross-origin-resource-policy']).toBe('same-origin');

    const script = await get('/assets/app-1234.js');
    expect(script).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(script.headers['cache-control']).toContain('immutable');
    expect(await get('/assets/app-1234.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' });

    expect((await get('/queues/education')).body).toContain('<div id="root">');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  // The shell's plain answers were English only, though nobody has chosen a language on them:
  // each says it in Persian too, on a line of its own, as the 421 answer does.
  it('says its plain answers (not found, a wrong method, a bad path, a file it could not read) in English and Persian', async () => {
    const missing = await get('/assets/missing.js');
    expect(missing).toMatchObject({ status: 404, type: 'text/plain; charset=utf-8' });
    expect(missing.body).toBe('Not found.\nچیزی در این نشانی نیست.\n');
    const wrongMethod = await new Promise<{ status: number; body: string }>((done, fail) => {
      const req = request({ host: '127.0.0.1', port: shell.port, path: '/', method: 'POST' }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', fail);
      req.end();
    });
    expect(wrongMethod).toEqual({ status: 405, body: 'Method not allowed.\nاین نوع درخواست اینجا پذیرفته نیست.\n' });
    expect(await get('/%E0%A4%A')).toMatchObject({ status: 400, body: 'Bad path.\nاین نشانی درست نیست.\n' });
    expect(COULD_NOT_READ_ANSWER).toBe('Could not read the file.\nپرونده خوانده نشد.');
  });

  // Stop 49 left the shell's other answers in English only: the page before the renderer is
  // built, a socket opened while the desk's file is upgraded, and `npm run web -- --help` or a
  // wrong command line (which print the usage). Each is said in Persian too.
  it('says its other answers (not built yet, still opening, its usage and a wrong flag) in Persian too', async () => {
    const index = join(root, 'renderer', 'index.html');
    rmSync(index);
    try {
      const notBuilt = await get('/');
      expect(notBuilt).toMatchObject({ status: 503, type: 'text/plain; charset=utf-8' });
      const [english, persian] = notBuilt.body.trim().split('\n');
      expect(english).toBe(`The renderer has not been built (no ${index}). Run "npm run build" first.`);
      expect(persian).toBe(`صفحه‌های برنامه هنوز ساخته نشده‌اند (\u2068${index}\u2069 نیست). اول \u2068npm run build\u2069 را اجرا کنید.`);
    } finally {
      writeFileSync(index, '<!doctype html><title>Tagdesk</title><div id="root"></div>');
    }
    const persianLines = (text: string) => text.split('\n').filter((line) => /[\u0600-\u06FF]/.test(line));
    // Outside the isolated flags, paths and commands, a Persian line holds no Latin word.
    const latinLeft = (text: string) => persianLines(text).flatMap((line) => line.replace(/\u2068[^\u2069]*\u2069/g, '').match(/[A-Za-z]+/g) ?? []);
    expect(DESK_OPENING_ANSWER.split('\n')).toEqual(['The desk is still opening (its file is being upgraded); try again when it is open.', 'میز هنوز در حال باز شدن است (پرونده‌اش به‌روز می‌شود)؛ وقتی باز شد دوباره امتحان کنید.']);
    expect(WEB_USAGE).toMatch(/^Usage: tagdesk-web /);
    expect(persianLines(WEB_USAGE)).toHaveLength(10);
    expect(WEB_USAGE).toContain('روش کار: ');
    expect(WEB_USAGE).toContain('(پیش‌فرض ۴۱۷۳؛');
    for (const text of [WEB_USAGE, HOST_FLAG_ANSWER, portFlagAnswer('80000')]) expect(latinLeft(text)).toEqual([]);
    expect(portFlagAnswer('80000')).toBe('--port must be a whole number from 0 to 65535, not "80000".\n\u2068--port\u2069 باید عددی درست از ۰ تا ۶۵۵۳۵ باشد، نه «\u206880000\u2069».');
  });

  // Z3 made the usage and the 503s bilingual; the lines a person reads in the terminal at every
  // start (the address, the data folder, how to stop) and a port in use stayed English only.
  it('says its start-up lines and a port in use in Persian too, the address kept whole on its English line', async () => {
    const url = 'http://127.0.0.1:4173/?token=abc123';
    const dir = '/home/ava/.config/Tagdesk';
    const persianLines = (text: string) => text.split('\n').filter((line) => /[\u0600-\u06FF]/.test(line));
    const latinLeft = (text: string) => persianLines(text).flatMap((line) => line.replace(/\u2068[^\u2069]*\u2069/g, '').match(/[A-Za-z]+/g) ?? []);
    const started = [runningAnswer(url), UPGRADING_FIRST_ANSWER, dataFolderAnswer(dir), STOP_ANSWER];
    for (const text of started) {
      const lines = text.split('\n');
      expect(lines, text).toHaveLength(2);
      expect(persianLines(text), text).toEqual([lines[1]]);
      expect(latinLeft(text), text).toEqual([]);
    }
    // One address to copy: the English line holds it as it was, the Persian line points to it.
    expect(runningAnswer(url).split('\n')[0]).toBe(`Tagdesk is running at ${url}`);
    expect(runningAnswer(url).split('\n')[1]).not.toContain(url);
    expect(dataFolderAnswer(dir)).toBe(`Data folder: ${dir}\nپوشهٔ داده: \u2068${dir}\u2069`);
    expect(STOP_ANSWER.split('\n')[0]).toBe('Press Ctrl+C to stop.');
    // A second shell on this one's port: refused before it opens anything, in both languages.
    const refused = await startWebShell({ dataDir: join(root, 'never-opened'), demo: false, port: shell.port }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PortInUseError);
    const text = (refused as PortInUseError).text;
    const [english, persian] = text.split('\n');
    expect(english).toBe(`Tagdesk could not start: Port ${shell.port} is in use; pick another with --port N, or --port 0 for any free port.`);
    expect(persian).toContain(new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(shell.port));
    expect(latinLeft(text)).toEqual([]);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../data/tagdesk.sqlite', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/..%5c..%5cindex.html%00.js']) {
      const res = await get(path);
      expect(res.body, path).not.toContain('root:');
      expect([200, 400, 404], path).toContain(res.status);
      if (res.status === 200) expect(res.body, path).toContain('<div id="root">');
    }
  });

  it('pushes the events of the desk to every open socket', async () => {
    const watcher = await openSocket();
    const nextPush = new Promise<Record<string, unknown>>((done) => {
      watcher.on('message', (data: WebSocket.RawData) => {
        const parsed = JSON.parse(data.toString()) as Record<string, unknown>;
        if ('event' in parsed) done(parsed);
      });
    });
    const actor = await openSocket();
    const reply = await exchange(actor, JSON.stringify({ id: 1, method: 'desk.initialize', input: { mode: 'empty' } }));
    expect(reply).toMatchObject({ id: 1, ok: true, result: { initialized: true } });
    expect(await nextPush).toEqual({ event: 'desk.changed', payload: { reason: 'initialized' } });
    watcher.close();
    actor.close();
  });

  it('answers only to its own host names', async () => {
    const other = await get('/', { Host: `attacker.example:${shell.port}` });
    expect(other.status).toBe(421);
    // Said in Persian too (it was English only): nobody has chosen a language on this page.
    expect(other.body).toMatch(/^This server only answers to 127\.0\.0\.1 and localhost\..*\nاین کارگزار فقط به \u2068127\.0\.0\.1\u2069 و \u2068localhost\u2069 پاسخ می‌دهد\./);
    expect((await get('/', { Host: `localhost:${shell.port}` })).status).toBe(200);
  });
});
