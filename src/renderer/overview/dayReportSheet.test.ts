import { describe, expect, it } from 'vitest';
import type { DayReport } from '../../shared/api';
import { dayReportSheet } from './dayReportSheet';

const report: DayReport = {
  now: Date.UTC(2026, 11, 7, 15, 30),
  day: 20_794,
  dayStart: Date.UTC(2026, 11, 7),
  timeZone: 'UTC',
  queues: [
    { segment: 'government', tier: 1, opened: 12, resolved: 9, breached: 2, firstResponse: { met: 10, total: 11 }, resolution: { met: 8, total: 9 }, csat: { n: 3, sum: 13 } },
    { segment: 'small_business', tier: 2, opened: 0, resolved: 0, breached: 0, firstResponse: { met: 0, total: 0 }, resolution: { met: 0, total: 0 }, csat: { n: 0, sum: 0 } },
  ],
  people: [{ userId: 'u1', name: '=Sam, Rivera', resolved: 4, escalated: 1, open: 7 }],
};
const col = (k: string) => `«${k}»`;
const words = {
  col: new Proxy({} as Record<string, string>, { get: (_t, k) => col(String(k)) }) as never,
  segment: (s: string) => `seg:${s}`,
  tier: (t: number) => `tier ${t}`,
};

describe('the day report as CSV', () => {
  it('says the day and its time zone, then each queue and each person, headings in the reader’s words', () => {
    const csv = dayReportSheet(report, words);
    expect(csv.startsWith('\ufeff')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['«day»,2026-12-07', '«timeZone»,UTC', '«until»,2026-12-07 15:30']);
    expect(lines[4]).toBe('«segment»,«tier»,«opened»,«resolved»,«breached»,«firstResponse»,«firstResponseTotal»,«resolution»,«resolutionTotal»,«csatMean»,«csatCount»');
    expect(lines[5]).toBe('seg:government,tier 1,12,9,2,10,11,8,9,4.33,3');
    // No scores: no mean, not 0 or NaN.
    expect(lines[6]).toBe('seg:small_business,tier 2,0,0,0,0,0,0,0,,0');
    expect(lines[8]).toBe('«person»,«resolved»,«escalated»,«openNow»');
    // A name a spreadsheet would run as a formula is quoted and escaped.
    expect(lines[9]).toBe('"\'=Sam, Rivera",4,1,7');
  });

  it('writes the day and the time on the centre\'s clock, not UTC\'s', () => {
    // 00:30 on 8 December in Tehran is 21:00 UTC on the 7th.
    const tehran: DayReport = { ...report, now: Date.UTC(2026, 11, 7, 21), day: 20_795, dayStart: Date.UTC(2026, 11, 7, 20, 30), timeZone: 'Asia/Tehran' };
    const lines = dayReportSheet(tehran, words).slice(1).split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['«day»,2026-12-08', '«timeZone»,Asia/Tehran', '«until»,2026-12-08 00:30']);
  });
});
