import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/syncApi';
import { setLocale } from '../i18n/state';
import { syncAnnouncement, syncPlace } from './syncPlace';

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

describe('what the one sync live region says', () => {
  it('says nothing for a desk alone or not yet known', () => {
    expect(syncAnnouncement({ mode: 'alone' })).toBe('');
    expect(syncAnnouncement(null)).toBe('');
  });

  it('says the state, what waits, sign in again and the conflicts, whichever place draws them', () => {
    expect(syncAnnouncement(joined())).toBe('Online');
    expect(syncAnnouncement(joined({ online: false, pending: 1 }))).toBe('Offline, 1 pending');
    expect(syncAnnouncement(joined({ online: false, noSession: true, signInAgain: true, pending: 12, conflicts: 3 }))).toBe('Hub session ended, 12 pending, Sign in again, 3 conflicts');
  });

  it('says it in Persian for a Persian reader', async () => {
    await setLocale('fa', 'arabext');
    try {
      expect(syncAnnouncement(joined({ online: false, pending: 2, conflicts: 1 }))).toBe('آفلاین، ۲ تغییر در انتظار، ۱ تعارض');
    } finally {
      await setLocale('en', 'latn');
    }
  });
});
