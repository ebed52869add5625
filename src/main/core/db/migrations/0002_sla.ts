import { sql, type Kysely } from 'kysely';

// SLA clocks as data: due times and the scheduler's next wake-up live on the ticket
// (indexed); policies and calendars are rows an admin edits; at-risk and breached counts join
// the queue counters, and met/missed targets are counted per day for attainment.
export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}

const STATEMENTS = [
  `CREATE TABLE sla_calendars (id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at INTEGER NOT NULL) STRICT`,
  `CREATE TABLE sla_policies (
     id TEXT PRIMARY KEY,
     segment TEXT NOT NULL REFERENCES segments(id),
     service_level TEXT NOT NULL,
     body TEXT NOT NULL,
     version INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   ) STRICT`,
  `ALTER TABLE tickets ADD COLUMN sla_status TEXT NOT NULL DEFAULT 'none'`,
  `ALTER TABLE tickets ADD COLUMN sla_target TEXT`,
  `ALTER TABLE tickets ADD COLUMN sla_next_at INTEGER`,
  `ALTER TABLE tickets ADD COLUMN sla_calendar_id TEXT`,
  `ALTER TABLE tickets ADD COLUMN sla_policies TEXT NOT NULL DEFAULT '[]'`,
  // The scheduler's scan: the next tickets whose warning or breach is due.
  `CREATE INDEX tickets_sla_next ON tickets(sla_next_at) WHERE sla_next_at IS NOT NULL`,
  // Queues sorted by urgency: soonest due first, tickets without a running clock last.
  `CREATE INDEX tickets_urgency ON tickets(segment, tier, coalesce(due_at, 9007199254740991), created_at) WHERE is_open = 1`,
  `CREATE INDEX tickets_sla_status ON tickets(sla_status, segment, tier) WHERE is_open = 1`,
  `ALTER TABLE queue_counters ADD COLUMN at_risk INTEGER NOT NULL DEFAULT 0`,
  `ALTER TABLE queue_counters ADD COLUMN breached INTEGER NOT NULL DEFAULT 0`,
  // One outcome per ticket and target (the first one stands), and their sums per UTC day.
  `CREATE TABLE sla_outcomes (
     ticket_id TEXT NOT NULL REFERENCES tickets(id),
     target TEXT NOT NULL,
     segment TEXT NOT NULL,
     due_at INTEGER,
     done_at INTEGER NOT NULL,
     met INTEGER NOT NULL,
     PRIMARY KEY (ticket_id, target)
   ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE sla_daily (
     day INTEGER NOT NULL,
     segment TEXT NOT NULL,
     target TEXT NOT NULL,
     met INTEGER NOT NULL DEFAULT 0,
     total INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (day, segment, target)
   ) STRICT, WITHOUT ROWID`,
];
