import { resolve } from 'node:path';
import type { Client } from '../../shared/client';

// `tagdesk duplicates` and `tagdesk import`: customer data from a terminal (issue 12). The
// host's own helpers (argument parsing, opening the desk, signing in) are passed in, so the
// commands go through a Connection like every other call.

export const CUSTOMER_USAGE = `  duplicates [--json] [--limit N]     likely duplicate customers, in pairs, best first,
                                      each with a score and why
  import --from zendesk|freshdesk|csv FILE... [--dry-run] [--json] [--map FIELD=COLUMN,...]
                                      bring in another desk's export: Zendesk JSON pages,
                                      Freshdesk CSVs, or any CSV with a column mapping;
                                      rejected rows go to a rejects file with the reason`;

type Values = Record<string, string | boolean | undefined>;
export interface CliHost {
  parse(args: string[], flags: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>, positionals: boolean): { values: Values; positionals: string[] };
  withDesk(values: Values, run: (client: Client) => Promise<number>): Promise<number>;
  signInAsAdmin(client: Client): Promise<void>;
  usage(message: string): Error;
}

export async function duplicates(args: string[], host: CliHost): Promise<number> {
  const { values } = host.parse(args, { json: { type: 'boolean' }, limit: { type: 'string' } }, false);
  const limit = values.limit === undefined ? 1000 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) throw host.usage('--limit must be a whole number from 1 to 100000.');
  return host.withDesk(values, async (client) => {
    await host.signInAsAdmin(client);
    const pairs = await client.call('customers.duplicatePairs', { limit });
    if (values.json) {
      console.log(JSON.stringify(pairs, null, 2));
      return 0;
    }
    if (pairs.length === 0) {
      console.log('No likely duplicates.');
      return 0;
    }
    console.log(`${pairs.length} likely duplicate pair${pairs.length === 1 ? '' : 's'}:`);
    for (const p of pairs) {
      console.log(`  ${p.score.toFixed(2)}  ${p.a.name} (${p.a.id})  ~  ${p.b.name} (${p.b.id})  [${p.segment.replaceAll('_', ' ')}; same ${p.reasons.join(', ')}]`);
    }
    return 0;
  });
}

export async function importFiles(args: string[], host: CliHost): Promise<number> {
  const { values, positionals } = host.parse(args, { from: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' }, map: { type: 'string' }, rejects: { type: 'string' } }, true);
  const from = values.from;
  if (from !== 'zendesk' && from !== 'freshdesk' && from !== 'csv') throw host.usage('import needs --from zendesk, --from freshdesk or --from csv.');
  if (positionals.length === 0) throw host.usage('import needs at least one FILE: the export pages or CSVs.');
  const mapping: Record<string, string> = {};
  if (typeof values.map === 'string') {
    for (const pair of values.map.split(',')) {
      const [field, column] = pair.split('=');
      if (!field?.trim() || !column?.trim()) throw host.usage(`--map takes FIELD=COLUMN pairs separated by commas, such as name=Customer,phone=Tel (not "${pair}").`);
      mapping[field.trim()] = column.trim();
    }
  }
  return host.withDesk(values, async (client) => {
    await host.signInAsAdmin(client);
    const summary = await client.call('import.run', {
      from,
      files: positionals.map((f) => resolve(f)),
      dryRun: values['dry-run'] === true,
      mapping,
      rejectsPath: typeof values.rejects === 'string' ? resolve(values.rejects) : null,
    });
    if (values.json) {
      console.log(JSON.stringify({ imported: summary.imported, rejected: summary.rejected, rejects: summary.rejects }));
      return 0;
    }
    const i = summary.imported;
    console.log(`${values['dry-run'] ? 'Would import' : 'Imported'} ${i.customers} customers, ${i.contacts} contacts, ${i.assets} systems, ${i.tickets} tickets with ${i.events} events.`);
    console.log(summary.rejected === 0 ? 'Nothing was rejected.' : `${summary.rejected} rejected: see ${summary.rejects} (one JSON line each, with the reason).`);
    return 0;
  });
}
