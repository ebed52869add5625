import { useEffect, useState } from 'react';

// A hidden live region that keeps its text is read again by anyone reading the page line by
// line, after the visible text it repeats (the sync state: "Offline" in the header, then
// "Offline" again from the region). The region should hold its text only long enough to be
// announced: screen readers take the text when it changes, so it is emptied a few seconds later
// (as React Aria's LiveAnnouncer does, after 7 s), and emptying it is not announced.

/** How long a changed text stays in a hidden live region. */
export const BRIEF_TEXT_MS = 5_000;

export interface BriefText {
  /** Shows `text` if it differs from the last one said, and empties it `holdMs` later. */
  say(text: string): void;
  /** Cancels the pending emptying; the next `say` shows its text whatever came before. */
  stop(): void;
}

/** Calls `show` with each new text, then with '' after `holdMs`; a text said again unchanged is left alone. */
export function briefText(show: (text: string) => void, holdMs = BRIEF_TEXT_MS): BriefText {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: string | null = null;
  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    last = null;
  };
  return {
    say(text) {
      if (text === last) return;
      stop();
      last = text;
      show(text);
      if (text) {
        timer = setTimeout(() => {
          timer = null;
          show('');
        }, holdMs);
      }
    },
    stop,
  };
}

/** `text` while it is new, '' once it has been there `holdMs`: for a hidden live region's content. */
export function useBriefText(text: string, holdMs = BRIEF_TEXT_MS): string {
  const [shown, setShown] = useState(text);
  const [brief] = useState(() => briefText(setShown, holdMs));
  useEffect(() => {
    brief.say(text);
  }, [brief, text]);
  useEffect(() => () => brief.stop(), [brief]);
  return shown;
}
