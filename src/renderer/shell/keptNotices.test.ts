import { describe, expect, it } from 'vitest';
import { BURST_SHOWN, KEEP_MS, comeBack, emptyStore, keepOnLeave, parseStore, type NoticeSource, type OpenKept } from './keptNotices';

// One window, people in turn: Sam (a tier-2 specialist) is warned of a breach, Ava takes the
// window, then Sam signs in again.

const SAM = 'u-sam';
const AVA = 'u-ava';
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 5, 9, 0);

const breach = (n: number): NoticeSource => ({ kind: 'breach', ticketId: `t-${n}`, number: `T-00078${n}`, target: 'resolution', tier: 2, segment: 'government', mine: true });
const escalation = (n: number): NoticeSource => ({ kind: 'escalation', ticketId: `t-${n}`, number: `T-00078${n}`, bySla: true, tier: 2, segment: 'government' });
const open = (at: number, source: NoticeSource): OpenKept => ({ at, source });

describe('notices kept for the person who left the window', () => {
  it("Sam's undismissed breach comes back when he signs in after Ava; Ava never sees it", () => {
    const afterSam = keepOnLeave(emptyStore(), SAM, [open(T0, breach(1))], null, T0 + 60_000);
    const ava = comeBack(afterSam, AVA, T0 + 2 * 60_000);
    expect(ava.shown).toEqual([]);
    expect(ava.more).toBe(0);
    // Ava leaves with nothing open: Sam's notice is still kept.
    const afterAva = keepOnLeave(ava.store, AVA, [], null, T0 + 10 * 60_000);
    const sam = comeBack(afterAva, SAM, T0 + 11 * 60_000);
    expect(sam.shown.map((n) => n.source)).toEqual([breach(1)]);
    expect(sam.more).toBe(0);
    // It is on his screen again, no longer in the store: a second sign-in does not repeat it.
    expect(comeBack(sam.store, SAM, T0 + 12 * 60_000).shown).toEqual([]);
  });

  it('a notice Sam dismissed does not come back (it was not open when he left)', () => {
    // Sam had two; he closed the escalation before switching user, so only the breach is open.
    const store = keepOnLeave(emptyStore(), SAM, [open(T0, breach(1))], null, T0 + HOUR);
    expect(comeBack(store, SAM, T0 + 2 * HOUR).shown.map((n) => n.source.kind)).toEqual(['breach']);
    // Back on his screen, he dismisses it and leaves again: nothing is kept.
    const back = comeBack(store, SAM, T0 + 2 * HOUR);
    const again = keepOnLeave(back.store, SAM, [], null, T0 + 3 * HOUR);
    expect(comeBack(again, SAM, T0 + 4 * HOUR).shown).toEqual([]);
  });

  it('a kept notice older than 12 h is dropped rather than shown', () => {
    const store = keepOnLeave(emptyStore(), SAM, [open(T0, breach(1)), open(T0 + 2 * HOUR, escalation(2))], { count: 4, at: T0 }, T0 + 3 * HOUR);
    const late = comeBack(store, SAM, T0 + KEEP_MS + HOUR);
    expect(late.shown.map((n) => n.source)).toEqual([escalation(2)]);
    expect(late.more).toBe(0);
    expect(late.store).toEqual(emptyStore());
  });

  it('come back newest first, as many as a burst shows; the rest and an open summary fold into one', () => {
    const many = [1, 2, 3, 4, 5].map((n) => open(T0 + n * 60_000, n % 2 ? breach(n) : escalation(n)));
    const store = keepOnLeave(emptyStore(), SAM, many, { count: 6, at: T0 }, T0 + HOUR);
    const back = comeBack(store, SAM, T0 + 2 * HOUR);
    expect(back.shown.map((n) => n.source.ticketId)).toEqual(['t-5', 't-4', 't-3']);
    expect(back.shown).toHaveLength(BURST_SHOWN);
    expect(back.more).toBe(2 + 6);
  });

  it('survives a reload as JSON, and a store of another shape is read as empty', () => {
    const store = keepOnLeave(emptyStore(), SAM, [open(T0, breach(1))], null, T0);
    expect(parseStore(JSON.stringify(store))).toEqual(store);
    expect(parseStore('{"notices":[{"userId":1}]}')).toEqual(emptyStore());
    expect(parseStore('not json')).toEqual(emptyStore());
    expect(parseStore(null)).toEqual(emptyStore());
  });
});
