import { say } from '../../../shared/messageKeys';
import { ApiError } from '../../../shared/api';
import type { DeskContext } from './context';
import { signedIn, type Area } from './types';

// Who is at the desk: the people to choose from, signing in and out, the directory.
export function sessionHandlers(
  { users, options }: DeskContext,
  hubJoined: () => boolean,
  onSignOut: (userId: string) => void = () => undefined,
  forgetResume: (id: string) => void = () => undefined,
): Area<'session.users' | 'session.me' | 'users.list', 'session.signIn' | 'session.signOut'> {
  return {
    reads: {
      'session.users': () => users.list().filter((u) => u.active),
      'session.me': (s) => s.user,
      'users.list': (s) => {
        signedIn(s);
        return users.list();
      },
    },
    // These write the session, not the database.
    writes: {
      'session.signIn': (s, i) => {
        // On a desk joined to a hub people sign in with their hub account. A desk opened only
        // to read (the CLI's stats, lookup and duplicates, by whoever can read its file) writes
        // nothing that would need their session, so anyone on it may be chosen.
        if (hubJoined() && !options.readOnly) throw new ApiError('forbidden', say('pickOnJoinedDesk'));
        const u = users.get(i.userId);
        if (!u || !u.active) throw new ApiError('not_found', say('userNotFound'));
        s.user = u;
        return u;
      },
      'session.signOut': (s) => {
        const was = s.user;
        s.user = null;
        // The window's secret goes with it: a reload after signing out asks for the password.
        if (s.resumeId) forgetResume(s.resumeId);
        s.resumeId = null;
        if (was) onSignOut(was.id);
        return null;
      },
    },
  };
}
