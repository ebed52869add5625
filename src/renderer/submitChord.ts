// Ctrl+Enter (Cmd+Enter on a Mac) submits a form whose text field takes Enter as a new line: the
// ticket actions' note and the New ticket form's description. Agents typing notes on a call
// expect it, as in most help desks. The form submits as its button would, so a refusal keeps
// what was typed and shows as a click's would.

/** The keys of a keydown, as far as the chord is concerned. */
export interface ChordKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** An input method (Persian, say) still composing: its Enter is the composition's. */
  isComposing?: boolean;
  /** On a list that is open: its Enter picks the marked option (not yet in the form's state). */
  inOpenList?: boolean;
}

export const isMacPlatform = (platform: string): boolean => /Mac|iPhone|iPad/.test(platform);

/** Ctrl+Enter or Cmd+Enter, nothing else held, not mid-composition, not on an open list. */
export function isSubmitChord(event: ChordKey): boolean {
  if (event.key !== 'Enter' || event.altKey || event.shiftKey || event.isComposing === true || event.inOpenList === true) return false;
  return event.ctrlKey || event.metaKey;
}

/** The chord as the hint shows it, and as `aria-keyshortcuts` names it. */
export function submitChordKeys(mac: boolean): { shown: string; aria: string } {
  return mac ? { shown: '⌘ Enter', aria: 'Meta+Enter' } : { shown: 'Ctrl Enter', aria: 'Control+Enter' };
}


/**
 * A form's keydown handler, in the capture phase: the chord submits the form as its submit button
 * would (its onSubmit runs, validation and refusals included), and goes no further (a closed
 * choice list's Enter opened it instead); while it is sending, the chord does nothing.
 */
export function submitOnChord(
  event: ChordKey & { preventDefault: () => void; stopPropagation: () => void; currentTarget: { requestSubmit: () => void } },
  busy: boolean,
): void {
  if (!isSubmitChord(event)) return;
  event.preventDefault();
  event.stopPropagation();
  if (!busy) event.currentTarget.requestSubmit();
}
