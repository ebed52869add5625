import { defaultCalendars, defaultPolicies } from '../../shared/sla/defaults';
import { t, tc, type MessageKey } from '../i18n';

// The SLA policies and calendars a new desk starts with are named in English in the data
// ("Home basic", "Around the clock"). Until an admin renames one, its name is shown in the
// reader's language; a name an admin gave is shown as it was typed.

const KEYS: ReadonlyMap<string, MessageKey> = new Map<string, MessageKey>([
  ['policy:government-premier', 'slaName.policy.governmentPremier'],
  ['policy:large-enterprise-premier', 'slaName.policy.largeEnterprisePremier'],
  ['policy:education-standard', 'slaName.policy.educationStandard'],
  ['policy:small-business-standard', 'slaName.policy.smallBusinessStandard'],
  ['policy:home-basic', 'slaName.policy.homeBasic'],
  ['calendar:std-weekdays', 'slaName.calendar.stdWeekdays'],
  ['calendar:24x7', 'slaName.calendar.aroundTheClock'],
  ['calendar:tehran', 'slaName.calendar.tehran'],
  ['calendar:iran-official', 'slaName.calendar.iranOfficial'],
]);

const SHIPPED: ReadonlyMap<string, string> = new Map([
  ...defaultPolicies.map((p) => [`policy:${p.id}`, p.name] as const),
  ...defaultCalendars.map((c) => [`calendar:${c.id}`, c.name] as const),
]);

/** A policy's or calendar's name as the reader sees it: a shipped one's in their language, unless renamed. */
export function slaName(kind: 'policy' | 'calendar', item: { id: string; name: string }): string {
  const key = KEYS.get(`${kind}:${item.id}`);
  return key && SHIPPED.get(`${kind}:${item.id}`) === item.name ? t(key) : item.name;
}

/**
 * What a Name field holds, back as it is stored: a shipped policy's or calendar's name shown
 * in the reader's language (slaName) and left as it was is saved as the data names it, so it
 * stays shipped and every reader goes on seeing it in their own language; anything else is
 * what the admin typed, saved as typed. (An admin who types exactly the translation gets the
 * same: they see what they typed, and a reader of the other language sees theirs.)
 */
export function storedSlaName(kind: 'policy' | 'calendar', id: string, shown: string): string {
  const key = KEYS.get(`${kind}:${id}`);
  const shipped = SHIPPED.get(`${kind}:${id}`);
  return key && shipped !== undefined && shown === t(key) ? shipped : shown;
}

// The shipped calendars' holidays are named in the data in the language of the place: the
// London calendar's in English ("Boxing Day"), Tehran's Nowruz in English too, Iran's
// official holidays in Persian ("عاشورا"; two on one day are joined: "نوروز، عید فطر").
// Each part has its name in every language; as with the policies and calendars, a name an
// admin edited is shown as typed.
const HOLIDAY_KEYS: ReadonlyMap<string, MessageKey> = new Map<string, MessageKey>([
  ["New Year's Day", 'slaHoliday.newYearsDay'],
  ['Christmas Day', 'slaHoliday.christmasDay'],
  ['Boxing Day', 'slaHoliday.boxingDay'],
  ['Good Friday', 'slaHoliday.goodFriday'],
  ['Easter Monday', 'slaHoliday.easterMonday'],
  ['Nowruz (day 1)', 'slaHoliday.nowruzDay1'],
  ['Nowruz (day 2)', 'slaHoliday.nowruzDay2'],
  ['Nowruz (day 3)', 'slaHoliday.nowruzDay3'],
  ['Nowruz (day 4)', 'slaHoliday.nowruzDay4'],
  ['نوروز', 'slaHoliday.nowruz'],
  ['روز جمهوری اسلامی', 'slaHoliday.islamicRepublicDay'],
  ['روز طبیعت', 'slaHoliday.natureDay'],
  ['رحلت امام خمینی', 'slaHoliday.khomeiniDeath'],
  ['قیام ۱۵ خرداد', 'slaHoliday.khordad15'],
  ['پیروزی انقلاب اسلامی', 'slaHoliday.revolutionVictory'],
  ['ملی شدن صنعت نفت', 'slaHoliday.oilNationalisation'],
  ['تاسوعا', 'slaHoliday.tasua'],
  ['عاشورا', 'slaHoliday.ashura'],
  ['اربعین', 'slaHoliday.arbaeen'],
  ['رحلت پیامبر و شهادت امام حسن', 'slaHoliday.prophetDeathHasanMartyrdom'],
  ['شهادت امام رضا', 'slaHoliday.rezaMartyrdom'],
  ['شهادت امام حسن عسکری', 'slaHoliday.askariMartyrdom'],
  ['میلاد پیامبر و امام صادق', 'slaHoliday.prophetSadiqBirth'],
  ['شهادت حضرت فاطمه', 'slaHoliday.fatimaMartyrdom'],
  ['ولادت امام علی', 'slaHoliday.aliBirth'],
  ['مبعث', 'slaHoliday.mabath'],
  ['ولادت امام مهدی', 'slaHoliday.mahdiBirth'],
  ['شهادت امام علی', 'slaHoliday.aliMartyrdom'],
  ['عید فطر', 'slaHoliday.eidAlFitr'],
  ['شهادت امام صادق', 'slaHoliday.sadiqMartyrdom'],
  ['عید قربان', 'slaHoliday.eidAlAdha'],
  ['عید غدیر', 'slaHoliday.eidAlGhadir'],
]);

/** How iranHolidays joins two holidays on one day. */
const JOINED = '، ';

/** Each shipped calendar's holiday names, as the data has them. */
const SHIPPED_HOLIDAYS: ReadonlyMap<string, ReadonlySet<string>> = new Map(defaultCalendars.map((c) => [c.id, new Set(c.holidays.map((h) => h.name))] as const));

/** A holiday's name as the reader sees it: a shipped calendar's own holiday in their language, unless its name was edited. */
export function holidayName(calendarId: string, name: string): string {
  if (!SHIPPED_HOLIDAYS.get(calendarId)?.has(name)) return name;
  const keys = name.split(JOINED).map((part) => HOLIDAY_KEYS.get(part));
  return keys.every((k) => k !== undefined) ? keys.map((k) => t(k!)).join(t('list.separator')) : name;
}

/** A holiday name field's text, back as it is stored: a shipped name left as shown is saved as the data names it (see storedSlaName). */
export function storedHolidayName(calendarId: string, shown: string): string {
  for (const name of SHIPPED_HOLIDAYS.get(calendarId) ?? []) if (holidayName(calendarId, name) === shown) return name;
  return shown;
}

/** Every shipped holiday name, for the test that each has its name in every language. */
export const SHIPPED_HOLIDAY_NAMES: ReadonlyArray<{ calendarId: string; name: string }> = [...SHIPPED_HOLIDAYS].flatMap(([calendarId, names]) => [...names].map((name) => ({ calendarId, name })));

/**
 * The heading of a policy's or calendar's editor ("Policy: Home basic"): its name as the list
 * of SLA settings says it, so a shipped one is not named in English on a Persian screen.
 */
export function slaEditorTitle(kind: 'policy' | 'calendar', item: { id: string; name: string } | null): string {
  if (!item) return t(kind === 'policy' ? 'slaEdit.newPolicy' : 'slaEdit.newCalendar');
  return t(kind === 'policy' ? 'slaEdit.policyTitle' : 'slaEdit.calendarTitle', { name: slaName(kind, item) });
}

/**
 * "Calendar “Around the clock” saved. Re-timing the open tickets on it…": the item named as the
 * list of SLA settings names it, and whether the save set off a re-time of open tickets (when the
 * desk said), whose end the window hears of apart (slaRetimedMessage).
 */
export function slaSavedMessage(kind: 'policy' | 'calendar', item: { id: string; name: string; retiming?: boolean }): string {
  const saved = t(kind === 'policy' ? 'slaEdit.policySaved' : 'slaEdit.calendarSaved', { name: slaName(kind, item) });
  return item.retiming ? `${saved} ${t(kind === 'policy' ? 'slaEdit.retimingPolicy' : 'slaEdit.retimingCalendar')}` : saved;
}

/** "212 open tickets re-timed: their due times follow the change.": a save's re-time is done. */
export function slaRetimedMessage(retimed: number): string {
  return tc('slaEdit.retimed', retimed);
}

/** "Used by: Education standard, Home basic.": the policies a calendar's editor says use it, each named as the list names it. */
export function slaUsedBy(policies: ReadonlyArray<{ id: string; name: string }>): string {
  return t('slaEdit.usedBy', { policies: policies.map((p) => slaName('policy', p)).join(t('list.separator')) });
}

/** Every shipped policy and calendar, for the test that each has its name in every language. */
export const SHIPPED_NAMES: ReadonlyArray<{ kind: 'policy' | 'calendar'; id: string; name: string }> = [
  ...defaultPolicies.map((p) => ({ kind: 'policy' as const, id: p.id, name: p.name })),
  ...defaultCalendars.map((c) => ({ kind: 'calendar' as const, id: c.id, name: c.name })),
];
