import { en, type Messages } from './en';

// Every string a person reads goes through t(). The English dictionary defines the keys;
// another language is a Messages object with the same keys. The locale also decides the
// writing direction, which the shell sets on <html dir> so layouts (written with logical
// properties) mirror for right-to-left languages.

export type MessageKey = keyof typeof en;
export type Vars = Record<string, string | number>;
export type Direction = 'ltr' | 'rtl';

/** Keys that come in plural forms: `x_one` and `x_other` (plus optional `x_zero`). */
export type PluralBase = { [K in MessageKey]: K extends `${infer B}_other` ? B : never }[MessageKey];

const DICTIONARIES: Record<string, Messages> = { en };
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ckb', 'yi', 'dv']);
const DIR_KEY = 'tagdesk.dir';

let messages: Messages = en;
let locale = 'en';
let direction: Direction = 'ltr';

/**
 * Picks the locale and direction once, before the first render: `?lang=` chooses the
 * dictionary (English is the only one so far), `?dir=rtl` or the hidden developer toggle
 * (Ctrl+Alt+Shift+D) forces a direction so right-to-left layouts can be checked.
 */
export function initLocale(): { locale: string; dir: Direction } {
  const params = new URLSearchParams(window.location.search);
  const wanted = params.get('lang') ?? 'en';
  const base = wanted.split('-')[0] ?? 'en';
  messages = DICTIONARIES[wanted] ?? DICTIONARIES[base] ?? en;
  locale = DICTIONARIES[wanted] || DICTIONARIES[base] ? wanted : 'en';
  const forced = params.get('dir') ?? safeSession(DIR_KEY);
  direction = forced === 'rtl' || forced === 'ltr' ? forced : RTL_LANGUAGES.has(base) ? 'rtl' : 'ltr';
  document.documentElement.lang = locale;
  document.documentElement.dir = direction;
  return { locale, dir: direction };
}

/** The developer toggle: flips the direction for this tab (kept across reloads). */
export function toggleDirection(): Direction {
  direction = direction === 'rtl' ? 'ltr' : 'rtl';
  try {
    sessionStorage.setItem(DIR_KEY, direction);
  } catch {
    // storage may be unavailable; the toggle still works until reload
  }
  document.documentElement.dir = direction;
  return direction;
}

export const currentLocale = (): string => locale;
export const currentDirection = (): Direction => direction;

export function t(key: MessageKey, vars?: Vars): string {
  const template: string = messages[key] ?? en[key];
  return vars ? interpolate(template, vars) : template;
}

/** Plural-aware t(): picks `base_one`, `base_other` (or `base_zero`) and fills in {count}. */
export function tc(base: PluralBase, count: number, vars?: Vars): string {
  const form = count === 0 && `${base}_zero` in messages ? 'zero' : cached('plural', () => new Intl.PluralRules(locale)).select(count);
  const key = (`${base}_${form}` in messages ? `${base}_${form}` : `${base}_other`) as MessageKey;
  return t(key, { count: formatNumber(count), ...vars });
}

function interpolate(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : typeof value === 'number' ? formatNumber(value) : value;
  });
}

function safeSession(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

// ---- numbers, dates and ages in the locale ------------------------------------------------

// Making a formatter costs far more than using one (an Intl.PluralRules is ~1 ms): one each.
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.PluralRules;
const cache = new Map<string, Formatter>();
function cached<T extends Formatter>(key: string, make: () => T): T {
  const hit = cache.get(`${locale}|${key}`);
  if (hit) return hit as T;
  const made = make();
  cache.set(`${locale}|${key}`, made);
  return made;
}

export function formatNumber(n: number): string {
  return cached('num', () => new Intl.NumberFormat(locale)).format(n);
}

export function formatDate(ms: number): string {
  return cached('date', () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })).format(ms);
}

export function formatDateTime(ms: number): string {
  return cached('datetime', () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(ms);
}

export function formatTime(ms: number): string {
  return cached('time', () => new Intl.DateTimeFormat(locale, { timeStyle: 'short' })).format(ms);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 3 hours", "2 days ago", "now". */
export function formatRelative(ms: number, now: number): string {
  const diff = ms - now;
  const rtf = cached('rel', () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size || unit === 'minute') return rtf.format(Math.round(diff / size), unit);
  }
  return rtf.format(0, 'minute');
}

/** A compact duration such as "3d 4h", "2h 15m" or "12m" (a ticket's age, a queue's oldest). */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = (u: 'day' | 'hour' | 'minute', n: number) =>
    cached(`unit-${u}`, () => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'narrow' })).format(n);
  if (days > 0) return hours > 0 ? `${unit('day', days)} ${unit('hour', hours)}` : unit('day', days);
  if (hours > 0) return mins > 0 ? `${unit('hour', hours)} ${unit('minute', mins)}` : unit('hour', hours);
  return unit('minute', mins);
}

/** "92 %" (in the locale's own way of writing percentages); share is 0..1. */
export function formatPercent(share: number): string {
  return cached('pct', () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(share);
}

/** A short day label such as "Mar 9" for a UTC day number (whole days since 1970-01-01). */
export function formatUtcDay(day: number): string {
  return cached('utcday', () => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' })).format(day * 86_400_000);
}
