// Keys typed into the command palette before its search field is there to take them.
//
// Ctrl/⌘+Shift+P opens the palette at once, but Mantine draws its content a frame later (its
// opening transition starts on the next animation frame) and only then moves focus into the
// search field: a busy machine took longer still. What was typed meanwhile went to the page
// and was lost, so "res" typed straight away searched for "s", and ArrowDown, Enter ran
// Escalate (the second command with an "s"), not Resolve. Those keys are held instead, and
// given to the field in their order once it has focus (CommandPalette.tsx).
//
// The shortcut pressed again while the palette is open starts it again: what was typed before
// it, given or still held, is dropped and the search is empty for what comes next. An agent on a
// slow machine who saw nothing after Ctrl+Shift+P "res" pressed both again: the second shortcut
// did nothing, the held "res" went first and the search read "resres" (no command). It does not
// close the palette: what was typed after it would then go to the page behind.

/** A key held for the palette's search field, or the palette's own shortcut pressed again. */
export type EarlyKey = { kind: 'text'; text: string } | { kind: 'erase' } | { kind: 'move'; key: 'ArrowDown' | 'ArrowUp' } | { kind: 'run' } | { kind: 'again' };

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey?: boolean;
  isComposing?: boolean;
}

/** Ctrl/⌘+Shift+P: the palette's shortcut (with Shift, `key` is "P" on most layouts, "p" on some). */
export function isPaletteShortcut(event: KeyLike): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey === true && !event.altKey && event.key.toLowerCase() === 'p';
}

/**
 * What a key pressed before the search field has focus means to it: a character to type,
 * Backspace, an arrow through the commands, Enter, or the palette's shortcut again. Null for
 * anything else (Escape, Tab, another shortcut with Ctrl, ⌘ or Alt, a key still composing a
 * character): left to the page.
 */
export function earlyKey(event: KeyLike): EarlyKey | null {
  if (isPaletteShortcut(event)) return { kind: 'again' };
  if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return null;
  // A printable key's `key` is the character itself, in any keyboard layout (one code point,
  // two UTF-16 units for some); named keys ("Shift", "ArrowDown") are longer words.
  if ([...event.key].length === 1) return { kind: 'text', text: event.key };
  if (event.key === 'Backspace') return { kind: 'erase' };
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') return { kind: 'move', key: event.key };
  if (event.key === 'Enter') return { kind: 'run' };
  return null;
}
