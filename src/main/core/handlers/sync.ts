import type { HubLink } from '../hubLink';
import type { DeskContext } from './context';
import { signedIn, type Area } from './types';

// Sync state and conflicts. Until the sync engine runs, a joined desk reports itself offline
// with nothing pending; a desk alone says so.
export function syncHandlers(_ctx: DeskContext, hub: HubLink): Area<'sync.status' | 'sync.conflicts', 'sync.dismissConflict'> {
  return {
    reads: {
      'sync.status': (s) => {
        signedIn(s);
        const h = hub.status();
        return h.joined ? { mode: 'hub', url: h.url, online: false, pending: 0, conflicts: 0, lastSyncedAt: null, cursor: 0 } : { mode: 'alone' };
      },
      'sync.conflicts': (s) => {
        signedIn(s);
        return [];
      },
    },
    writes: {
      'sync.dismissConflict': (s) => {
        signedIn(s);
        return null;
      },
    },
  };
}
