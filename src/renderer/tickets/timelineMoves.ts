import type { TimelineEntry } from '../../shared/api';
import { prioritySchema, type Priority, type Tier } from '../../shared/domain';
import { tierAfter } from '../../shared/ticketMachine';

/** What an event changed that its payload does not say: the priority it replaced, the tier it moved the ticket to, whom a hand-back went to. */
export interface Move {
  priorityFrom?: Priority;
  /** The tier an escalation, a hand-back or a breach left the ticket at. */
  tierTo?: Tier;
  /** A hand-back: the id of the one who held the ticket at that tier and got it back, null when it went to the queue. */
  backTo?: string | null;
}

type Holders = Record<Tier, string | null>;

/** Who took or was assigned a ticket at a tier, as the log says it (the ticket machine's `heldBy`). */
function held(holders: Holders, e: TimelineEntry, tier: Tier): Holders {
  if (e.type === 'TAKE') return { ...holders, [tier]: e.actorId };
  if (e.type === 'ASSIGN' && typeof e.payload['assigneeId'] === 'string') return { ...holders, [tier]: e.payload['assigneeId'] };
  return holders;
}

/** Who last held the ticket at each tier (ids), folding the log in log order: a hand-back goes to them. */
export function holdersOf(entries: readonly TimelineEntry[]): Holders {
  let tier: Tier = 1;
  let holders: Holders = { 1: null, 2: null, 3: null };
  for (const e of entries) {
    holders = held(holders, e, tier);
    tier = tierAfter(e.type, tier);
  }
  return holders;
}

/**
 * The timeline as shown, newest first. Events of the same moment (a ticket created and taken
 * at once, "Assign to me") keep the log's order reversed too: the take above the creation.
 */
export function newestFirst(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return [...entries].reverse().sort((a, b) => b.at - a.at);
}

/**
 * Folds the log (entries in log order, as the desk sends them): each priority change's previous
 * priority; the tier each escalation, hand-back and breach moved the ticket to; and whom each
 * hand-back went to (the holder at that tier, as the ticket machine's `deescalate` decides, or
 * the queue when it was marked toQueue or nobody held it there).
 */
export function movesOf(entries: TimelineEntry[]): Map<string, Move> {
  const moves = new Map<string, Move>();
  let priority: Priority | null = null;
  let tier: Tier = 1;
  let holders: Holders = { 1: null, 2: null, 3: null };
  for (const e of entries) {
    const p = prioritySchema.safeParse(e.payload['priority']);
    if (e.type === 'CHANGE_PRIORITY' && p.success && priority !== null && priority !== p.data) moves.set(e.id, { priorityFrom: priority });
    if (p.success && (e.type === 'CREATED' || e.type === 'CHANGE_PRIORITY')) priority = p.data;
    holders = held(holders, e, tier);
    const next = tierAfter(e.type, tier);
    if (next !== tier && (e.type === 'SLA_BREACH' || e.type === 'ESCALATE')) moves.set(e.id, { tierTo: next });
    if (next !== tier && e.type === 'DEESCALATE') moves.set(e.id, { tierTo: next, backTo: e.payload['toQueue'] === true ? null : holders[next] });
    tier = next;
  }
  return moves;
}
