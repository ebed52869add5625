import { parseArgs } from 'node:util';
import { z } from 'zod';
import { api, ApiError, type CustomerView, type LookupResult, type Method, type QueueSummary } from '../../shared/api';
import { type Client, createClient, isApiError, type Transport } from '../../shared/client';
import { resolveDataDir } from '../core/dataDir';
import { classify, DeskOpenError, EXIT_CODE_OF } from '../core/db/database';
import type { Connection } from '../core/desk';
import { KB_USAGE, kbCommand } from './kb';
import { CUSTOMER_USAGE, duplicates, importFiles, type CliHost } from './customers';

// `tagdesk`: the desk from a terminal, for seeding a desk, looking a caller up from a
// script, and a quick count. It goes through a Connection like every other host, signed in
// as the first admin, so it sees exactly what the API allows.

const USAGE = `Usage: tagdesk <command> [options]

Commands:
  seed   [--seed N] [--customers N]   fill an empty desk with demo customers and tickets
  lookup <query> [--json]             find a customer by service tag, Express Service Code,
                                      phone, email, name or ticket number
  stats  [--json]                     customers, tickets and queue counts
  backup FILE                         copy the desk to FILE (SQLite online backup; safe
                                      while the desk is in use)
  restore FILE                        replace the desk with the backup FILE (the old file
                                      is kept beside it)
${KB_USAGE}
${CUSTOMER_USAGE}

Every command takes --data DIR (default: $TAGDESK_DATA, else the per-user data folder)
and --debug (show the stack of an error). lookup, stats and backup only read.

Exit codes: 0 done; 1 nothing found or the desk refused; 2 wrong command line;
3 the data folder or file cannot be used (not a folder, cannot be created, permission
denied, read-only for a command that writes, no desk there); 4 the database is damaged or
not a Tagdesk database; 5 written by a newer Tagdesk (or must be upgraded first);
6 locked by another program.`;

/** Exit codes, as in USAGE and the README. */
export const EXIT = { ok: 0, failed: 1, usage: 2, folder: 3, damaged: 4, version: 5, locked: 6 } as const;
class UsageError extends Error {}
class Failure extends Error {}

const EXIT_BY_KIND = EXIT_CODE_OF;

async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const [command, ...rest] = argv.filter((a) => a !== '--debug');
  try {
    switch (command) {
      case 'backup':
        return await backup(rest);
      case 'restore':
        return await restore(rest);
      case 'seed':
        return await seed(rest);
      case 'lookup':
        return await lookup(rest);
      case 'stats':
        return await stats(rest);
      case 'kb':
        return await kbCommand(rest);
      case 'duplicates':
        return await duplicates(rest, cliHost);
      case 'import':
        return await importFiles(rest, cliHost);
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return 0;
      default:
        throw new UsageError(command === undefined ? 'No command given.' : `Unknown command "${command}".`);
    }
  } catch (error) {
    if (debug) console.error(error);
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (error instanceof Failure || isApiError(error)) {
      console.error(error.message);
      return EXIT.failed;
    }
    if (error instanceof DeskOpenError) {
      console.error(`tagdesk: ${error.message}`);
      return EXIT_BY_KIND[error.kind];
    }
    const classified = classify(error, '');
    if (classified instanceof DeskOpenError) {
      console.error(`tagdesk: ${classified.message}`);
      return EXIT_BY_KIND[classified.kind];
    }
    console.error(`tagdesk: ${error instanceof Error ? error.message : String(error)}${debug ? '' : ' (run again with --debug for details)'}`);
    return EXIT.failed;
  }
}

// ---- commands ------------------------------------------------------------------------------------

const countSchema = (flag: string, max: number) =>
  z.coerce
    .number({ error: `${flag} must be a whole number.` })
    .int(`${flag} must be a whole number.`)
    .min(1, `${flag} must be at least 1.`)
    .max(max, `${flag} may be at most ${max}.`);

async function seed(args: string[]): Promise<number> {
  const { values } = parse(args, { seed: { type: 'string' }, customers: { type: 'string' } }, false);
  const seedValue = valueOf(countSchema('--seed', 2 ** 31 - 1), values.seed ?? '42');
  const customers = valueOf(countSchema('--customers', 100_000), values.customers ?? '400');
  return withDesk(dataDirOf(values), { readOnly: false }, async (client, dataDir) => {
    const before = await client.call('desk.status');
    if (before.initialized) {
      throw new Failure(`The desk in ${dataDir} already has data (${before.customers} customers). Seed only an empty desk, or pick another folder with --data.`);
    }
    const after = await client.call('desk.initialize', { mode: 'demo', seed: seedValue, customers });
    console.log(`Seeded ${dataDir}: ${after.customers} customers, ${after.tickets} tickets.`);
    return 0;
  });
}

async function lookup(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, true);
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('lookup needs something to look for: a service tag, Express code, phone, email or name.');
  return withDesk(dataDirOf(values), { readOnly: true }, async (client) => {
    await signInAsAdmin(client);
    const result = await client.call('lookup.search', { query });
    if (values.json) console.log(JSON.stringify(result, null, 2));
    switch (result.kind) {
      case 'match':
        if (!values.json) printView(result.view, result.matchedBy);
        return 0;
      case 'candidates':
        if (!values.json) printCandidates(result);
        return 0;
      case 'none':
      case 'invalid':
        console.error(result.message);
        return 1;
    }
  });
}

async function stats(args: string[]): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } }, false);
  return withDesk(dataDirOf(values), { readOnly: true }, async (client, dataDir) => {
    await signInAsAdmin(client);
    const status = await client.call('desk.status');
    const overview = await client.call('supervisor.overview');
    if (values.json) {
      console.log(JSON.stringify({ dataDir, customers: status.customers, tickets: status.tickets, totals: overview.totals, queues: overview.queues }, null, 2));
      return 0;
    }
    console.log(`Desk        ${dataDir}`);
    console.log(`Customers   ${status.customers}`);
    console.log(`Tickets     ${status.tickets}`);
    console.log(`Open        ${overview.totals.open} (${overview.totals.unassigned} unassigned)`);
    console.log(`Resolved    ${overview.totals.resolvedToday} today`);
    printQueues(overview.queues);
    return 0;
  });
}

async function backup(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {}, true);
  if (positionals.length !== 1) throw new UsageError('backup needs one file to write: tagdesk backup FILE');
  const { backupDesk } = await import('../core/db/database');
  const done = await backupDesk(dataDirOf(values), positionals[0]!);
  console.log(`Backed up to ${done.file} (${done.pages} pages, checked).`);
  return EXIT.ok;
}

async function restore(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {}, true);
  if (positionals.length !== 1) throw new UsageError('restore needs the backup to read: tagdesk restore FILE');
  const { restoreDesk } = await import('../core/db/database');
  const done = await restoreDesk(dataDirOf(values), positionals[0]!);
  console.log(`Restored ${done.file} from ${positionals[0]}.${done.kept ? ` The desk it replaced is kept as ${done.kept}.` : ''}`);
  return EXIT.ok;
}

// ---- the desk, through a connection ------------------------------------------------------------

/**
 * Read commands open the desk read-only: a read never creates a desk in a mistyped folder,
 * never migrates, never runs the SLA scheduler, and works on a read-only folder.
 */
async function withDesk(dataDir: string, opts: { readOnly: boolean }, run: (client: Client, dataDir: string) => Promise<number>): Promise<number> {
  // Loaded here, not at the top: the core is heavy, and usage errors should be instant.
  const { openDesk } = await import('../core/desk');
  const desk = await openDesk({ dataDir, demo: false, readOnly: opts.readOnly });
  const connection = desk.connect(() => {});
  try {
    return await run(createClient(connectionTransport(connection)), dataDir);
  } finally {
    connection.close();
    desk.close();
  }
}

function connectionTransport(connection: Connection): Transport {
  return {
    async call(method, input) {
      const reply = await connection.call(method, input);
      if (!reply.ok) throw new ApiError(reply.error.code, reply.error.message, reply.error.issues);
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
  if (!admin) throw new Failure('This desk has no active admin to sign in as; it may still be empty. Run "tagdesk seed" first.');
  await client.call('session.signIn', { userId: admin.id });
}

const cliHost: CliHost = {
  parse: (args, flags, positionals) => parse(args, flags, positionals) as ReturnType<CliHost['parse']>,
  withDesk: (values, run) => withDesk(dataDirOf(values), { readOnly: false }, (client) => run(client)),
  signInAsAdmin,
  usage: (message) => new UsageError(message),
};

// ---- command line ---------------------------------------------------------------------------------

type Flags = Record<string, { type: 'string' | 'boolean' }>;

function parse<F extends Flags>(args: string[], flags: F, positionals: boolean) {
  try {
    return parseArgs({ args, options: { ...flags, data: { type: 'string' } }, strict: true, allowPositionals: positionals });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
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

const label = (s: string) => s.replaceAll('_', ' ');
const day = (at: number) => new Date(at).toISOString().slice(0, 10);

function printView(view: CustomerView, matchedBy: string): void {
  const c = view.customer;
  console.log(`${c.name}  (${label(c.segment)}, ${c.serviceLevel})  matched by ${matchedBy}`);
  if (c.email) console.log(`  email   ${c.email}`);
  if (c.phone) console.log(`  phone   ${c.phone}`);
  if (view.assets.length > 0) {
    console.log('Systems');
    for (const a of view.assets) {
      const mark = a.id === view.matchedAssetId ? '*' : ' ';
      const warranty = a.warrantyStatus === 'active' ? `${a.warrantyLevel} until ${day(a.warrantyEnd)} (${a.daysLeft} days left)` : `expired ${day(a.warrantyEnd)}`;
      console.log(` ${mark} ${a.serviceTag}  ${a.expressCode}  ${a.productLine} ${a.model}  ${warranty}`);
    }
  }
  console.log(view.openTickets.length > 0 ? 'Open tickets' : 'No open tickets');
  for (const t of view.openTickets) {
    console.log(`   ${t.number}  ${label(t.state)}  tier ${t.tier}  ${t.priority}  ${t.subject}`);
  }
  if (view.pastTickets.length > 0) console.log(`${view.pastTickets.length} past tickets, ${view.interactions.length} interactions on record`);
}

function printCandidates(result: Extract<LookupResult, { kind: 'candidates' }>): void {
  console.log(`${result.candidates.length} possible customers:`);
  for (const c of result.candidates) console.log(`  ${c.customerName}  (${label(c.segment)})  ${c.matchedBy}: ${c.detail}`);
}

function printQueues(queues: QueueSummary[]): void {
  const busy = queues.filter((q) => q.open > 0);
  if (busy.length === 0) return;
  console.log(`${'Queues'.padEnd(22)}${'open'.padStart(4)}  ${'unassigned'.padStart(10)}  oldest`);
  for (const q of busy) {
    const name = `${label(q.segment)} t${q.tier}`.padEnd(20);
    console.log(`  ${name}${String(q.open).padStart(4)}  ${String(q.unassigned).padStart(10)}  ${q.oldestAt === null ? '-' : day(q.oldestAt)}`);
  }
}

process.exitCode = await main(process.argv.slice(2));
