// Keys typed into the command palette before its search field is there to take them.
//
// Ctrl/⌘+Shift+P opens the palette at once, but Mantine draws its content a frame later (its
// opening transition starts on the next animation frame) and only then moves focus into the
// search field: a busy machine took longer still. What was typed meanwhile went to the page
// and was lost, so "res" typed straight away searched for "s", and ArrowDown, Enter ran
// Escalate (the second command with an "s"), not Resolve. Those keys are held instead, and
// given to the field in their order once it has focus (CommandPalette.tsx).

/** A key held for the palette's search field. */
export type EarlyKey = { kind: 'text'; text: string } | { kind: 'erase' } | { kind: 'move'; key: 'ArrowDown' | 'ArrowUp' } | { kind: 'run' };

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
}

/**
 * What a key pressed before the search field has focus means to it: a character to type,
 * Backspace, an arrow through the commands, Enter. Null for anything else (Escape, Tab, a
 * shortcut with Ctrl, ⌘ or Alt, a key still composing a character): left to the page.
 */
export function earlyKey(event: KeyLike): EarlyKey | null {
  if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return null;
  // A printable key's `key` is the character itself, in any keyboard layout (one code point,
  // two UTF-16 units for some); named keys ("Shift", "ArrowDown") are longer words.
  if ([...event.key].length === 1) return { kind: 'text', text: event.key };
  if (event.key === 'Backspace') return { kind: 'erase' };
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') return { kind: 'move', key: event.key };
  if (event.key === 'Enter') return { kind: 'run' };
  return null;
}
