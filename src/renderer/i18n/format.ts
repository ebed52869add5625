import { localeState } from './state';

// Every date and number a person reads is formatted here, through Intl with the window's
// format locale: for Persian `fa-IR-u-ca-persian-nu-arabext` (Solar Hijri dates, Persian
// digits) or `-nu-latn` when the user prefers Latin digits. Formatters are cached per
// locale, so a language switch simply starts a new set.

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const cache = new Map<string, Formatter>();

function cached<T extends Formatter>(key: string, make: (locale: string) => T): T {
  const locale = localeState().formatLocale;
  const full = `${locale}|${key}`;
  const hit = cache.get(full);
  if (hit) return hit as T;
  const made = make(locale);
  cache.set(full, made);
  return made;
}

export const formatLocale = (): string => localeState().formatLocale;

export function formatNumber(n: number): string {
  return cached('num', (l) => new Intl.NumberFormat(l)).format(n);
}

/** A number with exactly `digits` decimals ("4.3", "۴٫۳"): means, ratios. */
export function formatDecimal(n: number, digits: number): string {
  return cached(`dec-${digits}`, (l) => new Intl.NumberFormat(l, { minimumFractionDigits: digits, maximumFractionDigits: digits })).format(n);
}

/** Digits alone, with no grouping: years, codes, ids (a year 1403 is not "1,403"). */
export function formatDigits(n: number): string {
  return cached('digits', (l) => new Intl.NumberFormat(l, { useGrouping: false })).format(n);
}

/** Latin digits in a string (a time like 08:00, a ticket number) in the user's digits. */
export function localiseDigits(text: string): string {
  if (localeState().digits === 'latn') return text;
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
}

/**
 * The markers of a numbered list (an <ol>'s list-style-type), in the reader's digits as
 * formatNumber writes them: ۱. ۲. with Persian digits (CSS's `persian` counter), 1. 2. with Latin.
 */
export const listNumbering = (): 'persian' | 'decimal' => (localeState().digits === 'arabext' ? 'persian' : 'decimal');

export function formatDate(ms: number): string {
  return cached('date', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' })).format(ms);
}

/** A calendar date written YYYY-MM-DD (a transfer's date) as the reader writes dates; anything else as given. */
export function formatIsoDate(iso: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) : Number.NaN;
  return Number.isNaN(ms) ? iso : cached('date-utc', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' })).format(ms);
}

export function formatDateTime(ms: number): string {
  return cached('datetime', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' })).format(ms);
}

export function formatTime(ms: number): string {
  return cached('time', (l) => new Intl.DateTimeFormat(l, { timeStyle: 'short' })).format(ms);
}

/** A weekday's name; `day` 0 is Sunday as in the calendars. */
export function formatWeekday(day: number, width: 'long' | 'short' = 'long'): string {
  return cached(`wd-${width}`, (l) => new Intl.DateTimeFormat(l, { weekday: width, timeZone: 'UTC' })).format(Date.UTC(2023, 0, 1 + day));
}

/** A date on a given zone's wall clock (the SLA calendars), in the user's calendar. */
export function formatDateTimeIn(ms: number, timeZone: string): string {
  return cached(`dtz-${timeZone}`, (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(ms);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "in 3 hours", "2 days ago", "now". */
export function formatRelative(ms: number, now: number): string {
  const diff = ms - now;
  const rtf = cached('rel', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
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
    // Persian has no narrow unit letters ("h", "m" stay Latin): it writes the short words.
    cached(`unit-${u}`, (l) => new Intl.NumberFormat(l, { style: 'unit', unit: u, unitDisplay: localeState().language === 'fa' ? 'short' : 'narrow' })).format(n);
  if (days > 0) return hours > 0 ? `${unit('day', days)} ${unit('hour', hours)}` : unit('day', days);
  if (hours > 0) return mins > 0 ? `${unit('hour', hours)} ${unit('minute', mins)}` : unit('hour', hours);
  return unit('minute', mins);
}

/** "92 %" (in the locale's own way of writing percentages); share is 0..1. */
export function formatPercent(share: number): string {
  return cached('pct', (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 0 })).format(share);
}

/** A short day label such as "Mar 9" for a UTC day number (whole days since 1970-01-01). */
export function formatUtcDay(day: number): string {
  return cached('utcday', (l) => new Intl.DateTimeFormat(l, { month: 'short', day: 'numeric', timeZone: 'UTC' })).format(day * 86_400_000);
}

/** A UTC day number in full ("December 7, 2026"), in the reader's calendar: the day report's day. */
export function formatUtcDate(day: number): string {
  return cached('utcdate', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'long', timeZone: 'UTC' })).format(day * 86_400_000);
}

/**
 * The calendar a due date is shown in: a calendar's own display setting, except that a
 * Persian reader always reads Solar Hijri dates.
 */
export function displayCalendarFor<C extends string>(calendar: C): C | 'persian' {
  return localeState().language === 'fa' ? 'persian' : calendar;
}

const UTC_IDS = new Set(['UTC', 'Etc/UTC', 'Etc/UCT', 'Etc/GMT', 'Etc/Zulu', 'Etc/Universal', 'GMT', 'UCT', 'Universal', 'Zulu']);

/**
 * A time zone as a person reads it, in their language: "Europe/London" is "United Kingdom
 * Time", «وقت بریتانیا»; "Asia/Tehran" "Iran Standard Time", «وقت عادی ایران» (the zone's
 * generic name, the same in summer and winter: ICU's, as Chromium and Node give it). UTC is
 * "UTC" in English, «زمان هماهنگ جهانی» in Persian; a zone with no name of its own
 * ("Etc/GMT+5") reads as its offset, "GMT-05:00". The IANA id itself only where one is
 * chosen or edited, beside this name; the id unchanged when this browser does not know it.
 * Every place a zone is shown goes through here.
 */
export function zoneName(timeZone: string): string {
  const utc = UTC_IDS.has(timeZone);
  if (utc && localeState().language === 'en') return 'UTC';
  try {
    const parts = cached(`zone-${timeZone}`, (l) => new Intl.DateTimeFormat(l, { timeZone, timeZoneName: utc ? 'long' : 'longGeneric' })).formatToParts(Date.now());
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/**
 * The Solar Hijri years a Gregorian year spans ("۱۴۰۴–۱۴۰۵"), under a year field a Persian
 * reader fills in Gregorian years. Undefined in English or for what is not a year yet.
 */
export function solarYearsOf(year: number): string | undefined {
  if (localeState().language === 'en' || !Number.isInteger(year) || year < 1000 || year > 9999) return undefined;
  const f = cached('solaryear', (l) => new Intl.DateTimeFormat(l, { year: 'numeric', timeZone: 'UTC' }));
  const part = (ms: number) => f.formatToParts(ms).find((p) => p.type === 'year')?.value ?? '';
  return `${part(Date.UTC(year, 0, 1))}–${part(Date.UTC(year, 11, 31))}`;
}

/**
 * Under a Gregorian date field (the browser's date picker), the same day as a Persian
 * reader counts it: "۱ فروردین ۱۴۰۵". Undefined in English or for a date not yet complete.
 */
export function localDateHint(isoDate: string): string | undefined {
  if (localeState().language === 'en' || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return undefined;
  const ms = Date.parse(`${isoDate}T12:00:00Z`);
  if (!Number.isFinite(ms)) return undefined;
  return cached('isoday', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'long', timeZone: 'UTC' })).format(ms);
}

/**
 * The named parts of the UTC day at `ms` in the user's calendar and digits (weekday, day,
 * month, year), for sentences the dictionaries order: ICU's own patterns for the Persian
 * calendar differ between engines ("۱۴۰۵ فروردین ۱۳, پنجشنبه" in Chromium).
 */
export function dayParts(ms: number): { weekday: string; day: string; month: string; year: string } {
  const parts = cached('dayparts', (l) => new Intl.DateTimeFormat(l, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })).formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: part('weekday'), day: part('day'), month: part('month'), year: part('year') };
}
