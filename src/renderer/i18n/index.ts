import { useSyncExternalStore } from 'react';
import { en } from './en';
import { formatNumber } from './format';
import { forceDirection, initFromAddress, localeState, localeVersion, subscribeLocale, type Direction } from './state';

// Every string a person reads goes through t(). The English dictionary defines the keys;
// Persian (fa.ts) has the same keys, a test keeps it so. The language lives in ./state
// (per user, switchable without reload); dates and numbers are formatted in ./format.

export type MessageKey = keyof typeof en;
export type Vars = Record<string, string | number>;
export type { Digits, Direction, Language } from './state';
export { LANGUAGES, applyLocaleToDocument, defaultDigits, ensureStartDictionary, loadDictionary, isLanguageForced, localeState, localeVersion, setLocale, signInLanguage, storePrefs, storeSignInLanguage, storedPrefs, subscribeLocale } from './state';
export * from './format';

/** Keys that come in plural forms: `x_one` and `x_other` (plus optional `x_zero`). */
export type PluralBase = { [K in MessageKey]: K extends `${infer B}_other` ? B : never }[MessageKey];

const DIR_KEY = 'tagdesk.dir';

/**
 * Picks the language and direction before the first render: `?lang=fa` forces Persian
 * (the browser shell), `?dir=rtl` or the hidden developer toggle (Ctrl+Alt+Shift+D) forces
 * a direction; otherwise the language chosen at sign-in, then each user's own preference.
 */
export function initLocale(): { locale: string; dir: Direction } {
  initFromAddress(window.location.search, safeSession(DIR_KEY));
  const s = localeState();
  return { locale: s.language, dir: s.direction };
}

/** The developer toggle: flips the direction for this tab (kept across reloads). */
export function toggleDirection(): Direction {
  const direction: Direction = localeState().direction === 'rtl' ? 'ltr' : 'rtl';
  try {
    sessionStorage.setItem(DIR_KEY, direction);
  } catch {
    // storage may be unavailable; the toggle still works until reload
  }
  forceDirection(direction);
  return direction;
}

/** The tag for Intl formatters (calendar and digits included). */
export const currentLocale = (): string => localeState().formatLocale;
export const currentLanguage = (): string => localeState().language;
/** The language a caller registered at this desk most likely speaks: the desk's own (a Persian desk registers fa-IR). */
export const callerLocale = (): string => (currentLanguage() === 'fa' ? 'fa-IR' : 'en-US');
export const currentDirection = (): Direction => localeState().direction;

/** Re-renders the caller whenever the language, digits or direction change. */
export function useLocaleVersion(): number {
  return useSyncExternalStore(subscribeLocale, localeVersion);
}

export function t(key: MessageKey, vars?: Vars): string {
  const template: string = localeState().messages[key] ?? en[key];
  return vars ? interpolate(template, vars) : template;
}

/** Plural-aware t(): picks `base_one`, `base_other` (or `base_zero`) and fills in {count}. */
export function tc(base: PluralBase, count: number, vars?: Vars): string {
  const { messages, language } = localeState();
  const form = count === 0 && `${base}_zero` in messages ? 'zero' : pluralRules(language).select(count);
  const key = (`${base}_${form}` in messages ? `${base}_${form}` : `${base}_other`) as MessageKey;
  return t(key, { count: formatNumber(count), ...vars });
}

const rules = new Map<string, Intl.PluralRules>();
function pluralRules(language: string): Intl.PluralRules {
  let r = rules.get(language);
  if (!r) rules.set(language, (r = new Intl.PluralRules(language)));
  return r;
}

// In a right-to-left sentence each filled-in value is isolated (FSI … PDI), so a Latin
// ticket number, tag or email keeps its own order and does not pull the words around it; so
// is a phone number (a plus sign): without it, "+14155550199" after a Persian word reads
// "14155550199+" (the digits take the sentence's direction, and the sign goes with it); and
// so are digits with brackets or a dash between them, "(512) 555-0142" or "2025-01-10", which
// would otherwise be drawn as runs in the sentence's order.
const FSI = '\u2068';
const PDI = '\u2069';

/** `text` in a window of its own direction (FSI … PDI), for right-to-left text put together outside a dictionary entry. */
export const isolated = (text: string): string => FSI + text + PDI;

// In a left-to-right sentence, a value in a right-to-left script is isolated the same way: a
// Persian name at the start of an English notice ("چاپخانه کیان’s details are confirmed.") made
// a box laid out by its first letter (dir="auto") right to left, and drew the sentence backwards.
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;
/** The parts of a value already in windows of their own (a name its caller isolated, a phrase put together with t()). */
const ISOLATED_PARTS = /[\u2066-\u2068][^\u2066-\u2069]*\u2069/g;

function interpolate(template: string, vars: Vars): string {
  const rtl = localeState().direction === 'rtl';
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    const text = typeof value === 'number' ? formatNumber(value) : value;
    const isolate = rtl ? /[A-Za-z@+()]|\d-\d/.test(text) : RTL_LETTER.test(text.replace(ISOLATED_PARTS, ''));
    return isolate ? isolated(text) : text;
  });
}

function safeSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
