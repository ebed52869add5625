import { afterEach, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fa } from '../i18n/fa';
import { setLocale } from '../i18n/state';
import { holidayName, slaEditorTitle, slaName, slaSavedMessage, slaUsedBy, SHIPPED_HOLIDAY_NAMES, SHIPPED_NAMES, storedHolidayName, storedSlaName } from './shippedNames';

afterEach(() => setLocale('en', 'latn'));

describe('the names of the shipped SLA policies and calendars', () => {
  it('are said in the reader’s language while an admin has not renamed them', async () => {
    await setLocale('fa', 'arabext');
    expect(slaName('policy', { id: 'home-basic', name: 'Home basic' })).toBe('خانگی، پایه');
    expect(slaName('calendar', { id: '24x7', name: 'Around the clock' })).toBe('شبانه‌روزی');
    await setLocale('en', 'latn');
    expect(slaName('policy', { id: 'home-basic', name: 'Home basic' })).toBe('Home basic');
  });

  it('are said in the reader’s language in the notice once saved and in a calendar’s "used by"', async () => {
    // A Persian admin saved the London calendar and read «تقویم «Weekdays 08:00–18:00 (London)» ذخیره شد.»
    await setLocale('fa', 'arabext');
    const london = { id: 'std-weekdays', name: 'Weekdays 08:00–18:00 (London)' };
    // (A value is isolated in the sentence: U+2068 … U+2069.)
    const plain = (s: string) => s.replace(/[\u2068\u2069]/g, '');
    expect(plain(slaSavedMessage('calendar', london))).toBe(fa['slaEdit.calendarSaved'].replace('{name}', fa['slaName.calendar.stdWeekdays']));
    expect(plain(slaSavedMessage('policy', { id: 'government-premier', name: 'Government premier' }))).toBe(fa['slaEdit.policySaved'].replace('{name}', fa['slaName.policy.governmentPremier']));
    const usedBy = slaUsedBy([{ id: 'home-basic', name: 'Home basic' }, { id: 'my-own', name: 'After hours' }]);
    expect(usedBy).toContain(fa['slaName.policy.homeBasic']);
    expect(usedBy).toContain('After hours');
    expect(usedBy).not.toContain('Home basic');
    // Renamed, it is named as typed.
    expect(slaSavedMessage('calendar', { ...london, name: 'London office' })).toContain('London office');
    await setLocale('en', 'latn');
    expect(plain(slaSavedMessage('calendar', london))).toBe('Calendar “Weekdays 08:00–18:00 (London)” saved.');
  });

  it('are shown as typed once renamed, and a policy an admin made keeps its name', async () => {
    await setLocale('fa', 'arabext');
    expect(slaName('policy', { id: 'home-basic', name: 'Home (after-hours line)' })).toBe('Home (after-hours line)');
    expect(slaName('calendar', { id: 'berlin', name: 'Berlin Mo–Fr' })).toBe('Berlin Mo–Fr');
  });

  it('has every shipped one named in English as the data names it, and in Persian in Persian', async () => {
    for (const item of SHIPPED_NAMES) {
      await setLocale('en', 'latn');
      expect(slaName(item.kind, item), item.id).toBe(item.name);
      await setLocale('fa', 'arabext');
      const said = slaName(item.kind, item);
      expect(said, item.id).not.toBe(item.name);
      expect(said, item.id).toMatch(/[\u0600-\u06ff]/);
    }
    expect(Object.keys(en).filter((k) => k.startsWith('slaName.'))).toEqual(Object.keys(fa).filter((k) => k.startsWith('slaName.')));
  });
});

describe('the heading of a policy’s or calendar’s editor', () => {
  it('names a shipped one as the SLA settings list does, in the reader’s language', async () => {
    await setLocale('fa', 'arabext');
    const policy = slaEditorTitle('policy', { id: 'education-standard', name: 'Education standard' });
    expect(policy).toContain(slaName('policy', { id: 'education-standard', name: 'Education standard' }));
    expect(policy).not.toContain('Education standard');
    expect(slaEditorTitle('calendar', { id: '24x7', name: 'Around the clock' })).toContain('شبانه‌روزی');
    // Renamed, it is shown as typed; a new one has its own heading.
    expect(slaEditorTitle('calendar', { id: 'berlin', name: 'Berlin Mo–Fr' })).toContain('Berlin Mo–Fr');
    expect(slaEditorTitle('policy', null)).toBe(fa['slaEdit.newPolicy']);
    await setLocale('en', 'latn');
    expect(slaEditorTitle('policy', { id: 'education-standard', name: 'Education standard' })).toBe('Policy: Education standard');
  });
});

describe('the holidays of the shipped calendars', () => {
  it('are named in the reader’s language: Nowruz in Persian on a Persian screen, Iran’s official holidays in English on an English one', async () => {
    // The Tehran calendar's Nowruz read "Nowruz (day 1)" on a Persian screen, and the Iran
    // calendar's "عاشورا" on an English one.
    await setLocale('fa', 'arabext');
    expect(holidayName('tehran', 'Nowruz (day 1)')).toBe('نوروز (روز اول)');
    expect(holidayName('std-weekdays', 'Boxing Day')).toBe(fa['slaHoliday.boxingDay']);
    expect(holidayName('iran-official', 'روز طبیعت')).toBe('روز طبیعت (سیزده‌بدر)');
    await setLocale('en', 'latn');
    expect(holidayName('iran-official', 'عاشورا')).toBe('Ashura');
    expect(holidayName('tehran', 'Nowruz (day 1)')).toBe('Nowruz (day 1)');
    // Two on one day, joined as the reader joins a list.
    const joined = SHIPPED_HOLIDAY_NAMES.find((h) => h.name === 'نوروز، عید فطر')!;
    expect(holidayName(joined.calendarId, joined.name)).toBe('Nowruz, Eid al-Fitr');
  });

  it('are shown as typed once edited, or in a calendar an admin made', async () => {
    await setLocale('en', 'latn');
    expect(holidayName('iran-official', 'عاشورای حسینی')).toBe('عاشورای حسینی');
    expect(holidayName('berlin', 'عاشورا')).toBe('عاشورا');
    expect(holidayName('tehran', 'Boxing Day')).toBe('Boxing Day');
  });

  it('each has its name in English and in Persian', async () => {
    for (const h of SHIPPED_HOLIDAY_NAMES) {
      await setLocale('en', 'latn');
      expect(holidayName(h.calendarId, h.name), h.name).toMatch(/^[^\u0600-\u06ff]+$/);
      await setLocale('fa', 'arabext');
      expect(holidayName(h.calendarId, h.name), h.name).toMatch(/^[^A-Za-z]+$/);
    }
  });
});

describe('what a Name field holds, saved', () => {
  it('is the shipped name while left as shown, so it stays in each reader’s language; what an admin typed is saved as typed', async () => {
    await setLocale('fa', 'arabext');
    expect(storedSlaName('calendar', '24x7', slaName('calendar', { id: '24x7', name: 'Around the clock' }))).toBe('Around the clock');
    expect(storedSlaName('calendar', '24x7', 'شبانه‌روزی پشتیبانی')).toBe('شبانه‌روزی پشتیبانی');
    expect(storedSlaName('policy', 'home-basic', fa['slaName.policy.homeBasic'])).toBe('Home basic');
    expect(storedSlaName('policy', 'my-own', fa['slaName.policy.homeBasic'])).toBe(fa['slaName.policy.homeBasic']);
    expect(storedHolidayName('tehran', 'نوروز (روز دوم)')).toBe('Nowruz (day 2)');
    expect(storedHolidayName('tehran', 'نوروز (روز دوم) در تهران')).toBe('نوروز (روز دوم) در تهران');
    await setLocale('en', 'latn');
    expect(storedHolidayName('iran-official', 'Ashura')).toBe('عاشورا');
    for (const h of SHIPPED_HOLIDAY_NAMES) expect(storedHolidayName(h.calendarId, holidayName(h.calendarId, h.name))).toBe(h.name);
  });
});
