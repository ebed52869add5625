import { z } from 'zod';
import { actorSchema, idSchema, segmentSchema, tierSchema, type Actor } from '../shared/domain';

// The event envelope as the hub receives it. STAND-IN: the shared ticket log (issue 10
// part 1, src/shared) defines the one envelope; when it lands on main this file re-exports
// it and the stand-in below goes. Everything else in src/hub names only these exports.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const envelopeSchema = z.strictObject({
  /** UUID v7, made by the author's desk. */
  id: z.string().regex(UUID, 'an event id is a lowercase UUID'),
  ticketId: idSchema,
  /** Per-ticket sequence: 1 for the ticket's first event. */
  seq: z.number().int().min(1),
  type: z.string().min(1).max(64),
  payloadVersion: z.number().int().min(1),
  payload: z.record(z.string(), z.unknown()),
  actor: actorSchema,
  machineVersion: z.number().int().min(0),
  deskId: z.uuid(),
  deskTime: z.number().int().min(0),
  globalSeq: z.number().int().min(1).nullable(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

/** The hub's projection of one ticket: what the re-check needs to judge the next event. */
export const ticketStateSchema = z.object({
  id: idSchema,
  seq: z.number().int(),
  segment: segmentSchema,
  tier: tierSchema,
  assigneeId: z.string().nullable(),
  status: z.string(),
});
export type TicketState = z.infer<typeof ticketStateSchema>;

/**
 * The one injected re-check: the ticket as the hub has it (null before its first event) and
 * the event, judged with the actor the hub knows (not the desk's snapshot). Either the
 * ticket's next state, or the reason the event is refused.
 */
export type Recheck = (state: TicketState | null, event: Envelope, directory: Directory) => { ok: true; state: TicketState } | { ok: false; reason: string };

/** The people an event may name (an ASSIGN's assignee), as the hub knows them now. */
export interface Directory {
  person(id: string): (Actor & { name: string; active: boolean }) | null;
}

/** The segment a ticket is in: who may read its events. */
export const segmentOf = (state: TicketState): string => state.segment;

/** A projection as stored (jsonb), read back. */
export const readState = (json: unknown): TicketState => ticketStateSchema.parse(json);
