// Whether the page before this one, in the window's history, is a page of the app. Cancel on a
// page opened from another (the merge screen, registering a caller) goes back to where the
// person was; opened directly (a pasted link, a new window, a reload of such a page) there is
// nothing of the app to go back to, and Back did nothing, or left the app. Each history entry
// says so in its state, as route.ts writes it: `fromApp` true for an entry reached from a page
// of the app (a link, navigate()), false for the one the window opened on. Pure, so it is
// tested without a window (inAppHistory.test.ts).

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The entry reached by a link or an address typed in the app, or the one the window opened on (`opened`), marked; null when it is marked already. */
export function arrivalState(state: unknown, opened: boolean): Record<string, unknown> | null {
  if (isRecord(state) && typeof state.fromApp === 'boolean') return null;
  return { ...(isRecord(state) ? state : {}), fromApp: !opened };
}

/**
 * The state of an entry navigate() pushes: reached from a page of the app, `openedFrom` the
 * address of the entry it was pushed from (the entry before it, which Back returns to).
 */
export const pushedState = (openedFrom?: string): Record<string, unknown> => ({ fromApp: true, ...(openedFrom === undefined ? {} : { openedFrom }) });

/** The state of an entry navigate() replaces: it keeps how the one it replaces was reached (and from where: the entry before is the same). */
export function replacedState(state: unknown): Record<string, unknown> | null {
  if (!isRecord(state) || typeof state.fromApp !== 'boolean') return null;
  return { fromApp: state.fromApp, ...(typeof state.openedFrom === 'string' ? { openedFrom: state.openedFrom } : {}) };
}

/** The address of the entry before this one, when navigate() pushed this one from it (a link clicked does not say). */
export const openedFromOf = (state: unknown): string | null => (cameFromApp(state) && isRecord(state) && typeof state.openedFrom === 'string' ? state.openedFrom : null);

/** Whether Back from the entry with this state lands on a page of the app. */
export const cameFromApp = (state: unknown): boolean => isRecord(state) && state.fromApp === true;
