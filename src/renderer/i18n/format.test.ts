import { afterEach, describe, expect, it } from 'vitest';
import { displayCalendarFor, formatDate, listNumbering, formatDecimal, formatDigits, formatDuration, formatNumber, solarYearsOf, formatPercent, formatUtcDay, localDateHint, zoneName } from './format';
import { setLocale } from './state';

const NOWRUZ_1405 = Date.UTC(2026, 2, 21, 8); // 1 Farvardin 1405

describe('dates and numbers for a Persian reader', () => {
  afterEach(() => setLocale('en', 'latn'));

  it('shows Solar Hijri dates in Persian digits', async () => {
    await setLocale('fa', 'arabext');
    expect(formatDate(NOWRUZ_1405)).toContain('فروردین ۱۴۰۵');
    expect(formatUtcDay(Math.floor(NOWRUZ_1405 / 86_400_000))).toBe('۱ فروردین');
    expect(localDateHint('2026-03-21')).toBe('۱ فروردین ۱۴۰۵');
    expect(displayCalendarFor('gregory')).toBe('persian');
  });

  it('numbers a list in the reader’s digits, as formatNumber writes them', async () => {
    await setLocale('fa', 'arabext');
    expect(listNumbering()).toBe('persian');
    await setLocale('fa', 'latn');
    expect(listNumbering()).toBe('decimal');
    await setLocale('en', 'latn');
    expect(listNumbering()).toBe('decimal');
  });

  it('keeps the Solar Hijri calendar with Latin digits when the user prefers them', async () => {
    await setLocale('fa', 'latn');
    expect(formatDate(NOWRUZ_1405)).toContain('فروردین 1405');
    expect(formatNumber(1234)).toMatch(/^1.?234$/);
  });

  it('writes durations, percentages and zones in Persian words', async () => {
    await setLocale('fa', 'arabext');
    expect(formatDuration((2 * 60 + 5) * 60_000)).toBe('۲ ساعت ۵ دقیقه');
    expect(formatPercent(0.92)).toMatch(/۹۲/);
    // A zone by its name in Persian, never its IANA id.
    expect(zoneName('Asia/Tehran')).toBe('وقت عادی ایران');
    expect(zoneName('Europe/London')).toBe('وقت بریتانیا');
    expect(zoneName('UTC')).toBe('زمان هماهنگ جهانی');
    expect(zoneName('Etc/GMT+5')).toMatch(/^\u200e?−۰۵:۰۰ گرینویچ$/);
    expect(zoneName('Not/AZone')).toBe('Not/AZone');
  });

  it('writes means, years and ranks in the reader’s digits (the CSAT board, calendar years)', async () => {
    await setLocale('fa', 'arabext');
    expect(formatDecimal(4.25, 1)).toBe('۴٫۳');
    expect(formatDecimal(4, 2)).toBe('۴٫۰۰');
    expect(formatDigits(2026)).toBe('۲۰۲۶');
    expect(solarYearsOf(2026)).toBe('۱۴۰۴–۱۴۰۵');
    await setLocale('fa', 'latn');
    expect(formatDecimal(4.25, 1)).toMatch(/^4.3$/);
    await setLocale('en', 'latn');
    expect(formatDecimal(4.25, 1)).toBe('4.3');
    expect(solarYearsOf(2026)).toBeUndefined();
  });

  it('leaves English as it was', async () => {
    await setLocale('en', 'latn');
    expect(formatDate(NOWRUZ_1405)).toBe('Mar 21, 2026');
    expect(formatDuration((2 * 60 + 5) * 60_000)).toBe('2h 5m');
    expect(localDateHint('2026-03-21')).toBeUndefined();
    expect(zoneName('Europe/London')).toBe('United Kingdom Time');
    expect(zoneName('Asia/Tehran')).toBe('Iran Standard Time');
    expect(zoneName('America/New_York')).toBe('Eastern Time');
    expect(zoneName('Etc/UTC')).toBe('UTC');
    expect(zoneName('Etc/GMT+5')).toBe('GMT-05:00');
  });
});
