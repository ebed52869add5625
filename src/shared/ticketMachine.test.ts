import { getAdjacencyMap } from '@xstate/graph';
import type { AnyStateNode } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Actor } from './domain';
import { SYSTEM_ACTOR } from './domain';
import { allowedEvents, applyEvent, explainRefusal, openTicket, reopenRefusal, replay, type TicketPosition } from './ticket';
import { stateName, TICKET_STATES, ticketMachine, type TicketEvent } from './ticketMachine';

const AT = 1_000;
const seg = ['government'] as Actor['segments'];
const agent: Actor = { id: 'a1', role: 'agent', tier: 1, segments: seg };
const otherAgent: Actor = { id: 'a2', role: 'agent', tier: 1, segments: seg };
const s2: Actor = { id: 's2', role: 'specialist', tier: 2, segments: seg };
const s3: Actor = { id: 's3', role: 'specialist', tier: 3, segments: seg };
const sup: Actor = { id: 'sup', role: 'supervisor', tier: 3, segments: [] };
const outsider: Actor = { id: 'x1', role: 'agent', tier: 1, segments: ['home'] };
const input = { segment: 'government', priority: 'normal', at: 0 } as const;

// Every kind of event, sent by every kind of person: the traversal keeps what the guards allow.
const people = [agent, s2, s3, sup, SYSTEM_ACTOR, outsider];
const events: TicketEvent[] = people.flatMap((actor) => {
  const b = { at: AT, actor };
  return [
    { type: 'TAKE', ...b },
    { type: 'ASSIGN', assigneeId: 's2', ...b },
    { type: 'ASSIGN', assigneeId: 's2', keepWaiting: true, ...b },
    { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'disk fails POST', ...b },
    { type: 'DEESCALATE', note: 'firmware updated; please confirm with customer', ...b },
    { type: 'WAIT_ON_CUSTOMER', ...b },
    { type: 'CUSTOMER_REPLIED', ...b },
    { type: 'ADD_NOTE', note: 'called back', ...b },
    { type: 'RESOLVE', code: 'fixed_remotely', note: 'replaced driver', ...b },
    { type: 'CLOSE', ...b },
    { type: 'REOPEN', ...b },
    { type: 'CHANGE_PRIORITY', priority: 'urgent', ...b },
    { type: 'RETURN_TO_QUEUE', ...b },
    { type: 'SLA_WARNING', target: 'resolution', dueAt: AT, ...b },
    { type: 'SLA_BREACH', target: 'resolution', dueAt: AT, ...b },
  ] satisfies TicketEvent[];
});
// Reopened into the queue (its holder there may no longer hold it): one person's is enough to
// reach those transitions, and keeps the graph small.
events.push({ type: 'REOPEN', toQueue: true, at: AT, actor: agent });

// Priority and timestamps do not change what may happen next; leaving them out of the state
// key keeps the graph small enough to walk in a second.
const traversal = {
  events,
  input,
  serializeState: (s: { value: unknown; context: { assigneeId: string | null; heldBy: unknown; tier: number } }) =>
    JSON.stringify([s.value, s.context.assigneeId, s.context.heldBy, s.context.tier]),
};
// The machine walked once (XState's transition for every state and event, the file's cost):
// both the transitions taken and each state's shortest path are read from this one map, rather
// than from getShortestPaths walking the same graph a second time.
const adjacency = getAdjacencyMap(ticketMachine, traversal);
const walked = new Map(Object.entries(adjacency));
type Walked = NonNullable<ReturnType<typeof walked.get>>;
/** Each state reached, with the shortest list of events that reaches it (breadth first from the first state walked). */
const shortestPaths = ((): Array<{ state: Walked['state']; steps: Array<{ event: TicketEvent }> }> => {
  const [start, first] = [...walked][0]!;
  const paths = new Map([[start, { state: first.state, steps: [] as Array<{ event: TicketEvent }> }]]);
  const queue = [start];
  for (let k = queue.shift(); k !== undefined; k = queue.shift()) {
    const from = paths.get(k)!;
    for (const { event, state } of Object.values(walked.get(k)!.transitions) as Array<{ event: TicketEvent; state: Walked['state'] }>) {
      const next = traversal.serializeState(state);
      if (paths.has(next)) continue;
      paths.set(next, { state, steps: [...from.steps, { event }] });
      queue.push(next);
    }
  }
  return [...paths.values()];
})();

/** Every (state, event, target) the machine definition declares, resolved to leaf states. */
function declaredTransitions(): Set<string> {
  const out = new Set<string>();
  const leaves: AnyStateNode[] = [];
  const walk = (n: AnyStateNode) => {
    const children = Object.values(n.states) as AnyStateNode[];
    if (children.length === 0) leaves.push(n);
    children.forEach(walk);
  };
  walk(ticketMachine.root);
  for (const leaf of leaves) {
    const source = leaf.path.join('.');
    for (let node: AnyStateNode | undefined = leaf; node; node = node.parent) {
      for (const [type, defs] of node.transitions) {
        for (const def of defs) {
          const target = def.target?.[0];
          const leafTarget = target ? leafOf(target) : source;
          out.add(`${source} --${type}--> ${leafTarget}`);
        }
      }
    }
  }
  return out;
}
function leafOf(n: AnyStateNode): string {
  let node = n;
  while (Object.keys(node.states).length > 0) node = node.states[node.config.initial as string] as AnyStateNode;
  return node.path.join('.');
}

describe('ticket machine, model-based', () => {
  it('reaches every state by a shortest path', () => {
    const reached = new Set(shortestPaths.map((p) => stateName(p.state.value)));
    expect([...reached].sort()).toEqual([...TICKET_STATES].sort());
  });

  it('takes every declared transition somewhere in the graph', () => {
    const taken = new Set<string>();
    for (const { state, transitions } of Object.values(adjacency)) {
      for (const { event, state: next } of Object.values(transitions) as Array<{ event: TicketEvent; state: typeof state }>) {
        taken.add(`${stateName(state.value)} --${event.type}--> ${stateName(next.value)}`);
      }
    }
    const declared = declaredTransitions();
    const missing = [...declared].filter((t) => !taken.has(t));
    expect(missing).toEqual([]);
    expect(declared.size).toBeGreaterThan(40);
  });

  it('replaying every shortest path gives the state the path ends in', () => {
    for (const path of shortestPaths) {
      const r = replay(input, path.steps.map((s) => s.event as { type: string }).filter((e) => e.type !== 'xstate.init') as TicketEvent[]);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.next.state).toBe(stateName(path.state.value));
    }
  });
});

const run = (pos: TicketPosition, ev: TicketEvent): TicketPosition => {
  const r = applyEvent(pos, ev);
  if (!r.ok) throw new Error(r.reason);
  return r.next;
};

describe('ticket machine, rules people rely on', () => {
  const fresh = () => openTicket(input);

  it('escalates with a reason and a note, and hands back down to whoever held it', () => {
    let t = run(fresh(), { type: 'TAKE', at: 1, actor: agent });
    t = run(t, { type: 'ESCALATE', reason: 'hardware_replacement', note: 'board dead', at: 2, actor: agent });
    expect(t.state).toBe('tier2.waiting');
    expect(t.context.assigneeId).toBeNull();
    t = run(t, { type: 'TAKE', at: 3, actor: s2 });
    t = run(t, { type: 'DEESCALATE', note: 'part shipped, agent to confirm', at: 4, actor: s2 });
    expect(t.state).toBe('tier1.open');
    expect(t.context.assigneeId).toBe('a1');
  });

  it('refuses a de-escalation without a note, and says why', () => {
    let t = run(fresh(), { type: 'TAKE', at: 1, actor: agent });
    t = run(t, { type: 'ESCALATE', reason: 'hardware_replacement', note: 'x', at: 2, actor: agent });
    t = run(t, { type: 'TAKE', at: 3, actor: s2 });
    const r = applyEvent(t, { type: 'DEESCALATE', note: '  ', at: 4, actor: s2 });
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/Write a note/) });
  });

  it('lets only the right tier act: an agent cannot take a tier-2 ticket', () => {
    let t = run(fresh(), { type: 'TAKE', at: 1, actor: agent });
    t = run(t, { type: 'ESCALATE', reason: 'repeat_failure', note: 'third time', at: 2, actor: agent });
    const r = applyEvent(t, { type: 'TAKE', at: 3, actor: otherAgent });
    expect(r).toEqual({ ok: false, reason: 'This ticket is at tier 2; you work at first line (tier 1).' });
    expect(allowedEvents(t, s2, 3)).toContain('TAKE');
    expect(allowedEvents(t, agent, 3)).not.toContain('TAKE');
  });

  it('keeps people out of segments they do not work', () => {
    const r = applyEvent(fresh(), { type: 'TAKE', at: 1, actor: outsider });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/government/);
  });

  it('offers nothing but a note and reopen on a resolved ticket, and reopen only within the window', () => {
    let t = run(fresh(), { type: 'TAKE', at: 1, actor: agent });
    t = run(t, { type: 'RESOLVE', code: 'fixed_remotely', note: 'ok', at: 10, actor: agent });
    expect(allowedEvents(t, agent, 11).sort()).toEqual(['ADD_NOTE', 'CLOSE', 'REOPEN']);
    const late = applyEvent(t, { type: 'REOPEN', at: 10 + t.context.reopenWindowMs + 1, actor: agent });
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.reason).toBe('Reopen is possible for 7 days after resolution; this ticket was resolved 8 days ago. Open a new ticket that follows it.');
    expect(run(t, { type: 'REOPEN', at: 20, actor: agent }).state).toBe('tier1.open');
  });

  it('says, past the reopen window, why Reopen is not offered: the window and how long ago it was resolved', () => {
    let t = run(fresh(), { type: 'TAKE', at: 1, actor: agent });
    t = run(t, { type: 'RESOLVE', code: 'fixed_remotely', note: 'ok', at: 10, actor: agent });
    const day = 86_400_000;
    expect(reopenRefusal(t, agent, 10 + 7 * day)).toBeNull();
    expect(reopenRefusal(t, agent, 10 + 9 * day)).toBe('Reopen is possible for 7 days after resolution; this ticket was resolved 9 days ago. Open a new ticket that follows it.');
    // The same words the machine refuses a reopen with.
    const refused = applyEvent(t, { type: 'REOPEN', at: 10 + 9 * day, actor: agent });
    expect(refused.ok ? null : refused.reason).toBe(reopenRefusal(t, agent, 10 + 9 * day));
    // The policy's window, not the default.
    const three = run(run(openTicket({ ...input, reopenWindowMs: 3 * day }), { type: 'TAKE', at: 1, actor: agent }), { type: 'RESOLVE', code: 'fixed_remotely', note: 'ok', at: 10, actor: agent });
    expect(reopenRefusal(three, agent, 10 + 4 * day)).toMatch(/^Reopen is possible for 3 days after resolution; this ticket was resolved 4 days ago/);
    // Only a resolved ticket has a reason to give.
    expect(reopenRefusal(fresh(), agent, 10 + 9 * day)).toBeNull();
  });

  it('lets only supervisors change priority', () => {
    expect(applyEvent(fresh(), { type: 'CHANGE_PRIORITY', priority: 'urgent', at: 1, actor: agent }).ok).toBe(false);
    expect(run(fresh(), { type: 'CHANGE_PRIORITY', priority: 'urgent', at: 1, actor: sup }).context.priority).toBe('urgent');
  });

  it('escalates on an SLA breach and stays at tier 3 when there is nowhere higher', () => {
    let t = run(fresh(), { type: 'SLA_BREACH', target: 'firstResponse', dueAt: 1, at: 1, actor: SYSTEM_ACTOR });
    expect(t.state).toBe('tier2.waiting');
    t = run(t, { type: 'SLA_BREACH', target: 'resolution', dueAt: 2, at: 2, actor: SYSTEM_ACTOR });
    expect(t.state).toBe('tier3.waiting');
    t = run(t, { type: 'SLA_BREACH', target: 'resolution', dueAt: 3, at: 3, actor: SYSTEM_ACTOR });
    expect(t.state).toBe('tier3.waiting');
    expect(applyEvent(t, { type: 'SLA_BREACH', target: 'resolution', dueAt: 3, at: 3, actor: sup }).ok).toBe(false);
  });

  it('explains a refusal in terms of the state when the event makes no sense there', () => {
    const t = run(run(fresh(), { type: 'TAKE', at: 1, actor: agent }), { type: 'RESOLVE', code: 'duplicate', note: 'dup', at: 2, actor: agent });
    expect(explainRefusal(t, { type: 'ESCALATE', reason: 'vip_account', note: 'x', at: 3, actor: agent })).toBe(
      'A ticket that is resolved cannot be escalated.',
    );
  });
});
