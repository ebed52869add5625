import { ApiError } from '../../../shared/api';
import { say } from '../../../shared/messageKeys';
import { answersForDeskWork } from '../../../shared/access';
import type { HubRestoredNotice, SyncStatus } from '../../../shared/syncApi';
import type { User } from '../../../shared/domain';
import type { HubLink } from '../hubLink';
import type { ConflictStore } from '../sync/conflicts';
import type { SyncEngine } from '../sync/engine';
import { dismissHubRestored } from '../sync/hubRestoredNotice';
import { mayRenameDesk } from '../../../shared/access';
import { deskIdOf } from '../outbox';
import { deskNameOf, setDeskName } from '../deskName';
import { dismissRekeyed } from '../deskPlace';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

// Sync state and conflicts: whether the desk follows a hub and is online, what waits to be
// sent, and the signed-in person's changes that were refused, until they dismiss them (an
// admin's also those of the desk's own accounts, whose work they carry: answersForDeskWork).

export interface SyncParts {
  engine: SyncEngine;
  conflicts: ConflictStore;
  /** How far this computer's clock is ahead of the hub's (ms), null before the hub answered. */
  clockSkewMs?: () => number | null;
  /** The hub's restore from an older backup, as this person is told of it (null: not told, or dismissed). */
  hubRestored?: (user: User) => HubRestoredNotice | null;
  /** The desk took an id of its own (its data folder was a copy, deskPlace.ts) and nobody has signed in through the hub since. */
  rekeyed?: () => boolean;
  /** The notice of the last re-key on every page, until someone signed in here dismisses it (null: none). */
  rekeyedBanner?: () => { at: number; fromName: string | null } | null;
  /** This desk's name (deskName.ts), null: none. */
  deskName?: () => string | null;
}

/** The sync state as one person sees it (their own conflicts). */
export function syncStatusFor(hub: HubLink, parts: SyncParts, user: User | null): SyncStatus {
  const h = hub.status();
  if (!h.joined) return { mode: 'alone' };
  const s = parts.engine.status();
  const skew = parts.clockSkewMs?.();
  // The person reading it has no hub session (the hub ended it): their changes cannot go.
  const own = user && hub.sessionToken(user.id) === null ? [say('noOwnHubSession')] : [];
  const restored = user ? parts.hubRestored?.(user) : null;
  const rekeyed = parts.rekeyed?.() ? [say('deskRekeyed')] : [];
  const banner = user ? parts.rekeyedBanner?.() : null;
  const name = parts.deskName?.() ?? null;
  return { mode: 'hub', url: h.url, online: s.online, ...(s.noSession ? { noSession: true } : {}), pending: s.pending, conflicts: user ? parts.conflicts.count(user.id, answersForDeskWork(user)) : 0, lastSyncedAt: s.lastSyncedAt, cursor: s.cursor, waiting: [...rekeyed, ...own, ...s.waiting], signInAgain: own.length > 0, ...(skew === null || skew === undefined ? {} : { clockSkewMs: skew }), ...(restored ? { hubRestored: restored } : {}), ...(name === null ? {} : { deskName: name }), ...(banner ? { rekeyed: banner } : {}) };
}

export function syncHandlers(ctx: DeskContext, hub: HubLink, parts: SyncParts): Area<'sync.status' | 'sync.conflicts' | 'deskName.get', 'sync.dismissConflict' | 'sync.dismissHubRestored' | 'sync.dismissRekeyed' | 'deskName.set'> {
  const nameState = () => ({ name: deskNameOf(ctx.db), deskId: deskIdOf(ctx.db) });
  return {
    reads: {
      'sync.status': (s) => syncStatusFor(hub, parts, signedIn(s)),
      'deskName.get': (s) => {
        signedIn(s);
        return nameState();
      },
      // An admin's list also has what the hub refused of the desk's own accounts' work (they carried it).
      'sync.conflicts': (s) => {
        const user = signedIn(s);
        return parts.conflicts.list(user.id, answersForDeskWork(user));
      },
    },
    writes: {
      'sync.dismissConflict': (s, i) => {
        const user = signedIn(s);
        if (!parts.conflicts.dismiss(user.id, i.eventId, ctx.clock.now(), answersForDeskWork(user))) throw new ApiError('not_found', say('dismissedConflict'));
        return null;
      },
      'sync.dismissHubRestored': (s) => {
        dismissHubRestored(ctx.db, signedIn(s).id);
        parts.engine.tellStatus();
        return null;
      },
      'sync.dismissRekeyed': (s) => {
        signedIn(s);
        dismissRekeyed(ctx.db);
        parts.engine.tellStatus();
        return null;
      },
      // The hub hears the new name with the desk's next call: one now, if it is joined.
      'deskName.set': (s, i) => {
        refuseUnless(mayRenameDesk(signedIn(s)));
        setDeskName(ctx.db, i.name);
        parts.engine.tellStatus();
        if (hub.status().joined) parts.engine.kick();
        return nameState();
      },
    },
  };
}
