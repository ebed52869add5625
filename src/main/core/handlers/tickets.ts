import { say } from '../../../shared/messageKeys';
import { ApiError } from '../../../shared/api';
import { maySeeSegment, seesSegment } from '../../../shared/access';
import { actorOf } from '../../../shared/domain';
import type { Written } from '../ticketStore';
import type { DeskContext } from './context';
import { actor, refuseUnless, signedIn, type Area, type Session } from './types';

// One ticket: its page, opening one, acting on one; and where a few stand. Writes go through
// the ticket log's store, which decides before it writes; an action's reply is built from
// what it wrote alone.

/** Who sees a ticket's page, refused unless they may: the arguments its builders take after it. */
function viewing(ctx: DeskContext, s: Session, t: Written) {
  const u = signedIn(s);
  refuseUnless(maySeeSegment(u, t.row.segment));
  return [u.role === 'admin' ? null : actorOf(u), ctx.clock.now(), ctx.users.names()] as const;
}

/** A ticket's page as the signed-in person sees it, from what was just read or written. */
function ticketPage(ctx: DeskContext, s: Session, t: Written) {
  return ctx.tickets.detail(t, ...viewing(ctx, s, t));
}

/** An action's reply: the page as the action left it, from what it wrote alone (no read). */
export function actionReply(ctx: DeskContext, s: Session, t: Written) {
  return ctx.tickets.pageOf(t, ...viewing(ctx, s, t));
}

/** A take's reply: the taken ticket's row (the window opens its page, which reads the rest). */
export function takenReply(ctx: DeskContext, s: Session, t: Written) {
  const [, , users] = viewing(ctx, s, t);
  return { ticket: ctx.tickets.rowOf(t, users) };
}

export function ticketHandlers(ctx: DeskContext): Area<'tickets.get' | 'tickets.states', 'tickets.create' | 'tickets.act'> {
  const { store, clock, users } = ctx;
  return {
    reads: {
      'tickets.get': (s, i) => {
        const t = store.load(i.ticketId);
        if (!t) throw new ApiError('not_found', say('ticketNotFound'));
        const page = ticketPage(ctx, s, t);
        ctx.audit.opened(signedIn(s).id, t.row.customer_id, 'ticket', t.row.id, clock.now());
        return page;
      },
      // Where tickets stand, for a window checking what it kept (notices that come back):
      // the same rule of seeing as a page, a ticket of another segment simply left out, and
      // no customer read, so no entry in the access log: nobody opened a record.
      'tickets.states': (s, i) => {
        const u = signedIn(s);
        return ctx.tickets.standings(i.ticketIds, (segment) => seesSegment(u, segment));
      },
    },
    writes: {
      'tickets.create': (s, i) => {
        const { assignToMe, ...ticket } = i;
        const created = store.create(actor(s), { ...ticket, take: assignToMe, at: clock.now() });
        return { ...ticketPage(ctx, s, created), takeRefused: created.takeRefused };
      },
      'tickets.act': (s, i) => {
        const assignee = i.command.type === 'ASSIGN' ? users.get(i.command.assigneeId) : null;
        return actionReply(ctx, s, store.act(actor(s), i.ticketId, i.command, clock.now(), i.expectedSeq, assignee));
      },
    },
  };
}
