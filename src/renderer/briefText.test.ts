import { afterEach, describe, expect, it, vi } from 'vitest';
import { briefText } from './briefText';

// The shell's hidden sync region kept "Offline, 1 pending" for good, so reading the page line
// by line said the sync state twice (the indicator's, then the region's). It now holds each
// change a few seconds: long enough to be announced, then empty.

describe('a hidden live region holds a changed text only briefly', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows each new text, then empties it after the hold', () => {
    vi.useFakeTimers();
    const shown: string[] = [];
    const brief = briefText((text) => shown.push(text), 5_000);
    brief.say('Offline, 1 pending');
    expect(shown).toEqual(['Offline, 1 pending']);
    vi.advanceTimersByTime(4_999);
    expect(shown).toEqual(['Offline, 1 pending']);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['Offline, 1 pending', '']);
  });

  it('says a change at once, held anew from then; the same text said again is not repeated', () => {
    vi.useFakeTimers();
    const shown: string[] = [];
    const brief = briefText((text) => shown.push(text), 5_000);
    brief.say('Offline, 1 pending');
    vi.advanceTimersByTime(3_000);
    brief.say('Online');
    expect(shown.at(-1)).toBe('Online');
    vi.advanceTimersByTime(3_000);
    // The first text's emptying was cancelled: the second is still there.
    expect(shown.at(-1)).toBe('Online');
    brief.say('Online');
    vi.advanceTimersByTime(2_000);
    expect(shown).toEqual(['Offline, 1 pending', 'Online', '']);
    // Emptied and unchanged since: nothing to say.
    brief.say('Online');
    expect(shown).toEqual(['Offline, 1 pending', 'Online', '']);
    brief.say('Offline');
    expect(shown.at(-1)).toBe('Offline');
  });

  it('says nothing for no text, and a stopped one leaves the text to the next say', () => {
    vi.useFakeTimers();
    const shown: string[] = [];
    const brief = briefText((text) => shown.push(text), 5_000);
    brief.say('Offline');
    brief.stop();
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual(['Offline']);
    brief.say('Offline');
    expect(shown).toEqual(['Offline', 'Offline']);
    brief.say('');
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual(['Offline', 'Offline', '']);
  });
});
