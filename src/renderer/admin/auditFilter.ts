// Whose openings the audit log shows. An admin knows a customer by name, email, phone or service
// tag, not by id: the filter finds them the way the lookup does (CustomerFinder: Find, then a
// choice when several match). An id still works: typed or pasted from a record's address
// (#/customer/<id>), it filters at once, with no lookup.

const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The record id the text is, or null: a name, a phone, a tag or anything else goes to the lookup. */
export function recordIdIn(query: string): string | null {
  const q = query.trim();
  return RECORD_ID.test(q) ? q.toLowerCase() : null;
}

/** Whom the log shows once the filter's text has changed: an id at once, everyone for an empty field, else whom was chosen until Find looks again. */
export function chosenAfterTyping(query: string, chosen: string): string {
  if (!query.trim()) return '';
  return recordIdIn(query) ?? chosen;
}

/**
 * Whose openings the filter names, as its box shows them: what the admin typed; else, opened from
 * the address (a reload, a link), the customer's name as their openings give it, and their id only
 * while none is known (the box showed the id after every reload).
 */
export function auditFilterText(typed: string | null, customerId: string, rows: readonly { customerId: string; customerName: string | null }[]): string {
  if (typed !== null) return typed;
  return nameIn(customerId, rows) ?? customerId;
}

/** The customer's name as the openings shown give it, or null (none shown, or erased). */
export function nameIn(customerId: string, rows: readonly { customerId: string; customerName: string | null }[]): string | null {
  if (!customerId) return null;
  return rows.find((r) => r.customerId === customerId && r.customerName)?.customerName ?? null;
}

/** The log's filter as the address keeps it: ids, and days as YYYY-MM-DD ('' for none). */
export interface AuditFilter {
  customer: string;
  who: string;
  from: string;
  to: string;
}

export const NO_AUDIT_FILTER: AuditFilter = { customer: '', who: '', from: '', to: '' };

/** The most openings the page (and so its exports) shows; past it, the admin is asked to narrow. */
export const AUDIT_SHOWN = 500;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight starting the day, or null for anything that is not a day. */
function dayStart(day: string, after = 0): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + after);
  return Number.isNaN(d.getTime()) ? null : d.getTime();
}

/**
 * What the page asks the desk for: openings of that customer, by that person, from the start of
 * `from` to the end of `to` (both days in), one more than it shows so it knows the list was cut.
 */
export function auditQueryOf(f: AuditFilter): { customerId: string | null; userId: string | null; from: number | null; to: number | null; limit: number } {
  return { customerId: f.customer || null, userId: f.who || null, from: dayStart(f.from), to: dayStart(f.to, 1), limit: AUDIT_SHOWN + 1 };
}

/** The openings shown (and exported), and whether more matched than the page shows. */
export function auditShown<T>(rows: readonly T[]): { rows: T[]; cut: boolean } {
  return { rows: rows.slice(0, AUDIT_SHOWN), cut: rows.length > AUDIT_SHOWN };
}
