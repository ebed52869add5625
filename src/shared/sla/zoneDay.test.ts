import { describe, expect, it } from 'vitest';
import { zoneDay, zoneDayOf } from './calendar';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const days = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

describe('zoneDay: a centre\'s day in its own time zone', () => {
  it('starts a Tehran day at local midnight, 20:30 UTC the evening before (no DST since 2022)', () => {
    // 02:00 Tehran on 7 December is 22:30 UTC on the 6th: already the 7th there.
    const d = zoneDay(at('2026-12-06T22:30:00Z'), 'Asia/Tehran');
    expect(d.day).toBe(days('2026-12-07'));
    expect(d.start).toBe(at('2026-12-06T20:30:00Z'));
    expect(d.end - d.start).toBe(24 * H);
  });

  it('keeps a New York evening on its own day, not on tomorrow\'s UTC day', () => {
    // 19:30 New York on 7 December is 00:30 UTC on the 8th.
    const d = zoneDay(at('2026-12-08T00:30:00Z'), 'America/New_York');
    expect(d.day).toBe(days('2026-12-07'));
    expect(d.start).toBe(at('2026-12-07T05:00:00Z'));
    expect(d.end).toBe(at('2026-12-08T05:00:00Z'));
  });

  it('makes New York\'s spring-forward day 23 hours and its fall-back day 25', () => {
    const spring = zoneDayOf(days('2026-03-08'), 'America/New_York');
    expect(spring.start).toBe(at('2026-03-08T05:00:00Z'));
    expect(spring.end).toBe(at('2026-03-09T04:00:00Z'));
    const fall = zoneDayOf(days('2026-11-01'), 'America/New_York');
    expect(fall.start).toBe(at('2026-11-01T04:00:00Z'));
    expect(fall.end - fall.start).toBe(25 * H);
    // 23:30 local on the fall-back day (04:30 UTC the next day) still counts on it.
    expect(zoneDay(at('2026-11-02T04:30:00Z'), 'America/New_York').day).toBe(days('2026-11-01'));
  });

  it('follows Tehran\'s old DST too (2021: clocks forward on 22 March)', () => {
    const d = zoneDayOf(days('2021-03-22'), 'Asia/Tehran');
    expect(d.start).toBe(at('2021-03-21T20:30:00Z'));
    expect(d.end).toBe(at('2021-03-22T19:30:00Z'));
  });

  it('starts the day after a gap that skips midnight at the first hour there is (Santiago, September)', () => {
    // Chile's clocks go from 00:00 to 01:00 on the first Sunday of September (2026-09-06).
    const d = zoneDayOf(days('2026-09-06'), 'America/Santiago');
    expect(d.start).toBe(at('2026-09-06T04:00:00Z'));
    expect(zoneDay(d.start, 'America/Santiago').day).toBe(days('2026-09-06'));
    expect(zoneDay(d.start - 1, 'America/Santiago').day).toBe(days('2026-09-05'));
  });

  it('is the UTC day in UTC', () => {
    expect(zoneDay(at('2026-12-07T23:59:59Z'), 'UTC')).toEqual({ day: days('2026-12-07'), start: at('2026-12-07T00:00:00Z'), end: at('2026-12-08T00:00:00Z') });
  });
});
