import { isValidJalaaliDate, jalaaliMonthLength, toGregorian, toJalaali, type JalaaliDate } from 'jalaali-js';
import { toAsciiDigits } from '../../shared/persianInput';

// The Solar Hijri (Jalali) calendar for date fields: what a Persian-speaking agent reads and
// types, while the form keeps the same ISO date (YYYY-MM-DD) it always stored. Conversions
// are jalaali-js (Borkowski's algorithm, exact for the years anyone types here and equal to
// Intl's Persian calendar up to 2256); month and weekday names come from Intl in ./format.

export type { JalaaliDate };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Jalali day of an ISO date, or null for anything that is not a whole, real date. */
export function isoToJalali(iso: string): JalaaliDate | null {
  const m = ISO.exec(iso);
  if (!m) return null;
  const [gy, gm, gd] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(gy, gm - 1, gd));
  if (check.getUTCFullYear() !== gy || check.getUTCMonth() !== gm - 1 || check.getUTCDate() !== gd) return null;
  return toJalaali(gy, gm, gd);
}

export function jalaliToIso({ jy, jm, jd }: JalaaliDate): string {
  const { gy, gm, gd } = toGregorian(jy, jm, jd);
  return `${String(gy).padStart(4, '0')}-${String(gm).padStart(2, '0')}-${String(gd).padStart(2, '0')}`;
}

/**
 * A Jalali date as typed: year, month and day in that order, in Persian, Arabic-Indic or
 * Latin digits, separated by `/`, `-`, `.` or a space ("۱۴۰۵/۱/۱", "1405-01-01"). Returns the
 * ISO date, or null when it is not a real Jalali date (say, Esfand 30 of a common year).
 */
export function parseJalali(text: string): string | null {
  const m = /^\s*(\d{4})\s*[/\-.\s]\s*(\d{1,2})\s*[/\-.\s]\s*(\d{1,2})\s*$/.exec(toAsciiDigits(text));
  if (!m) return null;
  const [jy, jm, jd] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (jy < 1200 || jy > 1600 || !isValidJalaaliDate(jy, jm, jd)) return null;
  return jalaliToIso({ jy, jm, jd });
}

/** "1405/01/01" (Latin digits; the field shows them in the reader's digits). */
export function jalaliText({ jy, jm, jd }: JalaaliDate): string {
  return `${jy}/${String(jm).padStart(2, '0')}/${String(jd).padStart(2, '0')}`;
}

/** Sunday 0 … Saturday 6, as the calendars count weekdays. */
export function weekdayOf(d: JalaaliDate): number {
  const { gy, gm, gd } = toGregorian(d.jy, d.jm, d.jd);
  return new Date(Date.UTC(gy, gm - 1, gd)).getUTCDay();
}

/** The weekdays in the order a Persian week runs: Saturday first, Friday (the weekend) last. */
export const PERSIAN_WEEK: readonly number[] = [6, 0, 1, 2, 3, 4, 5];

/** One Jalali month as weeks of seven cells, Saturday first; null pads the first and last week. */
export function monthGrid(jy: number, jm: number): (JalaaliDate | null)[][] {
  const days = jalaaliMonthLength(jy, jm);
  const lead = PERSIAN_WEEK.indexOf(weekdayOf({ jy, jm, jd: 1 }));
  const cells: (JalaaliDate | null)[] = Array.from({ length: lead }, () => null);
  for (let jd = 1; jd <= days; jd++) cells.push({ jy, jm, jd });
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (JalaaliDate | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The month `delta` months away (across years). */
export function addMonths(jy: number, jm: number, delta: number): { jy: number; jm: number } {
  const index = jy * 12 + (jm - 1) + delta;
  return { jy: Math.floor(index / 12), jm: (index % 12) + 1 };
}

/** Today's Jalali date on the reader's clock. */
export function todayJalali(now: Date = new Date()): JalaaliDate {
  return toJalaali(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
