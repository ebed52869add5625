import type { BusinessCalendar } from '../sla/calendar';
import { computeSla, type SlaState } from '../sla/slaClock';
import { owedDeadlines, slaEventsOf, ticketSlaStatus, type OwedDeadline, type TicketSlaStatus } from '../sla/ticketSla';
import type { PolicySpan } from '../sla/ticketSla';
import type { SlaTargetName } from '../ticketMachine';
import type { PolicyInForce } from './decide';
import type { TicketLogState } from './evolve';

// The SLA projection of a ticket, derived from its log alone: the policies it ran under
// (CREATED and POLICY_CHANGED events) and the history the clock replays, on the first
// policy's business-hours calendar, as of `now`.
//
// A policy an admin changed since the ticket's last event (`inForce`, the policy in force for
// its segment and level) counts at once, after that event: a running clock is judged as if the
// ticket had always had its current targets (slaClock.ts), so when it is applied moves no
// deadline, and every desk with the same log and settings stores the same ones, with no event
// sent. The ticket's next event records it in the log (POLICY_CHANGED, decide.ts), as the
// hub's check of a warning or breach (earliestDueAt) needs: the scheduler's warning or breach
// is such an event.

export interface TicketSla {
  state: SlaState;
  /** Warnings and breaches the scheduler still owes the ticket, soonest first. */
  owed: OwedDeadline[];
  status: TicketSlaStatus;
  target: SlaTargetName | null;
  dueAt: number | null;
  /** When the scheduler must next look at the ticket. */
  nextAt: number | null;
  calendarId: string;
}

export function projectSla(state: TicketLogState, calendarOf: (id: string) => BusinessCalendar | null, now: number, inForce: PolicyInForce | null = null): TicketSla | null {
  const policies = policiesWith(state, inForce, now);
  const first = policies[0];
  const cal = first ? calendarOf(first.policy.calendarId) : null;
  if (!first || !cal) return null;
  const sla = computeSla(first.policy, cal, slaEventsOf(state.log, policies), now);
  const summary = ticketSlaStatus(sla);
  const owed = owedDeadlines(sla, state.log, now);
  return { state: sla, owed, status: summary.status, target: summary.target, dueAt: summary.dueAt, nextAt: owed[0]?.at ?? null, calendarId: cal.id };
}

/**
 * The policies a ticket's clocks run under: those its log names, and the policy in force when it
 * differs from the last of them, from `now` (from the ticket's creation if it had none), as the
 * POLICY_CHANGED its next event brings will record it (decide.ts policyChange).
 */
export function policiesWith(state: { policies: readonly PolicySpan[]; head: Pick<TicketLogState['head'], 'createdAt'> }, inForce: PolicyInForce | null, now: number): readonly PolicySpan[] {
  if (!inForce) return state.policies;
  const last = state.policies.at(-1);
  if (last && last.policy.id === inForce.policy.id && last.version === inForce.version) return state.policies;
  return [...state.policies, { from: state.policies.length === 0 ? state.head.createdAt : now, version: inForce.version, policy: inForce.policy }];
}
