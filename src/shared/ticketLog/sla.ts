import type { BusinessCalendar } from '../sla/calendar';
import { computeSla, type SlaState } from '../sla/slaClock';
import { owedDeadlines, slaEventsOf, ticketSlaStatus, type OwedDeadline, type TicketSlaStatus } from '../sla/ticketSla';
import type { SlaTargetName } from '../ticketMachine';
import type { TicketLogState } from './evolve';

// The SLA projection of a ticket, derived from its log alone: the policies it ran under
// (CREATED and POLICY_CHANGED events) and the history the clock replays, on the first
// policy's business-hours calendar, as of `now`.

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

export function projectSla(state: TicketLogState, calendarOf: (id: string) => BusinessCalendar | null, now: number): TicketSla | null {
  const first = state.policies[0];
  const cal = first ? calendarOf(first.policy.calendarId) : null;
  if (!first || !cal) return null;
  const sla = computeSla(first.policy, cal, slaEventsOf(state.log, state.policies), now);
  const summary = ticketSlaStatus(sla);
  const owed = owedDeadlines(sla, state.log, now);
  return { state: sla, owed, status: summary.status, target: summary.target, dueAt: summary.dueAt, nextAt: owed[0]?.at ?? null, calendarId: cal.id };
}
