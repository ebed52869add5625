import { ESCALATION_REASONS, RESOLUTION_CODES, type EscalationReason, type ResolutionCode } from './domain';

// What a ticket's event leaves in the customer's 360° contact history, as one line of text.
// The line is stored in English (it is data: exported with the customer, the same on every
// desk), and this module is the one place that both writes it and reads it back into its
// parts, so a window in another language says the same thing in its own words. A line that
// is not one of these (a call logged by hand, a comment imported from another desk) reads
// back as null and is shown as it is. Which events leave a line, on which channel and in
// which direction, is decided here too (ticketInteraction), for the ticket store and the import.

export type TicketInteraction =
  | { kind: 'opened'; number: string; subject: string }
  | { kind: 'note'; number: string; note: string | null }
  | { kind: 'replied'; number: string; note: string | null }
  | { kind: 'askedCustomer'; number: string; note: string | null }
  | { kind: 'resolved'; number: string; code: ResolutionCode; note: string | null }
  | { kind: 'escalated'; number: string; tier: number; reason: EscalationReason; note: string | null };

export type Direction = 'inbound' | 'outbound' | 'internal';

/**
 * What a ticket's event leaves in the contact history, or null for an event the customer
 * would not recognise as contact (a take, an assignment, an SLA warning).
 */
export function ticketInteraction(
  ticket: { number: string; subject: string; channel: string; tier: number },
  event: { type: string; payload: Record<string, unknown> },
): { channel: string; direction: Direction; line: TicketInteraction } | null {
  const { number } = ticket;
  const p = event.payload as { note?: string; code?: ResolutionCode; reason?: EscalationReason };
  const note = p.note ?? null;
  switch (event.type) {
    case 'CREATED':
      return { channel: ticket.channel, direction: 'inbound', line: { kind: 'opened', number, subject: ticket.subject } };
    case 'ADD_NOTE':
      return { channel: 'note', direction: 'internal', line: { kind: 'note', number, note } };
    case 'CUSTOMER_REPLIED':
      return { channel: ticket.channel, direction: 'inbound', line: { kind: 'replied', number, note } };
    case 'WAIT_ON_CUSTOMER':
      return { channel: ticket.channel, direction: 'outbound', line: { kind: 'askedCustomer', number, note } };
    case 'RESOLVE':
      return p.code ? { channel: ticket.channel, direction: 'outbound', line: { kind: 'resolved', number, code: p.code, note } } : null;
    case 'ESCALATE':
      return p.reason ? { channel: 'note', direction: 'internal', line: { kind: 'escalated', number, tier: ticket.tier, reason: p.reason, note } } : null;
    default:
      return null;
  }
}

const spaced = (code: string) => code.replaceAll('_', ' ');
const withNote = (line: string, note: string | null | undefined) => (note ? `${line}: ${note}` : line);

/** The stored line for an event's interaction. */
export function interactionLine(i: TicketInteraction): string {
  switch (i.kind) {
    case 'opened':
      return `Opened ${i.number}: ${i.subject}`;
    case 'note':
      return withNote(`Note on ${i.number}`, i.note);
    case 'replied':
      return withNote(`Customer replied on ${i.number}`, i.note);
    case 'askedCustomer':
      return withNote(`Asked the customer for information on ${i.number}`, i.note);
    case 'resolved':
      return withNote(`Resolved ${i.number} (${spaced(i.code)})`, i.note);
    case 'escalated':
      return withNote(`Escalated ${i.number} to tier ${i.tier} (${spaced(i.reason)})`, i.note);
  }
}

const NUMBER = '(T-\\d+)';
const NOTE = '(?:: ([\\s\\S]*))?$';
const PATTERNS = {
  opened: new RegExp(`^Opened ${NUMBER}: ([\\s\\S]*)$`),
  note: new RegExp(`^Note on ${NUMBER}${NOTE}`),
  replied: new RegExp(`^Customer replied on ${NUMBER}${NOTE}`),
  askedCustomer: new RegExp(`^Asked the customer for information on ${NUMBER}${NOTE}`),
  resolved: new RegExp(`^Resolved ${NUMBER} \\(([a-z ]+)\\)${NOTE}`),
  escalated: new RegExp(`^Escalated ${NUMBER} to tier (\\d) \\(([a-z ]+)\\)${NOTE}`),
};

const codeOf = <T extends string>(known: readonly T[], text: string): T | null => {
  const code = text.replaceAll(' ', '_');
  return (known as readonly string[]).includes(code) ? (code as T) : null;
};

/** A stored line read back into its parts; null for any other line. */
export function readInteractionLine(line: string): TicketInteraction | null {
  if (!line.includes('T-')) return null;
  let m = PATTERNS.opened.exec(line);
  if (m) return { kind: 'opened', number: m[1]!, subject: m[2]! };
  for (const kind of ['note', 'replied', 'askedCustomer'] as const) {
    m = PATTERNS[kind].exec(line);
    if (m) return { kind, number: m[1]!, note: m[2] ?? null };
  }
  m = PATTERNS.resolved.exec(line);
  if (m) {
    const code = codeOf(RESOLUTION_CODES, m[2]!);
    return code ? { kind: 'resolved', number: m[1]!, code, note: m[3] ?? null } : null;
  }
  m = PATTERNS.escalated.exec(line);
  if (m) {
    const reason = codeOf(ESCALATION_REASONS, m[3]!);
    return reason ? { kind: 'escalated', number: m[1]!, tier: Number(m[2]), reason, note: m[4] ?? null } : null;
  }
  return null;
}

/**
 * A ticket's line with the number the ticket has now, after it moved from `from` (the hub gave
 * its number to another desk's ticket): null when the line does not name `from`, so stays.
 */
export function renumberedLine(line: string, from: string, to: string): string | null {
  const i = readInteractionLine(line);
  return i && i.number === from ? interactionLine({ ...i, number: to }) : null;
}
