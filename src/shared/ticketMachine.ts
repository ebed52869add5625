import { assign, setup, type SnapshotFrom, type StateValue } from 'xstate';
import { z } from 'zod';
import { mayAssign, mayChangePriority, mayHold, mayReturnToQueue, mayTake, mayWorkSegment, maySendSlaEvent } from './access';
import { say } from './messageKeys';
import {
  actorSchema,
  escalationReasonSchema,
  idSchema,
  prioritySchema,
  resolutionCodeSchema,
  segmentSchema,
  type Priority,
  type Segment,
  type Tier,
} from './domain';

// The ticket machine is pure: guards and actions read only the context and the event, and
// time and actor come in every event. The core asks it whether an event is allowed, the UI
// asks it which buttons to show, and the hub will ask it again; all get the same answer.
//
// States:
//   new                          created, unassigned, first line
//   tier1.open / tier1.pending   first line working it / waiting on the customer
//   tierN.waiting                escalated to tier N (2, 3), not yet taken
//   tierN.inProgress             a tier-N specialist works it
//   tierN.pending                tier N waits on the customer
//   resolved                     can be reopened within the reopen window
//   closed                       final

export const SLA_TARGETS = ['firstResponse', 'nextResponse', 'resolution'] as const;
export const slaTargetSchema = z.enum(SLA_TARGETS);
export type SlaTargetName = z.infer<typeof slaTargetSchema>;

const note = z.string().trim().min(1, say('noteNeeded')).max(10_000, say('noteTooLong'));
const base = { at: z.number().int().nonnegative(), actor: actorSchema };

// What a person asks for; the core adds when (at) and who (actor) to make it an event.
const optionalNote = z.string().max(10_000, say('noteTooLong')).optional();
const commands = {
  TAKE: z.object({ type: z.literal('TAKE') }),
  // keepWaiting: set by decide() on a ticket waiting on the customer, which stays waiting in
  // the new holder's hands (an ASSIGN logged without it, before it existed, replays as it was
  // decided then: into the tier's open or in-progress state).
  ASSIGN: z.object({ type: z.literal('ASSIGN'), assigneeId: idSchema, keepWaiting: z.literal(true).optional() }),
  ESCALATE: z.object({ type: z.literal('ESCALATE'), reason: escalationReasonSchema, note }),
  // toQueue (DEESCALATE, REOPEN): set by decide() when the person the ticket would go back to
  // may no longer hold it there (deactivated, or no longer working that segment or tier): it
  // goes to the queue instead, unassigned, for whoever works it to take. An event logged
  // without it (before it existed) replays as it was decided then: back to that person.
  DEESCALATE: z.object({ type: z.literal('DEESCALATE'), note, toQueue: z.literal(true).optional() }),
  WAIT_ON_CUSTOMER: z.object({ type: z.literal('WAIT_ON_CUSTOMER'), note: optionalNote }),
  CUSTOMER_REPLIED: z.object({ type: z.literal('CUSTOMER_REPLIED'), note: optionalNote }),
  ADD_NOTE: z.object({ type: z.literal('ADD_NOTE'), note }),
  RESOLVE: z.object({ type: z.literal('RESOLVE'), code: resolutionCodeSchema, note }),
  CLOSE: z.object({ type: z.literal('CLOSE') }),
  REOPEN: z.object({ type: z.literal('REOPEN'), note: optionalNote, toQueue: z.literal(true).optional() }),
  CHANGE_PRIORITY: z.object({ type: z.literal('CHANGE_PRIORITY'), priority: prioritySchema }),
  // The holder's hands emptied: the ticket goes back, unassigned, to the queue of the tier and
  // segment it is at, in the state it is in (one waiting on the customer stays waiting). A new
  // type (not an ASSIGN to nobody: ASSIGN names a person, and a desk that replayed one without
  // a name would refuse it as it refuses an assignment to nobody).
  RETURN_TO_QUEUE: z.object({ type: z.literal('RETURN_TO_QUEUE'), note: optionalNote }),
  SLA_WARNING: z.object({ type: z.literal('SLA_WARNING'), target: slaTargetSchema, dueAt: z.number().int() }),
  SLA_BREACH: z.object({ type: z.literal('SLA_BREACH'), target: slaTargetSchema, dueAt: z.number().int() }),
};
const c = commands;
export const ticketCommandSchema = z.discriminatedUnion('type', [
  c.TAKE, c.ASSIGN, c.ESCALATE, c.DEESCALATE, c.WAIT_ON_CUSTOMER, c.CUSTOMER_REPLIED, c.ADD_NOTE,
  c.RESOLVE, c.CLOSE, c.REOPEN, c.CHANGE_PRIORITY, c.RETURN_TO_QUEUE, c.SLA_WARNING, c.SLA_BREACH,
]);
export type TicketCommand = z.infer<typeof ticketCommandSchema>;

/** Every event the machine accepts, as validated at the boundary. */
export const ticketEventSchema = z.discriminatedUnion('type', [
  c.TAKE.extend(base), c.ASSIGN.extend(base), c.ESCALATE.extend(base), c.DEESCALATE.extend(base),
  c.WAIT_ON_CUSTOMER.extend(base), c.CUSTOMER_REPLIED.extend(base), c.ADD_NOTE.extend(base),
  c.RESOLVE.extend(base), c.CLOSE.extend(base), c.REOPEN.extend(base), c.CHANGE_PRIORITY.extend(base),
  c.RETURN_TO_QUEUE.extend(base), c.SLA_WARNING.extend(base), c.SLA_BREACH.extend(base),
]);
export type TicketEvent = z.infer<typeof ticketEventSchema>;
export type TicketEventType = TicketEvent['type'];
export const TICKET_EVENT_TYPES = Object.keys(commands) as TicketEventType[];
/** Events people may send; the SLA events come only from the scheduler. */
export const PERSON_EVENT_TYPES = TICKET_EVENT_TYPES.filter((t) => !t.startsWith('SLA_'));

export const DEFAULT_REOPEN_WINDOW_MS = 7 * 24 * 3600 * 1000;

/**
 * A ticket's reopen window in whole days, as its refusal names it: the window its machine keeps
 * (set where the ticket was opened, on whichever desk), not this desk's default. Resolve's
 * dialog says the same number the Reopen refusal will.
 */
export const reopenWindowDays = (ctx: { reopenWindowMs: number }): number => Math.round(ctx.reopenWindowMs / 86_400_000);

export const ticketInputSchema = z.object({
  segment: segmentSchema,
  priority: prioritySchema,
  reopenWindowMs: z.number().int().nonnegative().default(DEFAULT_REOPEN_WINDOW_MS),
  at: z.number().int().nonnegative(),
});
export type TicketInput = z.input<typeof ticketInputSchema>;

export interface TicketContext {
  segment: Segment;
  tier: Tier;
  priority: Priority;
  assigneeId: string | null;
  /** Who last held the ticket at each tier, so a de-escalation hands it back to them. */
  heldBy: { 1: string | null; 2: string | null; 3: string | null };
  reopenWindowMs: number;
  resolvedAt: number | null;
  updatedAt: number;
}

// Each rule returns null when the event may proceed, or the reason it may not. The guards
// below use them, and explainRefusal() reports the same reasons to the user.
type Rule = (ctx: TicketContext, ev: TicketEvent) => string | null;

// The role and segment rules are the access module's; the machine adds only its own
// (tiers, notes, the reopen window).
const holdsTicket: Rule = (ctx, { actor }) => mayHold(actor, ctx);
const worksSegment: Rule = (ctx, { actor }) => mayWorkSegment(actor, ctx.segment);
const isSupervisor: Rule = (_ctx, { actor }) => mayAssign(actor);
const mayReprioritise: Rule = (_ctx, { actor }) => mayChangePriority(actor);
const isSystem: Rule = (_ctx, { actor }) => maySendSlaEvent(actor);
const belowTopTier: Rule = (ctx) => (ctx.tier < 3 ? null : say('lastTier'));
// Past the window it says how long ago the ticket was resolved, in whole days begun (9 days and
// an hour is "10 days ago": more than the window, never the window itself), and what to do.
const withinReopenWindow: Rule = (ctx, ev) => {
  const days = reopenWindowDays(ctx);
  if (ctx.resolvedAt === null) return say('reopenWindowPassed', { days });
  const since = ev.at - ctx.resolvedAt;
  return since <= ctx.reopenWindowMs ? null : say('reopenTooLate', { days, ago: Math.ceil(since / 86_400_000) });
};
const hasNote: Rule = (_ctx, ev) =>
  'note' in ev && typeof ev.note === 'string' && ev.note.trim() ? null : say('noteNeeded');
const assigneeKnown: Rule = (_ctx, ev) => (ev.type !== 'ASSIGN' || ev.assigneeId ? null : say('chooseAssignee'));

const all =
  (...rules: Rule[]): Rule =>
  (ctx, ev) => {
    for (const r of rules) {
      const why = r(ctx, ev);
      if (why) return why;
    }
    return null;
  };

/** The rule behind each guard; explainRefusal() walks the same table. */
export const RULES = {
  mayTake: (ctx, { actor }) => mayTake(actor, ctx),
  mayAssign: all(isSupervisor, assigneeKnown),
  mayWork: holdsTicket,
  mayEscalate: all(holdsTicket, belowTopTier, hasNote),
  mayDeescalate: all(holdsTicket, hasNote),
  mayNote: all(worksSegment, hasNote),
  mayReplyAsCustomer: worksSegment,
  mayResolve: all(holdsTicket, hasNote),
  mayClose: worksSegment,
  mayReopen: all(worksSegment, withinReopenWindow),
  maySupervise: mayReprioritise,
  mayReturnToQueue: (ctx, { actor }) => mayReturnToQueue(actor, ctx),
  isSystem,
  mayBreachUp: all(isSystem, belowTopTier),
  breachAtTop: (ctx, ev) => isSystem(ctx, ev) ?? (ctx.tier === 3 ? null : say('notAtTopTier')),
} satisfies Record<string, Rule>;
type RuleName = keyof typeof RULES;

const guard =
  (name: RuleName) =>
  ({ context, event }: { context: TicketContext; event: TicketEvent }) =>
    RULES[name](context, event) === null;

const at = (ev: TicketEvent) => ev.at;
/** A hand-back or reopening decided to go to the queue (decide() sets it; see the commands). */
const toQueue = (ev: TicketEvent): boolean => (ev.type === 'DEESCALATE' || ev.type === 'REOPEN') && ev.toQueue === true;

/** Events every open state (new, tiers 1-3) accepts without changing state. */
const OPEN_EVENTS = {
  ADD_NOTE: { guard: 'mayNote', actions: 'touch' },
  CHANGE_PRIORITY: { guard: 'maySupervise', actions: 'setPriority' },
  SLA_WARNING: { guard: 'isSystem', actions: 'touch' },
} as const;

/**
 * The tier an event leaves a ticket at: one up on an escalation, and on an SLA breach below
 * tier 3 (the machine's `mayBreachUp`); one down on a de-escalation; the same on anything else.
 * The machine moves tickets by it, and the timeline says by it where a breach sent one.
 */
export function tierAfter(type: string, tier: Tier): Tier {
  if (type === 'ESCALATE' || type === 'SLA_BREACH') return Math.min(3, tier + 1) as Tier;
  if (type === 'DEESCALATE') return Math.max(1, tier - 1) as Tier;
  return tier;
}

export const ticketMachine = setup({
  types: {
    context: {} as TicketContext,
    events: {} as TicketEvent,
    input: {} as TicketInput,
  },
  guards: {
    mayTake: guard('mayTake'),
    mayAssign: guard('mayAssign'),
    mayWork: guard('mayWork'),
    mayEscalate: guard('mayEscalate'),
    mayDeescalate: guard('mayDeescalate'),
    mayNote: guard('mayNote'),
    mayReplyAsCustomer: guard('mayReplyAsCustomer'),
    mayResolve: guard('mayResolve'),
    mayClose: guard('mayClose'),
    mayReopen: guard('mayReopen'),
    maySupervise: guard('maySupervise'),
    mayReturnToQueue: guard('mayReturnToQueue'),
    isSystem: guard('isSystem'),
    mayBreachUp: guard('mayBreachUp'),
    breachAtTop: guard('breachAtTop'),
    mayAssignWaiting: ({ context, event }) => guard('mayAssign')({ context, event }) && event.type === 'ASSIGN' && event.keepWaiting === true,
    deescalateToHolder: ({ context, event }) =>
      guard('mayDeescalate')({ context, event }) && context.tier === 3 && context.heldBy[2] !== null && !toQueue(event),
    mayReopenAt: ({ context, event }, p: { tier: Tier; toQueue: boolean }) =>
      guard('mayReopen')({ context, event }) && context.tier === p.tier && toQueue(event) === p.toQueue,
  },
  actions: {
    touch: assign({ updatedAt: ({ event }) => at(event) }),
    take: assign(({ context, event }) => ({
      assigneeId: event.actor.id,
      heldBy: { ...context.heldBy, [context.tier]: event.actor.id },
      updatedAt: at(event),
    })),
    assign: assign(({ context, event }) => {
      const assigneeId = event.type === 'ASSIGN' ? event.assigneeId : context.assigneeId;
      return { assigneeId, heldBy: { ...context.heldBy, [context.tier]: assigneeId }, updatedAt: at(event) };
    }),
    escalate: assign(({ context, event }) => ({
      tier: tierAfter('ESCALATE', context.tier),
      assigneeId: null,
      updatedAt: at(event),
    })),
    deescalate: assign(({ context, event }) => {
      const tier = tierAfter('DEESCALATE', context.tier);
      return { tier, assigneeId: toQueue(event) ? null : context.heldBy[tier], updatedAt: at(event) };
    }),
    unassign: assign({ assigneeId: null }),
    // Nobody holds it at this tier now: a later hand-back down goes to the queue, not to the
    // one whose hands were emptied (who may be off sick).
    returnToQueue: assign(({ context, event }) => ({ assigneeId: null, heldBy: { ...context.heldBy, [context.tier]: null }, updatedAt: at(event) })),
    markResolved: assign({ resolvedAt: ({ event }) => at(event), updatedAt: ({ event }) => at(event) }),
    markReopened: assign({ resolvedAt: null, updatedAt: ({ event }) => at(event) }),
    setPriority: assign(({ context, event }) => ({
      priority: event.type === 'CHANGE_PRIORITY' ? event.priority : context.priority,
      updatedAt: at(event),
    })),
  },
}).createMachine({
  id: 'ticket',
  context: ({ input }) => {
    const i = ticketInputSchema.parse(input);
    return {
      segment: i.segment,
      tier: 1,
      priority: i.priority,
      assigneeId: null,
      heldBy: { 1: null, 2: null, 3: null },
      reopenWindowMs: i.reopenWindowMs,
      resolvedAt: null,
      updatedAt: i.at,
    };
  },
  initial: 'new',
  states: {
    new: {
      on: {
        ...OPEN_EVENTS,
        TAKE: { guard: 'mayTake', target: 'tier1.open', actions: 'take' },
        ASSIGN: { guard: 'mayAssign', target: 'tier1.open', actions: 'assign' },
        SLA_BREACH: { guard: 'mayBreachUp', target: 'tier2.waiting', actions: 'escalate' },
        CUSTOMER_REPLIED: { guard: 'mayReplyAsCustomer', actions: 'touch' },
      },
    },
    tier1: {
      initial: 'open',
      on: {
        ...OPEN_EVENTS,
        ASSIGN: { guard: 'mayAssign', target: '.open', actions: 'assign' },
        SLA_BREACH: { guard: 'mayBreachUp', target: 'tier2.waiting', actions: 'escalate' },
      },
      states: {
        open: {
          on: {
            TAKE: { guard: 'mayTake', actions: 'take' },
            ESCALATE: { guard: 'mayEscalate', target: '#ticket.tier2.waiting', actions: 'escalate' },
            WAIT_ON_CUSTOMER: { guard: 'mayWork', target: 'pending', actions: 'touch' },
            CUSTOMER_REPLIED: { guard: 'mayReplyAsCustomer', actions: 'touch' },
            RESOLVE: { guard: 'mayResolve', target: '#ticket.resolved', actions: 'markResolved' },
            // Tier 1's queue is its unassigned open tickets (as a hand-back to the queue leaves them).
            RETURN_TO_QUEUE: { guard: 'mayReturnToQueue', actions: 'returnToQueue' },
          },
        },
        pending: {
          on: {
            // Still waiting on the customer, clock paused; their reply brings it to the queue.
            RETURN_TO_QUEUE: { guard: 'mayReturnToQueue', actions: 'returnToQueue' },
            CUSTOMER_REPLIED: { guard: 'mayReplyAsCustomer', target: 'open', actions: 'touch' },
            RESOLVE: { guard: 'mayResolve', target: '#ticket.resolved', actions: 'markResolved' },
            // Reassigned while the customer owes an answer: still waiting on them, clock paused.
            ASSIGN: { guard: 'mayAssignWaiting', actions: 'assign' },
          },
        },
      },
    },
    tier2: specialistTier(2),
    tier3: specialistTier(3),
    resolved: {
      on: {
        CLOSE: { guard: 'mayClose', target: 'closed', actions: 'touch' },
        ADD_NOTE: { guard: 'mayNote', actions: 'touch' },
        // Back to the tier where it was resolved; at tiers 2 and 3 whoever resolved it holds it.
        // Marked toQueue, it waits unassigned in that tier's queue instead.
        REOPEN: [
          { guard: { type: 'mayReopenAt', params: { tier: 1, toQueue: false } }, target: 'tier1.open', actions: 'markReopened' },
          { guard: { type: 'mayReopenAt', params: { tier: 2, toQueue: false } }, target: 'tier2.inProgress', actions: 'markReopened' },
          { guard: { type: 'mayReopenAt', params: { tier: 3, toQueue: false } }, target: 'tier3.inProgress', actions: 'markReopened' },
          { guard: { type: 'mayReopenAt', params: { tier: 1, toQueue: true } }, target: 'tier1.open', actions: ['markReopened', 'unassign'] },
          { guard: { type: 'mayReopenAt', params: { tier: 2, toQueue: true } }, target: 'tier2.waiting', actions: ['markReopened', 'unassign'] },
          { guard: { type: 'mayReopenAt', params: { tier: 3, toQueue: true } }, target: 'tier3.waiting', actions: ['markReopened', 'unassign'] },
        ],
      },
    },
    closed: {
      type: 'final',
    },
  },
});

/** Tiers 2 and 3 have the same shape; only the way up and the way down differ. */
function specialistTier(n: 2 | 3) {
  const up = n === 2 ? { guard: 'mayEscalate', target: '#ticket.tier3.waiting', actions: 'escalate' } as const : undefined;
  const down =
    n === 2
      ? [{ guard: 'mayDeescalate', target: '#ticket.tier1.open', actions: 'deescalate' } as const]
      : [
          { guard: 'deescalateToHolder', target: '#ticket.tier2.inProgress', actions: 'deescalate' } as const,
          { guard: 'mayDeescalate', target: '#ticket.tier2.waiting', actions: 'deescalate' } as const,
        ];
  const breach =
    n === 2
      ? { guard: 'mayBreachUp', target: '#ticket.tier3.waiting', actions: 'escalate' } as const
      : { guard: 'breachAtTop', actions: 'touch' } as const;
  return {
    initial: 'waiting' as const,
    on: { ...OPEN_EVENTS, DEESCALATE: down, SLA_BREACH: breach, ASSIGN: { guard: 'mayAssign', target: '.inProgress', actions: 'assign' } as const },
    states: {
      waiting: {
        on: {
          TAKE: { guard: 'mayTake', target: 'inProgress', actions: 'take' },
          CUSTOMER_REPLIED: { guard: 'mayReplyAsCustomer', actions: 'touch' },
        },
      },
      inProgress: {
        on: {
          ...(up ? { ESCALATE: up } : {}),
          WAIT_ON_CUSTOMER: { guard: 'mayWork', target: 'pending', actions: 'touch' },
          CUSTOMER_REPLIED: { guard: 'mayReplyAsCustomer', actions: 'touch' },
          RESOLVE: { guard: 'mayResolve', target: '#ticket.resolved', actions: 'markResolved' },
          RETURN_TO_QUEUE: { guard: 'mayReturnToQueue', target: 'waiting', actions: 'returnToQueue' },
        },
      },
      pending: {
        on: {
          RETURN_TO_QUEUE: { guard: 'mayReturnToQueue', actions: 'returnToQueue' },
          CUSTOMER_REPLIED: { guard: 'mayReplyAsCustomer', target: 'inProgress', actions: 'touch' },
          RESOLVE: { guard: 'mayResolve', target: '#ticket.resolved', actions: 'markResolved' },
          ASSIGN: { guard: 'mayAssignWaiting', actions: 'assign' } as const,
        },
      },
    },
  } as const;
}

export type TicketSnapshot = SnapshotFrom<typeof ticketMachine>;

export const TICKET_STATES = [
  'new',
  'tier1.open',
  'tier1.pending',
  'tier2.waiting',
  'tier2.inProgress',
  'tier2.pending',
  'tier3.waiting',
  'tier3.inProgress',
  'tier3.pending',
  'resolved',
  'closed',
] as const;
export const ticketStateSchema = z.enum(TICKET_STATES);
export type TicketState = z.infer<typeof ticketStateSchema>;

export function stateName(value: StateValue): TicketState {
  const name = typeof value === 'string' ? value : Object.entries(value).map(([k, v]) => `${k}.${String(v)}`)[0];
  return ticketStateSchema.parse(name);
}

/** Open means someone still owes the customer something. */
export const isOpenState = (s: TicketState): boolean => s !== 'resolved' && s !== 'closed';
export const isPendingState = (s: TicketState): boolean => s.endsWith('.pending');
