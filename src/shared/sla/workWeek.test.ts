import { describe, expect, it } from 'vitest';
import { defaultCalendars } from './defaults';
import { workingDaysOf } from './workWeek';

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
