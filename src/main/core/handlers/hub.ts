import { mayAdminister } from '../../../shared/access';
import type { HubLink } from '../hubLink';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

// The desk's link to a hub: joining it, signing in through it (email and password, with an
// offline verifier kept here), and the hub's people directory for admins.
export function hubHandlers(
  _ctx: DeskContext,
  hub: HubLink,
): Area<'hub.status' | 'hubUsers.list', 'session.signInWithPassword' | 'hub.join' | 'hubUsers.create' | 'hubUsers.update' | 'hubUsers.resetPassword'> {
  return {
    reads: {
      'hub.status': () => hub.status(),
      'hubUsers.list': (s) => hub.hubUsers.list(signedIn(s).id),
    },
    writes: {
      'session.signInWithPassword': async (s, i) => {
        const { user } = await hub.signIn(i.email, i.password);
        s.user = user;
        return user;
      },
      'hub.join': (s, i) => {
        refuseUnless(mayAdminister(signedIn(s)));
        return hub.join(i.url);
      },
      'hubUsers.create': (s, i) => hub.hubUsers.create(signedIn(s).id, i),
      'hubUsers.update': (s, { id, ...change }) => hub.hubUsers.update(signedIn(s).id, id, change),
      'hubUsers.resetPassword': (s, i) => hub.hubUsers.resetPassword(signedIn(s).id, i.id, i.password),
    },
  };
}
