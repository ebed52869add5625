import { outboxEnvelopeSchema, ticketEnvelopeSchema, MACHINE_VERSION, type Assignee, type OutboxEnvelope, type TicketEnvelope, type TicketLogState } from '../shared/ticketLog';

// The event envelopes are the shared ticket log's (src/shared/ticketLog); the hub names them
// through this file only.
//
// On the wire (push, pull, snapshot, live) every event is an outbox envelope: its stream
// ('ticket', 'customer', 'knowledge', ...), the entity and its per-entity seq, and the rest
// of the envelope. A ticket event is also read as the ticket log's own envelope (ticketId =
// entityId), checked against its type's payload schema, and re-checked with decide.

export const wireEnvelopeSchema = outboxEnvelopeSchema;
export type Envelope = OutboxEnvelope;
export const envelopeSchema = ticketEnvelopeSchema;
export type TicketEvent = TicketEnvelope;
export type TicketState = TicketLogState;

/** A ticket stream event as the ticket log reads it, or why it is not one. */
export function asTicketEvent(e: OutboxEnvelope): { ok: true; event: TicketEnvelope } | { ok: false; reason: string } {
  const parsed = ticketEnvelopeSchema.safeParse({
    id: e.id,
    ticketId: e.entityId,
    seq: e.seq,
    type: e.type,
    payloadVersion: e.payloadVersion,
    payload: e.payload,
    actor: e.actor,
    machineVersion: MACHINE_VERSION,
    deskId: e.deskId,
    deskTime: e.deskTime,
    globalSeq: e.globalSeq,
  });
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `Not a ticket event: ${issue ? `${issue.path.join('.') || 'event'}: ${issue.message}` : 'invalid'}.` };
}

/** The people an event may name (an ASSIGN's assignee, a hand-back's holder), as the hub knows them now. */
export interface Directory {
  person(id: string): Assignee | null;
}

/**
 * The one injected re-check: the ticket as the hub has it (null before its first event) and
 * the event, judged with the actor the hub knows (not the desk's snapshot). Either the
 * ticket's next state, or the reason the event is refused.
 */
/**
 * `stale`: the event was made on an older step of the ticket and the ticket as it is now would
 * still take it: not a refusal, but news its desk has not pulled yet (it rebases and sends it again).
 */
export type Recheck = (state: TicketState | null, event: TicketEnvelope, directory: Directory) => { ok: true; state: TicketState } | { ok: false; reason: string; stale?: true };

/** The segment a ticket is in: who may read its events. */
export const segmentOf = (state: TicketState): string => state.head.segment;

/** A projection as stored (jsonb), read back: written by this hub from evolve. */
export const readState = (json: unknown): TicketState => json as TicketState;

/** The segment column of an event every signed-in person may read (a stream rule said null). */
export const EVERYONE = '*';
