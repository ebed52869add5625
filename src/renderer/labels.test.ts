import { expect, it } from 'vitest';
import { personName, shareOfAll } from './labels';

it('never calls a count that is there "0 %" of all, nor one short of all "100 %"', () => {
  expect(shareOfAll(2, 3000)).toBe('under 1 % of all');
  expect(shareOfAll(0, 3000)).toBe('0 % of all');
  expect(shareOfAll(2999, 3000)).toBe('over 99 % of all');
  expect(shareOfAll(3000, 3000)).toBe('100 % of all');
  expect(shareOfAll(750, 3000)).toBe('25 % of all');
});

it('says an import’s account in the reader’s words and any person’s name as stored', async () => {
  const { setLocale } = await import('./i18n/state');
  expect(personName('Import from zendesk')).toBe('Import from Zendesk');
  expect(personName('Ava Martin')).toBe('Ava Martin');
  await setLocale('fa', 'arabext');
  try {
    expect(personName('Import from csv')).toBe('درون‌ریزی از پروندهٔ سی‌اس‌وی');
    expect(personName('Import from nowhere')).toBe('Import from nowhere');
  } finally {
    await setLocale('en', 'latn');
  }
});
