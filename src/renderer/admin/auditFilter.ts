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
