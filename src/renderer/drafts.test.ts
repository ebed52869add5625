import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { draftsBelongTo, dropDraft, keptDraft, patchDraft } from './drafts';

// A tab's sessionStorage, as the browser keeps it.
function storage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe('drafts at a desk people take turns at', () => {
  beforeAll(() => vi.stubGlobal('sessionStorage', storage()));
  afterAll(() => {
    draftsBelongTo(null);
    vi.unstubAllGlobals();
  });

  it('are each person’s own: the next one signed in starts empty, and the first finds hers again', () => {
    draftsBelongTo('ava');
    patchDraft('newTicket.c1', { subject: 'Screen dead after update', assetId: 'a1' });
    draftsBelongTo('sam');
    // Sam, signed in after "Switch user" at the same desk, was handed Ava's ticket to create.
    expect(keptDraft('newTicket.c1')).toBeNull();
    patchDraft('newTicket.c1', { assetId: 'a2' });
    expect(keptDraft('newTicket.c1')).toEqual({ assetId: 'a2' });
    draftsBelongTo('ava');
    expect(keptDraft('newTicket.c1')).toEqual({ subject: 'Screen dead after update', assetId: 'a1' });
    dropDraft('newTicket.c1');
    expect(keptDraft('newTicket.c1')).toBeNull();
    draftsBelongTo('sam');
    expect(keptDraft('newTicket.c1')).toEqual({ assetId: 'a2' });
  });
});
