import { parseServiceTag } from '../../shared/serviceTag';

/**
 * Whether the lookup field holds a whole service tag (the shared tag rule: seven of 0-9 and
 * A-Z, spaces and dashes ignored, any case) with at least one letter and one digit. No other
 * query an agent types grows from it (an Express Service Code or a phone number is digits only,
 * a name has no digits; T and digits is a ticket number, which may go on), so the field looks
 * it up as soon as it is complete, and Enter finds the answer there or on its way.
 */
export function isWholeTag(query: string): boolean {
  const q = query.trim();
  const parsed = parseServiceTag(q);
  return parsed.ok && /[A-Z]/.test(parsed.tag) && /\d/.test(parsed.tag) && !/^t\d+$/i.test(q);
}
