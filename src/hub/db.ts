import { Kysely, PostgresDialect, type ColumnType, type Generated, type Selectable } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';

// The hub's PostgreSQL, through Kysely. Times are epoch milliseconds in bigint columns,
// read back as numbers (they stay far below 2^53); JSON goes in as text and comes back parsed.

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: 'agent' | 'specialist' | 'supervisor' | 'admin';
  tier: 1 | 2 | 3;
  segments: ColumnType<string[], string, string>;
  active: boolean;
  password_hash: string;
  created_at: number;
  updated_at: number;
}

export interface SessionTable {
  /** sha256 of the token: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  desk_id: string | null;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface ThrottleTable {
  key: string;
  failures: number;
  window_start: number;
  locked_until: number;
}

export interface DeskTable {
  id: string;
  key_hash: string;
  last_desk_seq: number;
  created_at: number;
  /** The epoch of its count of pushes (migration 0010; sync.ts). */
  epoch: Generated<number>;
  /** Its lastDeskSeq when the epoch last moved on. */
  epoch_at: Generated<number>;
  /** Its name as it last said it (migration 0011; deskContacts.ts); null: none said. */
  name: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LogHeadTable {
  id: number;
  seq: number;
}

export interface EventTable {
  seq: number;
  id: string;
  stream: Generated<string>;
  /** The entity of the event's stream (a ticket's id for stream 'ticket'). */
  ticket_id: string;
  ticket_seq: number;
  type: string;
  segment: string;
  actor_id: string;
  desk_id: string;
  desk_seq: number;
  envelope: ColumnType<unknown, string, string>;
  accepted_at: number;
}

export interface TicketTable {
  id: string;
  seq: number;
  segment: string;
  state: ColumnType<unknown, string, string>;
  /** The customer the ticket was opened for (its first event's): what an erasure finds it by. */
  customer_id: string | null;
  /** The ticket's number (its first event's, as the hub gave it): one ticket a number (sync.ts, push). */
  number: number | null;
}

/** Who has each ticket number: claimed as a push gives it, one ticket a number (sync.ts, numberOpened). */
export interface TicketNumberTable {
  number: number;
  ticket_id: string;
}

/** Customers erased on request: an event naming one that arrives later is kept without what erasure removed. */
export interface ErasedCustomerTable {
  id: string;
  at: number;
}

export interface RefusalTable {
  id: Generated<number>;
  event_id: string;
  desk_id: string;
  desk_seq: number;
  author_id: string;
  stream: Generated<string>;
  ticket_id: string;
  reason: string;
  at: number;
  envelope: ColumnType<unknown, string, string>;
}

/** What the hub knows of an entity of a stream other than tickets: who may read its events. */
export interface EntityTable {
  stream: string;
  id: string;
  segment: string | null;
}

/** What each desk last said of itself on a call (deskContacts.ts). */
export interface DeskContactTable {
  desk_id: string;
  last_contact_at: number;
  version: number;
  clock_skew_ms: number | null;
  outbox: number | null;
  too_old: Generated<boolean>;
  /** The cursor the desk's last pull named (it holds the log up to there); null: not known. */
  read_to: number | null;
  /** When it pulled so (hub time, ms); null: not known. */
  read_at: number | null;
}

export interface HubDatabase {
  desk_contacts: DeskContactTable;
  entities: EntityTable;
  users: UserTable;
  sessions: SessionTable;
  sign_in_throttle: ThrottleTable;
  desks: DeskTable;
  log_head: LogHeadTable;
  events: EventTable;
  tickets: TicketTable;
  ticket_numbers: TicketNumberTable;
  refusals: RefusalTable;
  erased_customers: ErasedCustomerTable;
}

export type UserRow = Selectable<UserTable>;
export type EventRow = Selectable<EventTable>;
export type RefusalRow = Selectable<RefusalTable>;
export type HubDb = Kysely<HubDatabase>;

const INT8 = 20;

export function openPool(connectionString: string, log: Logger, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose server went away (57P01 on a restart, a dropped socket) emits
  // 'error' on the pool; without a handler that would end the process.
  pool.on('error', (error) => log.warn({ err: { message: error.message, code: (error as { code?: string }).code } }, 'database connection lost'));
  return pool;
}

export function openDb(pool: pg.Pool): HubDb {
  return new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool }) });
}
