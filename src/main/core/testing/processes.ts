import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { openDesk } from '../desk';

// Real processes for the hardening and fault tests: the CLI and the browser shell as a user
// starts them, with their exit code, stdout and stderr.

/** The `tagdesk` command as installed (package.json's bin): it loads TypeScript in its own process. */
export const BIN = join(process.cwd(), 'bin', 'tagdesk.mjs');
export const WEB = join(process.cwd(), 'src', 'main', 'web', 'index.ts');
/** The unprivileged user tests become where root would skip permission checks. */
export const NOBODY = 65534;

export interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The environment a child gets: this one, with no desk folder from it; a key set to undefined is removed. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  // The Node running these tests first on the PATH, not the system's: a child that starts
  // another (`env node`) gets the pinned one too.
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, TAGDESK_DATA: '' };
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export interface RunOptions {
  asNobody?: boolean;
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
}

/**
 * Runs a program in one Node process: an `.mjs` file as it is, a TypeScript one with tsx
 * loaded into that process (`--import tsx`). The `tsx` command would start a second Node
 * under the first (about 0.65 s more a run), and a signal sent to the test's child would
 * reach the program only through it.
 */
export function run(file: string, args: string[], opts: RunOptions = {}): Promise<Run> {
  const started = Date.now();
  const options: SpawnOptions = { timeout: opts.timeoutMs ?? 60_000, env: childEnv({ ...(opts.asNobody ? { HOME: '/tmp' } : {}), ...opts.env }) };
  if (opts.asNobody) Object.assign(options, { uid: NOBODY, gid: NOBODY });
  const child = spawn(process.execPath, [...(file.endsWith('.mjs') ? [] : ['--import', 'tsx']), file, ...args], options);
  return collect(child, started);
}

export interface WebProcess {
  child: ChildProcess;
  url: string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts `npm run web`'s entry on any free port; resolves once it prints its address. */
export function startWebProcess(args: string[], env: Record<string, string> = {}): Promise<WebProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WEB, '--port', '0', ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (err += c));
  return new Promise((done, fail) => {
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) done({ child, url: m[1]!, stderr: () => err, exited });
    });
    void exited.then((code) => fail(new Error(`the web shell exited (${code}) before it started: ${err}`)));
  });
}

/**
 * `tagdesk …` as a user runs it, with its exit code, stdout and stderr: the CLI bundled by
 * Vitest's global setup (scripts/bundle-cli.ts), which starts in half the time, or the
 * installed command where there is no bundle.
 */
export const tagdesk = (args: string[], opts: RunOptions = {}) => run(process.env.TAGDESK_TEST_CLI || BIN, args, opts);

function collect(child: ChildProcess, started: number): Promise<Run> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (status, signal) => done({ status, signal, stdout, stderr, ms: Date.now() - started }));
  });
}

/** A small seeded desk, closed cleanly (its WAL checkpointed away), to copy per test. */
export async function seededDesk(dir: string, customers = 40): Promise<string> {
  const desk = await openDesk({ dataDir: dir, demo: true, demoCustomers: customers, demoSeed: 7 });
  desk.close();
  return dir;
}

export function copyDesk(from: string, to: string): string {
  cpSync(from, to, { recursive: true });
  return to;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Lets the unprivileged user walk into `dir` (mkdtemp makes folders 0700). */
export function openToAll(dir: string): void {
  chmodSync(dir, 0o755);
}

export const exists = existsSync;
