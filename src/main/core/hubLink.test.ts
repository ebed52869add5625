import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isFetchBlockedPort, portOfUrl } from '../../shared/blockedPorts';
import { openDesk } from './desk';
import { certificateProblem, describeFetchError } from './hubLink';
import { TEST_ONLY_SELF_SIGNED } from './testing/selfSignedCert';

// Stand-ins for what may answer at an address (the hub's own tests run the real one): a hub as
// far as a desk's join and sign-in ask it (GET /health, POST /auth/sign-in, GET /auth/me, its
// sessions kept in `sessions`, so two stand-ins sharing one map are one hub at two addresses),
// and a web server that is no hub.
const ADMIN = { id: 'u-omar', email: 'omar@desk.test', name: 'Omar Haddad', role: 'admin', tier: 3, segments: [], active: true };
function standInHub(sessions: Map<string, string | null>, port = 0): Promise<Server> {
  const server = createServer((req, res) => {
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/health') return json(200, { ok: true, database: 'up', live: 0 });
    if (req.url === '/auth/sign-in') {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const token = `t-${sessions.size + 1}`;
        sessions.set(token, (JSON.parse(text) as { deskId?: string }).deskId ?? null);
        json(200, { token, expiresAt: Date.now() + 3_600_000, user: ADMIN });
      });
      return;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (req.url === '/auth/me' && token && sessions.has(token)) return json(200, { user: ADMIN, deskId: sessions.get(token), expiresAt: Date.now() + 3_600_000 });
    if (req.url === '/auth/me') return json(401, { error: { code: 'unauthenticated', message: 'Sign in first.' } });
    // The sync engine's calls: nothing to say, and no error that matters here.
    json(503, { error: { code: 'unavailable', message: 'Not in this stand-in.' } });
  });
  return listening(server, port);
}
function notAHub(): Promise<Server> {
  return listening(createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Welcome to nginx!</h1>')));
}
const listening = (server: Server, port = 0) => new Promise<Server>((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const closed = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
/** An address where nothing listens: a port that was free a moment ago. */
async function closedPort(): Promise<string> {
  const server = await listening(createServer());
  const url = urlOf(server);
  await closed(server);
  return url;
}

let hub: Server;
let hubUrl: string;
beforeAll(async () => {
  hub = await standInHub(new Map());
  hubUrl = urlOf(hub);
});
afterAll(() => closed(hub));

// A hub address on a port that fetch will not use ("bad port", e.g. 4190) is refused when it
// is given, with what to do, instead of "the hub cannot be reached" forever.

describe('a hub address on a port fetch refuses', () => {
  it('is refused when the desk is started with it, saying to pick another port', async () => {
    await expect(openDesk({ dataDir: ':memory:', hubUrl: 'http://127.0.0.1:4190' })).rejects.toThrow(/Port 4190 cannot be used for a hub.*another port/);
  });

  it('is refused by the join form, and an ordinary port is not', async () => {
    const desk = await openDesk({ dataDir: ':memory:' });
    try {
      const conn = desk.connect(() => undefined);
      expect(await conn.call('desk.initialize', { mode: 'empty' })).toMatchObject({ ok: true });
      const users = await conn.call('session.users', {});
      const admin = users.ok ? (users.result as { id: string; role: string }[]).find((u) => u.role === 'admin') : undefined;
      expect(await conn.call('session.signIn', { userId: admin?.id })).toMatchObject({ ok: true });
      expect(await conn.call('hub.join', { url: 'http://hub.example:4190/' })).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'hubPortBlocked', params: { port: 4190 } } });
      expect(await conn.call('hub.status', {})).toMatchObject({ ok: true, result: { joined: false } });
      expect(await conn.call('hub.join', { url: hubUrl })).toMatchObject({ ok: true, result: { joined: true } });
    } finally {
      desk.close();
    }
  });

  it('knows the standard’s list and the default ports', () => {
    expect([4190, 6000, 10080].map(isFetchBlockedPort)).toEqual([true, true, true]);
    expect([4180, 443, 80, 8080].map(isFetchBlockedPort)).toEqual([false, false, false, false]);
    expect([portOfUrl('https://hub.example'), portOfUrl('http://hub.example'), portOfUrl('http://hub.example:4190/x')]).toEqual([443, 80, 4190]);
  });

  it('a failed fetch is described with its real cause, for the log', async () => {
    const why = await fetch('http://127.0.0.1:4190/').then(
      () => 'reached',
      (error: unknown) => describeFetchError(error),
    );
    expect(why).toMatch(/bad port/);
  });
});

// Who may join a desk to a hub: its first start lets anyone set up a desk with no data, and so
// join it (nobody is signed in yet); a desk with data is an admin's to join.
describe('joining a hub, by whom', () => {
  it('anyone at a desk with no data yet, before signing in; the address refused as the form says', async () => {
    const desk = await openDesk({ dataDir: ':memory:' });
    try {
      const conn = desk.connect(() => undefined);
      expect(await conn.call('hub.join', { url: 'hub.example' })).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'hubUrlInvalid' } });
      expect(await conn.call('hub.join', { url: `${hubUrl}/` })).toMatchObject({ ok: true, result: { joined: true, url: hubUrl } });
      // Then set up empty: no local stand-ins, people sign in with their hub accounts.
      expect(await conn.call('desk.initialize', { mode: 'empty' })).toMatchObject({ ok: true });
      expect(await conn.call('session.users', {})).toMatchObject({ ok: true, result: [] });
    } finally {
      desk.close();
    }
  });

  it('only an admin at a desk that has data: not a window nobody signed in at, nor an agent', async () => {
    const desk = await openDesk({ dataDir: ':memory:' });
    try {
      const conn = desk.connect(() => undefined);
      expect(await conn.call('desk.initialize', { mode: 'empty' })).toMatchObject({ ok: true });
      expect(await conn.call('hub.join', { url: 'http://hub.example:4180' })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'joinNeedsAdmin' } });
      const users = await conn.call('session.users', {});
      const people = users.ok ? (users.result as { id: string; role: string }[]) : [];
      expect(await conn.call('session.signIn', { userId: people.find((u) => u.role === 'agent')?.id })).toMatchObject({ ok: true });
      expect(await conn.call('hub.join', { url: 'http://hub.example:4180' })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'joinNeedsAdmin' } });
      expect(await conn.call('hub.status', {})).toMatchObject({ ok: true, result: { joined: false } });
      expect(await conn.call('session.signIn', { userId: people.find((u) => u.role === 'admin')?.id })).toMatchObject({ ok: true });
      expect(await conn.call('hub.join', { url: hubUrl })).toMatchObject({ ok: true, result: { joined: true } });
    } finally {
      desk.close();
    }
  });
});

// A well-formed but wrong address was kept as it was typed: at first start the desk was then
// joined to nothing, and nobody could sign in until it was started again with --hub. The desk
// now asks the address first (GET /health, a few seconds) and keeps only a hub's.
describe('joining asks the address first', () => {
  it('refuses an address where nothing answers, or where what answers is no Tagdesk hub, and keeps none', async () => {
    const desk = await openDesk({ dataDir: ':memory:' });
    const web = await notAHub();
    try {
      const conn = desk.connect(() => undefined);
      const nothing = await closedPort();
      expect(await conn.call('hub.join', { url: nothing })).toMatchObject({ ok: false, error: { code: 'refused', key: 'hubNotAnswering', params: { url: nothing } } });
      expect(await conn.call('hub.join', { url: urlOf(web) })).toMatchObject({ ok: false, error: { code: 'refused', key: 'hubNotAHub', params: { url: urlOf(web) } } });
      expect(await conn.call('hub.status', {})).toMatchObject({ ok: true, result: { joined: false } });
      expect(await conn.call('hub.join', { url: hubUrl })).toMatchObject({ ok: true, result: { joined: true, url: hubUrl } });
    } finally {
      desk.close();
      await closed(web);
    }
  });

  // A hub on HTTPS with a certificate this computer does not trust (self-signed, expired, for
  // another name) was "Nothing answers at …"; only the log had the cause. Now said as it is.
  it('says a hub whose certificate this computer does not trust is not trusted, not that nothing answers', async () => {
    const selfSigned = await listening(createHttpsServer(TEST_ONLY_SELF_SIGNED, (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, database: 'up', live: 0 }))));
    const url = `https://127.0.0.1:${(selfSigned.address() as AddressInfo).port}`;
    const desk = await openDesk({ dataDir: ':memory:' });
    try {
      const conn = desk.connect(() => undefined);
      const answer = await conn.call('hub.join', { url });
      expect(answer).toMatchObject({ ok: false, error: { code: 'refused', key: 'hubCertUntrusted', params: { url } } });
      expect(answer.ok ? '' : answer.error.message).toContain('does not trust its certificate');
      expect(await conn.call('hub.status', {})).toMatchObject({ ok: true, result: { joined: false } });
    } finally {
      desk.close();
      await closed(selfSigned);
    }
  });

  // Signing in at a joined desk when the hub's certificate is not trusted here was "the hub
  // cannot be reached" in silence (the log alone said why): the password kept here still works,
  // and the person is told why the hub was not used; someone never signed in here is told that.
  it('signs in with the password kept here when the hub’s certificate is not trusted, saying so', async () => {
    const selfSigned = await listening(createHttpsServer(TEST_ONLY_SELF_SIGNED, (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')));
    const url = `https://127.0.0.1:${(selfSigned.address() as AddressInfo).port}`;
    const desk = await openDesk({ dataDir: ':memory:', hubUrl });
    try {
      const conn = desk.connect(() => undefined);
      expect(await conn.call('desk.initialize', { mode: 'empty' })).toMatchObject({ ok: true });
      expect(await conn.call('session.signInWithPassword', { email: ADMIN.email, password: 'correct horse battery' })).toMatchObject({ ok: true, result: { hubNotUsed: null } });
      // The hub now answers at its address with a certificate this computer does not trust.
      desk.db.sqlite.prepare('UPDATE hub_link SET url = ?').run(url);
      const later = desk.connect(() => undefined);
      expect(await later.call('session.signInWithPassword', { email: ADMIN.email, password: 'correct horse battery' })).toMatchObject({ ok: true, result: { user: { id: ADMIN.id }, hubNotUsed: { key: 'hubCertUntrusted', url } } });
      const stranger = await later.call('session.signInWithPassword', { email: 'new@desk.test', password: 'correct horse battery' });
      expect(stranger).toMatchObject({ ok: false, error: { code: 'refused', key: 'hubCertUntrusted', params: { url } } });
    } finally {
      desk.close();
      await closed(selfSigned);
    }
  });

  it('tells a certificate failure by its code: not trusted, expired, for another name; anything else is none', () => {
    const failed = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
    expect(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'].map((c) => certificateProblem(failed(c)))).toEqual(Array(4).fill('hubCertUntrusted'));
    expect(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID'].map((c) => certificateProblem(failed(c)))).toEqual(['hubCertExpired', 'hubCertExpired']);
    expect(certificateProblem(failed('ERR_TLS_CERT_ALTNAME_INVALID'))).toBe('hubCertWrongName');
    expect([failed('ECONNREFUSED'), new Error('bad port'), 'text', null].map(certificateProblem)).toEqual([null, null, null, null]);
  });

  it('gives up on an address that does not answer within a few seconds', async () => {
    // Accepts the connection and never answers.
    const silent = await listening(createServer(() => undefined));
    const desk = await openDesk({ dataDir: ':memory:' });
    try {
      const started = Date.now();
      const answer = await desk.connect(() => undefined).call('hub.join', { url: urlOf(silent) });
      expect(answer).toMatchObject({ ok: false, error: { key: 'hubNotAnswering' } });
      expect(Date.now() - started).toBeLessThan(6000);
    } finally {
      desk.close();
      silent.closeAllConnections();
      await closed(silent);
    }
  }, 10_000);
});

// A desk joined to the wrong address, or whose hub moved: the sign-in screen of a desk nobody
// has signed in at says what is tried and lets anyone there choose another address (it has no
// data yet); an admin moves a desk that has worked with its hub to that hub's new address.
describe('changing a joined desk’s hub address', () => {
  it('at a desk where nobody has signed in yet: anyone, to any hub that answers', async () => {
    const wrong = await closedPort();
    // Started with --hub and a wrong address (the flag checks the form only: the hub may start later).
    const desk = await openDesk({ dataDir: ':memory:', hubUrl: wrong });
    try {
      const conn = desk.connect(() => undefined);
      expect(await conn.call('desk.initialize', { mode: 'empty' })).toMatchObject({ ok: true });
      expect(await conn.call('hub.reach', {})).toMatchObject({ ok: true, result: { url: wrong, why: { key: 'hubNotAnswering' }, anyoneSignedInHere: false, mayChangeAddress: true } });
      expect(await conn.call('hub.join', { url: hubUrl })).toMatchObject({ ok: true, result: { joined: true, url: hubUrl } });
      expect(await conn.call('hub.reach', {})).toMatchObject({ ok: true, result: { url: hubUrl, why: null } });
    } finally {
      desk.close();
    }
  });

  it('at a desk someone has signed in at: an admin only, and only to the same hub at its new address', async () => {
    const sessions = new Map<string, string | null>();
    const [before, moved, other] = [await standInHub(sessions), await standInHub(sessions), await standInHub(new Map())];
    const desk = await openDesk({ dataDir: ':memory:', hubUrl: urlOf(before) });
    try {
      const conn = desk.connect(() => undefined);
      expect(await conn.call('desk.initialize', { mode: 'empty' })).toMatchObject({ ok: true });
      expect(await conn.call('session.signInWithPassword', { email: ADMIN.email, password: 'correct horse battery' })).toMatchObject({ ok: true });
      const window = desk.connect(() => undefined);
      expect(await window.call('hub.reach', {})).toMatchObject({ ok: true, result: { anyoneSignedInHere: true, mayChangeAddress: false } });
      expect(await window.call('hub.join', { url: urlOf(moved) })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'joinNeedsAdmin' } });
      expect(await conn.call('hub.join', { url: urlOf(other) })).toMatchObject({ ok: false, error: { code: 'refused', key: 'hubNotSame', params: { url: urlOf(other) } } });
      expect(await conn.call('hub.status', {})).toMatchObject({ ok: true, result: { url: urlOf(before) } });
      expect(await conn.call('hub.join', { url: urlOf(moved) })).toMatchObject({ ok: true, result: { joined: true, url: urlOf(moved) } });
    } finally {
      desk.close();
      await Promise.all([before, moved, other].map(closed));
    }
  });
});


// The sign-in screen asks whether the hub answers every few seconds while it is down: the desk's
// log had a line per ask (hundreds an hour, burying anything else). It says when the hub stops
// answering, with why, and when it answers again; the screen's answer is the same each time.
describe('the sign-in screen asking whether the hub answers', () => {
  it('logs once when the hub stops answering and once when it answers again, not every ask', async () => {
    const url = await closedPort();
    const desk = await openDesk({ dataDir: ':memory:', hubUrl: url });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const about = () => warn.mock.calls.map((args) => args.join(' ')).filter((line) => line.includes(url));
    let hub: Server | null = null;
    try {
      const conn = desk.connect(() => undefined);
      expect(await conn.call('desk.initialize', { mode: 'empty' })).toMatchObject({ ok: true });
      for (let i = 0; i < 5; i++) expect(await conn.call('hub.reach', {})).toMatchObject({ ok: true, result: { url, why: { key: 'hubNotAnswering' } } });
      expect(about()).toEqual([expect.stringMatching(/does not answer \(.*ECONNREFUSED/)]);

      // The hub starts at its address: said once, then nothing while it answers.
      hub = await standInHub(new Map(), Number(new URL(url).port));
      for (let i = 0; i < 3; i++) expect(await conn.call('hub.reach', {})).toMatchObject({ ok: true, result: { url, why: null } });
      expect(about()).toHaveLength(2);
      expect(about()[1]).toMatch(/answers again/);

      // It stops again: said once more.
      hub.closeAllConnections();
      await closed(hub);
      hub = null;
      for (let i = 0; i < 3; i++) expect(await conn.call('hub.reach', {})).toMatchObject({ ok: true, result: { why: { key: 'hubNotAnswering' } } });
      expect(about()).toHaveLength(3);
      expect(about()[2]).toMatch(/does not answer/);
    } finally {
      warn.mockRestore();
      desk.close();
      if (hub) await closed(hub);
    }
  });
});
