import { homedir } from 'node:os';
import { join } from 'node:path';
import { explicitDataDir } from './shellArgs';

// Where a desk keeps tagdesk.sqlite when nobody says otherwise: the folder each OS sets aside
// for an application's per-user data, so that the browser shell and the CLI find the same
// desk from any working directory.

type Env = Readonly<Record<string, string | undefined>>;

export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: Env = process.env, home: string = homedir()): string {
  switch (platform) {
    case 'win32':
      return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Tagdesk');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Tagdesk');
    default:
      // XDG says a relative XDG_DATA_HOME is invalid and must be ignored.
      return join(env.XDG_DATA_HOME?.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share'), 'tagdesk');
  }
}

/** `--data DIR` (or `--data=DIR`), else TAGDESK_DATA, else the OS default. Always absolute. */
export function resolveDataDir(argv: readonly string[], env: Env = process.env): string {
  return explicitDataDir(argv, env) ?? defaultDataDir(process.platform, env);
}

/** The folder the user named (flag, then env), if any; read with the shells' other flags (shellArgs.ts). */
export { explicitDataDir };
