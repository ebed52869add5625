import { afterAll, describe, expect, it } from 'vitest';
import { validateCustomer } from '../../shared/customerRules';
import { phoneCountries } from '../../shared/phone';
import { setLocale } from '../i18n/state';
import { CALLER_LOCALES, NO_COUNTRY, countryOfPick, countryOptions, countryPick, languageOptions, matchesPlace, placeFilter } from './placeOptions';

// A customer's country and language were typed as codes ("IR", "en-US") in free text fields;
// the record forms now pick them by name, searchable in the reader's language, and store the code.

afterAll(() => setLocale('en', 'latn'));

const search = (options: ReturnType<typeof countryOptions>, text: string) => placeFilter({ options, search: text, limit: 500 }).map((o) => ('value' in o ? o.value : ''));

describe('country and language pickers', () => {
  it('offers every country the phone rules know, by name, with "none" (the desk’s) first', async () => {
    await setLocale('en', 'latn');
    const options = countryOptions('');
    expect(options[0]).toEqual({ value: NO_COUNTRY, label: 'None: the desk’s country' });
    expect(options.slice(1).map((o) => o.value).sort()).toEqual([...phoneCountries()].sort());
    expect(options.find((o) => o.value === 'IR')?.label).toBe('Iran');
    // "none" is the empty country the back end reads as the desk's; a pick is stored as its code.
    expect(countryPick('')).toBe(NO_COUNTRY);
    expect(countryOfPick(NO_COUNTRY)).toBe('');
    expect(countryOfPick('IR')).toBe('IR');
    expect(search(options, 'germ')).toEqual(['DE']);
    // The code, then names that start so, before names that only hold it ("British Virgin Islands").
    expect(search(options, 'ir')[0]).toBe('IR');
    expect(search(options, 'ir').indexOf('IE')).toBeLessThan(search(options, 'ir').indexOf('VG'));
  });

  it('offers languages by name, the desk’s own among them, each a tag the rules accept as it is', async () => {
    await setLocale('en', 'latn');
    const options = languageOptions('en-US');
    expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(['en-US', 'fa-IR']));
    expect(options.find((o) => o.value === 'fa-IR')?.label).toBe('Persian (Iran)');
    for (const tag of CALLER_LOCALES) {
      const checked = validateCustomer({ kind: 'person', name: 'Priya Raman', segment: 'home', serviceLevel: 'standard', email: 'p@example.com', phone: '', country: '', locale: tag });
      expect(checked.ok && checked.value.locale).toBe(tag);
    }
  });

  it('keeps a value stored before that is not in the list, so it shows and is saved unchanged', async () => {
    await setLocale('en', 'latn');
    expect(countryOptions('ZZ').filter((o) => o.value === 'ZZ')).toHaveLength(1);
    expect(languageOptions('gsw-CH').filter((o) => o.value === 'gsw-CH')).toHaveLength(1);
    expect(countryPick('ZZ')).toBe('ZZ');
  });

  it('names and searches them in Persian, by the Persian name too', async () => {
    await setLocale('fa', 'arabext');
    const countries = countryOptions('');
    expect(countries[0]!.label).toBe('هیچ‌کدام: کشور میز پشتیبانی');
    expect(countries.find((o) => o.value === 'IR')?.label).toBe('ایران');
    expect(search(countries, 'ایرا')).toContain('IR');
    expect(search(countries, 'آلمان')).toEqual(['DE']);
    // typed with an Arabic keyboard's ي
    expect(search(countries, 'ايران')).toContain('IR');
    const languages = languageOptions('fa-IR');
    expect(languages.find((o) => o.value === 'fa-IR')?.label).toBe('فارسی (ایران)');
    expect(search(languages, 'فارسي')).toContain('fa-IR');
    expect(matchesPlace({ value: 'en-US', label: 'انگلیسی (ایالات متحده)' }, 'en-')).toBe(true);
  });
});
