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

// The customer record's dialogs (details, contact, system, transfer) did not: after an empty
// Save, Tab went to the page behind the dialog.
it('is what every dialog that saves a form uses', async () => {
  const sources = [await import('./customer/RecordDialogs.tsx?raw'), await import('./customer/NewTicketModal.tsx?raw'), await import('./tickets/ActionDialog.tsx?raw')];
  for (const { default: source } of sources) {
    expect(source).toMatch(/useRefusedFocus\(problem, form\)/);
    expect(source).toMatch(/<form\s+ref=\{form\}/);
  }
});
