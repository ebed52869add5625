import { z } from 'zod';
import { actorSchema, channelSchema, idSchema, prioritySchema, segmentSchema, serviceLevelSchema } from '../domain';
import { slaPolicySchema } from '../sla/slaClock';
import { ticketCommandSchema, TICKET_EVENT_TYPES, type TicketEventType } from '../ticketMachine';

// The event envelope: what a change is, once it has happened, on any desk and on the hub.
//
//   id            UUID v7 made by the author desk (time-ordered, safe offline). System events
//                 (SLA warning, breach) instead carry an id derived from (ticket, kind, target,
//                 due time): any number of desks firing the same breach make one event, and a
//                 second insert of that id is a no-op (`systemEventId`).
//   ticketId      the ticket (the stream); `seq` is its per-ticket sequence, 1 = CREATED.
//                 A writer names the seq it expects to write next (`expectedSeq` in the API,
//                 the old expectedVersion): a stale view gets a conflict, never a blind write.
//   type,payload  what happened; `payloadVersion` is the payload's shape (1 today), so an old
//                 log still replays after a shape changes: add a version, never edit one.
//   actor         the person as they were when they acted (id, role, tier, segments), so the
//                 hub re-checks the event against the rules that applied, and a later change
//                 of someone's role does not rewrite history.
//   machineVersion the ticket machine's version that decided it (MACHINE_VERSION).
//   deskId,deskTime the author desk (a UUID in its `meta` table) and its clock; desk time is
//                 information, never the order: the order is seq per ticket, globalSeq overall.
//   globalSeq     the hub's global sequence once it accepted the event; null until then.
//
// The outbox. Every change a desk makes that the hub must hear of is appended, in the same
// SQLite transaction as the change, to the desk's `outbox` table (desk_seq INTEGER PRIMARY
// KEY = the desk's own sequence, event_id, stream, body = the envelope as JSON). Ticket
// events go there through the ticket store; another area (knowledge, customers) appends its
// own changes with `outbox.append(stream, envelope)` from src/main/core/outbox.ts inside its
// own `db.write(...)`, using `outboxEnvelopeSchema` below as the shape of what it appends
// (its own `stream` name, its own entity id and per-entity seq, its own payload types).

/** Bumped when the ticket machine's rules change meaning; recorded on every event. */
export const MACHINE_VERSION = 1;
export const PAYLOAD_VERSION = 1;

/** What every outbox entry carries, whatever its area. */
export const outboxEnvelopeSchema = z.object({
  id: z.uuid(),
  /** The area: 'ticket', and whatever other areas add ('customer', 'knowledge', ...). */
  stream: z.string().min(1).max(40),
  /** The entity the event belongs to, and its per-entity sequence. */
  entityId: idSchema,
  seq: z.number().int().min(1),
  type: z.string().min(1).max(60),
  payloadVersion: z.number().int().min(1),
  payload: z.record(z.string(), z.unknown()),
  actor: actorSchema,
  deskId: z.uuid(),
  deskTime: z.number().int().nonnegative(),
  globalSeq: z.number().int().nullable(),
});
export type OutboxEnvelope = z.infer<typeof outboxEnvelopeSchema>;

/** The policy a ticket runs under from a moment on (the SLA projection's input). */
export const policySpanSchema = z.object({ from: z.number().int(), version: z.number().int().min(1), policy: slaPolicySchema });

export const createdPayloadSchema = z.object({
  number: z.number().int().min(1),
  customerId: idSchema,
  customerName: z.string(),
  assetId: idSchema.nullable(),
  serviceTag: z.string().nullable(),
  segment: segmentSchema,
  serviceLevel: serviceLevelSchema,
  priority: prioritySchema,
  subject: z.string(),
  description: z.string(),
  channel: channelSchema,
  reopenWindowMs: z.number().int().nonnegative(),
  /** The SLA policy in force at creation (null where none covers the segment). */
  policy: z.object({ version: z.number().int().min(1), policy: slaPolicySchema }).nullable(),
  /**
   * The earlier ticket this one follows up (opened after that one's reopen window had passed).
   * Optional, so every desk and hub reads a CREATED with it, and one without it reads as before:
   * a desk that predates it keeps the ticket and drops only the link, so no desk version moves.
   */
  follows: idSchema.optional(),
});
export type CreatedPayload = z.infer<typeof createdPayloadSchema>;

export const policyChangedPayloadSchema = policySpanSchema;
export type PolicyChangedPayload = z.infer<typeof policyChangedPayloadSchema>;

export const TICKET_LOG_EVENT_TYPES = ['CREATED', 'POLICY_CHANGED', ...TICKET_EVENT_TYPES] as const;
export type TicketLogEventType = 'CREATED' | 'POLICY_CHANGED' | TicketEventType;
const ticketLogEventTypeSchema = z.enum(TICKET_LOG_EVENT_TYPES as unknown as [TicketLogEventType, ...TicketLogEventType[]]);

/** The payload of each type, checked against its own schema (a machine event: the command's fields). */
export function payloadProblem(type: TicketLogEventType, payload: unknown): string | null {
  const r =
    type === 'CREATED'
      ? createdPayloadSchema.safeParse(payload)
      : type === 'POLICY_CHANGED'
        ? policyChangedPayloadSchema.safeParse(payload)
        : ticketCommandSchema.safeParse({ ...(payload as object), type });
  return r.success ? null : (r.error.issues[0]?.message ?? 'invalid payload');
}

export const ticketEnvelopeSchema = z
  .object({
    id: z.uuid(),
    ticketId: idSchema,
    seq: z.number().int().min(1),
    type: ticketLogEventTypeSchema,
    payloadVersion: z.literal(PAYLOAD_VERSION),
    payload: z.record(z.string(), z.unknown()),
    actor: actorSchema,
    machineVersion: z.number().int().min(1),
    deskId: z.uuid(),
    deskTime: z.number().int().nonnegative(),
    globalSeq: z.number().int().nullable(),
  })
  .superRefine((e, ctx) => {
    const why = payloadProblem(e.type, e.payload);
    if (why) ctx.addIssue({ code: 'custom', path: ['payload'], message: why });
  });
export type TicketEnvelope = z.infer<typeof ticketEnvelopeSchema>;

/** The stream a ticket's events travel in. */
export const TICKET_STREAM = 'ticket';

/** A ticket envelope as the outbox carries it (stream 'ticket', entityId = ticketId). */
export const toOutboxEnvelope = (e: TicketEnvelope): OutboxEnvelope => ({
  id: e.id,
  stream: TICKET_STREAM,
  entityId: e.ticketId,
  seq: e.seq,
  type: e.type,
  payloadVersion: e.payloadVersion,
  payload: e.payload,
  actor: e.actor,
  deskId: e.deskId,
  deskTime: e.deskTime,
  globalSeq: e.globalSeq,
});

/**
 * The id of a system event, the same on every desk: a name-based UUID (version 8) of
 * (ticket, kind, target, due time). Two desks that fire the same breach write the same id.
 */
export function systemEventId(ticketId: string, type: 'SLA_WARNING' | 'SLA_BREACH', target: string, dueAt: number): string {
  return derivedId(`tagdesk/${ticketId}/${type}/${target}/${dueAt}`);
}

/** A UUID-shaped id made from a name: every desk that names the same thing gets the same id. */
export function derivedId(name: string): string {
  const words = [0x811c9dc5, 0x01000193, 0x27d4eb2f, 0x165667b1].map((seed) => hash32(name, seed));
  const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// MurmurHash3's 32-bit finaliser over FNV-style mixing: deterministic and well spread; not
// a security boundary (the hub checks who sent an event, not what its id hashes to).
function hash32(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
