import { say } from '../shared/messageKeys';
import { mayCreateTicket } from '../shared/access';
import { ticketCommandSchema } from '../shared/ticketMachine';
import { createdPayloadSchema, decide, evolve, type Decision, type LogEvent } from '../shared/ticketLog';
import { earliestDueAt } from '../shared/sla/ticketSla';
import type { Recheck } from './envelope';

// The hub's re-check of an event a desk pushed: the shared ticket log's own decide and
// evolve (src/shared/ticketLog), the same code the desk ran, against the hub's projection
// of the ticket and with the person as the hub knows them now. An event is accepted when
// deciding its command on the hub's state gives that same event; then evolve folds it in.

export const ticketLogRecheck: Recheck = (state, e, directory) => {
  const refuse = (reason: string) => ({ ok: false as const, reason });
  const expected = (state?.seq ?? 0) + 1;
  // A change made on an older step: when the ticket as it is now refuses it anyway (someone
  // took it first), that is the reason a person understands. Otherwise it is not refused:
  // its desk has news to pull first (another desk's step, or its own earlier event this hub
  // refused), rebases the change on it and sends it again as the next step.
  if (e.seq !== expected) {
    if (e.type === 'CREATED' && state) return refuse(say('ticketExists'));
    const now = refusedNow(state, e, directory);
    if (now) return refuse(now);
    const moved = say('hubTicketMoved');
    // A step the hub does not have yet before it (made after one it never got) is refused.
    return e.seq < expected ? { ok: false, reason: moved, stale: true } : refuse(moved);
  }
  const event: LogEvent = { ticketId: e.ticketId, seq: e.seq, type: e.type, payload: e.payload, actor: e.actor, at: e.deskTime };
  try {
    if (e.type === 'CREATED') {
      if (state) return refuse(say('ticketExists'));
      const payload = createdPayloadSchema.safeParse(e.payload);
      if (!payload.success) return refuse(say('newTicketIncomplete'));
      const why = mayCreateTicket(e.actor, payload.data.segment);
      return why ? refuse(why) : { ok: true, state: evolve(null, event) };
    }
    if (!state) return refuse(say('ticketNotFound'));
    // A policy change rides along with the act that met it; it changes no one's powers.
    if (e.type === 'POLICY_CHANGED') return { ok: true, state: evolve(state, event) };
    const decision = decideOn(state, e, directory, state.seq);
    if ('unread' in decision) return refuse(say('hubCannotRead', { event: e.type, detail: decision.unread }));
    if (!decision.ok) return refuse(decision.reason);
    const decided = decision.events[decision.events.length - 1];
    // A breach of a run the ticket's log already records one of (another desk's, accepted
    // first): the ticket goes up a tier once a run. A desk that rebases drops its own before
    // sending it (decide gives no event); one that sent it anyway is told why.
    if (!decided && e.type === 'SLA_BREACH') return refuse(say('slaBreachRepeated'));
    if (!decided || decided.type !== e.type) return refuse(say('hubDecidedOther', { decided: decided?.type ?? 'nothing', event: e.type }));
    if (decided.id !== null && decided.id !== e.id) return refuse(say('slaEventId'));
    if (dueTooEarly(state, e)) return refuse(say('slaDueTooEarly'));
    return { ok: true, state: evolve(state, event) };
  } catch (error) {
    return refuse(say('hubCouldNotApply', { detail: error instanceof Error ? error.message : String(error) }));
  }
};

type State = NonNullable<Parameters<Recheck>[0]>;

/**
 * An SLA warning or breach whose deadline is earlier than its ticket's log allows (the clock's
 * earliest start plus the shortest target the ticket ran under: earliestDueAt). The desk's word
 * is all the hub had, and a desk with a wrong clock or a tampered file escalated a ticket at once
 * with a deadline in the past. Nothing honest is refused: calendars and waits only push it later.
 */
function dueTooEarly(state: State, e: Pushed): boolean {
  if (e.type !== 'SLA_WARNING' && e.type !== 'SLA_BREACH') return false;
  const { target, dueAt } = e.payload;
  if (typeof dueAt !== 'number' || (target !== 'firstResponse' && target !== 'nextResponse' && target !== 'resolution')) return false;
  const earliest = earliestDueAt(state.log, state.policies, target);
  return earliest !== null && dueAt < earliest;
}
type Pushed = Parameters<Recheck>[1];

/** The pushed act decided on the hub's state, as the desk decided it; `unread` when its payload is not a command. */
function decideOn(state: State, e: Pushed, directory: Parameters<Recheck>[2], expectedSeq?: number): Decision | { unread: string } {
  const command = ticketCommandSchema.safeParse({ ...e.payload, type: e.type });
  if (!command.success) return { unread: command.error.issues[0]?.message ?? 'invalid' };
  const assignee = command.data.type === 'ASSIGN' ? directory.person(command.data.assigneeId) : null;
  return decide(state, { kind: 'act', command: command.data, ...(expectedSeq === undefined ? {} : { expectedSeq }), assignee, person: (id) => directory.person(id), policy: null }, e.actor, e.deskTime);
}

/** Why the ticket as the hub holds it now refuses this act, or null when it would take it (or cannot say). */
function refusedNow(state: Parameters<Recheck>[0], e: Pushed, directory: Parameters<Recheck>[2]): string | null {
  if (!state || e.type === 'CREATED' || e.type === 'POLICY_CHANGED') return null;
  try {
    const decision = decideOn(state, e, directory);
    return 'unread' in decision || decision.ok ? null : decision.reason;
  } catch {
    return null;
  }
}
