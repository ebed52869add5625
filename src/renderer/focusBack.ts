import { useEffect, useState } from 'react';

// A dialog that is drawn only while open (the New ticket form, a ticket action) is unmounted
// on close, so Mantine never gets to give focus back: the element that had focus when it
// opened gets it back here, if it is still on the page. Otherwise (a Resolve button gone after
// resolving, the palette's search) focus falls to the body, where pageFocus.ts sends it to the
// page's heading.

interface Focusable {
  focus(): void;
  readonly isConnected: boolean;
}

interface DocumentLike {
  readonly activeElement: unknown;
  readonly body: unknown;
}

function focusable(el: unknown): el is Focusable {
  return typeof el === 'object' && el !== null && typeof (el as Focusable).focus === 'function' && 'isConnected' in el;
}

/** What had focus as the dialog opened (not the page's body): where it goes back to. */
export function openerOf(doc: DocumentLike): Focusable | null {
  const active = doc.activeElement;
  return active !== doc.body && focusable(active) ? active : null;
}

/** Gives focus back to `opener` if it is still on the page; says whether it did. */
export function giveFocusBack(opener: Focusable | null): boolean {
  if (!opener?.isConnected) return false;
  opener.focus();
  return true;
}

/** For a dialog mounted only while open: focus goes back to its opener when it is unmounted. */
export function useFocusBack(): void {
  const [opener] = useState(() => (typeof document === 'undefined' ? null : openerOf(document)));
  useEffect(
    () => () => {
      giveFocusBack(opener);
    },
    [opener],
  );
}
