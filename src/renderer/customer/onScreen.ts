import { useEffect } from 'react';
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

/** What asks a customer's record panel to open Register system (its value: the tag). */
export const addSystemKey = (customerId: string): string => `record.addSystem.${customerId}`;

/** Opens Register system on the record of `customerId` (on screen), the tag filled in. */
export function registerSystemOn(customerId: string, tag: string): void {
  patchDraft<SystemDraftState>(`record.system.${customerId}.new`, { serviceTag: tag });
  setSessionValue(addSystemKey(customerId), tag);
}
