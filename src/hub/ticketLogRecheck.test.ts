import { describe, expect, it } from 'vitest';
import { messageDetail } from '../shared/messageKeys';
import { asTicketEvent, type TicketEvent } from './envelope';
import { defaultPolicies } from '../shared/sla/defaults';
import { systemEventId, type OutboxEnvelope } from '../shared/ticketLog/envelope';
import { testDesk } from '../main/core/testing/deskHarness';
import { ticketLogRecheck } from './ticketLogRecheck';

// The hub's reasons for refusing a pushed change are what the sync-conflicts page shows: each
// is a keyed sentence, so a window in another language says it in its own words.

const ava = { id: '0190a5e0-0000-7000-8000-0000000000a1', role: 'agent', tier: 1, segments: ['education'] } as const;
const nobody = { person: () => null } as unknown as Parameters<typeof ticketLogRecheck>[2];
const pushed = (over: Partial<TicketEvent>): TicketEvent =>
  ({ id: '0190a5e0-0000-7000-8000-000000000001', ticketId: '0190a5e0-0000-7000-8000-0000000000f1', seq: 1, type: 'TAKE', payload: {}, actor: ava, deskTime: 0, ...over }) as unknown as TicketEvent;

const CREATED = { number: 1, customerId: ava.id, customerName: 'Hillcrest Academy', assetId: null, serviceTag: null, segment: 'education', serviceLevel: 'standard', priority: 'normal', subject: 'Cart will not charge', description: '', channel: 'phone', reopenWindowMs: 86_400_000, policy: null };

describe('the hub’s re-check of a pushed ticket event', () => {
  it('refuses a change that followed an older step with the steps, as a keyed sentence', () => {
    const verdict = ticketLogRecheck(null, pushed({ seq: 3 }), nobody);
    expect(verdict).toMatchObject({ ok: false });
    if (!verdict.ok) expect(messageDetail(verdict.reason)).toEqual({ key: 'hubTicketMoved' });
  });

  it('refuses a new ticket that lacks what a ticket needs, as a keyed sentence', () => {
    const verdict = ticketLogRecheck(null, pushed({ type: 'CREATED', payload: { subject: 'x' } }), nobody);
    expect(verdict).toMatchObject({ ok: false });
    if (!verdict.ok) expect(messageDetail(verdict.reason)).toEqual({ key: 'newTicketIncomplete' });
  });

  it('names the event it cannot read, which a Persian window says as its action', () => {
    const created = ticketLogRecheck(null, pushed({ type: 'CREATED', payload: CREATED }), nobody);
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) return;
    const verdict = ticketLogRecheck(created.state, pushed({ seq: 2, type: 'ESCALATE', payload: { reason: 'not a reason' } }), nobody);
    expect(verdict).toMatchObject({ ok: false });
    if (!verdict.ok) expect(messageDetail(verdict.reason)).toMatchObject({ key: 'hubCannotRead', params: { event: 'ESCALATE' } });
  });

  it('takes a supervisor’s return to the queue and refuses a colleague’s, in words a Persian window says', () => {
    const ben = { id: '0190a5e0-0000-7000-8000-0000000000b2', role: 'agent' as const, tier: 1 as const, segments: ['education' as const] };
    const grace = { id: '0190a5e0-0000-7000-8000-0000000000d4', role: 'supervisor' as const, tier: 3 as const, segments: [] };
    const created = ticketLogRecheck(null, pushed({ type: 'CREATED', payload: CREATED }), nobody);
    if (!created.ok) throw new Error('the ticket could not be created');
    const taken = ticketLogRecheck(created.state, pushed({ seq: 2, type: 'TAKE', actor: ben }), nobody);
    if (!taken.ok) throw new Error('the take was refused');
    // Ava (a tampered desk, or one on old rules) may not empty Ben's hands.
    const byAva = ticketLogRecheck(taken.state, pushed({ seq: 3, type: 'RETURN_TO_QUEUE' }), nobody);
    expect(byAva.ok).toBe(false);
    if (!byAva.ok) expect(messageDetail(byAva.reason)).toEqual({ key: 'returnHolderOnly' });
    const byGrace = ticketLogRecheck(taken.state, pushed({ seq: 3, type: 'RETURN_TO_QUEUE', actor: grace }), nobody);
    expect(byGrace.ok && [byGrace.state.position.state, byGrace.state.position.context.assigneeId]).toEqual(['tier1.open', null]);
  });

  it('tells the loser of a race to take a ticket that someone is already working it, not only that it moved on', () => {
    const ben = { id: '0190a5e0-0000-7000-8000-0000000000b2', role: 'agent' as const, tier: 1 as const, segments: ['education' as const] };
    const created = ticketLogRecheck(null, pushed({ type: 'CREATED', payload: CREATED }), nobody);
    if (!created.ok) throw new Error('the ticket could not be created');
    const taken = ticketLogRecheck(created.state, pushed({ seq: 2, type: 'TAKE', actor: ben }), nobody);
    if (!taken.ok) throw new Error('the first take was refused');
    // Ava's take, made on her desk at step 1 while Ben's reached the hub first.
    const late = ticketLogRecheck(taken.state, pushed({ seq: 2, type: 'TAKE' }), nobody);
    expect(late.ok).toBe(false);
    if (!late.ok) expect(messageDetail(late.reason)).toEqual({ key: 'alreadyTaken' });
    // A note made on an older step would still be taken now: the reason is that the ticket moved on.
    const note = ticketLogRecheck(taken.state, pushed({ seq: 2, type: 'ADD_NOTE', actor: ben, payload: { note: 'Asked for the serial number' } }), nobody);
    expect(note.ok).toBe(false);
    if (!note.ok) expect(messageDetail(note.reason)).toEqual({ key: 'hubTicketMoved' });
    // Not a refusal: its desk pulls the take, puts the note after it and sends it again.
    expect(note).toMatchObject({ stale: true });
  });

  it('folds a hand-back as the desk decided it, to the queue or to the holder, whoever it knows active now', () => {
    const sam = { id: '0190a5e0-0000-7000-8000-0000000000c3', role: 'specialist' as const, tier: 2 as const, segments: ['education' as const] };
    const avaActive = { person: (id: string) => (id === ava.id ? { ...ava, name: 'Ava Martin', active: true } : null) } as unknown as Parameters<typeof ticketLogRecheck>[2];
    let state = null as Parameters<typeof ticketLogRecheck>[0];
    const steps: Array<Partial<TicketEvent>> = [
      { type: 'CREATED', payload: CREATED },
      { type: 'TAKE' },
      { type: 'ESCALATE', payload: { reason: 'needs_specialist_skill', note: 'x' } },
      { type: 'TAKE', actor: sam },
    ];
    steps.forEach((step, i) => {
      const v = ticketLogRecheck(state, pushed({ seq: i + 1, ...step }), avaActive);
      if (!v.ok) throw new Error(v.reason);
      state = v.state;
    });
    // Ava's desk had her deactivated when Sam handed it back: the queue, on the hub too.
    const toQueue = ticketLogRecheck(state, pushed({ seq: 5, type: 'DEESCALATE', actor: sam, payload: { note: 'Back.', toQueue: true } }), avaActive);
    expect(toQueue.ok && toQueue.state.position).toMatchObject({ state: 'tier1.open', context: { assigneeId: null } });
    // Logged without the mark (a desk before it, or she was active there): back to her.
    const toAva = ticketLogRecheck(state, pushed({ seq: 5, type: 'DEESCALATE', actor: sam, payload: { note: 'Back.' } }), nobody);
    expect(toAva.ok && toAva.state.position).toMatchObject({ state: 'tier1.open', context: { assigneeId: ava.id } });
  });

  it('takes one breach of a run from two desks: the second, at an older step, waits for its desk to rebase it away; sent on the next step, it is refused as a repeat', () => {
    const system = { id: 'system', role: 'system' as const, tier: 3 as const, segments: [] };
    // Both desks' breaches of the resolution, each at its own deadline (desks on different settings).
    const breach = (seq: number, dueAt: number, n: number) => pushed({ id: systemEventId(pushed({}).ticketId, 'SLA_BREACH', 'resolution', dueAt), seq, type: 'SLA_BREACH', payload: { target: 'resolution', dueAt }, actor: system, deskTime: dueAt + n });
    let state = null as Parameters<typeof ticketLogRecheck>[0];
    for (const [i, step] of ([{ type: 'CREATED', payload: CREATED, deskTime: 0 }, { type: 'TAKE', deskTime: 1000 }] as Array<Partial<TicketEvent>>).entries()) {
      const v = ticketLogRecheck(state, pushed({ seq: i + 1, ...step }), nobody);
      if (!v.ok) throw new Error(v.reason);
      state = v.state;
    }
    const first = ticketLogRecheck(state, breach(3, 4 * 3_600_000, 1), nobody);
    if (!first.ok) throw new Error(first.reason);
    expect(first.state.position.context.tier).toBe(2);
    // The other desk's, made on step 2: not refused, as its desk pulls the first and decides its own again (to nothing).
    expect(ticketLogRecheck(first.state, breach(3, 5 * 3_600_000, 2), nobody)).toMatchObject({ ok: false, stale: true });
    // Sent anyway on step 4 (a desk that rebased it before the rule): refused, saying why; still tier 2.
    const repeated = ticketLogRecheck(first.state, breach(4, 5 * 3_600_000, 2), nobody);
    expect(repeated.ok).toBe(false);
    if (!repeated.ok) expect(messageDetail(repeated.reason)).toEqual({ key: 'slaBreachRepeated' });
  });

  it('refuses an event for a ticket it does not hold', () => {
    const verdict = ticketLogRecheck(null, pushed({ seq: 1, type: 'TAKE' }), nobody);
    expect(verdict).toMatchObject({ ok: false });
    if (!verdict.ok) expect(messageDetail(verdict.reason)).toEqual({ key: 'ticketNotFound' });
  });

  it('takes the breach of a deadline a desk re-timed on an admin’s shorter target (not sent as too early)', async () => {
    const t = await testDesk();
    try {
      const ava = await t.as('Ava Martin');
      const omar = await t.as('Omar Haddad');
      const { customerId } = await ava.call('customers.create', { customer: { kind: 'organisation', name: 'Harbour Council', segment: 'government', serviceLevel: 'premier', email: 'it@harbour.example', phone: '+44 20 7946 0987' }, asset: null });
      const start = t.clock.now();
      const ticket = (await ava.call('tickets.create', { customerId, subject: 'Chamber mics dead', priority: 'high' })).ticket;
      // First response, high: 60 minutes; the admin makes it 20, and the desk re-times the ticket with no event.
      const policy = structuredClone(defaultPolicies.find((p) => p.id === 'government-premier')!);
      policy.targets.high.firstResponse = 20;
      await omar.call('sla.savePolicy', policy);
      // The save answers before the re-time it sets off is done.
      await t.desk.retime.idle();
      await ava.call('dev.advanceClock', { ms: 30 * 60_000 });
      const sent = (t.desk.db.sqlite.prepare("SELECT body FROM outbox WHERE stream = 'ticket' ORDER BY desk_seq").pluck().all() as string[])
        .map((b) => JSON.parse(b) as OutboxEnvelope)
        .filter((e) => e.entityId === ticket.id);
      expect(sent.map((e) => e.type)).toEqual(['CREATED', 'POLICY_CHANGED', 'SLA_BREACH']);
      expect(sent.at(-1)!.payload).toMatchObject({ target: 'firstResponse', dueAt: start + 20 * 60_000 });
      // The hub re-checks each as pushed: the policy change rides along, so the earlier deadline is honest.
      let state: Parameters<typeof ticketLogRecheck>[0] = null;
      for (const e of sent) {
        const event = asTicketEvent(e);
        if (!event.ok) throw new Error(event.reason);
        const verdict = ticketLogRecheck(state, event.event, nobody);
        expect(verdict).toMatchObject({ ok: true });
        if (verdict.ok) state = verdict.state;
      }
    } finally {
      t.desk.close();
    }
  });
});
