import type { OptionsFilter } from '@mantine/core';
import type { z } from 'zod';
import { foldName, toAsciiDigits } from '../../shared/persianInput';
import { policyProblems } from '../../shared/sla/policyRules';
import type { BusinessCalendar } from '../../shared/sla/calendar';
import { slaPolicySchema, type SlaPolicy } from '../../shared/sla/slaClock';
import type { Problem } from '../backend';
import { currentLanguage, currentLocale, formatDigits, localiseDigits, t } from '../i18n';
import { sayFieldMessage } from '../sayMessage';

// What the SLA editors share: issues by exact path (the desk's 'targets.urgent.firstResponse'
// or 'weekly.2.start'), the same schemas run locally for instant feedback, and small words.

export interface Issue {
  path: string;
  message: string;
}

/**
 * Issues from a zod check, in the desk's wire form (path joined with dots), in the reader's
 * words as the desk's own refusal would be (backend.ts): the English sentence in English, a
 * keyed one's own words in another language, else a plain "check this value".
 */
export function localIssues(result: z.ZodSafeParseResult<unknown>): Issue[] {
  if (result.success) return [];
  return result.error.issues.map((i) => issueOf(i.path, i.message));
}

function issueOf(path: readonly PropertyKey[], message: string): Issue {
  return { path: path.map(String).join('.'), message: currentLanguage() === 'en' ? message : sayFieldMessage(message) };
}

/** What the desk would refuse a policy for: its schema, then the rules a new save must keep (policyRules.ts). */
export function policyIssues(policy: SlaPolicy): Issue[] {
  return [...localIssues(slaPolicySchema.safeParse(policy)), ...policyProblems(policy).map((p) => issueOf(p.path, p.message))];
}

/**
 * Where each message goes. While the person edits, the local check (same schema as the desk)
 * answers; after a refused save the desk's issues are the truth for the fields they name
 * (serverIssues), until the next edit.
 */
export function issueIndex(issues: Issue[]): { at: (path: string) => string | undefined; under: (prefix: string) => Issue[] } {
  return {
    at: (path) => {
      const messages = issues.filter((i) => i.path === path).map((i) => i.message);
      return messages.length ? [...new Set(messages)].join(' ') : undefined;
    },
    under: (prefix) => issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`)),
  };
}

/**
 * What a settings editor says as it is typed: the schema's issues, a missing name or id once
 * in our words (not also the schema's "Too small: expected string to have >=1 characters",
 * or "check this value" in Persian), a new item's id already taken. `local` is what a save
 * is judged by; `shown` leaves out the empty name and id of a new item nobody has typed into
 * yet, until a save is tried.
 */
export function editorIssues(o: { issues: Issue[]; id: string; name: string; isNew: boolean; takenIds: string[]; tried: boolean }): { local: Issue[]; shown: Issue[] } {
  const local = o.issues.filter((i) => !((i.path === 'id' && o.isNew && !o.id) || (i.path === 'name' && !o.name)));
  if (!o.name) local.push({ path: 'name', message: t('slaEdit.nameRequired') });
  if (o.isNew && o.id && o.takenIds.includes(o.id)) local.push({ path: 'id', message: t('slaEdit.idTaken') });
  if (o.isNew && !o.id) local.push({ path: 'id', message: t('slaEdit.idRequired') });
  const untouched = o.isNew && !o.tried && !o.name && !o.id;
  return { local, shown: untouched ? local.filter((i) => i.path !== 'name' && i.path !== 'id') : local };
}

/**
 * A holiday just added and not typed in yet (no date, no name): its issues wait until a save is
 * tried, so "Add holiday" does not open a row already marked wrong.
 */
export function holidayIssuesShown(issues: Issue[], holidays: ReadonlyArray<{ date: string; name: string }>, tried: boolean): Issue[] {
  if (tried) return issues;
  return issues.filter((i) => {
    const row = /^holidays\.(\d+)\./.exec(i.path);
    const holiday = row ? holidays[Number(row[1])] : undefined;
    return !holiday || holiday.date.trim() !== '' || holiday.name.trim() !== '';
  });
}

/**
 * What an editor does when the item it shows is saved elsewhere (by an admin in another window,
 * or arriving from the hub), each given as JSON: `seen` the stored item the form started from,
 * `stored` the stored item now, `typed` what the form would save. 'same': nothing changed;
 * 'follow': the form holds nothing of the person's own, so it shows the new version; 'tell':
 * what they typed stays, and they are told the item changed and offered the saved version.
 */
export function storedChange(seen: string | null, stored: string | null, typed: string): 'same' | 'follow' | 'tell' {
  if (stored === seen) return 'same';
  return typed === seen || typed === stored ? 'follow' : 'tell';
}

/**
 * Whether a draft kept from earlier (what sessionStorage holds for an editor, or null) would
 * save as something other than the stored item: `initial` is the stored item's draft (the kept
 * fields are laid over it, as the editor reads them) and `valueOf` what a draft saves as. A
 * draft typed and typed back again is no change; nor is a broken one that cannot be read.
 */
export function keptDraftDiffers<D extends object, V>(kept: Partial<D> | null, initial: D, valueOf: (draft: D) => V): boolean {
  if (kept === null) return false;
  try {
    return JSON.stringify(valueOf({ ...initial, ...kept })) !== JSON.stringify(valueOf(initial));
  } catch {
    return false;
  }
}

/**
 * A new item typed and not saved, kept from an earlier visit to its editor: the name typed ('' if
 * none yet), or null when nothing kept would change the new item the editor opens with.
 */
export function keptNewDraftName<D extends { name: string }, V>(kept: Partial<D> | null, initial: D, valueOf: (draft: D) => V): string | null {
  if (!keptDraftDiffers(kept, initial, valueOf)) return null;
  const name = { ...initial, ...kept }.name;
  return typeof name === 'string' ? name.trim() : '';
}

/** Issues whose path no field on the form claims. */
export function unplacedIssues(issues: Issue[], placed: (path: string) => boolean): Issue[] {
  return issues.filter((i) => !placed(i.path));
}

/**
 * What a refused form shows under its fields: the desk's issues, and the editor's own (`local`)
 * for the fields the desk did not name. The desk checks a policy's shape first and stops
 * there, so a resolution shorter than its first response, marked as it was typed, went
 * unsaid once a zero target elsewhere was refused.
 */
export function serverIssues(problem: Problem | null, local: readonly Issue[] = []): Issue[] {
  const said = problem?.issues ?? [];
  const named = new Set(said.map((i) => i.path));
  return [...said, ...local.filter((i) => !named.has(i.path))];
}

/**
 * A readable id from a name: "Government premier" → "government-premier", and a name in
 * Persian or Arabic spelled in Latin letters: "ساعات کاری تهران" → "saat-kari-thran". Always
 * lower-case Latin letters, digits and single dashes, at most 48 characters, or '' when the
 * name has nothing to spell (then the editor asks for an id).
 */
export function slugify(name: string): string {
  const slug = latinLetters(toAsciiDigits(name).normalize('NFKD').replace(MARKS, ''))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 48);
  return slug.replace(/-+$/, '');
}

// Accents (é → e), Arabic short vowels and other signs above or below a letter (the
// madda of آ and the hamza of أ, ؤ, ئ and ۀ come apart under NFKD and go here), and the
// kashida that only stretches a word.
const MARKS = /[\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g;

/** Persian and Arabic letters in Latin, as a Persian reader would spell them; one table for both scripts. */
const LETTERS: Record<string, string> = {
  'ا': 'a', 'ٱ': 'a', 'ب': 'b', 'پ': 'p', 'ت': 't', 'ث': 's', 'ج': 'j', 'چ': 'ch', 'ح': 'h', 'خ': 'kh',
  'د': 'd', 'ذ': 'z', 'ر': 'r', 'ز': 'z', 'ژ': 'zh', 'س': 's', 'ش': 'sh', 'ص': 's', 'ض': 'z', 'ط': 't',
  'ظ': 'z', 'ع': '', 'غ': 'gh', 'ف': 'f', 'ق': 'q', 'ک': 'k', 'ك': 'k', 'گ': 'g', 'ل': 'l', 'م': 'm',
  'ن': 'n', 'و': 'v', 'ه': 'h', 'ة': 'h', 'ە': 'e', 'ی': 'i', 'ي': 'i', 'ى': 'a', 'ء': '',
};
const VOWEL_LETTERS = new Set(['ا', 'ٱ', 'و', 'ی', 'ي']);

/**
 * The letters in LETTERS spelled out; anything else kept as it is (Persian and Arabic-Indic
 * digits are 0–9 by then: slugify reads them with toAsciiDigits, as the phone fields do).
 * Short vowels are not written in Persian, so a few letters read by their place in the word: ی
 * and و are y and v at a word's start or before a vowel letter, else i and u ("یزد" yzd,
 * "کاری" kari, "روز" ruz); an alef that only carries them at a word's start is silent ("ایران"
 * iran); a final ه after a consonant is e ("خانه" khane, "راه" rah); an initial ع is a ("علی"
 * ali). The zero-width non-joiner (U+200C) parts a word like a space.
 */
function latinLetters(text: string): string {
  const chars = [...text];
  const isLetter = (c: string | undefined) => c !== undefined && c in LETTERS;
  let out = '';
  chars.forEach((c, i) => {
    const latin = LETTERS[c];
    if (latin === undefined) {
      out += c;
      return;
    }
    const prev = chars[i - 1];
    const next = chars[i + 1];
    const start = !isLetter(prev);
    const end = !isLetter(next);
    const beforeVowel = next !== undefined && VOWEL_LETTERS.has(next);
    if (c === 'ی' || c === 'ي') out += start || beforeVowel ? 'y' : 'i';
    else if (c === 'و') out += start || beforeVowel ? 'v' : 'u';
    else if ((c === 'ا' || c === 'ٱ') && start && (next === 'ی' || next === 'ي' || next === 'و')) out += '';
    else if (c === 'ه' && end && !start && !VOWEL_LETTERS.has(prev ?? '')) out += 'e';
    else if (c === 'ع' && start) out += 'a';
    else out += latin;
  });
  return out;
}

/**
 * What a number field holds as a number: digits in any script ("۳۰", "٣٠" and "30" are 30), a
 * minus and a point; an empty field is 0 (the rules then say it must be more). Anything else is
 * NaN ("1e5", "abc"): it is not guessed at, and `unreadableNumbers` says what to type instead.
 */
export function typedNumber(value: number | string): number {
  if (typeof value === 'number') return value;
  const text = toAsciiDigits(value).replace(/\u066b/g, '.').replace(/\u2212/g, '-').trim();
  if (text === '') return 0;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
}

/** The years a calendar's validity may span (its year fields' bounds). */
export const CALENDAR_YEARS = { min: 1970, max: 2200 } as const;

/**
 * Under each field whose text is not a number (typedNumber), what to type there instead. A year
 * outside CALENDAR_YEARS is said too, not moved to the nearest bound: a Persian admin's «۱۴۰۵»
 * (a Solar Hijri year) was quietly made 1970.
 */
export function unreadableNumbers(fields: ReadonlyArray<{ path: string; value: number | string; kind: 'minutes' | 'percent' | 'year' }>): Issue[] {
  const example = { minutes: () => t('slaEdit.typeMinutes', { n: 30 }), percent: () => t('slaEdit.typePercent', { n: 75 }), year: () => t('slaEdit.typeYear', { year: formatDigits(2026) }) };
  return fields.flatMap((f) => {
    const n = typedNumber(f.value);
    if (Number.isNaN(n)) return [{ path: f.path, message: example[f.kind]() }];
    if (f.kind === 'year' && (n < CALENDAR_YEARS.min || n > CALENDAR_YEARS.max || !Number.isInteger(n))) {
      return [{ path: f.path, message: t('slaEdit.yearOutside', { from: formatDigits(CALENDAR_YEARS.min), to: formatDigits(CALENDAR_YEARS.max) }) }];
    }
    return [];
  });
}

/**
 * "= 4 h", "= 1 h 30 m", "= 45 m" for a number of business minutes (in Persian "یعنی ۴ ساعت": in words, with
 * no neutral sign first whose side of a right-to-left line the bidi algorithm picks). Deliberately no days:
 * a business day is 24 h on one calendar and 10 h on another.
 */
export function minutesHint(minutes: number | string): string | null {
  const n = typedNumber(minutes);
  if (!Number.isFinite(n) || n <= 0 || !Number.isInteger(n)) return null;
  const h = Math.floor(n / 60);
  const m = n % 60;
  const time = h === 0 ? t('duration.m', { m }) : m === 0 ? t('duration.h', { h }) : t('duration.hm', { h, m });
  return t('slaEdit.equals', { time });
}

/** Weekday names in the locale: 0 = Sunday, as the calendars count them. */
export function weekdayName(day: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + day));
}

/**
 * Days by name as an admin reads them: a run of days in a row by its first and last
 * ("Saturday–Wednesday", the week wrapping past Saturday; spoken: "Saturday to Wednesday", a
 * screen reader says no dash; "شنبه تا چهارشنبه"), other days listed ("Monday, Wednesday, and Friday").
 */
export function daysLabel(days: readonly number[], locale: string, o: { spoken?: boolean } = {}): string {
  const set = new Set(days);
  if (set.size === 7) return t('slaSettings.everyDay');
  const starts = [...set].filter((d) => !set.has((d + 6) % 7));
  const first = starts[0];
  if (set.size > 1 && starts.length === 1 && first !== undefined) {
    const last = (first + set.size - 1) % 7;
    return t(o.spoken ? 'slaEdit.dayRangeSpoken' : 'slaEdit.dayRange', { from: weekdayName(first, locale), to: weekdayName(last, locale) });
  }
  const inOrder = weekOrder(locale).filter((d) => set.has(d));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(inOrder.map((d) => weekdayName(d, locale)));
}

/** The weekdays in the order the locale starts its week (Monday for most, Saturday for Persian...). */
export function weekOrder(locale: string): number[] {
  let first = 1; // ISO: 1 = Monday ... 7 = Sunday
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    first = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay ?? 1;
  } catch {
    // keep Monday
  }
  const start = first % 7; // to 0 = Sunday
  return Array.from({ length: 7 }, (_, i) => (start + i) % 7);
}

/** Every IANA zone this browser knows, with UTC first. */
export function timeZones(): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

/**
 * Cities in Persian, for the zones a Persian-speaking admin is likeliest to look for: their own
 * region's and those of large Iranian communities abroad. The zone's name in Persian is its
 * country's («وقت عادی ایران») and its id is in Latin letters, so «تهران» found nothing.
 */
const PERSIAN_CITIES: Record<string, string> = {
  'Asia/Tehran': 'تهران',
  'Asia/Kabul': 'کابل',
  'Asia/Dushanbe': 'دوشنبه',
  'Asia/Dubai': 'دبی',
  'Asia/Baghdad': 'بغداد',
  'Asia/Riyadh': 'ریاض',
  'Asia/Qatar': 'دوحه',
  'Asia/Kuwait': 'کویت',
  'Asia/Muscat': 'مسقط',
  'Asia/Bahrain': 'منامه',
  'Asia/Baku': 'باکو',
  'Asia/Yerevan': 'ایروان',
  'Asia/Tbilisi': 'تفلیس',
  'Asia/Tashkent': 'تاشکند',
  'Asia/Ashgabat': 'عشق‌آباد',
  'Asia/Karachi': 'کراچی',
  'Europe/Istanbul': 'استانبول',
  'Europe/London': 'لندن',
  'Europe/Paris': 'پاریس',
  'Europe/Berlin': 'برلین',
  'Europe/Stockholm': 'استکهلم',
  'Europe/Amsterdam': 'آمستردام',
  'Europe/Moscow': 'مسکو',
  'America/New_York': 'نیویورک',
  'America/Los_Angeles': 'لس‌آنجلس',
  'America/Toronto': 'تورنتو',
  'America/Vancouver': 'ونکوور',
  'Australia/Sydney': 'سیدنی',
  'Asia/Tokyo': 'توکیو',
};

/**
 * The time zone picker's search: a zone is found by its name in the reader's language
 * («بریتانیا», "Eastern"), by its IANA id, underscores read as spaces ("new york", "Europe/Lon"),
 * or by its city in Persian («تهران»); each spelling of a name folded alike (foldName: ي as ی, ك as ک).
 */
export const findZone: OptionsFilter = ({ options, search, limit }) => {
  const words = foldName(search.replaceAll('_', ' '));
  const found = words === '' ? options : options.filter((o) => 'value' in o && foldName([o.label, o.value.replaceAll('_', ' '), PERSIAN_CITIES[o.value] ?? ''].join('\u0000')).includes(words));
  return found.slice(0, limit);
};

/** "Monday 08:00–18:00; Tuesday ..." grouped: days with the same hours share one entry; the times in the reader's digits. */
export function hoursSummary(c: Pick<BusinessCalendar, 'weekly'>): string {
  const locale = currentLocale();
  const groups: { days: number[]; hours: string; lastPos: number }[] = [];
  weekOrder(locale).forEach((day, pos) => {
    const hours = c.weekly
      .filter((w) => w.day === day)
      .sort((a, b) => a.start.localeCompare(b.start))
      .map((w) => `${w.start}–${w.end}`)
      .join(', ');
    if (!hours) return;
    const last = groups[groups.length - 1];
    if (last && last.hours === hours && last.lastPos === pos - 1) {
      last.days.push(day);
      last.lastPos = pos;
    } else groups.push({ days: [day], hours, lastPos: pos });
  });
  // A week that wraps (Saturday–Wednesday in a Monday-first locale) reads as one stretch.
  const first = groups[0];
  const last = groups[groups.length - 1];
  if (groups.length > 1 && first && last && first.hours === last.hours && last.lastPos === 6 && weekOrder(locale)[0] === first.days[0]) {
    first.days.unshift(...last.days);
    groups.pop();
  }
  if (groups.length === 0) return t('slaEdit.closed');
  const short = (d: number) => new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + d));
  return groups
    .map((g) => {
      const first = g.days[0] ?? 0;
      const last = g.days[g.days.length - 1] ?? first;
      const days = g.days.length === 7 ? t('slaSettings.everyDay') : g.days.length === 1 ? short(first) : `${short(first)}–${short(last)}`;
      return `${days} ${localiseDigits(g.hours)}`;
    })
    .join(t('list.groupSeparator'));
}
