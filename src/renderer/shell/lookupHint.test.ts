import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fa } from '../i18n/fa';
import { canvasFont, fittingHint, KB_SEARCH_HINTS, LOOKUP_HINTS } from './lookupHint';

describe('the lookup field’s hint', () => {
  // 7 px a character: roughly the field's 14 px sans-serif.
  const width = (dict: Record<string, string>) => (hint: (typeof LOOKUP_HINTS)[number]) => dict[hint]!.length * 7;

  it('is the whole hint where it fits, a shorter one where it does not, in either language', () => {
    for (const dict of [en, fa]) {
      expect(fittingHint(1000, width(dict))).toBe('lookup.placeholder');
      expect(fittingHint(dict['lookup.placeholderShort']!.length * 7, width(dict))).toBe('lookup.placeholderShort');
      expect(fittingHint(dict['lookup.placeholderShortest']!.length * 7, width(dict))).toBe('lookup.placeholderShortest');
      expect(fittingHint(dict['lookup.placeholderTiny']!.length * 7, width(dict))).toBe('lookup.placeholderTiny');
      // Nothing fits: the shortest, cut, rather than the longest, cut.
      expect(fittingHint(10, width(dict))).toBe('lookup.placeholderTiny');
    }
  });

  it('gets shorter at each step, so a narrower field never gets a longer hint', () => {
    for (const dict of [en, fa]) {
      const lengths = LOOKUP_HINTS.map((hint) => dict[hint]!.length);
      expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
      expect(new Set(lengths).size).toBe(lengths.length);
    }
  });

  it('is measured in the field’s own font, built from its longhands', () => {
    // The computed `font` shorthand is "" in Chromium when a longhand it cannot express is set;
    // a canvas given "" measures in its default 10 px sans-serif.
    expect(canvasFont({ fontStyle: 'normal', fontWeight: '400', fontSize: '14px', fontFamily: 'Vazirmatn, "Segoe UI", sans-serif' })).toBe('normal 400 14px Vazirmatn, "Segoe UI", sans-serif');
  });
});

describe('the knowledge base search field’s hint', () => {
  const width = (dict: Record<string, string>) => (hint: (typeof KB_SEARCH_HINTS)[number]) => dict[hint]!.length * 7;

  it('is chosen as the lookup’s is: the longest that fits, the shortest when none does', () => {
    for (const dict of [en, fa]) {
      expect(fittingHint(1000, width(dict), KB_SEARCH_HINTS)).toBe('kb.searchPlaceholder');
      expect(fittingHint(dict['kb.searchPlaceholder']!.length * 7 - 1, width(dict), KB_SEARCH_HINTS)).toBe('kb.searchPlaceholderShort');
      expect(fittingHint(dict['kb.searchPlaceholderTiny']!.length * 7, width(dict), KB_SEARCH_HINTS)).toBe('kb.searchPlaceholderTiny');
      expect(fittingHint(10, width(dict), KB_SEARCH_HINTS)).toBe('kb.searchPlaceholderTiny');
    }
  });

  it('gets shorter at each step', () => {
    for (const dict of [en, fa]) {
      const lengths = KB_SEARCH_HINTS.map((hint) => dict[hint]!.length);
      expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
      expect(new Set(lengths).size).toBe(lengths.length);
    }
  });
});
