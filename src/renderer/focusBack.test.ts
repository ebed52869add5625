import { expect, it } from 'vitest';
import { giveFocusBack, openerOf } from './focusBack';

// The New ticket form opened from a system row's button and closed with Escape left focus on
// the page's heading: the agent Tabbed back down past the contact lines to the row. Focus goes
// back to what opened the dialog, as long as it is still on the page.

const element = (name: string, focused: string[], isConnected = true) => ({ name, isConnected, focus: () => void focused.push(name) });

it('gives focus back to the button that opened the dialog', () => {
  const focused: string[] = [];
  const row = element('new ticket for 7XK2QF1', focused);
  const opener = openerOf({ activeElement: row, body: {} });
  expect(opener).toBe(row);
  expect(giveFocusBack(opener)).toBe(true);
  expect(focused).toEqual(['new ticket for 7XK2QF1']);
});

it('gives nothing back when the opener is gone (resolved, the palette closed) or focus was on the body', () => {
  const focused: string[] = [];
  expect(giveFocusBack(openerOf({ activeElement: element('resolve', focused, false), body: {} }))).toBe(false);
  const body = element('body', focused);
  expect(openerOf({ activeElement: body, body })).toBeNull();
  expect(openerOf({ activeElement: null, body })).toBeNull();
  expect(giveFocusBack(null)).toBe(false);
  expect(focused).toEqual([]);
});
