import type { DirectionContextValue } from '@mantine/core';
import { localeState, toggleDirection, type Direction } from './i18n';

// What Mantine's components read as the direction (DirectionContext): one value per direction,
// made once, so a part of the page that keeps its direction across a language switch (see
// inViewFirst) hands its components the very same value and none of them redraws for it.

const make = (dir: Direction): DirectionContextValue => ({
  dir,
  setDirection: (d) => {
    if (d !== localeState().direction) toggleDirection();
  },
  toggleDirection: () => void toggleDirection(),
});

const VALUES: Record<Direction, DirectionContextValue> = { ltr: make('ltr'), rtl: make('rtl') };

export const directionContextOf = (dir: Direction): DirectionContextValue => VALUES[dir];

/**
 * For a field people write prose in (a note, a subject, a comment): as a `ref`, it gives the
 * field itself dir="auto", so what is typed takes the direction of its first strong letter
 * (an English error log in the Persian window reads left to right). Mantine's text fields put
 * a `dir` prop on their wrapper, where "auto" finds no typed text to go by.
 */
export const ownDirection = (field: HTMLInputElement | HTMLTextAreaElement | null): void => {
  field?.setAttribute('dir', 'auto');
};
