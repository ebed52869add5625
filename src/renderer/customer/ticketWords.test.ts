import { expect, it } from 'vitest';
import { ticketsWithWords } from './ticketWords';

const rows = [
  { number: 'T-000001', subject: 'Wi-Fi drops every few minutes', serviceTag: '7XK2QF1' },
  { number: 'T-000002', subject: 'Cannot boot: no bootable device', serviceTag: 'TPQR2C4' },
  { number: 'T-000004', subject: 'Cannot boot: no bootable device', serviceTag: '6YRXWLX' },
  { number: 'T-000009', subject: 'صفحه‌کلید کار نمی‌کند', serviceTag: null },
];
const numbers = (query: string) => ticketsWithWords(rows, query).map((r) => r.number);

it('finds past tickets by the starts of the words of their subject, tag or number, in any order', () => {
  expect(numbers('')).toHaveLength(4);
  expect(numbers('  BOOT ')).toEqual(['T-000002', 'T-000004']);
  expect(numbers('device boot 6yrx')).toEqual(['T-000004']);
  expect(numbers('wifi')).toEqual(['T-000001']);
  expect(numbers('wi-fi drops')).toEqual(['T-000001']);
  expect(numbers('000002')).toEqual(['T-000002']);
  expect(numbers('oot')).toEqual([]);
  // Persian typed with the Arabic kaf, as some keyboards give it.
  expect(numbers('كار')).toEqual(['T-000009']);
  expect(numbers('printer')).toEqual([]);
});

it('heads a list narrowed by the caller’s words "2 of 3", not the total alone, in English and in Persian digits', async () => {
  const { pastTicketsHeading } = await import('./ticketWords');
  expect(pastTicketsHeading(rows.length, 2, 'boot')).toBe('Past tickets (2 of 4)');
  expect(pastTicketsHeading(rows.length, 0, 'printer')).toBe('Past tickets (0 of 4)');
  // Not narrowed (nothing typed, or no word in it): the total, as before.
  expect(pastTicketsHeading(rows.length, 4, '')).toBe('Past tickets (4)');
  expect(pastTicketsHeading(rows.length, 4, ' ?? ')).toBe('Past tickets (4)');
  const { setLocale } = await import('../i18n/state');
  await setLocale('fa', 'arabext');
  try {
    expect(pastTicketsHeading(3, 2, 'boot')).toBe('تیکت‌های گذشته (۲ از ۳)');
  } finally {
    await setLocale('en', 'latn');
  }
});
