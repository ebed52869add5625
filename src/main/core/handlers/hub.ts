import { mayAdminister, mayJoinHub, mayViewDesks, maySetActive, maySetRole, type DeskData } from '../../../shared/access';
import { ApiError } from '../../../shared/api';
import { userEventTypeSchema, userStreamPayloadSchema } from '../../../shared/userStream';
import type { HubLink } from '../hubLink';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

// The desk's link to a hub: joining it, signing in through it (email and password, with an
// offline verifier kept here), resuming a window after a reload with the secret that sign-in
// gave it (resumeSecrets.ts), and the hub's people directory for admins.
export function hubHandlers(
  ctx: DeskContext,
  hub: HubLink,
): Area<'hub.status' | 'hub.reach' | 'hubUsers.list' | 'hubUsers.history' | 'hubUsers.changes' | 'hubDesks.list', 'session.signInWithPassword' | 'session.resume' | 'hub.join' | 'hubUsers.create' | 'hubUsers.update' | 'hubUsers.resetPassword'> {
  /**
   * What mayJoinHub asks of the desk. Data: a desk set up (demo or empty) that works alone;
   * joined, one that has had anything to do with its hub (someone signed in through it, a
   * sync) or holds records. A desk joined at first start to an address where nothing answered
   * has none, and its address may be changed from the sign-in screen. Demo: set up with the
   * demo's made-up records.
   */
  const deskData = (): DeskData => {
    const desk = ctx.status(false);
    const joined = hub.status().joined;
    if (!desk.initialized) return { hasData: false, demo: false };
    if (!joined || hub.exchanged()) return { hasData: true, demo: desk.demo };
    const counts = ctx.status(true);
    return { hasData: (counts.tickets ?? 0) > 0 || (counts.customers ?? 0) > 0, demo: desk.demo };
  };
  // One row per change to an account (the hub's 'user' events this desk applied): hundreds at a centre.
  const accountHistory = ctx.db.sqlite.prepare<[string], { type: string; at: number; payload: string }>(
    'SELECT type, at, payload FROM user_events WHERE user_id = ? ORDER BY global_seq DESC LIMIT 200 /* scan: user_events holds one row per change to an account, hundreds at a centre */',
  );
  const allChanges = ctx.db.sqlite.prepare<[], { user_id: string; name: string | null; type: string; at: number; payload: string }>(
    'SELECT e.user_id, u.name, e.type, e.at, e.payload FROM user_events e LEFT JOIN users u ON u.id = e.user_id ORDER BY e.global_seq DESC LIMIT 500 /* scan: user_events holds one row per change to an account, hundreds at a centre */',
  );
  /** A stored 'user' event as People says it (none for one this desk cannot read). */
  const change = (row: { type: string; at: number; payload: string }) => {
    const type = userEventTypeSchema.safeParse(row.type);
    const payload = userStreamPayloadSchema.safeParse(JSON.parse(row.payload));
    if (!type.success || !payload.success) return null;
    const by = payload.data.actorName === 'system' ? null : payload.data.actorName;
    return { at: row.at, type: type.data, by, changes: payload.data.changes, name: payload.data.user.name };
  };
  return {
    reads: {
      'hub.status': () => hub.status(),
      'hub.reach': async (s) => {
        const status = hub.status();
        if (!status.joined) return null;
        let why: ReturnType<ApiError['toJSON']> | null = null;
        try {
          await hub.probe(status.url);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          why = error.toJSON();
        }
        return { url: status.url, why, anyoneSignedInHere: hub.anyoneSignedInHere(), mayChangeAddress: mayJoinHub(s.user, deskData()) === null };
      },
      'hubUsers.list': (s) => hub.hubUsers.list(signedIn(s).id),
      'hubUsers.history': (s, i) => {
        refuseUnless(mayAdminister(signedIn(s)));
        return accountHistory.all(i.id).flatMap((row) => {
          const c = change(row);
          return c ? [{ at: c.at, type: c.type, by: c.by, changes: c.changes }] : [];
        });
      },
      'hubUsers.changes': (s) => {
        refuseUnless(mayAdminister(signedIn(s)));
        return allChanges.all().flatMap((row) => {
          const c = change(row);
          // Named as the account is called now (the event's own name if this desk has no row).
          return c ? [{ ...c, userId: row.user_id, name: row.name ?? c.name }] : [];
        });
      },
      'hubDesks.list': (s) => {
        refuseUnless(mayViewDesks(signedIn(s)));
        return hub.hubDesks(signedIn(s).id);
      },
    },
    writes: {
      'session.signInWithPassword': async (s, i) => {
        const { user, resume, hubNotUsed } = await hub.signIn(i.email, i.password);
        // Whoever had this window before (switching user) can no longer resume in it.
        if (s.resumeId) hub.forgetResume(s.resumeId);
        s.user = user;
        s.resumeId = resume.entry.id;
        return { user, resume: { secret: resume.secret, expiresAt: resume.entry.expiresAt }, hubNotUsed };
      },
      'session.resume': async (s, i) => {
        const { user, entry } = await hub.resume(i.secret);
        s.user = user;
        s.resumeId = entry.id;
        return user;
      },
      'hub.join': (s, i) => {
        // Public, as setting the desk up is: at first start nobody is signed in yet.
        const data = deskData();
        refuseUnless(mayJoinHub(s.user, data));
        // A joined desk with data follows only its own hub to a new address, as the admin's hub session there shows.
        return hub.join(i.url, hub.status().joined && data.hasData ? s.user?.id : undefined);
      },
      'hubUsers.create': (s, i) => hub.hubUsers.create(signedIn(s).id, i),
      'hubUsers.update': (s, { id, ...change }) => {
        // Asked here too, so the desk says it without asking the hub (which refuses it as well).
        if (change.active !== undefined) refuseUnless(maySetActive(signedIn(s), { id }, change.active));
        if (change.role !== undefined) refuseUnless(maySetRole(signedIn(s), { id }, change.role));
        return hub.hubUsers.update(signedIn(s).id, id, change);
      },
      'hubUsers.resetPassword': (s, i) => hub.hubUsers.resetPassword(signedIn(s).id, i.id, i.password),
    },
  };
}
