import { MATCH_KINDS } from '../../shared/api';

// The 360° view marks the system its address names. A lookup that found it says "Matched"; a
// system just registered (the register page goes there with `by=registered`) was found by no
// lookup, so it is marked as just registered instead; a ticket's link to its customer names
// the system the ticket is about (`by=ticket-system`), marked as that ticket's. An address
// no lookup made (a pasted link) shows the system first with no claim about it.

/** The `by` a freshly registered customer's address carries in place of a lookup's match kind. */
export const JUST_REGISTERED = 'registered';
/** The `by` of a ticket page's link to its customer: the system named is the ticket's. */
export const FROM_TICKET = 'ticket-system';

export type SystemMark = 'matched' | 'registered' | 'ticket' | 'shown';

/** What the marked system's badge says, from the address's `by`. */
export function systemMarkOf(by: string | null): SystemMark {
  if (by === JUST_REGISTERED) return 'registered';
  if (by === FROM_TICKET) return 'ticket';
  return MATCH_KINDS.some((k) => k === by) ? 'matched' : 'shown';
}

/**
 * The system a ticket opened with the 360° view's "New ticket" starts on: the one the lookup
 * matched, or the customer's only one; otherwise none is chosen for her (null: the form keeps
 * what she picked earlier, "No particular system" at first). It started on the first of
 * Maria's three laptops when she was found by name, and the ticket went to that one unless
 * Ava noticed (a ticket's system is not changed afterwards).
 */
export function newTicketSystem(matchedId: string | null, assetIds: readonly string[]): string | null {
  if (matchedId !== null) return matchedId;
  return assetIds.length === 1 ? assetIds[0]! : null;
}

/**
 * What the command palette's "New ticket" leaves in the 360° view's session value: open the
 * form on the system newTicketSystem chooses, as the view's own button does (the palette
 * knows the address, not the customer's systems; it passed the address's system on, which
 * the form never read, so the form kept what it had).
 */
export const NEW_TICKET_ASKED = 'asked';
