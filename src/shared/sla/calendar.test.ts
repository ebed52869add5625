import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  calendarSchema,
  formatInCalendar,
  isOpenAt,
  nextOpening,
  type BusinessCalendar,
} from './calendar';
import { defaultCalendars } from './defaults';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type CalendarInput = Omit<BusinessCalendar, 'displayCalendar'> & { displayCalendar?: BusinessCalendar['displayCalendar'] };

function calendar(overrides: Partial<CalendarInput> = {}): BusinessCalendar {
  return calendarSchema.parse({
    id: 'test',
    name: 'Test',
    timeZone: 'UTC',
    weekly: [],
    holidays: [],
    yearRange: { from: 2025, to: 2030 },
    ...overrides,
  });
}

const hoursOn = (days: readonly number[], start: string, end: string) => days.map((day) => ({ day, start, end }));
const MON_FRI = [1, 2, 3, 4, 5];
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

/** The issues a calendar gets from the schema, as [path, message]. */
function problemsOf(input: Partial<CalendarInput>): [string, string][] {
  const result = calendarSchema.safeParse({
    id: 'test',
    name: 'Test',
    timeZone: 'UTC',
    weekly: hoursOn(MON_FRI, '09:00', '17:00'),
    holidays: [],
    yearRange: { from: 2025, to: 2030 },
    ...input,
  });
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
}

describe('calendar validation', () => {
  it('accepts the default calendars, 24:00 closing times and touching intervals', () => {
    for (const cal of defaultCalendars) expect(calendarSchema.safeParse(cal).success).toBe(true);
    expect(problemsOf({ weekly: hoursOn(EVERY_DAY, '00:00', '24:00') })).toEqual([]);
    expect(problemsOf({ weekly: [...hoursOn([1], '09:00', '12:00'), ...hoursOn([1], '12:00', '17:00')] })).toEqual([]);
    expect(calendar({ weekly: hoursOn([1], '09:00', '17:00') }).displayCalendar).toBe('gregory');
  });

  it('names overlapping intervals on the same weekday', () => {
    const weekly = [...hoursOn([1], '09:00', '12:00'), ...hoursOn([2], '11:00', '17:00'), ...hoursOn([1], '11:00', '17:00')];
    expect(problemsOf({ weekly })).toEqual([['weekly.2', 'Monday 09:00–12:00 overlaps 11:00–17:00']]);
  });

  it('refuses intervals that end before they start, and malformed times', () => {
    expect(problemsOf({ weekly: hoursOn([1], '17:00', '09:00') })).toEqual([['weekly.0.end', 'Monday 17:00–09:00 must end after it starts']]);
    expect(problemsOf({ weekly: hoursOn([5], '09:00', '09:00') })).toEqual([['weekly.0.end', 'Friday 09:00–09:00 must end after it starts']]);
    expect(problemsOf({ weekly: hoursOn([1], '9:00', '17:00') })).toEqual([
      ['weekly.0.start', 'Monday opening time "9:00" must be HH:MM, from 00:00 to 23:59'],
    ]);
    expect(problemsOf({ weekly: hoursOn([6], '24:00', '24:00') })[0]?.[0]).toBe('weekly.0.start');
    expect(problemsOf({ weekly: hoursOn([0], '08:00', '24:30') })).toEqual([
      ['weekly.0.end', 'Sunday closing time "24:30" must be HH:MM, from 00:00 to 24:00'],
    ]);
  });

  it('refuses an unknown time zone and a calendar with no opening hours', () => {
    expect(problemsOf({ timeZone: 'Mars/Olympus_Mons' })).toEqual([['timeZone', 'Unknown time zone "Mars/Olympus_Mons"']]);
    expect(problemsOf({ weekly: [] })).toEqual([['weekly', 'The calendar has no opening hours: add at least one weekday interval.']]);
  });

  it('checks holiday dates and keeps dated holidays inside the calendar years', () => {
    expect(problemsOf({ holidays: [{ date: '2031-01-01', name: 'Too late' }] })).toEqual([
      ['holidays.0.date', "Holiday 2031-01-01 is outside the calendar's years 2025–2030"],
    ]);
    for (const date of ['2026-02-30', '13-01', '2026/01/01', '1-1']) {
      expect(problemsOf({ holidays: [{ date, name: 'x' }] })[0]?.[1]).toBe(
        `Holiday date "${date}" must be YYYY-MM-DD (one day) or MM-DD (every year)`,
      );
    }
    expect(problemsOf({ holidays: [{ date: '02-29', name: 'Leap day' }, { date: '2028-02-29', name: 'Leap day' }] })).toEqual([]);
    expect(problemsOf({ yearRange: { from: 2030, to: 2025 } })[0]?.[0]).toBe('yearRange');
  });

  it('refuses to compute with a calendar that bypassed the schema, saying why', () => {
    const closed = { ...calendar({ weekly: hoursOn([1], '09:00', '17:00') }), id: 'closed', weekly: [] };
    expect(() => businessTimeBetween(closed, 0, DAY)).toThrow('Calendar "closed" cannot be used: The calendar has no opening hours');
    const nowhere = { ...calendar({ weekly: hoursOn([1], '09:00', '17:00') }), id: 'nowhere', timeZone: 'Nowhere/Atlantis' };
    expect(() => isOpenAt(nowhere, 0)).toThrow('Unknown time zone "Nowhere/Atlantis"');
  });
});

describe('business time on an office calendar', () => {
  // Mon–Fri 08:00–18:00 in London; Christmas every year; one dated holiday.
  const office = calendar({
    id: 'office',
    timeZone: 'Europe/London',
    weekly: hoursOn(MON_FRI, '08:00', '18:00'),
    holidays: [
      { date: '12-25', name: 'Christmas Day' },
      { date: '2026-04-03', name: 'Good Friday' },
    ],
  });

  it('counts a working week and skips the weekend', () => {
    // 2026-06-08 is a Monday; London is on BST (UTC+1).
    expect(businessTimeBetween(office, Date.UTC(2026, 5, 7, 23), Date.UTC(2026, 5, 14, 23))).toBe(50 * HOUR);
    expect(businessTimeBetween(office, Date.UTC(2026, 5, 12, 17), Date.UTC(2026, 5, 15, 7))).toBe(0);
    expect(businessTimeBetween(office, Date.UTC(2026, 5, 9, 12), Date.UTC(2026, 5, 9, 12))).toBe(0);
    expect(businessTimeBetween(office, Date.UTC(2026, 5, 9, 12), Date.UTC(2026, 5, 9, 11))).toBe(0);
  });

  it('skips a yearly holiday in every year, and a dated one', () => {
    // Christmas 2026 is a Friday, 2029 a Tuesday: both weeks lose one day.
    expect(businessTimeBetween(office, Date.UTC(2026, 11, 21), Date.UTC(2026, 11, 28))).toBe(40 * HOUR);
    expect(businessTimeBetween(office, Date.UTC(2029, 11, 24), Date.UTC(2029, 11, 31))).toBe(40 * HOUR);
    expect(isOpenAt(office, Date.UTC(2029, 11, 25, 12))).toBe(false);
    expect(businessTimeBetween(office, Date.UTC(2026, 3, 3), Date.UTC(2026, 3, 4))).toBe(0);
    expect(businessTimeBetween(office, Date.UTC(2027, 3, 2), Date.UTC(2027, 3, 3))).toBe(10 * HOUR);
  });

  it('is due at closing time, not the next morning, when the work ends at closing time', () => {
    const mondayOpen = Date.UTC(2026, 5, 8, 7); // 08:00 BST
    expect(addBusinessTime(office, mondayOpen, 10 * HOUR)).toBe(Date.UTC(2026, 5, 8, 17));
    expect(addBusinessTime(office, mondayOpen, 10 * HOUR + 1)).toBe(Date.UTC(2026, 5, 9, 7) + 1);
  });

  it('starts counting at the next opening when asked outside hours', () => {
    const saturday = Date.UTC(2026, 5, 13, 10);
    expect(nextOpening(office, saturday)).toBe(Date.UTC(2026, 5, 15, 7));
    expect(addBusinessTime(office, saturday, HOUR)).toBe(Date.UTC(2026, 5, 15, 8));
    expect(addBusinessTime(office, saturday, 0)).toBe(Date.UTC(2026, 5, 15, 7));
    const tuesdayNoon = Date.UTC(2026, 5, 9, 11);
    expect(nextOpening(office, tuesdayNoon)).toBe(tuesdayNoon);
    expect(addBusinessTime(office, tuesdayNoon, 0)).toBe(tuesdayNoon);
  });

  it('keeps business hours on the wall clock across the spring change (EU)', () => {
    // Friday 2026-03-27 17:00 GMT + 2 h: one hour on Friday, and Monday opens at 08:00 BST = 07:00 UTC.
    expect(addBusinessTime(office, Date.UTC(2026, 2, 27, 17), 2 * HOUR)).toBe(Date.UTC(2026, 2, 30, 8));
    expect(isOpenAt(office, Date.UTC(2026, 2, 30, 7))).toBe(true);
    expect(isOpenAt(office, Date.UTC(2026, 2, 27, 7, 59))).toBe(false);
    // Every working day keeps its ten hours: Monday 23rd to Monday 30th is six of them.
    expect(businessTimeBetween(office, Date.UTC(2026, 2, 23), Date.UTC(2026, 2, 30, 23))).toBe(60 * HOUR);
  });
});

describe('DST: business hours are real elapsed hours of wall clock', () => {
  const newYorkNights = calendar({ timeZone: 'America/New_York', weekly: hoursOn(EVERY_DAY, '01:00', '05:00') });

  it('loses the skipped hour on the spring-forward night (US)', () => {
    // 2026-03-08: 02:00 EST becomes 03:00 EDT, so 01:00–05:00 lasts three hours.
    expect(businessTimeBetween(newYorkNights, Date.UTC(2026, 2, 8, 0), Date.UTC(2026, 2, 8, 20))).toBe(3 * HOUR);
    expect(addBusinessTime(newYorkNights, Date.UTC(2026, 2, 8, 6), 3 * HOUR)).toBe(Date.UTC(2026, 2, 8, 9)); // 05:00 EDT
  });

  it('keeps the repeated hour on the fall-back night (US)', () => {
    // 2026-11-01: 02:00 EDT becomes 01:00 EST, so 01:00–05:00 lasts five hours.
    expect(businessTimeBetween(newYorkNights, Date.UTC(2026, 10, 1, 0), Date.UTC(2026, 10, 1, 20))).toBe(5 * HOUR);
    expect(isOpenAt(newYorkNights, Date.UTC(2026, 10, 1, 5, 30))).toBe(true); // 01:30 EDT
    expect(isOpenAt(newYorkNights, Date.UTC(2026, 10, 1, 6, 30))).toBe(true); // 01:30 EST
  });

  it('opens at the end of the gap when the opening time does not exist', () => {
    const lateStart = calendar({ timeZone: 'America/New_York', weekly: hoursOn(EVERY_DAY, '02:30', '04:00') });
    expect(businessTimeBetween(lateStart, Date.UTC(2026, 2, 8, 0), Date.UTC(2026, 2, 8, 20))).toBe(HOUR);
    expect(nextOpening(lateStart, Date.UTC(2026, 2, 8, 0))).toBe(Date.UTC(2026, 2, 8, 7)); // 03:00 EDT
  });

  it('gives a 24x7 calendar in London a 23-hour and a 25-hour day', () => {
    const always = calendar({ timeZone: 'Europe/London', weekly: hoursOn(EVERY_DAY, '00:00', '24:00') });
    expect(businessTimeBetween(always, Date.UTC(2026, 2, 29, 0), Date.UTC(2026, 2, 29, 23))).toBe(23 * HOUR);
    expect(businessTimeBetween(always, Date.UTC(2026, 9, 24, 23), Date.UTC(2026, 9, 26, 0))).toBe(25 * HOUR);
  });
});

describe('week shapes', () => {
  it('handles a split shift', () => {
    const split = calendar({
      timeZone: 'Europe/Berlin',
      weekly: [...hoursOn(MON_FRI, '13:00', '17:00'), ...hoursOn(MON_FRI, '09:00', '12:00')],
    });
    // Monday 2026-06-08; Berlin is UTC+2 in summer.
    const at = (h: number, m = 0) => Date.UTC(2026, 5, 8, h - 2, m);
    expect(addBusinessTime(split, at(11), 2 * HOUR)).toBe(at(14));
    expect(addBusinessTime(split, at(11), HOUR)).toBe(at(12));
    expect(businessTimeBetween(split, at(8), at(20))).toBe(7 * HOUR);
    expect(isOpenAt(split, at(12, 30))).toBe(false);
    expect(nextOpening(split, at(12, 30))).toBe(at(13));
  });

  it('handles a Saturday–Wednesday week (Tehran)', () => {
    const tehran = defaultCalendars.find((c) => c.id === 'tehran') as BusinessCalendar;
    // Wednesday 2026-05-06 15:00 Tehran (UTC+3:30) + 2 h: one hour on Wednesday, one on Saturday.
    expect(addBusinessTime(tehran, Date.UTC(2026, 4, 6, 11, 30), 2 * HOUR)).toBe(Date.UTC(2026, 4, 9, 5, 30));
    expect(isOpenAt(tehran, Date.UTC(2026, 4, 7, 8))).toBe(false); // Thursday
    expect(isOpenAt(tehran, Date.UTC(2026, 4, 8, 8))).toBe(false); // Friday
    expect(businessTimeBetween(tehran, Date.UTC(2026, 4, 8), Date.UTC(2026, 4, 15))).toBe(40 * HOUR);
    // Nowruz: Saturday 2026-03-21 is a holiday.
    expect(isOpenAt(tehran, Date.UTC(2026, 2, 21, 8))).toBe(false);
  });

  it('handles 24x7', () => {
    const always = defaultCalendars.find((c) => c.id === '24x7') as BusinessCalendar;
    const start = Date.UTC(2026, 0, 1, 3, 17);
    expect(businessTimeBetween(always, start, start + 400 * DAY)).toBe(400 * DAY);
    expect(addBusinessTime(always, start, 90 * MIN)).toBe(start + 90 * MIN);
    expect(isOpenAt(always, start)).toBe(true);
    expect(nextOpening(always, start)).toBe(start);
  });

  it('gives up with a clear error when a calendar never opens', () => {
    const everyDay = Array.from({ length: 366 }, (_, i) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(5, 10));
    const neverOpen = calendar({ id: 'never', weekly: hoursOn([1], '09:00', '17:00'), holidays: everyDay.map((date) => ({ date, name: 'Holiday' })) });
    expect(() => addBusinessTime(neverOpen, Date.UTC(2026, 0, 1), HOUR)).toThrow(/Calendar "never" has no opening hours within 3 years/);
    expect(() => nextOpening(neverOpen, Date.UTC(2026, 0, 1))).toThrow(/no opening hours within 3 years/);
    expect(businessTimeBetween(neverOpen, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).toBe(0);
  });

  it('refuses a negative duration and instants that are not numbers', () => {
    const always = defaultCalendars.find((c) => c.id === '24x7') as BusinessCalendar;
    expect(() => addBusinessTime(always, 0, -1)).toThrow(RangeError);
    expect(() => businessTimeBetween(always, Number.NaN, 0)).toThrow(RangeError);
  });
});

describe('formatInCalendar', () => {
  const nowruz1405 = Date.UTC(2026, 2, 21, 6); // 09:30 in Tehran

  it('shows Solar Hijri dates for a persian calendar', () => {
    const fa = formatInCalendar(nowruz1405, 'Asia/Tehran', 'fa-IR', 'persian');
    expect(fa).toContain('۱۴۰۵');
    expect(fa).toContain('فروردین');
    expect(formatInCalendar(nowruz1405, 'Asia/Tehran', 'en-US', 'persian')).toMatch(/Farvardin 1, 1405/);
  });

  it('shows Gregorian dates on the zone wall clock otherwise', () => {
    expect(formatInCalendar(nowruz1405, 'Asia/Tehran', 'en-GB', 'gregory')).toMatch(/21 Mar 2026.*09:30/);
    expect(formatInCalendar(nowruz1405, 'Asia/Tehran', 'en-GB')).toMatch(/21 Mar 2026/);
    expect(() => formatInCalendar(nowruz1405, 'Moon/Base', 'en-GB')).toThrow('Unknown time zone "Moon/Base"');
  });
});

// ---------------------------------------------------------------------------------------
// Properties over random calendars. Opening times sit on a quarter-hour grid, which every
// zone below keeps its offsets and transitions on; that lets the DST check count by hand.

const QUARTER = 15 * MIN;
const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Asia/Tehran', 'Australia/Lord_Howe', 'Asia/Kolkata'] as const;

const clockText = (quarters: number) =>
  `${String(Math.floor(quarters / 4)).padStart(2, '0')}:${String((quarters % 4) * 15).padStart(2, '0')}`;

/** 0–3 intervals for one weekday, as sorted distinct quarter-hour boundaries paired up. */
const dayArb = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((marks) => {
  const sorted = [...marks].sort((a, b) => a - b);
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) pairs.push([sorted[i] as number, sorted[i + 1] as number]);
  return pairs;
});

const calendarArb = (zones: readonly string[]) =>
  fc
    .record({
      timeZone: fc.constantFrom(...zones),
      week: fc.array(dayArb, { minLength: 7, maxLength: 7 }),
      yearly: fc.uniqueArray(fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) }), {
        maxLength: 4,
        selector: (d) => d.month * 100 + d.day,
      }),
      dated: fc.uniqueArray(fc.integer({ min: 0, max: 3 * 365 }), { maxLength: 4 }),
    })
    .filter(({ week }) => week.some((day) => day.length > 0))
    .map(({ timeZone, week, yearly, dated }) =>
      calendar({
        timeZone,
        weekly: week.flatMap((pairs, day) => pairs.map(([s, e]) => ({ day, start: clockText(s), end: clockText(e) }))),
        holidays: [
          ...yearly.map(({ month, day }) => ({ date: `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, name: 'Yearly' })),
          ...dated.map((d) => ({ date: new Date(Date.UTC(2025, 0, 1) + d * DAY).toISOString().slice(0, 10), name: 'Dated' })),
        ],
      }),
    );

const instantArb = fc.integer({ min: Date.UTC(2025, 0, 1) / MIN, max: Date.UTC(2027, 11, 31) / MIN }).map((m) => m * MIN);
// Whole quarter hours often end exactly at a closing time, the edge most worth probing.
const durationArb = fc.oneof(
  fc.integer({ min: 0, max: 800 }).map((q) => q * QUARTER),
  fc.integer({ min: 0, max: 200 * 60 }).map((m) => m * MIN),
);
const RUNS = { numRuns: 150 };

describe('calendar properties', () => {
  it('counts back exactly the business time it added', () => {
    fc.assert(
      fc.property(calendarArb(ZONES), instantArb, durationArb, (cal, start, d) => {
        expect(businessTimeBetween(cal, start, addBusinessTime(cal, start, d))).toBe(d);
      }),
      RUNS,
    );
  });

  it('never falls due outside opening hours or on a holiday', () => {
    fc.assert(
      fc.property(calendarArb(ZONES), instantArb, durationArb, (cal, start, d) => {
        const due = addBusinessTime(cal, start, Math.max(d, 1));
        // Open just before it: inside an interval, or exactly at an interval's end.
        expect(isOpenAt(cal, due - 1)).toBe(true);
        expect(due).toBeGreaterThan(start);
      }),
      RUNS,
    );
  });

  it('never gives a longer duration an earlier due time, and adds up in steps', () => {
    fc.assert(
      fc.property(calendarArb(ZONES), instantArb, durationArb, durationArb, (cal, start, a, b) => {
        const [short, long] = a <= b ? [a, b] : [b, a];
        expect(addBusinessTime(cal, start, short)).toBeLessThanOrEqual(addBusinessTime(cal, start, long));
        if (a > 0 && b > 0) expect(addBusinessTime(cal, addBusinessTime(cal, start, a), b)).toBe(addBusinessTime(cal, start, a + b));
      }),
      RUNS,
    );
  });

  it('splits business time at any point', () => {
    fc.assert(
      fc.property(calendarArb(ZONES), instantArb, instantArb, instantArb, (cal, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(businessTimeBetween(cal, a, b) + businessTimeBetween(cal, b, c)).toBe(businessTimeBetween(cal, a, c));
      }),
      RUNS,
    );
  });

  it('is open exactly when nextOpening says so', () => {
    fc.assert(
      fc.property(calendarArb(ZONES), instantArb, (cal, at) => {
        const opening = nextOpening(cal, at);
        expect(opening === at).toBe(isOpenAt(cal, at));
        expect(isOpenAt(cal, opening)).toBe(true);
        expect(businessTimeBetween(cal, at, opening)).toBe(0);
      }),
      RUNS,
    );
  });
});

describe('DST property: counting by hand across transitions', () => {
  // Transitions of 2026, as UTC instants: spring and autumn in London, New York and Lord
  // Howe Island (whose clocks move by half an hour).
  const transitions: [string, number][] = [
    ['Europe/London', Date.UTC(2026, 2, 29, 1)],
    ['Europe/London', Date.UTC(2026, 9, 25, 1)],
    ['America/New_York', Date.UTC(2026, 2, 8, 7)],
    ['America/New_York', Date.UTC(2026, 10, 1, 6)],
    ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
    ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15)],
  ];
  const WINDOW_QUARTERS = 4 * 36; // 36 hours either side

  // The hand count reads each quarter hour's wall clock straight from Intl, independently
  // of the calendar code's offset tables.
  const wallClocks = new Map<string, { weekday: number; minute: number; monthDay: string; date: string }>();
  function wallClock(timeZone: string, at: number) {
    const key = `${timeZone}@${at}`;
    let known = wallClocks.get(key);
    if (known === undefined) {
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          weekday: 'short',
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
        })
          .formatToParts(at)
          .map((p) => [p.type, p.value]),
      );
      known = {
        weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday as string),
        minute: Number(parts.hour) * 60 + Number(parts.minute),
        monthDay: `${parts.month}-${parts.day}`,
        date: `${parts.year}-${parts.month}-${parts.day}`,
      };
      wallClocks.set(key, known);
    }
    return known;
  }

  function countByHand(cal: BusinessCalendar, from: number, to: number): number {
    const holidays = new Set(cal.holidays.map((h) => h.date));
    let open = 0;
    for (let at = from; at < to; at += QUARTER) {
      const wall = wallClock(cal.timeZone, at);
      if (holidays.has(wall.date) || holidays.has(wall.monthDay)) continue;
      const toMinute = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
      if (cal.weekly.some((h) => h.day === wall.weekday && toMinute(h.start) <= wall.minute && wall.minute < toMinute(h.end))) open++;
    }
    return open * QUARTER;
  }

  it('never adds or loses business minutes around a transition', () => {
    const arb = fc
      .record({
        transition: fc.constantFrom(...transitions),
        week: fc.array(dayArb, { minLength: 7, maxLength: 7 }),
        a: fc.integer({ min: -WINDOW_QUARTERS, max: WINDOW_QUARTERS }),
        b: fc.integer({ min: -WINDOW_QUARTERS, max: WINDOW_QUARTERS }),
      })
      .filter(({ week }) => week.some((day) => day.length > 0));
    fc.assert(
      fc.property(arb, ({ transition: [timeZone, at], week, a, b }) => {
        const cal = calendar({
          timeZone,
          weekly: week.flatMap((pairs, day) => pairs.map(([s, e]) => ({ day, start: clockText(s), end: clockText(e) }))),
        });
        const [from, to] = [at + Math.min(a, b) * QUARTER, at + Math.max(a, b) * QUARTER];
        expect(businessTimeBetween(cal, from, to)).toBe(countByHand(cal, from, to));
        const whole = [at - WINDOW_QUARTERS * QUARTER, at + WINDOW_QUARTERS * QUARTER] as const;
        expect(businessTimeBetween(cal, ...whole)).toBe(countByHand(cal, ...whole));
      }),
      RUNS,
    );
  });
});
