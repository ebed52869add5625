import { createActor, type ActorScope, type EventObject } from 'xstate';
import { ACTION_PHRASE, say, STATE_PHRASE } from './messageKeys';
import type { Actor } from './domain';
import {
  isOpenState,
  RULES,
  stateName,
  ticketMachine,
  type TicketEvent,
  type TicketEventType,
  type TicketInput,
  type TicketSnapshot,
  type TicketState,
} from './ticketMachine';
import { canStep, step, type TicketPosition } from './ticketSteps';

// The operations the core and the UI perform on a ticket machine, as plain functions over
// (state, context) pairs: that pair is what the ticket row stores, and it is all a
// snapshot needs to be rebuilt.

export type { TicketPosition };

export type Applied = { ok: true; next: TicketPosition } | { ok: false; reason: string };

// A step of the machine is read from its step table (ticketSteps.ts), which XState's own
// `transition` is tested against; XState builds the first position. Its pure
// `initialTransition` builds a throw-away actor on every call (and that actor computes an
// initial snapshot of its own, here from no input, which fails validation and builds an
// error). The ticket machine has no children, delays or side effects to run, so one inert
// scope serves every call.
type Scope = ActorScope<TicketSnapshot, TicketEvent & EventObject>;
let inert: Scope | null = null;
function scope(): Scope {
  if (inert) return inert;
  const self = createActor(ticketMachine, { input: { segment: 'home', priority: 'normal', at: 0 } });
  inert = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => undefined,
    defer: () => undefined,
    emit: () => undefined,
    stopChild: () => undefined,
    actionExecutor: () => undefined,
  };
  return inert;
}

export function openTicket(input: TicketInput): TicketPosition {
  return position(ticketMachine.getInitialSnapshot(scope(), input));
}

/** XState's own step, for the tests that hold the step table to it. */
export function xstateStep(pos: TicketPosition, event: TicketEvent): TicketPosition | null {
  const snapshot = ticketMachine.resolveState({ value: stateValue(pos.state), context: pos.context });
  const next = ticketMachine.transition(snapshot, event, scope());
  return next === snapshot ? null : position(next);
}

export function applyEvent(pos: TicketPosition, event: TicketEvent): Applied {
  const next = step(pos, event);
  if (!next) return { ok: false, reason: explainRefusal(pos, event) };
  return { ok: true, next };
}

/** Replays a ticket's history; used to check that a stored row is the projection of its events. */
export function replay(input: TicketInput, events: readonly TicketEvent[]): Applied {
  let pos = openTicket(input);
  for (const ev of events) {
    const r = applyEvent(pos, ev);
    if (!r.ok) return r;
    pos = r.next;
  }
  return { ok: true, next: pos };
}

const PROBES: Record<TicketEventType, (base: { at: number; actor: Actor }) => TicketEvent> = {
  TAKE: (b) => ({ type: 'TAKE', ...b }),
  ASSIGN: (b) => ({ type: 'ASSIGN', assigneeId: 'someone', ...b }),
  ESCALATE: (b) => ({ type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'probe', ...b }),
  DEESCALATE: (b) => ({ type: 'DEESCALATE', note: 'probe', ...b }),
  WAIT_ON_CUSTOMER: (b) => ({ type: 'WAIT_ON_CUSTOMER', ...b }),
  CUSTOMER_REPLIED: (b) => ({ type: 'CUSTOMER_REPLIED', ...b }),
  ADD_NOTE: (b) => ({ type: 'ADD_NOTE', note: 'probe', ...b }),
  RESOLVE: (b) => ({ type: 'RESOLVE', code: 'fixed_remotely', note: 'probe', ...b }),
  CLOSE: (b) => ({ type: 'CLOSE', ...b }),
  REOPEN: (b) => ({ type: 'REOPEN', ...b }),
  CHANGE_PRIORITY: (b) => ({ type: 'CHANGE_PRIORITY', priority: 'urgent', ...b }),
  RETURN_TO_QUEUE: (b) => ({ type: 'RETURN_TO_QUEUE', ...b }),
  SLA_WARNING: (b) => ({ type: 'SLA_WARNING', target: 'resolution', dueAt: b.at, ...b }),
  SLA_BREACH: (b) => ({ type: 'SLA_BREACH', target: 'resolution', dueAt: b.at, ...b }),
};

/** The events this actor may send now: the UI shows exactly these actions. */
export function allowedEvents(pos: TicketPosition, actor: Actor, at: number): TicketEventType[] {
  return (Object.keys(PROBES) as TicketEventType[]).filter((type) => canStep(pos, PROBES[type]({ at, actor })));
}

const GOVERNING_RULE: Record<TicketEventType, keyof typeof RULES> = {
  TAKE: 'mayTake',
  ASSIGN: 'mayAssign',
  ESCALATE: 'mayEscalate',
  DEESCALATE: 'mayDeescalate',
  WAIT_ON_CUSTOMER: 'mayWork',
  CUSTOMER_REPLIED: 'mayReplyAsCustomer',
  ADD_NOTE: 'mayNote',
  RESOLVE: 'mayResolve',
  CLOSE: 'mayClose',
  REOPEN: 'mayReopen',
  CHANGE_PRIORITY: 'maySupervise',
  RETURN_TO_QUEUE: 'mayReturnToQueue',
  SLA_WARNING: 'isSystem',
  SLA_BREACH: 'isSystem',
};

/** Why the machine refuses an event, in words an agent understands. */
export function explainRefusal(pos: TicketPosition, event: TicketEvent): string {
  const why = RULES[GOVERNING_RULE[event.type]](pos.context, event);
  // Whether the state takes it at all: a reopen asked at the moment it was resolved (past the
  // window, the window is the reason, said alone, not after "a resolved ticket cannot be reopened").
  const probeAt = event.type === 'REOPEN' && pos.context.resolvedAt !== null ? pos.context.resolvedAt : event.at;
  const probe = PROBES[event.type]({ at: probeAt, actor: { id: 'probe', role: 'supervisor', tier: pos.context.tier, segments: [pos.context.segment] } });
  // Taking is possible in this state when the ticket is free: one someone holds says so
  // ("someone is already working this ticket"), not that the state refuses it.
  // Returning to the queue likewise, the other way: possible in this state when someone holds it.
  const probed =
    event.type === 'TAKE' && pos.context.assigneeId !== null
      ? { ...pos, context: { ...pos.context, assigneeId: null } }
      : event.type === 'RETURN_TO_QUEUE' && pos.context.assigneeId === null
        ? { ...pos, context: { ...pos.context, assigneeId: 'probe' } }
        : pos;
  const possibleAtAll = canStep(probed, event.type === 'SLA_WARNING' || event.type === 'SLA_BREACH' ? { ...probe, actor: { ...probe.actor, role: 'system' } } : probe);
  // An open ticket someone holds cannot be taken because they hold it, whichever state holding
  // it put it in: at tiers 2 and 3 a taken ticket is "in progress", where the machine has no
  // Take at all, and the second of two specialists pressing Take was told the state refuses it.
  const held = event.type === 'TAKE' && isOpenState(pos.state) && pos.context.assigneeId !== null;
  if (why && (possibleAtAll || held)) return why;
  return say('stateRefuses', { state: STATE_PHRASE[pos.state], action: ACTION_PHRASE[event.type], more: why && event.type === 'REOPEN' ? ' ' + why : '' });
}

/**
 * Why a resolved ticket cannot be reopened by this actor now (past the reopen window: the window
 * and how long ago it was resolved), in the machine's own words: the ticket page says it where
 * Reopen would be. Null when Reopen is allowed, or the ticket is not resolved.
 */
export function reopenRefusal(pos: TicketPosition, actor: Actor, at: number): string | null {
  if (pos.state !== 'resolved') return null;
  const probe = PROBES.REOPEN({ at, actor });
  return canStep(pos, probe) ? null : explainRefusal(pos, probe);
}

function position(snapshot: TicketSnapshot): TicketPosition {
  return { state: stateName(snapshot.value), context: snapshot.context };
}

function stateValue(state: TicketState): string | Record<string, string> {
  const [parent, child] = state.split('.');
  return child ? { [parent as string]: child } : (parent as string);
}
