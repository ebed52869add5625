import { createSpotlight } from '@mantine/spotlight';

// Whether a modal dialog is open over the page, for the shortcuts that must not act behind one
// (Ctrl+K, the palette's Ctrl/⌘+Shift+P). A closed dialog stays in the page, still a modal
// dialog to a query, until its closing transition ends: the palette's 200 ms, which on a
// loaded machine was seen to last over a second, and every shortcut pressed meanwhile did
// nothing. The palette answers from its own state instead; other dialogs from the page.

/** The command palette's store (CommandPalette.tsx): open or not, whatever the page still shows. */
export const [paletteStore, palette] = createSpotlight();

/** The palette's dialog element (Mantine's Spotlight content). */
const PALETTE = 'mantine-Spotlight-content';

export function modalOpen(): boolean {
  for (const dialog of document.querySelectorAll('[role="dialog"][aria-modal="true"]')) {
    if (!dialog.classList.contains(PALETTE) || paletteStore.getState().opened) return true;
  }
  return false;
}
