import { visibleQueues, worksQueue } from '../../../shared/access';
import { actorOf, SEGMENTS, TIERS } from '../../../shared/domain';
import type { DeskContext } from './context';
import { takenReply } from './tickets';
import { refuseUnless, signedIn, type Area } from './types';

// Queues by segment and tier, one's own tickets, and taking the next one.
export function queueHandlers(ctx: DeskContext): Area<'queues.list' | 'queues.tickets' | 'inbox.mine', 'queues.takeNext'> {
  const { tickets, store, clock } = ctx;
  return {
    reads: {
      'queues.list': (s) => tickets.queueSummaries(visibleQueues(signedIn(s)), { waiting: true }),
      'queues.tickets': (s, i) => {
        const visible = visibleQueues(signedIn(s));
        if (visible !== 'all' && !visible.some((q) => q.segment === i.segment && q.tier === i.tier)) refuseUnless('That queue is not one of yours.');
        const summary = tickets.queueSummaries([{ segment: i.segment, tier: i.tier }])[0];
        return { rows: tickets.queueRows(i, i.limit, i.offset, i.order, ctx.users.names()), total: summary?.open ?? 0 };
      },
      'inbox.mine': (s) => tickets.assignedTo(signedIn(s).id, ctx.users.names()),
    },
    writes: {
      'queues.takeNext': (s, i) => {
        const u = signedIn(s);
        const visible = visibleQueues(u);
        // The queues to try, in the board's order (tier, then segment): no counts needed to
        // choose, the take itself finds whether a queue has a ticket waiting.
        const places = visible === 'all' ? TIERS.flatMap((tier) => SEGMENTS.map((segment) => ({ segment, tier }))) : [...visible];
        const candidates = places
          .sort((a, b) => a.tier - b.tier || (a.segment < b.segment ? -1 : a.segment > b.segment ? 1 : 0))
          .filter((q) => (i.segment === undefined || q.segment === i.segment) && (i.tier === undefined || q.tier === i.tier))
          .filter((q) => worksQueue(u, q));
        for (const q of candidates) {
          const taken = store.takeNext(actorOf(u), q, clock.now());
          if (taken) return takenReply(ctx, s, taken);
        }
        return null;
      },
    },
  };
}
