import { describe, expect, it } from 'vitest';
import { slaPolicySchema } from '../../shared/sla/slaClock';
import { calendarSchema } from '../../shared/sla/calendar';
import { defaultCalendars, defaultPolicies } from '../../shared/sla/defaults';
import { fa } from '../i18n/fa';
import { setLocale } from '../i18n/state';
import { zoneName } from '../i18n/format';
import { articleInputSchema } from '../../shared/kb/schemas';
import { daysLabel, editorIssues, keptDraftDiffers, keptNewDraftName, storedChange, typedNumber, unreadableNumbers, findZone, holidayIssuesShown, hoursSummary, issueIndex, localIssues, minutesHint, policyIssues, serverIssues, slugify, weekOrder } from './forms';

describe('SLA editor helpers', () => {
  it('tells a kept draft that would change the stored item from one that would not', () => {
    const initial = { name: 'Premier', minutes: 30 as number | string };
    const valueOf = (d: typeof initial) => ({ name: d.name.trim(), minutes: Number(d.minutes) });
    expect(keptDraftDiffers(null, initial, valueOf)).toBe(false);
    expect(keptDraftDiffers({ minutes: 45 }, initial, valueOf)).toBe(true);
    // Typed and typed back, or only spaces added: nothing to save, nothing to mark.
    expect(keptDraftDiffers({ minutes: '30', name: 'Premier ' }, initial, valueOf)).toBe(false);
  });

  it('names a new item typed and not saved, so the list can mark it (it was kept and said nowhere)', () => {
    const initial = { name: '', minutes: 30 as number | string };
    const valueOf = (d: typeof initial) => ({ name: d.name.trim(), minutes: Number(d.minutes) });
    expect(keptNewDraftName(null, initial, valueOf)).toBeNull();
    // Opened and left as it came, or only spaces typed: nothing to mark.
    expect(keptNewDraftName({ ...initial }, initial, valueOf)).toBeNull();
    expect(keptNewDraftName({ name: '  ' }, initial, valueOf)).toBeNull();
    expect(keptNewDraftName({ name: ' Home gold ' }, initial, valueOf)).toBe('Home gold');
    // Changed but not yet named: marked, and the list names it "New policy".
    expect(keptNewDraftName({ minutes: 45 }, initial, valueOf)).toBe('');
  });

  it('reads a number typed in Persian or Arabic-Indic digits, and says what to type for anything else', async () => {
    for (const typed of ['30', '۳۰', '٣٠', ' 30 ', 30]) expect(typedNumber(typed)).toBe(30);
    expect(typedNumber('-5')).toBe(-5);
    expect(typedNumber('')).toBe(0);
    // Not read as some other number ("1e5" was 15 in the field, or 100000 to Number()).
    for (const typed of ['1e5', 'abc', '3 0', '0x10', '30m']) expect(typedNumber(typed)).toBeNaN();
    const fields = [
      { path: 'targets.urgent.firstResponse', value: '1e5', kind: 'minutes' as const },
      { path: 'targets.high.resolution', value: '٣٠', kind: 'minutes' as const },
      { path: 'atRiskShare', value: 'abc', kind: 'percent' as const },
    ];
    expect(unreadableNumbers(fields)).toEqual([
      { path: 'targets.urgent.firstResponse', message: 'Type the minutes in digits only, such as 30.' },
      { path: 'atRiskShare', message: 'Type a whole percent in digits only, such as 75.' },
    ]);
    await setLocale('fa', 'arabext');
    try {
      expect(unreadableNumbers(fields).map((i) => i.message)).toEqual(['دقیقه‌ها را فقط با رقم بنویسید، مثلاً ۳۰.', 'درصد را فقط با رقم و بی‌اعشار بنویسید، مثلاً ۷۵.']);
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('reads a calendar’s year in any digits, and says what to type for no year or one out of range (it was moved to 1970 or 2200)', async () => {
    const year = (value: number | string) => unreadableNumbers([{ path: 'yearRange.from', value, kind: 'year' }]);
    for (const typed of ['2026', '۲۰۲۶', '٢٠٢٦', 2026, '1970', '2200']) expect(year(typed)).toEqual([]);
    expect(year('1e5')).toEqual([{ path: 'yearRange.from', message: 'Type the year in digits only, such as 2026.' }]);
    // A Solar Hijri year, or nothing at all, is said, not quietly moved into range.
    for (const typed of ['۱۴۰۵', '1405', '', '2201']) expect(year(typed)).toEqual([{ path: 'yearRange.from', message: 'Type a Gregorian year from 1970 to 2200.' }]);
    await setLocale('fa', 'arabext');
    try {
      expect(year('۱۴۰۵').map((i) => i.message)).toEqual(['سال میلادی را بین ۱۹۷۰ و ۲۲۰۰ بنویسید.']);
      expect(year('abc').map((i) => i.message)).toEqual(['سال را فقط با رقم بنویسید، مثلاً ۲۰۲۶.']);
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('an editor follows a change saved elsewhere while nothing is typed, and keeps what is typed otherwise (saying so)', () => {
    const v1 = JSON.stringify({ atRiskShare: 0.75 });
    const v2 = JSON.stringify({ atRiskShare: 0.5 });
    const typed = JSON.stringify({ atRiskShare: 0.6 });
    // Nothing changed where it is stored.
    expect(storedChange(v1, v1, typed)).toBe('same');
    expect(storedChange(null, null, typed)).toBe('same');
    // Changed in another window or from the hub: the untouched form shows the new version...
    expect(storedChange(v1, v2, v1)).toBe('follow');
    // ...as does a form typed to the same thing; a form with other changes keeps them and is told.
    expect(storedChange(v1, v2, v2)).toBe('follow');
    expect(storedChange(v1, v2, typed)).toBe('tell');
  });

  it('reads business minutes as hours and minutes, never days', () => {
    expect(minutesHint(240)).toBe('= 4 h');
    expect(minutesHint(90)).toBe('= 1 h 30 m');
    expect(minutesHint(45)).toBe('= 45 m');
    expect(minutesHint(2400)).toBe('= 40 h');
    expect(minutesHint(0)).toBeNull();
    expect(minutesHint('')).toBeNull();
  });

  it('reads a target in Persian right to left from its first word: no "=" whose side the bidi algorithm picks', async () => {
    // "= ۳۰ دقیقه" began with a neutral sign, drawn at the end of the Persian line; in words it
    // has no sign to misplace, and each line starts with a right-to-left letter.
    await setLocale('fa', 'arabext');
    try {
      expect(minutesHint(30)).toBe('یعنی ۳۰ دقیقه');
      expect(minutesHint(90)).toBe('یعنی ۱ ساعت و ۳۰ دقیقه');
      expect(minutesHint(240)).toBe('یعنی ۴ ساعت');
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('puts the schema’s issues under the exact field, as the desk names it', () => {
    const policy = structuredClone(defaultPolicies[0]!);
    policy.targets.urgent.firstResponse = 0;
    const at = issueIndex(localIssues(slaPolicySchema.safeParse(policy))).at;
    expect(at('targets.urgent.firstResponse')).toMatch(/greater than zero/);
    expect(at('targets.urgent.resolution')).toBeUndefined();
  });

  it('judges a policy as the desk would: a negative target, an at-risk share past 100 %, a resolution shorter than the first response', () => {
    const policy = structuredClone(defaultPolicies[0]!);
    policy.targets.urgent.firstResponse = -5;
    policy.atRiskShare = 1.5;
    policy.targets.high.resolution = policy.targets.high.firstResponse - 15;
    const at = issueIndex(policyIssues(policy)).at;
    expect(at('targets.urgent.firstResponse')).toBe('First response target for urgent must be greater than zero');
    expect(at('atRiskShare')).toBe('At risk must be more than 0 % and less than 100 % of a target.');
    expect(at('targets.high.resolution')).toMatch(/^The resolution target for high must be at least as long as its first-response target \(\d+ minutes\)\.$/);
    expect(at('targets.high.firstResponse')).toBeUndefined();
  });

  it('says a policy’s issues in Persian in a Persian window', async () => {
    await setLocale('fa', 'arabext');
    try {
      const policy = structuredClone(defaultPolicies[0]!);
      policy.targets.urgent.firstResponse = -5;
      policy.atRiskShare = 1.5;
      policy.targets.high.firstResponse = 120;
      policy.targets.high.resolution = 90;
      const at = issueIndex(policyIssues(policy)).at;
      expect(at('targets.urgent.firstResponse')).toBe('هدف نخستین پاسخ برای اولویت فوری باید بیش از صفر دقیقه باشد.');
      expect(at('atRiskShare')).toBe('«در خطر» باید بیش از ۰٪ و کمتر از ۱۰۰٪ یک هدف باشد.');
      expect(at('targets.high.resolution')).toBe('هدف حل برای اولویت بالا نباید کوتاه‌تر از هدف نخستین پاسخ آن (۱۲۰ دقیقه) باشد.');
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('says a calendar’s issues in Persian in a Persian window, the weekday by its Persian name', async () => {
    const calendar = structuredClone(defaultCalendars.find((c) => c.weekly.length > 0)!);
    calendar.weekly = [{ day: 1, start: '18:00', end: '09:00' }];
    calendar.holidays = [{ date: '2026-13-40', name: 'x' }];
    expect(issueIndex(localIssues(calendarSchema.safeParse(calendar))).at('weekly.0.end')).toBe('Monday 18:00–09:00 must end after it starts');
    await setLocale('fa', 'arabext');
    try {
      const at = issueIndex(localIssues(calendarSchema.safeParse(calendar))).at;
      expect(at('weekly.0.end')).toBe('بازهٔ دوشنبه از 18:00 تا 09:00 باید پس از آغازش پایان یابد.');
      expect(at('holidays.0.date')).toContain('سال-ماه-روز');
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('finds a time zone by its name in the reader’s language or by its IANA id', async () => {
    const zones = ['UTC', 'Asia/Tehran', 'Europe/London', 'America/New_York'];
    const find = (search: string) => findZone({ options: zones.map((z) => ({ value: z, label: zoneName(z) })), search, limit: 80 }).map((o) => ('value' in o ? o.value : ''));
    expect(find('')).toEqual(zones);
    expect(find('eastern')).toEqual(['America/New_York']);
    expect(find('new york')).toEqual(['America/New_York']);
    expect(find('Europe/Lon')).toEqual(['Europe/London']);
    await setLocale('fa', 'arabext');
    try {
      expect(find('بریتانیا')).toEqual(['Europe/London']);
      expect(find('tehran')).toEqual(['Asia/Tehran']);
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('finds a time zone by its city in Persian: a Persian admin types تهران, not the zone’s name «وقت عادی ایران»', async () => {
    const zones = ['UTC', 'Asia/Tehran', 'Asia/Kabul', 'Europe/London', 'America/Toronto', 'America/New_York'];
    const find = (search: string) => findZone({ options: zones.map((z) => ({ value: z, label: zoneName(z) })), search, limit: 80 }).map((o) => ('value' in o ? o.value : ''));
    await setLocale('fa', 'arabext');
    try {
      expect(find('تهران')).toEqual(['Asia/Tehran']);
      expect(find('کابل')).toEqual(['Asia/Kabul']);
      expect(find('تورنتو')).toEqual(['America/Toronto']);
      expect(find('نیویورک')).toEqual(['America/New_York']);
      // Typed with the Arabic forms of ی and ک, as some keyboards give them.
      expect(find('نيويورك')).toEqual(['America/New_York']);
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('makes ids from names and orders the week as the locale does', () => {
    expect(slugify('Berlin — split shift (Kundendienst)')).toBe('berlin-split-shift-kundendienst');
    expect(weekOrder('en-GB')[0]).toBe(1);
    expect(weekOrder('fa-IR')[0]).toBe(6);
  });

  it('spells a Persian or Arabic name in Latin letters for its id', () => {
    expect(slugify('ساعات کاری تهران')).toBe('saat-kari-thran');
    // ی and و as consonants at a word's start or before a vowel letter, else as vowels; the alef that carries them is silent.
    expect(slugify('ایران یزد روز')).toBe('iran-yzd-ruz');
    expect(slugify('پیام')).toBe('pyam');
    // A final ه after a consonant reads e, after a vowel letter h; the hamza of "خانهٔ" is dropped.
    expect(slugify('بیمهٔ خانه راه')).toBe('bime-khane-rah');
    // Arabic letters (ك, ي, ة), its short vowels and the kashida.
    expect(slugify('مَكتبة عليّ')).toBe('mktbh-ali');
    expect(slugify('ســلام')).toBe('slam');
    // The zero-width non-joiner parts a word like a space.
    expect(slugify('کتاب\u200cها')).toBe('ktab-ha');
  });

  it('keeps Latin words and digits of every script in a mixed name', () => {
    expect(slugify('VIP ویژه — Tehran')).toBe('vip-vizhe-tehran');
    expect(slugify('شیفت ۲ شعبه ۱۲')).toBe('shift-2-shbe-12');
    expect(slugify('Shift ٣ (Riyadh)')).toBe('shift-3-riyadh');
    expect(slugify('Premier 24/7 ۲۴')).toBe('premier-24-7-24');
  });

  it('gives no id for a name with nothing to spell, and never one that ends or starts with a dash', () => {
    expect(slugify('؟! — «»،؛')).toBe('');
    expect(slugify('\u200c')).toBe('');
    expect(slugify('')).toBe('');
    const long = slugify(`${'a'.repeat(47)} بیمه`);
    expect(long).toBe('a'.repeat(47));
    const persianLong = slugify('ساعات کاری دفتر مرکزی شرکت بیمهٔ ایران در تهران و شیراز و اصفهان');
    expect(persianLong.length).toBeLessThanOrEqual(48);
    expect(persianLong).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('sums up a calendar’s week in the reader’s digits, days with the same hours as one stretch', async () => {
    const iran = defaultCalendars.find((c) => c.id === 'iran-official')!;
    expect(hoursSummary(iran)).toMatch(/08:00–17:00; Thu 08:00–13:00$/);
    await setLocale('fa', 'arabext');
    try {
      const said = hoursSummary(iran);
      // Saturday–Wednesday, then Thursday: Persian digits and the Persian semicolon, no Latin digit left.
      expect(said).toBe('شنبه–چهارشنبه ۰۸:۰۰–۱۷:۰۰؛ پنجشنبه ۰۸:۰۰–۱۳:۰۰');
      expect(said).not.toMatch(/[0-9;]/);
      expect(hoursSummary({ weekly: [] })).toBe('تعطیل');
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('names a working week by its first and last day, the week wrapping, in English and Persian', async () => {
    expect(daysLabel([6, 0, 1, 2, 3], 'en-US')).toBe('Saturday–Wednesday');
    expect(daysLabel([1, 2, 3, 4, 5], 'en-US')).toBe('Monday–Friday');
    expect(daysLabel([0, 1, 2, 3, 4], 'en-US', { spoken: true })).toBe('Sunday to Thursday');
    // Days not in a row are listed; one day is its name.
    expect(daysLabel([1, 3, 5], 'en-US')).toBe('Monday, Wednesday, and Friday');
    expect(daysLabel([2], 'en-US')).toBe('Tuesday');
    await setLocale('fa', 'arabext');
    try {
      expect(daysLabel([6, 0, 1, 2, 3], 'fa-IR')).toBe('شنبه تا چهارشنبه');
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('says what a knowledge-base article lacks in Persian, not a bare "check this value"', async () => {
    const empty = { title: ' ', body: '', productLines: [], models: [], segments: [], tags: [], status: 'draft', sourceTicketId: null };
    expect(issueIndex(localIssues(articleInputSchema.safeParse(empty))).at('title')).toBe('Give the article a title of at least 3 characters.');
    await setLocale('fa', 'arabext');
    try {
      const at = issueIndex(localIssues(articleInputSchema.safeParse(empty))).at;
      expect(at('title')).toBe('برای مقاله عنوانی دست‌کم سه‌حرفی بنویسید.');
      expect(at('body')).toBe('متن مقاله را بنویسید.');
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('says a missing name and id once, in our words, and not before anything is typed into a new item', async () => {
    const policy = { ...structuredClone(defaultPolicies[0]!), id: '', name: '' };
    const base = { issues: policyIssues(policy), id: '', name: '', isNew: true, takenIds: ['home-basic'] };
    const fresh = editorIssues({ ...base, tried: false });
    expect(issueIndex(fresh.shown).at('name')).toBeUndefined();
    expect(issueIndex(fresh.shown).at('id')).toBeUndefined();
    // A save is still judged by them.
    expect(issueIndex(fresh.local).at('name')).toBe('Give it a name.');
    const saved = issueIndex(editorIssues({ ...base, tried: true }).shown).at;
    expect(saved('name')).toBe('Give it a name.');
    expect(saved('id')).toBe('Give it an ID (letters, digits and dashes).');
    // A name typed in Persian fills no id: that is said at once, the name is fine.
    const typed = issueIndex(editorIssues({ ...base, issues: policyIssues({ ...policy, name: 'طلایی' }), name: 'طلایی', tried: false }).shown).at;
    expect(typed('name')).toBeUndefined();
    expect(typed('id')).toBe('Give it an ID (letters, digits and dashes).');
    expect(issueIndex(editorIssues({ ...base, id: 'home-basic', name: 'Home', tried: false }).shown).at('id')).toMatch(/already in use/);
    await setLocale('fa', 'arabext');
    try {
      const at = issueIndex(editorIssues({ ...base, tried: true }).shown).at;
      expect(at('name')).toBe('یک نام برایش بنویسید.');
      expect(at('id')).toBe('یک شناسه بدهید (حروف، رقم و خط تیره).');
    } finally {
      await setLocale('en', 'latn');
    }
  });

  it('opens a holiday just added unmarked, and after a save asks for its date instead of quoting an empty one', async () => {
    const london = defaultCalendars.find((c) => c.id === 'std-weekdays')!;
    const added = { ...london, holidays: [...london.holidays, { date: '', name: '' }] };
    const last = `holidays.${london.holidays.length}.date`;
    const issues = localIssues(calendarSchema.safeParse(added));
    // "Add holiday" showed 'Holiday date "" must be YYYY-MM-DD …' in red before a key was pressed.
    expect(issueIndex(holidayIssuesShown(issues, added.holidays, false)).at(last)).toBeUndefined();
    const asked = issueIndex(holidayIssuesShown(issues, added.holidays, true)).at(last);
    expect(asked).toBe('Give the holiday its date, or remove it');
    // Once its name is typed, a missing date is said at once; a wrong one always is.
    const named = { ...added, holidays: [...london.holidays, { date: '', name: 'Staff day' }] };
    expect(issueIndex(holidayIssuesShown(localIssues(calendarSchema.safeParse(named)), named.holidays, false)).at(last)).toBe(asked);
    const wrong = { ...added, holidays: [...london.holidays, { date: '2026-02-30', name: '' }] };
    expect(issueIndex(holidayIssuesShown(localIssues(calendarSchema.safeParse(wrong)), wrong.holidays, false)).at(last)).toMatch(/^Holiday date "2026-02-30" must be/);
    await setLocale('fa', 'arabext');
    try {
      expect(issueIndex(holidayIssuesShown(localIssues(calendarSchema.safeParse(added)), added.holidays, true)).at(last)).toBe(fa['apiError.calendarHolidayNoDate']);
    } finally {
      await setLocale('en', 'latn');
    }
  });
});

describe('a policy the desk refused', () => {
  // The desk checks a policy's shape first and stops there: with a zero target elsewhere, a
  // resolution shorter than its first response was marked as typed, and its message went away
  // when Save was pressed; the admin fixed the fields marked and met a second refusal.
  it('keeps every problem under its field: the desk’s, and the editor’s own for fields the desk did not name', () => {
    const policy = structuredClone(defaultPolicies[0]!);
    policy.targets.urgent.firstResponse = 0;
    policy.targets.high.firstResponse = 120;
    policy.targets.high.resolution = 90;
    const local = policyIssues(policy);
    const desk = localIssues(slaPolicySchema.safeParse(policy));
    expect(desk.map((i) => i.path)).toEqual(['targets.urgent.firstResponse']);
    const shown = serverIssues({ code: 'invalid_input', message: 'Invalid input', issues: [{ path: 'targets.urgent.firstResponse', message: 'said by the desk' }] }, local);
    expect(shown.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'targets.urgent.firstResponse: said by the desk',
      `targets.high.resolution: ${local.find((i) => i.path === 'targets.high.resolution')!.message}`,
    ]);
  });
});
