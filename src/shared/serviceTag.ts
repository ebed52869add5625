import { parseTicketNumber } from './domain';
import { say } from './messageKeys';
import { toAsciiDigits } from './persianInput';
// A Dell-style service tag is 7 characters of 0-9 and A-Z. The Express Service Code is the
// same tag read as a base-36 number and written in decimal, so a caller can key it into a
// phone menu. Both directions are exact: a 7-character tag is at most 36^7 - 1, which fits
// comfortably in a double.

export const SERVICE_TAG_LENGTH = 7;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MAX_VALUE = 36 ** SERVICE_TAG_LENGTH - 1; // 78 364 164 095: 11 decimal digits
/**
 * The digits of an Express Service Code as printed: a tag that does not start with 0 is at least
 * 36^6 = 2 176 782 336, ten digits (its most, 11). The codec reads fewer (a tag of leading 0s),
 * but fewer digits are as likely something else a caller reads out: a ticket number.
 */
export const EXPRESS_CODE_MIN_DIGITS = 10;
const IGNORED = /[\s.\-]/g;

export type TagParse = { ok: true; tag: string } | { ok: false; message: string };

/** Strips spaces, dashes and dots, reads Persian digits as digits and upper-cases; does not validate. */
export function cleanTagInput(input: string): string {
  return toAsciiDigits(input).replace(IGNORED, '').toUpperCase();
}

export function parseServiceTag(input: string): TagParse {
  const tag = cleanTagInput(input);
  if (tag.length !== SERVICE_TAG_LENGTH || !/^[0-9A-Z]+$/.test(tag)) {
    return { ok: false, message: SERVICE_TAG_HINT };
  }
  return { ok: true, tag };
}

/** The service tag every hint shows as the shape of one. */
export const EXAMPLE_SERVICE_TAG = '7XK2QF1';

export const SERVICE_TAG_HINT = say('serviceTagShape', { example: EXAMPLE_SERVICE_TAG });

export function isServiceTag(input: string): boolean {
  return parseServiceTag(input).ok;
}

/**
 * Whether what a caller read out, found nowhere, should be registered as a service tag: a tag
 * once spaces and dashes go, but not a ticket number (T-999999) and not digits written the
 * way a phone number is (555-0142), which only look like one.
 */
export function registersAsTag(input: string): boolean {
  const typed = input.trim();
  if (!isServiceTag(typed) || parseTicketNumber(typed) !== null) return false;
  return !(/^[\d\s().\-\/+]+$/.test(typed) && /[\s().\-\/+]/.test(typed));
}

export function tagToExpressCode(tag: string): string {
  const clean = cleanTagInput(tag);
  let value = 0;
  for (const ch of clean) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) throw new Error(`"${tag}" is not a service tag. ${SERVICE_TAG_HINT}`);
    value = value * 36 + digit;
  }
  return String(value);
}

/** Returns the tag for an Express Service Code, or null when the digits cannot be one. */
export function expressCodeToTag(code: string): string | null {
  const digits = code.replace(IGNORED, '');
  if (!/^\d{1,11}$/.test(digits)) return null;
  let value = Number(digits);
  if (value > MAX_VALUE) return null;
  let out = '';
  do {
    out = ALPHABET[value % 36] + out;
    value = Math.floor(value / 36);
  } while (value > 0);
  return out.padStart(SERVICE_TAG_LENGTH, '0');
}

/** Characters a caller reading a label, or an agent typing it, easily takes for one another. */
const LOOKALIKE: Record<string, string> = { O: '0', '0': 'O', I: '1', '1': 'I' };

/**
 * The other tags `tag` may have been meant as, the letter O read as zero, I as one and back
 * (7XK2QFI for 7XK2QF1): every combination of those swaps, the typed tag itself left out.
 * At most 2^7 - 1 of them; none for a tag without such characters.
 */
export function lookalikeTags(tag: string): string[] {
  let variants = [''];
  for (const ch of tag) {
    const other = LOOKALIKE[ch];
    variants = variants.flatMap((v) => (other ? [v + ch, v + other] : [v + ch]));
  }
  return variants.filter((v) => v !== tag);
}

/**
 * The Express Service Codes `code` may have been meant as, keyed on a phone with one digit
 * wrong or two neighbouring digits swapped (the commonest slips): each of them that can be a
 * tag, the typed code itself and codes starting with 0 (never printed so) left out. At most
 * 10 × 9 + 10 for 11 digits, each code once.
 */
export function expressCodeNeighbours(code: string): string[] {
  const digits = code.replace(IGNORED, '');
  if (!/^\d+$/.test(digits)) return [];
  const out = new Set<string>();
  for (let i = 0; i < digits.length; i++) {
    for (const d of '0123456789') if (d !== digits[i]) out.add(digits.slice(0, i) + d + digits.slice(i + 1));
    if (i + 1 < digits.length && digits[i] !== digits[i + 1]) out.add(digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2));
  }
  return [...out].filter((c) => !c.startsWith('0') && Number(c) <= MAX_VALUE);
}

/** Whether `near` is `typed` with two neighbouring digits swapped (not one digit changed). */
export function isSwappedCode(typed: string, near: string): boolean {
  const a = typed.replace(IGNORED, '');
  if (a.length !== near.length) return false;
  const diff = [...a].flatMap((d, i) => (d === near[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === near[diff[1]!] && a[diff[1]!] === near[diff[0]!];
}
