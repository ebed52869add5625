import { afterAll, expect, it } from 'vitest';
import type { CustomerRecord } from '../../shared/customerApi';
import { setLocale } from '../i18n/state';
import { countryName, languageName } from '../labels';
import { mergeSides } from './mergeSides';

// Two records «پریسا احمدی»: the merge screen's columns read "Keep: پریسا احمدی" and "Merge in:
// پریسا احمدی", and the agent could not tell which record was which. Each column now also says
// what tells its record from the other.

afterAll(() => setLocale('en', 'latn'));

const record = (id: string, over: Partial<CustomerRecord['customer']>, systems = 0): Pick<CustomerRecord, 'customer' | 'assets'> => ({
  customer: { id, kind: 'person', name: 'پریسا احمدی', segment: 'home', serviceLevel: 'standard', email: null, phone: null, country: 'IR', locale: 'fa-IR', createdAt: 0, updatedAt: 0, confirmedAt: null, erasedAt: null, ...over } as CustomerRecord['customer'],
  assets: Array.from({ length: systems }, (_, i) => ({ id: `a${i}`, serviceTag: `ABC${i}DEF`, productLine: 'Latitude', model: 'Latitude 5440', shipDate: 0, warrantyLevel: 'Basic', warrantyEnd: 0 })),
});

it('tells two records of one name apart by their phones', () => {
  const sides = mergeSides(record('0190a-1', { phone: '+989121234567', email: 'p@example.ir' }), record('0190a-2', { phone: '+989351112233', email: 'p@example.ir' }));
  expect(sides.keep.title).toBe('Keep: پریسا احمدی');
  expect(sides.from.title).toBe('Merge in: پریسا احمدی');
  expect(sides.keep.detail.text).not.toBe(sides.from.detail.text);
  expect(sides.keep.detail.text.replace(/\D/g, '')).toBe('989121234567');
  expect(sides.keep.detail.ltr).toBe(true);
});

it('goes on to the email, the segment, the systems and at last the id when the phones are the same', () => {
  const email = mergeSides(record('x-1', { phone: '+989121234567', email: 'parisa@example.ir' }), record('x-2', { phone: '+989121234567', email: null }));
  expect([email.keep.detail.text, email.from.detail.text]).toEqual(['parisa@example.ir', 'No email']);
  const segment = mergeSides(record('x-1', {}), record('x-2', { segment: 'government' }));
  expect([segment.keep.detail.text, segment.from.detail.text]).toEqual(['Home', 'Government']);
  const systems = mergeSides(record('x-1', {}, 2), record('x-2', {}));
  expect([systems.keep.detail.text, systems.from.detail.text]).toEqual(['2 systems', 'no systems']);
  const same = mergeSides(record('0190a2b3-aaaa-7000-8000-00000000a1b2', {}), record('0190a2b3-aaaa-7000-8000-00000000c3d4', {}));
  expect([same.keep.detail.text, same.from.detail.text]).toEqual(['record …00a1b2', 'record …00c3d4']);
});

it('says the language and the country by their names in the reader’s language, not fa-IR', async () => {
  expect(languageName('fa-IR')).toBe('Persian (Iran)');
  expect(countryName('IR')).toBe('Iran');
  await setLocale('fa', 'arabext');
  expect(languageName('fa-IR')).toBe('فارسی (ایران)');
  expect(languageName('en-US')).not.toMatch(/[a-z]/i);
  expect(countryName('IR')).toBe('ایران');
  const sides = mergeSides(record('x-1', { phone: '+989121234567' }), record('x-2', { phone: '+989351112233' }));
  expect(sides.keep.title).toBe('نگه‌داشتن: پریسا احمدی');
  await setLocale('en', 'latn');
});

it('is what the merge screen heads its columns with and how it shows the language and country', async () => {
  const { default: page } = await import('./MergePage.tsx?raw');
  expect(page).toContain('mergeSides(s, m)');
  expect(page).toMatch(/case 'locale':\s*return languageName/);
  expect(page).toMatch(/case 'country':\s*return c\.country \? countryName/);
});
