// The working week a new business-hours calendar starts with, by its time zone: the days an
// office there is usually open. Days are 0 = Sunday ... 6 = Saturday, as in BusinessCalendar.

export const MONDAY_TO_FRIDAY = [1, 2, 3, 4, 5] as const;
/** Iran's week (the shipped Tehran and Iran calendars): Friday is the weekend, Thursday is off or short. */
export const SATURDAY_TO_WEDNESDAY = [6, 0, 1, 2, 3] as const;
/** Where the weekend is Friday and Saturday. */
export const SUNDAY_TO_THURSDAY = [0, 1, 2, 3, 4] as const;

// Zones whose country rests on Friday and Saturday, as of 2026. Source: Wikipedia, "Workweek
// and weekend", section "Around the world" (Saudi Arabia since 2013, Oman since 2013, Bahrain
// since 2006, Algeria since 2009). Deliberately not here: Asia/Dubai (the UAE moved to a
// Saturday-Sunday weekend on 1 January 2022), Asia/Kabul and Asia/Kathmandu (unsettled).
const FRIDAY_SATURDAY_WEEKEND = new Set([
  'Africa/Algiers', // Algeria
  'Africa/Cairo', // Egypt
  'Asia/Amman', // Jordan
  'Asia/Baghdad', // Iraq
  'Asia/Bahrain', // Bahrain
  'Asia/Dhaka', // Bangladesh
  'Asia/Jerusalem', // Israel
  'Asia/Kuwait', // Kuwait
  'Asia/Muscat', // Oman
  'Asia/Qatar', // Qatar
  'Asia/Riyadh', // Saudi Arabia
]);

/** The working days of a new calendar in `timeZone`: Saturday–Wednesday in Iran, Sunday–Thursday where Friday–Saturday is the weekend, else Monday–Friday. */
export function workingDaysOf(timeZone: string): readonly number[] {
  if (timeZone === 'Asia/Tehran' || timeZone === 'Iran') return SATURDAY_TO_WEDNESDAY;
  if (FRIDAY_SATURDAY_WEEKEND.has(timeZone)) return SUNDAY_TO_THURSDAY;
  return MONDAY_TO_FRIDAY;
}

/**
 * The week with `from`'s hours (every interval of it, a split shift whole) copied onto each of
 * `days`, whose own hours they replace; `from` and the days not named keep theirs.
 */
export function copyDayHours<T extends { day: number }>(weekly: readonly T[], from: number, days: readonly number[]): T[] {
  const hours = weekly.filter((w) => w.day === from);
  const targets = days.filter((d) => d !== from);
  return [...weekly.filter((w) => !targets.includes(w.day)), ...targets.flatMap((day) => hours.map((h) => ({ ...h, day })))];
}
