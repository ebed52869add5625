import { describe, expect, it } from 'vitest';
import { centreWeek, centreWeeks, firstDayOfWeek } from './centreWeek';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');

describe("the centre's week", () => {
  it('starts on Saturday in Iran, Sunday in the United States, Monday in Europe and in UTC', () => {
    expect(firstDayOfWeek('Asia/Tehran')).toBe(6);
    expect(firstDayOfWeek('Iran')).toBe(6);
    expect(firstDayOfWeek('America/New_York')).toBe(0);
    expect(firstDayOfWeek('US/Pacific')).toBe(0);
    expect(firstDayOfWeek('Asia/Kolkata')).toBe(0);
    expect(firstDayOfWeek('Europe/Berlin')).toBe(1);
    expect(firstDayOfWeek('Europe/London')).toBe(1);
    expect(firstDayOfWeek('UTC')).toBe(1);
  });

  it("holds Monday 01:00 in Tehran in the week from Saturday 00:00 Tehran (not the UTC week before)", () => {
    // Monday 30 November 2026, 01:00 in Tehran (UTC+03:30) is Sunday 21:30 UTC.
    const w = centreWeek(Date.UTC(2026, 10, 29, 21, 30), 'Asia/Tehran');
    expect(iso(w.start)).toBe('2026-11-27T20:30:00Z');
    expect(iso(w.end)).toBe('2026-12-04T20:30:00Z');
    expect(iso(w.day * DAY_MS)).toBe('2026-11-28T00:00:00Z');
    // The instant before Saturday midnight in Tehran is the week before.
    expect(iso(centreWeek(w.start - 1, 'Asia/Tehran').day * DAY_MS)).toBe('2026-11-21T00:00:00Z');
  });

  it('runs from Sunday midnight in New York, across a change of the clocks', () => {
    // Wednesday 4 November 2026; the clocks went back on Sunday 1 November.
    const w = centreWeek(Date.UTC(2026, 10, 4, 15), 'America/New_York');
    expect(iso(w.start)).toBe('2026-11-01T04:00:00Z');
    expect(iso(w.end)).toBe('2026-11-08T05:00:00Z');
    const weeks = centreWeeks(Date.UTC(2026, 10, 4, 15), 3, 'America/New_York');
    expect(weeks.map((x) => iso(x.day * DAY_MS).slice(0, 10))).toEqual(['2026-10-18', '2026-10-25', '2026-11-01']);
    expect(weeks[1]!.end).toBe(weeks[2]!.start);
  });

  it("agrees with this runtime's week data (Intl.Locale getWeekInfo) for every zone of every region", () => {
    type WeekLocale = Intl.Locale & { getTimeZones?(): string[] | undefined; getWeekInfo?(): { firstDay: number } };
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    let zones = 0;
    const differ: string[] = [];
    for (const a of letters) {
      for (const b of letters) {
        const region = new Intl.Locale(`und-${a}${b}`) as WeekLocale;
        const zonesOf = region.getTimeZones?.() ?? [];
        if (zonesOf.length === 0) continue;
        const first = (region.getWeekInfo?.().firstDay ?? 1) % 7;
        for (const zone of zonesOf) {
          zones++;
          if (firstDayOfWeek(zone) !== first) differ.push(`${zone} (${a}${b}): ${firstDayOfWeek(zone)}, Intl ${first}`);
        }
      }
    }
    expect(differ).toEqual([]);
    expect(zones).toBeGreaterThan(400);
  });
});
