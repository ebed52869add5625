import { mayBeAssigned, type QueuePlace } from '../../shared/access';
import type { User } from '../../shared/domain';

// "Hand over all of Ben's tickets" (the agent's drawer): whom they may go to, and what the
// supervisor is told once they have moved.

/** Someone who may take over one person's tickets, and how many of them they may be given. */
export interface HandOverTarget {
  user: User;
  /** How many of the tickets (`places`) the desk would give them (access.mayBeAssigned). */
  fits: number;
}

/**
 * Who may take over one person's tickets (`places`: where each of those tickets is): the
 * active agents and specialists, not the person themselves, who may be given at least one of
 * them (the desk's own rule, mayBeAssigned: a tier-2 specialist for tier-1 tickets would have
 * every one come back refused). Those who may take them all first, then those at the same
 * tier, then by name. Each ticket is still checked as it moves (one of a segment or tier the
 * new holder does not work stays, named with why). With no places known yet, all are offered.
 */
export function handOverTargets(users: readonly User[], fromId: string, places: readonly QueuePlace[] = []): HandOverTarget[] {
  const from = users.find((u) => u.id === fromId);
  return users
    .filter((u) => u.active && u.id !== fromId && (u.role === 'agent' || u.role === 'specialist'))
    .map((user) => ({ user, fits: places.length === 0 ? 0 : places.filter((p) => mayBeAssigned(user, p) === null).length }))
    .filter((x) => places.length === 0 || x.fits > 0)
    .sort((a, b) => b.fits - a.fits || Number(b.user.tier === from?.tier) - Number(a.user.tier === from?.tier) || a.user.tier - b.user.tier || a.user.name.localeCompare(b.user.name));
}

/**
 * The tickets that stayed, by why: one reason said once with the numbers it kept ("Dev Patel
 * does not work tier 1 of this segment: T-000772, T-000357, …"), in the order first met, not
 * twenty lines of the same sentence.
 */
export function refusalsByReason(refused: ReadonlyArray<{ number: string; reason: string }>): Array<{ reason: string; numbers: string[] }> {
  const by = new Map<string, string[]>();
  for (const r of refused) by.set(r.reason, [...(by.get(r.reason) ?? []), r.number]);
  return [...by].map(([reason, numbers]) => ({ reason, numbers }));
}
