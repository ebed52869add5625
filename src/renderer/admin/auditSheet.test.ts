import { expect, it } from 'vitest';
import type { AuditRow } from '../../shared/customerApi';
import { auditSheet, sheetTime } from './auditSheet';

// The audit log's export opens in a spreadsheet, in the reader's language.

const row = (over: Partial<AuditRow>): AuditRow => ({
  at: new Date(2026, 11, 6, 18, 41, 9).getTime(),
  userId: '019a40b9-819f-7008-8f5a-5e8e1b590ab9',
  userName: 'Ava Martin',
  customerId: '0194232c-419f-7000-9e73-afe48855754e',
  customerName: 'Maria Gonzalez',
  reason: 'lookup',
  ticketNumber: null,
  ...over,
});

const fa = {
  headings: { when: 'زمان', who: 'چه کسی', whose: 'مشتری', why: 'دلیل', ticket: 'تیکت', customerId: 'شناسهٔ مشتری' },
  reason: (r: AuditRow['reason']) => ({ lookup: 'جست‌وجو', view: 'نمای ۳۶۰ درجه', ticket: 'تیکت', record: 'سابقه', export: 'برون‌بری' })[r],
};

it('writes one row a line under headings in the reader\u2019s language, with times a spreadsheet reads as dates', () => {
  const sheet = auditSheet([row({ reason: 'ticket', ticketNumber: 'T-000123', customerName: 'شرکت آرین' }), row({})], fa);
  // A byte order mark first, or Excel reads UTF-8 Persian as mojibake; CRLF line ends.
  expect(sheet.startsWith('\ufeff')).toBe(true);
  expect(sheet.slice(1).split('\r\n')).toEqual([
    'زمان,چه کسی,مشتری,دلیل,تیکت,شناسهٔ مشتری',
    '2026-12-06 18:41:09,Ava Martin,شرکت آرین,تیکت,T-000123,0194232c-419f-7000-9e73-afe48855754e',
    '2026-12-06 18:41:09,Ava Martin,Maria Gonzalez,جست‌وجو,,0194232c-419f-7000-9e73-afe48855754e',
    '',
  ]);
  expect(sheetTime(new Date(2027, 0, 2, 3, 4, 5).getTime())).toBe('2027-01-02 03:04:05');
});

it('quotes a name holding a comma or a quote, and keeps one that looks like a formula as text', () => {
  const sheet = auditSheet([row({ customerName: 'Smith, Jones & "Co"' }), row({ customerName: '=HYPERLINK("http://x","click")' }), row({ userName: null })], fa);
  const lines = sheet.slice(1).split('\r\n');
  expect(lines[1]).toContain(',"Smith, Jones & ""Co""",');
  expect(lines[2]).toContain(`,"'=HYPERLINK(""http://x"",""click"")",`);
  // A person since removed from the desk is named by their id.
  expect(lines[3]!.split(',')[1]).toBe('019a40b9-819f-7008-8f5a-5e8e1b590ab9');
});
