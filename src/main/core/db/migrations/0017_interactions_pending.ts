import { sql, type Kysely } from 'kysely';

// A ticket event's 360° interaction stops splitting a page in the agent's own commit (issue 14,
// part 3: escalate within 1.5x of its floor).
// - interactions is clustered by customer (migration 0014), and on a compact file every leaf
//   is full: a new row for a random customer splits its leaf, which writes the leaf, its
//   siblings, their parent, a new page and the file's header. Measured on the bench's
//   dataset: 10 of an escalation's 28 pages.
// - interactions_pending: the same columns in a rowid table, so a new row goes at its end
//   (one page). The desk moves its rows into interactions in batches, in a transaction of
//   their own (stagedInteractions.ts); whatever reads a customer's interactions reads these
//   too, and whatever rewrites them by customer moves them first.
// - No index: the table holds at most a few hundred rows between batches, and the 360° view
//   reads it whole (a scan of a few pages costs less than an index written on every event).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE interactions_pending (
      n INTEGER PRIMARY KEY,
      customer_id ANY NOT NULL REFERENCES customers(id),
      at INTEGER NOT NULL,
      id ANY NOT NULL,
      ticket_id ANY,
      channel TEXT NOT NULL CHECK (channel IN ('phone','email','chat','note','web')),
      direction TEXT NOT NULL CHECK (direction IN ('inbound','outbound','internal')),
      summary TEXT NOT NULL,
      user_id ANY
    ) STRICT`.execute(db);
}
