import { describe, expect, it } from 'vitest';
import { RESUME_MAX_MS, resumeSecrets } from './resumeSecrets';

// A window's resume secret (the desk-side store): random, found only by itself, ending with the
// hub session or a shift, whichever comes first, forgotten on demand, and bounded.

function manualClock(start: number) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('resume secrets', () => {
  it('are 32 random bytes in base64url, found by themselves only, and kept as a hash', () => {
    const clock = manualClock(1_000_000);
    const store = resumeSecrets(clock.now);
    const a = store.issue('ava', clock.now() + 60_000);
    const b = store.issue('ava', clock.now() + 60_000);
    expect(a.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.secret).not.toBe(b.secret);
    expect(a.entry.id).not.toContain(a.secret);
    expect(store.find(a.secret)).toEqual(a.entry);
    expect(store.find(b.secret)?.id).toBe(b.entry.id);
    expect(store.find(a.secret.slice(0, -1) + (a.secret.endsWith('A') ? 'B' : 'A'))).toBeNull();
    expect(store.find('')).toBeNull();
  });

  it('end with the hub session they were issued with, or a shift after sign-in when that comes first', () => {
    const clock = manualClock(1_000_000);
    const store = resumeSecrets(clock.now);
    const short = store.issue('ava', clock.now() + 60 * 60_000);
    const long = store.issue('sam', clock.now() + 7 * 24 * 60 * 60_000);
    const offline = store.issue('ben', null);
    expect(short.entry).toMatchObject({ expiresAt: clock.now() + 60 * 60_000, withHubSession: true });
    expect(offline.entry).toMatchObject({ expiresAt: clock.now() + RESUME_MAX_MS, withHubSession: false });
    clock.advance(60 * 60_000 - 1);
    expect(store.find(short.secret)).not.toBeNull();
    clock.advance(1);
    expect(store.find(short.secret)).toBeNull();
    clock.advance(RESUME_MAX_MS - 60 * 60_000 - 1);
    expect(store.find(long.secret)).not.toBeNull();
    expect(store.find(offline.secret)).not.toBeNull();
    clock.advance(1);
    expect(store.find(long.secret)).toBeNull();
    expect(store.find(offline.secret)).toBeNull();
    expect(store.size()).toBe(0);
  });

  it('are forgotten one by one or all of a person’s at once', () => {
    const clock = manualClock(0);
    const store = resumeSecrets(clock.now);
    const a = store.issue('ava', null);
    const a2 = store.issue('ava', null);
    const s = store.issue('sam', null);
    store.forget(a.entry.id);
    expect(store.find(a.secret)).toBeNull();
    expect(store.find(a2.secret)).not.toBeNull();
    store.forgetUser('ava');
    expect(store.find(a2.secret)).toBeNull();
    expect(store.find(s.secret)).not.toBeNull();
    // Ended by the hub because Sam was deactivated: his window, back, is told that (not "sign in again").
    store.forgetUser('sam', 'deactivated');
    expect(store.find(s.secret)).toMatchObject({ userId: 'sam', deactivated: true });
  });

  it('keep at most their limit: expired ones go first, then the oldest', () => {
    const clock = manualClock(0);
    const store = resumeSecrets(clock.now, 3);
    const old = store.issue('a', 10);
    const first = store.issue('b', null);
    const second = store.issue('c', null);
    clock.advance(10);
    store.issue('d', null);
    expect(store.size()).toBe(3);
    expect(store.find(old.secret)).toBeNull();
    expect(store.find(first.secret)).not.toBeNull();
    const last = store.issue('e', null);
    expect(store.size()).toBe(3);
    expect(store.find(first.secret)).toBeNull();
    expect(store.find(second.secret)).not.toBeNull();
    expect(store.find(last.secret)).not.toBeNull();
  });
});
