import { describe, expect, it } from 'vitest';
import { defaultCalendars } from './defaults';
import { copyDayHours, workingDaysOf } from './workWeek';

const sorted = (days: readonly number[]) => [...days].sort();

describe('the working week a new calendar starts with', () => {
  it('is Saturday to Wednesday in Tehran, the days of the shipped Iran calendars at full length', () => {
    expect(sorted(workingDaysOf('Asia/Tehran'))).toEqual([0, 1, 2, 3, 6]);
    for (const id of ['tehran', 'iran-official']) {
      const shipped = defaultCalendars.find((c) => c.id === id);
      const fullDays = new Set(shipped?.weekly.filter((w) => w.end >= '16:00').map((w) => w.day));
      expect(sorted([...fullDays])).toEqual(sorted(workingDaysOf('Asia/Tehran')));
    }
  });

  it('is Sunday to Thursday where the weekend is Friday and Saturday', () => {
    for (const zone of ['Asia/Riyadh', 'Asia/Kuwait', 'Asia/Qatar', 'Africa/Cairo', 'Asia/Jerusalem']) expect(sorted(workingDaysOf(zone))).toEqual([0, 1, 2, 3, 4]);
  });

  it('is Monday to Friday elsewhere, Dubai included (the UAE rests on Saturday and Sunday since 2022)', () => {
    for (const zone of ['Asia/Dubai', 'Europe/London', 'UTC', 'America/New_York', 'Not/AZone']) expect(sorted(workingDaysOf(zone))).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('copying a day’s hours to the working days', () => {
  it('copies Saturday’s hours of a Tehran calendar to Saturday–Wednesday, leaving Thursday’s half day and Friday', () => {
    const iran = defaultCalendars.find((c) => c.id === 'iran-official')!;
    const weekly = iran.weekly.map((w) => (w.day === 6 ? { ...w, end: '15:30' } : w));
    const copied = copyDayHours(weekly, 6, workingDaysOf('Asia/Tehran'));
    for (const day of [6, 0, 1, 2, 3]) expect(copied.filter((w) => w.day === day).map((w) => `${w.start}-${w.end}`)).toEqual(['08:00-15:30']);
    expect(copied.filter((w) => w.day === 4).map((w) => `${w.start}-${w.end}`)).toEqual(['08:00-13:00']);
    expect(copied.some((w) => w.day === 5)).toBe(false);
  });

  it('copies a split shift whole, replacing each target day’s own hours', () => {
    const weekly = [
      { day: 1, start: '08:00', end: '12:00' },
      { day: 1, start: '13:00', end: '17:00' },
      { day: 2, start: '10:00', end: '11:00' },
      { day: 6, start: '09:00', end: '12:00' },
    ];
    const copied = copyDayHours(weekly, 1, [1, 2, 3]);
    expect(copied.filter((w) => w.day === 2 || w.day === 3).map((w) => `${w.day} ${w.start}-${w.end}`).sort()).toEqual(['2 08:00-12:00', '2 13:00-17:00', '3 08:00-12:00', '3 13:00-17:00']);
    expect(copied.filter((w) => w.day === 1 || w.day === 6)).toEqual([weekly[0], weekly[1], weekly[3]]);
  });
});
