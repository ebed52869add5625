import { describe, expect, it } from 'vitest';
import { foldName, latinFromPersianKeyboard, toAsciiDigits } from './persianInput';

describe('Persian input', () => {
  it('reads Persian and Arabic-Indic digits as ASCII', () => {
    expect(toAsciiDigits('۱۷۲۶۶۵۸۰۰۲۹')).toBe('17266580029');
    expect(toAsciiDigits('١٧٢٦٦٥٨٠٠٢٩')).toBe('17266580029');
    expect(toAsciiDigits('+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹')).toBe('+98 912 345 6789');
  });

  it('maps a code typed on the Persian layout back to its QWERTY keys', () => {
    expect(latinFromPersianKeyboard('۷طن۲ضب۱')).toBe('7XK2QF1');
    expect(latinFromPersianKeyboard('ف-۰۰۰۱۲۳')).toBe('T-000123');
    expect(latinFromPersianKeyboard('۲شصطئثر')).toBeNull(); // ئ is a shifted key: not a code
    expect(latinFromPersianKeyboard('7XK2QF1')).toBe('7XK2QF1');
  });

  it('folds real Persian names written in different ways to one key', () => {
    // Arabic yeh and kaf (as Arabic keyboards and many old databases write them)
    expect(foldName('علي كريمي')).toBe(foldName('علی کریمی'));
    // with and without the zero-width non-joiner
    expect(foldName('محمد‌رضا شجریان')).toBe(foldName('محمدرضا شجریان'));
    expect(foldName('زهرا میرزایی‌نژاد')).toBe(foldName('زهرا میرزایینژاد'));
    // alef with madda, hamza, and short vowels
    expect(foldName('آرش')).toBe(foldName('ارش'));
    expect(foldName('مُحَمَّد')).toBe(foldName('محمد'));
    // heh with yeh and teh marbuta
    expect(foldName('خانۀ فاطمه')).toBe(foldName('خانه فاطمه'));
  });

  it('keeps Latin names as the index always had them', () => {
    expect(foldName('  José   Müller ')).toBe('jose muller');
    expect(foldName('Lakeside Unified School District')).toBe('lakeside unified school district');
  });
});
