import { describe, expect, it } from 'vitest';
import { PERSIAN_WEEK, addMonths, isoToJalali, jalaliToIso, monthGrid, parseJalali, weekdayOf } from './jalali';

describe('Jalali date fields store ISO dates', () => {
  it('reads the day a Persian agent types, in any digits, as the same ISO date', () => {
    expect(parseJalali('1405/01/01')).toBe('2026-03-21'); // Nowruz
    expect(parseJalali('۱۴۰۵/۱/۱۵')).toBe('2026-04-04');
    expect(parseJalali('١٤٠٤-١٢-٢٩')).toBe('2026-03-20'); // Arabic-Indic digits, dashes
    expect(parseJalali(' 1403 10 11 ')).toBe('2024-12-31');
  });

  it('refuses what is not a real Jalali day, so the field can say so', () => {
    expect(parseJalali('1404/12/30')).toBeNull(); // 1404 is not a leap year
    expect(parseJalali('1403/12/30')).toBe('2025-03-20'); // 1403 is
    expect(parseJalali('1405/13/01')).toBeNull();
    expect(parseJalali('1405/07/31')).toBeNull(); // Mehr has 30 days
    expect(parseJalali('2026-03-21')).toBeNull(); // a Gregorian year typed by mistake
    expect(parseJalali('۱۴۰۵/۱')).toBeNull();
    expect(parseJalali('')).toBeNull();
  });

  it('shows a stored ISO date as its Jalali day and back', () => {
    expect(isoToJalali('2026-03-21')).toEqual({ jy: 1405, jm: 1, jd: 1 });
    expect(isoToJalali('2026-02-30')).toBeNull();
    expect(isoToJalali('2026-3-21')).toBeNull();
    for (const iso of ['2024-03-20', '2025-03-21', '2026-09-22', '2027-01-01']) expect(jalaliToIso(isoToJalali(iso)!)).toBe(iso);
  });

  it('lays a month out in Saturday-first weeks', () => {
    // 1 Farvardin 1405 is a Saturday: the first cell of the first week.
    expect(weekdayOf({ jy: 1405, jm: 1, jd: 1 })).toBe(6);
    const farvardin = monthGrid(1405, 1);
    expect(farvardin[0]![0]).toEqual({ jy: 1405, jm: 1, jd: 1 });
    expect(farvardin.flat().filter(Boolean)).toHaveLength(31);
    // Every cell sits under its own weekday.
    for (const week of monthGrid(1405, 7)) week.forEach((d, i) => d && expect(weekdayOf(d)).toBe(PERSIAN_WEEK[i]));
    expect(monthGrid(1404, 12).flat().filter(Boolean)).toHaveLength(29);
  });

  it('steps months across years', () => {
    expect(addMonths(1404, 12, 1)).toEqual({ jy: 1405, jm: 1 });
    expect(addMonths(1405, 1, -1)).toEqual({ jy: 1404, jm: 12 });
    expect(addMonths(1405, 6, 14)).toEqual({ jy: 1406, jm: 8 });
  });
});
