// Why the hub did not start, said to the person who started it: what was wrong and what to do.
// A system error's own text ("listen EADDRINUSE: address already in use 127.0.0.1:4180",
// "error:0480006C:PEM routines::no start line") names neither the flag nor the fix.

export interface StartSetting {
  port: number;
  host: string;
  /** DATABASE_URL when the hub uses a PostgreSQL of its own choosing (its password is never said). */
  databaseUrl?: string | undefined;
}

/** The `code` of a Node or PostgreSQL error, on it or on its cause. */
function codeOf(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** DATABASE_URL as it may be printed: user, host, port and database, never the password. */
export function shownDatabase(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${user}${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return 'DATABASE_URL (not a URL that can be read)';
  }
}

export function startFailure(error: unknown, setting: StartSetting): string {
  const code = codeOf(error);
  const { port, host } = setting;
  switch (code) {
    case 'EADDRINUSE':
      return `Port ${port} on ${host} is already in use (another hub, or another program). Stop that program, or start the hub on another port with --port N (--port 0 takes any free port).`;
    case 'EADDRNOTAVAIL':
      return `--host ${host} is not an address of this computer. Give one of its own addresses, or 0.0.0.0 to serve on all of them.`;
    case 'EACCES':
      return `This user may not serve port ${port} (ports below 1024 need more rights). Choose a port above 1024 with --port N.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (setting.databaseUrl) {
    const where = shownDatabase(setting.databaseUrl);
    const why: Record<string, string> = {
      ECONNREFUSED: 'nothing answers there. Is PostgreSQL running, and on that port?',
      ENOTFOUND: 'that host name is not known.',
      EAI_AGAIN: 'that host name could not be looked up (no DNS answer).',
      ETIMEDOUT: 'the connection timed out. Is a firewall in the way?',
      '28P01': 'the password was refused.',
      '28000': 'that user may not connect (pg_hba.conf).',
      '3D000': 'that database does not exist. Create it (createdb), or name another in DATABASE_URL.',
      '42501': 'that user may not create the hub’s tables there. Grant it CREATE on the database, or use its owner.',
    };
    const reason = code ? why[code] : undefined;
    if (reason) return `The hub could not use the PostgreSQL at ${where}: ${reason}`;
    return `The hub could not use the PostgreSQL at ${where}: ${message}`;
  }
  return message;
}

/** What a certificate or key file that cannot be used is told: which flag, which file, why. */
export function tlsFileFailure(flag: '--cert' | '--key', file: string, error: unknown): string {
  const code = codeOf(error);
  if (code === 'ENOENT') return `${flag} ${file}: there is no such file.`;
  if (code === 'EACCES') return `${flag} ${file}: this user may not read it.`;
  if (code === 'EISDIR') return `${flag} ${file}: that is a folder; give the PEM file in it.`;
  return `${flag} ${file}: ${error instanceof Error ? error.message : String(error)}`;
}

/** A certificate and key that Node refuses (not PEM, or not a pair). */
export function tlsPairFailure(error: unknown): string | null {
  const message = error instanceof Error ? error.message : String(error);
  if (/PEM routines|no start line|bad base64|DECODER routines/i.test(message))
    return 'The --cert and --key files must be PEM (text that starts with "-----BEGIN"). Convert a .pfx or .der file with openssl first.';
  if (/key values mismatch|KEY_VALUES_MISMATCH/i.test(message)) return 'The --key file is not the private key of the --cert certificate: give the key that was made with it.';
  return null;
}
