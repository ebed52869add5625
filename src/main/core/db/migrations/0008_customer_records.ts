import { sql, type Kysely } from 'kysely';

// Customer records an agent can create, fix, merge, import and protect (issue 12).
// - customers gain the customer's own country (phone numbers typed without a country code
//   are read in it), when their details were last confirmed, and when they were erased;
//   a (segment, name_key) index finds similar names in one segment while a form is typed.
// - customer_events: every field-level change of a customer, contact or system, with its
//   author (a snapshot) and desk time. Append-only: only an erasure may blank a payload's
//   personal values, nothing else about an event can change, and none can be deleted.
// - customer_merges: a merged record's old id leads to its survivor.
// - record_access: who opened whose record, when and why (the audit log).
// - import_ids: the id a record had in the desk it came from, so a second import of the
//   same file changes nothing.
// - asset_owners.how: sold, given or re-assigned; a former owner's systems by owner.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of [
    sql`ALTER TABLE customers ADD COLUMN country TEXT`,
    sql`ALTER TABLE customers ADD COLUMN confirmed_at INTEGER`,
    sql`ALTER TABLE customers ADD COLUMN erased_at INTEGER`,
    sql`CREATE INDEX customers_segment_name ON customers(segment, name_key)`,
    sql`ALTER TABLE asset_owners ADD COLUMN how TEXT`,
    sql`CREATE INDEX asset_owners_former ON asset_owners(customer_id, to_at) WHERE to_at IS NOT NULL`,
    sql`CREATE TABLE customer_events (
      id TEXT PRIMARY KEY,
      customer_id TEXT NOT NULL,
      type TEXT NOT NULL,
      at INTEGER NOT NULL,
      actor_id TEXT NOT NULL,
      actor_name TEXT NOT NULL,
      actor_role TEXT NOT NULL,
      payload TEXT NOT NULL
    ) STRICT`,
    sql`CREATE INDEX customer_events_customer ON customer_events(customer_id, at)`,
    sql`CREATE TRIGGER customer_events_no_update BEFORE UPDATE ON customer_events
      WHEN NEW.id IS NOT OLD.id OR NEW.customer_id IS NOT OLD.customer_id OR NEW.type IS NOT OLD.type
        OR NEW.at IS NOT OLD.at OR NEW.actor_id IS NOT OLD.actor_id
      BEGIN SELECT RAISE(ABORT, 'customer_events is append-only'); END`,
    sql`CREATE TRIGGER customer_events_no_delete BEFORE DELETE ON customer_events
      BEGIN SELECT RAISE(ABORT, 'customer_events is append-only'); END`,
    sql`CREATE TABLE customer_merges (
      merged_id TEXT PRIMARY KEY,
      survivor_id TEXT NOT NULL,
      at INTEGER NOT NULL
    ) STRICT`,
    sql`CREATE INDEX customer_merges_survivor ON customer_merges(survivor_id)`,
    sql`CREATE TABLE record_access (
      at INTEGER NOT NULL,
      user_id TEXT NOT NULL,
      customer_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      ticket_id TEXT
    ) STRICT`,
    sql`CREATE INDEX record_access_at ON record_access(at)`,
    sql`CREATE INDEX record_access_customer ON record_access(customer_id, at)`,
    sql`CREATE TABLE import_ids (
      source TEXT NOT NULL,
      kind TEXT NOT NULL,
      external_id TEXT NOT NULL,
      local_id TEXT NOT NULL,
      PRIMARY KEY (source, kind, external_id)
    ) STRICT, WITHOUT ROWID`,
  ]) {
    await statement.execute(db);
  }
}
