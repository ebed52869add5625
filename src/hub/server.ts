import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { authenticate, authenticateDesk, changeUser, endedByDeactivation, createUser, listUsers, requireAdmin, resetPassword, signIn, signOut, type Session } from './accounts';
import { openDb, openPool, type HubDb } from './db';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embeddedPostgres';
import type { Recheck } from './envelope';
import { RawJson } from './rawJson';
import { badRequest, forbidden, HubError, notFound, unauthorized } from './errors';
import { mayViewDesks } from './access';
import { startLive, type Live } from './live';
import { migrate } from './migrations';
import { migratePresence, presenceOf } from './presence';
import { ticketLogRecheck } from './ticketLogRecheck';
import { directory, pull, push, snapshot, statedDeskVersion, type StreamRules } from './sync';
import { DESK_VERSION_HEADER } from '../shared/ticketLog';
import { join } from 'node:path';
import type pg from 'pg';
import { isFetchBlockedPort } from '../shared/blockedPorts';
import { say } from '../shared/messageKeys';
import { HUB_TIME_HEADER } from '../shared/clockSkew';
import { readDeskEpoch, readDeskReport } from '../shared/deskReport';
import { deskContacts, listDesks } from './deskContacts';

// The hub: HTTP for requests, a WebSocket for live news, PostgreSQL for everything it knows
// (it keeps no state of its own, so several can serve one database). Routes:
//
//   GET  /health                          is the hub up, and its database
//   POST /auth/sign-in  {email,password,deskId?,deskKey?} -> {token,user,expiresAt}
//   POST /auth/sign-out                   revokes this session
//   GET  /auth/me                         the signed-in user
//   GET  /admin/users                     (admin) every user
//   POST /admin/users                     (admin) create
//   PATCH /admin/users/:id                (admin) role, tier, segments, name, email, active
//   POST /admin/users/:id/password        (admin) reset a password (ends their sessions)
//   POST /sync/push     {deskId, events:[{deskSeq, event}]}
//   GET  /sync/pull?after=&limit=&refusalsAfter=&atId=&atSeq=   (atId: the last event the desk read, at atSeq (default `after`); wentBack: true if the hub's there is another) (header x-tagdesk-desk-version: 426 past what the desk can read)
//   GET  /sync/snapshot                              (header x-tagdesk-desk-version: cut before what the desk cannot read)
//   GET  /sync/directory?after=&limit=  the 'user' stream, for a desk (Authorization: Desk <deskId> <deskKey>)
//   GET  /presence?ticketId=              who else has the ticket open (presence.ts)
//   GET  /admin/desks                     (admin) every desk: version, last call, clock, outbox, who was last there (deskContacts.ts)
//   GET  /sync/live (WebSocket upgrade, Authorization: Bearer <token>)
//
// Every answer is JSON; an error is {error:{code,message}} with a 4xx for what the caller
// got wrong (final) and a 5xx for a fault of the hub or its database (retry).

export interface HubOptions {
  /** Where the embedded PostgreSQL lives, when there is no databaseUrl. */
  dataDir?: string;
  databaseUrl?: string;
  host?: string;
  port?: number;
  tls?: { cert: string | Buffer; key: string | Buffer };
  log: Logger;
  recheck?: Recheck;
  /** The rules of the streams besides tickets (default: STREAM_RULES from src/shared/streamRules). */
  streamRules?: StreamRules;
  now?: () => number;
  sessionTtlMs?: number;
  /** Largest request body, bytes. */
  bodyLimit?: number;
  /** Requests per second per address (burst twice that). */
  rateLimit?: number;
  poolSize?: number;
}

export interface Hub {
  url: string;
  db: HubDb;
  databaseUrl: string;
  live: Live;
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60_000;

export async function startHub(options: HubOptions): Promise<Hub> {
  // Before anything starts: desks reach the hub with fetch, which never connects to these.
  if (options.port !== undefined && isFetchBlockedPort(options.port)) throw new Error(say('hubPortBlocked', { port: options.port }));
  const log = options.log;
  const now = options.now ?? Date.now;
  const recheck = options.recheck ?? ticketLogRecheck;
  const sessionTtlMs = options.sessionTtlMs ?? 7 * DAY;
  const bodyLimit = options.bodyLimit ?? 4 * 1024 * 1024;
  const rate = options.rateLimit ?? 2000;

  let embedded: EmbeddedPostgres | null = null;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl) {
    if (!options.dataDir) throw new Error('The hub needs --data DIR (embedded PostgreSQL) or DATABASE_URL.');
    embedded = await startEmbeddedPostgres({ dir: join(options.dataDir, 'pg'), onLog: (line) => line && log.debug({ postgres: line }, 'postgres') });
    databaseUrl = embedded.url;
    log.info({ postgresPort: embedded.port, postgresPid: embedded.pid }, 'embedded PostgreSQL started');
  }
  const pool: pg.Pool = openPool(databaseUrl, log, options.poolSize ?? 10);
  const db = openDb(pool);
  try {
    await migrate(db);
    await migratePresence(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
  // Whatever fails from here on (the live feed, a certificate Node refuses, a port in use) stops
  // what was started, the embedded PostgreSQL above all: left running, it held the folder.
  const stopStarted = async () => {
    await db.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
  };
  const live = await startLive({ db, databaseUrl, log, now }).catch(async (error: unknown) => {
    await stopStarted();
    throw error;
  });

  const buckets = new Map<string, { tokens: number; at: number }>();
  const allow = (address: string): boolean => {
    const t = now();
    const b = buckets.get(address) ?? { tokens: rate * 2, at: t };
    // Max 0: a hub clock set back (by hand, or NTP stepping it) refills nothing, rather than
    // draining the bucket by however far it went back and answering 429 to every desk for as long.
    b.tokens = Math.min(rate * 2, b.tokens + (Math.max(0, t - b.at) / 1000) * rate);
    b.at = t;
    buckets.set(address, b);
    if (b.tokens < 1) return false;
    b.tokens--;
    return true;
  };

  // What each desk says of itself on its sync calls (its version, clock and outbox), for the Desks page.
  const contacts = deskContacts(db, log, now);

  async function session(req: IncomingMessage): Promise<Session> {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const s = await authenticate(db, token, now());
    if (!s) throw (await endedByDeactivation(db, token)) ? new HubError(401, 'unauthorized', say('accountDeactivated'), { reason: 'deactivated' }) : unauthorized();
    return s;
  }

  async function route(req: IncomingMessage, url: URL, address: string): Promise<unknown> {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (method === 'GET' && path === '/health') {
      await sql`select 1`.execute(db);
      return { ok: true, database: 'up', live: live.clients() };
    }
    if (method === 'POST' && path === '/auth/sign-in') return signIn(db, await body(req, bodyLimit), address, { sessionTtlMs, now });
    const desk = /^Desk (\S+) (\S+)$/.exec(req.headers.authorization ?? '');
    if (desk && method === 'GET' && path === '/sync/directory') {
      if (!(await authenticateDesk(db, desk[1]!, desk[2]!))) throw unauthorized();
      const answer = await directory(db, Object.fromEntries(url.searchParams));
      await contacts.note(desk[1]!, statedDeskVersion(req.headers[DESK_VERSION_HEADER]), readDeskReport(req.headers));
      return answer;
    }
    const s = await session(req);
    if (method === 'POST' && path === '/auth/sign-out') {
      await signOut(db, s, now());
      live.dropSession(s.tokenHash);
      return { ok: true };
    }
    if (method === 'GET' && path === '/auth/me') return { user: s.user, deskId: s.deskId, expiresAt: s.expiresAt };
    // A desk's sync calls: after each answer is made (never inside a push's transaction), what
    // the desk said of itself is kept, at most once a minute unless it changed (deskContacts.ts).
    const deskVersion = statedDeskVersion(req.headers[DESK_VERSION_HEADER]);
    const seen = (tooOld?: boolean, readTo?: number | null) => (s.deskId ? contacts.note(s.deskId, deskVersion, readDeskReport(req.headers), tooOld, readTo) : Promise.resolve());
    if (method === 'POST' && path === '/sync/push') {
      const answer = await push(db, s, await body(req, bodyLimit), recheck, now(), options.streamRules, readDeskEpoch(req.headers));
      await seen();
      return answer;
    }
    if (method === 'GET' && path === '/sync/pull') {
      const answer = await pull(db, s, Object.fromEntries(url.searchParams), deskVersion).catch(async (error: unknown) => {
        if (error instanceof HubError && error.code === 'desk_too_old') await seen(true);
        throw error;
      });
      await seen(false, answer.readTo);
      return answer;
    }
    if (method === 'GET' && path === '/sync/snapshot') {
      const answer = await snapshot(db, s, deskVersion);
      await seen();
      return answer;
    }
    if (method === 'GET' && path === '/admin/desks') {
      const refusal = mayViewDesks(s.user);
      if (refusal) throw forbidden(refusal);
      return listDesks(db, now());
    }
    if (method === 'GET' && path === '/presence') return presenceOf(db, s, Object.fromEntries(url.searchParams), now());
    if (path === '/admin/users' || path.startsWith('/admin/users/')) {
      requireAdmin(s);
      const [, , , id, tail] = path.split('/');
      if (!id && method === 'GET') return { users: await listUsers(db) };
      if (!id && method === 'POST') return { user: await createUser(db, await body(req, bodyLimit), now(), s.user) };
      if (id && !tail && method === 'PATCH') return { user: await changeUser(db, id, await body(req, bodyLimit), now(), s.user) };
      if (id && tail === 'password' && method === 'POST') {
        await resetPassword(db, id, await body(req, bodyLimit), now(), s.user);
        return { ok: true };
      }
    }
    throw notFound(`No route ${method} ${path}.`);
  }

  /** Set once close() is called: no connection is kept alive past the answer it is giving. */
  let stopping = false;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const address = req.socket.remoteAddress ?? 'unknown';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://hub');
    } catch {
      url = new URL('http://hub/');
    }
    const answer = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      const text = value instanceof RawJson ? value.text : JSON.stringify(value);
      // Stopping: the answer ends its connection, so a desk asking again on a kept-alive one
      // (every 250 ms once the live socket is gone) finds no hub, and the hub gets to stop.
      if (stopping) headers = { ...headers, connection: 'close' };
      // The hub's time on every answer: a desk measures its own clock's offset from it (clockSkew.ts).
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', [HUB_TIME_HEADER]: String(now()), ...headers });
      res.end(text);
      log.info({ method: req.method, path: url.pathname, status, ms: Math.round(performance.now() - started) }, 'request');
    };
    if (!allow(address)) return answer(429, { error: { code: 'rate_limited', message: say('hubRateLimited') } }, { 'retry-after': '1' });
    route(req, url, address).then(
      (value) => answer(200, value),
      (error: unknown) => {
        if (error instanceof HubError) {
          const headers: Record<string, string> = error.status === 429 && error.extra?.retryAfterS ? { 'retry-after': String(error.extra.retryAfterS) } : {};
          if (error.status === 413) headers.connection = 'close';
          return answer(error.status, { error: { code: error.code, message: error.message, ...error.extra } }, headers);
        }
        log.error({ err: { message: error instanceof Error ? error.message : String(error), code: (error as { code?: string }).code } }, 'request failed');
        answer(503, { error: { code: 'unavailable', message: say('hubCouldNotFinish') } });
      },
    );
  };

  const host = options.host ?? '127.0.0.1';
  let server: Server;
  try {
    server = options.tls ? createHttps({ cert: options.tls.cert, key: options.tls.key }, handler) : createHttp(handler);
    server.requestTimeout = 30_000;
    server.headersTimeout = 10_000;
    server.on('upgrade', (req, socket, head) => {
      const path = new URL(req.url ?? '/', 'http://hub').pathname;
      if (path !== '/sync/live') return socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      live.handleUpgrade(req, socket, head);
    });
    const listening = server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await live.close().catch(() => undefined);
    await stopStarted();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    db,
    databaseUrl,
    live,
    close: () =>
      (closing ??= (async () => {
        stopping = true;
        await live.close();
        // server.close() stops taking connections and waits for the open ones to end: those idle
        // now are closed, and the others close after the answer they are giving (see answer()).
        // Without that a desk asking on a kept-alive connection kept the hub from ever stopping.
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await db.destroy();
        await embedded?.stop();
      })()),
  };
}

/** The JSON body, at most `limit` bytes: 413 past it, 400 when it is not JSON. */
function body(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // Only JSON: a browser page elsewhere cannot send that without a preflight this hub never allows.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      return reject(new HubError(415, 'unsupported_media_type', 'Send the request body as application/json.'));
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return reject(new HubError(413, 'too_large', `The request body is larger than ${limit} bytes.`));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new HubError(413, 'too_large', `The request body is larger than ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => reject(error));
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(badRequest('The request body is not valid JSON.'));
      }
    });
  });
}
