import { getCountries, parsePhoneNumberFromString, isSupportedCountry, type CountryCode } from 'libphonenumber-js';
// The same parser with the same (min) metadata the line above uses, called with a copy of it (fewCountries below).
import { Metadata, parsePhoneNumberFromString as parseWithMetadata, type MetadataJson } from 'libphonenumber-js/core';
import minMetadata from 'libphonenumber-js/min/metadata';
// The full metadata, only to tell a mobile number from another where a refused number is real elsewhere.
import { parsePhoneNumberFromString as parseWithTypes } from 'libphonenumber-js/max';
import { countryPhrase, say } from './messageKeys';
import { toAsciiDigits } from './persianInput';

// Phone numbers are stored in E.164 so that a caller's number, however it was typed or
// shown by the switch, finds the same customer. Parsing and formatting are libphonenumber's
// (Google's metadata for every country); a number typed without its country code is read
// in the customer's country, else the desk's.

export type Country = CountryCode;
export const DEFAULT_COUNTRY: Country = 'US';

/** Every country whose numbers the desk can read, by ISO 3166 code (the record forms' country choices). */
export const phoneCountries = (): readonly Country[] => getCountries();

/** The ISO 3166 code if libphonenumber knows the country ("us" → "US"), else null. */
export function countryOf(input: string | null | undefined): Country | null {
  const code = (input ?? '').trim().toUpperCase();
  return code && isSupportedCountry(code) ? code : null;
}

export type PhoneParse = { ok: true; e164: string; international: string; country: Country | null } | { ok: false; message: string };

const PHONE_CHARS = /^[+\d\s().\-\/]+$/;

function parse(input: string, country: Country) {
  const trimmed = toAsciiDigits(input).trim();
  if (!PHONE_CHARS.test(trimmed)) return null;
  // "00" is the international prefix almost everywhere outside North America.
  const text = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  return parsePhoneNumberFromString(text, country) ?? null;
}

/** Strict, for entry: the number must be a real number of its country. */
export function parsePhone(input: string, country: Country = DEFAULT_COUNTRY): PhoneParse {
  // A Persian keyboard types Persian digits (۰۹۱۲…): they are digits too.
  const trimmed = toAsciiDigits(input).trim();
  if (!trimmed) return { ok: false, message: say('phoneMissing') };
  if (!PHONE_CHARS.test(trimmed)) return { ok: false, message: say('phoneChars') };
  const p = parse(trimmed, country);
  if (!p || !p.isPossible()) {
    return { ok: false, message: say('phoneIncomplete', { country: countryPhrase(country) }) };
  }
  if (!p.isValid()) return { ok: false, message: say('phoneShape', { country: countryPhrase(p.country ?? country) }) };
  return { ok: true, e164: p.number, international: p.formatInternational(), country: p.country ?? null };
}

/**
 * Lenient, for lookups and imports of old data: any number of a possible length, in E.164,
 * or null when the text cannot be a phone number.
 */
export function toE164(input: string, country: Country = DEFAULT_COUNTRY): string | null {
  const trimmed = toAsciiDigits(input).trim();
  if (!PHONE_CHARS.test(trimmed)) return null;
  const text = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  // libphonenumber finds which of the countries sharing a calling code a number belongs to (25
  // share +1) by trying each one's number patterns in turn: 15-40 us for a number that is none
  // of theirs, such as every Express Service Code, a third of an Express lookup above its floor.
  // Neither the E.164 form nor the national number depends on that country (both are read
  // before it is chosen), and whether the number is possible depends on it only through the
  // possible lengths of its numbering plan. So read it with each shared code pointing to its
  // main country alone, and ask the full question only when the countries of the code disagree
  // on that length (a 7-digit +1 number: only Canada's plan has 7). The result is the same as
  // the full parse's: phone.test.ts compares the two.
  // A desk in one of the other countries of a shared code (Jersey, Canada) reads national
  // numbers by its own plan: the full question, as before.
  if (fewCountries.notMain.has(country)) {
    const p = parse(input, country);
    return p && p.isPossible() ? p.number : null;
  }
  const p = parseWithMetadata(text, country, fewCountries.json);
  if (!p) return null;
  const lengths = fewCountries.lengths.get(p.countryCallingCode);
  const length = p.nationalNumber.length;
  if (lengths && !lengths.all.has(length) && lengths.any.has(length)) {
    const whole = parse(input, country);
    return whole && whole.isPossible() ? whole.number : null;
  }
  return p.isPossible() ? p.number : null;
}

/**
 * The min metadata with each calling code shared by several countries pointing to its main one
 * (+1 to the US, +44 to the UK), and for those codes the national lengths possible in every one
 * of their countries and in any of them.
 */
const fewCountries = (() => {
  const whole = new Metadata(minMetadata);
  const codes = minMetadata.country_calling_codes;
  const notMain = new Set<string>();
  const lengths = new Map<string, { all: Set<number>; any: Set<number> }>();
  for (const [code, countries] of Object.entries(codes)) {
    if (countries.length < 2) continue;
    for (const c of countries.slice(1)) notMain.add(c);
    const each = countries.map((c) => {
      whole.selectNumberingPlan(c as Country);
      return new Set<number>(whole.numberingPlan!.possibleLengths());
    });
    lengths.set(code, { all: new Set([...each[0]!].filter((n) => each.every((set) => set.has(n)))), any: new Set(each.flatMap((set) => [...set])) });
  }
  const json: MetadataJson = { ...minMetadata, country_calling_codes: Object.fromEntries(Object.entries(codes).map(([code, countries]) => [code, countries.slice(0, 1)])) };
  return { notMain, lengths, json };
})();

/** "+15125550142" → "+1 512 555 0142"; returns the input when it does not parse. */
export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** The country code and the last two digits only: "+1 ••• ••• ••42". */
export function maskPhone(e164: string): string {
  const p = parsePhoneNumberFromString(e164);
  const national = p ? p.nationalNumber : e164.replace(/\D/g, '');
  const code = p ? `+${p.countryCallingCode} ` : '';
  return `${code}${'•'.repeat(Math.max(0, national.length - 2))}${national.slice(-2)}`;
}

/** The country an international number (+…) belongs to, or null. */
export function phoneCountry(input: string): Country | null {
  const p = input.trim().startsWith('+') || input.trim().startsWith('00') ? parse(input, DEFAULT_COUNTRY) : null;
  return p?.country ?? null;
}

/**
 * Countries a desk's callers often come from, tried last when nothing about the record says
 * where its number is from: a number is said to be one of theirs only when exactly one of them
 * reads it as a mobile number (most national numbers are a fixed line somewhere).
 */
export const LIKELY_COUNTRIES: readonly Country[] = ['US', 'GB', 'CA', 'AU', 'IN', 'IR', 'AF', 'AE', 'TR', 'DE', 'FR'];

/** Country-code domains used as generic names (.io, .co, .me…): an address there says nothing of where its owner lives. */
const GENERIC_DOMAINS = new Set(['AI', 'AM', 'CC', 'CO', 'FM', 'GG', 'IO', 'LY', 'ME', 'NU', 'SH', 'TO', 'TV', 'WS']);

/** The country an email's domain names (sara@example.ir → IR; .uk → GB), or null for a generic one (.com, .io). */
export function emailCountry(email: string): Country | null {
  const tld = /\.([a-z]{2})$/i.exec(email.trim())?.[1]?.toUpperCase();
  if (!tld || GENERIC_DOMAINS.has(tld)) return null;
  return countryOf(tld === 'UK' ? 'GB' : tld);
}

/**
 * Where a number refused in `country` is a real one: the first of `likely` (what the record
 * says of where its customer is: its language's country, its email's, the countries of its
 * segment's customers on the desk) in which libphonenumber finds it valid; failing those, the
 * one of LIKELY_COUNTRIES that reads it as a mobile number, if only one does. With the number
 * as it is typed with its country code, and whether it is a mobile number.
 * «۰۹۱۲۳۴۵۶۷۸۹» on a desk in the United States was refused with "add the country code (such
 * as +44)", which did not say that the record's Country would read it.
 */
export function phoneElsewhere(input: string, country: Country, likely: readonly (Country | null)[]): { country: Country; international: string; mobile: boolean } | null {
  const trimmed = toAsciiDigits(input).trim();
  if (!PHONE_CHARS.test(trimmed) || trimmed.startsWith('+') || trimmed.startsWith('00')) return null;
  const read = (c: Country) => {
    const p = parseWithTypes(trimmed, c);
    if (!p?.isValid()) return null;
    const type = p.getType();
    return { country: p.country ?? c, international: p.formatInternational(), mobile: type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' };
  };
  const tried = new Set<Country>([country]);
  for (const c of likely) {
    if (!c || tried.has(c)) continue;
    tried.add(c);
    const there = read(c);
    if (there) return there;
  }
  const mobiles = LIKELY_COUNTRIES.filter((c) => !tried.has(c))
    .map(read)
    .filter((r): r is NonNullable<ReturnType<typeof read>> => r !== null && r.mobile);
  return mobiles.length === 1 ? mobiles[0]! : null;
}

/**
 * Every country a number refused in `country` is read in: the one phoneElsewhere names, else each
 * of LIKELY_COUNTRIES that reads it as a mobile number (0912 345 6789 is one in Iran and in India).
 * An import counts them over its refused rows to suggest the country of a whole file.
 */
export function phoneReadIn(input: string, country: Country, likely: readonly (Country | null)[]): Country[] {
  const there = phoneElsewhere(input, country, likely);
  if (there) return [there.country];
  return LIKELY_COUNTRIES.filter((c) => {
    const r = c === country ? null : phoneElsewhere(input, country, [c]);
    return r !== null && r.country === c && r.mobile;
  });
}

/**
 * How a refused number real elsewhere is fixed: on a form, by choosing the country; in an import,
 * which has no country to choose, in the file (`import`: the country code; `importColumn`, a plain
 * CSV, which reads a Country column: that too). "Choose Iran as the country" left an admin with
 * a file of 10,000 such rows looking for a choice the import does not offer.
 */
export type PhoneAdvice = 'form' | 'import' | 'importColumn';

/** The phone's refusal, or where the number is real instead when one of `likely` reads it ("a mobile number in Iran"). */
export function phoneRefusal(input: string, country: Country, refused: string, likely: readonly (Country | null)[], advice: PhoneAdvice = 'form'): string {
  const there = phoneElsewhere(input, country, likely);
  if (!there) return refused;
  const values = { country: countryPhrase(there.country), example: there.international };
  if (advice === 'import') return say('importPhoneIn', values);
  if (advice === 'importColumn') return say('importPhoneInColumn', { ...values, code: there.country });
  return say(there.mobile ? 'phoneMobileIn' : 'phoneNumberIn', values);
}
