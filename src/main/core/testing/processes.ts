import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { openDesk } from '../desk';

// Real processes for the hardening and fault tests: the CLI and the browser shell as a user
// starts them, with their exit code, stdout and stderr.

export const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
export const CLI = join(process.cwd(), 'src', 'main', 'cli', 'index.ts');
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

export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // tsx starts with `env node`: put the Node running these tests first, not the system's.
  return { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, TAGDESK_DATA: '', ...extra };
}

export function run(file: string, args: string[], opts: { asNobody?: boolean; timeoutMs?: number } = {}): Promise<Run> {
  const started = Date.now();
  const options: SpawnOptions = { timeout: opts.timeoutMs ?? 60_000, env: childEnv(opts.asNobody ? { HOME: '/tmp' } : {}) };
  if (opts.asNobody) Object.assign(options, { uid: NOBODY, gid: NOBODY });
  const child = spawn(TSX, [file, ...args], options);
  return collect(child, started);
}

export const tagdesk = (args: string[], opts: { asNobody?: boolean; timeoutMs?: number } = {}) => run(CLI, args, opts);

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
