import { mayBeAssigned, mayCreateTicket, maySeeSegment, type Person } from '../access';
import { say } from '../messageKeys';
import { SYSTEM_ACTOR, type Actor, type Channel, type Priority, type Segment, type ServiceLevel } from '../domain';
import type { SlaPolicy } from '../sla/slaClock';
import { repeatsBreach } from '../sla/ticketSla';
import { applyEvent, type TicketPosition } from '../ticket';
import { step } from '../ticketSteps';
import { isPendingState, type TicketCommand, type TicketEvent } from '../ticketMachine';
import { systemEventId, type CreatedPayload, type TicketLogEventType } from './envelope';
import { evolve, type LogEvent, type TicketLogState } from './evolve';

// decide(state, command, actor, now) -> events | refusal. Pure: every permission and every
// rule is decided here, from the state and the command alone, before a store writes
// anything; the store then appends exactly the events returned (folding each with evolve).
// The desk runs it when a person acts; the hub runs it again on what a desk pushed.

/** The SLA policy the desk (or hub) has in force for the ticket's segment and level now. */
export interface PolicyInForce {
  version: number;
  policy: SlaPolicy;
}

/** Someone a ticket may be assigned to, as the directory knows them. */
export type Assignee = Person & { name: string; active: boolean };

export type TicketLogCommand =
  | {
      kind: 'create';
      ticketId: string;
      number: number;
      customer: { id: string; name: string; segment: Segment; serviceLevel: ServiceLevel };
      asset: { id: string; customerId: string; serviceTag: string } | null;
      subject: string;
      description: string;
      priority: Priority;
      channel: Channel;
      reopenWindowMs: number;
      policy: PolicyInForce | null;
      /** The earlier ticket it follows (its reopen window passed), checked to exist by the caller. */
      follows?: string;
    }
  | {
      kind: 'act';
      command: TicketCommand;
      /** The seq the caller last saw; a different one is a conflict (the old expectedVersion). */
      expectedSeq?: number;
      /** For ASSIGN: the person named, as the directory knows them (null: unknown). */
      assignee?: Assignee | null;
      /**
       * For DEESCALATE and REOPEN: the directory, asked after the person the ticket would go
       * back to (null: unknown). Without it, or for one who may no longer hold it there, the
       * ticket goes to the queue.
       */
      person?: (id: string) => Assignee | null;
      policy: PolicyInForce | null;
    }
  /** A policy change reaching the ticket with no other event (an admin's recompute). */
  | { kind: 'applyPolicy'; policy: PolicyInForce | null };

/** An event decided but not yet sealed into an envelope (no desk id, no event id unless system). */
export interface EventDraft extends LogEvent {
  /** Set for system events (derived, the same on every desk); the store makes the others. */
  id: string | null;
  /**
   * Where the machine lands on this event, as decide() found it when it checked the event
   * against the same state: evolve() takes it instead of running the transition again.
   */
  position?: TicketPosition;
}

export type RefusalCode = 'refused' | 'forbidden' | 'not_found' | 'conflict' | 'invalid_input';
export interface Refused {
  ok: false;
  code: RefusalCode;
  reason: string;
  issues?: Array<{ path: string; message: string }>;
}
export type Decision = { ok: true; events: EventDraft[] } | Refused;

const refuse = (code: RefusalCode, reason: string, issues?: Refused['issues']): Refused => ({ ok: false, code, reason, ...(issues ? { issues } : {}) });

export function decide(state: TicketLogState | null, command: TicketLogCommand, actor: Actor, now: number): Decision {
  switch (command.kind) {
    case 'create':
      return decideCreate(state, command, actor, now);
    case 'act':
      return decideAct(state, command, actor, now);
    case 'applyPolicy': {
      if (!state) return refuse('not_found', say('ticketNotFound'));
      const change = policyChange(state, command.policy, now);
      return { ok: true, events: change ? [change] : [] };
    }
  }
}

function decideCreate(state: TicketLogState | null, c: Extract<TicketLogCommand, { kind: 'create' }>, actor: Actor, now: number): Decision {
  if (state) return refuse('conflict', say('ticketExists'));
  const who = mayCreateTicket(actor, c.customer.segment);
  if (who) return refuse('forbidden', who);
  if (c.asset && c.asset.customerId !== c.customer.id) {
    return refuse('invalid_input', say('assetOfOther'), [{ path: 'assetId', message: 'Choose one of this customer’s systems.' }]);
  }
  const payload: CreatedPayload = {
    number: c.number,
    customerId: c.customer.id,
    customerName: c.customer.name,
    assetId: c.asset?.id ?? null,
    serviceTag: c.asset?.serviceTag ?? null,
    segment: c.customer.segment,
    serviceLevel: c.customer.serviceLevel,
    priority: c.priority,
    subject: c.subject.trim(),
    description: c.description.trim(),
    channel: c.channel,
    reopenWindowMs: c.reopenWindowMs,
    policy: c.policy,
    ...(c.follows ? { follows: c.follows } : {}),
  };
  return { ok: true, events: [draft(c.ticketId, 1, 'CREATED', payload as unknown as Record<string, unknown>, actor, now)] };
}

function decideAct(state: TicketLogState | null, c: Extract<TicketLogCommand, { kind: 'act' }>, actor: Actor, now: number): Decision {
  if (!state) return refuse('not_found', say('ticketNotFound'));
  const command = c.command;
  const isSla = command.type === 'SLA_WARNING' || command.type === 'SLA_BREACH';
  if (isSla && actor.role !== 'system') return refuse('forbidden', say('slaFromScheduler'));
  const sees = maySeeSegment(actor, state.head.segment);
  if (sees) return refuse('forbidden', sees);
  // A second breach of the same run of a target's clock (two desks offline on different
  // settings each recorded one, and their logs met) is nothing to record: the run breached
  // once, and the ticket went up a tier once. No event, so a desk's rebase drops its own and the
  // hub keeps the first it accepted: every desk ends with the hub's one breach (ticketSla.ts).
  if (command.type === 'SLA_BREACH' && repeatsBreach(state.log, state.policies, command.target, command.dueAt)) return { ok: true, events: [] };
  const event = withQueue({ ...withWait(command, state), at: now, actor } as TicketEvent, state, c.person);
  const applied = applyEvent(state.position, event);
  if (c.expectedSeq !== undefined && c.expectedSeq !== state.seq) {
    // Asked of a ticket that has changed since the page showed it. When the rules now refuse
    // it (someone took it first, it went up a tier), that is what happened: "review and try
    // again" sent the second of two people pressing Take to try what can no longer be done.
    return refuse('conflict', applied.ok || command.type === 'ASSIGN' ? say('ticketChanged') : applied.reason);
  }
  if (command.type === 'ASSIGN') {
    const a = c.assignee ?? null;
    if (!a || !a.active || a.id !== command.assigneeId) {
      return refuse('invalid_input', say('assigneeInactive'), [{ path: 'command.assigneeId', message: 'Unknown or inactive user.' }]);
    }
    const why = mayBeAssigned(a, { segment: state.head.segment, tier: state.position.context.tier });
    if (why) return refuse('refused', why);
  }
  if (!applied.ok) return refuse('refused', applied.reason);
  const events: EventDraft[] = [];
  const change = policyChange(state, c.policy, now);
  if (change) events.push(change);
  const { type, at: _at, actor: _actor, ...payload } = event;
  const next = draft(state.ticketId, state.seq + events.length + 1, type, payload, actor, now);
  if (command.type === 'SLA_WARNING' || command.type === 'SLA_BREACH') next.id = systemEventId(state.ticketId, command.type, command.target, command.dueAt);
  next.position = applied.next;
  events.push(next);
  return { ok: true, events };
}

/**
 * An assignment says whether the ticket is waiting on the customer: one that is stays waiting
 * in the new holder's hands. It had gone to "in progress" while its SLA clock stayed paused
 * (only the customer's reply restarts it), so the new holder saw it in progress, and escalated
 * or worked it with its clock stopped. Decided here from the state, whatever the caller sent.
 */
function withWait(command: TicketCommand, state: TicketLogState): TicketCommand {
  if (command.type !== 'ASSIGN') return command;
  const { keepWaiting: _sent, ...rest } = command;
  return isPendingState(state.position.state) ? { ...rest, keepWaiting: true } : rest;
}

/**
 * A ticket handed back down, or reopened, goes back to whoever held it at that tier only if
 * they may still be given it there, as an assignment would ask (active, and working that
 * segment and tier, or a supervisor); otherwise to the queue, unassigned, where those who work
 * it see it and Take next finds it. It had gone to a deactivated person's list, or to one who
 * no longer works that queue, and sat there: nobody worked it, and its SLA notices went to
 * them alone. Decided here, from the state and the person as the directory knows them now,
 * whatever the caller sent, and recorded on the event (toQueue), so every desk and the hub
 * replay it the same way; one logged without the mark replays as it was decided then.
 */
function withQueue(event: TicketEvent, state: TicketLogState, person: ((id: string) => Assignee | null) | undefined): TicketEvent {
  if (event.type !== 'DEESCALATE' && event.type !== 'REOPEN') return event;
  const { toQueue: _sent, ...plain } = event;
  // Refused (null): applyEvent says why, on the event as sent.
  return queueInstead(plain, state, person) ? { ...plain, toQueue: true } : plain;
}

/** withQueue's rule: true when the one the ticket would go back to may not take it; null when the step is refused. */
function queueInstead(plain: TicketEvent, state: TicketLogState, person: ((id: string) => Assignee | null) | undefined): boolean | null {
  const back = step(state.position, plain);
  if (!back) return null;
  const holderId = back.context.assigneeId;
  const holder = holderId === null ? null : (person?.(holderId) ?? null);
  const keeps = holder !== null && holder.id === holderId && mayBeAssigned(holder, { segment: state.head.segment, tier: back.context.tier }) === null;
  return !keeps;
}

/**
 * Whether handing the ticket back down, or reopening it, now would send it to its tier's
 * queue, unassigned (the one who held it there is deactivated, or no longer works that
 * queue), rather than back to them: decided as decide() will decide it, for the dialog to say
 * so before the person confirms. Null when the ticket cannot take that step now.
 */
export function goesToQueue(state: TicketLogState, type: 'DEESCALATE' | 'REOPEN', actor: Actor, now: number, person: (id: string) => Assignee | null): boolean | null {
  // A hand-back needs its note; which note changes nothing of where it goes.
  const event = (type === 'DEESCALATE' ? { type, note: 'note', at: now, actor } : { type, at: now, actor }) as TicketEvent;
  return queueInstead(event, state, person);
}

/**
 * Recorded as the system's doing: nobody chose it for this ticket.
 * The policy in force differs from the one the ticket last ran under: it applies from this
 * event on (from the ticket's creation if it never had one).
 */
function policyChange(state: TicketLogState, policy: PolicyInForce | null, now: number): EventDraft | null {
  if (!policy) return null;
  const last = state.policies.at(-1);
  if (last && last.policy.id === policy.policy.id && last.version === policy.version) return null;
  const from = state.policies.length === 0 ? state.head.createdAt : now;
  return draft(state.ticketId, state.seq + 1, 'POLICY_CHANGED', { from, version: policy.version, policy: policy.policy }, SYSTEM_ACTOR, now);
}

function draft(ticketId: string, seq: number, type: TicketLogEventType, payload: Record<string, unknown>, actor: Actor, at: number): EventDraft {
  return { id: null, ticketId, seq, type, payload, actor, at };
}

/** Folds a decision's events into the state, in order. */
export function evolveAll(state: TicketLogState | null, events: readonly LogEvent[]): TicketLogState | null {
  let s = state;
  for (const e of events) s = evolve(s, e);
  return s;
}
