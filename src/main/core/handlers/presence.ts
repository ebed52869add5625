import { say } from '../../../shared/messageKeys';
import { ApiError, type PushPayload } from '../../../shared/api';
import { maySeeSegment } from '../../../shared/access';
import type { HubLink } from '../hubLink';
import { presenceLink } from '../presence';
import type { DeskContext } from './context';
import { refuseUnless, signedIn, type Area } from './types';

// Presence on a ticket (who else has it open or is typing on it), relayed through the hub
// (core/presence.ts). Only a ticket the person may see: the desk checks its segment here, and
// the hub checks it again and tells nobody outside it. Alone, nobody else is there.
export function presenceHandlers(ctx: DeskContext, hub: HubLink, push: (p: PushPayload<'presence.changed'>, segment: string) => void): Area<'presence.of', 'presence.set'> & { close(): void; signedOut(userId: string): void } {
  const k = ctx.db.kysely;
  const segmentOf = (ticketId: string) => ctx.db.get(k.selectFrom('tickets').select('segment').where('id', '=', ticketId))?.segment;
  // Windows of people who may not see the ticket's segment are not told who is on it.
  const link = presenceLink({
    hub,
    onChange: (p) => {
      const segment = segmentOf(p.ticketId);
      if (segment) push(p, segment);
    },
  });

  function mayOpen(s: Parameters<typeof signedIn>[0], ticketId: string) {
    const u = signedIn(s);
    const segment = segmentOf(ticketId);
    if (!segment) throw new ApiError('not_found', say('ticketNotFound'));
    refuseUnless(maySeeSegment(u, segment));
    return u;
  }

  return {
    /** The desk closes: its live lines to the hub go, and with them its people's presence. */
    close: () => link.close(),
    /** Someone signed out of a window: nobody is told they are still on its ticket. */
    signedOut: (userId: string) => link.signedOut(userId),
    reads: {
      'presence.of': (s, i) => link.of(mayOpen(s, i.ticketId).id, i.ticketId),
    },
    writes: {
      'presence.set': (s, i) => {
        // Leaving needs no right to the ticket: a person whose segments changed may still go.
        const u = i.state === 'left' ? signedIn(s) : mayOpen(s, i.ticketId);
        link.set(u.id, i.ticketId, i.state);
        return null;
      },
    },
  };
}
