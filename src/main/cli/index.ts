import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { api, ApiError, LOOKUP_MAX, type Candidate, type CustomerView, type LookupResult, type Method, type Push, type QueueSummary } from '../../shared/api';
import { type Client, createClient, isApiError, type Transport } from '../../shared/client';
import { productName } from '../../shared/domain';
import { formatPhone } from '../../shared/phone';
import { resolveDataDir } from '../core/dataDir';
import { BackupCheckError, classify, DB_FILE, DeskOpenError, EXIT_CODE_OF, openDatabase, pendingMigrations } from '../core/db/database';
import type { Connection } from '../core/desk';
import { upgradeTracker } from '../core/upgradeScreen';
import { displayWidth, labelled, padEnd, padStart } from './columns';
import { kbCommand } from './kb';
import { bracketed, matchedWords } from './matchedWords';
import { duplicates, importFiles, type CliHost } from './customers';
import { lookupLine } from './lookupMessage';
import { cliDay, cliInLine, deskOpenLine, cliLanguageOf, cliNumber, cliSay, cliTranslator, cliWord, type CliLanguage, type CliSay, type CliT } from './messages';
import { takeLanguage } from '../../shared/cliLanguage.mjs';
import { argsRefusal } from '../../shared/cliText';
import { problemOf } from '../core/db/openErrors';

// `tagdesk`: the desk from a terminal, for seeding a desk, looking a caller up from a
// script, and a quick count. It goes through a Connection like every other host, signed in
// as the first admin, so it sees exactly what the API allows.

// What it says to people is in ./messages (English and Persian; --lang, TAGDESK_LANG, LANG).
let language: CliLanguage = 'en';
let tr: CliT = cliTranslator('en');
let say: CliSay = cliSay('en');
const usage = () => tr('usage', { more: `${tr('usage.kb')}\n${tr('usage.customers')}` }).replace(/\u2068|\u2069/g, '');

/** Exit codes, as in USAGE and the README. */
export const EXIT = { ok: 0, failed: 1, usage: 2, folder: 3, damaged: 4, version: 5, locked: 6, interrupted: 130, terminated: 143 } as const;
class UsageError extends Error {}
class Failure extends Error {
  constructor(
    message: string,
    readonly code: number = EXIT.failed,
  ) {
    super(message);
  }
}

const EXIT_BY_KIND = EXIT_CODE_OF;

async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const { flag, rest: args } = takeLanguage(argv.filter((a) => a !== '--debug'));
  language = cliLanguageOf(flag, process.env);
  tr = cliTranslator(language);
  say = cliSay(language);
  // zod's own messages (a bad line of a kb file, a refused input) in the reader's language.
  if (language === 'fa') z.config(z.locales.fa());
  const [command, ...rest] = args;
  try {
    if (flag !== null && flag !== 'en' && flag !== 'fa') throw new UsageError(tr('error.badLang', { lang: flag }));
    // `tagdesk lookup --help`: what an admin types first. The usage, as `tagdesk --help` prints it.
    if (command !== undefined && helpAsked(rest)) {
      console.log(usage());
      return 0;
    }
    switch (command) {
      case 'backup':
        return await backup(rest);
      case 'restore':
        return await restore(rest);
      case 'seed':
        return await seed(rest);
      case 'migrate':
        return await migrateDesk(rest);
      case 'lookup':
        return await lookup(rest);
      case 'stats':
        return await stats(rest);
      case 'kb':
        return await kbCommand(rest, say, argsMessage);
      case 'duplicates':
        return await duplicates(rest, duplicatesHost);
      case 'import':
        return await importFiles(rest, cliHost);
      case 'help':
      case '--help':
      case '-h':
        console.log(usage());
        return 0;
      default:
        throw new UsageError(command === undefined ? tr('error.noCommand') : tr('error.unknownCommand', { command }));
    }
  } catch (error) {
    if (debug) console.error(error);
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage()}`);
      return EXIT.usage;
    }
    if (error instanceof Failure) {
      console.error(error.message);
      return error.code;
    }
    if (isApiError(error)) {
      console.error(apiErrorLine(error));
      return EXIT.failed;
    }
    const opened = error instanceof DeskOpenError ? error : classify(error, '');
    if (opened instanceof DeskOpenError) {
      console.error(`tagdesk: ${deskOpenLine(tr, opened.sentence, opened.message)}`);
      return EXIT_BY_KIND[opened.kind];
    }
    console.error(`tagdesk: ${error instanceof Error ? error.message : String(error)}${debug ? '' : ` ${tr('error.debugHint')}`}`);
    return EXIT.failed;
  }
}

// ---- commands ------------------------------------------------------------------------------------

const countSchema = (flag: string, max: number) =>
  z.coerce
    .number({ error: tr('args.wholeNumber', { flag }) })
    .int(tr('args.wholeNumber', { flag }))
    .min(1, tr('args.atLeast', { flag, min: 1 }))
    .max(max, tr('args.atMost', { flag, max }));

/** A desk's counts, asked for with `counts: true` (desk.status leaves them out otherwise). */
async function counted(client: Client): Promise<{ initialized: boolean; customers: number; tickets: number }> {
  const s = await client.call('desk.status', { counts: true });
  if (s.customers === null || s.tickets === null) throw new Error('desk.status gave no counts when asked for them');
  return { initialized: s.initialized, customers: s.customers, tickets: s.tickets };
}

async function seed(args: string[]): Promise<number> {
  const { values } = parse(args, { seed: { type: 'string' }, customers: { type: 'string' } }, false);
  const seedValue = valueOf(countSchema('--seed', 2 ** 31 - 1), values.seed ?? '42');
  const customers = valueOf(countSchema('--customers', 100_000), values.customers ?? '400');
  return withDesk(dataDirOf(values), { readOnly: false }, async (client, dataDir) => {
    const before = await counted(client);
    if (before.initialized) {
      throw new Failure(tr('seed.notEmpty', { dir: dataDir, customers: say.tc('count.customers', before.customers) }));
    }
    await client.call('desk.initialize', { mode: 'demo', seed: seedValue, customers });
    const after = await counted(client);
    console.log(tr('seed.done', { dir: dataDir, customers: say.tc('count.customers', after.customers), tickets: say.tc('count.tickets', after.tickets) }));
    return 0;
  });
}

/**
 * Upgrades a desk in place (migration 0014_compact converts the whole file), drawing a bar on
 * stderr: redrawn in place on a terminal, a line every 5 % otherwise. Killed, it resumes.
 */
async function migrateDesk(args: string[]): Promise<number> {
  const { values } = parse(args, {}, false);
  const dataDir = path.resolve(dataDirOf(values));
  const file = path.join(dataDir, DB_FILE);
  // No desk there: exit 3, as every other command says it (README, exit codes).
  if (!fs.existsSync(file)) throw new Failure(tr('migrate.noDesk', { dir: dataDir }), EXIT.folder);
  if (pendingMigrations(dataDir).length === 0) {
    console.log(tr('migrate.upToDate', { dir: dataDir }));
    return 0;
  }
  const before = fs.statSync(file).size;
  const started = Date.now();
  const bar = progressBar(process.stderr);
  // The upgrade screen's own words and its one bar for the whole upgrade (upgradeScreen.ts).
  const tracker = upgradeTracker();
  // Ctrl+C or a kill: every batch converted so far is committed, so the bar's line is finished,
  // the reader told the upgrade resumes, and the exit code says which signal stopped it (128 + n).
  const stopped = (signal: 'SIGINT' | 'SIGTERM') => {
    bar.end();
    console.error(tr('migrate.interrupted', { dir: dataDir }));
    process.exit(signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated);
  };
  process.once('SIGINT', stopped);
  process.once('SIGTERM', stopped);
  try {
    const db = await openDatabase(dataDir, {
      onMigrationProgress: (p) => {
        tracker.update(p);
        const view = tracker.view()!;
        bar.show(view[language].step, view[language].timeLeft, view.permille / 1000);
      },
    });
    db.close();
  } finally {
    process.off('SIGINT', stopped);
    process.off('SIGTERM', stopped);
    bar.end();
  }
  const mb = (n: number) => Math.round(n / 1e6);
  console.log(tr('migrate.done', { dir: dataDir, took: say.duration(Date.now() - started), before: mb(before), after: mb(fs.statSync(file).size) }));
  return 0;
}

/** A one-line progress bar: `label  [#####.....]  42 %  (time left)`. */
function progressBar(out: NodeJS.WriteStream) {
  const tty = out.isTTY === true;
  let lastLine = '';
  let lastPercent = -5;
  let lastLabel = '';
  let lastAt = 0;
  let shown = false;
  return {
    show(label: string, counts: string, fraction: number) {
      const share = Math.min(1, fraction);
      const percent = Math.floor(share * 100);
      const width = 30;
      const filled = Math.round(share * width);
      const line = `${label}  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]  ${cliNumber(language, percent)} %  (${counts})`;
      if (tty) {
        if (line !== lastLine) out.write(`\r${line}\u001b[K`);
      } else if (percent >= lastPercent + 5 || (label !== lastLabel && Date.now() - lastAt > 1000)) {
        out.write(`${line}\n`);
        lastPercent = percent;
        lastLabel = label;
        lastAt = Date.now();
      }
      lastLine = line;
      shown = true;
    },
    /** Finishes the bar's line on a terminal (once; the bar drawn in place has no newline of its own). */
    end() {
      if (tty && shown) out.write('\n');
      shown = false;
    },
  };
}

async function lookup(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, true);
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError(tr('lookup.needsQuery'));
  if (query.length > LOOKUP_MAX) throw new UsageError(tr('lookup.tooLong', { max: say.tc('count.characters', LOOKUP_MAX), length: say.tc('count.characters', query.length) }));
  return withDesk(dataDirOf(values), { readOnly: true }, async (client) => {
    await signInAsAdmin(client);
    const result = await client.call('lookup.search', { query });
    if (values.json) console.log(JSON.stringify(withMatchedWords(result, query), null, 2));
    switch (result.kind) {
      case 'match':
        if (!values.json) printView(result.view, result.matchedBy, query);
        return 0;
      case 'candidates':
        if (!values.json) printCandidates(result, query);
        return 0;
      case 'none':
      case 'invalid':
        console.error(lookupMessage(result));
        return 1;
    }
  });
}

async function stats(args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } }, false);
  return withDesk(dataDirOf(values), { readOnly: true }, async (client, dataDir) => {
    await signInAsAdmin(client);
    const status = await counted(client);
    const overview = await client.call('supervisor.overview');
    if (values.json) {
      console.log(JSON.stringify({ dataDir, customers: status.customers, tickets: status.tickets, totals: overview.totals, queues: overview.queues }, null, 2));
      return 0;
    }
    const lines = [
      tr('stats.desk', { dir: dataDir }),
      tr('stats.customers', { n: status.customers }),
      tr('stats.tickets', { n: status.tickets }),
      tr('stats.open', { open: overview.totals.open, unassigned: overview.totals.unassigned }),
      tr('stats.resolved', { n: overview.totals.resolvedToday }),
    ];
    for (const line of labelled(lines)) console.log(line);
    printQueues(overview.queues);
    return 0;
  });
}

async function backup(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {}, true);
  if (positionals.length !== 1) throw new UsageError(tr('backup.needsFile'));
  // A backup folder that is not there (a nightly script's mount, a typo): said with the folder,
  // exit 3, rather than SQLite's "the directory does not exist" with neither.
  const target = path.resolve(positionals[0]!);
  const folder = path.dirname(target);
  if (!fs.existsSync(folder)) throw new Failure(tr('backup.noFolder', { file: target, folder }), EXIT.folder);
  if (fs.existsSync(target)) throw new Failure(tr('backup.exists', { file: target }), EXIT.folder);
  const { backupDesk } = await import('../core/db/database');
  let done;
  try {
    done = await backupDesk(dataDirOf(values), target);
  } catch (error) {
    // The destination refused (not the desk): advice about the backup, in the reader's words.
    if (error instanceof DeskOpenError && error.file === target) {
      const key = error.kind === 'permission' ? 'backup.permission' : error.kind === 'read_only' ? 'backup.readOnly' : 'backup.cannotWrite';
      throw new Failure(tr(key, { file: target, folder }), EXIT_BY_KIND[error.kind]);
    }
    // The copy was written and failed its own check: said in the reader's words, exit 1 as before.
    if (error instanceof BackupCheckError) {
      // SQLite's finding by key (openErrors.ts), put in after the line is filled so it is not isolated as a Latin value.
      const mark = '\u0001';
      throw new Failure(tr('backup.failedCheck', { file: error.file, problem: mark }).replace(mark, () => deskOpenLine(tr, problemOf(error.problem), '')));
    }
    throw error;
  }
  console.log(tr('backup.done', { file: done.file, pages: say.tc('count.pages', done.pages) }));
  return EXIT.ok;
}

async function restore(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {}, true);
  if (positionals.length !== 1) throw new UsageError(tr('restore.needsFile'));
  const { restoreDesk } = await import('../core/db/database');
  const done = await restoreDesk(dataDirOf(values), positionals[0]!);
  console.log(`${tr('restore.done', { file: done.file, from: positionals[0]! })}${done.kept ? ` ${tr('restore.kept', { kept: done.kept })}` : ''}`);
  return EXIT.ok;
}

// ---- the desk, through a connection ------------------------------------------------------------

/**
 * Read commands open the desk read-only: a read never creates a desk in a mistyped folder,
 * never migrates, never runs the SLA scheduler, and works on a read-only folder.
 */
async function withDesk(dataDir: string, opts: { readOnly: boolean; transport?: (inner: Transport) => Transport }, run: (client: Client, dataDir: string) => Promise<number>, onPush: (push: Push) => void = () => {}): Promise<number> {
  // Loaded here, not at the top: the core is heavy, and usage errors should be instant.
  const { openDesk } = await import('../core/desk');
  const desk = await openDesk({ dataDir, demo: false, readOnly: opts.readOnly });
  const connection = desk.connect(onPush);
  try {
    const transport = connectionTransport(connection);
    return await run(createClient(opts.transport ? opts.transport(transport) : transport), dataDir);
  } finally {
    connection.close();
    desk.close();
  }
}

function connectionTransport(connection: Connection): Transport {
  return {
    async call(method, input) {
      const reply = await connection.call(method, input);
      if (!reply.ok) throw new ApiError(reply.error.code, reply.error.message, reply.error.issues, reply.error.key ? { key: reply.error.key, ...(reply.error.params ? { params: reply.error.params } : {}) } : undefined);
      // The core's output is checked as any other boundary's: the CLI prints what it gets.
      const known = method in api ? api[method as Method].output.safeParse(reply.result) : null;
      if (known && !known.success) throw new ApiError('internal', `The desk answered ${method} in an unexpected shape.`);
      return known ? known.data : reply.result;
    },
    subscribe: () => () => {},
  };
}

async function signInAsAdmin(client: Client): Promise<void> {
  const users = await client.call('session.users');
  const admin = users.find((u) => u.role === 'admin' && u.active);
  if (!admin) throw new Failure(tr('error.noAdmin'));
  await client.call('session.signIn', { userId: admin.id });
}

const cliHost: CliHost = {
  parse: (args, flags, positionals) => parse(args, flags, positionals) as ReturnType<CliHost['parse']>,
  withDesk: (values, run, options = {}) => withDesk(dataDirOf(values), { readOnly: options.readOnly ?? false }, (client) => run(client), options.onPush),
  signInAsAdmin,
  usage: (message) => new UsageError(message),
  fail: (message) => new Failure(message),
  unusable: (message) => new Failure(message, EXIT.folder),
  get say() {
    return say;
  },
};

/** The most pairs `customers.duplicatePairs` gives (its --limit's bound). */
const DUPLICATES_MAX = 100_000;

/**
 * `tagdesk duplicates` (./customers) saying its cap: the desk is asked for one pair more than
 * --limit, and a list cut at the limit says so before it starts (before, "1000 likely
 * duplicate pairs" at the default limit read as the whole count). With --json the array stays
 * as it was and the note goes to stderr.
 */
const duplicatesHost: CliHost = {
  ...cliHost,
  get say() {
    return say;
  },
  withDesk: (values, run, options = {}) =>
    withDesk(dataDirOf(values), { readOnly: options.readOnly ?? false, transport: (inner) => sayingTheCap(inner, values.json === true) }, (client) => run(client), options.onPush),
};

function sayingTheCap(inner: Transport, json: boolean): Transport {
  return {
    ...inner,
    async call(method, input) {
      if (method !== 'customers.duplicatePairs') return inner.call(method, input);
      const { limit } = z.object({ limit: z.number().int() }).parse(input);
      const pairs = z.array(z.unknown()).parse(await inner.call(method, { ...(input as object), limit: Math.min(limit + 1, DUPLICATES_MAX) }));
      const note = pairs.length > limit ? tr('dup.more', { limit, max: DUPLICATES_MAX }) : pairs.length === DUPLICATES_MAX ? tr('dup.mayBeMore', { limit }) : null;
      if (note) (json ? console.error : console.log)(note);
      return pairs.slice(0, limit);
    },
  };
}

// ---- command line ---------------------------------------------------------------------------------

type Flags = Record<string, { type: 'string' | 'boolean' }>;

function parse<F extends Flags>(args: string[], flags: F, positionals: boolean) {
  try {
    return parseArgs({ args, options: { ...flags, data: { type: 'string' } }, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new UsageError(argsMessage(error));
  }
}

/** node's parseArgs refusal in the reader's language (by its error code; the option it names). */
function argsMessage(error: unknown): string {
  const refusal = argsRefusal(error);
  return refusal ? tr(refusal.key, refusal.vars) : error instanceof Error ? error.message : String(error);
}

/** --help or -h among a command's options (not after `--`, where it is what to look for). */
function helpAsked(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

function dataDirOf(values: { data?: string | boolean | undefined }): string {
  return resolveDataDir(typeof values.data === 'string' ? ['--data', values.data] : []);
}

function valueOf<T>(schema: z.ZodType<T>, raw: string | boolean): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join(' '));
  return parsed.data;
}

// ---- output for people ------------------------------------------------------------------------------

/** A word of the domain (segment, level, priority, how it matched) in the reader's language. */
const word = (prefix: Parameters<typeof cliWord>[1], value: string): string => cliWord(tr, prefix, value);
const day = (at: number) => cliDay(language, at);

/**
 * The lookup's answer when it found nothing or refused, in the reader's language when its key
 * is known, as fully as the desk says it: what was looked for (tag, code, phone…, with the
 * values), which team serves the customer, what a service tag and an Express Service Code look like.
 */
const lookupMessage = (result: Parameters<typeof lookupLine>[1]): string => lookupLine(say, result);

/** The desk's refusal: a known lookup key in the reader's words, else the desk's own sentence. */
const apiErrorLine = lookupMessage;

/**
 * The --json answer with, for a customer found by name, which typed words matched and where
 * (`matchedWords`, as the desk's list of candidates marks them); every other field as the desk gave it.
 */
function withMatchedWords(result: LookupResult, query: string): LookupResult | (LookupResult & { matchedWords: ReturnType<typeof matchedWords> }) {
  if (result.kind === 'match') return result.matchedBy === 'name' ? { ...result, matchedWords: matchedWords(result.view.customer.name, query) } : result;
  if (result.kind !== 'candidates') return result;
  return { ...result, candidates: result.candidates.map((c) => (c.matchedBy === 'name' ? { ...c, matchedWords: matchedWords(c.customerName, query) } : c)) };
}

/** `"jor" in the name ([Jor]dan), "pat" in the name ([Pat]el)`, or null when no typed word marks the name. */
function matchedWordsText(name: string, query: string): string | null {
  const words = matchedWords(name, query);
  if (words.length === 0) return null;
  return words.map((m) => tr('lookup.matchedWord', { word: m.word, marked: bracketed(m, name) })).join(tr('lookup.wordSeparator'));
}

/** A line around `words`, a sentence already in the reader's words (its Latin values isolated): not isolated again as one value. */
function inLine(key: 'lookup.matchedWords' | 'lookup.viewMatchedWords', words: string): string {
  return cliInLine(tr, key, 'words', words);
}

function printView(view: CustomerView, matchedBy: string, query: string): void {
  const c = view.customer;
  console.log(tr('lookup.match', { name: c.name, segment: word('segment', c.segment), level: word('level', c.serviceLevel), matchedBy: word('matchedBy', matchedBy) }));
  const matched = matchedBy === 'name' ? matchedWordsText(c.name, query) : null;
  if (matched) console.log(inLine('lookup.viewMatchedWords', matched));
  if (c.email) console.log(tr('lookup.email', { email: c.email }));
  if (c.phone) console.log(tr('lookup.phone', { phone: formatPhone(c.phone) }));
  if (view.assets.length > 0) {
    console.log(tr('lookup.systems'));
    for (const a of view.assets) {
      const mark = a.id === view.matchedAssetId ? '*' : ' ';
      const warranty = a.warrantyStatus === 'active' ? tr('lookup.warrantyActive', { level: a.warrantyLevel, date: day(a.warrantyEnd), left: say.tc('count.daysLeft', a.daysLeft) }) : tr('lookup.warrantyExpired', { date: day(a.warrantyEnd) });
      // The tag, code and model as values (isolated in Persian); the warranty, a sentence already in the reader's words, as it is.
      console.log(cliInLine(tr, 'lookup.system', 'warranty', warranty, { mark, tag: a.serviceTag, code: a.expressCode, model: productName(a) }));
    }
  }
  console.log(view.openTickets.length > 0 ? tr('lookup.openTickets') : tr('lookup.noOpenTickets'));
  for (const t of view.openTickets) {
    console.log(`   ${tr('lookup.ticket', { number: t.number, state: word('state', t.state), tier: word('tier', String(t.tier)), priority: word('priority', t.priority), subject: t.subject })}`);
  }
  if (view.pastTickets.length > 0) console.log(tr('lookup.past', { past: say.tc('count.pastTickets', view.pastTickets.length), interactions: say.tc('count.interactions', view.interactions.length) }));
}

function printCandidates(result: Extract<LookupResult, { kind: 'candidates' }>, query: string): void {
  console.log(say.tc('lookup.candidates', result.candidates.length));
  for (const c of result.candidates) {
    console.log(tr('lookup.candidate', { name: c.customerName, segment: word('segment', c.segment), matchedBy: word('matchedBy', c.matchedBy), detail: detailOf(c) }));
    // What tells candidates apart (five customers of one email): their own phone and email
    // (a name's match already says both), systems, last contact.
    const facts = {
      phone: c.phone ? formatPhone(c.phone) : tr('lookup.none'),
      email: c.email ?? tr('lookup.none'),
      systems: say.tc('count.systems', c.systems),
      last: c.lastContactAt === null ? tr('lookup.never') : day(c.lastContactAt),
    };
    console.log(tr(c.matchedBy === 'name' ? 'lookup.candidateHistory' : 'lookup.candidateFacts', facts));
    // Which typed words the name matched, and where, as the desk's list marks them.
    const matched = c.matchedBy === 'name' ? matchedWordsText(c.customerName, query) : null;
    if (matched) console.log(inLine('lookup.matchedWords', matched));
  }
}

/** What a candidate matched, in the reader's words: a phone or email as it is, a tag or ticket in a sentence. */
function detailOf(c: Candidate): string {
  if (c.matchedBy === 'name') return [c.phone && formatPhone(c.phone), c.email].filter(Boolean).join(' · ') || c.detail;
  if (!c.params) return c.detail;
  if (c.matchedBy === 'phone') return formatPhone(c.params['phone'] ?? c.detail);
  if (c.matchedBy === 'email') return c.params['email'] ?? c.detail;
  // A tag found only with O read as 0 or I as 1 says what was typed, for the agent to check with the caller.
  if (c.matchedBy === 'tag' && c.params['typed']) return tr('lookup.detail.tagLookalike', c.params);
  // An Express code found only one digit (or one swap) away says what was typed and the code it is near.
  if (c.matchedBy === 'express' && c.params['typed']) return tr(c.params['swapped'] === 'yes' ? 'lookup.detail.expressSwapped' : 'lookup.detail.expressLookalike', c.params);
  return tr(`lookup.detail.${c.matchedBy}`, c.params);
}

function printQueues(queues: QueueSummary[]): void {
  const busy = queues.filter((q) => q.open > 0);
  if (busy.length === 0) return;
  const n = (value: number) => cliNumber(language, value);
  // Padded by the columns each text takes on screen (columns.ts): «کسب‌وکار کوچک» is 13, not 14.
  const names = busy.map((q) => tr('queues.name', { segment: word('segment', q.segment), tier: word('tier', String(q.tier)) }));
  const nameWidth = Math.max(20, ...names.map((name) => displayWidth(name) + 1));
  console.log(`${padEnd(tr('queues.head'), nameWidth + 2)}${padStart(tr('queues.open'), 4)}  ${padStart(tr('queues.unassigned'), 10)}  ${tr('queues.oldest')}`);
  busy.forEach((q, i) => {
    console.log(`  ${padEnd(names[i]!, nameWidth)}${padStart(n(q.open), 4)}  ${padStart(n(q.unassigned), 10)}  ${q.oldestAt === null ? '-' : day(q.oldestAt)}`);
  });
}

// `tagdesk lookup … | head`: once the reader has gone, what is left to print has nowhere to
// go. The command stops there, quietly, as other commands do, rather than with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
