import { weekdayOf, zoneDay, zoneDayOf } from './calendar';

// The centre's week, for the board's weekly figures (ticket trends, satisfaction by week): the
// week runs from the centre's first day of the week, midnight in the centre's time zone (the zone
// its day follows, sla.ts dayZone), for 7 local days. The desk buckets by it and the board labels
// by it, both from here.
//
// The first day of the week is the one the zone's country starts its week on, as CLDR's week data
// (`firstDay`, what Intl.Locale's getWeekInfo answers for that region) says: Saturday in Iran and
// much of the Arab world, Sunday in the United States, Canada, Brazil, Japan, India and Israel,
// Friday in the Maldives, Monday elsewhere (Europe, and UTC itself as ISO 8601 has it). The
// lists below are that data frozen (CLDR 47 as ICU 77 ships it, for every zone of tzdata's
// zone.tab and every zone Intl lists), so every desk of a centre, on whatever runtime, and the
// window agree; centreWeek.test.ts checks them against the runtime's own week data.
//
// Not the first working day of the zone's default opening hours (workWeek.ts): that gives Monday
// for the United States, whose calendars and supervisors start the week on Sunday.

/** Days are 0 = Sunday ... 6 = Saturday, as in BusinessCalendar and workWeek.ts. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const FRIDAY_FIRST = new Set(['Indian/Maldives']);

const SATURDAY_FIRST = new Set([
  'Africa/Algiers', 'Africa/Cairo', 'Africa/Djibouti', 'Africa/Khartoum', 'Africa/Tripoli', 'Asia/Amman', 'Asia/Baghdad',
  'Asia/Bahrain', 'Asia/Damascus', 'Asia/Kabul', 'Asia/Kuwait', 'Asia/Muscat', 'Asia/Qatar', 'Asia/Tehran', 'Iran',
]);

const SUNDAY_FIRST = new Set([
  'Africa/Addis_Ababa', 'Africa/Gaborone', 'Africa/Harare', 'Africa/Johannesburg', 'Africa/Maputo',
  'Africa/Nairobi', 'America/Adak', 'America/Anchorage', 'America/Antigua', 'America/Araguaina',
  'America/Asuncion', 'America/Atikokan', 'America/Bahia', 'America/Bahia_Banderas', 'America/Belem',
  'America/Belize', 'America/Blanc-Sablon', 'America/Boa_Vista', 'America/Bogota', 'America/Boise',
  'America/Cambridge_Bay', 'America/Campo_Grande', 'America/Cancun', 'America/Caracas', 'America/Chicago',
  'America/Chihuahua', 'America/Ciudad_Juarez', 'America/Coral_Harbour', 'America/Creston', 'America/Cuiaba',
  'America/Dawson', 'America/Dawson_Creek', 'America/Denver', 'America/Detroit', 'America/Dominica',
  'America/Edmonton', 'America/Eirunepe', 'America/El_Salvador', 'America/Fort_Nelson', 'America/Fortaleza',
  'America/Glace_Bay', 'America/Goose_Bay', 'America/Guatemala', 'America/Halifax', 'America/Hermosillo',
  'America/Indiana/Indianapolis', 'America/Indiana/Knox', 'America/Indiana/Marengo',
  'America/Indiana/Petersburg', 'America/Indiana/Tell_City', 'America/Indiana/Vevay',
  'America/Indiana/Vincennes', 'America/Indiana/Winamac', 'America/Indianapolis', 'America/Inuvik',
  'America/Iqaluit', 'America/Jamaica', 'America/Juneau', 'America/Kentucky/Louisville',
  'America/Kentucky/Monticello', 'America/Lima', 'America/Los_Angeles', 'America/Louisville', 'America/Maceio',
  'America/Managua', 'America/Manaus', 'America/Matamoros', 'America/Mazatlan', 'America/Menominee',
  'America/Merida', 'America/Metlakatla', 'America/Mexico_City', 'America/Moncton', 'America/Monterrey',
  'America/Nassau', 'America/New_York', 'America/Nome', 'America/Noronha', 'America/North_Dakota/Beulah',
  'America/North_Dakota/Center', 'America/North_Dakota/New_Salem', 'America/Ojinaga', 'America/Panama',
  'America/Phoenix', 'America/Port_of_Spain', 'America/Porto_Velho', 'America/Puerto_Rico',
  'America/Rankin_Inlet', 'America/Recife', 'America/Regina', 'America/Resolute', 'America/Rio_Branco',
  'America/Santarem', 'America/Santo_Domingo', 'America/Sao_Paulo', 'America/Sitka', 'America/St_Johns',
  'America/St_Thomas', 'America/Swift_Current', 'America/Tegucigalpa', 'America/Tijuana', 'America/Toronto',
  'America/Vancouver', 'America/Whitehorse', 'America/Winnipeg', 'America/Yakutat', 'Asia/Aden',
  'Asia/Bangkok', 'Asia/Calcutta', 'Asia/Dhaka', 'Asia/Hong_Kong', 'Asia/Jakarta', 'Asia/Jayapura',
  'Asia/Jerusalem', 'Asia/Karachi', 'Asia/Kathmandu', 'Asia/Katmandu', 'Asia/Kolkata', 'Asia/Macau',
  'Asia/Makassar', 'Asia/Manila', 'Asia/Phnom_Penh', 'Asia/Pontianak', 'Asia/Rangoon', 'Asia/Riyadh',
  'Asia/Seoul', 'Asia/Singapore', 'Asia/Taipei', 'Asia/Thimphu', 'Asia/Tokyo', 'Asia/Vientiane', 'Asia/Yangon',
  'Atlantic/Azores', 'Atlantic/Madeira', 'Atlantic/Reykjavik', 'Europe/Lisbon', 'Europe/Malta', 'Pacific/Apia',
  'Pacific/Guam', 'Pacific/Honolulu', 'Pacific/Kwajalein', 'Pacific/Majuro', 'Pacific/Midway',
  'Pacific/Pago_Pago', 'Pacific/Wake',
]);

/** The zone as Intl names it canonically ("Iran" is "Asia/Tehran", "US/Eastern" "America/New_York"); the name itself if Intl does not know it. */
function canonicalZone(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return timeZone;
  }
}

const firstDays = new Map<string, Weekday>();

/** The day the centre's week starts on in `timeZone` (0 = Sunday ... 6 = Saturday): Saturday in Iran, Sunday in the US, Monday in Europe. */
export function firstDayOfWeek(timeZone: string): Weekday {
  let day = firstDays.get(timeZone);
  if (day === undefined) {
    const of = (z: string): Weekday | undefined => (SATURDAY_FIRST.has(z) ? 6 : SUNDAY_FIRST.has(z) ? 0 : FRIDAY_FIRST.has(z) ? 5 : undefined);
    day = of(timeZone) ?? of(canonicalZone(timeZone)) ?? 1;
    firstDays.set(timeZone, day);
  }
  return day;
}


/** One week of the centre: its first local date (days since 1970-01-01) and the instants it runs from and to. */
export interface CentreWeek {
  /** The week's first day, a local date of the zone (days since 1970-01-01). */
  day: number;
  start: number;
  end: number;
}

/** The centre's week starting on local date `day` (which the caller made a first day). */
function weekFrom(day: number, timeZone: string): CentreWeek {
  return { day, start: zoneDayOf(day, timeZone).start, end: zoneDayOf(day + 7, timeZone).start };
}

/** The centre's week, in `timeZone`, holding the instant `ms` (starting on `firstDay`, by default the zone's). */
export function centreWeek(ms: number, timeZone: string, firstDay: number = firstDayOfWeek(timeZone)): CentreWeek {
  const day = zoneDay(ms, timeZone).day;
  return weekFrom(day - ((weekdayOf(day) - firstDay + 7) % 7), timeZone);
}

/** The `count` weeks of the centre up to the one holding `now`, oldest first. */
export function centreWeeks(now: number, count: number, timeZone: string): CentreWeek[] {
  const last = centreWeek(now, timeZone).day;
  return Array.from({ length: count }, (_, i) => weekFrom(last - (count - 1 - i) * 7, timeZone));
}
