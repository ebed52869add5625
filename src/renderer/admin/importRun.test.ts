import { expect, it } from 'vitest';
import { alreadyImported, type FinishedRun } from './importRun';

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
