import { mayActAtTier, mayCreateTicket, mayHold, mayTake, mayWorkSegment, type Person } from './access';
import { segmentSchema, type Tier } from '../shared/domain';
import type { Recheck, TicketState } from './envelope';

// STAND-IN for the shared ticket log's decide/evolve (issue 10 part 1): a few ticket events
// judged with the access rules, enough to exercise the hub. When src/shared's log lands this
// becomes `decide` + `evolve` from there and this file goes.

export const standInRecheck: Recheck = (state, event) => {
  const actor: Person = event.actor;
  const expected = (state?.seq ?? 0) + 1;
  if (event.seq !== expected) {
    return { ok: false, reason: `This ticket has changed since you saw it (its next step is ${expected}, yours was ${event.seq}).` };
  }
  if (!state) {
    if (event.type !== 'CREATED') return { ok: false, reason: 'This ticket does not exist.' };
    const segment = segmentSchema.safeParse(event.payload.segment);
    if (!segment.success) return { ok: false, reason: 'A new ticket needs a segment.' };
    const refused = mayCreateTicket(actor, segment.data);
    if (refused) return { ok: false, reason: refused };
    return { ok: true, state: { id: event.ticketId, seq: 1, segment: segment.data, tier: 1, assigneeId: null, status: 'open' } };
  }
  const next = (patch: Partial<TicketState>) => ({ ok: true as const, state: { ...state, ...patch, seq: expected } });
  const refuse = (reason: string) => ({ ok: false as const, reason });
  switch (event.type) {
    case 'TAKE':
      return refusedOr(mayTake(actor, state), () => next({ assigneeId: actor.id, status: 'in_progress' }));
    case 'ESCALATE':
      if (state.tier === 3) return refuse('This ticket is already at the last tier.');
      return refusedOr(mayHold(actor, state), () => next({ tier: (state.tier + 1) as Tier, assigneeId: null, status: 'escalated' }));
    case 'RESOLVE':
      return refusedOr(mayHold(actor, state), () => next({ status: 'resolved' }));
    case 'SLA_BREACH':
      if (actor.role !== 'system') return refuse('SLA events come from the scheduler, not from people.');
      return state.tier === 3 ? next({}) : next({ tier: (state.tier + 1) as Tier, assigneeId: null, status: 'escalated' });
    case 'ADD_NOTE':
      return refusedOr(mayWorkSegment(actor, state.segment), () => next({}));
    case 'CHANGE_PRIORITY':
      return refusedOr(actor.role === 'supervisor' ? null : 'Only a supervisor can do that.', () => next({}));
    default:
      return refusedOr(mayActAtTier(actor, state), () => refuse(`The hub does not know the event ${event.type}.`));
  }
};

function refusedOr<T>(refusal: string | null, then: () => T): T | { ok: false; reason: string } {
  return refusal ? { ok: false, reason: refusal } : then();
}
