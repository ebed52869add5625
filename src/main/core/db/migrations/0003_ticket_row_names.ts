import { sql, type Kysely } from 'kysely';

// A queue page is 200 ticket rows; joining each to its customer and system by text id cost
// three quarters of the page's time at 2 million tickets. The names a row shows are kept on
// the ticket instead, set when it is opened. A service tag never changes; the desk has no
// customer rename yet, and the one that comes must update the customer's tickets with it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE tickets ADD COLUMN customer_name TEXT NOT NULL DEFAULT ''`.execute(db);
  await sql`ALTER TABLE tickets ADD COLUMN service_tag TEXT`.execute(db);
  await sql`UPDATE tickets SET
      customer_name = (SELECT name FROM customers c WHERE c.id = tickets.customer_id),
      service_tag = (SELECT service_tag FROM assets a WHERE a.id = tickets.asset_id)`.execute(db);
}
