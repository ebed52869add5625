import { PRIORITIES, type Priority } from './domain';
import { messageDetail } from './messageKeys';

// A sync conflict's "what you tried" and "what to do now". The desk stores both in English
// when the hub refuses a change (core/sync/conflicts.ts); this module is the one place that
// writes them and reads them back (the subject, note or priority a line carries, and which
// next step a change calls for), so a window in another language says them in its own words.

const ACTS = {
  CREATED: 'Open a new ticket',
  TAKE: 'Take',
  ASSIGN: 'Assign',
  ESCALATE: 'Escalate',
  DEESCALATE: 'Hand back down',
  WAIT_ON_CUSTOMER: 'Wait on the customer for',
  CUSTOMER_REPLIED: 'Record the customer’s reply on',
  ADD_NOTE: 'Add a note to',
  RESOLVE: 'Resolve',
  CLOSE: 'Close',
  REOPEN: 'Reopen',
  CHANGE_PRIORITY: 'Change the priority of',
  RETURN_TO_QUEUE: 'Return to the queue',
  SLA_WARNING: 'Warn about the SLA of',
  SLA_BREACH: 'Escalate on SLA breach',
} as const;
export type ConflictAct = keyof typeof ACTS;
export const isConflictAct = (type: string): type is ConflictAct => Object.hasOwn(ACTS, type);

export interface ConflictParts {
  stream: string;
  type: string;
  ticketNumber: string | null;
  entityId: string;
  payload: Record<string, unknown>;
}

/** What the author tried, in words: "Take ticket T-000042". */
export function conflictSummaryLine(c: ConflictParts): string {
  if (c.stream !== 'ticket') return `${c.type.replaceAll('_', ' ').toLowerCase()} (${c.stream} ${c.entityId})`;
  const which = c.ticketNumber ? `ticket ${c.ticketNumber}` : 'a ticket';
  if (c.type === 'CREATED') return `${ACTS.CREATED}: “${String(c.payload.subject ?? '')}”`;
  const act = isConflictAct(c.type) ? ACTS[c.type] : c.type;
  const extra = c.type === 'CHANGE_PRIORITY' ? ` to ${String(c.payload.priority)}` : c.type === 'ADD_NOTE' && c.payload.note ? `: “${String(c.payload.note).slice(0, 80)}”` : '';
  return `${act} ${which}${extra}`;
}

/** What a stored summary line carries besides its act: a new ticket's subject, a note, a priority. */
export function readConflictSummary(line: string): { quoted: string | null; priority: Priority | null } {
  const quoted = /“([\s\S]*)”$/.exec(line)?.[1] ?? null;
  const to = / to (\w+)$/.exec(line)?.[1];
  return { quoted, priority: to && (PRIORITIES as readonly string[]).includes(to) ? (to as Priority) : null };
}

export type NextStep = 'record' | 'created' | 'taken' | 'moved' | 'note' | 'other';

/**
 * Which next step a refused change calls for. A take or an assignment refused because someone
 * has the ticket sends its author to see who; one refused for another reason (the ticket was
 * escalated or resolved meanwhile) must not say someone has it, for no one may.
 */
export function nextStepOf(c: { stream: string; type: string; reason: string }): NextStep {
  if (c.stream !== 'ticket') return 'record';
  switch (c.type) {
    case 'CREATED':
      return 'created';
    case 'TAKE':
    case 'ASSIGN':
      if (messageDetail(c.reason)?.key === 'alreadyTaken') return 'taken';
      return c.type === 'TAKE' ? 'moved' : 'other';
    case 'ADD_NOTE':
    case 'CUSTOMER_REPLIED':
      return 'note';
    default:
      return 'other';
  }
}

/** The next step in words, as the desk stores it. */
export function nextStepLine(c: { stream: string; type: string; ticketNumber: string | null; reason: string }): string {
  const ticket = c.ticketNumber ?? 'the ticket';
  switch (nextStepOf(c)) {
    case 'record':
      return 'Open the record, check what changed, and make your change again if it is still needed.';
    case 'created':
      return 'Open the customer and create the ticket again if it is still needed; nothing of it was kept.';
    case 'taken':
      return `Open ${ticket} to see who has it now; take another ticket from your queue.`;
    case 'moved':
      return `Open ${ticket} to see where it is now; take another ticket from your queue.`;
    case 'note':
      return `Open ${ticket} and add your note again: its text is above.`;
    case 'other':
      return `Open ${ticket}, look at what changed, and do it again if it still needs doing.`;
  }
}

/**
 * What the author typed into a refused change, kept with the conflict so it is not lost: a
 * note (escalation, resolution, hand-back, wait on the customer, reopen, a plain note), a new
 * ticket's subject and description, or a record's new values. Null when nothing was typed.
 */
export function writtenOf(c: ConflictParts): string | null {
  const p = c.payload;
  const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const parts: string[] = [];
  if (c.stream === 'ticket') {
    if (c.type === 'CREATED') parts.push(...[text(p.subject), text(p.description)].filter((v): v is string => v !== null));
    const note = text(p.note);
    if (note) parts.push(note);
  } else if (Array.isArray(p.changes)) {
    // A record's change: the values it set, one a line.
    const lines: string[] = [];
    for (const change of p.changes as unknown[]) {
      const { field, to } = (change ?? {}) as { field?: unknown; to?: unknown };
      if (typeof field === 'string' && (typeof to === 'string' || typeof to === 'number') && String(to).trim() !== '') lines.push(`${field}: ${String(to)}`);
    }
    if (lines.length > 0) parts.push(lines.join('\n'));
  } else {
    for (const key of ['note', 'comment', 'title', 'body', 'text']) {
      const v = text(p[key]);
      if (v) parts.push(v);
    }
  }
  return parts.length > 0 ? parts.join('\n\n') : null;
}

/** A refusal by the holder rule: the change needed the ticket to be its author's. */
const HOLDER_REFUSALS: ReadonlySet<string> = new Set(['notHolder', 'heldByOther']);

interface Ordered {
  eventId: string;
  stream: string;
  entityId: string;
  type: string;
  reason: string;
  actorId: string;
  deskTime: number;
  refusedAt: number;
}

const madeBefore = (a: Ordered, b: Ordered): number => a.deskTime - b.deskTime || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/**
 * The refused take a refusal follows from, when the rules say so: a step only the ticket's
 * holder may take (escalate, resolve, hand down, park) refused by the holder rule, after the
 * same person's take of the same ticket, made before it, was refused. Had the take gone
 * through, they would have held the ticket; null for anything else.
 */
export function followsFromOf<C extends Ordered>(c: C, all: readonly C[]): C | null {
  if (c.stream !== 'ticket' || !HOLDER_REFUSALS.has(messageDetail(c.reason)?.key ?? '')) return null;
  let cause: C | null = null;
  for (const o of all) {
    if (o.type !== 'TAKE' || o.stream !== 'ticket' || o.entityId !== c.entityId || o.actorId !== c.actorId || madeBefore(o, c) >= 0) continue;
    if (cause === null || madeBefore(cause, o) < 0) cause = o;
  }
  return cause;
}

/**
 * A person's conflicts in the order to read them: the latest refusals first, those refused
 * together in the order they were made (the cause before what it caused), and a refusal that
 * follows from a refused take (followsFromOf) right after that take, naming it.
 */
export function orderConflicts<C extends Ordered>(list: readonly C[]): Array<C & { followsFrom?: string }> {
  const sorted = [...list].sort((a, b) => b.refusedAt - a.refusedAt || madeBefore(a, b));
  const after = new Map<string, C[]>();
  const roots: C[] = [];
  for (const c of sorted) {
    const cause = followsFromOf(c, sorted);
    if (cause === null) roots.push(c);
    else after.set(cause.eventId, [...(after.get(cause.eventId) ?? []), c]);
  }
  const out: Array<C & { followsFrom?: string }> = [];
  for (const root of roots) {
    out.push(root);
    for (const d of (after.get(root.eventId) ?? []).sort(madeBefore)) out.push({ ...d, followsFrom: root.eventId });
  }
  return out;
}
