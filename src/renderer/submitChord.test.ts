import { expect, it } from 'vitest';
import { isMacPlatform, isSubmitChord, submitChordKeys, submitOnChord, type ChordKey } from './submitChord';

// Ctrl+Enter (Cmd+Enter) submits the ticket action dialogs and the New ticket form: Enter in
// their note is a new line, and agents had to Tab to the button.

const key = (k: string, mods: Partial<ChordKey> = {}): ChordKey => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

it('Ctrl+Enter and Cmd+Enter are the chord; Enter alone, Shift/Alt with it, and an IME mid-composition or an open list are not', () => {
  expect(isSubmitChord(key('Enter', { ctrlKey: true }))).toBe(true);
  expect(isSubmitChord(key('Enter', { metaKey: true }))).toBe(true);
  expect(isSubmitChord(key('Enter'))).toBe(false);
  expect(isSubmitChord(key('Enter', { ctrlKey: true, shiftKey: true }))).toBe(false);
  expect(isSubmitChord(key('Enter', { ctrlKey: true, altKey: true }))).toBe(false);
  expect(isSubmitChord(key('Enter', { ctrlKey: true, isComposing: true }))).toBe(false);
  expect(isSubmitChord(key('k', { ctrlKey: true }))).toBe(false);
  // An open list's Enter picks its option (the choice is not in the form's state yet).
  expect(isSubmitChord(key('Enter', { ctrlKey: true, inOpenList: true }))).toBe(false);
});

it('the chord submits the form once, and not again while it is sending', () => {
  const calls: string[] = [];
  const event = (k: ChordKey) => ({ ...k, preventDefault: () => void calls.push('prevented'), stopPropagation: () => void calls.push('stopped'), currentTarget: { requestSubmit: () => void calls.push('submitted') } });
  submitOnChord(event(key('Enter', { ctrlKey: true })), false);
  expect(calls).toEqual(['prevented', 'stopped', 'submitted']);
  calls.length = 0;
  submitOnChord(event(key('Enter', { ctrlKey: true })), true);
  expect(calls).toEqual(['prevented', 'stopped']);
  calls.length = 0;
  // Enter alone is the note's new line: left to the field.
  submitOnChord(event(key('Enter')), false);
  expect(calls).toEqual([]);
});

it('the hint names the keys of the platform', () => {
  expect(isMacPlatform('MacIntel')).toBe(true);
  expect(isMacPlatform('Win32')).toBe(false);
  expect(isMacPlatform('Linux x86_64')).toBe(false);
  expect(submitChordKeys(true)).toEqual({ shown: '⌘ Enter', aria: 'Meta+Enter' });
  expect(submitChordKeys(false)).toEqual({ shown: 'Ctrl Enter', aria: 'Control+Enter' });
});
