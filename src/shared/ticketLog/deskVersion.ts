import { TICKET_STREAM, type TicketLogEventType } from './envelope';

// Desks of different versions on one hub. A centre upgrades its desks one by one, so for a
// while the hub serves desks that know different sets of event types. Each ticket event type
// names the desk machine version that can read (replay) it; a desk states its own version on
// every pull (the DESK_VERSION_HEADER; a desk that states none is version 1, which is what
// desks before it send), and the hub sends it no event past the first it cannot read: the desk
// keeps what came before, and is told to upgrade rather than failing on an event it does not
// know. A new event type gets the next version here, and DESK_MACHINE_VERSION moves with it.

/** This desk's machine version: the newest event type it can read. */
export const DESK_MACHINE_VERSION = 2;

/** The request header a desk states its machine version in (a header: a hub that predates it ignores it). */
export const DESK_VERSION_HEADER = 'x-tagdesk-desk-version';

/** The desk machine version each ticket event type needs. */
export const EVENT_DESK_VERSION: Record<TicketLogEventType, number> = {
  CREATED: 1,
  POLICY_CHANGED: 1,
  TAKE: 1,
  ASSIGN: 1,
  ESCALATE: 1,
  DEESCALATE: 1,
  WAIT_ON_CUSTOMER: 1,
  ADD_NOTE: 1,
  CUSTOMER_REPLIED: 1,
  RESOLVE: 1,
  CLOSE: 1,
  REOPEN: 1,
  CHANGE_PRIORITY: 1,
  SLA_WARNING: 1,
  SLA_BREACH: 1,
  RETURN_TO_QUEUE: 2,
};

/** The version a desk needs to read this event: ticket events by the table, every other stream's 1. */
export function deskVersionNeeded(event: { stream: string; type: string }): number {
  if (event.stream !== TICKET_STREAM) return 1;
  return (EVENT_DESK_VERSION as Record<string, number | undefined>)[event.type] ?? 1;
}

/** How many of a page's events (in order) a desk of this version can be sent: all before the first it cannot read. */
export function readablePrefix(events: readonly { stream: string; type: string }[], deskVersion: number): number {
  const first = events.findIndex((e) => deskVersionNeeded(e) > deskVersion);
  return first === -1 ? events.length : first;
}
