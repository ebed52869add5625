import { expect, it } from 'vitest';
import { earlyKey, isPaletteShortcut } from './paletteEarlyKeys';

// Keys typed before the palette's search field has focus are held for it, in any layout.

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; isComposing: boolean }> = {}) => earlyKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

it('holds characters in any layout, Backspace, the arrows and Enter', () => {
  expect(key('r')).toEqual({ kind: 'text', text: 'r' });
  expect(key('R')).toEqual({ kind: 'text', text: 'R' });
  expect(key('ح')).toEqual({ kind: 'text', text: 'ح' });
  expect(key(' ')).toEqual({ kind: 'text', text: ' ' });
  expect(key('Backspace')).toEqual({ kind: 'erase' });
  expect(key('ArrowDown')).toEqual({ kind: 'move', key: 'ArrowDown' });
  expect(key('ArrowUp')).toEqual({ kind: 'move', key: 'ArrowUp' });
  expect(key('Enter')).toEqual({ kind: 'run' });
});

it('leaves shortcuts, Escape, Tab, lone modifiers and composing keys to the page', () => {
  for (const k of ['Escape', 'Tab', 'Shift', 'Control', 'F5', 'ArrowLeft', 'Home']) expect(key(k), k).toBeNull();
  expect(key('p', { ctrlKey: true })).toBeNull();
  expect(key('P', { metaKey: true })).toBeNull();
  expect(key('r', { altKey: true })).toBeNull();
  expect(key('ح', { isComposing: true })).toBeNull();
});

it('takes Ctrl/⌘+Shift+P for the palette asked for again, not for a key to leave to the page', () => {
  // Pressed again while held keys were still waiting, it did nothing and they went first:
  // Ctrl+Shift+P "res" Ctrl+Shift+P "res" on a slow machine searched for "resres".
  expect(key('P', { ctrlKey: true, shiftKey: true })).toEqual({ kind: 'again' });
  expect(key('p', { ctrlKey: true, shiftKey: true })).toEqual({ kind: 'again' });
  expect(key('P', { metaKey: true, shiftKey: true })).toEqual({ kind: 'again' });
  expect(key('P', { ctrlKey: true, shiftKey: true, altKey: true })).toBeNull();
  expect(key('P', { shiftKey: true })).toEqual({ kind: 'text', text: 'P' });
  expect(isPaletteShortcut({ key: 'P', ctrlKey: true, metaKey: false, altKey: false, shiftKey: true })).toBe(true);
  expect(isPaletteShortcut({ key: 'p', ctrlKey: true, metaKey: false, altKey: false })).toBe(false);
});
