import type { MessageKey } from '../i18n';

// A field's hint, the longest that fits the field as it is now: its width depends on the window
// and on what shares the row with it (the sync indicator of a joined desk left "Tag, code,
// phone, email, na" at 420 px when the lookup's choice went by the window's width alone; the
// knowledge base's search read "Words from the problem, a product line, a mo" there).

// The shortest is for a field beside a joined desk's sync indicator at 420 px, where even
// "Tag, code, phone…" lost its end.
export const LOOKUP_HINTS = ['lookup.placeholder', 'lookup.placeholderShort', 'lookup.placeholderShortest', 'lookup.placeholderTiny'] as const satisfies readonly MessageKey[];
export type LookupHint = (typeof LOOKUP_HINTS)[number];

// The knowledge base's search: the whole hint where the field is wide, then shorter ones.
export const KB_SEARCH_HINTS = ['kb.searchPlaceholder', 'kb.searchPlaceholderShort', 'kb.searchPlaceholderTiny'] as const satisfies readonly MessageKey[];

/**
 * The longest of `hints` (longest first) whose text (`width` measures it) fits `room` pixels;
 * the shortest when none does. The lookup field's hints unless told.
 */
export function fittingHint<H extends MessageKey = LookupHint>(room: number, width: (hint: H) => number, hints: readonly H[] = LOOKUP_HINTS as readonly MessageKey[] as readonly H[]): H {
  return hints.find((hint) => width(hint) <= room) ?? hints[hints.length - 1]!;
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
