import { mayJoinHub } from '../../../shared/access';
import type { HubLink } from '../hubLink';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

// The desk's link to a hub: joining it, signing in through it (email and password, with an
// offline verifier kept here), resuming a window after a reload with the secret that sign-in
// gave it (resumeSecrets.ts), and the hub's people directory for admins.
export function hubHandlers(
  ctx: DeskContext,
  hub: HubLink,
): Area<'hub.status' | 'hubUsers.list', 'session.signInWithPassword' | 'session.resume' | 'hub.join' | 'hubUsers.create' | 'hubUsers.update' | 'hubUsers.resetPassword'> {
  return {
    reads: {
      'hub.status': () => hub.status(),
      'hubUsers.list': (s) => hub.hubUsers.list(signedIn(s).id),
    },
    writes: {
      'session.signInWithPassword': async (s, i) => {
        const { user, resume } = await hub.signIn(i.email, i.password);
        // Whoever had this window before (switching user) can no longer resume in it.
        if (s.resumeId) hub.forgetResume(s.resumeId);
        s.user = user;
        s.resumeId = resume.entry.id;
        return { user, resume: { secret: resume.secret, expiresAt: resume.entry.expiresAt } };
      },
      'session.resume': async (s, i) => {
        const { user, entry } = await hub.resume(i.secret);
        s.user = user;
        s.resumeId = entry.id;
        return user;
      },
      'hub.join': (s, i) => {
        // Public, as setting the desk up is: at first start nobody is signed in yet.
        refuseUnless(mayJoinHub(s.user, ctx.status(false).initialized));
        return hub.join(i.url);
      },
      'hubUsers.create': (s, i) => hub.hubUsers.create(signedIn(s).id, i),
      'hubUsers.update': (s, { id, ...change }) => hub.hubUsers.update(signedIn(s).id, id, change),
      'hubUsers.resetPassword': (s, i) => hub.hubUsers.resetPassword(signedIn(s).id, i.id, i.password),
    },
  };
}
