import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cleanTagInput, expressCodeToTag, parseServiceTag, registersAsTag, tagToExpressCode } from './serviceTag';

describe('service tags', () => {
  it('accepts 7 letters or digits in any case, ignoring spaces, dashes and dots', () => {
    expect(parseServiceTag('7xk-2qf.1')).toEqual({ ok: true, tag: '7XK2QF1' });
    expect(parseServiceTag(' 7XK 2QF1 ')).toEqual({ ok: true, tag: '7XK2QF1' });
  });

  it('reads a tag typed with Persian or Arabic-Indic digits (a Persian keyboard) as the same tag', () => {
    expect(parseServiceTag('۷XK۲QF۹')).toEqual({ ok: true, tag: '7XK2QF9' });
    expect(parseServiceTag('٧xk٢qf٩')).toEqual({ ok: true, tag: '7XK2QF9' });
  });

  it('offers to register as a tag only what was typed as one, not a ticket number or a phone number', () => {
    expect(['7XK2QF9', '7xk2qf9', '7XK 2QF9', '1234567'].map(registersAsTag)).toEqual([true, true, true, true]);
    expect(['T-999999', 't999999', 'T 999999', '555-0142', '(55) 50142', 'ABC'].map(registersAsTag)).toEqual([false, false, false, false, false, false]);
  });

  it('rejects a malformed tag with a message that says what a tag looks like', () => {
    for (const bad of ['7XK2QF', '7XK2QF12', '7XK2Q_1', '']) {
      const r = parseServiceTag(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/7 letters or digits/);
    }
  });

  it('converts known tags to Express Service Codes and back', () => {
    expect(tagToExpressCode('0000000')).toBe('0');
    expect(tagToExpressCode('0000010')).toBe('36');
    expect(tagToExpressCode('ZZZZZZZ')).toBe('78364164095');
    expect(expressCodeToTag('78364164095')).toBe('ZZZZZZZ');
    expect(expressCodeToTag('36')).toBe('0000010');
    expect(expressCodeToTag('783-641-640-95')).toBe('ZZZZZZZ');
  });

  it('refuses codes that no tag can have', () => {
    expect(expressCodeToTag('78364164096')).toBeNull();
    expect(expressCodeToTag('123456789012')).toBeNull();
    expect(expressCodeToTag('12a')).toBeNull();
  });

  it('round-trips every tag through its Express Service Code', () => {
    const tagChar = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.split(''));
    fc.assert(
      fc.property(fc.array(tagChar, { minLength: 7, maxLength: 7 }), (chars) => {
        const tag = chars.join('');
        expect(expressCodeToTag(tagToExpressCode(tag))).toBe(cleanTagInput(tag));
      }),
    );
  });
});
