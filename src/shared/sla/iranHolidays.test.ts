import { describe, expect, it } from 'vitest';
import { businessTimeBetween, calendarSchema } from './calendar';
import { defaultCalendars } from './defaults';
import { iranHolidays } from './iranHolidays';

describe('the Iranian example calendar', () => {
  const holidays = iranHolidays(2026, 2026);
  const on = (date: string) => holidays.find((h) => h.date === date)?.name;

  it('puts the solar holidays on their Gregorian dates', () => {
    expect(on('2026-03-21')).toContain('نوروز'); // 1 Farvardin 1405
    expect(on('2026-03-24')).toContain('نوروز'); // 4 Farvardin
    expect(on('2026-04-01')).toBe('روز جمهوری اسلامی'); // 12 Farvardin
    expect(on('2026-04-02')).toBe('روز طبیعت');
    expect(on('2026-06-04')).toContain('رحلت امام خمینی'); // 14 Khordad
    expect(on('2026-02-11')).toBe('پیروزی انقلاب اسلامی'); // 22 Bahman 1404
    expect(on('2026-03-20')).toContain('ملی شدن صنعت نفت'); // 29 Esfand 1404
  });

  it('puts the lunar holidays on Umm al-Qura dates', () => {
    expect(on('2026-05-27')).toBe('عید قربان'); // 10 Dhu al-Hijjah 1447
    expect(holidays.filter((h) => h.name.includes('عید فطر'))).toHaveLength(2);
    expect(holidays.filter((h) => h.name === 'عاشورا')).toHaveLength(1);
  });

  it('closes on the last day of Safar for the martyrdom of Imam Reza, whether Safar has 29 days or 30', () => {
    // Safar 1448 has 30 days on Umm al-Qura: the 30th is Thursday 2026-08-13.
    expect(on('2026-08-13')).toBe('شهادت امام رضا');
    expect(on('2026-08-12')).toBeUndefined();
    // Safar 1449 and 1450 have 29 days: the 29th. One a lunar year, every year shipped.
    const reza = iranHolidays(2026, 2028).filter((h) => h.name === 'شهادت امام رضا');
    expect(reza.map((h) => h.date)).toEqual(['2026-08-13', '2027-08-02', '2028-07-22']);
  });

  it('is a valid calendar on a Saturday-to-Wednesday week, closed on Friday and on holidays', () => {
    const cal = defaultCalendars.find((c) => c.id === 'iran-official');
    expect(cal && calendarSchema.safeParse(cal).success).toBe(true);
    if (!cal) return;
    const tehran = (iso: string) => Date.parse(`${iso}+03:30`);
    // Saturday 2026-05-09: a working day, 9 hours.
    expect(businessTimeBetween(cal, tehran('2026-05-09T00:00:00'), tehran('2026-05-10T00:00:00'))).toBe((9 * 60) * 60_000);
    // Thursday 2026-05-14: five hours; Friday 2026-05-15: closed.
    expect(businessTimeBetween(cal, tehran('2026-05-14T00:00:00'), tehran('2026-05-15T00:00:00'))).toBe((5 * 60) * 60_000);
    expect(businessTimeBetween(cal, tehran('2026-05-15T00:00:00'), tehran('2026-05-16T00:00:00'))).toBe((0) * 60_000);
    // Eid al-Adha, Wednesday 2026-05-27: closed.
    expect(businessTimeBetween(cal, tehran('2026-05-27T00:00:00'), tehran('2026-05-28T00:00:00'))).toBe((0) * 60_000);
  });
});
