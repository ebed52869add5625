import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { HubDb } from './db';
import { hubSay, HubSaid, type HubSay } from './messages';
import { commandFailure, databaseFailure, failureLine, shownDatabase, startFailure, tlsFileFailure, tlsPairFailure } from './startErrors';
import { isFetchBlockedPort } from '../shared/blockedPorts';
import { cliLanguageOf, takeLanguage } from '../shared/cliLanguage.mjs';
import { argsRefusal } from '../shared/cliText';

// `npm run hub -- --data DIR --port N`: serve (prints the URL on its first line of stdout).
// `npm run hub -- create-admin --data DIR --email E [--password P]`: the first admin.
// `npm run hub -- reset-password --data DIR --email E [--password P]`: a forgotten password.
// `npm run hub -- desks --data DIR [--json]`: every desk the hub knows (deskList.ts).
// DATABASE_URL, when set, is the PostgreSQL to use instead of the embedded one in DIR.
// What it says to people is in ./messages, in English or Persian (--lang fa, TAGDESK_LANG=fa,
// LANG=fa_IR.UTF-8), as the desk's `tagdesk` says it; its JSON logs stay English.
//
// The hub's own modules (the server, PostgreSQL, password hashing) are loaded once the command
// line is understood: usage and a wrong command line answer at once, not after a second or two.

let say: HubSay = hubSay('en');
const usage = () => say.tr('usage');

async function main(argv: string[]): Promise<number> {
  const { flag, rest } = takeLanguage(argv);
  say = hubSay(cliLanguageOf(flag, process.env));
  if (flag !== null && flag !== 'en' && flag !== 'fa') {
    console.error(`${say.tr('error.badLang', { lang: flag })}\n${usage()}`);
    return 2;
  }
  argv = rest;
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
        json: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    const refusal = argsRefusal(error);
    console.error(`${refusal ? say.tr(refusal.key, refusal.vars) : failureLine(error, say)}\n${usage()}`);
    return 2;
  }
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const dataDir = values.data ?? process.env.TAGDESK_HUB_DATA;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (!dataDir && !databaseUrl) {
    console.error(`${say.tr('needsData')}\n${usage()}`);
    return 2;
  }
  // Only desks writes JSON: said rather than ignored on another command.
  if (values.json && command !== 'desks') {
    console.error(`${say.tr('args.unknownOption', { option: '--json' })}\n${usage()}`);
    return 2;
  }
  if (command === 'create-admin') return createAdmin(values, dataDir ? resolve(dataDir) : undefined, databaseUrl);
  if (command === 'reset-password') return resetForgottenPassword(values, dataDir ? resolve(dataDir) : undefined, databaseUrl);
  if (command === 'desks') return listHubDesks(values.json ?? false, dataDir ? resolve(dataDir) : undefined, databaseUrl);
  if (command !== 'serve') {
    console.error(`${say.tr('unknownCommand', { command })}\n${usage()}`);
    return 2;
  }

  const port = Number(values.port ?? 4180);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(say.tr('badPort', { port: values.port ?? '' }));
    return 2;
  }
  if (isFetchBlockedPort(port)) {
    console.error(say.tr('portBlocked', { port }));
    return 2;
  }
  if (Boolean(values.cert) !== Boolean(values.key)) {
    console.error(say.tr('tlsBoth'));
    return 2;
  }
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (values.cert && values.key) {
    const read = (flag: '--cert' | '--key', file: string): Buffer | string => {
      try {
        return readFileSync(file);
      } catch (error) {
        return tlsFileFailure(flag, file, error, say);
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
  const [{ hubLogger }, { startHub }, { hasActiveAdmin }] = await Promise.all([import('./log'), import('./server'), import('./accounts')]);
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
    console.error(tlsPairFailure(error, say) ?? startFailure(error, { port, host, databaseUrl }, say));
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
  // Its address first, on a line of its own (what scripts read), then where its data is.
  process.stdout.write(`${say.tr('serving', { url: hub.url })}\n`);
  // DATABASE_URL, when set, is used rather than an embedded PostgreSQL in --data (server.ts).
  process.stdout.write(`${databaseUrl ? say.tr('dataUrl', { where: shownDatabase(databaseUrl, say) }) : say.tr('dataEmbedded', { dir: join(dir!, 'pg') })}\n`);
  log.info({ hubUrl: hub.url }, 'hub started');
  // A hub nobody can sign in to: say how its first admin is made.
  if (!(await hasActiveAdmin(hub.db))) {
    process.stdout.write(`${say.tr('noAdmin', { command: `${dir ? '' : 'DATABASE_URL=… '}npm run hub -- create-admin${whereFlag(dir)} --email you@example.com` })}\n`);
  }

  await stopped;
  log.info('hub stopped');
  return 0;
}

async function createAdmin(values: { email?: string; name?: string; password?: string }, dir: string | undefined, databaseUrl: string | undefined): Promise<number> {
  if (!values.email) {
    console.error(`${say.tr('admin.needsEmail')}\n${usage()}`);
    return 2;
  }
  const { createUser, newUserSchema, PASSWORD_MIN } = await import('./accounts');
  // Said before anything is asked or started, in the words of the command line: the account
  // rules' own message ("Not a valid user: ✖ … → at password") came only after the password
  // had been typed twice.
  if (!newUserSchema.shape.email.safeParse(values.email).success) {
    console.error(say.tr('admin.badEmail', { email: values.email }));
    return 2;
  }
  const password = await newPassword(values.password, say.tr('admin.prompt', { min: PASSWORD_MIN }), say.tr('admin.nothing'));
  if (password === null) return 2;
  const email = values.email;
  return withHubDatabase(dir, databaseUrl, async (db) => {
    const taken = await db.selectFrom('users').select('id').where('email', '=', newUserSchema.shape.email.parse(email)).executeTakeFirst();
    if (taken) {
      // Most often the admin who forgot their password: say how they get back in.
      console.error(say.tr('admin.taken', { email, command: `npm run hub -- reset-password${whereFlag(dir)} --email ${email}` }));
      return 1;
    }
    const user = await createUser(db, { email, name: values.name ?? email.split('@')[0], role: 'admin', password }, Date.now());
    console.log(say.tr('admin.created', { email: user.email, name: user.name }));
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
    console.error(`${say.tr('reset.needsEmail')}\n${usage()}`);
    return 2;
  }
  const { newUserSchema, PASSWORD_MIN, resetPassword, toUser } = await import('./accounts');
  const parsedEmail = newUserSchema.shape.email.safeParse(values.email);
  if (!parsedEmail.success) {
    console.error(say.tr('reset.badEmail', { email: values.email }));
    return 2;
  }
  const email = parsedEmail.data;
  return withHubDatabase(dir, databaseUrl, async (db) => {
    const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    if (!row) {
      // Asked before the password is typed; the admins named, as the one who runs the hub may
      // have forgotten which email they gave create-admin too.
      const admins = await db.selectFrom('users').select('email').where('role', '=', 'admin').where('active', '=', true).orderBy('email').execute();
      const known = admins.length ? say.tr('reset.admins', { emails: admins.map((a) => a.email).join(', ') }) : say.tr('reset.noAdmin', { command: `npm run hub -- create-admin${whereFlag(dir)} --email ${email}` });
      console.error(say.inLine('reset.noAccount', 'known', known, { email }));
      return 1;
    }
    const password = await newPassword(values.password, say.tr('reset.prompt', { email, min: PASSWORD_MIN }), say.tr('reset.nothing'));
    if (password === null) return 2;
    await resetPassword(db, row.id, { password }, Date.now());
    const user = toUser(row);
    // A desk keeps a verifier of the password last used there, to sign in while the hub cannot be
    // reached (hubLink.ts signInOffline): the reset reaches it only with the next online sign-in.
    const said = [say.tr('reset.done', { email: user.email, name: user.name }), say.tr('reset.offlineDesks', { name: user.name })];
    if (!user.active) said.push(say.tr('reset.inactive'));
    console.log(said.join(' '));
    return 0;
  });
}

/**
 * Every desk the hub knows, for whoever runs the hub (its folder or DATABASE_URL is the proof):
 * a table, or with --json one object a line (deskList.ts). Read straight from the hub's
 * PostgreSQL, a running hub's too (its embedded server takes more clients; a second postmaster
 * on the folder it may not): the hub's own /admin/desks would need an admin's session, which the
 * one at the console after a restore may not have.
 */
async function listHubDesks(json: boolean, dir: string | undefined, databaseUrl: string | undefined): Promise<number> {
  if (!databaseUrl && dir) {
    // A folder no hub ever ran in (a typo in --data) is said so, not given an empty new hub.
    const { clusterOwner } = await import('./embeddedPostgres');
    const pg = join(dir, 'pg');
    if (!existsSync(join(pg, 'PG_VERSION')) && clusterOwner(pg) === null) {
      console.error(say.tr('desks.noHub', { dir }));
      return 1;
    }
  }
  const { deskJson, deskLines, deskTable } = await import('./deskList');
  return withHubDatabase(dir, databaseUrl, async (db) => {
    const now = Date.now();
    const desks = await deskLines(db, now);
    if (json) {
      // Nothing on stdout when there is none: a script reads no line; the person, why.
      if (desks.length === 0) console.error(say.tr('desks.none'));
      for (const d of desks) process.stdout.write(`${deskJson(d)}\n`);
      return 0;
    }
    console.log(desks.length === 0 ? say.tr('desks.none') : deskTable(say, desks, now));
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
  const { newUserSchema, PASSWORD_MAX, PASSWORD_MIN } = await import('./accounts');
  const tooShort = (p: string) => !newUserSchema.shape.password.safeParse(p).success;
  const rule = (key: 'password.tooShort' | 'password.tooShortTyped') => say.inLine(key, 'nothing', nothingDone, { min: PASSWORD_MIN, max: PASSWORD_MAX });
  if (given !== undefined) {
    if (!tooShort(given)) return given;
    console.error(rule('password.tooShort'));
    return null;
  }
  const password = await ask(question);
  if (tooShort(password)) {
    console.error(rule('password.tooShortTyped'));
    return null;
  }
  // Typed unseen, so typed twice: a slip would lock the centre out of its own hub.
  if ((await ask(say.tr('password.again'))) !== password) {
    console.error(say.inLine('password.differ', 'nothing', nothingDone));
    return null;
  }
  return password;
}

/** Runs `work` on the hub's database: DATABASE_URL, a running hub's PostgreSQL, or one started for it. */
async function withHubDatabase(dir: string | undefined, databaseUrl: string | undefined, work: (db: HubDb) => Promise<number>): Promise<number> {
  const [{ hubLogger }, { openDb, openPool }, { startEmbeddedPostgres }, { migrate }] = await Promise.all([import('./log'), import('./db'), import('./embeddedPostgres'), import('./migrations')]);
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
    console.error(databaseUrl ? databaseFailure(error, databaseUrl, say) : commandFailure(error, url, say));
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
  const { clusterOwner, runningPostgresUrl } = await import('./embeddedPostgres');
  const deadline = Date.now() + 60_000;
  while (clusterOwner(pgDir) !== null) {
    const url = runningPostgresUrl(pgDir);
    if (url) return url;
    if (Date.now() > deadline) throw new HubSaid('pg.notReady');
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(failureLine(error, say));
    process.exit(1);
  },
);
