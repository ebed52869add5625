import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../domain';
import { defaultCalendars, defaultPolicies } from '../sla/defaults';
import { decide, evolveAll, goesToQueue, type PolicyInForce, type TicketLogCommand } from './decide';
import { systemEventId, ticketEnvelopeSchema, MACHINE_VERSION, PAYLOAD_VERSION } from './envelope';
import { evolve, replayLog, type LogEvent, type TicketLogState } from './evolve';
import type { TicketCommand } from '../ticketMachine';
import { projectSla } from './sla';

const ava: Actor = { id: 'ava', role: 'agent', tier: 1, segments: ['education'] };
const sam: Actor = { id: 'sam', role: 'specialist', tier: 2, segments: ['education'] };
const policy: PolicyInForce = { version: 1, policy: defaultPolicies.find((p) => p.segment === 'education')! };
const T0 = Date.UTC(2026, 2, 2, 9, 0);

const create = (segment: 'education' | 'home' = 'education'): TicketLogCommand => ({
  kind: 'create',
  ticketId: 't1',
  number: 7,
  customer: { id: 'c1', name: 'Westbrook School', segment, serviceLevel: 'standard' },
  asset: null,
  subject: ' Screen flickers ',
  description: '',
  priority: 'high',
  channel: 'phone',
  reopenWindowMs: 7 * 86_400_000,
  policy,
});

function created(): TicketLogState {
  const d = decide(null, create(), ava, T0);
  if (!d.ok) throw new Error(d.reason);
  return evolveAll(null, d.events)!;
}

describe('ticket log', () => {
  it('creates a ticket as one CREATED event carrying everything its row needs, policy included', () => {
    const s = created();
    expect(s.seq).toBe(1);
    expect(s.position.state).toBe('new');
    expect(s.head).toMatchObject({ number: 7, subject: 'Screen flickers', segment: 'education', createdAt: T0 });
    expect(s.policies).toEqual([{ from: T0, version: 1, policy: policy.policy }]);
  });

  it('refuses to create a ticket for a segment the agent does not work, with no event', () => {
    const d = decide(null, create('home'), ava, T0);
    expect(d).toEqual({ ok: false, code: 'forbidden', reason: 'This ticket belongs to a segment you do not work.' });
  });

  it('decides with the machine and the access rules, and a stale seq is a conflict', () => {
    const s = created();
    const take = decide(s, { kind: 'act', command: { type: 'TAKE' }, policy, expectedSeq: 1 }, ava, T0 + 1000);
    expect(take.ok && take.events.map((e) => [e.type, e.seq])).toEqual([['TAKE', 2]]);
    const s2 = evolveAll(s, take.ok ? take.events : [])!;
    expect(s2.position).toMatchObject({ state: 'tier1.open', context: { assigneeId: 'ava' } });
    expect(decide(s2, { kind: 'act', command: { type: 'ADD_NOTE', note: 'x' }, policy, expectedSeq: 1 }, ava, T0 + 2000)).toMatchObject({ ok: false, code: 'conflict' });
    expect(decide(s, { kind: 'act', command: { type: 'TAKE' }, policy }, sam, T0 + 2000)).toMatchObject({ ok: false, code: 'refused', reason: 'This ticket is at first line (tier 1); you work at tier 2.' });
    expect(decide(s2, { kind: 'act', command: { type: 'SLA_BREACH', target: 'resolution', dueAt: 1 }, policy }, ava, T0)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('tells the one who took a ticket second that someone has it, not to try again', () => {
    // Two specialists press Take on the same escalated ticket from the same page (seq 1).
    const ben: Actor = { id: 'ben', role: 'agent', tier: 1, segments: ['education'] };
    const s = created();
    const first = decide(s, { kind: 'act', command: { type: 'TAKE' }, policy, expectedSeq: 1 }, ava, T0 + 1000);
    const s2 = evolveAll(s, first.ok ? first.events : [])!;
    const second = decide(s2, { kind: 'act', command: { type: 'TAKE' }, policy, expectedSeq: 1 }, ben, T0 + 1001);
    expect(second).toEqual({ ok: false, code: 'conflict', reason: 'Someone is already working this ticket.' });
    // A step the holder alone may take, asked from a page that still showed it free.
    const escalate = decide(s2, { kind: 'act', command: { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'x' }, policy, expectedSeq: 1 }, ben, T0 + 1002);
    expect(escalate).toMatchObject({ ok: false, code: 'conflict', reason: expect.stringMatching(/^Someone else is working this ticket now/) });
    // Still possible on the ticket as it now is: review what changed, and do it again.
    const note = decide(s2, { kind: 'act', command: { type: 'ADD_NOTE', note: 'x' }, policy, expectedSeq: 1 }, ben, T0 + 1003);
    expect(note).toMatchObject({ ok: false, code: 'conflict', reason: expect.stringMatching(/changed while you were looking/) });
    // At tier 2, where a taken ticket is "in progress" (no Take there at all), the same.
    const noor: Actor = { id: 'noor', role: 'specialist', tier: 2, segments: ['education'] };
    const up = decide(s2, { kind: 'act', command: { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'x' }, policy }, ava, T0 + 2000);
    const s3 = evolveAll(s2, up.ok ? up.events : [])!;
    const samTakes = decide(s3, { kind: 'act', command: { type: 'TAKE' }, policy, expectedSeq: s3.seq }, sam, T0 + 3000);
    const s4 = evolveAll(s3, samTakes.ok ? samTakes.events : [])!;
    expect(s4.position).toMatchObject({ state: 'tier2.inProgress', context: { assigneeId: 'sam' } });
    expect(decide(s4, { kind: 'act', command: { type: 'TAKE' }, policy, expectedSeq: s3.seq }, noor, T0 + 3001)).toEqual({ ok: false, code: 'conflict', reason: 'Someone is already working this ticket.' });
    // Without a seq (the hub's re-check, another client) it is the same sentence.
    expect(decide(s4, { kind: 'act', command: { type: 'TAKE' }, policy }, noor, T0 + 3002)).toEqual({ ok: false, code: 'refused', reason: 'Someone is already working this ticket.' });
  });

  it('keeps a ticket waiting on the customer when a supervisor reassigns it, its clock still paused', () => {
    const grace: Actor = { id: 'grace', role: 'supervisor', tier: 3, segments: ['education'] };
    const ben = { id: 'ben', role: 'agent' as const, tier: 1 as const, segments: ['education' as const], name: 'Ben Okafor', active: true };
    const first = decide(null, create(), ava, T0);
    const logged: LogEvent[] = first.ok ? [...first.events] : [];
    let s = evolveAll(null, logged)!;
    const act = (command: TicketCommand, who: Actor, at: number, assignee?: typeof ben) => {
      const d = decide(s, { kind: 'act', command, policy, ...(assignee ? { assignee } : {}) }, who, at);
      if (!d.ok) throw new Error(d.reason);
      s = evolveAll(s, d.events)!;
      // As the log keeps them: without the position decide() found.
      logged.push(...d.events.map(({ position: _p, ...e }) => e));
      return d.events.at(-1)!;
    };
    act({ type: 'TAKE' }, ava, T0 + 1000);
    act({ type: 'WAIT_ON_CUSTOMER', note: 'Asked for the serial.' }, ava, T0 + 2000);
    expect(act({ type: 'ASSIGN', assigneeId: 'ben' }, grace, T0 + 3000, ben).payload).toEqual({ assigneeId: 'ben', keepWaiting: true });
    // Still waiting on the customer, in Ben's hands, and its clock still paused, as it says.
    expect(s.position).toMatchObject({ state: 'tier1.pending', context: { assigneeId: 'ben' } });
    expect(projectSla(s, (id) => defaultCalendars.find((c) => c.id === id) ?? null, T0 + 3600_000)?.status).toBe('paused');
    expect(replayLog(logged)?.position.state).toBe('tier1.pending');
    // The customer's answer brings it back to work.
    act({ type: 'CUSTOMER_REPLIED' }, ben, T0 + 4000);
    expect(s.position).toMatchObject({ state: 'tier1.open', context: { assigneeId: 'ben' } });
    // An open ticket's assignment says nothing of waiting, whatever the caller sent.
    expect(act({ type: 'ASSIGN', assigneeId: 'ava', keepWaiting: true }, grace, T0 + 5000, { ...ben, id: 'ava', name: 'Ava Martin' }).payload).toEqual({ assigneeId: 'ava' });
    expect(s.position.state).toBe('tier1.open');
    expect(replayLog(logged)?.position).toEqual(s.position);
  });

  it('replays an assignment logged before waiting was kept as it was decided then', () => {
    const grace: Actor = { id: 'grace', role: 'supervisor', tier: 3, segments: ['education'] };
    let s = created();
    for (const command of [{ type: 'TAKE' }, { type: 'WAIT_ON_CUSTOMER' }] as const) {
      const d = decide(s, { kind: 'act', command, policy }, ava, T0 + 1000);
      s = evolveAll(s, d.ok ? d.events : [])!;
    }
    expect(s.position.state).toBe('tier1.pending');
    // An ASSIGN logged without keepWaiting (by a desk before it existed) took the ticket to open.
    const old: LogEvent = { ticketId: 't1', seq: s.seq + 1, type: 'ASSIGN', payload: { assigneeId: 'ben' }, actor: grace, at: T0 + 9000 };
    expect(evolve(s, old).position).toMatchObject({ state: 'tier1.open', context: { assigneeId: 'ben' } });
  });

  it('hands a ticket back down, or reopens it, to the queue when the one who held it there may no longer hold it', () => {
    const noor: Actor = { id: 'noor', role: 'specialist', tier: 2, segments: ['education'] };
    const people = { ava: { ...ava, name: 'Ava Martin', active: true }, sam: { ...sam, name: 'Sam Rahimi', active: true } };
    const person = (id: string) => (id in people ? people[id as keyof typeof people] : null);
    // A ticket Ava escalated and Sam took at tier 2; `act` decides on it, and its log is kept
    // as the log keeps it (without the positions decide() found).
    let s: TicketLogState;
    let logged: LogEvent[];
    const act = (command: TicketCommand, who: Actor, at: number) => {
      const d = decide(s, { kind: 'act', command, policy, person }, who, at);
      if (!d.ok) throw new Error(d.reason);
      s = evolveAll(s, d.events)!;
      logged.push(...d.events.map(({ position: _p, ...e }) => e));
      return d.events.at(-1)!;
    };
    const atTier2 = () => {
      const first = decide(null, create(), ava, T0);
      logged = first.ok ? [...first.events] : [];
      s = evolveAll(null, logged)!;
      act({ type: 'TAKE' }, ava, T0 + 1000);
      act({ type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'x' }, ava, T0 + 2000);
      act({ type: 'TAKE' }, sam, T0 + 3000);
    };
    // Ava still works first line: back to her, as before (and the dialog says nothing of a queue).
    atTier2();
    expect(goesToQueue(s!, 'DEESCALATE', sam, T0 + 4000, person)).toBe(false);
    expect(goesToQueue(s!, 'REOPEN', ava, T0 + 4000, person)).toBeNull();
    expect(act({ type: 'DEESCALATE', note: 'Back to you.' }, sam, T0 + 4000).payload).toEqual({ note: 'Back to you.' });
    expect(s!.position).toMatchObject({ state: 'tier1.open', context: { tier: 1, assigneeId: 'ava' } });
    // Ava deactivated meanwhile: to the first-line queue, unassigned, whatever the caller sent.
    atTier2();
    people.ava.active = false;
    expect(goesToQueue(s!, 'DEESCALATE', sam, T0 + 4000, person)).toBe(true);
    expect(act({ type: 'DEESCALATE', note: 'Back down.' }, sam, T0 + 4000).payload).toEqual({ note: 'Back down.', toQueue: true });
    expect(s!.position).toMatchObject({ state: 'tier1.open', context: { tier: 1, assigneeId: null } });
    expect(replayLog(logged!)?.position).toEqual(s!.position);
    // One who moved to another segment may no longer hold it either.
    atTier2();
    people.ava = { ...people.ava, active: true, segments: ['home'] };
    expect(goesToQueue(s!, 'DEESCALATE', sam, T0 + 4000, person)).toBe(true);
    expect(act({ type: 'DEESCALATE', note: 'Back down.' }, sam, T0 + 4000).payload).toMatchObject({ toQueue: true });
    expect(s!.position.context.assigneeId).toBeNull();
    // Reopened after its tier-2 holder left: it waits in the tier-2 queue, where Noor takes it.
    atTier2();
    act({ type: 'RESOLVE', code: 'fixed_remotely', note: 'Done.' }, sam, T0 + 5000);
    expect(goesToQueue(s!, 'REOPEN', ava, T0 + 6000, person)).toBe(false);
    people.sam.active = false;
    expect(goesToQueue(s!, 'REOPEN', ava, T0 + 6000, person)).toBe(true);
    expect(act({ type: 'REOPEN', toQueue: true }, ava, T0 + 6000).payload).toEqual({ toQueue: true });
    expect(s!.position).toMatchObject({ state: 'tier2.waiting', context: { tier: 2, assigneeId: null } });
    act({ type: 'TAKE' }, noor, T0 + 7000);
    expect(s!.position).toMatchObject({ state: 'tier2.inProgress', context: { assigneeId: 'noor' } });
    // Every desk and the hub fold the log to the same ticket, from the marks on its events,
    // whoever is active by then (Sam back at work changes nothing).
    people.sam.active = true;
    expect(replayLog(logged!)?.position).toEqual(s!.position);
  });

  it('replays a hand-back or a reopening logged before the queue mark as it was decided then: to the holder', () => {
    let s = created();
    for (const [command, who] of [[{ type: 'TAKE' }, ava], [{ type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'x' }, ava], [{ type: 'TAKE' }, sam]] as const) {
      const d = decide(s, { kind: 'act', command, policy }, who, T0 + 1000);
      s = evolveAll(s, d.ok ? d.events : [])!;
    }
    const old: LogEvent = { ticketId: 't1', seq: s.seq + 1, type: 'DEESCALATE', payload: { note: 'Back.' }, actor: sam, at: T0 + 9000 };
    expect(evolve(s, old).position).toMatchObject({ state: 'tier1.open', context: { assigneeId: 'ava' } });
    const resolved = evolve(s, { ticketId: 't1', seq: s.seq + 1, type: 'RESOLVE', payload: { code: 'fixed_remotely', note: 'Done.' }, actor: sam, at: T0 + 9000 });
    const reopened = evolve(resolved, { ticketId: 't1', seq: resolved.seq + 1, type: 'REOPEN', payload: {}, actor: ava, at: T0 + 9500 });
    expect(reopened.position).toMatchObject({ state: 'tier2.inProgress', context: { assigneeId: 'sam' } });
  });

  it('records a policy change on the ticket as an event before the event that brought it', () => {
    const s = created();
    const v2: PolicyInForce = { version: 2, policy: { ...policy.policy, atRiskShare: 0.5 } };
    const d = decide(s, { kind: 'act', command: { type: 'TAKE' }, policy: v2 }, ava, T0 + 5000);
    expect(d.ok && d.events.map((e) => [e.type, e.seq])).toEqual([['POLICY_CHANGED', 2], ['TAKE', 3]]);
    const s3 = evolveAll(s, d.ok ? d.events : [])!;
    expect(s3.policies.map((p) => [p.from, p.version])).toEqual([[T0, 1], [T0 + 5000, 2]]);
  });

  it('gives a system event the same id on every desk, and a person event none until sealed', () => {
    const s = created();
    const breach = { kind: 'act' as const, command: { type: 'SLA_BREACH' as const, target: 'firstResponse' as const, dueAt: T0 + 3600_000 }, policy };
    const a = decide(s, breach, SYSTEM_ACTOR, T0 + 3600_000);
    const b = decide(s, breach, SYSTEM_ACTOR, T0 + 3600_500);
    const idA = a.ok ? a.events.at(-1)!.id : 'x';
    expect(idA).toBe(systemEventId('t1', 'SLA_BREACH', 'firstResponse', T0 + 3600_000));
    expect(b.ok && b.events.at(-1)!.id).toBe(idA);
    expect(idA).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(systemEventId('t1', 'SLA_WARNING', 'firstResponse', T0 + 3600_000)).not.toBe(idA);
  });

  it('validates the envelope, payload by type', () => {
    const base = { id: '0190f0c4-0000-7000-8000-000000000001', ticketId: 't1', seq: 2, payloadVersion: PAYLOAD_VERSION, actor: ava, machineVersion: MACHINE_VERSION, deskId: '0190f0c4-0000-7000-8000-0000000000aa', deskTime: T0, globalSeq: null };
    expect(ticketEnvelopeSchema.safeParse({ ...base, type: 'ESCALATE', payload: { reason: 'vip_account', note: 'call back' } }).success).toBe(true);
    expect(ticketEnvelopeSchema.safeParse({ ...base, type: 'ESCALATE', payload: { reason: 'vip_account' } }).success).toBe(false);
    expect(ticketEnvelopeSchema.safeParse({ ...base, type: 'CREATED', payload: { number: 1 } }).success).toBe(false);
  });

  it('replays a log into the same state it was decided on, and projects its SLA from the log', () => {
    const s = created();
    const d = decide(s, { kind: 'act', command: { type: 'TAKE' }, policy }, ava, T0 + 60_000);
    const events = d.ok ? d.events : [];
    const live = evolveAll(s, events)!;
    const first = decide(null, create(), ava, T0);
    const replayed = replayLog([...(first.ok ? first.events : []), ...events]);
    expect(replayed).toEqual(live);
    const cal = (id: string) => defaultCalendars.find((c) => c.id === id) ?? null;
    const sla = projectSla(live, cal, T0 + 60_000);
    expect(sla?.state.targets.firstResponse.status).toBe('met');
    expect(() => evolve(live, { ...events[0]!, seq: 9 })).toThrow(/follows/);
  });
});

describe('two desks’ breaches of one run, merged', () => {
  // Two desks offline on different settings each record a breach of the ticket's resolution
  // (each its own deadline, so each its own event id). The hub takes desk A's first; desk B
  // rebases its own on the hub's log (decides it again there), as every desk and the hub do.
  const cal = (id: string) => defaultCalendars.find((c) => c.id === id) ?? null;
  const longer: PolicyInForce = { version: 2, policy: { ...policy.policy, targets: { ...policy.policy.targets, high: { ...policy.policy.targets.high, resolution: policy.policy.targets.high.resolution * 2 } } } };
  const later = T0 + 30 * 86_400_000;

  /** What a desk's scheduler writes at `now` with `inForce` (fireSla: decide each owed breach). */
  function fire(s: TicketLogState, inForce: PolicyInForce, now: number): LogEvent[] {
    const owed = projectSla(s, cal, now, inForce)!.owed.filter((d) => d.kind === 'breach');
    const out: LogEvent[] = [];
    let state = s;
    for (const d of owed) {
      const r = decide(state, { kind: 'act', command: { type: 'SLA_BREACH', target: d.target, dueAt: d.dueAt }, policy: inForce }, SYSTEM_ACTOR, now);
      if (!r.ok) throw new Error(r.reason);
      state = evolveAll(state, r.events)!;
      out.push(...r.events.map(({ position: _p, ...e }) => e));
    }
    return out;
  }

  it('applies one: the second desk’s breach of the same run decides to nothing, and the ticket went up one tier on every desk', () => {
    const first = decide(null, create(), ava, T0);
    const take = decide(evolveAll(null, first.ok ? first.events : []), { kind: 'act', command: { type: 'TAKE' }, policy }, ava, T0 + 60_000);
    const shared = [...(first.ok ? first.events : []), ...(take.ok ? take.events : [])].map(({ position: _p, ...e }) => e);
    const common = replayLog(shared)!;
    const onA = fire(common, policy, later);
    const onB = fire(common, longer, later + 3_600_000);
    // Each desk breached the resolution once, at its own deadline, and went up to tier 2.
    expect(onA.map((e) => e.type)).toEqual(['SLA_BREACH']);
    expect(onB.map((e) => e.type)).toEqual(['POLICY_CHANGED', 'SLA_BREACH']);
    expect(onA[0]!.payload.dueAt).not.toBe(onB[1]!.payload.dueAt);
    expect(replayLog([...shared, ...onB])!.position.context.tier).toBe(2);

    // The hub took A's. Desk B rebases: its policy change goes after it, its breach is decided again.
    let merged = replayLog([...shared, ...onA])!;
    merged = evolve(merged, { ...onB[0]!, seq: merged.seq + 1 });
    const again = decide(merged, { kind: 'act', command: { type: 'SLA_BREACH', target: 'resolution', dueAt: onB[1]!.payload.dueAt as number }, policy: null }, SYSTEM_ACTOR, onB[1]!.at);
    expect(again).toEqual({ ok: true, events: [] });
    expect(merged.position.context.tier).toBe(2);
    expect(merged.log.filter((e) => e.type === 'SLA_BREACH')).toHaveLength(1);
    // Nor does either desk's scheduler owe it again, on either desk's settings.
    expect(fire(merged, longer, later + 7_200_000)).toEqual([]);
    expect(fire(merged, policy, later + 7_200_000)).toEqual([]);
    // It stays breached, at desk A's deadline, on the longer policy too.
    expect(projectSla(merged, cal, later + 7_200_000, longer)).toMatchObject({ status: 'breached', dueAt: onA[0]!.payload.dueAt });
    // A log an older hub accepted with both still replays, as it was decided then (tier 3).
    const both = replayLog([...shared, ...onA, { ...onB[0]!, seq: shared.length + 2 }, { ...onB[1]!, seq: shared.length + 3 }]);
    expect(both?.position.context.tier).toBe(3);
  });

  it('a breach decided again in the same run is nothing; a reopening that restarts the resolution clock starts a run that may breach again', () => {
    const restart: PolicyInForce = { version: 1, policy: { ...policy.policy, reopenRule: 'restart' } };
    const first = decide(null, { ...create(), policy: restart } as TicketLogCommand, ava, T0);
    let s = evolveAll(null, first.ok ? first.events : [])!;
    const act = (command: TicketCommand, who: Actor, at: number) => {
      const d = decide(s, { kind: 'act', command, policy: restart }, who, at);
      if (!d.ok) throw new Error(d.reason);
      s = evolveAll(s, d.events)!;
    };
    act({ type: 'TAKE' }, ava, T0 + 60_000);
    const [breach] = fire(s, restart, later);
    s = evolve(s, breach!);
    const dueAt = breach!.payload.dueAt as number;
    expect(decide(s, { kind: 'act', command: { type: 'SLA_BREACH', target: 'resolution', dueAt: dueAt + 3_600_000 }, policy: restart }, SYSTEM_ACTOR, later)).toEqual({ ok: true, events: [] });
    const noor: Actor = { id: 'noor', role: 'specialist', tier: 2, segments: ['education'] };
    act({ type: 'TAKE' }, noor, later + 1000);
    act({ type: 'RESOLVE', code: 'fixed_remotely', note: 'Replaced the board.' }, noor, later + 2000);
    act({ type: 'REOPEN' }, noor, later + 3000);
    // A new run: its breach is recorded, a tier up again.
    const second = fire(s, restart, later + 30 * 86_400_000);
    expect(second.map((e) => [e.type, e.payload.target])).toEqual([['SLA_BREACH', 'resolution']]);
  });
});
