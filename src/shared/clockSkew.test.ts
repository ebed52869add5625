import { describe, expect, it } from 'vitest';
import { clockSkewOf, followedOffset, offsetOf } from './clockSkew';

const MIN = 60_000;

describe('a desk’s clock against its hub’s', () => {
  it('takes the middle of the round trip as when the hub read its clock', () => {
    // A desk 10 minutes fast: it sent at 10:10:00.000 and heard at 10:10:00.200; the hub said 10:00:00.100.
    const hub = Date.UTC(2026, 11, 7, 10, 0, 0, 100);
    expect(offsetOf(hub + 10 * MIN - 100, hub + 10 * MIN + 100, String(hub))).toBe(-10 * MIN);
    expect(offsetOf(hub - 24 * 60 * MIN, hub - 24 * 60 * MIN, String(hub))).toBe(24 * 60 * MIN);
  });

  it('measures nothing from an answer without a time, or with one that is not a time', () => {
    expect(offsetOf(1, 2, null)).toBeNull();
    expect(offsetOf(1, 2, '')).toBeNull();
    expect(offsetOf(1, 2, 'Mon, 07 Dec 2026')).toBeNull();
    expect(offsetOf(1, 2, '-5')).toBeNull();
    expect(offsetOf(5, 2, '3')).toBeNull();
  });

  it('follows the hub past a few seconds, and does not wobble with each round trip', () => {
    expect(followedOffset(0, 1_200)).toBe(0);
    expect(followedOffset(0, -10 * MIN)).toBe(-10 * MIN);
    expect(followedOffset(-10 * MIN, -10 * MIN + 300)).toBe(-10 * MIN);
    expect(followedOffset(-10 * MIN, null)).toBe(-10 * MIN);
    // The clock was set right: the desk goes back to its own time.
    expect(followedOffset(-10 * MIN, 800)).toBe(0);
  });

  it('says a clock off by more than 2 minutes, fast or slow, in minutes, hours or days', () => {
    expect(clockSkewOf(null)).toBeNull();
    expect(clockSkewOf(0)).toBeNull();
    expect(clockSkewOf(-2 * MIN)).toBeNull();
    expect(clockSkewOf(-10 * MIN)).toEqual({ direction: 'fast', unit: 'minutes', amount: 10 });
    expect(clockSkewOf(10 * MIN + 20_000)).toEqual({ direction: 'slow', unit: 'minutes', amount: 10 });
    expect(clockSkewOf(3 * 60 * MIN)).toEqual({ direction: 'slow', unit: 'hours', amount: 3 });
    expect(clockSkewOf(24 * 60 * MIN)).toEqual({ direction: 'slow', unit: 'hours', amount: 24 });
    expect(clockSkewOf(-400 * 24 * 60 * MIN)).toEqual({ direction: 'fast', unit: 'days', amount: 400 });
  });
});
