import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalescer } from './coalesce';

describe('coalescing live refetches', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('acts on the first change of a quiet moment at once', () => {
    const run = vi.fn();
    const c = coalescer(run, 150);
    c.trigger();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs a burst once more at the end of the window, and never more often than the window', () => {
    const run = vi.fn();
    const c = coalescer(run, 150);
    for (let i = 0; i < 10; i++) {
      c.trigger();
      vi.advanceTimersByTime(10);
    }
    // At 0 ms, then once at 150 ms for the other nine.
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(50);
    expect(run).toHaveBeenCalledTimes(2);
    // A burst that goes on: one run per window.
    for (let i = 0; i < 30; i++) {
      c.trigger();
      vi.advanceTimersByTime(10);
    }
    expect(run.mock.calls.length).toBeLessThanOrEqual(2 + 3);
    vi.advanceTimersByTime(500);
    const after = run.mock.calls.length;
    c.trigger();
    expect(run).toHaveBeenCalledTimes(after + 1);
  });

  it('drops a waiting run when cancelled', () => {
    const run = vi.fn();
    const c = coalescer(run, 150);
    c.trigger();
    c.trigger();
    c.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
