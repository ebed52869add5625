// The "replaced change" notices of the SLA settings page (a save on another desk replaced an
// admin's change unseen) stay listed for 30 days, the same on every desk (the hub's order). Each
// person may dismiss one once read: kept per person (their user id) in this window profile's
// local storage, so it stays dismissed across reloads and restarts, and every other admin still
// sees it. What is kept is only what the list still holds: a notice aged out of the 30 days
// leaves the store with the next dismissal.

/** What one notice is: the save that replaced the change, and the field. */
export const replacedId = (r: { won: { eventId: string }; path: string }): string => `${r.won.eventId}|${r.path}`;

const KEY_PREFIX = 'tagdesk.sla.replacedDismissed.';
/** More than any 30 days of replaced changes: past it the store is not believed (a hand edit). */
const MAX_KEPT = 2000;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // a locked-down profile: nothing kept, every notice shown
  }
}

/** The notices `userId` dismissed here. */
export function dismissedReplaced(userId: string): Set<string> {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(KEY_PREFIX + userId) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string').slice(0, MAX_KEPT) : []);
  } catch {
    return new Set();
  }
}

/**
 * `userId` dismissed notice `id`; `listed`: every notice the page lists now (the store keeps only
 * those). Returns what is dismissed now, kept or not (a full or refused store still hides it
 * until the page is left).
 */
export function dismissReplaced(userId: string, id: string, listed: readonly string[]): Set<string> {
  const still = new Set(listed);
  const next = new Set([...dismissedReplaced(userId)].filter((x) => still.has(x)));
  next.add(id);
  try {
    storage()?.setItem(KEY_PREFIX + userId, JSON.stringify([...next]));
  } catch {
    // not kept (storage full or refused): shown again after a reload
  }
  return next;
}
