import { expect, it } from 'vitest';
import { fixDialogOf } from './fixDialog';

it('a fix opens the record\u2019s dialog for it, with its field focused', () => {
  expect(fixDialogOf('addEmail')).toEqual({ dialog: { kind: 'customer' }, focus: 'email' });
  expect(fixDialogOf('fixEmail')).toEqual({ dialog: { kind: 'customer' }, focus: 'email' });
  expect(fixDialogOf('addPhone')).toEqual({ dialog: { kind: 'customer' }, focus: 'phone' });
  expect(fixDialogOf('fixPhone')).toEqual({ dialog: { kind: 'customer' }, focus: 'phone' });
  expect(fixDialogOf('addContact')).toEqual({ dialog: { kind: 'contact', contactId: null }, focus: null });
});

it('confirming details is done on the 360\u00b0 view, and an unknown fix opens nothing', () => {
  expect(fixDialogOf('confirmDetails')).toBeNull();
  expect(fixDialogOf('nonsense')).toBeNull();
  expect(fixDialogOf(null)).toBeNull();
});
