import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor, type Tier } from './domain';
import { allowedEvents, xstateStep, type TicketPosition } from './ticket';
import { TICKET_EVENT_TYPES, TICKET_STATES, type TicketContext, type TicketEvent } from './ticketMachine';
import { canStep, step } from './ticketSteps';

// The step table is a faster reading of the ticket machine; XState's own `transition` is the
// reference. Every state, with contexts that reach every guard's both answers (tiers, holders,
// a reopen window open and passed), every kind of person, every event with and without what it
// needs: the table must land on the same state and context, and refuse the same events.

const AT = 30 * 86_400_000;
const edu = ['education'] as Actor['segments'];
const people: Actor[] = [
  { id: 'ava', role: 'agent', tier: 1, segments: edu },
  { id: 'ben', role: 'agent', tier: 1, segments: ['government'] },
  { id: 'sam', role: 'specialist', tier: 2, segments: edu },
  { id: 'tara', role: 'specialist', tier: 3, segments: edu },
  { id: 'grace', role: 'supervisor', tier: 3, segments: edu },
  { id: 'omar', role: 'admin', tier: 1, segments: [] },
  SYSTEM_ACTOR,
];

function eventsOf(actor: Actor): TicketEvent[] {
  const b = { at: AT, actor };
  return [
    { type: 'TAKE', ...b },
    { type: 'ASSIGN', assigneeId: 'sam', ...b },
    { type: 'ASSIGN', assigneeId: 'sam', keepWaiting: true, ...b },
    { type: 'ASSIGN', assigneeId: '', ...b },
    { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'disk fails POST', ...b },
    { type: 'ESCALATE', reason: 'needs_specialist_skill', note: '  ', ...b },
    { type: 'DEESCALATE', note: 'firmware updated', ...b },
    { type: 'DEESCALATE', note: 'firmware updated', toQueue: true, ...b },
    { type: 'DEESCALATE', note: '', ...b },
    { type: 'WAIT_ON_CUSTOMER', ...b },
    { type: 'CUSTOMER_REPLIED', ...b },
    { type: 'ADD_NOTE', note: 'called back', ...b },
    { type: 'ADD_NOTE', note: '', ...b },
    { type: 'RESOLVE', code: 'fixed_remotely', note: 'replaced driver', ...b },
    { type: 'RESOLVE', code: 'fixed_remotely', note: '', ...b },
    { type: 'CLOSE', ...b },
    { type: 'REOPEN', ...b },
    { type: 'REOPEN', toQueue: true, ...b },
    { type: 'CHANGE_PRIORITY', priority: 'urgent', ...b },
    { type: 'RETURN_TO_QUEUE', ...b },
    { type: 'SLA_WARNING', target: 'resolution', dueAt: AT, ...b },
    { type: 'SLA_BREACH', target: 'firstResponse', dueAt: AT, ...b },
  ];
}

function positions(): TicketPosition[] {
  const out: TicketPosition[] = [];
  for (const state of TICKET_STATES)
    for (const tier of [1, 2, 3] as Tier[])
      for (const assigneeId of [null, 'ava', 'sam'])
        for (const heldBy of [{ 1: null, 2: null, 3: null }, { 1: 'ava', 2: 'sam', 3: 'tara' }])
          for (const resolvedAt of [null, AT - 86_400_000, AT - 10 * 86_400_000]) {
            const context: TicketContext = { segment: 'education', tier, priority: 'normal', assigneeId, heldBy, reopenWindowMs: 7 * 86_400_000, resolvedAt, updatedAt: 0 };
            out.push({ state, context });
          }
  return out;
}

describe('the step table', () => {
  it('takes and refuses exactly what XState does, landing on the same state and context', () => {
    const mismatches: string[] = [];
    const taken = new Map<string, number>();
    const refused = new Map<string, number>();
    for (const pos of positions())
      for (const actor of people)
        for (const event of eventsOf(actor)) {
          const ours = step(pos, event);
          const theirs = xstateStep(pos, event);
          const tally = ours ? taken : refused;
          tally.set(event.type, (tally.get(event.type) ?? 0) + 1);
          if (canStep(pos, event) !== (theirs !== null)) mismatches.push(`can ${event.type} by ${actor.id} in ${pos.state}`);
          if ((ours === null) !== (theirs === null) || JSON.stringify(ours) !== JSON.stringify(theirs)) {
            if (mismatches.length < 20) mismatches.push(`${event.type} by ${actor.id} in ${pos.state} ${JSON.stringify(pos.context)}: ours ${JSON.stringify(ours)}, XState ${JSON.stringify(theirs)}`);
          }
        }
    expect(mismatches).toEqual([]);
    // Not a comparison of two refusals: every event is both taken somewhere and refused somewhere.
    for (const type of TICKET_EVENT_TYPES) {
      expect(taken.get(type) ?? 0, `${type} taken`).toBeGreaterThan(0);
      expect(refused.get(type) ?? 0, `${type} refused`).toBeGreaterThan(0);
    }
  });

  it('gives the actions a person sees from the same table', () => {
    const pos: TicketPosition = { state: 'tier1.open', context: { segment: 'education', tier: 1, priority: 'normal', assigneeId: 'ava', heldBy: { 1: 'ava', 2: null, 3: null }, reopenWindowMs: 0, resolvedAt: null, updatedAt: 0 } };
    expect(allowedEvents(pos, people[0]!, AT)).toEqual(['ESCALATE', 'WAIT_ON_CUSTOMER', 'CUSTOMER_REPLIED', 'ADD_NOTE', 'RESOLVE', 'RETURN_TO_QUEUE']);
    expect(allowedEvents(pos, people[1]!, AT)).toEqual([]);
  });
});
