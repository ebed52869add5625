import { basename, resolve } from 'node:path';
import type { Push } from '../../shared/api';
import { assumedInBrief, CSV_FIELDS, importCountrySchema, importProgressSchema } from '../../shared/customerApi';
import type { Client } from '../../shared/client';
import { isCliKey, type CliKey, type CliSay } from './messages';

// `tagdesk duplicates` and `tagdesk import`: customer data from a terminal (issue 12). The
// host's own helpers (argument parsing, opening the desk, signing in) are passed in, so the
// commands go through a Connection like every other call. What they say to people comes
// from ./messages (English or Persian); their --json output does not change with it.

type Values = Record<string, string | boolean | undefined>;
export interface CliHost {
  parse(args: string[], flags: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>, positionals: boolean): { values: Values; positionals: string[] };
  /** Opens the desk for writing, unless `readOnly` (a command that only reads). */
  withDesk(values: Values, run: (client: Client) => Promise<number>, options?: { onPush?: (push: Push) => void; readOnly?: boolean }): Promise<number>;
  signInAsAdmin(client: Client): Promise<void>;
  /** A wrong command line: exit code 2, with the usage. */
  usage(message: string): Error;
  /** Input that cannot be used: exit code 1, the message alone. */
  fail(message: string): Error;
  /** Files that cannot be used at all: exit code 3, the message alone. */
  unusable(message: string): Error;
  say: CliSay;
}

export async function duplicates(args: string[], host: CliHost): Promise<number> {
  const { tr, tc, decimal } = host.say;
  const { values } = host.parse(args, { json: { type: 'boolean' }, limit: { type: 'string' } }, false);
  const limit = values.limit === undefined ? 1000 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw host.usage(tr('dup.badLimit'));
  return host.withDesk(values, async (client) => {
    await host.signInAsAdmin(client);
    const pairs = await client.call('customers.duplicatePairs', { limit });
    if (values.json) {
      console.log(JSON.stringify(pairs, null, 2));
      return 0;
    }
    if (pairs.length === 0) {
      console.log(tr('dup.none'));
      return 0;
    }
    console.log(tc('dup.head', pairs.length));
    for (const p of pairs) {
      const segmentKey = `segment.${p.segment}`;
      const reasons = p.reasons.map((r) => tr(`dup.reason.${r}`)).join(tr('list.separator'));
      console.log(tr('dup.pair', { score: decimal(p.score, 2), a: p.a.name, aId: p.a.id, b: p.b.name, bId: p.b.id, segment: isCliKey(segmentKey) ? tr(segmentKey) : p.segment, reasons }));
    }
    return 0;
  }, { readOnly: true });
}

/** A progress line at most this often for one file (and always when a file is done). */
const PROGRESS_EVERY_MS = 2000;

export async function importFiles(args: string[], host: CliHost): Promise<number> {
  const { tr, tc, percent } = host.say;
  const { values, positionals } = host.parse(args, { from: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, map: { type: 'string' }, rejects: { type: 'string' }, country: { type: 'string' } }, true);
  const from = values.from;
  if (from !== 'zendesk' && from !== 'freshdesk' && from !== 'csv') throw host.usage(tr('import.badFrom'));
  if (positionals.length === 0) throw host.usage(tr('import.needsFiles'));
  const mapping: Record<string, string> = {};
  if (typeof values.map === 'string') {
    if (from !== 'csv') throw host.usage(tr('import.mapNeedsCsv'));
    for (const pair of values.map.split(',')) {
      const [field, column] = pair.split('=');
      if (!field?.trim() || !column?.trim()) throw host.usage(tr('import.badMap', { pair }));
      if (!(CSV_FIELDS as readonly string[]).includes(field.trim())) throw host.usage(tr('import.unknownField', { field: field.trim(), fields: CSV_FIELDS.join(', ') }));
      mapping[field.trim()] = column.trim();
    }
  }
  // Where the files' numbers without a country code are from (rows naming no Country): a country the phone rules know.
  let country: string | null = null;
  if (values.country !== undefined) {
    const c = importCountrySchema.safeParse(typeof values.country === 'string' ? values.country : '');
    if (!c.success) throw host.usage(tr('import.badCountry', { country: String(values.country) }));
    country = c.data;
  }
  const human = values.json !== true;
  const files = positionals.map((f) => resolve(f));
  // Progress for people, on stderr: a line per file when it is done, and every few seconds
  // while a large one is read.
  const lastLine = new Map<string, number>();
  const onProgress = (push: Push) => {
    if (!human || push.event !== 'import.progress') return;
    const p = importProgressSchema.safeParse(push.payload);
    if (!p.success) return;
    const done = p.data.bytesRead >= p.data.bytes;
    const now = Date.now();
    if (!done && now - (lastLine.get(p.data.file) ?? 0) < PROGRESS_EVERY_MS) return;
    lastLine.set(p.data.file, now);
    console.error(tr('import.progress', { file: basename(p.data.file), rows: tc('count.rows', p.data.rows), share: percent(p.data.bytes ? Math.min(1, p.data.bytesRead / p.data.bytes) : 1) }));
  };
  return host.withDesk(
    values,
    async (client) => {
      await host.signInAsAdmin(client);
      // Each file as the import will see it: one it cannot read is named with the reason (the
      // others are still imported), and a CSV must have every column --map names, or nothing is.
      let usable = 0;
      for (const file of files) {
        const peek = await client.call('import.peek', { from, file });
        if (peek.problemCode) {
          if (human) {
            const key = `import.problem.${peek.problemCode}`;
            const params = { ...peek.problemParams };
            if (params.error !== undefined) params.error = host.say.fileError(params.error);
            console.error(tr('import.fileSkipped', { file, reason: isCliKey(key) ? tr(key as CliKey, params) : (peek.problem ?? '') }));
          }
          continue;
        }
        usable++;
        if (from !== 'csv') continue;
        const columns = peek.columns.map((c) => c.toLowerCase());
        for (const [field, column] of Object.entries(mapping)) {
          if (!columns.includes(column.toLowerCase())) throw host.fail(tr('import.missingColumn', { file, column, field, columns: peek.columns.join(', ') }));
        }
        // A row is known by its id, email, phone or name: a CSV with none of them, as named or
        // mapped, would have every row rejected for it.
        const keyed = (['id', 'email', 'phone', 'name'] as const).some((field) => columns.includes((mapping[field] ?? field).toLowerCase()));
        if (!keyed) throw host.fail(tr('import.unmapped', { file, columns: peek.columns.join(', ') }));
      }
      if (usable === 0) throw host.unusable(tr('import.nothingUsable'));
      // Ctrl+C or a kill: the import stops after the batch it is writing, as the screen's "Cancel
      // the import" does, and says what it kept (it died mid-batch, unsaid, before); a second one
      // stops at once (the batch being written is undone: nothing of it is kept, nothing doubled).
      let stoppedBy: NodeJS.Signals | null = null;
      const stop = (signal: NodeJS.Signals) => {
        if (stoppedBy) process.exit(stoppedBy === 'SIGINT' ? 130 : 143);
        stoppedBy = signal;
        void client.call('import.cancel', {}).catch(() => undefined);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      let summary;
      try {
        summary = await client.call('import.run', {
          from,
          files,
          dryRun: values['dry-run'] === true,
          mapping,
          rejectsPath: typeof values.rejects === 'string' ? resolve(values.rejects) : null,
          country,
        });
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
      /** 128 + the signal's number when a signal stopped it, as `migrate` exits. */
      const exitCode = stoppedBy === null ? 0 : stoppedBy === 'SIGINT' ? 130 : 143;
      if (!human) {
        // The fields scripts rely on, as they were; then the companies created with an assumed
        // segment and service level, in the summary's own shape; then the rejected rows of CSV
        // files as a CSV (null when none) and Zendesk's rejected records as pages of their kind,
        // the paths the text output and the screen name.
        const { imported, rejected, rejects, assumed, rejectedRows, rejectedPages, localNumbers, mobilesLeft, suspended } = summary;
        console.log(JSON.stringify({ imported, rejected, rejects, assumed, rejectedRows, rejectedPages, localNumbers, mobilesLeft, suspended, ...(summary.cancelled ? { cancelled: true } : {}) }));
        return exitCode;
      }
      const i = summary.imported;
      const counts = {
        customers: tc('count.customers', i.customers),
        contacts: tc('count.contacts', i.contacts),
        systems: tc('count.systems', i.assets),
        tickets: tc('count.tickets', i.tickets),
        events: tc('count.events', i.events),
      };
      console.log(tr(values['dry-run'] ? 'import.would' : 'import.done', counts));
      if (summary.existing > 0) console.log(tc('import.existing', summary.existing));
      // Companies a contact or ticket named that the companies file lacks: created with an
      // assumed segment and service level (their tickets' queue and SLA), so the summary says so.
      const assumed = summary.assumed;
      if (assumed.count > 0) {
        const brief = assumedInBrief(assumed);
        const names = brief.names.join(tr('list.separator')) + (brief.more > 0 ? ` ${tc('import.assumedMore', brief.more)}` : '');
        const label = (key: string, value: string) => (isCliKey(key) ? tr(key) : value);
        const as = brief.kinds.map((a) => tr('import.assumedAs', { segment: label(`segment.${a.segment}`, a.segment), level: label(`level.${a.serviceLevel}`, a.serviceLevel) })).join('; ');
        console.log(tc(values['dry-run'] ? 'import.assumedWould' : 'import.assumed', assumed.count, { assumed: as, names }));
      }
      console.log(summary.rejected === 0 ? tr('import.noRejects') : tc('import.rejected', summary.rejected, { file: summary.rejects }));
      // Many rows refused for local numbers of one country: the whole file's fix is --country.
      if (summary.localNumbers) {
        const names = new Intl.DisplayNames([host.say.language === 'fa' ? 'fa' : 'en'], { type: 'region' });
        const { countries, count } = summary.localNumbers;
        console.log(tr('import.localNumbers', { count: host.say.n(count), countries: countries.map((c) => names.of(c) ?? c).join(tr('list.separator')), flags: countries.map((c) => `--country ${c}`).join(tr('list.separator')) }));
      }
      // Both a work phone and a mobile number: the record holds one; the rows whose mobile was left out are named.
      if (summary.mobilesLeft.count > 0) {
        const rows = summary.mobilesLeft.first.map((m) => host.say.n(m.row)).join(tr('list.separator')) + (summary.mobilesLeft.count > summary.mobilesLeft.first.length ? '…' : '');
        console.log(tc('import.mobilesLeft', summary.mobilesLeft.count, { rows }));
      }
      // Users suspended in Zendesk (spam, abuse) are left out, with their tickets: said, with how to bring one back.
      if (summary.suspended.users > 0) console.log(tc('import.suspended', summary.suspended.users, { tickets: tc('import.suspendedTickets', summary.suspended.tickets), field: '"suspended": false' }));
      if (summary.rejectedRows) console.log(tr('import.rejectedRows', { file: summary.rejectedRows }));
      // Zendesk's records are JSON, no spreadsheet rows: they come back as pages of their kind, to import again.
      if (summary.rejectedPages.length > 0) console.log(tr('import.rejectedPages', { files: summary.rejectedPages.join('\n  '), field: 'tagdesk_rejected_because' }));
      if (summary.cancelled) console.error(tr('import.interrupted'));
      return exitCode;
    },
    { onPush: onProgress },
  );
}
