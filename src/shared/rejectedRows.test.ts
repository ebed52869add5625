import { expect, it } from 'vitest';
import { readRejectLines, rejectedRowsTable } from './rejectedRows';

it('makes the refused rows a table to correct and import again: their own columns, then why each was refused', () => {
  const lines = [
    JSON.stringify({ file: '/x/a.csv', row: 3, reason: 'phone: too short.', record: { Customer: 'Müller, Hans', Tel: '12', Notes: 'said "call back"\nlater' } }),
    JSON.stringify({ file: '/x/missing.csv', row: null, reason: 'no such file' }),
    JSON.stringify({ file: '/x/b.csv', row: 2, reason: 'segment: unknown.', record: { Customer: 'سارا احمدی', Segment: 'gizmo' } }),
    '{"file": "/x/a.csv", "row": 9, "rea',
  ].join('\n');
  const rows = readRejectLines(lines);
  expect(rows.map((r) => r.row)).toEqual([3, null, 2]);
  expect(rejectedRowsTable(rows, 'Rejected because')).toEqual([
    ['Customer', 'Tel', 'Notes', 'Segment', 'Rejected because'],
    ['Müller, Hans', '12', 'said "call back"\nlater', '', 'phone: too short.'],
    ['سارا احمدی', '', '', 'gizmo', 'segment: unknown.'],
  ]);
  // The reason in the reader's words, when the screen makes it.
  expect(rejectedRowsTable(rows, 'دلیل', (r) => `«${r.reason}»`)?.[2]?.at(-1)).toBe('«segment: unknown.»');
  // Only a file refused as a whole: no row to correct.
  expect(rejectedRowsTable(rows.filter((r) => r.row === null), 'Rejected because')).toBeNull();
  // A file with a column of that name keeps it.
  expect(rejectedRowsTable([{ file: 'f', row: 2, reason: 'r', record: { 'Rejected because': 'x' } }], 'Rejected because')![0]).toEqual(['Rejected because', 'Rejected because ']);
});
