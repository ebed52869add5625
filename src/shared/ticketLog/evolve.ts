import type { Actor, Channel, Priority, Segment, ServiceLevel } from '../domain';
import type { LoggedEvent, PolicySpan } from '../sla/ticketSla';
import { applyEvent, openTicket, type TicketPosition } from '../ticket';
import type { TicketEvent } from '../ticketMachine';
import type { CreatedPayload, PolicyChangedPayload, TicketLogEventType } from './envelope';

// A ticket as its log leaves it: evolve(state, event) folds one event in, and a ticket is
// the fold of its log from null. Pure; the desk store and the hub keep the result as their
// projection (the desk's `tickets` row), and a test rebuilds every demo ticket from its log.

/** What the ticket was opened with; CREATED sets it, nothing changes it afterwards. */
export interface TicketHead {
  number: number;
  customerId: string;
  customerName: string;
  assetId: string | null;
  serviceTag: string | null;
  segment: Segment;
  serviceLevel: ServiceLevel;
  subject: string;
  description: string;
  channel: Channel;
  createdAt: number;
}

export interface TicketLogState {
  ticketId: string;
  /** The per-ticket sequence of the last event folded in. */
  seq: number;
  head: TicketHead;
  /** The machine's state and context. */
  position: TicketPosition;
  /** The SLA policies the ticket ran under, each from a moment on. */
  policies: PolicySpan[];
  /** The history the SLA clock replays (every event's type, time and payload). */
  log: LoggedEvent[];
  updatedAt: number;
}

/** The part of an event evolve reads: an envelope, or a draft before it is sealed. */
export interface LogEvent {
  ticketId: string;
  seq: number;
  type: TicketLogEventType;
  payload: Record<string, unknown>;
  actor: Actor;
  /** The desk time of the event (the envelope's deskTime). */
  at: number;
  /** The machine's position after this event, when decide() has already found it. */
  position?: TicketPosition;
}

export class BrokenLog extends Error {
  override name = 'BrokenLog';
}

export function evolve(state: TicketLogState | null, event: LogEvent): TicketLogState {
  if (event.type === 'CREATED') {
    if (state) throw new BrokenLog(`Ticket ${event.ticketId} was created twice.`);
    const p = event.payload as unknown as CreatedPayload;
    return {
      ticketId: event.ticketId,
      seq: event.seq,
      head: {
        number: p.number,
        customerId: p.customerId,
        customerName: p.customerName,
        assetId: p.assetId,
        serviceTag: p.serviceTag,
        segment: p.segment,
        serviceLevel: p.serviceLevel,
        subject: p.subject,
        description: p.description,
        channel: p.channel,
        createdAt: event.at,
      },
      position: openTicket({ segment: p.segment, priority: p.priority, at: event.at, reopenWindowMs: p.reopenWindowMs }),
      policies: p.policy ? [{ from: event.at, version: p.policy.version, policy: p.policy.policy }] : [],
      log: [{ type: 'CREATED', at: event.at, payload: { priority: p.priority } }],
      updatedAt: event.at,
    };
  }
  if (!state) throw new BrokenLog(`Ticket ${event.ticketId} has events before its creation.`);
  if (event.seq !== state.seq + 1) throw new BrokenLog(`Ticket ${event.ticketId}: event ${event.seq} follows ${state.seq}.`);
  if (event.type === 'POLICY_CHANGED') {
    const p = event.payload as unknown as PolicyChangedPayload;
    return { ...state, seq: event.seq, policies: [...state.policies, { from: p.from, version: p.version, policy: p.policy }] };
  }
  // A draft from decide() carries the position it checked; a logged event is run again.
  const applied = event.position
    ? { ok: true as const, next: event.position }
    : applyEvent(state.position, { ...event.payload, type: event.type, at: event.at, actor: event.actor } as TicketEvent);
  if (!applied.ok) throw new BrokenLog(`Ticket ${event.ticketId}: event ${event.seq} (${event.type}) does not apply: ${applied.reason}`);
  return {
    ...state,
    seq: event.seq,
    position: applied.next,
    log: [...state.log, { type: event.type, at: event.at, payload: event.payload }],
    updatedAt: event.at,
  };
}

/** A ticket rebuilt from its log alone. */
export function replayLog(events: readonly LogEvent[]): TicketLogState | null {
  let state: TicketLogState | null = null;
  for (const e of events) state = evolve(state, e);
  return state;
}

export const priorityOf = (s: TicketLogState): Priority => s.position.context.priority;
