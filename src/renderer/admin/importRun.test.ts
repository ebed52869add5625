import { describe, expect, it } from 'vitest';
import { fa } from '../i18n/fa';
import { setLocale } from '../i18n/state';
import { say } from '../../shared/messageKeys';
import { alreadyImported, fieldIssues, rejectedRowsFile, fileProblemReason, systemColumnsMissing, unmappedFieldsReason, type FinishedRun, pathShown } from './importRun';

// The import's button after a run: the same files are not imported twice by a second click.

const FILES = ['/exports/companies.csv', '/exports/contacts.csv'];

it('after a real import of these files, they are imported: the button does not run it again', () => {
  const done: FinishedRun = { from: 'freshdesk', files: [...FILES], dryRun: false };
  expect(alreadyImported(done, 'freshdesk', FILES)).toBe(true);
  // Listed in another order, they are the same files (each is recognised by its content).
  expect(alreadyImported(done, 'freshdesk', [...FILES].reverse())).toBe(true);
});

it('a trial run, or no run yet, leaves the import to be run', () => {
  expect(alreadyImported(null, 'csv', FILES)).toBe(false);
  expect(alreadyImported({ from: 'csv', files: FILES, dryRun: true }, 'csv', FILES)).toBe(false);
});

it('another file, one file more or fewer, or another source is a new import', () => {
  const done: FinishedRun = { from: 'csv', files: FILES, dryRun: false };
  expect(alreadyImported(done, 'csv', ['/exports/tickets.csv'])).toBe(false);
  expect(alreadyImported(done, 'csv', [...FILES, '/exports/tickets.csv'])).toBe(false);
  expect(alreadyImported(done, 'csv', FILES.slice(0, 1))).toBe(false);
  expect(alreadyImported(done, 'zendesk', FILES)).toBe(false);
  expect(alreadyImported(done, 'csv', [])).toBe(false);
});

it('a CSV mapped with a service tag but no column for what a system needs says so before the run, naming those fields', async () => {
  // Name, Phone, Email, Segment and Service tag mapped: every row with a tag was refused, its
  // customer too, each reject telling the admin to correct an export that had no such column.
  const mapping = { name: 'Name', phone: 'Phone', email: 'Email', segment: 'Segment', serviceTag: 'Service tag' };
  expect(systemColumnsMissing(mapping)).toBe(
    'A system needs its Product line, Model, Ship date, Warranty ends as well as its service tag, and no column is chosen for them: every row with a service tag would be refused, its customer too. Choose those columns, or clear Service tag to import the customers without their systems.',
  );
  // Only the ones still missing are named; none, or no service tag, says nothing.
  expect(systemColumnsMissing({ ...mapping, productLine: 'Line', model: 'Model', shipDate: 'Shipped' })).toMatch(/needs its Warranty ends as well/);
  expect(systemColumnsMissing({ ...mapping, productLine: 'Line', model: 'Model', shipDate: 'Shipped', warrantyEnd: 'Until' })).toBeNull();
  expect(systemColumnsMissing({ name: 'Name', serviceTag: '' })).toBeNull();
  await setLocale('fa', 'arabext');
  try {
    expect(systemColumnsMissing(mapping)).toContain(fa['data.field.productLine']);
  } finally {
    await setLocale('en', 'latn');
  }
});

it('a row refused for fields no column was chosen for says to choose those columns, naming them, not to correct the export', async () => {
  // As the importer says it (unmappedFields): the fields, as the mapping screen names them.
  const params = { fields: 'model, shipDate' };
  expect(unmappedFieldsReason(params)).toBe(
    'No column was chosen for Model, Ship date on the mapping screen: the file is not at fault, the row had nothing there to read. Under Column mapping, choose a column for each and import again.',
  );
  expect(unmappedFieldsReason(params)).not.toMatch(/correct/i);
  await setLocale('fa', 'arabext');
  try {
    const said = unmappedFieldsReason(params);
    expect(said).toContain(`${fa['data.field.model']}، ${fa['data.field.shipDate']}`);
    expect(said).toContain(fa['data.mapping']);
    expect(said).not.toContain(fa['data.reject.invalidFields'].split(':')[0]!);
  } finally {
    await setLocale('en', 'latn');
  }
});

it('a file the import could not use says why, as its check does: no such file, or an export of another desk than the one chosen', async () => {
  // The importer's whole-file reject (fileUnreadable) with the problem it found.
  const missing = { problem: 'unreadable', file: '/exports/contacts.csv', error: 'ENOENT' };
  expect(fileProblemReason(missing)).toBe('/exports/contacts.csv cannot be read (no such file).');
  expect(fileProblemReason({ problem: 'jsonNotZendesk', file: '/exports/users.json' })).toBe('/exports/users.json is JSON; only a Zendesk import reads JSON exports.');
  // A reject without its problem (an older rejects list) keeps the general sentence.
  expect(fileProblemReason({})).toBe('This file is not one of the export’s pages or CSVs.');
  await setLocale('fa', 'arabext');
  try {
    expect(fileProblemReason(missing)).toBe(fa['data.fileProblem.unreadable'].replace('{file}', '\u2068/exports/contacts.csv\u2069').replace('{error}', fa['data.fileError.ENOENT']));
  } finally {
    await setLocale('en', 'latn');
  }
});

it('a row with several problems lists each field with what to fix in it, in English and in Persian', async () => {
  // As the importer says a row with a bad segment, service level and phone: one reject.
  const params = {
    fields: 'segment, serviceLevel, phone',
    'issue.segment': say('segmentUnknown', { other: 'gizmo', examples: 'education, government, small_business, large_enterprise, home' }),
    'issue.serviceLevel': say('serviceLevelUnknown', { other: 'gold', examples: 'premier, standard, basic' }),
    'issue.phone': say('phoneOrEmail'),
  };
  expect(fieldIssues(params).map((i) => `${i.name}: ${i.issue}`)).toEqual([
    'Segment: “gizmo” is not a segment the desk knows: write one of education, government, small_business, large_enterprise, home.',
    'Service level: “gold” is not a service level the desk knows: write one of premier, standard, basic, or leave it empty for the segment’s own.',
    'Phone: Give a phone number or an email address, so the desk can call back.',
  ]);
  await setLocale('fa', 'arabext');
  try {
    const said = fieldIssues(params);
    expect(said.map((i) => i.name)).toEqual([fa['data.field.segment'], fa['data.field.serviceLevel'], fa['data.field.phone']]);
    expect(said[0]!.issue).toMatch(/^بخش «\u2068?gizmo\u2069?» برای میز کار ناشناخته است/);
    expect(said[1]!.issue).toMatch(/^سطح خدمت «\u2068?gold\u2069?»/);
    expect(said[2]!.issue).toBe(fa['apiError.phoneOrEmail']);
  } finally {
    await setLocale('en', 'latn');
  }
});

it('a local number refused on a desk elsewhere says, in Persian too, how to write it in the file, not to choose a country the import has no field for', async () => {
  const params = { fields: 'phone', 'issue.phone': 'This is a phone number in Iran: write it with its country code, as +98 912 345 6789, or give the row a Country column with the country’s two-letter code (IR) and choose it for Country.' };
  await setLocale('fa', 'arabext');
  try {
    const [phone] = fieldIssues(params);
    expect(phone!.issue).toMatch(/^این شمارهٔ تلفنی در ایران است: آن را در پرونده با کد کشورش بنویسید، مانند \u2066\u2068?\+98 912 345 6789\u2069?\u2069، یا ستونی برای کشور با کد دوحرفی آن \(\u2066\u2068?IR\u2069?\u2069\)/);
  } finally {
    await setLocale('en', 'latn');
  }
});

it('the rejected rows download as a CSV of their own columns and why each was refused, in the reader’s words', async () => {
  const rows: Parameters<typeof rejectedRowsFile>[0] = [
    { file: '/x/c.csv', row: 2, reason: 'phone: short', key: 'invalidFields' as const, params: { fields: 'phone', 'issue.phone': say('phoneOrEmail') }, record: { Customer: 'Ada Park', Tel: '' } },
    { file: '/x/c.csv', row: 3, reason: 'service tag ADA1234 is already on row 2 of this file', key: 'tagTakenInFile' as const, params: { tag: 'ADA1234', row: '2' }, record: { Customer: 'Bo Lind', Tel: '+1 512 555 0177' } },
  ];
  expect(rejectedRowsFile(rows)!.slice(1).split('\r\n')).toEqual([
    'Customer,Tel,Rejected because',
    'Ada Park,,"These fields do not pass the desk’s rules: Phone. Correct them in the export and import it again. Phone: Give a phone number or an email address, so the desk can call back."',
    'Bo Lind,+1 512 555 0177,"Service tag ADA1234 is already on row 2 of this file, for another customer. Correct the tag on one of the two rows."',
    '',
  ]);
  await setLocale('fa', 'arabext');
  try {
    const [header, first, second] = rejectedRowsFile(rows)!.slice(1).split('\r\n');
    expect(header).toBe(`Customer,Tel,${fa['data.rejectedRowsColumn']}`);
    expect(first).toContain(`${fa['data.field.phone']}: ${fa['apiError.phoneOrEmail']}`);
    // The row as a Persian reader numbers it, and no isolation marks in a spreadsheet's cell.
    expect(second).toContain('ردیف ۲ همین فایل');
    expect(second).not.toMatch(/[\u2066-\u2069]/);
  } finally {
    await setLocale('en', 'latn');
  }
});

describe('pathShown', () => {
  it('names the rejects file and gives its folder in pieces ending at a separator, so a line breaks between folders, not inside a name', () => {
    expect(pathShown('/home/admin/.config/Tagdesk/imports/rejects-2026-12-07T05-36-57-000Z.jsonl')).toEqual({
      name: 'rejects-2026-12-07T05-36-57-000Z.jsonl',
      folder: ['/', 'home/', 'admin/', '.config/', 'Tagdesk/', 'imports/'],
    });
    expect(pathShown('C:\\Users\\Admin\\AppData\\Tagdesk\\r.jsonl')).toEqual({ name: 'r.jsonl', folder: ['C:\\', 'Users\\', 'Admin\\', 'AppData\\', 'Tagdesk\\'] });
    expect(pathShown('r.jsonl')).toEqual({ name: 'r.jsonl', folder: [] });
  });
});
