import { getCountries, getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';
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

  // toE164 reads numbers of a calling code several countries share without asking which of
  // them a number belongs to (see phone.ts): it must give what libphonenumber's whole parse gives.
  it('reads every number as the whole parse of libphonenumber does, for desks in every country', () => {
    const whole = (input: string, country: CountryCode): string | null => {
      const trimmed = input.trim();
      const p = parsePhoneNumberFromString(trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed, country);
      return p && p.isPossible() ? p.number : null;
    };
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const countries = getCountries();
    const mobiles = countries.map((c) => getExampleNumber(c, examples)?.number).filter((n): n is NonNullable<typeof n> => n !== undefined);
    // Area codes of the US, Canada, Jamaica, Puerto Rico, the Dominican Republic, Bermuda, Guam.
    const nanpa = ['512', '204', '416', '876', '787', '809', '441', '671'];
    const inputs: [string, CountryCode][] = [
      ['+29089991', 'US'], // +290: Saint Helena's plan has 5 digits, Tristan da Cunha's only 4
      ['+59931812341', 'US'], // +599: Curaçao 7 or 8, Bonaire only 7
      ['2041234', 'US'], // 7 digits: possible only in Canada's plan
      ['2041234', 'CA'],
      ['0649454064', 'JE'], // a desk in Jersey reads national numbers by its own plan
      ['07552460', 'IM'],
    ];
    for (let i = 0; i < 800; i++) {
      const digits = Array.from({ length: 4 + next(12) }, () => next(10)).join('');
      const area = nanpa[next(nanpa.length)]!;
      const mobile = mobiles[next(mobiles.length)]!;
      const desk = next(2) === 0 ? 'US' : countries[next(countries.length)]!;
      for (const input of [digits, `+${digits}`, `00${digits}`, `0${digits}`, `1${area}${digits.slice(0, 7)}`, `+1 ${area} ${digits.slice(0, 7)}`, mobile, mobile.slice(0, -1), `${mobile}1`]) inputs.push([input, desk]);
    }
    const differ = inputs.filter(([input, desk]) => toE164(input, desk) !== whole(input, desk));
    expect(differ.map(([input, desk]) => `${input} on a desk in ${desk}: ${toE164(input, desk)}, whole ${whole(input, desk)}`)).toEqual([]);
    expect(inputs.filter(([input, desk]) => whole(input, desk) !== null).length).toBeGreaterThan(1500);
  });
});

