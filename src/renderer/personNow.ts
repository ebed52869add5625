import type { User } from '../shared/domain';

/**
 * The person a window shows, as the desk now has them: null when nothing the window shows
 * changed (the same person, name, role, tier and segments). An admin whose role another admin
 * changed kept the admin's navigation and pages until a reload, while the desk already
 * answered with the new powers.
 */
export function personNow(shown: User, now: User | null): User | null {
  if (!now || now.id !== shown.id) return null;
  const same = now.name === shown.name && now.role === shown.role && now.tier === shown.tier && now.segments.join() === shown.segments.join();
  return same ? null : now;
}
