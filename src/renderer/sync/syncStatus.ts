import { useSyncExternalStore } from 'react';
import type { SyncStatus } from '../../shared/syncApi';
import { call } from '../backend';
import { client, transport } from '../client';

// The desk's sync state, one copy for the whole window: asked once when the first view wants
// it, then kept current from the 'sync.changed' push (and asked again after the link to the
// desk comes back, since pushes sent meanwhile are lost). While that link is down it is
// unknown (null), so the header does not say "Online" about a desk it cannot reach.

let current: SyncStatus | null = null;
const listeners = new Set<() => void>();
let stop: (() => void) | null = null;

function set(status: SyncStatus | null): void {
  current = status;
  listeners.forEach((l) => l());
}

/** Asks the desk again (a view calls this after dismissing a conflict, say). */
export function refreshSyncStatus(): void {
  call('sync.status', {}).then(set, () => undefined);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!stop) {
    const offPush = client.on('sync.changed', set);
    // While the link to the desk is down the window does not know the hub's state: show
    // nothing rather than the last "Online" (the connection banner says what is wrong).
    const offState = transport.onState((state) => {
      if (state === 'open') refreshSyncStatus();
      else if (state === 'lost' || state === 'refused') set(null);
    });
    stop = () => {
      offPush();
      offState();
    };
    refreshSyncStatus();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && stop) {
      stop();
      stop = null;
      current = null;
    }
  };
}

/** The sync state, or null until the desk has answered. */
export function useSyncStatus(): SyncStatus | null {
  return useSyncExternalStore(subscribe, () => current);
}
