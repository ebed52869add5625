import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

// The browser shell as a separate process (node --import tsx, so the pid is the server's own
// and its RSS can be read from /proc), for the backpressure and fault tests.

const WEB = join(process.cwd(), 'src', 'main', 'web', 'index.ts');
const SLOW_CLIENT = join(process.cwd(), 'src', 'main', 'web', 'testing', 'slowClient.ts');

export const nodeEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
  TAGDESK_DATA: '',
  ...extra,
});

export interface WebProcess {
  child: ChildProcess;
  url: string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts `npm run web`'s entry on any free port; resolves once it prints its address. */
export function startWebProcess(args: string[], env: Record<string, string> = {}): Promise<WebProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WEB, '--port', '0', ...args], { env: nodeEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
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

/** Resident memory of a process, in bytes (Linux). */
export function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** A client process that never reads and keeps asking for large replies. */
export function startSlowClient(url: string, count: number): Promise<{ child: ChildProcess; replyBytes: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SLOW_CLIENT, url, String(count)], { env: nodeEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    child.stdout!.setEncoding('utf8').once('data', (line: string) => done({ child, replyBytes: (JSON.parse(line) as { replyBytes: number }).replyBytes }));
    child.once('exit', (code) => fail(new Error(`the slow client exited (${code})`)));
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
