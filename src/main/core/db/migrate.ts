import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { runCompaction, type CompactProgress } from './compact';
import * as m0001 from './migrations/0001_initial';
import * as m0002 from './migrations/0002_sla';
import * as m0003 from './migrations/0003_ticket_row_names';
import * as m0004 from './migrations/0004_lean_indexes';
import * as m0005 from './migrations/0005_customer_view_indexes';

import * as m0006 from './migrations/0006_ticket_log';
import * as m0008 from './migrations/0008_customer_records';
import * as m0009 from './migrations/0009_knowledge';
import * as m0010 from './migrations/0010_hub_link';
import * as m0011 from './migrations/0011_sync';
import * as m0012 from './migrations/0012_knowledge_sync';
import * as m0013 from './migrations/0013_settings_sync';
import * as m0015 from './migrations/0015_kb_case_terms';
import * as m0016 from './migrations/0016_kb_case_pending';
import * as m0017 from './migrations/0017_interactions_pending';
import * as m0018 from './migrations/0018_sla_recent';
import * as m0020 from './migrations/0020_import_ids_local';
import * as m0022 from './migrations/0022_erasure_names';
import * as m0023 from './migrations/0023_conflict_written';
import * as m0024 from './migrations/0024_agent_sla_load';
import * as m0025 from './migrations/0025_customer_words';
import * as m0026 from './migrations/0026_tallies_pending';
import * as m0027 from './migrations/0027_interactions_pending_unchecked';
import * as m0032 from './migrations/0032_interaction_asset';
import * as m0033 from './migrations/0033_centre_settings';
import * as m0034 from './migrations/0034_kb_rater_stats';
import * as m0035 from './migrations/0035_kb_rating_order';
import * as m0036 from './migrations/0036_kb_persian_affixes';
import * as m0037 from './migrations/0037_hub_resend';
import * as m0038 from './migrations/0038_sent_events_age';
import * as m0039 from './migrations/0039_refusals_per_person';
import { keyImportIds } from './migrations/0028_import_keys';
import * as m0029 from './migrations/0029_kb_ticket_seq';
import * as m0030 from './migrations/0030_kb_solved_undo';
import * as m0031 from './migrations/0031_ticket_renumbers';
import { fillTicketTrends } from '../kb/trendCounts';
import { fillCsatDaily } from '../kb/csatCounts';

// Forward-only migrations, imported statically so they survive bundling. Each id is
// recorded when applied; a database whose recorded history is not a prefix of this list
// (a newer build wrote it, or the history diverged) is refused rather than guessed at.

export type Migration =
  | { id: string; up(db: Kysely<any>): Promise<void> }
  /**
   * A conversion too large for one transaction: it runs on the raw connection, commits in
   * batches of its own and resumes after a kill; its id is recorded once it has finished.
   */
  | { id: string; job(raw: BetterSqlite3.Database, onProgress: (p: CompactProgress) => void): Promise<void> };

export interface MigrateOptions {
  /** The connection under `db`, for jobs. */
  raw?: BetterSqlite3.Database;
  onProgress?: (p: CompactProgress) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { id: '0001_initial', up: m0001.up },
  { id: '0002_sla', up: m0002.up },
  { id: '0003_ticket_row_names', up: m0003.up },
  { id: '0004_lean_indexes', up: m0004.up },
  { id: '0005_customer_view_indexes', up: m0005.up },
  { id: '0006_ticket_log', up: m0006.up },
  { id: '0008_customer_records', up: m0008.up },
  { id: '0009_knowledge', up: m0009.up },
  { id: '0010_hub_link', up: m0010.up },
  { id: '0011_sync', up: m0011.up },
  { id: '0012_knowledge_sync', up: m0012.up },
  { id: '0013_settings_sync', up: m0013.up },
  { id: '0014_compact', job: runCompaction },
  { id: '0015_kb_case_terms', up: m0015.up },
  { id: '0016_kb_case_pending', up: m0016.up },
  { id: '0017_interactions_pending', up: m0017.up },
  { id: '0018_sla_recent', up: m0018.up },
  { id: '0019_ticket_trends', job: fillTicketTrends },
  { id: '0020_import_ids_local', up: m0020.up },
  { id: '0021_csat_daily', job: fillCsatDaily },
  { id: '0022_erasure_names', up: m0022.up },
  { id: '0023_conflict_written', up: m0023.up },
  { id: '0024_agent_sla_load', up: m0024.up },
  { id: '0025_customer_words', job: m0025.fillCustomerWords },
  { id: '0026_tallies_pending', up: m0026.up },
  { id: '0027_interactions_pending_unchecked', up: m0027.up },
  { id: '0028_import_keys', job: keyImportIds },
  { id: '0029_kb_ticket_seq', up: m0029.up },
  { id: '0030_kb_solved_undo', up: m0030.up },
  { id: '0031_ticket_renumbers', up: m0031.up },
  { id: '0032_interaction_asset', up: m0032.up },
  { id: '0033_centre_settings', up: m0033.up },
  { id: '0034_kb_rater_stats', up: m0034.up },
  { id: '0035_kb_rating_order', up: m0035.up },
  { id: '0036_kb_persian_affixes', up: m0036.up },
  { id: '0037_hub_resend', up: m0037.up },
  { id: '0038_sent_events_age', up: m0038.up },
  { id: '0039_refusals_per_person', up: m0039.up },
];

export async function migrate(db: Kysely<any>, migrations: readonly Migration[] = MIGRATIONS, options: MigrateOptions = {}): Promise<string[]> {
  await sql`CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL) STRICT`.execute(db);
  const applied = (await db.selectFrom('migrations').select('id').orderBy('applied_at').orderBy('id').execute()).map((r) => r.id as string);
  applied.forEach((id, i) => {
    if (migrations[i]?.id !== id) {
      throw new Error(
        `This data folder was written by a different version of Tagdesk (migration "${id}" is unknown here). ` +
          'Open it with the newer version, or choose another data folder.',
      );
    }
  });
  const pending = migrations.slice(applied.length);
  for (const m of pending) {
    if ('job' in m) {
      if (!options.raw) throw new Error(`Migration ${m.id} needs the database's own connection.`);
      await m.job(options.raw, options.onProgress ?? (() => {}));
      await db.insertInto('migrations').values({ id: m.id, applied_at: Date.now() }).execute();
      continue;
    }
    await db.transaction().execute(async (trx) => {
      await m.up(trx);
      await trx.insertInto('migrations').values({ id: m.id, applied_at: Date.now() }).execute();
    });
  }
  return pending.map((m) => m.id);
}
