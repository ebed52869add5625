import { afterAll, expect, it } from 'vitest';
import { isolated } from '../i18n';
import { setLocale } from '../i18n/state';
import type { RecordEvent } from '../../shared/customerEvents';
import { contactButtonName, historyChange, historyOrigins, historyTitle, historyValue, qualityHint } from './historyValue';

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
  // A phone number is one word to the line breaker: "+98" was left at a line's end, the rest
  // under it (the history at 420 px, in Persian).
  expect(historyValue('phone', '+989121234567')).toBe('+98\u00a0912\u00a0123\u00a04567');
  expect(historyValue('country', null)).toBe('–');
  expect(historyChange('country', 'US', 'IR')).toBe(`${isolated('United States')} → ${isolated('Iran')}`);
  expect(historyChange('locale', 'en-US', 'fa-IR')).toBe(`${isolated('American English')} → ${isolated('Persian (Iran)')}`);
  // Two Persian names in an English page: each in its own window, so the old one stays first.
  expect(historyChange('name', 'پریسا', 'مریم')).toBe(`${isolated('پریسا')} → ${isolated('مریم')}`);
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

// An imported record's history read "Imported from zendesk" by "Import from zendesk", and in
// Persian «درون‌ریزی‌شده از zendesk» by "Import from zendesk": the source by its code.
it('names an import’s source and its account in the reader’s words', async () => {
  const imported = {
    id: '0190a2b3-aaaa-7000-8000-00000000a1b2',
    customerId: '0190a2b3-aaaa-7000-8000-00000000c3d4',
    type: 'CUSTOMER_IMPORTED',
    at: 0,
    actor: { id: 'u', name: 'Import from zendesk', role: 'admin' },
    payload: { v: 1, entity: 'customer', entityId: '0190a2b3-aaaa-7000-8000-00000000c3d4', changes: [], note: { source: 'zendesk' } },
  } as const satisfies RecordEvent;
  expect(historyTitle(imported)).toBe('Imported from Zendesk');
  expect(historyTitle({ ...imported, payload: { ...imported.payload, note: { source: 'csv' } } })).toBe('Imported from CSV');
  await setLocale('fa', 'arabext');
  expect(historyTitle({ ...imported, payload: { ...imported.payload, note: { source: 'csv' } } })).toBe('درون‌ریزی‌شده از پروندهٔ سی‌اس‌وی');
  expect(historyTitle(imported)).not.toMatch(/[a-z]/i);
  await setLocale('en', 'latn');
});

// After a merge the survivor's history read "Record created" twice, and a phone change the
// survivor never had, with nothing to say which record each was on.
it('says which merged record an event of the history was on', async () => {
  const survivor = '0190a2b3-aaaa-7000-8000-00000000a1b2';
  const merged = '0190a2b3-aaaa-7000-8000-00000000c3d4';
  const event = (id: string, customerId: string, type: RecordEvent['type'], changes: RecordEvent['payload']['changes'], entity: RecordEvent['payload']['entity'] = 'customer'): RecordEvent => ({
    id,
    customerId,
    type,
    at: 0,
    actor: { id: 'u', name: 'Ava Martin', role: 'agent' },
    payload: { v: 1, entity, entityId: customerId, changes },
  });
  // Newest first, as the desk sends it.
  const history = [
    event('e5', survivor, 'CUSTOMER_MERGED', []),
    event('e4', merged, 'CONTACT_ADDED', [{ field: 'name', from: null, to: 'Luis Gonzalez' }], 'contact'),
    event('e3', merged, 'CUSTOMER_CHANGED', [{ field: 'name', from: 'Maria Gonzales', to: 'María Gonzales' }]),
    event('e2', merged, 'CUSTOMER_CREATED', [{ field: 'name', from: null, to: 'Maria Gonzales' }]),
    event('e1', survivor, 'CUSTOMER_CREATED', [{ field: 'name', from: null, to: 'Maria Gonzalez' }]),
  ];
  const origin = historyOrigins(history, survivor);
  expect(history.map(origin)).toEqual([null, 'On the merged record María Gonzales', 'On the merged record María Gonzales', 'On the merged record María Gonzales', null]);
  expect(historyOrigins([event('x', merged, 'CONTACT_CHANGED', [], 'contact')], survivor)(event('x', merged, 'CONTACT_CHANGED', [], 'contact'))).toBe('On a record merged into this one');
  await setLocale('fa', 'arabext');
  expect(origin(history[1]!)).toBe(`در سابقهٔ ادغام‌شدهٔ ${isolated('María Gonzales')}`);
  await setLocale('en', 'latn');
});

// The merge's line read «تیکت‌های منتقل‌شده: 1؛ سیستم‌های منتقل‌شده: 3» in Persian: Latin digits.
it('says a merge’s counts in the reader’s digits', async () => {
  const merged: RecordEvent = {
    id: '0190a2b3-aaaa-7000-8000-00000000a1b2',
    customerId: '0190a2b3-aaaa-7000-8000-00000000c3d4',
    type: 'CUSTOMER_MERGED',
    at: 0,
    actor: { id: 'u', name: 'Ava Martin', role: 'agent' },
    payload: { v: 1, entity: 'customer', entityId: '0190a2b3-aaaa-7000-8000-00000000c3d4', changes: [], note: { tickets: 1, assets: 3 } },
  };
  expect(historyTitle(merged)).toBe('Records merged (tickets moved: 1; systems moved: 3)');
  await setLocale('fa', 'arabext');
  expect(historyTitle(merged)).toBe('سابقه‌ها ادغام شدند (تیکت‌های منتقل‌شده: ۱؛ سیستم‌های منتقل‌شده: ۳)');
  await setLocale('en', 'latn');
});

// The survivor's history said "Records merged" and nothing of whom; a demo's or an import's
// record, whose own events never named it, had its events read "On a record merged into this one".
it('names the record merged away, by what the merge kept of it, in English and Persian', async () => {
  const survivor = '0190a2b3-aaaa-7000-8000-00000000a1b2';
  const merged = '0190a2b3-aaaa-7000-8000-00000000c3d4';
  const base = { at: 0, actor: { id: 'u', name: 'Ava Martin', role: 'agent' } } as const;
  const merge: RecordEvent = {
    ...base,
    id: 'e3',
    customerId: survivor,
    type: 'CUSTOMER_MERGED',
    payload: { v: 1, entity: 'customer', entityId: survivor, changes: [], note: { mergedId: merged, survivorId: survivor, mergedName: 'Parisa Ahmadi', mergedEmail: 'parisa@example.com', mergedPhone: '+989121234567', tickets: 2, assets: 1 } },
  };
  const imported: RecordEvent = { ...base, id: 'e2', customerId: merged, type: 'CUSTOMER_IMPORTED', payload: { v: 1, entity: 'customer', entityId: merged, changes: [], note: { source: 'csv' } } };
  const contact: RecordEvent = { ...base, id: 'e1', customerId: merged, type: 'CONTACT_CHANGED', payload: { v: 1, entity: 'contact', entityId: merged, changes: [] } };
  const history = [merge, imported, contact];
  // The name, and the phone (as the merge screen tells two records apart: phone, then email).
  expect(historyTitle(merge)).toBe(`Merged from ${isolated('Parisa Ahmadi')}, ${isolated('+98\u00a0912\u00a0123\u00a04567')} (tickets moved: 2; systems moved: 1)`);
  const noPhone = { ...merge, payload: { ...merge.payload, note: { ...merge.payload.note, mergedPhone: null } } };
  expect(historyTitle(noPhone)).toBe(`Merged from ${isolated('Parisa Ahmadi')}, ${isolated('parisa@example.com')} (tickets moved: 2; systems moved: 1)`);
  const nameOnly = { ...merge, payload: { ...merge.payload, note: { ...merge.payload.note, mergedPhone: null, mergedEmail: null } } };
  expect(historyTitle(nameOnly)).toBe(`Merged from ${isolated('Parisa Ahmadi')} (tickets moved: 2; systems moved: 1)`);
  const origin = historyOrigins(history, survivor);
  expect(history.map(origin)).toEqual([null, 'On the merged record Parisa Ahmadi', 'On the merged record Parisa Ahmadi']);
  // Erased on request: what the merge kept of them is gone, and the line reads as it did.
  const erased = { ...merge, payload: { ...merge.payload, note: { ...merge.payload.note, mergedName: '(erased)', mergedEmail: '(erased)', mergedPhone: '(erased)' } } };
  expect(historyTitle(erased)).toBe('Records merged (tickets moved: 2; systems moved: 1)');
  await setLocale('fa', 'arabext');
  expect(historyTitle(merge)).toBe(`سابقهٔ ${isolated('Parisa Ahmadi')}، ${isolated('+98\u00a0912\u00a0123\u00a04567')} در این سابقه ادغام شد (تیکت‌های منتقل‌شده: ۲؛ سیستم‌های منتقل‌شده: ۱)`);
  expect(historyTitle(nameOnly)).toBe(`سابقهٔ ${isolated('Parisa Ahmadi')} در این سابقه ادغام شد (تیکت‌های منتقل‌شده: ۲؛ سیستم‌های منتقل‌شده: ۱)`);
  expect(origin(contact)).toBe(`در سابقهٔ ادغام‌شدهٔ ${isolated('Parisa Ahmadi')}`);
  await setLocale('en', 'latn');
});

it('names a contact’s button on the record by what it does', async () => {
  expect(contactButtonName({ name: 'Luis Gonzalez', phone: '+12065550177' })).toBe('Edit Luis Gonzalez · +1 206 555 0177');
  expect(contactButtonName({ name: 'Luis Gonzalez', phone: null })).toBe('Edit Luis Gonzalez');
  await setLocale('fa', 'arabext');
  expect(contactButtonName({ name: 'لوئیس', phone: null })).toBe('ویرایش لوئیس');
  await setLocale('en', 'latn');
});

// "Data quality 62" said the rule on hover only, not what this record lacks, and Tab never reached it.
it('says what would raise a record’s data quality, on focus and to a screen reader too', async () => {
  expect(qualityHint({ fixes: [] })).toBe('Complete, valid, unique and recently confirmed details score 100.');
  expect(qualityHint({ fixes: ['addEmail', 'confirmDetails'] })).toBe('Complete, valid, unique and recently confirmed details score 100. To raise it: add an email, confirm details.');
  await setLocale('fa', 'arabext');
  expect(qualityHint({ fixes: ['mergeDuplicate', 'addPhone'] })).toBe('جزئیات کامل، معتبر، یکتا و به‌تازگی تأییدشده امتیاز ۱۰۰ می‌گیرند. برای بالا بردن آن: ادغام سابقهٔ تکراری، افزودن تلفن.');
  await setLocale('en', 'latn');
});
