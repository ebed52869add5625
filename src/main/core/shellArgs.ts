import { resolve } from 'node:path';
import { checkHubAddress } from '../../shared/hubAddress';

// What the two shells, the Electron window and the browser (web/index.ts), take from their
// command line for the desk they open: --data DIR, --hub URL, --demo and --test-clock. Read
// here once, leniently: Electron's argv also holds its own path and Chromium's switches, which
// are left alone (the browser shell refuses unknown flags itself, with its usage).

type Env = Readonly<Record<string, string | undefined>>;

export interface DeskArgs {
  /** The folder the user named (flag, then TAGDESK_DATA), absolute; each shell has its default. */
  dataDir: string | undefined;
  /** The hub to join at start (it stays joined on later starts), checked as the join form checks it. */
  hubUrl: string | undefined;
  demo: boolean;
  testClock: boolean;
}

export function deskArgs(argv: readonly string[], env: Env = process.env): DeskArgs {
  const hub = flagValue(argv, 'hub', 'an address', 'URL');
  let hubUrl: string | undefined;
  if (hub !== undefined) {
    const address = checkHubAddress(hub);
    if (!address.ok) throw new Error(`--hub ${hub}: ${address.message}`);
    hubUrl = address.url;
  }
  return {
    dataDir: explicitDataDir(argv, env),
    hubUrl,
    demo: argv.includes('--demo'),
    testClock: argv.includes('--test-clock'),
  };
}

/** `--data DIR` (or `--data=DIR`), else TAGDESK_DATA, absolute; undefined when neither is given. */
export function explicitDataDir(argv: readonly string[], env: Env = process.env): string | undefined {
  const fromFlag = flagValue(argv, 'data', 'a folder', 'DIR');
  if (fromFlag !== undefined) return resolve(fromFlag);
  return env.TAGDESK_DATA ? resolve(env.TAGDESK_DATA) : undefined;
}

/** `--NAME VALUE` or `--NAME=VALUE`; a flag given without its value is an error that says what it needs. */
export function flagValue(argv: readonly string[], name: string, what: string, placeholder: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}`) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs ${what}: --${name} ${placeholder}`);
      return value;
    }
    if (arg?.startsWith(`--${name}=`)) {
      const value = arg.slice(name.length + 3);
      if (!value) throw new Error(`--${name} needs ${what}: --${name}=${placeholder}`);
      return value;
    }
  }
  return undefined;
}
