import type { Segment, ServiceLevel } from '../domain';
import { calendarSchema, type BusinessCalendar } from './calendar';
import { iranHolidays } from './iranHolidays';
import { slaPolicySchema, type SlaPolicy } from './slaClock';
import { MONDAY_TO_FRIDAY, SATURDAY_TO_WEDNESDAY } from './workWeek';

// The calendars and policies a new desk starts with. They go through the same schemas as an
// admin's edits, so a mistake here fails at start-up rather than in a breach report.
//
// Service levels follow the segments' needs: government and large enterprises buy premier
// cover around the clock; schools and small businesses get standard cover in office hours;
// home users get basic cover in office hours, with longer targets.

const weekdays = (start: string, end: string, days: readonly number[]) => days.map((day) => ({ day, start, end }));
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6] as const;

export const defaultCalendars: BusinessCalendar[] = [
  {
    id: 'std-weekdays',
    name: 'Weekdays 08:00–18:00 (London)',
    timeZone: 'Europe/London',
    weekly: weekdays('08:00', '18:00', MONDAY_TO_FRIDAY),
    holidays: [
      { date: '01-01', name: "New Year's Day" },
      { date: '12-25', name: 'Christmas Day' },
      { date: '12-26', name: 'Boxing Day' },
      { date: '2026-04-03', name: 'Good Friday' },
      { date: '2026-04-06', name: 'Easter Monday' },
      { date: '2027-03-26', name: 'Good Friday' },
      { date: '2027-03-29', name: 'Easter Monday' },
    ],
    yearRange: { from: 2025, to: 2030 },
  },
  {
    id: '24x7',
    name: 'Around the clock',
    timeZone: 'UTC',
    weekly: weekdays('00:00', '24:00', EVERY_DAY),
    holidays: [],
    yearRange: { from: 2025, to: 2035 },
  },
  {
    id: 'tehran',
    name: 'Saturday–Wednesday 08:00–16:00 (Tehran)',
    timeZone: 'Asia/Tehran',
    weekly: weekdays('08:00', '16:00', SATURDAY_TO_WEDNESDAY),
    // Nowruz falls on the March equinox, so its Gregorian dates move: listed per year.
    holidays: [
      ...nowruz(2026, 21),
      ...nowruz(2027, 21),
      ...nowruz(2028, 20),
      ...nowruz(2029, 20),
      ...nowruz(2030, 21),
    ],
    yearRange: { from: 2026, to: 2030 },
    displayCalendar: 'persian',
  },
  {
    // An example for a call centre in Iran: the Saturday-to-Wednesday week, a short
    // Thursday, and every official holiday (solar and lunar) of the years it covers.
    id: 'iran-official',
    name: 'Iran: Saturday–Wednesday 08:00–17:00, Thursday to 13:00, official holidays (Tehran)',
    timeZone: 'Asia/Tehran',
    weekly: [...weekdays('08:00', '17:00', SATURDAY_TO_WEDNESDAY), { day: 4, start: '08:00', end: '13:00' }],
    holidays: iranHolidays(2026, 2028),
    yearRange: { from: 2026, to: 2028 },
    displayCalendar: 'persian',
  },
].map((calendar) => calendarSchema.parse(calendar));

function nowruz(year: number, firstDayOfMarch: number) {
  return [0, 1, 2, 3].map((i) => ({ date: `${year}-03-${String(firstDayOfMarch + i).padStart(2, '0')}`, name: `Nowruz (day ${i + 1})` }));
}

/** Business minutes: [first response, next response, resolution] per priority. */
type Minutes = readonly [number, number, number];
const targets = (urgent: Minutes, high: Minutes, normal: Minutes, low: Minutes) => {
  const t = ([firstResponse, nextResponse, resolution]: Minutes) => ({ firstResponse, nextResponse, resolution });
  return { urgent: t(urgent), high: t(high), normal: t(normal), low: t(low) };
};

const HOUR = 60;
const PREMIER = targets([30, HOUR, 4 * HOUR], [HOUR, 2 * HOUR, 8 * HOUR], [4 * HOUR, 4 * HOUR, 24 * HOUR], [8 * HOUR, 8 * HOUR, 72 * HOUR]);
// Office-hours targets: a business day is 10 hours on std-weekdays.
const STANDARD = targets([HOUR, 2 * HOUR, 8 * HOUR], [2 * HOUR, 4 * HOUR, 20 * HOUR], [4 * HOUR, 8 * HOUR, 40 * HOUR], [8 * HOUR, 10 * HOUR, 80 * HOUR]);
const BASIC = targets([2 * HOUR, 4 * HOUR, 20 * HOUR], [4 * HOUR, 8 * HOUR, 40 * HOUR], [10 * HOUR, 20 * HOUR, 80 * HOUR], [20 * HOUR, 30 * HOUR, 150 * HOUR]);

export const defaultPolicies: SlaPolicy[] = [
  { id: 'government-premier', name: 'Government premier', segment: 'government', serviceLevel: 'premier', calendarId: '24x7', targets: PREMIER },
  {
    id: 'large-enterprise-premier',
    name: 'Large enterprise premier',
    segment: 'large_enterprise',
    serviceLevel: 'premier',
    calendarId: '24x7',
    targets: PREMIER,
  },
  { id: 'education-standard', name: 'Education standard', segment: 'education', serviceLevel: 'standard', calendarId: 'std-weekdays', targets: STANDARD },
  {
    id: 'small-business-standard',
    name: 'Small business standard',
    segment: 'small_business',
    serviceLevel: 'standard',
    calendarId: 'std-weekdays',
    targets: STANDARD,
  },
  {
    id: 'home-basic',
    name: 'Home basic',
    segment: 'home',
    serviceLevel: 'basic',
    calendarId: 'std-weekdays',
    targets: BASIC,
  },
].map((policy) => slaPolicySchema.parse(policy));

/**
 * The policy for a customer: the exact segment and service level, else any policy of the
 * segment (a customer whose level has no policy of its own still gets their segment's
 * cover), else the first policy. Throws only when there are no policies at all.
 */
export function policyFor(segment: Segment, serviceLevel: ServiceLevel, policies: readonly SlaPolicy[] = defaultPolicies): SlaPolicy {
  const chosen =
    policies.find((p) => p.segment === segment && p.serviceLevel === serviceLevel) ??
    policies.find((p) => p.segment === segment) ??
    policies[0];
  if (chosen === undefined) throw new Error('There are no SLA policies: add one in Settings before opening tickets.');
  return chosen;
}
