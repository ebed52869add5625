import { sql, type Kysely } from 'kysely';

// The 360° view reads one customer's systems, contacts and contact history. Those rows were
// written over years, each among everyone else's, so reading them through a plain
// customer_id index cost one table page per row: at a million customers, pages that are
// rarely in memory, and the ones that decided the lookup's p99. These indexes carry every
// column the view shows, so one customer's rows sit together in one or two index pages and
// the tables are not visited at all:
// - assets by customer, in the view's order (ship date), with every column;
// - contacts by customer, by name; interactions by customer, by time;
// - ownership: the customer's current systems sit together by owner; earlier owners, a
//   small share of rows, have a partial index of their own by system. An open ownership
//   row (to_at null) always names the system's current owner (assets.customer_id): the
//   view reads them by owner.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`DROP INDEX assets_customer`,
    sql`CREATE INDEX assets_customer ON assets(customer_id, ship_date, id, service_tag, product_line, model, warranty_level, warranty_end, created_at)`,
    sql`DROP INDEX contacts_customer`,
    sql`CREATE INDEX contacts_customer ON contacts(customer_id, name, id, role, email, phone)`,
    sql`DROP INDEX interactions_customer`,
    sql`CREATE INDEX interactions_customer ON interactions(customer_id, at, id, channel, direction, summary, ticket_id, user_id)`,
    sql`DROP INDEX asset_owners_history`,
    sql`CREATE INDEX asset_owners_current ON asset_owners(customer_id, asset_id, from_at, to_at) WHERE to_at IS NULL`,
    sql`CREATE INDEX asset_owners_earlier ON asset_owners(asset_id, from_at, customer_id, to_at) WHERE to_at IS NOT NULL`,
  ]) {
    await statement.execute(db);
  }
}
