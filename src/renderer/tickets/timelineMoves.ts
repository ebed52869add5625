import type { TimelineEntry } from '../../shared/api';
import { prioritySchema, type Priority, type Tier } from '../../shared/domain';
import { tierAfter } from '../../shared/ticketMachine';

/** What an event changed that its payload does not say: the priority it replaced, the tier a breach moved the ticket to. */
export interface Move {
  priorityFrom?: Priority;
  tierTo?: Tier;
}

/**
 * The timeline as shown, newest first. Events of the same moment (a ticket created and taken
 * at once, "Assign to me") keep the log's order reversed too: the take above the creation.
 */
export function newestFirst(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return [...entries].reverse().sort((a, b) => b.at - a.at);
}

/** Folds the log (entries in log order, as the desk sends them): each priority change's previous priority, and each SLA breach that moved the ticket up. */
export function movesOf(entries: TimelineEntry[]): Map<string, Move> {
  const moves = new Map<string, Move>();
  let priority: Priority | null = null;
  let tier: Tier = 1;
  for (const e of entries) {
    const p = prioritySchema.safeParse(e.payload['priority']);
    if (e.type === 'CHANGE_PRIORITY' && p.success && priority !== null && priority !== p.data) moves.set(e.id, { priorityFrom: priority });
    if (p.success && (e.type === 'CREATED' || e.type === 'CHANGE_PRIORITY')) priority = p.data;
    const next = tierAfter(e.type, tier);
    if (e.type === 'SLA_BREACH' && next !== tier) moves.set(e.id, { tierTo: next });
    tier = next;
  }
  return moves;
}
