import { expect, it } from 'vitest';
import { earlyKey } from './paletteEarlyKeys';

// Keys typed before the palette's search field has focus are held for it, in any layout.

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; isComposing: boolean }> = {}) => earlyKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

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
