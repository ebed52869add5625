import { sql, type Kysely } from 'kysely';

// The SLA outcomes of the last days, by segment, target and time, for the board's attainment
// drill-down ("which tickets are behind 92 % this week?").
// - sla_outcomes is keyed by ticket, so finding a week's outcomes read all of them (3.6 M rows at
//   2 M tickets: about 1 s a click). An index by time would take the default file over its
//   6.5 GB budget (about 160 MB), and would be written on every outcome as this table is.
// - sla_recent holds the same rows while they are at most 8 days old (the drill-down looks back
//   7 UTC days at most); the desk deletes older ones once a day (sla.ts). On the bench's 2 M
//   tickets that is 410,920 rows, 27.5 MB.
// - Filled here from the outcomes of the 8 days before the newest one: a file's own time, as a
//   migration has no desk clock. Anything older than the desk's week goes at the first prune.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE sla_recent (
      segment TEXT NOT NULL,
      target TEXT NOT NULL,
      done_at INTEGER NOT NULL,
      ticket_id ANY NOT NULL,
      met INTEGER NOT NULL,
      due_at INTEGER,
      PRIMARY KEY (segment, target, done_at, ticket_id)
    ) STRICT, WITHOUT ROWID`.execute(db);
  await sql.raw(FILL_SLA_RECENT).execute(db);
}

/** The outcomes of the 8 days before the newest, into sla_recent (also the bench's generator). */
export const FILL_SLA_RECENT = `INSERT INTO sla_recent (segment, target, done_at, ticket_id, met, due_at)
  SELECT segment, target, done_at, ticket_id, met, due_at FROM sla_outcomes /* scan: once, at the upgrade */
  WHERE done_at >= (SELECT max(done_at) FROM sla_outcomes) - ${8 * 86_400_000}`;
