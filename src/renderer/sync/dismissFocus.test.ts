import { describe, expect, it } from 'vitest';
import { cardAfterDismiss } from './dismissFocus';

// After one of several conflicts was dismissed, focus went to the page's heading, and a
// keyboard user had to find their place in the list again.

describe('focus after dismissing a conflict', () => {
  it('goes to the next card, to the one before when the last was dismissed, and nowhere when none is left', () => {
    expect(cardAfterDismiss(['a', 'b', 'c'], 'a')).toBe('b');
    expect(cardAfterDismiss(['a', 'b', 'c'], 'b')).toBe('c');
    expect(cardAfterDismiss(['a', 'b', 'c'], 'c')).toBe('b');
    expect(cardAfterDismiss(['a'], 'a')).toBeNull();
    expect(cardAfterDismiss(['a', 'b'], 'x')).toBeNull();
  });
});
