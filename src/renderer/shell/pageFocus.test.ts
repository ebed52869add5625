import { expect, it, vi } from 'vitest';

// route.ts listens for the page being hidden, and marks the history entry it opened on, when it
// loads; under Node there is no window.
vi.hoisted(() => {
  const global = globalThis as { window?: unknown };
  global.window ??= { addEventListener: () => {}, history: { state: null, replaceState: () => {} } };
});

import { ARRIVAL_WAIT_MS, BUSY_WAIT_MS, RETURN_WAIT_MS, arrivalFocus, lostFocusGoes, markOpened, openedToRestore, rowToRestore, stillScrollingTo } from './pageFocus';

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

// Tab past the 360° view's last link left the page (to the browser's toolbar); the page pulled
// focus back to its heading, so the next Tab went down the content again and the agent never
// reached the lookup field or the navigation at the top.
it('leaves focus alone while the page itself does not have it', () => {
  expect(lostFocusGoes({ isConnected: true, disabled: false, wentBusy: false }, 0, false)).toBe('leave');
  expect(lostFocusGoes(busyButton, 0, false)).toBe('leave');
  expect(lostFocusGoes(null, 0, false)).toBe('leave');
  expect(lostFocusGoes({ isConnected: true, disabled: false, wentBusy: false }, 0, true)).toBe('heading');
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
  expect(openedToRestore(state, queue)).toEqual({ href: '#/ticket/t1', row: null });
  // The entry of another page (navigate() writes the address a moment later), or a fresh one.
  expect(openedToRestore(state, mine)).toBeNull();
  expect(openedToRestore(null, queue)).toBeNull();
  expect(openedToRestore({ focusFor: queue, focusHref: 3 }, queue)).toBeNull();
  expect(arrivalFocus('#/ticket/t1', true, 0, 0)).toBe('link');
  expect(arrivalFocus(null, false, 0, 0)).toBe('heading');
});

it('waits a moment for the opened link to be drawn, then gives up for the heading (the ticket left the list)', () => {
  expect(arrivalFocus('#/ticket/t1', false, 0, 0)).toBe('wait');
  expect(arrivalFocus('#/ticket/t1', false, RETURN_WAIT_MS - 1, RETURN_WAIT_MS - 1)).toBe('wait');
  expect(arrivalFocus('#/ticket/t1', true, RETURN_WAIT_MS - 1, RETURN_WAIT_MS - 1)).toBe('link');
  expect(arrivalFocus('#/ticket/t1', false, RETURN_WAIT_MS, RETURN_WAIT_MS)).toBe('heading');
});

// On a slow machine (or a queue whose rows come a page at a time) the list's rows came more
// than a second after the page did, and focus had already fallen to the heading: the wait for
// the opened link counted from the page's arrival. It counts from when the page stopped being
// busy, and a page that stays busy is waited for only so long.

it('waits for a busy page, then a moment more for the opened link, counted from when its data came', () => {
  // Still loading, two seconds after arriving: the rows are not there to look in.
  expect(arrivalFocus('#/ticket/t1', false, null, 2_000)).toBe('wait');
  expect(arrivalFocus(null, false, null, 2_000)).toBe('wait');
  // The rows came a moment ago, three seconds after arriving: the row is being scrolled to.
  expect(arrivalFocus('#/ticket/t1', false, 100, 3_000)).toBe('wait');
  expect(arrivalFocus('#/ticket/t1', true, 100, 3_000)).toBe('link');
  // Drawn while other rows still load (a queue's next page): the link at once.
  expect(arrivalFocus('#/ticket/t1', true, null, 3_000)).toBe('link');
  expect(arrivalFocus('#/ticket/t1', false, RETURN_WAIT_MS, 3_000)).toBe('heading');
  expect(arrivalFocus(null, false, 0, 3_000)).toBe('heading');
});

it('never waits past the cap on a page that stays busy', () => {
  expect(arrivalFocus('#/ticket/t1', false, null, ARRIVAL_WAIT_MS - 1)).toBe('wait');
  expect(arrivalFocus('#/ticket/t1', false, null, ARRIVAL_WAIT_MS)).toBe('heading');
  expect(arrivalFocus(null, false, null, ARRIVAL_WAIT_MS)).toBe('heading');
  expect(arrivalFocus('#/ticket/t1', false, 10, ARRIVAL_WAIT_MS)).toBe('heading');
});

// Back to a long list from a ticket opened far down it: the list draws only the rows in view,
// so the opened row was not drawn, and after a second focus fell to the heading. The entry keeps
// the row's place too, and the list scrolls to the row that holds the link.

it("keeps the opened link's row on the entry, and forgets a row when a link outside a table is opened", () => {
  const state = markOpened(null, mine, '#/ticket/t70', 72);
  expect(openedToRestore(state, mine)).toEqual({ href: '#/ticket/t70', row: 72 });
  expect(openedToRestore(markOpened(state, mine, '#/queues/home/1'), mine)).toEqual({ href: '#/queues/home/1', row: null });
  expect(openedToRestore(state, queue)).toBeNull();
  // Row 1 is the header; anything else is no place.
  expect(openedToRestore({ focusFor: mine, focusHref: '#/ticket/t1', focusRow: 1 }, mine)).toEqual({ href: '#/ticket/t1', row: null });
  expect(openedToRestore({ focusFor: mine, focusHref: '#/ticket/t1', focusRow: 'x' }, mine)).toEqual({ href: '#/ticket/t1', row: null });
});

const hrefs = (ids: (string | undefined)[]) => (i: number) => (ids[i] === undefined ? undefined : `#/ticket/${ids[i]}`);

it('scrolls a long list to the row that holds the opened link: where it was, or where it has moved to', () => {
  const list = hrefs(['a', 'b', 'c', 'd', 'e']);
  // aria-rowindex 5 is the fourth row after the header (index 3).
  expect(rowToRestore({ href: '#/ticket/d', row: 5 }, 5, list)).toBe(3);
  // Moved up the list (another ticket was taken), or no place kept: found among the rows.
  expect(rowToRestore({ href: '#/ticket/b', row: 5 }, 5, list)).toBe(1);
  expect(rowToRestore({ href: '#/ticket/e', row: null }, 5, list)).toBe(4);
});

it('scrolls to where the row was while its rows are not in hand (a queue fetches them a page at a time), else nowhere', () => {
  const notYet = hrefs(['a', 'b', undefined, undefined, undefined]);
  expect(rowToRestore({ href: '#/ticket/d', row: 5 }, 5, notYet)).toBe(3);
  // Gone from the list and no place, or its place is past the list's end: nothing to scroll to.
  expect(rowToRestore({ href: '#/ticket/z', row: null }, 5, notYet)).toBeNull();
  expect(rowToRestore({ href: '#/ticket/z', row: 9 }, 5, notYet)).toBeNull();
  expect(rowToRestore(null, 5, notYet)).toBeNull();
});

// Back to My tickets from a row far down it on a busy machine: the list learnt its width (and so
// where the row is) more than a second after its rows came, and focus went to the heading before
// it had scrolled there. The list is busy until it draws the row, and focus waits for busy parts.

it('keeps a list busy while it has yet to draw the row it scrolls to, and only then', () => {
  // Rows 0 to 20 drawn (its width not known yet, or not scrolled yet): row 79 is not among them.
  const top = Array.from({ length: 21 }, (_, i) => i);
  expect(stillScrollingTo(79, top)).toBe(true);
  expect(stillScrollingTo(79, [])).toBe(true);
  expect(stillScrollingTo(79, [66, 67, 78, 79])).toBe(false);
  // Nothing to scroll to (not coming back, or the row left the list): never busy on its account.
  expect(stillScrollingTo(null, top)).toBe(false);
  expect(stillScrollingTo(null, [])).toBe(false);
});
