import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childEnv } from '../../core/testing/processes';

// The browser shell as a separate process (node --import tsx, so the pid is the server's own
// and its RSS can be read from /proc), for the backpressure and fault tests.

const SLOW_CLIENT = join(process.cwd(), 'src', 'main', 'web', 'testing', 'slowClient.ts');

// The shell itself is started by core's process helpers, which the CLI's tests use too.
export { startWebProcess, type WebProcess } from '../../core/testing/processes';

/** Resident memory of a process, in bytes (Linux). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** A client process that never reads and keeps asking for large replies. */
export function startSlowClient(url: string, count: number): Promise<{ child: ChildProcess; replyBytes: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SLOW_CLIENT, url, String(count)], { env: childEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    child.stdout!.setEncoding('utf8').once('data', (line: string) => done({ child, replyBytes: (JSON.parse(line) as { replyBytes: number }).replyBytes }));
    child.once('exit', (code) => fail(new Error(`the slow client exited (${code})`)));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
