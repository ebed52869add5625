import { LOOKUP_TRIED, type LookupTried } from './api';

// What a lookup that found nothing tried, as the phrases the window (renderer/labels.ts) and the
// CLI (cli/lookupMessage.ts) say: the same keys and the same words, kept here once and spread
// into both dictionaries.

/** One thing tried, as a dictionary's key and the value it fills in. */
export interface TriedPhrase {
  key: `lookup.tried.${LookupTried}`;
  vars: Record<string, string>;
}

/** Each thing tried, in each language the desk speaks. */
export const TRIED_WORDS = {
  en: {
    'lookup.tried.ticket': 'ticket {number}',
    'lookup.tried.email': 'email {email}',
    'lookup.tried.tag': 'service tag {tag}',
    'lookup.tried.express': 'Express Service Code {code}',
    'lookup.tried.phone': 'phone {phone}',
    'lookup.tried.name': 'names with a word starting “{name}”',
  },
  fa: {
    'lookup.tried.ticket': 'تیکت {number}',
    'lookup.tried.email': 'ایمیل {email}',
    'lookup.tried.tag': 'برچسب سرویس {tag}',
    'lookup.tried.express': 'کد سرویس سریع {code}',
    'lookup.tried.phone': 'تلفن {phone}',
    'lookup.tried.name': 'نام‌هایی با واژه‌ای که با «{name}» آغاز می‌شود',
  },
} as const satisfies Record<'en' | 'fa', Record<TriedPhrase['key'], string>>;

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
