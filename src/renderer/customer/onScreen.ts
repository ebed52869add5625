import { useEffect, useSyncExternalStore } from 'react';
import { patchDraft, setSessionValue } from '../drafts';
import type { SystemDraftState } from './CustomerFields';

// A tag the lookup found on no record, typed while a customer's 360° view is on screen (the
// caller found by phone or name, then asked for the new laptop's tag): the lookup's message
// offers to register it on that customer's record, in its Register system dialog with the tag
// filled in, besides registering a new customer with it.

let shown: { id: string; name: string } | null = null;

/** The customer whose 360° view is on screen, or null. */
export function customerOnScreen(): { id: string; name: string } | null {
  return shown;
}

/** Called by the 360° view: its customer is the one on screen while it is drawn. */
export function useCustomerOnScreen(id: string, name: string): void {
  useEffect(() => {
    const me = { id, name };
    shown = me;
    return () => {
      if (shown === me) shown = null;
    };
  }, [id, name]);
}

// A lookup that found nothing (or was malformed) leaves the 360° view it was typed over on
// screen, while the field says the new query: the view is the earlier lookup's, perhaps the
// previous caller's. It is marked so (its name, what found nothing), dimmed, and its prompt to
// confirm details held back, until the agent says the caller is that customer (or registers a
// tag on their record, which says the same), or another page is opened.

let earlier: { customerId: string; query: string } | null = null;
const earlierListeners = new Set<() => void>();

function setEarlier(next: { customerId: string; query: string } | null): void {
  if (earlier === next) return;
  earlier = next;
  for (const listener of earlierListeners) listener();
}

/** The lookup `query` found no one while `customerId`'s 360° view was on screen. */
export function markEarlierLookup(customerId: string, query: string): void {
  setEarlier({ customerId, query });
}

/** The view on screen is the caller's again (another page opened, or the agent said so). */
export function clearEarlierLookup(): void {
  setEarlier(null);
}

/** The query that found nothing over `customerId`'s view, or null when that view is the caller's. */
export function earlierLookupOf(customerId: string): string | null {
  return earlier?.customerId === customerId ? earlier.query : null;
}

/** earlierLookupOf, drawn again when it changes. */
export function useEarlierLookup(customerId: string): string | null {
  return useSyncExternalStore(
    (listener) => {
      earlierListeners.add(listener);
      return () => earlierListeners.delete(listener);
    },
    () => earlierLookupOf(customerId),
  );
}

/** What asks a customer's record panel to open Register system (its value: the tag). */
export const addSystemKey = (customerId: string): string => `record.addSystem.${customerId}`;

/** Opens Register system on the record of `customerId` (on screen), the tag filled in. */
export function registerSystemOn(customerId: string, tag: string): void {
  patchDraft<SystemDraftState>(`record.system.${customerId}.new`, { serviceTag: tag });
  setSessionValue(addSystemKey(customerId), tag);
  // Registering on their record says the caller is this customer.
  if (earlier?.customerId === customerId) clearEarlierLookup();
}
