import type { HandoverType } from '../../shared/access';
import type { Role } from '../../shared/domain';
import type { MessageKey } from '../i18n';
import type { Route } from '../route';
import type { FoldAbout } from './keptNotices';

// How long SlaWatch's notices stay, and what closes them. An agent on a call may not look at
// the screen for minutes, so a notice that closes itself is one they never saw:
// - a breach, a ticket escalated into my queue, and a ticket handed to me (back down, reopened,
//   assigned by a supervisor) stay until dismissed or until their ticket is opened (opening it
//   is seeing it);
// - a warning stays the same way: it is the one moment the breach can still be prevented,
//   and a call lasts longer than any timer short enough not to clutter. It cannot pile up:
//   a ticket has one warning notice, and its breach replaces it;
// - the burst summary stays until dismissed (it stands for notices that were never shown);
// - a ticket of mine that took a new number (another desk had given its number first) stays
//   until dismissed or until its ticket is opened, whatever else happens to the ticket;
// - a ticket of mine that someone else returned to its queue stays until dismissed, until its
//   ticket is opened, or until it is mine again;
// - a ticket I escalated (held at a lower tier) that someone else resolved stays until dismissed,
//   until its ticket is opened, or until it is reopened: the change that resolved it is
//   what raised it, so that change does not close it;
// - a notice about the ticket already on the screen closes itself: the page shows it.
// How many show at once is the <Notifications limit> (main.tsx); beyond it they wait, the
// breaches and escalations first (priority). A page's own passing notice (a ticket taken, a
// refusal) goes before them all: kept notices must not hold back the answer to what was just
// done, and one that gives way for it comes back when it has passed.

export type NoticeKind = 'warning' | 'breach' | 'escalation' | 'handover' | 'returned' | 'renumbered' | 'resolved' | 'burst';

/** A notice on the screen (or waiting for room): its id and the ticket it is about. */
export interface OpenNotice {
  id: string;
  kind: NoticeKind;
  ticketId: string | null;
}

/** How long a page's own notices (a saved change, a refusal) stay. */
export const PASSING_MS = 12_000;

/** Milliseconds before the notice closes itself, or false: it stays until dismissed. */
export function noticeAutoClose(kind: NoticeKind, viewingItsTicket: boolean): number | false {
  if (viewingItsTicket && kind !== 'burst') return PASSING_MS;
  return false;
}

/** A page's own notices: Mantine's default priority. */
export const PAGE_NOTICE_PRIORITY = 0;

/**
 * Which notices come first when more than the limit are open: a page's own, the burst summary
 * (it stands for notices not shown at all), breaches, escalations and tickets handed to me,
 * then warnings.
 */
export function noticePriority(kind: NoticeKind): number {
  switch (kind) {
    case 'burst':
      return -1;
    case 'breach':
      return -2;
    case 'escalation':
    case 'handover':
    case 'returned':
    case 'renumbered':
      return -3;
    case 'warning':
      return -4;
    case 'resolved':
      return -5;
  }
}

/** The notices opening this route closes: every one about the ticket it shows. */
export function closedByRoute(open: Iterable<OpenNotice>, route: Route): string[] {
  if (route.name !== 'ticket') return [];
  return [...open].filter((n) => n.ticketId === route.ticketId).map((n) => n.id);
}

/** What a ticket's change says of it, for the notices about it (the `ticket.changed` push). */
export interface TicketMove {
  ticketId: string;
  open: boolean;
  assigneeId: string | null;
}

/**
 * The notices a change elsewhere has made moot, so that what stays on the screen is still
 * true: any notice about a ticket that was resolved or closed; a warning about a ticket that
 * is no longer mine (handed to someone else), and so a ticket handed to me that is no longer
 * mine; an escalation into my queue once someone has taken the ticket. A breach stays while its
 * ticket is open: whoever holds it, it happened. A ticket I escalated that was resolved: once
 * it is open again (reopened), no longer true.
 */
export function closedByChange(open: Iterable<OpenNotice>, change: TicketMove, me: string): string[] {
  return [...open]
    .filter((n) => n.ticketId === change.ticketId)
    .filter((n) => {
      // A new number stays true whatever happens to the ticket: it goes once seen.
      if (n.kind === 'renumbered') return false;
      // How a ticket I escalated ended: true while it stays resolved (or closed).
      if (n.kind === 'resolved') return change.open;
      if (!change.open) return true;
      if (n.kind === 'warning' || n.kind === 'handover') return change.assigneeId !== me;
      if (n.kind === 'escalation') return change.assigneeId !== null;
      // A ticket taken off my list: no longer true once it is mine again.
      if (n.kind === 'returned') return change.assigneeId === me;
      return false;
    })
    .map((n) => n.id);
}

/** The notices a new one replaces: a breach replaces its ticket's warning (the warning came true). */
export function replacedBy(open: Iterable<OpenNotice>, incoming: OpenNotice): string[] {
  if (incoming.kind !== 'breach' || incoming.ticketId === null) return [];
  return [...open].filter((n) => n.kind === 'warning' && n.ticketId === incoming.ticketId && n.id !== incoming.id).map((n) => n.id);
}

/**
 * A language (or digits) switch: a notice's words were fixed when it was shown, so every
 * notice on the screen (`shown`, by id) closes but those said anew from their data in the new
 * language (`resaid`, by id: SlaWatch's open notices, the burst summary and the notices of
 * saidAnew.ts, which stay until closed).
 */
export function closedByLanguage(shown: Iterable<string>, resaid: Iterable<string>): string[] {
  const keep = new Set(resaid);
  return [...new Set(shown)].filter((id) => !keep.has(id));
}

/**
 * The notices the command palette offers (Ctrl+Shift+P, "Open notice: …"): those about a
 * ticket that are open now, newest first, at most `limit`. On a long My tickets a notice's
 * link is some 95 Tabs down; from the palette it is a search away.
 */
export function paletteNotices<T extends { at: number; source: { ticketId: string | null } }>(open: readonly T[], limit = 5): T[] {
  return open
    .filter((n) => n.source.ticketId !== null)
    .slice()
    .sort((a, b) => b.at - a.at)
    .slice(0, limit);
}

/** The notice's id: one per ticket and kind, so a repeat updates it instead of stacking a second. */
export const noticeId = (kind: Exclude<NoticeKind, 'burst'>, ticketId: string): string => `sla-${kind}-${ticketId}`;
export const BURST_ID = 'sla-burst';

/**
 * Where the burst summary ("5 more SLA and escalation notices") takes its reader: to the
 * tickets the folded notices were about. An agent's are on their own list (their warnings,
 * their breaches) and a specialist's in the queues that list shows; a supervisor's are
 * breaches at tier 3, which are on no list of theirs: the board's breached tickets at tier 3.
 * Folded tickets returned to the queue or handed to another (`about`) are said as such.
 */
export function burstDestination(role: Role, about?: FoldAbout | null): { route: Route; linkKey: 'notice.moreLink' | 'notice.moreBreachedLink' | 'notice.moreReturnedLink' | 'notice.moreReassignedLink' } {
  // Tickets taken from them: back in the queues they work, or given to another (what is still theirs is on their list).
  if (about?.kind === 'returned') return { route: { name: 'home' }, linkKey: 'notice.moreReturnedLink' };
  if (about?.kind === 'reassigned') return { route: { name: 'home' }, linkKey: 'notice.moreReassignedLink' };
  if (role === 'supervisor') return { route: { name: 'overview', drill: { filter: 'breached', segment: null, tier: 3 } }, linkKey: 'notice.moreBreachedLink' };
  return { route: { name: 'home' }, linkKey: 'notice.moreLink' };
}

/**
 * What a ticket handed to me says of who did it and why (their note's first words, when they
 * wrote one): handed back down, reopened, assigned. Null: not told (the notice says only that it is mine).
 */
export function handoverBody(how: HandoverType, by: { name: string; note: string } | undefined): { key: MessageKey; vars: Record<string, string> } | null {
  if (!by) return null;
  if (how === 'ASSIGN') return { key: 'notice.assignedBy', vars: { name: by.name } };
  const key = how === 'DEESCALATE' ? (by.note ? 'notice.handedBackBy' : 'notice.handedBackByNoNote') : by.note ? 'notice.reopenedBy' : 'notice.reopenedByNoNote';
  return { key, vars: by.note ? { name: by.name, note: by.note } : { name: by.name } };
}
