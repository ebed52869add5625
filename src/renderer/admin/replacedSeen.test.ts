import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dismissedReplaced, dismissReplaced, replacedId } from './replacedSeen';

// Omar read that Nadia's later save replaced his change to the Education policy; the notice
// stayed on the SLA settings page for 30 days with no way to put it away. He dismisses it: it
// stays dismissed for him after a reload, and Nadia (another admin) still sees it.

describe('a replaced-change notice dismissed on the SLA settings page', () => {
  const stored = new Map<string, string>();
  beforeEach(() => {
    stored.clear();
    vi.stubGlobal('localStorage', { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v), removeItem: (k: string) => void stored.delete(k) });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const a = replacedId({ won: { eventId: 'e-9' }, path: 'targets.urgent.resolution' });
  const b = replacedId({ won: { eventId: 'e-9' }, path: 'atRiskShare' });

  it('stays dismissed for that person (read again, as after a reload), and only for them', () => {
    expect(a).not.toBe(b);
    expect(dismissedReplaced('omar')).toEqual(new Set());
    expect(dismissReplaced('omar', a, [a, b])).toEqual(new Set([a]));
    expect(dismissedReplaced('omar')).toEqual(new Set([a]));
    expect(dismissedReplaced('nadia')).toEqual(new Set());
    dismissReplaced('omar', b, [a, b]);
    expect(dismissedReplaced('omar')).toEqual(new Set([a, b]));
  });

  it('forgets a notice the list no longer holds (past its 30 days), and survives a store it cannot read', () => {
    dismissReplaced('omar', a, [a, b]);
    dismissReplaced('omar', b, [b]);
    expect(dismissedReplaced('omar')).toEqual(new Set([b]));
    stored.set('tagdesk.sla.replacedDismissed.omar', '{not json');
    expect(dismissedReplaced('omar')).toEqual(new Set());
    vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => { throw new Error('full'); }, removeItem: () => undefined });
    expect(dismissReplaced('omar', a, [a])).toEqual(new Set([a]));
  });
});
