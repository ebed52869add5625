import { expect, it } from 'vitest';
import { readRejectLines, rejectedRowsCsv } from './rejectedRows';

it('makes the refused rows a CSV to correct and import again: their own columns, then why each was refused', () => {
  const lines = [
    JSON.stringify({ file: '/x/a.csv', row: 3, reason: 'phone: too short.', record: { Customer: 'Müller, Hans', Tel: '12', Notes: 'said "call back"\nlater' } }),
    JSON.stringify({ file: '/x/missing.csv', row: null, reason: 'no such file' }),
    JSON.stringify({ file: '/x/b.csv', row: 2, reason: 'segment: unknown.', record: { Customer: 'سارا احمدی', Segment: 'gizmo' } }),
    '{"file": "/x/a.csv", "row": 9, "rea',
  ].join('\n');
  const rows = readRejectLines(lines);
  expect(rows.map((r) => r.row)).toEqual([3, null, 2]);
  const csv = rejectedRowsCsv(rows, 'Rejected because')!;
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.slice(1).split('\r\n')).toEqual(['Customer,Tel,Notes,Segment,Rejected because', '"Müller, Hans",12,"said ""call back""\nlater",,phone: too short.', 'سارا احمدی,,,gizmo,segment: unknown.', '']);
  // The reason in the reader's words, when the screen makes it.
  expect(rejectedRowsCsv(rows, 'دلیل', (r) => `«${r.reason}»`)).toContain('«segment: unknown.»');
  // Only a file refused as a whole: no row to correct.
  expect(rejectedRowsCsv(rows.filter((r) => r.row === null), 'Rejected because')).toBeNull();
  // A file with a column of that name keeps it.
  expect(rejectedRowsCsv([{ file: 'f', row: 2, reason: 'r', record: { 'Rejected because': 'x' } }], 'Rejected because')!.split('\r\n')[0]).toBe('\uFEFFRejected because,"Rejected because "');
});
