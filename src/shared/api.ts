import { z } from 'zod';
import { hubDesksSchema } from './deskReport';
import { syncMethodSchemas, syncPushSchemas } from './syncApi';
import {
  accountEmailSchema,
  channelSchema,
  escalationReasonSchema,
  idSchema,
  prioritySchema,
  resolutionCodeSchema,
  roleSchema,
  segmentSchema,
  serviceLevelSchema,
  tierSchema,
  userSchema,
} from './domain';
import { kbApi } from './kb/kbApi';
import { ACCOUNT_CHANGE_KINDS, ACCOUNT_CHANGES_MAX, ACCOUNT_CHANGES_PAGE, userEventTypeSchema, userStreamPayloadSchema } from './userStream';
import { backupSettingsSchema, backupStatusSchema } from './backups';
import { customerMethods, customerSummarySchema, importProgressSchema } from './customerApi';
export { customerSummarySchema, type CustomerSummary } from './customerApi';
import { calendarSchema, displayCalendarSchema } from './sla/calendar';
import { centreSettingsSchema } from './settingsStream';
import { reopenRuleSchema, slaPolicySchema } from './sla/slaClock';
import { slaTargetSchema, type TicketEventType, ticketCommandSchema, ticketStateSchema, TICKET_EVENT_TYPES } from './ticketMachine';
import { wellFormedText } from './text';
import { say } from './messageKeys';
import { HUB_ADDRESS_EXAMPLE } from './hubAddress';
import { cameBackSchema } from './ticketLog/cameBack';
import { TICKET_LOG_EVENT_TYPES } from './ticketLog/envelope';

// The whole API of the desk's back end: one map of method name to input and output
// schemas, and one map of pushed events. The core implements each method once; the
// in-process, Electron IPC and WebSocket transports carry the same calls, and the client
// type is derived from this map, so there is no hand-written client per method.

// ---- views ----------------------------------------------------------------------------

export const ticketRowSchema = z.object({
  id: idSchema,
  number: z.string(),
  subject: z.string(),
  customerId: idSchema,
  customerName: z.string(),
  assetId: idSchema.nullable(),
  serviceTag: z.string().nullable(),
  segment: segmentSchema,
  serviceLevel: serviceLevelSchema,
  priority: prioritySchema,
  tier: tierSchema,
  state: ticketStateSchema,
  assigneeId: idSchema.nullable(),
  assigneeName: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** The per-ticket sequence of its last event: send it back as expectedSeq so a stale view gets a conflict. */
  seq: z.number().int(),
  /** The soonest due time of a running SLA target; null while paused or when none applies. */
  dueAt: z.number().nullable(),
  sla: z
    .object({
      status: z.enum(['ok', 'atRisk', 'breached', 'paused', 'met', 'none']),
      target: slaTargetSchema.nullable(),
      /** Business time left until dueAt (negative once past), on the ticket's calendar. */
      remainingMs: z.number().nullable(),
      timeZone: z.string(),
      displayCalendar: z.enum(['gregory', 'persian']),
    })
    .nullable(),
});
export type TicketRow = z.infer<typeof ticketRowSchema>;

/** A row of My tickets: with how it came back to her (handed back, reopened) until she acts on it. */
export const myTicketRowSchema = ticketRowSchema.extend({
  cameBack: cameBackSchema.extend({ actorName: z.string() }).nullable(),
});
export type MyTicketRow = z.infer<typeof myTicketRowSchema>;

/**
 * A row of a tier-2 or tier-3 queue: with how it last came to its tier (read per row from the
 * ticket's own range of the log), so a specialist can choose without opening each ticket: why
 * it was escalated, or, when it was handed back down since, who handed it back and their note
 * (then `escalation` is null: the reason it went higher is not why it is here).
 */
export const queueTicketRowSchema = ticketRowSchema.extend({
  escalation: z.object({ reason: escalationReasonSchema, note: z.string() }).nullable().optional(),
  handedBack: z.object({ actorName: z.string(), note: z.string() }).nullable().optional(),
  /** Moved up to this tier by an SLA breach since (then `escalation` is null): which target. */
  breachedUp: z.object({ target: slaTargetSchema }).nullable().optional(),
});
export type QueueTicketRow = z.infer<typeof queueTicketRowSchema>;


export const contactSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

export const assetViewSchema = z.object({
  id: idSchema,
  serviceTag: z.string(),
  expressCode: z.string(),
  productLine: z.string(),
  model: z.string(),
  shipDate: z.number(),
  warrantyLevel: z.string(),
  warrantyEnd: z.number(),
  warrantyStatus: z.enum(['active', 'expired']),
  /** Whole days until the warranty ends; negative once expired. */
  daysLeft: z.number(),
  owners: z.array(z.object({ customerId: idSchema, customerName: z.string(), from: z.number(), to: z.number().nullable() })),
});
export type AssetView = z.infer<typeof assetViewSchema>;

export const interactionSchema = z.object({
  id: idSchema,
  channel: channelSchema,
  direction: z.enum(['inbound', 'outbound', 'internal']),
  at: z.number(),
  summary: z.string(),
  ticketId: idSchema.nullable(),
  ticketNumber: z.string().nullable(),
  userName: z.string().nullable(),
  /** The system a contact an agent logged was about (customers.logInteraction); null for the rest. */
  assetId: idSchema.nullable().default(null),
});
export type Interaction = z.infer<typeof interactionSchema>;

export const customerViewSchema = z.object({
  customer: customerSummarySchema,
  contacts: z.array(contactSchema),
  assets: z.array(assetViewSchema),
  openTickets: z.array(ticketRowSchema),
  pastTickets: z.array(ticketRowSchema),
  interactions: z.array(interactionSchema),
  /** The system the lookup matched (by tag or Express code), if any. */
  matchedAssetId: idSchema.nullable(),
});
export type CustomerView = z.infer<typeof customerViewSchema>;

export const MATCH_KINDS = ['tag', 'express', 'phone', 'email', 'name', 'ticket'] as const;
export const candidateSchema = z.object({
  customerId: idSchema,
  customerName: z.string(),
  segment: segmentSchema,
  matchedBy: z.enum(MATCH_KINDS),
  assetId: idSchema.nullable(),
  /** What was matched, in English words ("Phone +14155550199"). */
  detail: z.string(),
  /**
   * The values `detail` says, for a window or the CLI to say it in its own language (its
   * `candidates.detail.<matchedBy>` sentence): tag and model, code, phone, email, ticket
   * number and subject. Absent for a name, whose detail is only the phone and email.
   */
  params: z.record(z.string(), z.string()).optional(),
  /**
   * What tells one candidate from another when they matched the same way (five customers of
   * one email): their own phone (E.164) and email, how many systems they own, and when they
   * were last in contact (null: never).
   */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  systems: z.number().int().nonnegative(),
  lastContactAt: z.number().nullable(),
});
export type Candidate = z.infer<typeof candidateSchema>;

/**
 * What a lookup that found nothing looked the query up as, in the order it says them: a
 * `none` answer's params hold each one tried with the value looked for (`phone`: E.164,
 * `ticket`: T-000123, `tag`: the cleaned tag), for a window to say them in its own language.
 */
export const LOOKUP_TRIED = ['ticket', 'email', 'tag', 'express', 'phone', 'name'] as const;
export type LookupTried = (typeof LOOKUP_TRIED)[number];

/**
 * A ticket opened on this desk under the number looked up, renumbered since (another desk's
 * ticket reached the hub with that number first): the caller may have been given the old one.
 */
export const lookupRenumberedSchema = z.object({ from: z.string(), to: z.string(), ticketId: idSchema });
export type LookupRenumbered = z.infer<typeof lookupRenumberedSchema>;

export const lookupResultSchema = z.discriminatedUnion('kind', [
  // `ticketNumber`: the ticket a ticket-number lookup found (T-000123), for the 360° view to mark.
  // `renumbered`: the ticket opened here under that number has another one now.
  z.object({ kind: z.literal('match'), matchedBy: z.enum(MATCH_KINDS), view: customerViewSchema, ticketNumber: z.string().optional(), renumbered: lookupRenumberedSchema.optional() }),
  // `more`: more customers match than are listed (a name many share): the agent should narrow it down.
  z.object({ kind: z.literal('candidates'), candidates: z.array(candidateSchema), more: z.boolean().optional() }),
  // `key` and `params` name the message for the renderer's dictionary (`lookup.msg.<key>`).
  z.object({ kind: z.literal('none'), message: z.string(), key: z.string().optional(), params: z.record(z.string(), z.string()).optional(), renumbered: lookupRenumberedSchema.optional() }),
  z.object({ kind: z.literal('invalid'), message: z.string(), key: z.string().optional(), params: z.record(z.string(), z.string()).optional() }),
]);
export type LookupResult = z.infer<typeof lookupResultSchema>;

export const timelineEntrySchema = z.object({
  id: idSchema,
  type: z.enum(['CREATED', ...TICKET_EVENT_TYPES] as [string, ...string[]]),
  at: z.number(),
  actorId: z.string(),
  actorName: z.string(),
  /** The event's own fields (reason, note, code, priority, target...) as recorded. */
  payload: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

const policyRefSchema = z.object({ id: z.string(), name: z.string(), version: z.number().int() });

/** A wait on the customer: the SLA clocks stood still from `from` to `to` (null: still waiting). */
export const slaPauseSchema = z.object({
  from: z.number(),
  to: z.number().nullable(),
  /** Opening hours of the calendar inside the pause: business time that did not count. */
  businessMs: z.number(),
});

/** One SLA target of a ticket, with everything its figures come from. */
export const slaTargetTraceSchema = z.object({
  target: slaTargetSchema,
  /** idle: not started (yet); running; met (in time or late); stopped (closed first). */
  phase: z.enum(['idle', 'running', 'met', 'stopped']),
  status: z.enum(['ok', 'atRisk', 'breached', 'paused', 'met', 'none']),
  /** The policy the target is judged by. */
  policy: policyRefSchema,
  /** The target's business duration; elapsedMs + remainingMs always equals it. */
  targetMs: z.number(),
  startedAt: z.number().nullable(),
  /** When it was met, or stopped by closing; null while it runs. */
  endedAt: z.number().nullable(),
  dueAt: z.number().nullable(),
  atRiskAt: z.number().nullable(),
  metAt: z.number().nullable(),
  /** Business time counted so far (pauses and closed hours left out). */
  elapsedMs: z.number(),
  /** Business time left; zero or negative once breached. */
  remainingMs: z.number(),
  pauses: z.array(slaPauseSchema),
  /**
   * The due time the desk still holds the ticket to (its rows, the board, the scheduler's
   * warning and breach), when it differs from `dueAt`: its calendar changed after it was set (a
   * holiday added today). It moves to `dueAt` at the ticket's next change, or on a recompute.
   */
  heldDueAt: z.number().optional(),
});
export type SlaTargetTrace = z.infer<typeof slaTargetTraceSchema>;

/** Where a ticket's SLA figures come from: policy, calendar, clocks and pauses, as of `asOf`. */
export const ticketSlaTraceSchema = z.object({
  asOf: z.number(),
  /** The policy in force now (a change applies from the ticket's next event). */
  policy: policyRefSchema,
  /** The calendar every clock of the ticket counts on. */
  calendar: z.object({ id: z.string(), name: z.string(), timeZone: z.string(), displayCalendar: displayCalendarSchema }),
  paused: z.boolean(),
  targets: z.array(slaTargetTraceSchema),
});
export type TicketSlaTrace = z.infer<typeof ticketSlaTraceSchema>;

/** A ticket named from another's page: the way to it. */
export const ticketLinkSchema = z.object({ id: idSchema, number: z.string() });
export type TicketLink = z.infer<typeof ticketLinkSchema>;

export const ticketDetailSchema = z.object({
  ticket: ticketRowSchema.extend({ description: z.string(), channel: channelSchema }),
  customer: customerSummarySchema,
  asset: assetViewSchema.nullable(),
  timeline: z.array(timelineEntrySchema),
  /** Null when no SLA policy covers the ticket. */
  sla: ticketSlaTraceSchema.nullable(),
  /** Events the signed-in user may send now; the UI shows exactly these actions. */
  allowed: z.array(z.enum(TICKET_EVENT_TYPES as [TicketEventType, ...TicketEventType[]])),
  /**
   * Of the hand-back and reopening allowed, those that would leave the ticket unassigned in its
   * tier's queue: whoever held it there is deactivated or no longer works that queue
   * (ticketLog goesToQueue). Their dialogs say so before they are sent.
   */
  toQueue: z.array(z.enum(['DEESCALATE', 'REOPEN'])).optional(),
  /**
   * With Reopen allowed: what reopening does to the resolution SLA under the policy in force
   * (its reopenRule: 'continue' keeps the time already counted, 'restart' starts a fresh
   * target). Absent when no SLA policy covers the ticket.
   */
  reopenRule: reopenRuleSchema.optional(),
  /** A resolved ticket Reopen is not allowed on: why, as the ticket machine refuses it (the reopen window passed). */
  reopenRefused: z.string().optional(),
  /**
   * The ticket's own reopen window in whole days (its machine's reopenWindowMs, set by the desk
   * it was opened on): Resolve's dialog says it. Absent from an older back end (the default then).
   */
  reopenWindowDays: z.number().int().nonnegative().optional(),
  /** The earlier ticket this one follows (opened after that one's reopen window), and the later ones that follow this one. */
  follows: ticketLinkSchema.optional(),
  followedBy: z.array(ticketLinkSchema).optional(),
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;
/**
 * What a ticket action answers with: the ticket's page as the action left it, built from what
 * the action wrote, without the customer and the system (an action changes neither, and the
 * screen that acted is showing them). Reading them again was most of the reply's cost.
 */
export const ticketActReplySchema = ticketDetailSchema.omit({ customer: true, asset: true });
export type TicketActReply = z.infer<typeof ticketActReplySchema>;

export const queueKeySchema = z.object({ segment: segmentSchema, tier: tierSchema });
export type QueueKey = z.infer<typeof queueKeySchema>;

export const queueSummarySchema = queueKeySchema.extend({
  open: z.number().int(),
  unassigned: z.number().int(),
  atRisk: z.number().int(),
  breached: z.number().int(),
  oldestAt: z.number().nullable(),
  /** When the oldest ticket nobody has taken was opened (null when nobody waits); the queue list gives it, the board does not. */
  oldestWaitingAt: z.number().nullable().optional(),
});
export type QueueSummary = z.infer<typeof queueSummarySchema>;

export const agentLoadSchema = z.object({
  userId: idSchema,
  name: z.string(),
  role: roleSchema,
  tier: tierSchema,
  open: z.number().int(),
  /** Of their open tickets, how many are at risk of missing a target, and how many missed one. */
  atRisk: z.number().int(),
  breached: z.number().int(),
});

const tally = z.object({ met: z.number().int(), total: z.number().int() });
export const attainmentSchema = z.object({
  segment: segmentSchema,
  target: z.enum(['firstResponse', 'resolution']),
  today: tally,
  week: tally,
});
export const overviewSchema = z.object({
  now: z.number(),
  queues: z.array(queueSummarySchema),
  agents: z.array(agentLoadSchema),
  totals: z.object({ open: z.number().int(), unassigned: z.number().int(), atRisk: z.number().int(), breached: z.number().int(), resolvedToday: z.number().int() }),
  /**
   * Tickets whose SLA moment passed while the desk was closed and that it has not yet looked at:
   * while this is above 0 the desk is catching up, and the numbers above still move.
   */
  slaCatchingUp: z.number().int(),
  /** First-response and resolution targets met in time, per segment, today and over 7 days. */
  attainment: z.array(attainmentSchema),
  /**
   * The centre's day that "today" means: its IANA time zone (the one its SLA calendars share,
   * else the desk's), its date as days since 1970-01-01, and the instants it runs from and to.
   */
  day: z.object({ timeZone: z.string(), day: z.number().int(), start: z.number(), end: z.number() }),
  /** Per centre's day of the last 7 (`day` as above; the last is today), per segment and target: for the attainment chart. */
  daily: z.array(z.object({ day: z.number().int(), segment: segmentSchema, target: z.enum(['firstResponse', 'resolution']), met: z.number().int(), total: z.number().int() })),
});
export type Overview = z.infer<typeof overviewSchema>;

/** The counts of a queue (or of every queue) on the board. */
export const drillFilterSchema = z.enum(['open', 'unassigned', 'atRisk', 'breached']);
export type DrillFilter = z.infer<typeof drillFilterSchema>;
/** urgency: soonest due first (the counts); age: oldest first (the "oldest" figure). */
export const drillOrderSchema = z.enum(['urgency', 'age']);
export type DrillOrder = z.infer<typeof drillOrderSchema>;
export const attainmentTargetSchema = z.enum(['firstResponse', 'resolution']);
/** today: the centre's day in its time zone; week: that day and the 6 before (as overview counts them). */
export const attainmentWindowSchema = z.enum(['today', 'week']);
export type AttainmentWindow = z.infer<typeof attainmentWindowSchema>;

/** A person's at-risk or breached open tickets (the load table's SLA figures). */
export const agentSlaSchema = z.enum(['atRisk', 'breached']);
export type AgentSla = z.infer<typeof agentSlaSchema>;

const drillLimit = z.number().int().min(1).max(1000).default(500);
/** Which number on the board: a queue count, an agent's load, or an attainment figure. */
export const drillInputSchema = z.discriminatedUnion('filter', [
  z.object({ filter: drillFilterSchema, segment: segmentSchema.optional(), tier: tierSchema.optional(), order: drillOrderSchema.default('urgency'), limit: drillLimit }),
  /** A person's open tickets; with `sla`, only those at risk or breached (the load table's figures); soonest due or oldest first. */
  z.object({ filter: z.literal('agent'), assigneeId: idSchema, sla: agentSlaSchema.optional(), order: drillOrderSchema.default('urgency'), limit: drillLimit }),
  z.object({ filter: z.literal('attainment'), segment: segmentSchema, target: attainmentTargetSchema, window: attainmentWindowSchema, limit: drillLimit }),
  /** The tickets resolved today (the centre's day in its time zone) and resolved still: "Resolved today". */
  z.object({ filter: z.literal('resolved'), limit: drillLimit }),
  /** The scored tickets behind a satisfaction cell: a segment and tier's scores of the last 4 weeks. */
  z.object({ filter: z.literal('csat'), segment: segmentSchema, tier: tierSchema, limit: drillLimit }),
]);
export type DrillInput = z.output<typeof drillInputSchema>;

export const drillRowSchema = ticketRowSchema.extend({
  /** For an attainment drill: how this ticket's target ended. Null for the other drills. */
  outcome: z.object({ target: attainmentTargetSchema, met: z.boolean(), dueAt: z.number().nullable(), doneAt: z.number() }).nullable(),
  /** For a satisfaction drill: the ticket's score (1-5) and when it was given. */
  score: z.object({ score: z.number().int(), at: z.number() }).optional(),
});
export type DrillRow = z.infer<typeof drillRowSchema>;
export const drillResultSchema = z.object({
  rows: z.array(drillRowSchema),
  /** All the tickets behind the number (rows stop at the limit). */
  total: z.number().int(),
  /** For an attainment drill: how many of them were met in time. */
  met: z.number().int().nullable(),
});
export type DrillResult = z.infer<typeof drillResultSchema>;

const metTally = z.object({ met: z.number().int(), total: z.number().int() });
/**
 * The end-of-shift report: the centre's day so far (in its time zone), per segment and tier and per person,
 * counted as the board counts (the same tables, the same moment).
 */
export const dayReportSchema = z.object({
  now: z.number(),
  /** The centre's day: its date in its time zone (days since 1970-01-01), where it starts, and the zone. */
  day: z.number().int(),
  dayStart: z.number(),
  timeZone: z.string(),
  queues: z.array(
    z.object({
      segment: segmentSchema,
      tier: tierSchema,
      /** Tickets created today. */
      opened: z.number().int(),
      /** Tickets resolved today and resolved still (the board's "Resolved today", by queue). */
      resolved: z.number().int(),
      /** Open tickets past a target now (the board's breached figure). */
      breached: z.number().int(),
      firstResponse: metTally,
      resolution: metTally,
      /** Satisfaction scores given today: how many, and their sum (the mean is sum / n). */
      csat: z.object({ n: z.number().int(), sum: z.number() }),
    }),
  ),
  people: z.array(z.object({ userId: idSchema, name: z.string(), resolved: z.number().int(), escalated: z.number().int(), open: z.number().int() })),
});
export type DayReport = z.infer<typeof dayReportSchema>;

/** The stored record (and a policy's version) the editor started from; null: a new one. */
export const settingsExpectedSchema = z.object({
  expected: z.object({ version: z.number().int().min(1).optional(), record: z.record(z.string(), z.unknown()).nullable() }).optional(),
});
export type SettingsExpected = z.infer<typeof settingsExpectedSchema>['expected'];
/**
 * Whether a saved calendar or policy sets off a re-time of the open tickets that depend on it
 * (it changed a deadline's rule, not only its name): it runs after the answer, in the
 * background, and the saving window hears how many moved ('sla.retimed').
 */
export const retimingSchema = z.object({ retiming: z.boolean() });

/** Why a re-time of open tickets stopped, for a sentence in the reader's language; `detail` is what the system said. */
export const RETIME_FAILURES = ['full', 'busy', 'readOnly', 'disk', 'other'] as const;
export const retimeFailureSchema = z.object({ at: z.number(), reason: z.enum(RETIME_FAILURES), detail: z.string() });
export type RetimeFailure = z.infer<typeof retimeFailureSchema>;

export const slaSettingsSchema = z.object({
  /** The centre's settings, and the zone its day follows when it names none (its calendars'). */
  centre: centreSettingsSchema,
  calendarsDayZone: z.string(),
  calendars: z.array(calendarSchema),
  policies: z.array(slaPolicySchema.and(z.object({ version: z.number().int() }))),
  /** Who saved each policy and calendar last (from the settings log; absent for one never changed since it was shipped). */
  lastSaved: z.array(z.object({ entity: z.enum(['policy', 'calendar']), id: z.string(), actorName: z.string(), at: z.number() })).default([]),
  /**
   * The last re-time of open tickets after a change failed and none has succeeded since: their
   * due times still follow the settings before the change (absent when none failed).
   */
  retimeFailure: retimeFailureSchema.optional(),
  /**
   * Changes another desk's later save replaced without having seen them (settingsMerge.ts
   * replacedChanges), newest first, the last 30 days: the same on every desk.
   */
  replaced: z
    .array(
      z.object({
        entity: z.enum(['policy', 'calendar', 'centre']),
        entityId: z.string(),
        path: z.string(),
        lost: z.object({ eventId: z.string(), actorName: z.string(), value: z.unknown(), at: z.number() }),
        won: z.object({ eventId: z.string(), actorName: z.string(), value: z.unknown(), at: z.number() }),
      }),
    )
    .default([]),
});
export type SlaSettings = z.infer<typeof slaSettingsSchema>;

export const deskStatusSchema = z.object({
  initialized: z.boolean(),
  /**
   * How many customers and tickets the desk holds: null unless asked for (`counts: true`).
   * Counting them reads every row of two indexes (33 ms warm, about 170 ms from a cold cache
   * on the bench's 1M-customer desk), and a window starting needs only `initialized`.
   */
  customers: z.number().int().nullable(),
  tickets: z.number().int().nullable(),
  /** Set up with demo data (made-up customers and tickets): such a desk joins no hub (access.ts mayBringDataToHub). */
  demo: z.boolean(),
  dataDir: z.string(),
  /** The hub this desk left when it was opened (a desk of demo data joined before access.ts mayBringDataToHub): its address and when; null if none. */
  leftHub: z.object({ url: z.string(), at: z.number() }).nullable(),
});

// ---- methods ----------------------------------------------------------------------------

const empty = z.object({}).strict();
const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, opts: { public?: boolean } = {}) => ({
  // No string anywhere in an input may hold a lone UTF-16 surrogate (src/shared/text.ts).
  input: wellFormedText(input),
  output,
  public: opts.public ?? false,
});

export const createTicketSchema = z.object({
  customerId: idSchema,
  assetId: idSchema.nullable().default(null),
  subject: z.string().trim().min(3, say('subjectShort')).max(200, say('subjectLong')),
  description: z.string().trim().max(20_000).default(''),
  priority: prioritySchema.default('normal'),
  channel: channelSchema.default('phone'),
  /**
   * Taken by the person opening it, in the same write ("Assign to me"): she is on the phone
   * with the caller. A take the rules refuse leaves the ticket created and unassigned.
   */
  assignToMe: z.boolean().default(false),
  /** The earlier ticket it follows up ("Follows T-000788"): one whose reopen window has passed. */
  follows: idSchema.optional(),
});

/** The new ticket's page, and why it was not taken when "Assign to me" was asked and refused (null otherwise). */
export const createdTicketSchema = ticketDetailSchema.extend({ takeRefused: z.string().nullable() });
export type CreatedTicket = z.infer<typeof createdTicketSchema>;

export const pageSchema = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});

/** The most tickets one `tickets.states` asks about. */
export const TICKET_STATES_MAX = 50;

/**
 * Where a ticket stands now, and no more: what a kept notice is checked against when it comes
 * back (src/renderer/shell/keptNotices.ts). No customer data, so reading it opens no record.
 */
export const ticketStandingSchema = z.object({
  id: idSchema,
  state: ticketStateSchema,
  tier: tierSchema,
  assigneeId: idSchema.nullable(),
  /** The ticket's SLA as its row keeps it: the worst status of its running targets, and the soonest of them. */
  slaStatus: z.enum(['ok', 'atRisk', 'breached', 'paused', 'met', 'none']),
  slaTarget: slaTargetSchema.nullable(),
});
export type TicketStanding = z.infer<typeof ticketStandingSchema>;

/** Whether this desk is joined to a hub (sign-in by email and password) or works alone (a picker). */
export const hubReachSchema = z.object({
  url: z.string(),
  /** Why the hub does not answer as one (the desk's refusal: nothing answers, not a hub, not ready); null when it does. */
  why: z.lazy(() => apiErrorSchema).nullable(),
  anyoneSignedInHere: z.boolean(),
  mayChangeAddress: z.boolean(),
});
export const hubStatusSchema = z.discriminatedUnion('joined', [
  z.object({ joined: z.literal(false) }),
  z.object({ joined: z.literal(true), url: z.string(), deskId: z.string() }),
]);

/**
 * A password sign-in's answer: the person, and a secret the window keeps (sessionStorage, never
 * localStorage) to resume with after a reload or a dropped link, until `expiresAt`.
 */
export const signedInSchema = z.object({
  user: userSchema,
  resume: z.object({ secret: z.string(), expiresAt: z.number() }),
  /** Signed in with the password kept on the desk because the hub's certificate is not trusted here: which problem, at which address. */
  hubNotUsed: z.object({ key: z.enum(['hubCertUntrusted', 'hubCertExpired', 'hubCertWrongName']), url: z.string() }).nullable(),
});

/** The longest text a lookup takes: more is no tag, code, phone, email or name. */
export const LOOKUP_MAX = 200;

export const handOverResultSchema = z.object({
  moved: z.number().int(),
  refused: z.array(z.object({ ticketId: idSchema, number: z.string(), reason: z.string() })),
});
export type HandOverResult = z.infer<typeof handOverResultSchema>;

/** One change to an account as the People page's history says it: when, who made it, what changed. */
export const accountChangeSchema = z.object({
  at: z.number(),
  type: userEventTypeSchema,
  /** The admin who made it; null for the hub's command line (the first admin). */
  by: z.string().nullable(),
  changes: userStreamPayloadSchema.shape.changes,
});
export type AccountChange = z.infer<typeof accountChangeSchema>;

/** One change on People's centre-wide "Changes to people": whose account (its id and name now) too. */
export const peopleChangeSchema = accountChangeSchema.extend({ userId: idSchema, name: z.string() });
export type PeopleChange = z.infer<typeof peopleChangeSchema>;

/**
 * A page of account changes, newest first, on People ("Changes to people", one person's
 * History): keyset paging on the hub's global seq (never an offset, which skips or repeats rows
 * as changes arrive). `before`: the `older` of the page before (null: the newest). `kind`: a
 * kind of change (ACCOUNT_CHANGE_KINDS); `by`: who made it, the name History shows ('' for the
 * hub's command line).
 */
export const accountChangesQuerySchema = z
  .object({
    kind: z.enum(ACCOUNT_CHANGE_KINDS).nullable().default(null),
    by: z.string().max(200).nullable().default(null),
    before: z.number().int().positive().nullable().default(null),
    limit: z.number().int().min(1).max(ACCOUNT_CHANGES_MAX).default(ACCOUNT_CHANGES_PAGE),
  })
  .strict();
/** A page's changes, how many match the filter in all, and the cursor for older ones (null: the oldest is in this page). */
const accountChangesPage = <T extends z.ZodTypeAny>(row: T) => z.object({ changes: z.array(row), total: z.number().int(), older: z.number().int().nullable() });
export const accountChangesPageSchema = accountChangesPage(accountChangeSchema);
export const peopleChangesPageSchema = accountChangesPage(peopleChangeSchema).extend({
  /** Everyone who has made a change ('' for the hub's command line), for the "Changed by" filter. */
  actors: z.array(z.string()),
});
export type PeopleChangesPage = z.infer<typeof peopleChangesPageSchema>;

export const api = {
  'desk.status': method(z.object({ counts: z.boolean().optional() }).strict(), deskStatusSchema, { public: true }),
  'desk.initialize': method(
    z.object({ mode: z.enum(['demo', 'empty']), seed: z.number().int().default(42), customers: z.number().int().min(1).max(100_000).default(400) }),
    deskStatusSchema,
    { public: true },
  ),
  'session.users': method(empty, z.array(userSchema), { public: true }),
  'session.signIn': method(z.object({ userId: idSchema }), userSchema, { public: true }),
  'session.signOut': method(empty, z.null(), { public: true }),
  'session.me': method(empty, userSchema.nullable(), { public: true }),
  /** On a desk joined to a hub: through the hub, or against the verifier kept here when it is unreachable. */
  'session.signInWithPassword': method(z.object({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(256) }), signedInSchema, { public: true }),
  /** The same person back in a window after a reload or a dropped link, with the secret their password sign-in gave it. */
  'session.resume': method(z.object({ secret: z.string().min(1).max(200) }), userSchema, { public: true }),
  'hub.status': method(empty, hubStatusSchema, { public: true }),
  /**
   * A joined desk's sign-in screen: whether its hub answers (and if not, why not), whether
   * anyone has signed in here before (they can sign in offline), and whether this window may
   * change the address (mayJoinHub: anyone at a desk with no data yet). Null when not joined.
   */
  'hub.reach': method(empty, hubReachSchema.nullable(), { public: true }),
  /**
   * An admin's, or anyone's at a desk with no data yet (first start): access.ts mayJoinHub. Once
   * a Tagdesk hub answers there. On a joined desk it changes the address; one that has data
   * moves only to its own hub's new address.
   */
  'hub.join': method(z.object({ url: z.string().trim().min(1, say('hubUrlInvalid', { example: HUB_ADDRESS_EXAMPLE })).max(500) }), hubStatusSchema, { public: true }),
  /** The centre's desks as the hub knows them (admins; a desk joined to a hub, while it answers); `thisDesk`: this desk's id. */
  'hubDesks.list': method(empty, hubDesksSchema.extend({ thisDesk: z.string().nullable() })),
  /** The hub's people (admins; a desk joined to a hub, while it answers). */
  'hubUsers.list': method(empty, z.array(userSchema)),
  'hubUsers.create': method(
    z.object({ email: accountEmailSchema, name: z.string().trim().min(1).max(120), role: roleSchema, tier: tierSchema, segments: z.array(segmentSchema), password: z.string().min(10, 'A password of at least 10 characters.').max(256) }),
    userSchema,
  ),
  'hubUsers.update': method(
    z.object({ id: idSchema, name: z.string().trim().min(1).max(120).optional(), email: accountEmailSchema.optional(), role: roleSchema.optional(), tier: tierSchema.optional(), segments: z.array(segmentSchema).optional(), active: z.boolean().optional() }),
    userSchema,
  ),
  /** One person's changes as this desk has them from the hub (its 'user' events), newest first, a page at a time: who made each. Admins. */
  'hubUsers.history': method(accountChangesQuerySchema.extend({ id: idSchema }), accountChangesPageSchema),
  /** Every account's changes this desk has, newest first, a page at a time, narrowed by person, kind, who: People's "Changes to people". Admins. */
  'hubUsers.changes': method(accountChangesQuerySchema.extend({ person: idSchema.nullable().default(null) }), peopleChangesPageSchema),
  'hubUsers.resetPassword': method(z.object({ id: idSchema, password: z.string().min(10, 'A password of at least 10 characters.').max(256) }), z.null()),
  'lookup.search': method(z.object({ query: z.string().max(LOOKUP_MAX) }), lookupResultSchema),
  'customers.view': method(z.object({ customerId: idSchema, assetId: idSchema.nullable().default(null) }), customerViewSchema),
  'tickets.create': method(createTicketSchema, createdTicketSchema),
  'tickets.get': method(z.object({ ticketId: idSchema }), ticketDetailSchema),
  /**
   * Where these tickets stand (state, tier, holder, SLA), for those that exist and the person
   * may see; the others are left out. A cheap read, by primary key: no page, no audit entry.
   */
  'tickets.states': method(
    z.object({ ticketIds: z.array(idSchema).max(TICKET_STATES_MAX, `Ask for at most ${TICKET_STATES_MAX} tickets at once.`) }),
    z.array(ticketStandingSchema),
  ),
  'tickets.act': method(
    z.object({ ticketId: idSchema, command: ticketCommandSchema, expectedSeq: z.number().int().optional() }),
    ticketActReplySchema,
  ),
  'queues.list': method(empty, z.array(queueSummarySchema)),
  'queues.tickets': method(
    queueKeySchema.extend(pageSchema.shape).extend({ order: z.enum(['urgency', 'priority']).default('urgency') }),
    z.object({ rows: z.array(queueTicketRowSchema), total: z.number().int() }),
  ),
  // The taken ticket's row: the window opens the ticket from its id and reads its page then
  // (tickets.get), so the take does not build the page (timeline, SLA trace, actions) twice.
  'queues.takeNext': method(queueKeySchema.partial(), z.object({ ticket: ticketRowSchema }).nullable()),
  'inbox.mine': method(empty, z.array(myTicketRowSchema)),
  'supervisor.overview': method(empty, overviewSchema),
  /** The tickets behind a number on the board. */
  'supervisor.tickets': method(drillInputSchema, drillResultSchema),
  /** The day's figures for the end-of-shift report (CSV and print). */
  'supervisor.dayReport': method(empty, dayReportSchema),
  /**
   * Every open ticket one person holds, moved at once: to another person (toId), or each back
   * to its own queue (toId null). Each its own event; those the rules refuse stay, named with why.
   */
  'supervisor.handOver': method(z.object({ fromId: idSchema, toId: idSchema.nullable() }), handOverResultSchema),
  'sla.settings': method(empty, slaSettingsSchema),
  // A save carries the record its editor started from (`expected`; null for a new one): over a
  // newer one it is refused (code conflict, key slaStaleSave, naming who saved it) and the
  // editor merges field by field (settingsMerge.ts).
  // A saved calendar or policy re-times every open ticket whose deadlines depend on it (their due
  // times, SLA status and next SLA moment, from their log on the new settings): the answer comes
  // once the settings are saved (`retiming`: a re-time follows), and the saving window hears how
  // many moved when it is done ('sla.retimed').
  'sla.saveCalendar': method(calendarSchema.and(settingsExpectedSchema), calendarSchema.and(retimingSchema)),
  'sla.saveCentre': method(centreSettingsSchema, centreSettingsSchema),
  'sla.savePolicy': method(slaPolicySchema.and(settingsExpectedSchema), slaPolicySchema.and(retimingSchema)),
  /**
   * Re-times every open ticket on the settings as they are (after a re-time failed): answers
   * when it is done, with how many moved, or why it failed again (`failure`).
   */
  'sla.retryRetime': method(empty, z.object({ retimed: z.number().int().min(0), failure: retimeFailureSchema.nullable() })),
  /** Applies the policies as they are now to every open ticket, from now on. */
  'sla.recompute': method(empty, z.object({ tickets: z.number().int() })),
  /** Only on a desk started with a test clock (end-to-end tests, demos of SLA timing). */
  'dev.advanceClock': method(z.object({ ms: z.number().int().min(0) }), z.object({ now: z.number(), sent: z.number().int() })),
  'users.list': method(empty, z.array(userSchema)),
  ...kbApi,
  ...customerMethods,
  /** The desk's backups (admins): the kept ones, the last failure, one running now; its folder and how many are kept. */
  'backups.status': method(empty, backupStatusSchema),
  /** Starts a backup now (or joins the one running) and answers at once: its progress and result come as 'backups.changed'. */
  'backups.run': method(empty, backupStatusSchema),
  'backups.saveSettings': method(backupSettingsSchema, backupStatusSchema),
  'sync.status': method(syncMethodSchemas['sync.status'].input, syncMethodSchemas['sync.status'].output),
  'sync.conflicts': method(syncMethodSchemas['sync.conflicts'].input, syncMethodSchemas['sync.conflicts'].output),
  'sync.dismissConflict': method(syncMethodSchemas['sync.dismissConflict'].input, syncMethodSchemas['sync.dismissConflict'].output),
  'sync.dismissHubRestored': method(syncMethodSchemas['sync.dismissHubRestored'].input, syncMethodSchemas['sync.dismissHubRestored'].output),
  'sync.dismissRekeyed': method(syncMethodSchemas['sync.dismissRekeyed'].input, syncMethodSchemas['sync.dismissRekeyed'].output),
  'deskName.get': method(syncMethodSchemas['deskName.get'].input, syncMethodSchemas['deskName.get'].output),
  'deskName.set': method(syncMethodSchemas['deskName.set'].input, syncMethodSchemas['deskName.set'].output),
  'presence.set': method(syncMethodSchemas['presence.set'].input, syncMethodSchemas['presence.set'].output),
  'presence.of': method(syncMethodSchemas['presence.of'].input, syncMethodSchemas['presence.of'].output),
} as const;

export type Api = typeof api;
export type Method = keyof Api;
export type Input<M extends Method> = z.input<Api[M]['input']>;
export type Output<M extends Method> = z.output<Api[M]['output']>;

// ---- pushed events ------------------------------------------------------------------------

export const pushEvents = {
  'ticket.changed': z.object({
    ticketId: idSchema,
    customerId: idSchema,
    number: z.string(),
    state: ticketStateSchema,
    tier: tierSchema,
    segment: segmentSchema,
    assigneeId: idSchema.nullable(),
    /**
     * The last step it took. POLICY_CHANGED comes from the hub only (another desk applied the
     * SLA policies to its open tickets): its due time moved. A local one is not sent this way
     * ('desk.changed' follows the recompute).
     */
    type: z.enum(TICKET_LOG_EVENT_TYPES as unknown as [string, ...string[]]),
    actorId: z.string(),
    at: z.number(),
    /**
     * The ticket was opened within the change told: a ticket arriving from the hub with several
     * steps in one pull (opened, then taken) is told once, by its last step, and this says it is
     * new here (what reads again for a new ticket only, the board's trends, would miss it).
     * Absent otherwise; a creation made here is told as its CREATED step.
     */
    created: z.literal(true).optional(),
    /**
     * What the step said, told only where it is news (written here, or come from the hub for
     * the first time; not an own step come back): who did it, the first words of its note, a
     * RESOLVE's resolution code, and who held the ticket at the tiers below it (access.ts,
     * wantsResolvedNotice). Only for the steps a notice names them in: RESOLVE, DEESCALATE,
     * REOPEN, ASSIGN, RETURN_TO_QUEUE; a return to the queue, or an assignment that took it
     * from someone, also says whose hands it left (`from`: wantsReturnedNotice) and, for the
     * assignment, the name of whom it went to (`toName`).
     */
    step: z
      .object({
        actorName: z.string().max(200),
        note: z.string().max(200),
        code: resolutionCodeSchema.optional(),
        heldBelow: z.array(idSchema).max(2),
        from: idSchema.optional(),
        toName: z.string().max(200).optional(),
      })
      .optional(),
  }),
  /**
   * A customer's record changed: edited, merged, erased (here, or arriving from the hub by
   * sync). A window showing that customer reads it again, so an erased customer's name and
   * phone leave the screen at once. Sent only to people who work its segment.
   */
  'customer.changed': z.object({ customerId: idSchema, segment: segmentSchema }),
  /**
   * 'external': another process serving the same data folder changed the desk. 'recomputed':
   * an admin applied the SLA policies to every open ticket. Every live view reads again: send
   * it only when anything may have changed.
   */
  'desk.changed': z.object({ reason: z.enum(['initialized', 'imported', 'external', 'recomputed']) }),
  /**
   * An SLA policy or business-hours calendar changed (an admin saved one here, or it came from
   * the hub). Only the views that show them or figures from them read again: the settings
   * pages, the board, a ticket's SLA, and the ticket rows that show business time left (a
   * queue's, My tickets, a customer's open tickets), which the desk reads on the ticket's
   * calendar. A queue's counts, the knowledge panels and the rest cannot change with them.
   */
  'sla.settingsChanged': z.object({
    /** Only the open tickets' figures moved (a re-time after a change, done): the settings read before still hold. */
    retimed: z.boolean().optional(),
    /** A re-time failed, or one succeeded after a failure: the settings pages read again for the notice. */
    retimeFailure: z.boolean().optional(),
  }),
  /**
   * The re-time of open tickets that a calendar or policy saved in this window set off is done:
   * how many open tickets' due time or SLA status moved. Sent to the saving window only.
   */
  'sla.retimed': z.object({ kind: z.enum(['calendar', 'policy']), id: idSchema, name: z.string(), retimed: z.number().int().min(0) }),
  /** That re-time failed: the open tickets keep their due times (sent to the saving window only). */
  'sla.retimeFailed': z.object({ kind: z.enum(['calendar', 'policy']), id: idSchema, name: z.string(), failure: retimeFailureSchema }),
  /**
   * A satisfaction score was recorded, imported or followed up (here, or arriving from the
   * hub). Scores are not ticket changes: the board's satisfaction and trends panels (a
   * comment may be a feature request) read again on this, and on a ticket's creation only.
   */
  'csat.changed': z.object({}),
  'import.progress': importProgressSchema,
  /** A backup started, moved on, ended or failed, or its settings changed (to admins only). */
  'backups.changed': backupStatusSchema,
  'sla.warning': z.object({
    ticketId: idSchema,
    number: z.string(),
    target: slaTargetSchema,
    dueAt: z.number(),
    breached: z.boolean(),
    /** Who held the ticket when the warning or breach came (a breach below tier 3 unassigns it). */
    assigneeId: idSchema.nullable(),
    tier: tierSchema,
    segment: segmentSchema,
  }),
  ...syncPushSchemas,
} as const;
export type PushEvents = typeof pushEvents;
export type PushEventName = keyof PushEvents;
export type PushPayload<E extends PushEventName> = z.infer<PushEvents[E]>;

// ---- errors and wire format ------------------------------------------------------------------

export const API_ERROR_CODES = ['invalid_input', 'refused', 'not_found', 'unauthenticated', 'forbidden', 'conflict', 'unknown_method', 'internal'] as const;
export const apiErrorSchema = z.object({
  code: z.enum(API_ERROR_CODES),
  message: z.string(),
  /** For invalid input: which field, and what to fix. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /**
   * A stable name for this message (a dictionary key under `apiError.` in the renderer) and
   * the values it needs, so a window in another language can say it in its own words; the
   * English `message` stays as the fallback for clients that do not know the key.
   */
  key: z.string().regex(/^[A-Za-z][\w.]*$/).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ApiErrorShape = z.infer<typeof apiErrorSchema>;
export interface ApiErrorDetail {
  key: string;
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  readonly key?: string;
  readonly params?: Record<string, string | number>;
  constructor(
    readonly code: ApiErrorShape['code'],
    message: string,
    readonly issues?: ApiErrorShape['issues'],
    detail?: ApiErrorDetail,
  ) {
    super(message);
    this.name = 'ApiError';
    if (detail) {
      this.key = detail.key;
      if (detail.params) this.params = detail.params;
    }
  }
  toJSON(): ApiErrorShape {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.key ? { key: this.key } : {}),
      ...(this.params ? { params: this.params } : {}),
    };
  }
}

export const requestSchema = z.object({ id: z.number().int(), method: z.string(), input: z.unknown() });
export type Request = z.infer<typeof requestSchema>;
export type Response =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: ApiErrorShape };
export type Push = { event: PushEventName; payload: unknown };

/** Turns zod issues into messages a person can act on. */
export function issuesOf(error: z.ZodError): NonNullable<ApiErrorShape['issues']> {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** What a shell's bridge returns for one call: errors travel as data, never as thrown objects. */
export type CallResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };

/**
 * A notice the window asks its shell to show on the desktop while the window is not in front:
 * the in-app notice's own words, so the same person, rule, language and burst folding.
 */
export const desktopNoticeSchema = z.object({ title: z.string().min(1).max(300), body: z.string().max(1000) }).strict();
export type DesktopNotice = z.infer<typeof desktopNoticeSchema>;

/** The one object the Electron preload exposes on `window.tagdesk`. */
export interface TagdeskBridge {
  call(method: string, input: unknown): Promise<CallResult>;
  onPush(listener: (push: Push) => void): () => void;
  /** Electron only: a desktop notification for this window (the browser shell has none). */
  notify?(notice: DesktopNotice): void;
}
