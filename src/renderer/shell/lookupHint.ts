import type { MessageKey } from '../i18n';

// The lookup field's hint, the longest that fits the field as it is now: its width depends on
// the window and on what shares the header with it (the sync indicator of a joined desk left
// "Tag, code, phone, email, na" at 420 px when the choice went by the window's width alone).

// The shortest is for a field beside a joined desk's sync indicator at 420 px, where even
// "Tag, code, phone…" lost its end.
export const LOOKUP_HINTS = ['lookup.placeholder', 'lookup.placeholderShort', 'lookup.placeholderShortest', 'lookup.placeholderTiny'] as const satisfies readonly MessageKey[];
export type LookupHint = (typeof LOOKUP_HINTS)[number];

/** The longest hint whose text (`width` measures it) fits `room` pixels; the shortest when none does. */
export function fittingHint(room: number, width: (hint: LookupHint) => number): LookupHint {
  return LOOKUP_HINTS.find((hint) => width(hint) <= room) ?? LOOKUP_HINTS[LOOKUP_HINTS.length - 1]!;
}

/** The longhands of a computed style that a canvas font is made of. */
export type FontLonghands = Pick<CSSStyleDeclaration, 'fontStyle' | 'fontWeight' | 'fontSize' | 'fontFamily'>;

/**
 * A canvas font for text drawn as `style` draws it. Not the `font` shorthand: Chromium computes
 * it as "" whenever a longhand it cannot express is set (the app's font features), and a canvas
 * given "" keeps its default 10 px sans-serif, so every hint "fitted" and the Persian one was cut
 * to «برچسب سرویس، کد سرویس سریع، تل» at 420 px.
 */
export function canvasFont(style: FontLonghands): string {
  return `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}
