import { describe, expect, it } from 'vitest';
import { arrivalState, cameFromApp, pushedState, replacedState } from './inAppHistory';

// Follows a window's history entries as route.ts writes them, and asks where Cancel goes.
describe('whether Back stays in the app', () => {
  it('is no for the page a window opened on (a pasted link, a new window), yes for one reached from another', () => {
    const opened = arrivalState(null, true);
    expect(cameFromApp(opened)).toBe(false);
    expect(cameFromApp(pushedState())).toBe(true);
    // A link clicked: the browser's new entry has no state until the app marks it.
    expect(cameFromApp(arrivalState(null, false))).toBe(true);
  });

  it('keeps what an entry says across a reload, a redirect in place and a focus mark', () => {
    const opened = arrivalState(null, true)!;
    // Reloaded, or gone back to: already marked, left as it is.
    expect(arrivalState(opened, false)).toBeNull();
    expect(arrivalState({ ...opened, focusFor: 'x' }, false)).toBeNull();
    // navigate(…, { replace: true }) on the opened page does not make a page to go back to.
    expect(cameFromApp(replacedState(opened))).toBe(false);
    expect(cameFromApp(replacedState(pushedState()))).toBe(true);
    // Another part's state (the link opened from a page) stays beside the mark.
    expect(arrivalState({ focusFor: 'home' }, false)).toEqual({ focusFor: 'home', fromApp: true });
  });

  it('says no for an entry that says nothing', () => {
    expect(cameFromApp(null)).toBe(false);
    expect(cameFromApp({ focusFor: 'home' })).toBe(false);
  });
});
