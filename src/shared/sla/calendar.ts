import { z } from 'zod';
import { say, WEEKDAY_NAMES } from '../messageKeys';

// Business-hours calendars. A calendar says, per weekday, when the desk is open on the wall
// clock of its own time zone, and which dates are holidays. Everything the SLA clock asks of
// it reduces to one question, "which instants are open?", answered per local day as a short
// list of UTC millisecond intervals.
//
// The DST rule: an instant is open when the zone's wall clock shows an opening time on a
// working day. An hour the clocks skip is therefore never open and an hour they repeat is
// open twice, so a 01:00–05:00 shift on a spring-forward night lasts three real hours, and a
// business hour is always a real elapsed hour.
//
// Only Intl knows a zone's UTC offsets, and it takes microseconds per answer, far too slow
// for a clock that must run in microseconds. So offsets are measured once per zone and year
// and kept as a list of transitions, and open intervals are kept per calendar and local day;
// after warm-up a call does arithmetic and Map look-ups only. Calendars are treated as
// immutable values: the caches key on the object, then on its content.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export { WEEKDAY_NAMES };

/** The weekday (0 = Sunday ... 6 = Saturday) of a local date, in days since 1970-01-01 (a Thursday). */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;

export const weekdaySchema = z.number().int().min(0).max(6); // 0 = Sunday (as JS getDay)

export const displayCalendarSchema = z.enum(['gregory', 'persian']);
export type DisplayCalendar = z.infer<typeof displayCalendarSchema>;

const calendarShape = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  timeZone: z.string(),
  weekly: z.array(z.object({ day: weekdaySchema, start: z.string(), end: z.string() })),
  holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  yearRange: z.object({ from: z.number().int(), to: z.number().int() }),
  displayCalendar: displayCalendarSchema.default('gregory'),
});

export interface CalendarProblem {
  path: (string | number)[];
  message: string;
}

export const calendarSchema = calendarShape.superRefine((cal, ctx) => {
  for (const { path, message } of calendarProblems(cal)) ctx.addIssue({ code: 'custom', path, message });
});
export type BusinessCalendar = z.infer<typeof calendarSchema>;

/** Everything wrong with a calendar, in words an admin can act on; empty when it is usable. */
export function calendarProblems(cal: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (!isKnownTimeZone(cal.timeZone)) problems.push({ path: ['timeZone'], message: say('calendarZone', { zone: cal.timeZone }) });

  if (cal.weekly.length === 0) {
    problems.push({ path: ['weekly'], message: say('calendarNoHours') });
  }
  const usable: { day: number; start: number; end: number; text: string }[] = [];
  cal.weekly.forEach((hours, index) => {
    const dayName = WEEKDAY_NAMES[hours.day] ?? `Day ${hours.day}`;
    const start = clockMinutes(hours.start, false);
    const end = clockMinutes(hours.end, true);
    if (start === null) {
      problems.push({ path: ['weekly', index, 'start'], message: say('calendarOpening', { day: dayName, time: hours.start }) });
    }
    if (end === null) {
      problems.push({ path: ['weekly', index, 'end'], message: say('calendarClosing', { day: dayName, time: hours.end }) });
    }
    if (start === null || end === null) return;
    if (start >= end) {
      problems.push({ path: ['weekly', index, 'end'], message: say('calendarEndsFirst', { day: dayName, start: hours.start, end: hours.end }) });
      return;
    }
    const text = `${hours.start}–${hours.end}`;
    for (const other of usable) {
      if (other.day === hours.day && other.start < end && start < other.end) {
        problems.push({ path: ['weekly', index], message: say('calendarOverlap', { day: dayName, span: other.text, other: text }) });
      }
    }
    usable.push({ day: hours.day, start, end, text });
  });

  const { from, to } = cal.yearRange;
  if (from > to) {
    problems.push({ path: ['yearRange'], message: say('calendarYears', { from, to }) });
  }
  cal.holidays.forEach((holiday, index) => {
    const date = holidayDate(holiday.date);
    if (date === null) {
      problems.push({
        path: ['holidays', index, 'date'],
        // An empty date is asked for, not quoted back ('Holiday date "" must be …').
        message: holiday.date.trim() === '' ? say('calendarHolidayNoDate', {}) : say('calendarHolidayDate', { date: holiday.date }),
      });
    } else if (date.year !== null && (date.year < from || date.year > to)) {
      problems.push({ path: ['holidays', index, 'date'], message: say('calendarHolidayYears', { date: holiday.date, from, to }) });
    }
  });
  return problems;
}

/** Minutes after midnight for 'HH:MM'; '24:00' only as a closing time. */
function clockMinutes(text: string, closing: boolean): number | null {
  if (closing && text === '24:00') return 24 * 60;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

type HolidayDate = { year: number; month: number; day: number } | { year: null; month: number; day: number };

function holidayDate(text: string): HolidayDate | null {
  const dated = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (dated) {
    const [year, month, day] = [Number(dated[1]), Number(dated[2]), Number(dated[3])];
    const probe = new Date(utcMidnight(year, month, day));
    return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? { year, month, day } : null;
  }
  const yearly = /^(\d{2})-(\d{2})$/.exec(text);
  if (yearly) {
    // Checked against a leap year, so 02-29 is a valid yearly holiday (observed in leap years).
    const [month, day] = [Number(yearly[1]), Number(yearly[2])];
    const probe = new Date(utcMidnight(2000, month, day));
    return month >= 1 && month <= 12 && probe.getUTCMonth() === month - 1 ? { year: null, month, day } : null;
  }
  return null;
}

/** Date.UTC, minus its habit of reading years 0-99 as 1900-1999. */
function utcMidnight(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year);
  return d.getTime();
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    zoneClock(timeZone);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// Zone offsets

/** How far from its own midnight-to-midnight (read as UTC) a local day's instants can lie: offsets span -12 to +14 h. */
const ZONE_REACH_MS = 16 * 3600_000;
const YEAR_CACHE_LIMIT = 64;

interface ZoneYear {
  start: number;
  end: number;
  startOffset: number;
  /** Flat pairs: the instant an offset takes effect, then the offset. */
  changes: number[];
}

/** One IANA zone's UTC offsets, measured with Intl once per year and then answered from memory. */
class ZoneClock {
  private readonly wallClock: Intl.DateTimeFormat;
  private readonly years = new Map<number, ZoneYear>();
  private recent: ZoneYear | undefined;
  // The stretch of constant offset last asked about: nearly every question lands in it.
  private stretchFrom = 0;
  private stretchTo = 0;
  private stretchOffset = 0;

  constructor(timeZone: string) {
    this.wallClock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Milliseconds to add to a UTC instant to read the zone's wall clock. */
  offsetAt(ms: number): number {
    if (ms >= this.stretchFrom && ms < this.stretchTo) return this.stretchOffset;
    let year = this.recent;
    if (year === undefined || ms < year.start || ms >= year.end) {
      year = this.year(new Date(ms).getUTCFullYear());
      this.recent = year;
    }
    let from = year.start;
    let to = year.end;
    let offset = year.startOffset;
    const changes = year.changes;
    for (let i = 0; i < changes.length; i += 2) {
      const change = changes[i] as number;
      if (change > ms) {
        to = change;
        break;
      }
      from = change;
      offset = changes[i + 1] as number;
    }
    this.stretchFrom = from;
    this.stretchTo = to;
    this.stretchOffset = offset;
    return offset;
  }

  /** The local date of an instant, as whole days since 1970-01-01. */
  localDay(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
  }

  /** [from, to) cut where the offset changes, as flat triples: from, to, offset. */
  spans(from: number, to: number): number[] {
    const out: number[] = [];
    let at = from;
    let offset = this.offsetAt(from);
    let year = this.year(new Date(from).getUTCFullYear());
    for (;;) {
      const changes = year.changes;
      for (let i = 0; i < changes.length; i += 2) {
        const change = changes[i] as number;
        if (change <= at) continue;
        if (change >= to) break;
        out.push(at, change, offset);
        at = change;
        offset = changes[i + 1] as number;
      }
      if (year.end >= to) break;
      year = this.year(new Date(year.end).getUTCFullYear());
    }
    out.push(at, to, offset);
    return out;
  }

  private year(year: number): ZoneYear {
    let known = this.years.get(year);
    if (known === undefined) {
      known = this.measureYear(year);
      if (this.years.size >= YEAR_CACHE_LIMIT) this.years.delete(this.years.keys().next().value as number);
      this.years.set(year, known);
    }
    return known;
  }

  // Samples the offset daily and bisects to the second wherever it changed. Zones change
  // offset at most a few times a year and never twice within a day, so this finds them all.
  private measureYear(year: number): ZoneYear {
    const start = utcMidnight(year, 1, 1);
    const end = utcMidnight(year + 1, 1, 1);
    const startOffset = this.measure(start);
    const changes: number[] = [];
    let before = start;
    let offsetBefore = startOffset;
    for (let sample = Math.min(start + DAY_MS, end); ; sample = Math.min(sample + DAY_MS, end)) {
      const offset = this.measure(sample);
      while (offset !== offsetBefore) {
        let lo = before;
        let hi = sample;
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (this.measure(mid) === offsetBefore) lo = mid;
          else hi = mid;
        }
        const after = this.measure(hi);
        if (hi < end) changes.push(hi, after);
        before = hi;
        offsetBefore = after;
      }
      before = sample;
      if (sample === end) break;
    }
    return { start, end, startOffset, changes };
  }

  /** The offset at a whole-second instant, read from Intl. */
  private measure(ms: number): number {
    const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.wallClock.formatToParts(ms)) {
      if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
    }
    const wall = utcMidnight(fields.year, fields.month, fields.day) + ((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1000;
    return wall - ms;
  }
}

const zones = new Map<string, ZoneClock>();

function zoneClock(timeZone: string): ZoneClock {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    try {
      zone = new ZoneClock(timeZone);
    } catch {
      throw new RangeError(`Unknown time zone "${timeZone}"`);
    }
    zones.set(timeZone, zone);
  }
  return zone;
}

// ---------------------------------------------------------------------------------------
// A centre's day: the board's "today" in the time zone it works in

/** A local date of a time zone: its days since 1970-01-01 and the instants it runs from and to. */
export interface ZoneDay {
  day: number;
  start: number;
  end: number;
}

/**
 * The local day of `timeZone` that an instant falls on, with its bounds: 24 hours long, or 23
 * and 25 on the days the zone's clocks change (the offsets come from Intl, as ZoneClock's do).
 */
export function zoneDay(ms: number, timeZone: string): ZoneDay {
  const zone = zoneClock(timeZone);
  const day = zone.localDay(ms);
  return { day, start: localDayStart(zone, day), end: localDayStart(zone, day + 1) };
}

/** The bounds of a local date (days since 1970-01-01) of `timeZone`. */
export function zoneDayOf(day: number, timeZone: string): ZoneDay {
  const zone = zoneClock(timeZone);
  return { day, start: localDayStart(zone, day), end: localDayStart(zone, day + 1) };
}

/** Milliseconds to add to a UTC instant to read `timeZone`'s wall clock. */
export function zoneOffsetAt(ms: number, timeZone: string): number {
  return zoneClock(timeZone).offsetAt(ms);
}

/** Whether Intl knows the zone. */
export const knownTimeZone = (timeZone: string): boolean => isKnownTimeZone(timeZone);

/** The first instant whose wall clock reads `day` or later (midnight, or the hour after a gap that skips it). */
function localDayStart(zone: ZoneClock, day: number): number {
  const wall = day * DAY_MS;
  const spans = zone.spans(wall - ZONE_REACH_MS, wall + ZONE_REACH_MS);
  for (let s = 0; s < spans.length; s += 3) {
    const at = Math.max(spans[s] as number, wall - (spans[s + 2] as number));
    if (at < (spans[s + 1] as number)) return at;
  }
  return wall;
}

// ---------------------------------------------------------------------------------------
// Business hours: a calendar made ready for repeated questions

const DAY_CACHE_LIMIT = 4096;
const CONTENT_CACHE_LIMIT = 64;
/** How far a search for the next opening may look before the calendar is declared closed. */
const SEARCH_LIMIT_DAYS = 3 * 366;
const CLOSED: readonly number[] = [];

/**
 * A validated calendar with its caches. The exported functions below look it up on every
 * call; code that asks many questions of one calendar in a row (the SLA clock) holds one.
 */
export class BusinessHours {
  private readonly zone: ZoneClock;
  /** Per weekday, flat [startMinute, endMinute, ...], sorted. */
  private readonly week: (readonly number[])[];
  private readonly datedHolidays = new Set<number>();
  /** month * 100 + day */
  private readonly yearlyHolidays = new Set<number>();
  /** Local day number -> flat UTC [start, end, ...]: the instants of that day that are open. */
  private readonly days = new Map<number, readonly number[]>();

  constructor(readonly calendar: BusinessCalendar) {
    const problems = calendarProblems(calendar);
    if (problems.length > 0) {
      throw new Error(`Calendar "${calendar.id}" cannot be used: ${problems.map((p) => p.message).join('; ')}`);
    }
    this.zone = zoneClock(calendar.timeZone);
    this.week = WEEKDAY_NAMES.map((_, day) =>
      calendar.weekly
        .filter((hours) => hours.day === day)
        .map((hours) => [clockMinutes(hours.start, false) as number, clockMinutes(hours.end, true) as number] as const)
        .sort((x, y) => x[0] - y[0])
        .flat(),
    );
    for (const holiday of calendar.holidays) {
      const date = holidayDate(holiday.date) as HolidayDate;
      if (date.year === null) this.yearlyHolidays.add(date.month * 100 + date.day);
      else this.datedHolidays.add(utcMidnight(date.year, date.month, date.day) / DAY_MS);
    }
  }

  /** Business milliseconds in [fromMs, toMs); 0 when toMs <= fromMs. */
  between(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return 0;
    const lastDay = this.zone.localDay(toMs - 1);
    let total = 0;
    for (let day = this.zone.localDay(fromMs); day <= lastDay; day++) {
      const open = this.openOn(day);
      for (let i = 0; i < open.length; i += 2) {
        const start = open[i] as number;
        const end = open[i + 1] as number;
        if (end <= fromMs) continue;
        if (start >= toMs) break;
        total += Math.min(end, toMs) - Math.max(start, fromMs);
      }
    }
    return total;
  }

  /** See addBusinessTime. */
  add(startMs: number, durationMs: number): number {
    if (durationMs <= 0) return this.nextOpening(startMs);
    let left = durationMs;
    let lastOpenDay = this.zone.localDay(startMs);
    for (let day = lastOpenDay; day - lastOpenDay <= SEARCH_LIMIT_DAYS; day++) {
      const open = this.openOn(day);
      if (open.length > 0) lastOpenDay = day;
      for (let i = 0; i < open.length; i += 2) {
        const end = open[i + 1] as number;
        if (end <= startMs) continue;
        const from = Math.max(open[i] as number, startMs);
        if (left <= end - from) return from + left;
        left -= end - from;
      }
    }
    throw this.neverOpen(startMs);
  }

  isOpenAt(ms: number): boolean {
    const open = this.openOn(this.zone.localDay(ms));
    for (let i = 0; i < open.length; i += 2) {
      if ((open[i] as number) <= ms && ms < (open[i + 1] as number)) return true;
    }
    return false;
  }

  nextOpening(ms: number): number {
    const firstDay = this.zone.localDay(ms);
    for (let day = firstDay; day - firstDay <= SEARCH_LIMIT_DAYS; day++) {
      const open = this.openOn(day);
      for (let i = 0; i < open.length; i += 2) {
        if ((open[i + 1] as number) > ms) return Math.max(open[i] as number, ms);
      }
    }
    throw this.neverOpen(ms);
  }

  /** The open instants of one local day (whole days since 1970-01-01), as flat UTC [start, end, ...]. */
  openOn(day: number): readonly number[] {
    let open = this.days.get(day);
    if (open === undefined) {
      open = this.computeOpen(day);
      if (this.days.size >= DAY_CACHE_LIMIT) this.days.delete(this.days.keys().next().value as number);
      this.days.set(day, open);
    }
    return open;
  }

  // Walks the stretches of constant offset that can show this day on the wall clock, and
  // keeps the instants whose wall-clock time falls inside an opening interval. A skipped hour
  // has no such instants; a repeated hour has two stretches of them.
  private computeOpen(day: number): readonly number[] {
    const hours = this.week[weekdayOf(day)];
    if (hours === undefined || hours.length === 0 || this.isHoliday(day)) return CLOSED;
    const dayStart = day * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    const spans = this.zone.spans(dayStart - ZONE_REACH_MS, dayEnd + ZONE_REACH_MS);
    const open: number[] = [];
    for (let s = 0; s < spans.length; s += 3) {
      const offset = spans[s + 2] as number;
      const wallFrom = Math.max((spans[s] as number) + offset, dayStart);
      const wallTo = Math.min((spans[s + 1] as number) + offset, dayEnd);
      for (let h = 0; h < hours.length && wallFrom < wallTo; h += 2) {
        const from = Math.max(dayStart + (hours[h] as number) * MINUTE_MS, wallFrom) - offset;
        const to = Math.min(dayStart + (hours[h + 1] as number) * MINUTE_MS, wallTo) - offset;
        if (from >= to) continue;
        if (open.length > 0 && open[open.length - 1] === from) open[open.length - 1] = to;
        else open.push(from, to);
      }
    }
    return open.length === 0 ? CLOSED : open;
  }

  private isHoliday(day: number): boolean {
    if (this.datedHolidays.has(day)) return true;
    if (this.yearlyHolidays.size === 0) return false;
    const d = new Date(day * DAY_MS);
    return this.yearlyHolidays.has((d.getUTCMonth() + 1) * 100 + d.getUTCDate());
  }

  private neverOpen(fromMs: number): Error {
    return new Error(`Calendar "${this.calendar.id}" has no opening hours within 3 years after ${new Date(fromMs).toISOString()}`);
  }
}

const byObject = new WeakMap<BusinessCalendar, BusinessHours>();
// A calendar re-parsed from storage is a new object with the same content; it should not
// cost a new warm-up.
const byContent = new Map<string, BusinessHours>();

/** The calendar's business hours, built once per calendar (throws if the calendar is invalid). */
export function businessHours(cal: BusinessCalendar): BusinessHours {
  let hours = byObject.get(cal);
  if (hours !== undefined) return hours;
  const key = JSON.stringify([cal.id, cal.timeZone, cal.weekly, cal.holidays, cal.yearRange]);
  hours = byContent.get(key);
  if (hours === undefined) {
    hours = new BusinessHours(cal);
    if (byContent.size >= CONTENT_CACHE_LIMIT) byContent.delete(byContent.keys().next().value as string);
    byContent.set(key, hours);
  }
  byObject.set(cal, hours);
  return hours;
}

function assertInstant(name: string, ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a finite number of milliseconds, got ${ms}`);
}

// ---------------------------------------------------------------------------------------
// The questions the SLA clock asks

/** Business milliseconds in [fromMs, toMs); 0 when toMs <= fromMs. */
export function businessTimeBetween(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  assertInstant('fromMs', fromMs);
  assertInstant('toMs', toMs);
  return businessHours(cal).between(fromMs, toMs);
}

/**
 * The first instant at which `durationMs` of business time has passed since `startMs`.
 * Counting starts at the next opening when `startMs` is outside hours, so the answer is
 * always inside opening hours or exactly at the end of an interval (work that ends at
 * closing time is due at closing time, not the next morning). A zero duration gives
 * `nextOpening(startMs)`.
 */
export function addBusinessTime(cal: BusinessCalendar, startMs: number, durationMs: number): number {
  assertInstant('startMs', startMs);
  assertInstant('durationMs', durationMs);
  if (durationMs < 0) throw new RangeError(`durationMs must not be negative, got ${durationMs}`);
  return businessHours(cal).add(startMs, durationMs);
}

export function isOpenAt(cal: BusinessCalendar, ms: number): boolean {
  assertInstant('ms', ms);
  return businessHours(cal).isOpenAt(ms);
}

/** The first open instant at or after `ms` (`ms` itself when the desk is open then). */
export function nextOpening(cal: BusinessCalendar, ms: number): number {
  assertInstant('ms', ms);
  return businessHours(cal).nextOpening(ms);
}

// ---------------------------------------------------------------------------------------
// Display

const FORMATTER_CACHE_LIMIT = 64;
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A date and time for people, on the calendar's wall clock and in its display calendar:
 * 'persian' renders Solar Hijri dates (the locale gets `-u-ca-persian`).
 */
export function formatInCalendar(ms: number, timeZone: string, locale: string, displayCalendar: DisplayCalendar = 'gregory'): string {
  const key = `${timeZone}|${locale}|${displayCalendar}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    const tagged = new Intl.Locale(locale, { calendar: displayCalendar }).toString();
    zoneClock(timeZone); // the same clear message as everywhere else for an unknown zone
    formatter = new Intl.DateTimeFormat(tagged, { timeZone, dateStyle: 'medium', timeStyle: 'short' });
    if (formatters.size >= FORMATTER_CACHE_LIMIT) formatters.delete(formatters.keys().next().value as string);
    formatters.set(key, formatter);
  }
  return formatter.format(ms);
}
