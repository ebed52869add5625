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
 * The `dir` a prose field takes from what it holds: "auto" (the direction of its first strong
 * letter) once it holds a letter; null, the page's direction (inherited), while it holds none.
 * Empty, dir="auto" is left to right: in the Persian window the caret sat on the left.
 */
export const typedDirection = (value: string): 'auto' | null => (/\p{L}/u.test(value) ? 'auto' : null);

const followed = new WeakSet<HTMLInputElement | HTMLTextAreaElement>();

/**
 * For a field people write prose in (a note, a subject, a comment): as a `ref`, it gives the
 * field itself dir="auto" once it holds text, so what is typed takes the direction of its first
 * strong letter (an English error log in the Persian window reads left to right); empty, the
 * page's direction (typedDirection). Mantine's text fields put a `dir` prop on their wrapper,
 * where "auto" finds no typed text to go by. Followed as the person types and as the app sets
 * the value (a draft loaded, a field cleared after sending).
 */
export const ownDirection = (field: HTMLInputElement | HTMLTextAreaElement | null): void => {
  if (!field) return;
  const update = () => {
    if (typedDirection(field.value) === 'auto') field.setAttribute('dir', 'auto');
    else field.removeAttribute('dir');
  };
  update();
  if (followed.has(field)) return;
  followed.add(field);
  field.addEventListener('input', update);
  field.addEventListener('focus', update);
  // React writes a controlled field's value through the property (its own tracker wraps it on
  // the element): wrapped once more, the direction follows a value set by the app.
  const own = Object.getOwnPropertyDescriptor(field, 'value') ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value');
  const { get, set } = own ?? {};
  if (!get || !set) return;
  Object.defineProperty(field, 'value', {
    configurable: true,
    enumerable: own?.enumerable ?? false,
    get() {
      return get.call(field);
    },
    set(value: unknown) {
      set.call(field, value);
      update();
    },
  });
};
