import { LOOKUP_TRIED, type LookupTried } from './api';

// What a lookup that found nothing tried, as the phrases the window (renderer/labels.ts) and the
// CLI (cli/lookupMessage.ts) each say in their own dictionary: the same keys, the same values.

/** One thing tried, as a dictionary's key and the value it fills in. */
export interface TriedPhrase {
  key: `lookup.tried.${LookupTried}`;
  vars: Record<string, string>;
}

/** The name each phrase gives its value ("Express Service Code {code}"). */
const SLOT: Record<LookupTried, string> = { ticket: 'number', email: 'email', tag: 'tag', express: 'code', phone: 'phone', name: 'name' };

/**
 * The phrases for a `none` answer's params, in the order the desk tried them; `phone` writes a
 * stored E.164 number as the reader's screen shows phones.
 */
export function triedPhrases(params: Readonly<Record<string, string | number>>, phone: (e164: string) => string): TriedPhrase[] {
  return LOOKUP_TRIED.flatMap((kind) => {
    const raw = params[kind];
    if (raw === undefined) return [];
    const value = String(raw);
    return [{ key: `lookup.tried.${kind}` as const, vars: { [SLOT[kind]]: kind === 'phone' ? phone(value) : value } }];
  });
}
