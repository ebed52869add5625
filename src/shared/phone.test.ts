import { describe, expect, it } from 'vitest';
import { messageDetail } from './messageKeys';
import { countryOf, formatPhone, maskPhone, parsePhone, toE164 } from './phone';

describe('phone numbers', () => {
  it('normalises common national and international formats to E.164', () => {
    expect(toE164('(512) 555-0142')).toBe('+15125550142');
    expect(toE164('512.555.0142')).toBe('+15125550142');
    expect(toE164('1 512 555 0142')).toBe('+15125550142');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    expect(toE164('0044 20 7946 0958')).toBe('+442079460958');
    expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(toE164('0912 123 4567', 'IR')).toBe('+989121234567');
  });

  it('names the country a number was read for in English too, and reads it back into its code', () => {
    // English said "… for US" where Persian named the country.
    const incomplete = parsePhone('512 555');
    expect(incomplete.ok).toBe(false);
    if (incomplete.ok) return;
    expect(incomplete.message).toContain('for United States.');
    expect(messageDetail(incomplete.message)).toEqual({ key: 'phoneIncomplete', params: { country: 'US' } });
    const shape = parsePhone('0912 123 456', 'IR');
    expect(shape.ok).toBe(false);
    if (!shape.ok) expect(messageDetail(shape.message)).toMatchObject({ params: { country: 'IR' } });
    // A sentence said with the bare code before still reads back.
    expect(messageDetail('No phone number in US has this shape; check the digits.')).toEqual({ key: 'phoneShape', params: { country: 'US' } });
  });

  it('reads a number typed in Persian or Arabic-Indic digits as the same number', () => {
    expect(parsePhone('۰۹۱۲ ۱۲۳ ۴۵۶۷', 'IR')).toMatchObject({ ok: true, e164: '+989121234567' });
    expect(parsePhone('+۱ (۵۱۲) ۵۵۵-۰۱۴۲')).toMatchObject({ ok: true, e164: '+15125550142' });
    expect(toE164('٠٩١٢ ١٢٣ ٤٥٦٧', 'IR')).toBe('+989121234567');
  });

  it('refuses text that cannot be a phone number', () => {
    expect(toE164('ann@example.com')).toBeNull();
    expect(toE164('12345')).toBeNull();
    expect(toE164('+1234567890123456')).toBeNull();
  });

  it('on entry, says what to fix and which country it read the number in', () => {
    expect(parsePhone('+44 20 7946 0958')).toMatchObject({ ok: true, e164: '+442079460958', international: '+44 20 7946 0958', country: 'GB' });
    const short = parsePhone('555 01', 'US');
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.message).toMatch(/country code/);
    const letters = parsePhone('call me', 'US');
    if (!letters.ok) expect(letters.message).toMatch(/only digits/);
    expect(parsePhone('', 'US').ok).toBe(false);
  });

  it('knows countries, formats for display and masks for people outside the segment', () => {
    expect(countryOf('gb')).toBe('GB');
    expect(countryOf('XX')).toBeNull();
    expect(formatPhone('+15125550142')).toBe('+1 512 555 0142');
    expect(maskPhone('+15125550142')).toBe('+1 ••••••••42');
  });
});
