import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// The live shape of the desk's SQLite database. Migrations do not use these types (they are
// frozen in time and use Kysely<any>); everything else does.

export interface MetaTable {
  key: string;
  value: string;
}

export interface UserTable {
  id: string;
  name: string;
  email: string;
  role: string;
  tier: number;
  /** JSON array of segment ids. */
  segments: string;
  active: number;
  created_at: number;
}

export interface SegmentTable {
  id: string;
  name: string;
  default_service_level: string;
}

export interface CustomerTable {
  id: string;
  kind: string;
  name: string;
  /** Lower-cased, accent-free name for prefix search. */
  name_key: string;
  segment: string;
  service_level: string;
  email: string | null;
  phone: string | null;
  locale: string;
  created_at: number;
  updated_at: number;
  /** ISO 3166 code; null: the desk's country (migration 0008). */
  country: Generated<string | null>;
  confirmed_at: Generated<number | null>;
  erased_at: Generated<number | null>;
}

/** One word of a customer's name (customers/nameWords.ts), keyed for a prefix range. */
export interface CustomerWordTable {
  word_key: string;
  customer_id: string;
}

export interface ContactTable {
  id: string;
  customer_id: string;
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}

export interface AssetTable {
  id: string;
  service_tag: string;
  customer_id: string;
  product_line: string;
  model: string;
  ship_date: number;
  warranty_level: string;
  warranty_end: number;
  created_at: number;
}

export interface AssetOwnerTable {
  id: string;
  asset_id: string;
  customer_id: string;
  from_at: number;
  to_at: number | null;
  /** sold, given, reassigned; null for the first owner (migration 0008). */
  how: Generated<string | null>;
}

export interface TicketTable {
  id: string;
  number: number;
  customer_id: string;
  asset_id: string | null;
  segment: string;
  service_level: string;
  priority: string;
  priority_rank: number;
  tier: number;
  state: string;
  is_open: number;
  assignee_id: string | null;
  subject: string;
  description: string;
  channel: string;
  created_at: number;
  updated_at: number;
  due_at: number | null;
  /** Number of events applied: the optimistic-concurrency version. */
  version: number;
  /** JSON of the machine context; with `state` it restores the machine snapshot. */
  machine: string;
  sla_status: string;
  sla_target: string | null;
  /** When the scheduler must next look at this ticket (a warning or breach is owed). */
  sla_next_at: number | null;
  sla_calendar_id: string | null;
  /**
   * JSON [[from, ref], ...]: the policies the ticket ran under, each from a moment on, each a
   * ref into sla_policy_versions (policyVersions.ts; migration 0014).
   */
  sla_policy_refs: string;
  /** Copies for list rows, so a queue page needs no joins (migration 0003). */
  customer_name: string;
  service_tag: string | null;
}

export interface TicketEventTable {
  id: string;
  ticket_id: string;
  seq: number;
  type: string;
  actor_id: string;
  at: number;
  /** JSON of the event's own fields (reason, note, code, ...). */
  payload: string;
  /**
   * The envelope (migration 0006): the actor as they were, JSON {role, tier, segments}, stored
   * once in event_actors and named here by its ref (migration 0014; internedTexts.ts).
   */
  actor_ref: number;
  payload_version: number;
  machine_version: number;
  /** The author desk's id. */
  desk_id: string;
  /** The hub's global sequence once it accepted the event; null until then. */
  global_seq: number | null;
}

/** What the hub has not yet heard of, in the desk's own order (desk_seq). */
export interface OutboxTable {
  desk_seq: Generated<number>;
  event_id: string;
  /** 'ticket', or another area's stream name. */
  stream: string;
  /** The envelope as JSON (OutboxEnvelope). */
  body: string;
}

export interface InteractionTable {
  id: string;
  customer_id: string;
  ticket_id: string | null;
  channel: string;
  direction: string;
  at: number;
  summary: string;
  user_id: string | null;
}

/** A settled interaction: one an agent logged may be about a system (migration 0032). */
export interface SettledInteractionTable extends InteractionTable {
  asset_id: string | null;
}

/** A ticket event's interaction not yet moved into `interactions` (migration 0017, stagedInteractions.ts). */
export interface InteractionPendingTable extends InteractionTable {
  n: Generated<number>;
}

export interface TallyPendingTable {
  n: Generated<number>;
  /** A write's counter moves and SLA outcomes, as JSON (stagedTallies.ts). */
  body: string;
}

export interface QueueCounterTable {
  segment: string;
  tier: number;
  open: number;
  unassigned: number;
  at_risk: number;
  breached: number;
}

export interface SlaCalendarTable {
  id: string;
  body: string;
  updated_at: number;
}

/**
 * A text many rows share, once (migration 0014; internedTexts.ts): an SLA policy version
 * (JSON {version, policy}) or an event's actor snapshot (JSON {role, tier, segments}).
 */
export interface SlaPolicyVersionTable {
  ref: number;
  body: string;
}

export interface SlaPolicyTable {
  id: string;
  segment: string;
  service_level: string;
  body: string;
  version: number;
  updated_at: number;
}

export interface SlaOutcomeTable {
  ticket_id: string;
  target: string;
  segment: string;
  due_at: number | null;
  done_at: number;
  met: number;
}

/** The outcomes of the last 8 days, by segment, target and time (migration 0018, the attainment drill-down). */
export interface SlaRecentTable {
  segment: string;
  target: string;
  done_at: number;
  ticket_id: string;
  met: number;
  due_at: number | null;
}

export interface SlaDailyTable {
  day: number;
  segment: string;
  target: string;
  met: number;
  total: number;
}

export interface AgentLoadTable {
  user_id: string;
  open: number;
  /** Of those, at risk and breached (migration 0024). */
  at_risk: Generated<number>;
  breached: Generated<number>;
}

export interface CustomerEventTable {
  id: string;
  customer_id: string;
  type: string;
  at: number;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  /** JSON RecordPayload (src/shared/customerEvents.ts). */
  payload: string;
}

export interface CustomerMergeTable {
  merged_id: string;
  survivor_id: string;
  at: number;
}

export interface RecordAccessTable {
  at: number;
  user_id: string;
  customer_id: string;
  /** lookup, ticket, record (the record page), export */
  reason: string;
  ticket_id: string | null;
}

export interface ImportIdTable {
  source: string;
  kind: string;
  external_id: string;
  local_id: string;
}

export interface MigrationTable {
  id: string;
  applied_at: Generated<number>;
}

export interface Database {
  meta: MetaTable;
  users: UserTable;
  segments: SegmentTable;
  customers: CustomerTable;
  customer_words: CustomerWordTable;
  contacts: ContactTable;
  assets: AssetTable;
  asset_owners: AssetOwnerTable;
  tickets: TicketTable;
  ticket_events: TicketEventTable;
  outbox: OutboxTable;
  interactions: SettledInteractionTable;
  interactions_pending: InteractionPendingTable;
  tallies_pending: TallyPendingTable;
  queue_counters: QueueCounterTable;
  agent_load: AgentLoadTable;
  sla_calendars: SlaCalendarTable;
  sla_policies: SlaPolicyTable;
  sla_policy_versions: SlaPolicyVersionTable;
  event_actors: SlaPolicyVersionTable;
  sla_outcomes: SlaOutcomeTable;
  sla_daily: SlaDailyTable;
  sla_recent: SlaRecentTable;
  migrations: MigrationTable;
  hub_link: HubLinkTable;
  hub_accounts: HubAccountTable;
  customer_events: CustomerEventTable;
  customer_merges: CustomerMergeTable;
  record_access: RecordAccessTable;
  import_ids: ImportIdTable;
  sync_state: SyncStateTable;
  sync_conflicts: SyncConflictTable;
  sync_inbox: SyncInboxTable;
  ticket_renumbers: TicketRenumberTable;
  sent_events: SentEventTable;
  hub_resends: HubResendTable;
}

/** A change of a stream other than tickets made here that the hub accepted: its envelope, to send again if the hub loses it (migration 0037). */
export interface SentEventTable {
  event_id: string;
  global_seq: number;
  stream: string;
  actor_id: string;
  body: string;
  /** When the hub accepted it (the desk's clock; migration 0038): forgotten after engine.ts SENT_KEPT_MS. */
  sent_at: Generated<number>;
}

/** A change made here that was sent again after the hub went back (migration 0037), by author. */
export interface HubResendTable {
  event_id: string;
  actor_id: string;
}

/** A number a ticket opened here had before another desk's ticket took it (migration 0031). */
export interface TicketRenumberTable {
  old_number: number;
  ticket_id: string;
  at: number;
}

/** How far this desk follows its hub (one row; migration 0011). */
export interface SyncStateTable {
  id: number;
  cursor: number;
  hub_desk_seq: number;
  last_synced_at: number | null;
  bootstrapped: number;
  /** 1 only inside the sync engine's batch transaction: unaccepted events may then be withdrawn. */
  rebasing: number;
}

/** A change made here that was refused, for its author. */
export interface SyncConflictTable {
  event_id: string;
  stream: string;
  entity_id: string;
  ticket_number: string | null;
  type: string;
  summary: string;
  reason: string;
  next_step: string;
  actor_id: string;
  desk_time: number;
  refused_at: number;
  dismissed_at: number | null;
  /** What the author typed into the change, to copy (migration 0023); null if nothing. */
  written: string | null;
}

/** Events of streams no area on this desk applies (kept, in global order). */
export interface SyncInboxTable {
  global_seq: number;
  stream: string;
  body: string;
}

export type UserRow = Selectable<UserTable>;
export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomer = Insertable<CustomerTable>;
export type NewContact = Insertable<ContactTable>;
export type AssetRow = Selectable<AssetTable>;
export type NewAsset = Insertable<AssetTable>;
export type NewAssetOwner = Insertable<AssetOwnerTable>;
export type TicketRowDb = Selectable<TicketTable>;
export type NewTicket = Insertable<TicketTable>;
export type TicketUpdate = Updateable<TicketTable>;
export type TicketEventRow = Selectable<TicketEventTable>;
export type NewTicketEvent = Insertable<TicketEventTable>;
export type NewInteraction = Insertable<InteractionTable>;
export type NewUser = Insertable<UserTable>;

/** The hub this desk is joined to (one row, or none: a desk that works alone). */
export interface HubLinkTable {
  id: number;
  url: string;
  desk_id: string;
  desk_key: string;
  joined_at: number;
}

/** A person who signed in at this desk through the hub: an argon2id verifier, never the password. */
export interface HubAccountTable {
  user_id: string;
  email: string;
  verifier: string;
  token: string | null;
  token_expires_at: number | null;
  signed_in_at: number;
  /** The last of the hub's refusals this desk read for this person (migration 0039). */
  refusals_after: Generated<number>;
}
