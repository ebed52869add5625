import type { AnyStateNode } from 'xstate';
import {
  TICKET_EVENT_TYPES,
  ticketMachine,
  ticketStateSchema,
  TICKET_STATES,
  type TicketContext,
  type TicketEvent,
  type TicketEventType,
  type TicketState,
} from './ticketMachine';

// The ticket machine read once into a table: for each state and event, the transitions XState
// would try, in the order it tries them (the state's own, then its parent's, then the root's),
// each with the machine's own guard, its target and its own assign actions. A step is then a
// few lookups and the guard calls, where XState's `transition` restored a snapshot, walked the
// state tree, resolved the actions and cloned the snapshot: about 60 µs a call, paid by every
// write (decide), every replayed event and, thirteen times, by every reply's allowed actions.
//
// The machine stays the only statement of the rules: nothing here names a state, an event or
// a guard. The table supports what the machine uses (guards by name, with or without params;
// targets; assign actions by name) and refuses to build on anything else (entry or exit
// actions, eventless or delayed transitions, wildcard events, built-in guard combinators), so
// a machine that outgrows it fails at load, not quietly. ticketSteps.test.ts checks every state,
// event, actor and context it tries against XState's own `transition`.

type Args = { context: TicketContext; event: TicketEvent };
type Guard = (args: Args) => boolean;
type Assign = (args: Args) => Partial<TicketContext>;

interface Step {
  guard: Guard | null;
  /** The leaf state it enters; null stays where it is. */
  target: TicketState | null;
  assigns: Assign[];
}

/** Where a ticket is in the machine: its state and context (what the ticket row stores). */
export interface TicketPosition {
  state: TicketState;
  context: TicketContext;
}

const implementations = ticketMachine.implementations as unknown as {
  guards: Record<string, unknown>;
  actions: Record<string, unknown>;
};

function unsupported(what: string): never {
  throw new Error(`ticketSteps: the ticket machine uses ${what}, which the step table does not read; extend ticketSteps.ts or remove it from the machine.`);
}

function nameAndParams(ref: unknown, what: string): { name: string; params: unknown } {
  if (typeof ref === 'string') return { name: ref, params: undefined };
  if (ref && typeof ref === 'object' && 'type' in ref && typeof ref.type === 'string') {
    const params = 'params' in ref ? ref.params : undefined;
    if (typeof params === 'function') unsupported(`dynamic ${what} params`);
    return { name: ref.type, params };
  }
  return unsupported(`an inline ${what}`);
}

function guardOf(ref: unknown): Guard | null {
  if (ref === undefined) return null;
  const { name, params } = nameAndParams(ref, 'guard');
  const impl = implementations.guards[name];
  if (typeof impl !== 'function' || 'check' in impl) unsupported(`the guard "${name}"`);
  const check = impl as (args: Args, params: unknown) => boolean;
  return (args) => check(args, params);
}

function assignOf(ref: unknown): Assign {
  const { name, params } = nameAndParams(ref, 'action');
  const impl = implementations.actions[name] as { type?: unknown; assignment?: unknown } | undefined;
  if (!impl || impl.type !== 'xstate.assign') unsupported(`the action "${name}" (only assign actions are read)`);
  const assignment = impl.assignment;
  if (typeof assignment === 'function') return (args) => (assignment as (a: Args, p: unknown) => Partial<TicketContext>)(args, params);
  const parts = Object.entries(assignment as Record<string, unknown>);
  return (args) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of parts) out[key] = typeof value === 'function' ? (value as (a: Args, p: unknown) => unknown)(args, params) : value;
    return out as Partial<TicketContext>;
  };
}

/** The leaf a target enters: a compound state's initial child, down to an atomic one. */
function leafOf(node: AnyStateNode): TicketState {
  let n = node;
  while (n.type === 'compound') {
    const initial = n.initial.target[0];
    if (!initial) unsupported(`a compound state without an initial child (${n.id})`);
    n = initial;
  }
  if (n.type !== 'atomic' && n.type !== 'final') unsupported(`a ${n.type} state (${n.id})`);
  return ticketStateSchema.parse(n.path.join('.'));
}

function checkNode(node: AnyStateNode): void {
  if (node.entry.length > 0 || node.exit.length > 0) unsupported(`entry or exit actions (${node.id})`);
  if (node.always && node.always.length > 0) unsupported(`eventless transitions (${node.id})`);
  if (node.after.length > 0) unsupported(`delayed transitions (${node.id})`);
  if (node.invoke.length > 0) unsupported(`invoked actors (${node.id})`);
  if (node.type === 'parallel' || node.type === 'history') unsupported(`a ${node.type} state (${node.id})`);
  for (const child of Object.values(node.states)) checkNode(child);
}

function build(): Record<TicketState, Map<TicketEventType, Step[]>> {
  checkNode(ticketMachine.root);
  const known = new Set<string>(TICKET_EVENT_TYPES);
  const table = {} as Record<TicketState, Map<TicketEventType, Step[]>>;
  for (const state of TICKET_STATES) {
    const steps = new Map<TicketEventType, Step[]>();
    // The leaf first, then each ancestor: XState's order of candidates.
    for (let node: AnyStateNode | undefined = ticketMachine.getStateNodeById(`ticket.${state}`); node; node = node.parent) {
      for (const [eventType, definitions] of node.transitions) {
        if (!known.has(eventType)) unsupported(`the event descriptor "${eventType}"`);
        const list = steps.get(eventType as TicketEventType) ?? [];
        for (const d of definitions) {
          if (d.target && d.target.length !== 1) unsupported(`a transition with ${d.target.length} targets`);
          list.push({ guard: guardOf(d.guard), target: d.target?.[0] ? leafOf(d.target[0]) : null, assigns: d.actions.map(assignOf) });
        }
        steps.set(eventType as TicketEventType, list);
      }
    }
    table[state] = steps;
  }
  return table;
}

let table: Record<TicketState, Map<TicketEventType, Step[]>> | null = null;

function enabled(pos: TicketPosition, event: TicketEvent): Step | null {
  table ??= build();
  const args: Args = { context: pos.context, event };
  for (const s of table[pos.state].get(event.type) ?? []) if (!s.guard || s.guard(args)) return s;
  return null;
}

/** Whether the machine takes this event in this position (XState's `snapshot.can`). */
export function canStep(pos: TicketPosition, event: TicketEvent): boolean {
  return enabled(pos, event) !== null;
}

/** Where the event leaves the ticket, or null when no transition takes it (XState's `transition`). */
export function step(pos: TicketPosition, event: TicketEvent): TicketPosition | null {
  const s = enabled(pos, event);
  if (!s) return null;
  let context = pos.context;
  // Each assign sees the context the one before it left, as XState's do.
  for (const assign of s.assigns) context = { ...context, ...assign({ context, event }) };
  return { state: s.target ?? pos.state, context };
}
