import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type WebSocket, WebSocketServer } from 'ws';
import { ApiError, issuesOf, requestSchema, type Response } from '../../shared/api';
import { type Clock, type Connection, type Desk, openDesk } from '../core/desk';
import { COULD_NOT_START_TITLE, couldNotStartText } from '../core/db/openErrors';
import { progressLines, type UpgradeState, upgradePage, upgradePageCsp, upgradeTracker } from '../core/upgradeScreen';

// The browser shell: serves the built renderer and carries the API over a WebSocket. It
// listens on 127.0.0.1 only, and every socket must present the token printed at start, so
// other users of the machine and web pages in the same browser cannot reach the desk.

export interface WebShellOptions {
  dataDir: string;
  demo: boolean;
  /** 0 picks any free port. */
  port: number;
  clock?: Clock;
  /** Start the desk on a clock its API can move forward (SLA end-to-end tests). */
  testClock?: boolean;
  /** The built renderer; defaults to out/renderer of this checkout. */
  rendererDir?: string;
  /** Backpressure limits for each socket (tests make them small). */
  limits?: Partial<SocketLimits>;
  /** Join this hub (sign-in by email and password through it). */
  hubUrl?: string;
  /**
   * Told the shell's address when the desk's file starts being upgraded (the server already
   * listens and shows the upgrade's progress there), long before the shell resolves.
   */
  onUpgradeStarted?: (url: string) => void;
  /** Back the desk up once a day into its backups folder (the shell started from the command line; not the tests' shells). */
  automaticBackups?: boolean;
}

/**
 * Backpressure: a socket whose unsent output (ws bufferedAmount) is over `highWaterBytes`
 * is not read from and its requests are not answered until it drains below
 * `lowWaterBytes`; one that stays over for `stallCloseMs` is closed with SLOW_CONSUMER_CODE
 * and a log line. So a page that stops reading costs at most about highWater plus one reply.
 */
export interface SocketLimits {
  highWaterBytes: number;
  lowWaterBytes: number;
  stallCloseMs: number;
  /** Requests read but not yet answered; more and the socket is closed (a flood). */
  maxQueued: number;
}

export const DEFAULT_LIMITS: SocketLimits = { highWaterBytes: 4 * 1024 * 1024, lowWaterBytes: 1024 * 1024, stallCloseMs: 15_000, maxQueued: 1_000 };
/** Private-use close code: "you did not read what the desk sent". */
export const SLOW_CONSUMER_CODE = 4008;
/** Private-use close code: more requests waiting than a page ever sends. */
export const FLOOD_CODE = 4009;

export interface WebShell {
  url: string;
  port: number;
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Where the upgrade page polls for progress (and learns that the desk is open). */
export const UPGRADE_PROGRESS_PATH = '/upgrade-progress';
/**
 * Where a tab whose socket closed asks whether its token is still this process's (a browser
 * cannot read the 401 that refused its WebSocket upgrade). The token travels in
 * TOKEN_HEADER, never the address; 204 means "yes, keep reconnecting", 401 means "this desk
 * was restarted with a new token: open the address it printed".
 */
export const TOKEN_CHECK_PATH = '/token-check';
export const TOKEN_HEADER = 'x-tagdesk-token';
/** Larger than any sane request; stops a runaway page from filling memory. */
const MAX_FRAME_BYTES = 1024 * 1024;
const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../out/renderer/', import.meta.url));

export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const token = randomBytes(32).toString('hex');
  const rendererDir = resolve(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const limits: SocketLimits = { ...DEFAULT_LIMITS, ...options.limits };
  let port = options.port;

  // The server listens before the desk opens, so that a desk whose file is upgraded first (half
  // an hour on a big one) shows how far it has got. Until the desk is open, a request waits
  // (a desk that opens at once shows nothing but itself), or, once the upgrade reports, a
  // page gets the upgrade page.
  let desk: Desk | null = null;
  const upgrade = upgradeTracker();
  let upgrading = false;
  let held: Array<{ req: IncomingMessage; res: ServerResponse }> = [];
  const release = () => {
    const waiting = held;
    held = [];
    for (const { req, res } of waiting) answerHttp(req, res);
  };

  const answerHttp = (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req, port)) return plain(res, 421, OTHER_HOST_ANSWER);
    const pathname = URL.parse(req.url ?? '/', `http://${HOST}`)?.pathname ?? '';
    if (pathname === UPGRADE_PROGRESS_PATH) return json(res, { open: desk !== null, view: upgrade.view() } satisfies UpgradeState);
    // The token is kept fresh on every start rather than stored in the data folder: a token
    // once printed (a terminal's scrollback, a shared screen) stops opening the desk when it
    // restarts. A tab that held the old one is told so by this check and says what to do.
    if (pathname === TOKEN_CHECK_PATH) return tokenCheck(req, res, token);
    if (!desk && !upgrading) {
      held.push({ req, res });
      return;
    }
    if (!desk && isPage(req, pathname)) return sendUpgradePage(req, res, upgrade.view());
    serveStatic(req, res, rendererDir).catch(() => {
      if (!res.headersSent) plain(res, 500, COULD_NOT_READ_ANSWER);
      else res.destroy();
    });
  };
  const server = createServer(answerHttp);

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (url.pathname !== '/api') return refuseUpgrade(socket, 404, 'Not Found');
    if (!hostAllowed(req, port) || !originAllowed(req, port)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!tokenMatches(url.searchParams.get('token'), token)) return refuseUpgrade(socket, 401, 'Unauthorized');
    // Nothing to talk to yet: the page that opened it reloads into the app once the desk is open.
    const open = desk;
    if (!open) return refuseUpgrade(socket, 503, 'Service Unavailable', DESK_OPENING_ANSWER);
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const served = serveSocket(ws, limits);
      served.start(open.connect((push) => served.push(push)));
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      fail(error.code === 'EADDRINUSE' ? new PortInUseError(options.port) : error);
    });
    server.listen(options.port, HOST, () => done());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${HOST}:${port}/?token=${token}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((done) => {
      for (const ws of sockets.clients) ws.terminate();
      sockets.close();
      server.close(() => {
        desk?.close();
        done();
      });
      server.closeAllConnections();
    }));

  const log = progressLines((line) => console.error(line));
  try {
    desk = await openDesk({
      dataDir: options.dataDir,
      demo: options.demo,
      testClock: options.testClock ?? false,
      automaticBackups: options.automaticBackups ?? false,
      onMigrationProgress: (p) => {
        log(p);
        upgrade.update(p);
        if (upgrading) return;
        upgrading = true;
        options.onUpgradeStarted?.(url);
        release();
      },
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.hubUrl ? { hubUrl: options.hubUrl } : {}),
    });
  } catch (error) {
    // As before the server listened early: the caller gets the desk's error, and nothing is left listening.
    const said = couldNotStartText(error instanceof Error ? error : new Error(String(error)));
    for (const { res } of held) plain(res, 503, said);
    held = [];
    await close();
    throw error;
  }
  release();

  return { url, port, token, dataDir: desk.dataDir, close };
}

/** A request for a page (not a file with an extension, nor the progress): the app's routes and index.html. */
function isPage(req: IncomingMessage, pathname: string): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && (extname(pathname) === '' || extname(pathname) === '.html');
}

/**
 * 503 with Retry-After, not 200: the address is the app's and the app is not there yet. A
 * browser shows the page all the same; a script or health check waiting for the desk (curl
 * -f, a test) is told to come back rather than handed a page it would take for the app.
 */
function sendUpgradePage(req: IncomingMessage, res: ServerResponse, view: UpgradeState['view']): void {
  const body = upgradePage(view, { poll: UPGRADE_PROGRESS_PATH });
  isolationHeaders(res);
  res.writeHead(503, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Retry-After': '5',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': `${upgradePageCsp({ poll: UPGRADE_PROGRESS_PATH })}; frame-ancestors 'none'`,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function json(res: ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  isolationHeaders(res);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

// ---- the API socket ------------------------------------------------------------------------------

function serveSocket(ws: WebSocket, limits: SocketLimits): { start(connection: Connection): void; push(value: unknown): void } {
  const queue: Array<{ data: WebSocket.RawData; isBinary: boolean }> = [];
  let connection: Connection | null = null;
  let pumping = false;
  let stall: { since: number; timer: ReturnType<typeof setInterval> } | null = null;
  const open = () => ws.readyState === ws.OPEN;

  const shut = (code: number, why: string) => {
    console.error(`tagdesk: closed a WebSocket (${code}): ${why}`);
    queue.length = 0;
    ws.close(code, why.slice(0, 120));
    // The peer is not reading, so it will not answer the close either: let go of it.
    setTimeout(() => ws.terminate(), 1_000).unref();
  };

  const watch = () => {
    if (stall) return;
    ws.pause();
    stall = {
      since: Date.now(),
      timer: setInterval(() => {
        if (!stall) return;
        if (!open()) return unwatch();
        if (ws.bufferedAmount <= limits.lowWaterBytes) {
          unwatch();
          ws.resume();
          void pump();
        } else if (Date.now() - stall.since >= limits.stallCloseMs) {
          const waiting = ws.bufferedAmount;
          unwatch();
          shut(SLOW_CONSUMER_CODE, `too slow: ${(waiting / 1048576).toFixed(1)} MB unread for ${Math.round(limits.stallCloseMs / 1000)} s`);
        }
      }, 50),
    };
  };
  const unwatch = () => {
    if (stall) clearInterval(stall.timer);
    stall = null;
  };

  const pump = async () => {
    if (pumping || !connection) return;
    pumping = true;
    try {
      while (queue.length > 0 && open()) {
        if (ws.bufferedAmount > limits.highWaterBytes) return watch();
        const next = queue.shift()!;
        // An import answers when it has read every file (minutes): the window's other calls, its
        // import.status and import.cancel among them, went on waiting behind it, so "Cancel the
        // import" did nothing until the import had finished. It is answered aside; the client
        // matches answers by id.
        if (answeredAside(next.data, next.isBinary)) {
          const c = connection;
          void answer(c, next.data, next.isBinary).then((reply) => {
            if (!open()) return;
            sendJson(ws, reply);
            if (ws.bufferedAmount > limits.highWaterBytes) watch();
          });
          continue;
        }
        sendJson(ws, await answer(connection, next.data, next.isBinary));
      }
      if (ws.bufferedAmount > limits.highWaterBytes) watch();
    } finally {
      pumping = false;
    }
  };

  ws.on('message', (data, isBinary) => {
    if (queue.length >= limits.maxQueued) return shut(FLOOD_CODE, `more than ${limits.maxQueued} requests waiting for an answer`);
    queue.push({ data, isBinary });
    void pump();
  });
  ws.on('close', () => {
    unwatch();
    queue.length = 0;
    connection?.close();
  });
  // A socket error is followed by 'close'; without a listener it would crash the process.
  ws.on('error', () => {});
  return {
    start(c) {
      connection = c;
      void pump();
    },
    push(value) {
      sendJson(ws, value);
      if (ws.bufferedAmount > limits.highWaterBytes) watch();
    },
  };
}

/** Calls that last as long as their work (an import), answered without holding the window's other calls. */
const ASIDE: ReadonlySet<string> = new Set(['import.run']);
function answeredAside(data: WebSocket.RawData, isBinary: boolean): boolean {
  if (isBinary) return false;
  // Every call of the window passes here: parsed (again) only when it may be one of them.
  const text = rawText(data);
  if (![...ASIDE].some((method) => text.includes(method))) return false;
  try {
    const raw: unknown = JSON.parse(text);
    return typeof raw === 'object' && raw !== null && ASIDE.has(String(Reflect.get(raw, 'method')));
  } catch {
    return false;
  }
}

/** Id 0 answers a frame that carried no usable id (the client's ids start at 1). */
async function answer(connection: Connection, data: WebSocket.RawData, isBinary: boolean): Promise<Response> {
  if (isBinary) return refusal(0, new ApiError('invalid_input', 'Send requests as JSON text frames.'));
  let raw: unknown;
  try {
    raw = JSON.parse(rawText(data));
  } catch {
    return refusal(0, new ApiError('invalid_input', 'The request is not valid JSON.'));
  }
  const request = requestSchema.safeParse(raw);
  if (!request.success) {
    const id = typeof raw === 'object' && raw !== null ? Reflect.get(raw, 'id') : undefined;
    return refusal(
      Number.isSafeInteger(id) ? (id as number) : 0,
      new ApiError('invalid_input', 'A request is {id, method, input}.', issuesOf(request.error)),
    );
  }
  const { id, method, input } = request.data;
  try {
    return { id, ...(await connection.call(method, input)) };
  } catch (error) {
    // The core turns its own failures into results; this is the last line, so log it.
    console.error(`Tagdesk: ${method} failed unexpectedly`, error);
    return refusal(id, new ApiError('internal', 'The desk failed to handle this request.'));
  }
}

function refusal(id: number, error: ApiError): Response {
  return { id, ok: false, error: error.toJSON() };
}

function rawText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}

function sendJson(ws: WebSocket, value: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(value));
}

// ---- who may connect ----------------------------------------------------------------------------

function tokenMatches(given: string | null, token: string): boolean {
  if (given === null) return false;
  // Hashing first gives equal lengths, so the comparison time says nothing about the token.
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** Refuses other Host names, so a DNS-rebinding page cannot talk to us as "its" origin. */
function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host === `${HOST}:${port}` || host === `localhost:${port}`;
}

/** Browsers always send Origin on a WebSocket; Node clients (tests, tools) send none. */
function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string, body = ''): void {
  const bytes = Buffer.byteLength(body);
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${bytes > 0 ? 'Content-Type: text/plain; charset=utf-8\r\nRetry-After: 5\r\n' : ''}Content-Length: ${bytes}\r\n\r\n${body}`);
  socket.destroy();
}

// ---- the renderer's files ------------------------------------------------------------------------

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return plain(res, 405, METHOD_ANSWER);
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', `http://${HOST}`).pathname);
  } catch {
    return plain(res, 400, BAD_PATH_ANSWER);
  }
  const file = resolve(root, `.${pathname}`);
  if (pathname.includes('\0') || (file !== root && !file.startsWith(root + sep))) return plain(res, 404, NOT_FOUND_ANSWER);

  const found = await fileStats(file);
  if (found) return sendFile(req, res, file, found);
  // Client-side routes (no file extension) get the app; a missing asset stays a 404 so a
  // broken build shows up as an error, not as HTML parsed as JavaScript.
  if (extname(pathname) !== '') return plain(res, 404, NOT_FOUND_ANSWER);
  const index = resolve(root, 'index.html');
  const indexStats = await fileStats(index);
  if (!indexStats) return plain(res, 503, notBuiltAnswer(index));
  return sendFile(req, res, index, indexStats);
}

async function fileStats(file: string): Promise<Stats | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, stats: Stats): void {
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  res.statusCode = 200;
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', stats.size);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  isolationHeaders(res);
  // The page URL carries the token: never send it on as a Referer.
  res.setHeader('Referrer-Policy', 'no-referrer');
  // Vite puts a content hash in every name under assets/; everything else may change.
  res.setHeader('Cache-Control', file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (type.startsWith('text/html')) {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.headers.host ?? HOST));
    res.setHeader('X-Frame-Options', 'DENY');
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function contentSecurityPolicy(host: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Mantine sets style attributes and injects <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ws://${host}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** No other origin's window may keep a handle on ours, nor embed or fetch our files. */
function isolationHeaders(res: ServerResponse): void {
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function tokenCheck(req: IncomingMessage, res: ServerResponse, token: string): void {
  const given = req.headers[TOKEN_HEADER];
  const ok = tokenMatches(typeof given === 'string' ? given : null, token);
  isolationHeaders(res);
  res.writeHead(ok ? 204 : 401, { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end();
}

/**
 * The answer to an address by another name (the machine's network address, say): the one
 * page a person may meet before the app has chosen a language, so in English and Persian.
 */
export const OTHER_HOST_ANSWER = [
  'This server only answers to 127.0.0.1 and localhost. Open the address Tagdesk printed when it started.',
  'این کارگزار فقط به \u2068127.0.0.1\u2069 و \u2068localhost\u2069 پاسخ می‌دهد. نشانی‌ای را باز کنید که تگ‌دسک هنگام راه‌اندازی چاپ کرد.',
].join('\n');

// The shell's other plain answers, met as well before any language is chosen: in both too,
// English first, then Persian on a line of its own.
export const NOT_FOUND_ANSWER = ['Not found.', 'چیزی در این نشانی نیست.'].join('\n');
export const METHOD_ANSWER = ['Method not allowed.', 'این نوع درخواست اینجا پذیرفته نیست.'].join('\n');
export const BAD_PATH_ANSWER = ['Bad path.', 'این نشانی درست نیست.'].join('\n');
export const COULD_NOT_READ_ANSWER = ['Could not read the file.', 'پرونده خوانده نشد.'].join('\n');
/** The API's socket while the desk's file is still being upgraded (the page that opened it reloads into the app). */
export const DESK_OPENING_ANSWER = [
  'The desk is still opening (its file is being upgraded); try again when it is open.',
  'میز هنوز در حال باز شدن است (پرونده‌اش به‌روز می‌شود)؛ وقتی باز شد دوباره امتحان کنید.',
].join('\n');
/** A page asked for before `npm run build` has made the renderer's files. */
export const notBuiltAnswer = (index: string): string =>
  [
    `The renderer has not been built (no ${index}). Run "npm run build" first.`,
    `صفحه‌های برنامه هنوز ساخته نشده‌اند (\u2068${index}\u2069 نیست). اول \u2068npm run build\u2069 را اجرا کنید.`,
  ].join('\n');

/** `--host`, which the shell does not take. */
export const HOST_FLAG_ANSWER = [
  '--host is not supported: the browser shell only listens on 127.0.0.1.',
  'گزینهٔ \u2068--host\u2069 پذیرفته نیست: پوستهٔ مرورگر فقط روی \u2068127.0.0.1\u2069 گوش می‌دهد.',
].join('\n');
/** A `--port` that is no port. */
export const portFlagAnswer = (given: string): string =>
  [`--port must be a whole number from 0 to 65535, not "${given}".`, `\u2068--port\u2069 باید عددی درست از ۰ تا ۶۵۵۳۵ باشد، نه «\u2068${given}\u2069».`].join('\n');

// What `npm run web` prints when it starts, read in the terminal before any language is
// chosen: each in English, then in Persian on a line of its own, as the answers above. The
// address stays whole on its English line only: one to copy (isolation marks copied with it
// would break it in the browser's address bar).
/** Where the desk is served (with the token to open it). */
export const runningAnswer = (url: string): string => [`Tagdesk is running at ${url}`, 'تگ‌دسک اجرا می‌شود: نشانی خط بالا را در مرورگر باز کنید.'].join('\n');
/** Said with the address when the desk's file is upgraded before it opens. */
export const UPGRADING_FIRST_ANSWER = [
  "The desk's file is being upgraded first; the address shows how far it has got and opens the desk when it is done.",
  'پروندهٔ میز اول به‌روز می‌شود؛ آن نشانی نشان می‌دهد کار تا کجا پیش رفته است و وقتی تمام شد میز را باز می‌کند.',
].join('\n');
/** The folder the desk keeps its data in. */
export const dataFolderAnswer = (dir: string): string => [`Data folder: ${dir}`, `پوشهٔ داده: \u2068${dir}\u2069`].join('\n');
export const STOP_ANSWER = ['Press Ctrl+C to stop.', 'برای توقف، \u2068Ctrl+C\u2069 را بزنید.'].join('\n');

/** The port asked for is taken by another program: the shell opens nothing. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is in use; pick another with --port N, or --port 0 for any free port.`);
    this.name = 'PortInUseError';
  }

  /** What the terminal is told: in English, then in Persian, as couldNotStartText says a desk's reason. */
  get text(): string {
    const port = new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(this.port);
    const persian = `درگاه ${port} را برنامهٔ دیگری گرفته است؛ با \u2068--port N\u2069 درگاه دیگری برگزینید، یا با \u2068--port 0\u2069 هر درگاه آزادی را.`;
    return `${COULD_NOT_START_TITLE.en}: ${this.message}\n${COULD_NOT_START_TITLE.fa}: ${persian}`;
  }
}

/**
 * `npm run web -- --help`, and what a wrong command line is told: in English, then in Persian,
 * as the couldNotStartText lines of a desk that cannot open. Flags, paths and numbers the
 * person types stay as typed, isolated in the Persian lines.
 */
export const WEB_USAGE = `Usage: tagdesk-web [--data DIR] [--demo] [--port N] [--hub URL]

  --data DIR   where the desk keeps its data (default: $TAGDESK_DATA, else the per-user
               application-data folder)
  --demo       fill an empty desk with demo customers and tickets
  --port N     port on 127.0.0.1 (default 4173; 0 picks any free port)
  --test-clock run the desk on a clock that only moves when told to (SLA tests and demos)
  --debug      show the stack of an error
  --hub URL    join this hub (the desk stays joined on later starts): people sign in
               with email and password through it

Exit codes as the CLI's (README): 3 folder, 4 damaged file, 5 newer version, 6 locked.

روش کار: \u2068tagdesk-web [--data DIR] [--demo] [--port N] [--hub URL]\u2069

  \u2068--data DIR\u2069   جایی که میز داده‌هایش را نگه می‌دارد (پیش‌فرض: \u2068$TAGDESK_DATA\u2069، وگرنه
               پوشهٔ دادهٔ برنامه برای هر کاربر)
  \u2068--demo\u2069       پر کردن میز خالی با مشتری‌ها و تیکت‌های نمونه
  \u2068--port N\u2069     درگاه روی \u2068127.0.0.1\u2069 (پیش‌فرض ۴۱۷۳؛ با ۰ هر درگاه آزادی برگزیده می‌شود)
  \u2068--test-clock\u2069 اجرای میز با ساعتی که فقط با فرمان جلو می‌رود (برای آزمون‌ها و نمایش مهلت‌ها)
  \u2068--debug\u2069      نمایش پشتهٔ خطا
  \u2068--hub URL\u2069    پیوستن به این هاب (میز در اجراهای بعدی هم پیوسته می‌ماند): افراد با ایمیل و
               گذرواژه از راه آن وارد می‌شوند

کدهای خروج مانند خط فرمان (\u2068README\u2069): ۳ پوشه، ۴ پروندهٔ آسیب‌دیده، ۵ نسخهٔ تازه‌تر، ۶ قفل‌شده.`;

function plain(res: ServerResponse, status: number, message: string): void {
  isolationHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${message}\n`);
}
