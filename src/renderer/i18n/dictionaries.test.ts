import { parsePhone } from '../../shared/phone';
import { validateCustomer } from '../../shared/customerRules';
import { sayFieldMessage } from '../sayMessage';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { fa } from './fa';
import { persianWords } from '../../shared/persianWords';
import { formatNumber } from './format';
import { setLocale } from './state';
import { t, tc } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the dictionaries', () => {
  const dictionaries = { en, fa } as Record<string, Record<string, string>>;
  const all = new Set(Object.values(dictionaries).flatMap((d) => Object.keys(d)));

  it.each(Object.keys(dictionaries))('%s has every key any dictionary has, none empty', (name) => {
    const dict = dictionaries[name] ?? {};
    expect([...all].filter((k) => !(k in dict))).toEqual([]);
    expect(Object.entries(dict).filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('fa fills in the same values as en in every message', () => {
    // A plural form may spell its count out ("one ticket") instead of {count}.
    const used = (k: string, text: string) => placeholders(text).filter((p) => !(p === 'count' && /_(zero|one)$/.test(k))).join();
    const differ = Object.keys(en).filter((k) => used(k, en[k as keyof typeof en]) !== used(k, (fa as Record<string, string>)[k] ?? ''));
    expect(differ).toEqual([]);
  });

  it('fa names each ticket action as a thing to do, not as the state it leads to', () => {
    // «حل شد» ("was resolved") on the Resolve button read as the ticket's state, beside
    // «برداشتن», «بستن», «بازگشایی». Only "Customer replied" records what happened, in English too.
    const buttons = Object.entries(fa).filter(([k]) => /^(action|act\.submit)\./.test(k) && !k.endsWith('.CUSTOMER_REPLIED'));
    expect(buttons.length).toBeGreaterThan(15);
    expect(buttons.filter(([, v]) => /(شد|شده)$/.test(v) || Object.values(persianWords.state).includes(v))).toEqual([]);
  });

  it("gives a field's grey example, not the field's name again", () => {
    // «خط محصول» under the label «خط محصول» showed nothing of what to type; English showed "Latitude".
    for (const dict of [en, fa] as Record<string, string>[]) {
      const examples = Object.keys(dict).filter((k) => k.startsWith('record.placeholder.') && `record.${k.slice('record.placeholder.'.length)}` in dict);
      expect(examples.length).toBeGreaterThan(1);
      expect(examples.filter((k) => dict[k] === dict[`record.${k.slice('record.placeholder.'.length)}`])).toEqual([]);
    }
    // Product names are Dell's own, in Latin letters in Persian too.
    expect([fa['record.placeholder.productLine'], fa['record.placeholder.model']]).toEqual([en['record.placeholder.productLine'], en['record.placeholder.model']]);
  });

  it('fa is Persian: no message is left in English', () => {
    // Allowed Latin: key names (Ctrl), the address parameter, the digits sample, a language's own
    // name, a command-line flag to type as it is (--hub), set left to right between LRMs, and
    // the grey examples of a product line and model: Dell's product names are Latin in Iran too
    // (the Persian ones repeated the field's name, «خط محصول», where English showed "Latitude").
    const allowed = new Set(['lookup.shortcut', 'palette.shortcut', 'language.en', 'language.forced', 'digits.latn', 'record.placeholder.productLine', 'record.placeholder.model']);
    const english = Object.entries(fa).filter(([k, v]) => !allowed.has(k) && /[A-Za-z]/.test(v.replace(/\{\w+\}/g, '').replace(/\u200e--[a-z-]+\u200e/g, '')));
    expect(english).toEqual([]);
  });
});

describe('Persian plurals, digits and isolation', () => {
  it('picks plural forms through Intl.PluralRules and writes Persian digits', async () => {
    await setLocale('fa', 'arabext');
    expect(tc('queues.count', 1)).toBe('یک تیکت');
    expect(tc('queues.count', 12)).toBe('۱۲ تیکت');
    expect(tc('mine.waiting', 0)).toBe('کسی در انتظار نیست');
    expect(formatNumber(1234567)).toBe('۱٬۲۳۴٬۵۶۷');
  });

  it('isolates a Latin value inside a right-to-left sentence', async () => {
    await setLocale('fa', 'arabext');
    expect(t('act.done.RESOLVE', { number: 'T-000123' })).toBe('\u2068T-000123\u2069 حل شد.');
    // A phone number has no letter, but its plus sign would follow the sentence to the far side.
    expect(t('candidates.detail.phone', { phone: '+14155550199' })).toBe('تلفن \u2068+14155550199\u2069');
    // Nor has a national number, whose brackets and dash would be drawn in the sentence's order.
    expect(t('record.phoneHint', { national: '(512) 555-0142', international: '+44 20 7946 0958' })).toBe('هر قالبی: \u2068(512) 555-0142\u2069، \u2068+44 20 7946 0958\u2069…');
    await setLocale('en', 'latn');
    expect(t('act.done.RESOLVE', { number: 'T-000123' })).toBe('T-000123 resolved.');
  });

  it('isolates a Persian value inside a left-to-right sentence, once', async () => {
    await setLocale('en', 'latn');
    // First in an English notice, a Persian name made a box laid out by its first letter
    // (dir="auto") right to left: ".registered is چاپخانه کیان".
    expect(t('record.registered', { name: 'چاپخانه کیان' })).toBe('\u2068چاپخانه کیان\u2069 is registered.');
    expect(t('record.registered', { name: 'Maria Gonzalez' })).toBe('Maria Gonzalez is registered.');
    // A value whose Persian is already in a window of its own is not wrapped again.
    expect(t('merge.done', { name: '\u2068چاپخانه کیان\u2069' })).toBe('\u2068چاپخانه کیان\u2069 was merged.');
  });

  it('says what to fix under a field in Persian, for each of the shared rules’ sentences', async () => {
    await setLocale('fa', 'arabext');
    const phone = parsePhone('415 55', 'US');
    const name = validateCustomer({ kind: 'organisation', name: '', segment: 'education', serviceLevel: 'standard', email: '', phone: '', country: '', locale: 'fa-IR' });
    const issues = [...(phone.ok ? [] : [{ path: 'phone', message: phone.message }]), ...(name.ok ? [] : name.issues.map((i) => ({ path: i.field, message: i.message }))), { path: 'date', message: 'Too small: expected string to have >=1 characters' }];
    expect(issues.map((i) => sayFieldMessage(i.message))).toEqual([
      // The example code reads left to right (LRI … PDI): bare, its plus sign went to the far side, «44+».
      'این شماره‌ای کامل برای ایالات متحده نیست. اگر از کشور دیگری است، کد کشور را (مانند \u2066+44\u2069) بیفزایید.',
      'نام سازمان را بنویسید.',
      'بخش آموزشی به نشانی ایمیل نیاز دارد.',
      'بخش آموزشی به شمارهٔ تلفن نیاز دارد.',
      // zod's own wording has no Persian sentence: the plain one.
      'این مقدار را بررسی کنید.',
    ]);
    await setLocale('en', 'latn');
  });

  it('follows the digits preference: Latin digits in Persian', async () => {
    await setLocale('fa', 'latn');
    expect(tc('queues.count', 12)).toBe('12 تیکت');
    await setLocale('en', 'latn');
  });
});

// The system dialog and the record's history said «گارانتی» for the warranty and «پایان ضمانت»
// for its end, side by side: two words for one thing. One word, as the systems table says it.
it('calls the warranty by one word in Persian', () => {
  expect(fa['asset.warranty']).toBe('گارانتی');
  for (const key of ['record.warrantyEnd', 'data.field.warrantyLevel', 'data.field.warrantyEnd'] as const) expect(fa[key]).toContain('گارانتی');
  expect(Object.values(fa).filter((v) => v.includes('ضمانت'))).toEqual([]);
});
