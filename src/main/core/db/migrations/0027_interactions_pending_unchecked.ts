import { sql, type Kysely } from 'kysely';

// A staged interaction no longer looks its customer up (issue 14, part 3: escalate within 1.5x
// of its floor).
// - interactions_pending (migration 0017) declared `customer_id REFERENCES customers(id)`, so
//   every staged row made SQLite seek the customer in `customers`: 19 µs of an escalation's
//   statements on a cached file, and on the bench's 1M-customer file a random leaf the write
//   did not otherwise touch, read from disk when the page cache had let it go. The floor's
//   escalation reads no customer.
// - The check adds nothing: a staged row's customer is its ticket's (ticketStore.ts stages only
//   ticket events' interactions), and `tickets.customer_id` is checked when the ticket is
//   written. Settling moves the row into `interactions`, whose key still references customers.
// - The table holds at most a batch of rows: it is rebuilt, rows kept, in the migration's
//   transaction.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE interactions_pending_0027 (
      n INTEGER PRIMARY KEY,
      customer_id ANY NOT NULL,
      at INTEGER NOT NULL,
      id ANY NOT NULL,
      ticket_id ANY,
      channel TEXT NOT NULL CHECK (channel IN ('phone','email','chat','note','web')),
      direction TEXT NOT NULL CHECK (direction IN ('inbound','outbound','internal')),
      summary TEXT NOT NULL,
      user_id ANY
    ) STRICT`.execute(db);
  await sql`INSERT INTO interactions_pending_0027 SELECT n, customer_id, at, id, ticket_id, channel, direction, summary, user_id FROM interactions_pending`.execute(db);
  await sql`DROP TABLE interactions_pending`.execute(db);
  await sql`ALTER TABLE interactions_pending_0027 RENAME TO interactions_pending`.execute(db);
}
