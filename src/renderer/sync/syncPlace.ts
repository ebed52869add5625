import type { SyncStatus } from '../../shared/syncApi';
import { t, tc } from '../i18n';

// Where the desk's sync state is drawn. In the header beside the lookup field, as a rule. In a
// narrow window (up to 62em: a window of 420 px docked beside a softphone, a tablet), a state
// that asks something of the person (sign in again, conflicts to read) has a row of its own
// under the header: beside the field, "Hub session ended · 12 pending" over "Sign in again ⚠ 3
// conflicts" ran over it at 420 px, and on one line at 780 px it left the field 134 px.

export type SyncPlace = 'none' | 'header' | 'row';

/** None for a desk alone (or not yet known); the row in a `narrow` window when there is a link to follow. */
export function syncPlace(status: SyncStatus | null, narrow: boolean): SyncPlace {
  if (!status || status.mode === 'alone') return 'none';
  return narrow && hasLinks(status) ? 'row' : 'header';
}

/** Something the person can act on from the indicator: sign in again, or the conflicts' page. */
export function hasLinks(status: Extract<SyncStatus, { mode: 'hub' }>): boolean {
  return status.signInAgain === true || status.conflicts > 0;
}

/**
 * What the shell's one sync live region says (SyncLiveRegion): the state in words, what waits,
 * the conflicts; nothing for a desk alone. The indicator that shows it moves between the header
 * and a row under it; the region stays, so a screen reader hears every change, once.
 */
export function syncAnnouncement(status: SyncStatus | null): string {
  if (!status || status.mode === 'alone') return '';
  const { online, pending, conflicts } = status;
  const state = t(online ? 'sync.online' : status.noSession === true ? 'sync.noSession' : 'sync.offline');
  return [
    state,
    pending > 0 ? tc('sync.pending', pending) : null,
    status.signInAgain === true ? t('sync.signInAgain') : null,
    conflicts > 0 ? tc('sync.conflicts', conflicts) : null,
  ]
    .filter((part): part is string => part !== null)
    .join(t('list.separator'));
}
