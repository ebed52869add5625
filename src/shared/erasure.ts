import { CUSTOMER_STREAM } from './customerStream';
import { KNOWLEDGE_STREAM } from './kb/knowledgeStream';
import { TICKET_STREAM } from './ticketLog/envelope';

// What erasure on request leaves of a customer, in one place: the desk that erases, every
// desk the erasure reaches, and the hub's log apply these same rules, so all copies end alike.

/** What replaces the caller's own words (an interaction's text, a satisfaction comment). */
export const ERASED_TEXT = '(erased on request)';
/** What replaces a personal value that must stay text (a name, a role). */
export const ERASED_VALUE = '(erased)';
/** The name an erased customer goes by: tickets and statistics keep pointing at it. */
export const erasedLabel = (customerId: string) => `Erased customer ${customerId.slice(-6)}`;

/** The fields of a record event that hold personal values. */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set(['name', 'email', 'phone', 'role', 'summary']);

/** A record event's payload, as histories, outboxes and the hub's log hold it. */
export type RecordCopy = { changes?: { field: string; from: unknown; to: unknown }[]; note?: Record<string, unknown> };

/**
 * Whom an erasure is of: the names they went by, the records (theirs and those merged into
 * it) that are wholly theirs, and the label their tickets take.
 */
export interface Erasure {
  names: ReadonlySet<string>;
  whole: ReadonlySet<string>;
  label: string;
}

/** An erasure known only by whom it is of (an event arriving after it): their record, their label. */
export const erasureOf = (customerId: string): Erasure => ({ names: new Set(), whole: new Set([customerId]), label: erasedLabel(customerId) });

/** An event of any stream, as far as erasure reads it. */
export interface ErasableEvent {
  stream: string;
  type: string;
  entityId: string;
  payload: Record<string, unknown>;
}

/** The customer whose erasure rewrites this event: the record's own, a new ticket's or a score's; null for any other. */
export function customerNamedBy(e: ErasableEvent): string | null {
  const id = e.stream === CUSTOMER_STREAM ? (e.type === 'CUSTOMER_ERASED' ? null : e.entityId) : isNaming(e) ? e.payload.customerId : null;
  return typeof id === 'string' ? id : null;
}
const isNaming = (e: ErasableEvent) => (e.stream === TICKET_STREAM && e.type === 'CREATED') || (e.stream === KNOWLEDGE_STREAM && e.type === 'csat.recorded');

/**
 * An event as erasure leaves it: a record event by the rule below, a ticket's first event
 * with the erased label for a name, a score without its comment. The same object when
 * nothing changed.
 */
export function erasedEvent<E extends ErasableEvent>(e: E, erasure: Erasure): E {
  if (e.stream === CUSTOMER_STREAM) {
    const kept = erasedRecord(e.payload as RecordCopy, e.entityId, erasure);
    return kept === e.payload ? e : { ...e, payload: kept };
  }
  if (!isNaming(e)) return e;
  if (e.stream === TICKET_STREAM) return e.payload.customerName === erasure.label ? e : { ...e, payload: { ...e.payload, customerName: erasure.label } };
  return e.payload.comment === '' || e.payload.comment === ERASED_TEXT ? e : { ...e, payload: { ...e.payload, comment: ERASED_TEXT } };
}

/**
 * A record event without the erased customer's personal values: on their own record, every
 * one; on another's, their name (as a system's owner, or in a transfer's note). An email or
 * phone becomes empty and a name or role a placeholder, so that an event on its way to the
 * hub passes the hub's checks of each field (customerStream.ts) as it did before. The same
 * object when nothing changed.
 */
export function erasedRecord<P extends RecordCopy>(p: P, recordId: string, erasure: Erasure): P {
  const whole = erasure.whole.has(recordId);
  const value = (field: string, v: unknown) => (v === null || field === 'email' || field === 'phone' ? null : ERASED_VALUE);
  const named = (v: unknown) => (typeof v === 'string' && erasure.names.has(v) ? ERASED_VALUE : v);
  let changed = false;
  const changes = (p.changes ?? []).map((ch) => {
    const next = whole && PERSONAL_FIELDS.has(ch.field) ? { ...ch, from: value(ch.field, ch.from), to: value(ch.field, ch.to) } : ch.field === 'owner' ? { ...ch, from: named(ch.from), to: named(ch.to) } : ch;
    if (next.from !== ch.from || next.to !== ch.to) changed = true;
    return next;
  });
  const noted = (key: string, v: unknown) => (whole ? (/name|email|phone|externalId/i.test(key) ? ERASED_VALUE : v) : named(v));
  const note = p.note ? Object.fromEntries(Object.entries(p.note).map(([key, v]) => [key, noted(key, v)])) : undefined;
  if (note && Object.entries(note).some(([key, v]) => v !== p.note![key])) changed = true;
  return changed ? { ...p, changes, ...(note ? { note } : {}) } : p;
}

/**
 * The names a customer went by, from their record's events (each name it was created with
 * or changed from or to): what another record's events may name them by.
 */
export function namesIn(records: ReadonlyArray<RecordCopy & { entity?: string }>): Set<string> {
  const names = new Set<string>();
  for (const p of records) {
    if (p.entity !== undefined && p.entity !== 'customer') continue;
    for (const ch of p.changes ?? []) {
      if (ch.field !== 'name') continue;
      for (const v of [ch.from, ch.to]) if (typeof v === 'string' && v !== ERASED_VALUE) names.add(v);
    }
  }
  return names;
}
