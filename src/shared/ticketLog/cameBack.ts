import { z } from 'zod';

// A ticket that came back to its holder: handed back down from a higher tier, or reopened
// (the customer called again), by someone else, with nothing of hers since. My tickets marks
// such a row until she acts on the ticket: any event of hers after the return clears it.
// Derived from the log alone, so every desk says the same.

export const cameBackSchema = z.object({
  kind: z.enum(['handedBack', 'reopened']),
  /** Who handed it back or reopened it. */
  actorId: z.string(),
  at: z.number(),
  /** The note's first words (the whole note when short); empty when there was none. */
  note: z.string(),
});
export type CameBack = z.infer<typeof cameBackSchema>;

/** The events that bring a ticket back to its holder. */
export const RETURN_TYPES = ['DEESCALATE', 'REOPEN'] as const;
/**
 * Events by others that put the ticket in someone's hands (a supervisor's ASSIGN, a TAKE): a
 * ticket that reached her that way did not come back to her.
 */
export const HANDOVER_TYPES = ['ASSIGN', 'TAKE'] as const;
/** The events that decide: the newest of these (and of hers) is the only one cameBack() reads. */
export const CAME_BACK_TYPES: readonly string[] = [...RETURN_TYPES, ...HANDOVER_TYPES];

export interface CameBackEvent {
  type: string;
  actorId: string;
  at: number;
  payload: Record<string, unknown>;
}

/**
 * Whether the ticket came back to `holderId`: the newest event that is hers, a return or a
 * handover decides. Pass the log oldest first (or only the newest deciding event: the
 * answer is the same).
 */
export function cameBack(log: readonly CameBackEvent[], holderId: string): CameBack | null {
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i]!;
    if (e.actorId === holderId) return null;
    if (e.type === 'DEESCALATE' || e.type === 'REOPEN') {
      const note = typeof e.payload.note === 'string' ? e.payload.note : '';
      return { kind: e.type === 'DEESCALATE' ? 'handedBack' : 'reopened', actorId: e.actorId, at: e.at, note: firstWords(note) };
    }
    if ((HANDOVER_TYPES as readonly string[]).includes(e.type)) return null;
  }
  return null;
}

/** A note's first words, at most `max` characters, cut at a word with an ellipsis. */
export function firstWords(note: string, max = 80): string {
  const flat = note.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?،؛]+$/u, '')}…`;
}
