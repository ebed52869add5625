import { afterAll, expect, it } from 'vitest';
import type { CustomerRecord } from '../../shared/customerApi';
import { setLocale } from '../i18n/state';
import { countryName, languageName } from '../labels';
import { MERGE_FIELDS, type MergeField } from '../../shared/customerApi';
import { isolated, t } from '../i18n';
import { CUSTOMER_FIELD_LABEL } from './fieldLabels';
import { choiceName, holdingLines, mergeBlocked, mergeProblemLines, mergeSides, mergeValue, movesText, offersSwap } from './mergeSides';

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
  // The Persian name in its own window in the English sentence (i18n's interpolate).
  expect(sides.keep.title).toBe(`Keep: ${isolated('پریسا احمدی')}`);
  expect(sides.from.title).toBe(`Merge in: ${isolated('پریسا احمدی')}`);
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

it('shows the language and the country by their names, and no value as none', () => {
  const r = record('x-1', { email: null, phone: null, country: null });
  expect(mergeValue(r, 'locale')).toBe('Persian (Iran)');
  expect(mergeValue(record('x-1', {}), 'country')).toBe('Iran');
  expect([mergeValue(r, 'email'), mergeValue(r, 'phone'), mergeValue(r, 'country')]).toEqual([null, null, null]);
});

// A screen reader said "Name: پریسا احمدی" for both radios of the name field, and "Email: –"
// for a record with none: the agent could not tell which record each radio kept.
it('names each radio by its field, its value and the record it keeps it from', async () => {
  const a = record('0190a-1', { phone: '+989121234567', email: 'parisa@example.ir' });
  const b = record('0190a-2', { phone: '+989351112233', email: null });
  const sides = mergeSides(a, b);
  const names = (f: MergeField) => [choiceName(f, mergeValue(a, f), sides.keep), choiceName(f, mergeValue(b, f), sides.from)];
  for (const f of MERGE_FIELDS) {
    const [keep, from] = names(f);
    expect(keep).not.toBe(from);
    expect(keep).toContain(`${t(CUSTOMER_FIELD_LABEL[f])}: `);
  }
  const [keepName, fromName] = names('name');
  const name = isolated('پریسا احمدی');
  expect(keepName).toBe(`Name: ${name}, from Keep: ${name}, +98 912 123 4567`);
  expect(fromName).toBe(`Name: ${name}, from Merge in: ${name}, +98 935 111 2233`);
  expect(names('email')).toEqual([`Email: parisa@example.ir, from Keep: ${name}, +98 912 123 4567`, `Email: no value, from Merge in: ${name}, +98 935 111 2233`]);
  await setLocale('fa', 'arabext');
  const fa = mergeSides(a, b);
  expect(choiceName('email', mergeValue(b, 'email'), fa.from)).toMatch(/^ایمیل: بدون مقدار، از ادغام از: پریسا احمدی، /);
  expect(choiceName('email', mergeValue(b, 'email'), fa.from)).not.toMatch(/[a-z]/i);
  await setLocale('en', 'latn');
});

// A merge of a record with itself (one id twice, or an old id that now opens the record it was
// merged into) showed the whole form; Merge then said only "Some of what was sent is not valid".
it('says there is nothing to merge when both open one record, and how to merge a duplicate', async () => {
  const a = record('0190a-1', { name: 'Maria Gonzalez' });
  expect(mergeBlocked(a, record('0190a-2', {}))).toBeNull();
  expect(mergeBlocked(a, a)).toBe('Both links open the same record, Maria Gonzalez. To merge a duplicate into it, open its page, choose “Edit details” and then “Merge…” beside the other record.');
  await setLocale('fa', 'arabext');
  expect(mergeBlocked(a, a)).toMatch(/^هر دو پیوند یک سابقه را باز می‌کنند: .*«ویرایش جزئیات» و سپس «ادغام…»/);
  await setLocale('en', 'latn');
});

// A refused merge said "Customers of the education segment are organisations." and not which
// of the eight rows to change; each line now starts with its field, as the table names it.
it('says each reason a merge was refused with the field to change', async () => {
  const problem = { code: 'invalid_input', message: 'Fix the 2 marked fields; nothing was saved.', issues: [
    { path: 'customer.kind', message: 'Customers of the education segment are organisations.' },
    { path: 'customer.email', message: 'Customers of the education segment need an email.' },
  ] };
  expect(mergeProblemLines(problem)).toEqual(['Kind: Customers of the education segment are organisations.', 'Email: Customers of the education segment need an email.']);
  // One that belongs to no field, or no issue at all: the message as it came.
  expect(mergeProblemLines({ message: 'You do not work this segment.', issues: [] })).toEqual(['You do not work this segment.']);
  expect(mergeProblemLines({ message: 'x', issues: [{ path: 'survivorId', message: 'Invalid id' }] })).toEqual(['Invalid id']);
  await setLocale('fa', 'arabext');
  expect(mergeProblemLines({ ...problem, issues: [problem.issues[0]!] })[0]).toMatch(/^نوع: /);
  await setLocale('en', 'latn');
});

// What each record holds (which one the screen keeps is shared/customerRules.test.ts's).
const holding = (id: string, createdAt: number, h: { systems?: number; contacts?: number; open?: number; closed?: number }) => ({
  ...record(id, { createdAt }, h.systems ?? 0),
  holds: { contacts: h.contacts ?? 0, openTickets: h.open ?? 0, closedTickets: h.closed ?? 0 },
});

it('says what each record holds and what a merge moves, in both languages', async () => {
  const established = holding('old', Date.UTC(2024, 2, 3, 12), { systems: 6, contacts: 3, open: 1, closed: 4 });
  expect(holdingLines(established)).toEqual(['6 systems', '3 contacts', '1 open ticket', '4 past tickets', 'created Mar 3, 2024']);
  expect(movesText(established)).toBe('Moves 6 systems, 3 contacts and 5 tickets, with every interaction.');
  expect(movesText(holding('new', 0, {}))).toBe('Moves no systems, no contacts and no tickets, with every interaction.');
  await setLocale('fa', 'arabext');
  expect(holdingLines(established).slice(0, 4)).toEqual(['۶ سیستم', '۳ مخاطب', '۱ تیکت باز', '۴ تیکت گذشته']);
  expect(movesText(established)).toBe('۶ سیستم، ۳ مخاطب و ۵ تیکت همراه با همهٔ تعامل‌ها منتقل می‌شوند.');
  await setLocale('en', 'latn');
});

it('offers to keep the other record when the desk refused to keep the one with less history, and for no other refusal', () => {
  expect(offersSwap({ code: 'refused', key: 'mergeKeepsLess' })).toBe(true);
  // A record changed meanwhile: both are read again, nothing to swap.
  expect(offersSwap({ code: 'conflict', key: 'mergeFromChanged' })).toBe(false);
  expect(offersSwap({ code: 'invalid_input' })).toBe(false);
});
