import type { Priority } from '../domain';
import { clockRuns, MAX_TARGET_MINUTES, type SlaEvent, type SlaPolicy, type SlaState, type SlaTarget } from './slaClock';

// From a ticket's event log to the SLA clock's events, and from the clock's state to the
// deadlines the scheduler still owes the ticket. Pure, so the core, the hub and the tests
// agree on what counts.
//
// What answers the customer (an agent response): taking the ticket, asking the customer for
// information (waiting on them), and resolving. Internal notes and escalations do not.

export interface LoggedEvent {
  type: string;
  at: number;
  payload: Record<string, unknown>;
}

/** The policy a ticket ran under from a given moment: a change applies from the next event. */
export interface PolicySpan {
  from: number;
  version: number;
  policy: SlaPolicy;
}

export function slaEventsOf(log: readonly LoggedEvent[], policies: readonly PolicySpan[]): SlaEvent[] {
  const out: SlaEvent[] = [];
  let span = 0;
  // A policy noticed at an event applies from that event on; one noticed at creation (same
  // instant) applies right after the clock starts.
  const changesUpTo = (at: number) => {
    while (span + 1 < policies.length && policies[span + 1]!.from <= at) {
      span++;
      out.push({ kind: 'policyChanged', at: Math.max(at, policies[span]!.from), policy: policies[span]!.policy });
    }
  };
  for (const e of log) {
    if (e.type !== 'CREATED') changesUpTo(e.at);
    switch (e.type) {
      case 'CREATED':
        out.push({ kind: 'created', at: e.at, priority: e.payload.priority as Priority });
        changesUpTo(e.at);
        break;
      case 'TAKE':
        out.push({ kind: 'agentResponse', at: e.at });
        break;
      case 'WAIT_ON_CUSTOMER':
        out.push({ kind: 'agentResponse', at: e.at }, { kind: 'paused', at: e.at });
        break;
      case 'CUSTOMER_REPLIED':
        out.push({ kind: 'customerReplied', at: e.at });
        break;
      case 'RESOLVE':
        out.push({ kind: 'resolved', at: e.at });
        break;
      case 'REOPEN':
        out.push({ kind: 'reopened', at: e.at });
        break;
      case 'CLOSE':
        out.push({ kind: 'closed', at: e.at });
        break;
      case 'CHANGE_PRIORITY':
        out.push({ kind: 'priorityChanged', at: e.at, priority: e.payload.priority as Priority });
        break;
      case 'DEESCALATE':
        out.push({ kind: 'deescalated', at: e.at });
        break;
      case 'SLA_BREACH': {
        // At the deadline that passed, under the policy the desk that recorded it had (a policy
        // it had changed to rides on a POLICY_CHANGED before it).
        const breach = recordedBreach(e);
        const under = policies[span]?.policy;
        if (breach) out.push({ kind: 'breached', at: breach.dueAt, target: breach.target, ...(under ? { policy: under } : {}) });
        break;
      }
      default:
        break;
    }
  }
  // A policy that took effect after the last event (an admin's recompute, or a change not yet
  // recorded: projectSla's policy in force) counts from then on.
  if (out.length > 0) {
    let lastAt = Number.NEGATIVE_INFINITY;
    for (const e of out) if (e.kind !== 'breached') lastAt = Math.max(lastAt, e.at);
    while (span + 1 < policies.length) {
      span++;
      out.push({ kind: 'policyChanged', at: Math.max(lastAt, policies[span]!.from), policy: policies[span]!.policy });
    }
  }
  return out;
}

const SLA_TARGETS: readonly string[] = ['firstResponse', 'nextResponse', 'resolution'] satisfies readonly SlaTarget[];

/** An SLA_BREACH as the log records it: the target and the deadline that passed (the event's time in a log that lacks it). */
function recordedBreach(e: LoggedEvent): { target: SlaTarget; dueAt: number } | null {
  if (e.type !== 'SLA_BREACH' || !SLA_TARGETS.includes(String(e.payload.target))) return null;
  return { target: e.payload.target as SlaTarget, dueAt: typeof e.payload.dueAt === 'number' ? e.payload.dueAt : e.at };
}

/**
 * Whether the log records a breach of `target` whose deadline fell in the run of its clock that
 * started at `from` (and, when a later run started at `to`, before that): a run breaches once.
 * A recorded breach belongs to the run its deadline fell in (a deadline is always after its
 * run's start). The one rule the scheduler (owedDeadlines), the clock (slaClock's `breached`)
 * and a merge of two desks' logs (repeatsBreach) keep.
 */
function breachRecordedIn(log: readonly LoggedEvent[], target: SlaTarget, from: number, to = Number.POSITIVE_INFINITY): boolean {
  return log.some((e) => {
    const b = recordedBreach(e);
    return b !== null && b.target === target && b.dueAt > from && b.dueAt <= to;
  });
}

/**
 * Whether a breach of `target` at `dueAt` repeats one the log already records in the same run
 * of that target's clock: two desks offline on different settings each record a breach of the
 * run, and their logs meet at the hub. The second is nothing to record (decide() returns no
 * event for it, on a desk's scheduler, a desk's rebase and the hub's re-check alike), so the
 * ticket is escalated once per run. The runs come from the log alone (clockRuns), so every
 * desk and the hub find the same ones whatever their calendars.
 */
export function repeatsBreach(log: readonly LoggedEvent[], policies: readonly PolicySpan[], target: SlaTarget, dueAt: number): boolean {
  if (!log.some((e) => recordedBreach(e)?.target === target)) return false;
  const first = policies[0];
  const starts = first ? clockRuns(first.policy, slaEventsOf(log, policies))[target] : [];
  // No policy to replay by: one run, from the creation.
  if (!first) for (const e of log) if (e.type === 'CREATED') starts.push(e.at);
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.POSITIVE_INFINITY;
  for (const s of starts) {
    if (s < dueAt) from = s;
    else if (s < to) to = s;
  }
  return breachRecordedIn(log, target, from, to);
}

export interface OwedDeadline {
  at: number;
  kind: 'warning' | 'breach';
  target: SlaTarget;
  dueAt: number;
}

const firedKey = (kind: 'warning' | 'breach', target: string, dueAt: unknown) => `${kind}/${target}/${String(dueAt)}`;

/**
 * Warnings and breaches the scheduler has not yet sent, past ones included: a desk that was
 * stopped over a deadline sends it when it starts, and one already recorded in the log is
 * never sent twice. A breach that is already due makes its own warning moot.
 *
 * A target breaches at most once per run of its clock (startedAt: the ticket's creation, a
 * customer's reply for a next response, a reopening that restarts the resolution clock). A
 * breach recorded in the current run stands, as it happened under the rules then in force: an
 * admin who lengthens the target or the calendar afterwards moves the deadline, and the ticket
 * was escalated again at the new one. A recorded breach belongs to the run its deadline fell
 * in (a deadline is always after its run's start). Nor is a warning owed after it. Logs from
 * older desks that hold two breaches of one run still replay; nothing more is owed for it.
 */
export function owedDeadlines(state: SlaState, log: readonly LoggedEvent[], now: number): OwedDeadline[] {
  const fired = new Set<string>();
  for (const e of log) {
    if (e.type !== 'SLA_WARNING' && e.type !== 'SLA_BREACH') continue;
    fired.add(firedKey(e.type === 'SLA_WARNING' ? 'warning' : 'breach', String(e.payload.target), e.payload.dueAt));
  }
  // The clock's current run is its last: a breach recorded after its start is of this run.
  const breachedThisRun = (clock: SlaState['targets'][SlaTarget]) => clock.startedAt !== null && breachRecordedIn(log, clock.target, clock.startedAt);
  const owed: OwedDeadline[] = [];
  for (const clock of Object.values(state.targets)) {
    if (clock.dueAt === null || clock.metAt !== null || clock.status === 'met' || clock.status === 'none' || clock.status === 'paused') continue;
    if (breachedThisRun(clock)) continue;
    const breachOwed = !fired.has(firedKey('breach', clock.target, clock.dueAt));
    if (breachOwed) owed.push({ at: clock.dueAt, kind: 'breach', target: clock.target, dueAt: clock.dueAt });
    const breachDue = clock.dueAt <= now;
    if (clock.atRiskAt !== null && !breachDue && !fired.has(firedKey('warning', clock.target, clock.dueAt))) {
      owed.push({ at: clock.atRiskAt, kind: 'warning', target: clock.target, dueAt: clock.dueAt });
    }
  }
  return owed.sort((a, b) => a.at - b.at);
}

export type TicketSlaStatus = 'ok' | 'atRisk' | 'breached' | 'paused' | 'met' | 'none';

/** One status per ticket for queues and the board: the worst of its running clocks. */
export function ticketSlaStatus(state: SlaState): { status: TicketSlaStatus; dueAt: number | null; target: SlaTarget | null } {
  const clocks = Object.values(state.targets);
  const running = clocks.filter((c) => c.status === 'ok' || c.status === 'atRisk' || (c.status === 'breached' && c.metAt === null));
  const soonest = running.filter((c) => c.dueAt !== null).sort((a, b) => a.dueAt! - b.dueAt!)[0] ?? null;
  const dueAt = soonest?.dueAt ?? null;
  const target = soonest?.target ?? null;
  if (running.some((c) => c.status === 'breached')) return { status: 'breached', dueAt, target };
  if (running.some((c) => c.status === 'atRisk')) return { status: 'atRisk', dueAt, target };
  if (state.paused) return { status: 'paused', dueAt: null, target: null };
  if (running.length > 0) return { status: 'ok', dueAt, target };
  return { status: clocks.some((c) => c.status === 'met') ? 'met' : 'none', dueAt: null, target: null };
}

/**
 * The earliest a target's deadline can honestly be, from the ticket's log alone, or null when
 * the log names no policy: its clock's earliest possible start plus the shortest target the
 * ticket has run under. Business hours, holidays and waits on the customer only push a deadline
 * later, a priority or policy change judges the clock from the same start, and a reopening
 * that restarts the resolution clock starts it later still, so no honest desk computes one
 * earlier, whatever its calendar (on 24-hour days it is exactly this). The first-response and
 * resolution clocks start at creation; a next-response clock, at a customer's reply. The hub
 * checks a desk's SLA warning or breach against it (a desk with a tampered file, or a bug,
 * sending a deadline in the past escalated a ticket at once).
 */
export function earliestDueAt(log: readonly LoggedEvent[], policies: readonly PolicySpan[], target: SlaTarget): number | null {
  const created = log.find((e) => e.type === 'CREATED');
  if (!created || policies.length === 0) return null;
  const priorities = new Set<Priority>();
  for (const e of log) if (e.type === 'CREATED' || e.type === 'CHANGE_PRIORITY') priorities.add(e.payload.priority as Priority);
  let shortest = Infinity;
  for (const { policy } of policies) {
    for (const priority of priorities) {
      const minutes = policy.targets[priority]?.[target];
      if (typeof minutes === 'number') shortest = Math.min(shortest, minutes, MAX_TARGET_MINUTES);
    }
  }
  if (!Number.isFinite(shortest)) return null;
  const replies = log.filter((e) => e.type === 'CUSTOMER_REPLIED' && e.at >= created.at).map((e) => e.at);
  const start = target === 'nextResponse' && replies.length > 0 ? Math.min(...replies) : created.at;
  return start + shortest * 60_000;
}
