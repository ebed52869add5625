import { sql, type Kysely } from 'kysely';

// A ticket write's counters and SLA outcomes leave the agent's own commit (issue 14, part 3:
// take-next and escalate within 1.5x of their floors).
// - A take wrote five pages for them: its queue's counter row, the agent's load row, the
//   outcome, the drill-down's copy of it (sla_recent) and the day's attainment (sla_daily).
// - tallies_pending: one row per write, at the table's end (one page), holding those moves as
//   JSON. The desk nets them into the counters and outcomes in a batch, in a transaction of its
//   own (stagedTallies.ts); whatever reads the counters or outcomes settles them first, so no
//   reader ever sees a count that a committed write has not moved.
// - No index: it holds at most a batch of rows, and it is read whole.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE tallies_pending (n INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT`.execute(db);
}
