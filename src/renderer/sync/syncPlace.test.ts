import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/syncApi';
import { syncPlace } from './syncPlace';

// At 420 px the header's sync state, when it carried a link (sign in again, conflicts), ran
// over the lookup field; it now has a row of its own under the header in a narrow window.

const joined = (over: Partial<Extract<SyncStatus, { mode: 'hub' }>> = {}): SyncStatus => ({
  mode: 'hub',
  url: 'http://hub.example.test:4180',
  online: true,
  pending: 0,
  conflicts: 0,
  lastSyncedAt: 0,
  cursor: 0,
  ...over,
});

describe('where the sync state is drawn', () => {
  it('is nowhere for a desk alone, or before the desk has said', () => {
    expect(syncPlace({ mode: 'alone' }, false)).toBe('none');
    expect(syncPlace(null, true)).toBe('none');
  });

  it('in a narrow window has a row of its own when the session ended, with conflicts and two-digit pending', () => {
    expect(syncPlace(joined({ online: false, noSession: true, signInAgain: true, pending: 12, conflicts: 3 }), true)).toBe('row');
    expect(syncPlace(joined({ signInAgain: true }), true)).toBe('row');
    expect(syncPlace(joined({ online: false, pending: 1, conflicts: 2 }), true)).toBe('row');
  });

  it('stays in the header when it has nothing to follow, or the window is wide', () => {
    expect(syncPlace(joined({ online: false, pending: 12 }), true)).toBe('header');
    expect(syncPlace(joined({ online: false, noSession: true, signInAgain: true, pending: 12, conflicts: 3 }), false)).toBe('header');
  });
});
