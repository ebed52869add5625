import { expect, it } from 'vitest';
import { lookupMayRegister, lookupMessage, lookupTitleKey, personName, shareOfAll } from './labels';

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

it('says in Persian, as in English, what a service tag and an Express Service Code look like when the lookup refuses what was typed', async () => {
  // A Persian agent who keyed in a 13-digit code read only that it was neither a phone number
  // nor an Express Service Code, not what one is (the English said both shapes).
  const { setLocale } = await import('./i18n/state');
  await setLocale('fa', 'arabext');
  try {
    for (const key of ['notPhoneOrCode', 'notTag']) {
      const said = lookupMessage({ message: 'the desk’s English', key, params: { query: '1234567890123' } });
      expect(said, key).toContain('1234567890123');
      expect(said, key).toContain('7XK2QF1');
      expect(said, key).toContain('کد سرویس سریع عدد ده یا یازده رقمی');
      expect(said, key).not.toContain('اکسپرس');
    }
  } finally {
    await setLocale('en', 'latn');
  }
});

it('says what a lookup that found nothing tried, in the reader’s words, the phone as the 360° view shows it', async () => {
  // The Persian window read only «(415) 555-0100» چیزی پیدا نشد, and the English gave the
  // phone as the desk stores it: "Nothing found for Express Service Code 4155550100, or phone +14155550100."
  const none = { message: 'Nothing found for Express Service Code 4155550100, or phone +14155550100.', key: 'nothingFound', params: { query: '(415) 555-0100', express: '4155550100', phone: '+14155550100' } };
  expect(lookupMessage(none)).toBe('Nothing found for Express Service Code 4155550100 or phone +1\u00a0415\u00a0555\u00a00100.');
  expect(lookupMessage({ message: 'x', key: 'nothingFound', params: { query: 'zzqq', name: 'zzqq' } })).toBe('Nothing found for names with a word starting “zzqq”.');
  const { setLocale } = await import('./i18n/state');
  await setLocale('fa', 'arabext');
  try {
    expect(lookupMessage(none)).toBe('برای \u2068کد سرویس سریع 4155550100 یا تلفن \u2068+1\u00a0415\u00a0555\u00a00100\u2069\u2069 چیزی پیدا نشد.');
    expect(lookupMessage({ message: 'x', key: 'nothingFound', params: { query: 't 999999', ticket: 'T-999999' } })).toBe('برای \u2068تیکت \u2068T-999999\u2069\u2069 چیزی پیدا نشد.');
    // An answer from a desk that does not say what it tried is still said in Persian.
    expect(lookupMessage({ message: 'Nothing found for "x".', key: 'nothingFound', params: { query: 'xyz' } })).toBe('برای «\u2068xyz\u2069» چیزی پیدا نشد.');
  } finally {
    await setLocale('en', 'latn');
  }
});

it('offers no registering of a caller when only a ticket number was looked up and found nowhere', () => {
  // "T-999999" found nothing, under "No customer found" and "Register a new customer".
  const ticket = { kind: 'none', key: 'nothingFound', params: { query: 'T-999999', ticket: 'T-999999' } };
  expect(lookupMayRegister(ticket)).toBe(false);
  expect(lookupTitleKey(ticket)).toBe('lookup.noTicketTitle');
  // A tag, a code, a phone, an email or a name found nowhere: that caller may be registered.
  const callers: Record<string, string>[] = [{ tag: '7XK2QF0' }, { express: '4155550100', phone: '+14155550100' }, { email: 'a@b.example' }, { name: 'Zed' }];
  for (const tried of callers) {
    const none = { kind: 'none', key: 'nothingFound', params: { query: 'q', ...tried } };
    expect(lookupMayRegister(none)).toBe(true);
    expect(lookupTitleKey(none)).toBe('lookup.noneTitle');
  }
  expect(lookupTitleKey({ kind: 'none', key: 'otherTeam', params: { name: 'M', segment: 'home' } })).toBe('lookup.otherTeamTitle');
});

it('says a customer served by another team in the reader’s words, and offers no registering of them', async () => {
  // Ben (education and government) looked up Maria (home): the Persian window showed the desk's
  // English, under "No customer found" and a link to register her again.
  const maria = { kind: 'none', message: 'Maria Gonzalez is served by the home team; transfer the caller there.', key: 'otherTeam', params: { name: 'Maria Gonzalez', segment: 'home' } };
  const jordans = { kind: 'none', message: 'x', key: 'otherTeams', params: { query: 'Jordan', segments: 'small_business,home' } };
  expect(lookupMessage(maria)).toBe('Maria Gonzalez is served by another team (Home): transfer the caller there.');
  expect(lookupMessage(jordans)).toBe('Every customer matching “Jordan” is served by another team (Small business and Home): transfer the caller there.');
  expect([maria, jordans, { kind: 'none', key: 'nothingFound' }].map(lookupMayRegister)).toEqual([false, false, true]);
  const { setLocale } = await import('./i18n/state');
  await setLocale('fa', 'arabext');
  try {
    expect(lookupMessage(maria)).toBe('\u2068Maria Gonzalez\u2069 مشتری تیم دیگری است (خانگی): تماس را به آن تیم منتقل کنید.');
  } finally {
    await setLocale('en', 'latn');
  }
});

it('says of an Express code found one digit or one swap away what was typed and the code it differs from, in Persian with Persian digits', async () => {
  const { candidateDetail } = await import('./labels');
  const near = (swapped: 'yes' | 'no') => ({
    customerId: 'c', customerName: 'Lakeside', segment: 'education' as const, matchedBy: 'express' as const, assetId: 'a', detail: 'the desk’s English',
    phone: null, email: null, systems: 1, lastContactAt: null,
    params: { code: '17267580029', tag: '7XK2QF1', model: 'Latitude 5440', typed: swapped === 'yes' ? '17267850029' : '17267590029', swapped },
  });
  expect(candidateDetail(near('no'))).toBe('Service tag 7XK2QF1 · Latitude 5440 (you typed 17267590029; the code that differs by one digit is 17267580029: check it with the caller)');
  expect(candidateDetail(near('yes'))).toContain('you typed 17267850029; the code with those two neighbouring digits swapped is 17267580029');
  const { setLocale } = await import('./i18n/state');
  await setLocale('fa', 'arabext');
  try {
    const said = candidateDetail(near('no'));
    expect(said).toContain('۱۷۲۶۷۵۹۰۰۲۹');
    expect(said).toContain('۱۷۲۶۷۵۸۰۰۲۹');
    expect(said).toContain('فقط در یک رقم');
    expect(candidateDetail(near('yes'))).toContain('جابه‌جا');
  } finally {
    await setLocale('en', 'latn');
  }
});
