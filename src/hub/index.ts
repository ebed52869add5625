import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createUser, hasActiveAdmin, newUserSchema, resetPassword, toUser } from './accounts';
import { openDb, openPool, type HubDb } from './db';
import { clusterOwner, runningPostgresUrl, startEmbeddedPostgres } from './embeddedPostgres';
import { hubLogger } from './log';
import { migrate } from './migrations';
import { startHub } from './server';
import { startFailure, tlsFileFailure, tlsPairFailure } from './startErrors';
import { isFetchBlockedPort } from '../shared/blockedPorts';
import { say } from '../shared/messageKeys';

// `npm run hub -- --data DIR --port N`: serve (prints the URL on its first line of stdout).
// `npm run hub -- create-admin --data DIR --email E [--password P]`: the first admin.
// `npm run hub -- reset-password --data DIR --email E [--password P]`: a forgotten password.
// DATABASE_URL, when set, is the PostgreSQL to use instead of the embedded one in DIR.

const USAGE = `usage:
  npm run hub -- [--data DIR] [--port N] [--host 127.0.0.1] [--cert FILE --key FILE]
  npm run hub -- create-admin [--data DIR] --email EMAIL [--name NAME] [--password PASSWORD]
  npm run hub -- reset-password [--data DIR] --email EMAIL [--password PASSWORD]
DATABASE_URL=postgres://… uses that server instead of an embedded one in DIR.`;

async function main(argv: string[]): Promise<number> {
  const command = argv[0] && !argv[0].startsWith('-') ? argv[0] : 'serve';
  const args = command === 'serve' ? argv : argv.slice(1);
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = values.data ?? process.env.TAGDESK_HUB_DATA;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (!dataDir && !databaseUrl) {
    console.error(`The hub needs --data DIR (it keeps its PostgreSQL there) or DATABASE_URL.\n${USAGE}`);
    return 2;
  }
  if (command === 'create-admin') return createAdmin(values, dataDir ? resolve(dataDir) : undefined, databaseUrl);
  if (command === 'reset-password') return resetForgottenPassword(values, dataDir ? resolve(dataDir) : undefined, databaseUrl);
  if (command !== 'serve') {
    console.error(`Unknown command "${command}".\n${USAGE}`);
    return 2;
  }

  const port = Number(values.port ?? 4180);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port takes a number from 0 to 65535 (0: any free port), not "${values.port}".`);
    return 2;
  }
  if (isFetchBlockedPort(port)) {
    console.error(say('hubPortBlocked', { port }));
    return 2;
  }
  if (Boolean(values.cert) !== Boolean(values.key)) {
    console.error('TLS needs both --cert and --key.');
    return 2;
  }
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (values.cert && values.key) {
    const read = (flag: '--cert' | '--key', file: string): Buffer | string => {
      try {
        return readFileSync(file);
      } catch (error) {
        return tlsFileFailure(flag, file, error);
      }
    };
    const cert = read('--cert', values.cert);
    const key = read('--key', values.key);
    if (typeof cert === 'string' || typeof key === 'string') {
      console.error([cert, key].filter((x) => typeof x === 'string').join('\n'));
      return 2;
    }
    tls = { cert, key };
  }
  const log = hubLogger();
  const dir = dataDir ? resolve(dataDir) : undefined;
  const host = values.host ?? '127.0.0.1';
  let hub;
  try {
    hub = await startHub({
      log,
      port,
      host,
      ...(dir ? { dataDir: dir } : {}),
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(tls ? { tls } : {}),
    });
  } catch (error) {
    console.error(tlsPairFailure(error) ?? startFailure(error, { port, host, databaseUrl }));
    return 1;
  }
  // Listened for from the moment the hub serves. One Ctrl+C can arrive twice (the terminal's,
  // and the one npm or tsx passes on): a repeat within a moment is the same stop, and must not
  // end the process half way, its PostgreSQL not stopped. Later, it is someone insisting.
  const started = hub;
  const stopped = new Promise<void>((done) => {
    let since: number | null = null;
    const stop = (signal: string) => {
      if (since !== null) {
        if (Date.now() - since < 2_000) return;
        log.warn({ signal }, 'stopped again: leaving without waiting');
        process.exit(130);
      }
      since = Date.now();
      log.info({ signal }, 'shutting down');
      void started.close().finally(() => done());
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
  });
  process.stdout.write(`Tagdesk hub serving ${hub.url}\n`);
  log.info({ hubUrl: hub.url }, 'hub started');
  // A hub nobody can sign in to: say how its first admin is made.
  if (!(await hasActiveAdmin(hub.db))) {
    process.stdout.write(`No admin account yet: nobody can sign in. Create the first one (it asks for the password):\n  ${dir ? '' : 'DATABASE_URL=… '}npm run hub -- create-admin${whereFlag(dir)} --email you@example.com\n`);
  }

  await stopped;
  log.info('hub stopped');
  return 0;
}

async function createAdmin(values: { email?: string; name?: string; password?: string }, dir: string | undefined, databaseUrl: string | undefined): Promise<number> {
  if (!values.email) {
    console.error(`create-admin needs --email.\n${USAGE}`);
    return 2;
  }
  // Said before anything is asked or started, in the words of the command line: the account
  // rules' own message ("Not a valid user: ✖ … → at password") came only after the password
  // had been typed twice.
  if (!newUserSchema.shape.email.safeParse(values.email).success) {
    console.error(`--email needs an email address like ava@example.com, not "${values.email}". No admin was created.`);
    return 2;
  }
  const password = await newPassword(values.password, 'Password for the new admin (at least 10 characters): ', 'No admin was created');
  if (password === null) return 2;
  const email = values.email;
  return withHubDatabase(dir, databaseUrl, async (db) => {
    const taken = await db.selectFrom('users').select('id').where('email', '=', newUserSchema.shape.email.parse(email)).executeTakeFirst();
    if (taken) {
      // Most often the admin who forgot their password: say how they get back in.
      console.error(`There is already an account with the email ${email}; no admin was created. If its password is forgotten, set a new one:\n  npm run hub -- reset-password${whereFlag(dir)} --email ${email}`);
      return 1;
    }
    const user = await createUser(db, { email, name: values.name ?? email.split('@')[0], role: 'admin', password }, Date.now());
    console.log(`Admin ${user.email} created, named "${user.name}". Sign in with it at a desk joined to this hub (npm run web -- --data DIR --hub URL): People there adds everyone else.`);
    return 0;
  });
}

/**
 * A forgotten password, set anew by whoever runs the hub (its folder or DATABASE_URL is the
 * proof): the one way back in for a centre whose only admin forgot theirs, without editing the
 * database by hand. As an admin's reset does, it ends the account's sessions and lifts its
 * sign-in lock; People's History names "system" as who reset it.
 */
async function resetForgottenPassword(values: { email?: string; password?: string }, dir: string | undefined, databaseUrl: string | undefined): Promise<number> {
  if (!values.email) {
    console.error(`reset-password needs --email (the account's).\n${USAGE}`);
    return 2;
  }
  const parsedEmail = newUserSchema.shape.email.safeParse(values.email);
  if (!parsedEmail.success) {
    console.error(`--email needs an email address like ava@example.com, not "${values.email}". No password was changed.`);
    return 2;
  }
  const email = parsedEmail.data;
  return withHubDatabase(dir, databaseUrl, async (db) => {
    const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    if (!row) {
      // Asked before the password is typed; the admins named, as the one who runs the hub may
      // have forgotten which email they gave create-admin too.
      const admins = await db.selectFrom('users').select('email').where('role', '=', 'admin').where('active', '=', true).orderBy('email').execute();
      const known = admins.length ? `The hub's admins: ${admins.map((a) => a.email).join(', ')}.` : `The hub has no admin yet: npm run hub -- create-admin${whereFlag(dir)} --email ${email}`;
      console.error(`No account has the email ${email}; no password was changed. ${known}`);
      return 1;
    }
    const password = await newPassword(values.password, `New password for ${email} (at least 10 characters): `, 'No password was changed');
    if (password === null) return 2;
    await resetPassword(db, row.id, { password }, Date.now());
    const user = toUser(row);
    const inactive = user.active ? '' : ' The account is deactivated: an admin turns it back on under People before it can sign in.';
    // A desk keeps a verifier of the password last used there, to sign in while the hub cannot be
    // reached (hubLink.ts signInOffline): the reset reaches it only with the next online sign-in.
    const offlineDesks = ` A desk that cannot reach the hub still accepts the old password, the one kept there, until ${user.name} next signs in at that desk while it reaches the hub.`;
    console.log(`New password set for ${user.email} (${user.name}). Its sessions have ended and its sign-in lock is lifted: sign in with the new password at a desk joined to this hub.${offlineDesks}${inactive}`);
    return 0;
  });
}

/** ` --data DIR`, quoted for a shell where needed; empty with DATABASE_URL. */
function whereFlag(dir: string | undefined): string {
  if (!dir) return '';
  return ` --data ${/^[\w./-]+$/.test(dir) ? dir : `'${dir.replaceAll("'", "'\\''")}'`}`;
}

/** The password given by --password, or asked twice unseen; null (said why) when it will not do. */
async function newPassword(given: string | undefined, question: string, nothingDone: string): Promise<string | null> {
  const tooShort = (p: string) => !newUserSchema.shape.password.safeParse(p).success;
  const passwordRule = `The password needs at least 10 characters (and at most 256). ${nothingDone}`;
  if (given !== undefined) {
    if (!tooShort(given)) return given;
    console.error(`${passwordRule}.`);
    return null;
  }
  const password = await ask(question);
  if (tooShort(password)) {
    console.error(`${passwordRule}; run the command again.`);
    return null;
  }
  // Typed unseen, so typed twice: a slip would lock the centre out of its own hub.
  if ((await ask('The same password again: ')) !== password) {
    console.error(`The two passwords differ. ${nothingDone}; run the command again.`);
    return null;
  }
  return password;
}

/** Runs `work` on the hub's database: DATABASE_URL, a running hub's PostgreSQL, or one started for it. */
async function withHubDatabase(dir: string | undefined, databaseUrl: string | undefined, work: (db: HubDb) => Promise<number>): Promise<number> {
  const log = hubLogger({ level: 'warn', destination: process.stderr });
  // A hub serving the folder keeps its PostgreSQL: use it rather than start another.
  let url = databaseUrl ?? (dir ? await serverOfRunningHub(join(dir, 'pg')) : null);
  const embedded = url ? null : await startEmbeddedPostgres({ dir: join(dir!, 'pg') });
  url ??= embedded!.url;
  const db = openDb(openPool(url, log, 2));
  try {
    await migrate(db);
    return await work(db);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

// One reader for every question, keeping the lines typed (or piped) ahead: a reader per
// question lost them, so "the same password again" waited for ever on two lines piped at once.
// Input ended (Ctrl+D, an empty pipe) answers "", which no password rule takes.
let reader: { ask(question: string): Promise<string> } | null = null;

function ask(question: string): Promise<string> {
  if (!reader) {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Do not echo the password: the question is written here, and nothing readline would.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    const ahead: string[] = [];
    const waiting: ((line: string) => void)[] = [];
    let ended = false;
    rl.on('line', (line) => (waiting.length ? waiting.shift()!(line) : ahead.push(line)));
    rl.on('close', () => {
      ended = true;
      for (const w of waiting.splice(0)) w('');
    });
    reader = {
      ask: (q) =>
        new Promise<string>((done) => {
          process.stdout.write(q);
          const answer = (line: string) => {
            process.stdout.write('\n');
            done(line);
          };
          if (ahead.length) answer(ahead.shift()!);
          else if (ended) answer('');
          else waiting.push(answer);
        }),
    };
  }
  return reader.ask(question);
}

/** When a hub runs this folder's PostgreSQL, its URL once it is ready; else null. */
async function serverOfRunningHub(pgDir: string): Promise<string | null> {
  const deadline = Date.now() + 60_000;
  while (clusterOwner(pgDir) !== null) {
    const url = runningPostgresUrl(pgDir);
    if (url) return url;
    if (Date.now() > deadline) throw new Error('A hub is starting on this folder but its PostgreSQL is not ready; try again.');
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
