import { sql, type Kysely } from 'kysely';

// The first schema of the desk. Frozen: later changes are new migrations, never edits here.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`,
  `CREATE TABLE segments (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     default_service_level TEXT NOT NULL CHECK (default_service_level IN ('premier','standard','basic'))
   ) STRICT`,
  `INSERT INTO segments (id, name, default_service_level) VALUES
     ('education', 'Education', 'standard'),
     ('government', 'Government', 'premier'),
     ('small_business', 'Small business', 'standard'),
     ('large_enterprise', 'Large enterprise', 'premier'),
     ('home', 'Home', 'basic')`,
  `CREATE TABLE users (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     email TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('agent','specialist','supervisor','admin')),
     tier INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 3),
     segments TEXT NOT NULL,
     active INTEGER NOT NULL DEFAULT 1,
     created_at INTEGER NOT NULL
   ) STRICT`,
  `CREATE TABLE customers (
     id TEXT PRIMARY KEY,
     kind TEXT NOT NULL CHECK (kind IN ('person','organisation')),
     name TEXT NOT NULL,
     name_key TEXT NOT NULL,
     segment TEXT NOT NULL REFERENCES segments(id),
     service_level TEXT NOT NULL CHECK (service_level IN ('premier','standard','basic')),
     email TEXT,
     phone TEXT,
     locale TEXT NOT NULL DEFAULT 'en-US',
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   ) STRICT`,
  `CREATE INDEX customers_name_key ON customers(name_key)`,
  `CREATE INDEX customers_email ON customers(email) WHERE email IS NOT NULL`,
  `CREATE INDEX customers_phone ON customers(phone) WHERE phone IS NOT NULL`,
  `CREATE TABLE contacts (
     id TEXT PRIMARY KEY,
     customer_id TEXT NOT NULL REFERENCES customers(id),
     name TEXT NOT NULL,
     role TEXT,
     email TEXT,
     phone TEXT
   ) STRICT`,
  `CREATE INDEX contacts_customer ON contacts(customer_id)`,
  `CREATE INDEX contacts_email ON contacts(email) WHERE email IS NOT NULL`,
  `CREATE INDEX contacts_phone ON contacts(phone) WHERE phone IS NOT NULL`,
  `CREATE TABLE assets (
     id TEXT PRIMARY KEY,
     service_tag TEXT NOT NULL UNIQUE CHECK (length(service_tag) = 7),
     customer_id TEXT NOT NULL REFERENCES customers(id),
     product_line TEXT NOT NULL,
     model TEXT NOT NULL,
     ship_date INTEGER NOT NULL,
     warranty_level TEXT NOT NULL,
     warranty_end INTEGER NOT NULL,
     created_at INTEGER NOT NULL
   ) STRICT`,
  `CREATE INDEX assets_customer ON assets(customer_id)`,
  `CREATE TABLE asset_owners (
     id TEXT PRIMARY KEY,
     asset_id TEXT NOT NULL REFERENCES assets(id),
     customer_id TEXT NOT NULL REFERENCES customers(id),
     from_at INTEGER NOT NULL,
     to_at INTEGER
   ) STRICT`,
  `CREATE INDEX asset_owners_asset ON asset_owners(asset_id)`,
  `CREATE TABLE tickets (
     id TEXT PRIMARY KEY,
     number INTEGER NOT NULL UNIQUE,
     customer_id TEXT NOT NULL REFERENCES customers(id),
     asset_id TEXT REFERENCES assets(id),
     segment TEXT NOT NULL REFERENCES segments(id),
     service_level TEXT NOT NULL,
     priority TEXT NOT NULL CHECK (priority IN ('urgent','high','normal','low')),
     priority_rank INTEGER NOT NULL,
     tier INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 3),
     state TEXT NOT NULL,
     is_open INTEGER NOT NULL,
     assignee_id TEXT REFERENCES users(id),
     subject TEXT NOT NULL,
     description TEXT NOT NULL,
     channel TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     due_at INTEGER,
     version INTEGER NOT NULL,
     machine TEXT NOT NULL
   ) STRICT`,
  // A queue page is priority, then age, within one segment and tier: this index is the page.
  `CREATE INDEX tickets_queue ON tickets(segment, tier, priority_rank, created_at) WHERE is_open = 1`,
  // Take next reads the first unassigned ticket of a queue from here.
  `CREATE INDEX tickets_unassigned ON tickets(segment, tier, priority_rank, created_at) WHERE is_open = 1 AND assignee_id IS NULL`,
  `CREATE INDEX tickets_oldest ON tickets(segment, tier, created_at) WHERE is_open = 1`,
  `CREATE INDEX tickets_customer ON tickets(customer_id, created_at)`,
  `CREATE INDEX tickets_assignee ON tickets(assignee_id, priority_rank, created_at) WHERE is_open = 1`,
  `CREATE TABLE ticket_events (
     id TEXT PRIMARY KEY,
     ticket_id TEXT NOT NULL REFERENCES tickets(id),
     seq INTEGER NOT NULL,
     type TEXT NOT NULL,
     actor_id TEXT NOT NULL,
     at INTEGER NOT NULL,
     payload TEXT NOT NULL,
     UNIQUE (ticket_id, seq)
   ) STRICT`,
  // The log is append-only: the database itself refuses edits and deletions.
  `CREATE INDEX ticket_events_type_at ON ticket_events(type, at)`,
  `CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
     BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END`,
  `CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
     BEGIN SELECT RAISE(ABORT, 'ticket_events is append-only'); END`,
  `CREATE TABLE interactions (
     id TEXT PRIMARY KEY,
     customer_id TEXT NOT NULL REFERENCES customers(id),
     ticket_id TEXT REFERENCES tickets(id),
     channel TEXT NOT NULL CHECK (channel IN ('phone','email','chat','note','web')),
     direction TEXT NOT NULL CHECK (direction IN ('inbound','outbound','internal')),
     at INTEGER NOT NULL,
     summary TEXT NOT NULL,
     user_id TEXT REFERENCES users(id)
   ) STRICT`,
  `CREATE INDEX interactions_customer ON interactions(customer_id, at)`,
  // Queue counts kept with the projection, so the overview never rescans tickets.
  `CREATE TABLE queue_counters (
     segment TEXT NOT NULL,
     tier INTEGER NOT NULL,
     open INTEGER NOT NULL DEFAULT 0,
     unassigned INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (segment, tier)
   ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE agent_load (user_id TEXT PRIMARY KEY, open INTEGER NOT NULL DEFAULT 0) STRICT, WITHOUT ROWID`,
  `INSERT INTO queue_counters (segment, tier)
     SELECT s.id, t.tier FROM segments s, (SELECT 1 AS tier UNION ALL SELECT 2 UNION ALL SELECT 3) t`,
];
