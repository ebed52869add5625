import type { SyncStatus } from '../../shared/syncApi';

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
