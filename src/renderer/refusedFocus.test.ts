import { expect, it } from 'vitest';
import { focusRefused } from './refusedFocus';

// A refused submit in a dialog (New ticket, a ticket action) left focus on the page's body: the
// busy submit button had been disabled. Focus goes to the first field marked, else the button.

const element = (name: string, focused: string[]) => ({ name, focus: () => void focused.push(name) });

it('takes focus to the first field the refusal marked', () => {
  const focused: string[] = [];
  const subject = element('subject', focused);
  const form = { querySelector: (selector: string) => (selector === '[aria-invalid="true"]' ? subject : element('submit', focused)) };
  expect(focusRefused(form)).toBe(subject);
  expect(focused).toEqual(['subject']);
});

it('takes focus back to the submit button when no field is marked (a conflict, a refusal of the whole)', () => {
  const focused: string[] = [];
  const submit = element('submit', focused);
  const form = { querySelector: (selector: string) => (selector === 'button[type="submit"]' ? submit : null) };
  expect(focusRefused(form)).toBe(submit);
  expect(focused).toEqual(['submit']);
  expect(focusRefused(null)).toBeNull();
});
