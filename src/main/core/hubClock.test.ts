import { describe, expect, it } from 'vitest';
import { hubClock } from './desk';

const MIN = 60_000;

/** A computer whose wall clock is `wall`, a monotonic clock `mono`, and a hub whose time is `hub` (an answer takes no time). */
function computer(start: { wall: number; hub: number }) {
  const c = { wall: start.wall, mono: 1_000, hub: start.hub };
  const clocks = hubClock({ now: () => c.wall }, true, () => c.mono);
  const fetch = clocks.fetch(async () => new Response('{}', { headers: { 'x-hub-time': String(c.hub) } }));
  const pass = (ms: number) => {
    c.wall += ms;
    c.mono += ms;
    c.hub += ms;
  };
  return { c, clocks, ask: () => fetch('http://hub.test/sync/pull'), pass };
}

describe('the desk’s clock kept to the hub’s', () => {
  it('follows the hub on a computer 10 minutes fast, and through its clock being set right', async () => {
    const hub = Date.UTC(2026, 11, 7, 9, 0, 0);
    const { c, clocks, ask, pass } = computer({ wall: hub + 10 * MIN, hub });
    expect(clocks.clock.now()).toBe(hub + 10 * MIN);
    await ask();
    expect(clocks.skewMs()).toBe(10 * MIN);
    expect(clocks.clock.now()).toBe(hub);
    pass(MIN);
    expect(clocks.clock.now()).toBe(hub + MIN);
    // Set right, no answer since: no jump.
    c.wall = c.hub;
    expect(clocks.clock.now()).toBe(hub + MIN);
    await ask();
    expect(clocks.skewMs()).toBe(0);
    expect(clocks.clock.now()).toBe(hub + MIN);
  });

  it('after the computer slept (the monotonic clock stood still), the next answer puts it right', async () => {
    const hub = Date.UTC(2026, 11, 7, 9, 0, 0);
    const { c, clocks, ask } = computer({ wall: hub - 24 * 60 * MIN, hub });
    await ask();
    expect(clocks.clock.now()).toBe(hub);
    // An hour asleep: the wall clock and the hub moved on, the monotonic clock did not.
    c.wall += 60 * MIN;
    c.hub += 60 * MIN;
    await ask();
    expect(clocks.clock.now()).toBe(hub + 60 * MIN);
  });
});
