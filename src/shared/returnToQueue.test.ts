import { describe, expect, it } from 'vitest';
import { mayReturnToQueue, wantsEscalationNotice } from './access';
import type { Actor } from './domain';
import { allowedEvents, applyEvent, openTicket, type TicketPosition } from './ticket';
import type { TicketEvent } from './ticketMachine';
import { evolve, replayLog, type LogEvent } from './ticketLog';
import { slaEventsOf } from './sla/ticketSla';

// Grace's agent goes home sick mid-shift: she returns his tickets to their queues. Each goes
// back unassigned to the queue of the tier and segment it is at, in the state it was in.

const seg = ['government'] as Actor['segments'];
const ben: Actor = { id: 'ben', role: 'agent', tier: 1, segments: seg };
const dev: Actor = { id: 'dev', role: 'agent', tier: 1, segments: seg };
const sam: Actor = { id: 'sam', role: 'specialist', tier: 2, segments: seg };
const grace: Actor = { id: 'grace', role: 'supervisor', tier: 3, segments: [] };
const omar: Actor = { id: 'omar', role: 'admin', tier: 1, segments: [] };
const system: Actor = { id: 'system', role: 'system', tier: 3, segments: [] };

let at = 0;
type Step = TicketEvent extends infer E ? (E extends TicketEvent ? Omit<E, 'at'> : never) : never;
function run(events: Step[]): TicketPosition {
  let pos = openTicket({ segment: 'government', priority: 'normal', at: 0 });
  for (const e of events) {
    const r = applyEvent(pos, { ...e, at: ++at } as TicketEvent);
    if (!r.ok) throw new Error(`${e.type}: ${r.reason}`);
    pos = r.next;
  }
  return pos;
}
const back = (pos: TicketPosition, actor: Actor) => applyEvent(pos, { type: 'RETURN_TO_QUEUE', at: ++at, actor });

describe('returning a held ticket to its queue (the machine)', () => {
  it('leaves an open tier-1 ticket open and unassigned in the tier-1 queue, where another agent can take it', () => {
    const r = back(run([{ type: 'TAKE', actor: ben }]), grace);
    expect(r.ok && [r.next.state, r.next.context.assigneeId, r.next.context.tier]).toEqual(['tier1.open', null, 1]);
    if (r.ok) expect(allowedEvents(r.next, dev, ++at)).toContain('TAKE');
  });

  it('keeps a ticket waiting on the customer waiting, unassigned; the customer’s reply brings it to the queue', () => {
    const r = back(run([{ type: 'TAKE', actor: ben }, { type: 'WAIT_ON_CUSTOMER', actor: ben }]), grace);
    expect(r.ok && [r.next.state, r.next.context.assigneeId]).toEqual(['tier1.pending', null]);
    if (!r.ok) return;
    const replied = applyEvent(r.next, { type: 'CUSTOMER_REPLIED', at: ++at, actor: dev });
    expect(replied.ok && [replied.next.state, replied.next.context.assigneeId]).toEqual(['tier1.open', null]);
  });

  it('sends a specialist’s ticket in progress back to waiting at its tier, and one waiting on the customer stays waiting', () => {
    const escalated = [{ type: 'TAKE', actor: ben }, { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'BIOS', actor: ben }, { type: 'TAKE', actor: sam }] as const;
    const r = back(run([...escalated]), grace);
    expect(r.ok && [r.next.state, r.next.context.assigneeId, r.next.context.tier]).toEqual(['tier2.waiting', null, 2]);
    const p = back(run([...escalated, { type: 'WAIT_ON_CUSTOMER', actor: sam }]), grace);
    expect(p.ok && [p.next.state, p.next.context.assigneeId]).toEqual(['tier2.pending', null]);
  });

  it('forgets who held it at that tier: a later hand-back down goes to the queue, not to the one sent home', () => {
    const r = back(run([{ type: 'TAKE', actor: ben }]), grace);
    expect(r.ok && r.next.context.heldBy[1]).toBe(null);
  });

  it('refuses a ticket nobody holds, and one resolved', () => {
    expect(back(run([]), grace)).toEqual({ ok: false, reason: 'A ticket that is new cannot be returned to the queue.' });
    const once = back(run([{ type: 'TAKE', actor: ben }]), grace);
    expect(once.ok && back(once.next, grace)).toEqual({ ok: false, reason: 'Nobody is working this ticket: it is in the queue already.' });
    const resolved = run([{ type: 'TAKE', actor: ben }, { type: 'RESOLVE', code: 'fixed_remotely', note: 'done', actor: ben }]);
    expect(back(resolved, grace).ok).toBe(false);
  });
});

describe('who may return a ticket to its queue (access)', () => {
  const held = { segment: 'government', tier: 1, assigneeId: 'ben' } as const;
  it('a supervisor, or its holder; not a colleague, an admin or the scheduler', () => {
    expect(mayReturnToQueue(grace, held)).toBe(null);
    expect(mayReturnToQueue(ben, held)).toBe(null);
    expect(mayReturnToQueue(dev, held)).toBe('Only the person working this ticket, or a supervisor, can return it to the queue.');
    expect(mayReturnToQueue(omar, held)).toBe('Admins manage settings; they do not work tickets.');
    expect(mayReturnToQueue(system, held)).not.toBe(null);
    expect(mayReturnToQueue(grace, { ...held, assigneeId: null })).toBe('Nobody is working this ticket: it is in the queue already.');
  });
  it('the machine offers it to the same people', () => {
    const pos = run([{ type: 'TAKE', actor: ben }]);
    expect(allowedEvents(pos, grace, ++at)).toContain('RETURN_TO_QUEUE');
    expect(allowedEvents(pos, ben, ++at)).toContain('RETURN_TO_QUEUE');
    expect(allowedEvents(pos, dev, ++at)).not.toContain('RETURN_TO_QUEUE');
  });
});

describe('the SLA clocks after a return', () => {
  it('keep the first response given, and a waiting ticket’s clock paused', () => {
    const created: LogEvent = { ticketId: 't', seq: 1, type: 'CREATED', actor: ben, at: 0, payload: { number: 1, customerId: 'c', customerName: 'C', assetId: null, serviceTag: null, segment: 'government', serviceLevel: 'premier', priority: 'normal', subject: 's', description: '', channel: 'phone', reopenWindowMs: 1, policy: null } };
    const log: LogEvent[] = [created, { ticketId: 't', seq: 2, type: 'TAKE', actor: ben, at: 60_000, payload: {} }, { ticketId: 't', seq: 3, type: 'WAIT_ON_CUSTOMER', actor: ben, at: 120_000, payload: {} }];
    const before = replayLog(log)!;
    const after = evolve(before, { ticketId: 't', seq: 4, type: 'RETURN_TO_QUEUE', actor: grace, at: 180_000, payload: {} });
    expect(after.position.state).toBe('tier1.pending');
    // The clock reads the same history: nothing started, stopped or restarted by the return.
    expect(slaEventsOf(after.log, after.policies)).toEqual(slaEventsOf(before.log, before.policies));
  });
});

describe('who hears of a return', () => {
  it('those who work the queue it lands in; not the supervisor who returned it, nor another tier', () => {
    const c = { type: 'RETURN_TO_QUEUE', tier: 1, segment: 'government', assigneeId: null, actorId: 'grace' } as const;
    expect(wantsEscalationNotice(dev, c)).toBe(true);
    expect(wantsEscalationNotice(grace, c)).toBe(false);
    expect(wantsEscalationNotice(sam, c)).toBe(false);
  });
});
