import { expect, it } from 'vitest';
import { BUSY_WAIT_MS, RETURN_WAIT_MS, arrivalFocus, hrefToRestore, lostFocusGoes, markOpened } from './pageFocus';

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

// Back from a ticket to the queue (or My tickets) put focus on the page's heading: the agent
// Tabbed down the list again to the row she had opened. The page's history entry keeps the link
// opened from it, and coming back focus goes to that link.

const queue = JSON.stringify({ name: 'queues', segment: 'education', tier: 1 });
const mine = JSON.stringify({ name: 'home' });

it("marks the link opened on the page's history entry, keeping what the entry held", () => {
  expect(markOpened(null, queue, '#/ticket/t1')).toEqual({ focusFor: queue, focusHref: '#/ticket/t1' });
  expect(markOpened({ other: 1, focusFor: mine, focusHref: '#/ticket/t0' }, queue, '#/ticket/t1')).toEqual({ other: 1, focusFor: queue, focusHref: '#/ticket/t1' });
});

it('coming back to the page a link was opened from, focus goes to that link; elsewhere, or with no mark, to the heading', () => {
  const state = markOpened(null, queue, '#/ticket/t1');
  expect(hrefToRestore(state, queue)).toBe('#/ticket/t1');
  // The entry of another page (navigate() writes the address a moment later), or a fresh one.
  expect(hrefToRestore(state, mine)).toBeNull();
  expect(hrefToRestore(null, queue)).toBeNull();
  expect(hrefToRestore({ focusFor: queue, focusHref: 3 }, queue)).toBeNull();
  expect(arrivalFocus('#/ticket/t1', true, 0)).toBe('link');
  expect(arrivalFocus(null, false, 0)).toBe('heading');
});

it('waits a moment for the opened link to be drawn, then gives up for the heading (the ticket left the list)', () => {
  expect(arrivalFocus('#/ticket/t1', false, 0)).toBe('wait');
  expect(arrivalFocus('#/ticket/t1', false, RETURN_WAIT_MS - 1)).toBe('wait');
  expect(arrivalFocus('#/ticket/t1', true, RETURN_WAIT_MS - 1)).toBe('link');
  expect(arrivalFocus('#/ticket/t1', false, RETURN_WAIT_MS)).toBe('heading');
});
