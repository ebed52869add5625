import type { User } from '../../shared/domain';

// "Hand over all of Ben's tickets" (the agent's drawer): whom they may go to, and what the
// supervisor is told once they have moved.

/**
 * Who may take over one person's tickets: the active agents and specialists, not the person
 * themselves; those at the same tier first (the natural takers of their tickets), then by name.
 * Each ticket is still checked as it moves (one of a segment or tier the new holder does not
 * work stays, named with why).
 */
export function handOverTargets(users: readonly User[], fromId: string): User[] {
  const from = users.find((u) => u.id === fromId);
  return users
    .filter((u) => u.active && u.id !== fromId && (u.role === 'agent' || u.role === 'specialist'))
    .sort((a, b) => Number(b.tier === from?.tier) - Number(a.tier === from?.tier) || a.tier - b.tier || a.name.localeCompare(b.name));
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
