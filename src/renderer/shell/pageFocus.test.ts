import { expect, it } from 'vitest';
import { BUSY_WAIT_MS, lostFocusGoes } from './pageFocus';

// "Very relevant" under a suggested article, pressed with the keyboard, went busy (disabled
// while the rating was saved) and its focus fell to the body; the page then sent it to the
// ticket's heading, far above, so the agent Tabbed back down through the action bar. Focus
// waits for the busy button and goes back to it.

const busyButton = { isConnected: true, disabled: true, wentBusy: true };

it('waits for a button that only went busy, then gives focus back to it', () => {
  expect(lostFocusGoes(busyButton, 0)).toBe('wait');
  expect(lostFocusGoes(busyButton, 400)).toBe('wait');
  expect(lostFocusGoes({ ...busyButton, disabled: false }, 400)).toBe('back');
  // Saved before the first look: free already.
  expect(lostFocusGoes({ ...busyButton, disabled: false }, 0)).toBe('back');
});

it('sends focus to the heading when what had it is gone, lost it another way, or stays busy too long', () => {
  expect(lostFocusGoes({ ...busyButton, isConnected: false }, 0)).toBe('heading');
  expect(lostFocusGoes({ ...busyButton, isConnected: false, disabled: false }, 300)).toBe('heading');
  // A click on the page's background, an element hidden: not busy.
  expect(lostFocusGoes({ isConnected: true, disabled: false, wentBusy: false }, 0)).toBe('heading');
  expect(lostFocusGoes(busyButton, BUSY_WAIT_MS)).toBe('heading');
  expect(lostFocusGoes(null, 0)).toBe('heading');
});
