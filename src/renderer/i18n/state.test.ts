import { afterEach, describe, expect, it } from 'vitest';
import { callerLocale } from './index';
import { initFromAddress, localeState, setLocale } from './state';

// `?lang=` in the address wins over a person's remembered language; their remembered digits
// belong to that language, so they must not carry over into the forced one.

describe('a language forced by the address', () => {
  afterEach(async () => {
    initFromAddress('', null);
    await setLocale('en', 'latn');
  });

  it('shows Persian digits to someone whose remembered choice is English with Latin digits', async () => {
    initFromAddress('?lang=fa', null);
    await setLocale('en', 'latn'); // what signing in applies for a person who chose English
    expect(localeState()).toMatchObject({ language: 'fa', digits: 'arabext', direction: 'rtl' });
  });

  it('keeps Latin digits for a Persian reader who chose them', async () => {
    initFromAddress('?lang=fa', null);
    await setLocale('fa', 'latn');
    expect(localeState()).toMatchObject({ language: 'fa', digits: 'latn' });
  });
});

it('gives a caller registered at a Persian desk Persian as their language, and English at an English one', async () => {
  await setLocale('en', 'latn');
  expect(callerLocale()).toBe('en-US');
  await setLocale('fa', 'arabext');
  expect(callerLocale()).toBe('fa-IR');
  await setLocale('en', 'latn');
});
