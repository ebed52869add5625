import type { TicketEventType } from '../../shared/ticketMachine';

/** The ticket actions the palette can start, in the action bar's order. */
export const PALETTE_TICKET_ACTIONS = [
  'TAKE',
  'RESOLVE',
  'ESCALATE',
  'DEESCALATE',
  'WAIT_ON_CUSTOMER',
  'CUSTOMER_REPLIED',
  'ADD_NOTE',
  'ASSIGN',
  'RETURN_TO_QUEUE',
  'CHANGE_PRIORITY',
  'REOPEN',
  'CLOSE',
] as const satisfies readonly TicketEventType[];
export type PaletteTicketAction = (typeof PALETTE_TICKET_ACTIONS)[number];

/**
 * The palette's "This ticket" commands: exactly what the ticket's action bar offers this
 * person now (the desk's `allowed`), no more, no fewer. Nothing while the ticket is loading.
 */
export function paletteTicketActions(allowed: readonly string[] | undefined): PaletteTicketAction[] {
  if (!allowed) return [];
  return PALETTE_TICKET_ACTIONS.filter((a) => allowed.includes(a));
}
