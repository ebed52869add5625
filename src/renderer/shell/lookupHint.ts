import type { MessageKey } from '../i18n';

// The lookup field's hint, the longest that fits the field as it is now: its width depends on
// the window and on what shares the header with it (the sync indicator of a joined desk left
// "Tag, code, phone, email, na" at 420 px when the choice went by the window's width alone).

export const LOOKUP_HINTS = ['lookup.placeholder', 'lookup.placeholderShort', 'lookup.placeholderShortest'] as const satisfies readonly MessageKey[];
export type LookupHint = (typeof LOOKUP_HINTS)[number];

/** The longest hint whose text (`width` measures it) fits `room` pixels; the shortest when none does. */
export function fittingHint(room: number, width: (hint: LookupHint) => number): LookupHint {
  return LOOKUP_HINTS.find((hint) => width(hint) <= room) ?? LOOKUP_HINTS[LOOKUP_HINTS.length - 1]!;
}
