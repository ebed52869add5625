import { afterAll, expect, it } from 'vitest';
import { isolated } from '../i18n';
import { setLocale } from '../i18n/state';
import { historyChange, historyValue } from './historyValue';

// The record history said a change of language as "Language: en-US → fa-IR" and of country
// as "Country: US → IR", in Persian too, where the rest of the page names them; and its arrow
// pointed back at the old value in a right-to-left line.

afterAll(() => setLocale('en', 'latn'));

it('names a language, a country, a segment, a service level and a kind as the page does', () => {
  expect(historyValue('locale', 'fa-IR')).toBe('Persian (Iran)');
  expect(historyValue('country', 'IR')).toBe('Iran');
  expect(historyValue('segment', 'small_business')).toBe('Small business');
  expect(historyValue('serviceLevel', 'premier')).toBe('Premier');
  expect(historyValue('kind', 'organisation')).toBe('Organisation');
  expect(historyValue('warrantyEnd', '2026-03-01')).toBe('Mar 1, 2026');
  expect(historyValue('phone', '+989121234567')).toBe('+98 912 123 4567');
  expect(historyValue('country', null)).toBe('–');
  expect(historyChange('country', 'US', 'IR')).toBe('United States → Iran');
  expect(historyChange('locale', 'en-US', 'fa-IR')).toBe('American English → Persian (Iran)');
});

it('keeps what it does not know as it was written', () => {
  expect(historyValue('segment', 'retail')).toBe('retail');
  expect(historyValue('name', 'fa')).toBe('fa');
  expect(historyValue('model', 'Latitude 5440')).toBe('Latitude 5440');
});

it('says them in Persian, from and to in a right-to-left sentence', async () => {
  await setLocale('fa', 'arabext');
  expect(historyValue('locale', 'fa-IR')).toBe('فارسی (ایران)');
  expect(historyValue('country', 'DE')).toBe('آلمان');
  const line = historyChange('country', 'US', 'IR');
  expect(line).toBe('از ایالات متحده به ایران');
  expect(historyChange('locale', 'en-US', 'fa-IR')).not.toMatch(/[a-z→]/i);
  // A phone keeps its own left-to-right window in the Persian sentence.
  expect(historyChange('phone', '+989121234567', null)).toBe(`از ${isolated(historyValue('phone', '+989121234567'))} به –`);
  await setLocale('en', 'latn');
});

it('is how the record history on the customer page shows each change', async () => {
  const { default: panel } = await import('./RecordPanel.tsx?raw');
  expect(panel).toContain('{historyChange(c.field, c.from, c.to)}');
});
