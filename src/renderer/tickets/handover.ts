import type { TimelineEntry } from '../../shared/api';
import { escalationReasonSchema, resolutionCodeSchema, type EscalationReason, type ResolutionCode, type Tier } from '../../shared/domain';
import { slaTargetSchema, tierAfter, type SlaTargetName, type TicketState } from '../../shared/ticketMachine';

/** Why an open ticket is at its tier: the escalation, hand-back or SLA breach that brought it there. */
export interface Handover {
  kind: 'ESCALATE' | 'DEESCALATE' | 'SLA_BREACH';
  /** The tier it left the ticket at (the ticket's tier now). */
  tier: Tier;
  actorName: string;
  at: number;
  reason: EscalationReason | null;
  target: SlaTargetName | null;
  note: string | null;
}

/** The customer came back after a resolution: who reopened the ticket, when, and their note. */
export interface Reopening {
  actorName: string;
  at: number;
  note: string | null;
}

/** The last reopening of a ticket that is open again (none on one resolved, closed or never reopened). */
export function reopeningOf(entries: TimelineEntry[], ticket: { state: TicketState }): Reopening | null {
  if (ticket.state === 'resolved' || ticket.state === 'closed') return null;
  const last = entries.findLast((e) => e.type === 'REOPEN');
  if (!last) return null;
  const note = typeof last.payload['note'] === 'string' && last.payload['note'].trim() ? last.payload['note'] : null;
  return { actorName: last.actorName, at: last.at, note };
}

/** How a resolved (or since closed) ticket was resolved: who, when, the code and the note. */
export interface Resolution {
  actorName: string;
  at: number;
  code: ResolutionCode | null;
  note: string | null;
}

/**
 * The last resolution of a ticket that is resolved or closed (none on one open, or reopened
 * since). Without it the code and the note were only in the timeline at the foot of the page:
 * a customer calling back about a resolved ticket had the agent scroll down to find what was done.
 */
export function resolutionOf(entries: TimelineEntry[], ticket: { state: TicketState }): Resolution | null {
  if (ticket.state !== 'resolved' && ticket.state !== 'closed') return null;
  const last = entries.findLast((e) => e.type === 'RESOLVE');
  if (!last) return null;
  const code = resolutionCodeSchema.safeParse(last.payload['code']);
  const note = typeof last.payload['note'] === 'string' && last.payload['note'].trim() ? last.payload['note'] : null;
  return { actorName: last.actorName, at: last.at, code: code.success ? code.data : null, note };
}

/**
 * Folds the log (entries in log order, as the desk sends them) to the last event that moved
 * the ticket between tiers, while the ticket is open and still at the tier that event left it
 * at. A resolved or closed ticket, or one that never moved tier, has none.
 */
export function handoverOf(entries: TimelineEntry[], ticket: { tier: Tier; state: TicketState }): Handover | null {
  if (ticket.state === 'resolved' || ticket.state === 'closed') return null;
  let tier: Tier = 1;
  let last: Handover | null = null;
  for (const e of entries) {
    const next = tierAfter(e.type, tier);
    if (next !== tier && (e.type === 'ESCALATE' || e.type === 'DEESCALATE' || e.type === 'SLA_BREACH')) {
      const reason = escalationReasonSchema.safeParse(e.payload['reason']);
      const target = slaTargetSchema.safeParse(e.payload['target']);
      const note = typeof e.payload['note'] === 'string' && e.payload['note'].trim() ? e.payload['note'] : null;
      last = {
        kind: e.type,
        tier: next,
        actorName: e.actorName,
        at: e.at,
        reason: reason.success ? reason.data : null,
        target: target.success ? target.data : null,
        note,
      };
    }
    tier = next;
  }
  return last && last.tier === ticket.tier ? last : null;
}
