// The customer data page's import (CustomerDataPage.tsx): once files have been imported for
// real, the same button pressed again imported them a second time. The run is remembered with
// what it read; while the page still names those files from that source, the import is done.

import { CSV_FIELDS, FILE_PROBLEM_CODES, type FileProblemCode } from '../../shared/customerApi';
import { currentLanguage, t } from '../i18n';
import { sayFieldMessage } from '../sayMessage';

export type ImportSource = 'zendesk' | 'freshdesk' | 'csv';

/** A finished run: where from, which files (as listed, trimmed), and whether it was a trial. */
export interface FinishedRun {
  from: ImportSource;
  files: readonly string[];
  dryRun: boolean;
}

/**
 * Whether the files now listed are the ones the last run imported for real: then the page
 * shows that run's result and offers "Import another file", not the import again. A trial run
 * wrote nothing, so it leaves the import (or another trial) to be run; a run that stopped with
 * a problem is no finished run. Another source or another set of files is a new import.
 */
export function alreadyImported(last: FinishedRun | null, from: ImportSource, files: readonly string[]): boolean {
  if (!last || last.dryRun || last.from !== from) return false;
  // The files are read in any order (each is recognised by its content): the same files
  // listed in another order are the same import.
  const before = new Set(last.files);
  const now = new Set(files);
  return now.size > 0 && before.size === now.size && [...now].every((file) => before.has(file));
}

/** What a system needs besides its service tag (the importer refuses a system without them, and its row with it). */
const SYSTEM_FIELDS = ['productLine', 'model', 'shipDate', 'warrantyEnd'] as const;

/**
 * A CSV mapped with a service tag but without a column for what a system needs: every row with
 * a tag would be refused, its customer too ("Imported 0 customers … 3 rows rejected", each told
 * to correct the export, which had no such column to correct). Said under the mapping before
 * the run, naming the fields to choose; null when nothing is missing.
 */
export function systemColumnsMissing(mapping: Readonly<Record<string, string>>): string | null {
  if (!mapping.serviceTag) return null;
  const missing = SYSTEM_FIELDS.filter((f) => !mapping[f]);
  if (missing.length === 0) return null;
  return t('data.systemColumnsMissing', { fields: missing.map((f) => t(`data.field.${f}`)).join(t('list.separator')) });
}

/** A field of the import by its name on the mapping screen ("Model"); a field it does not know, as given. */
export const importFieldName = (field: string): string => ((CSV_FIELDS as readonly string[]).includes(field) ? t(`data.field.${field as (typeof CSV_FIELDS)[number]}`) : field);

/**
 * A row the shared rules refused (the importer's invalidFields): each field it names, by its name
 * on the mapping screen, with what to fix in it, in the reader's language. Every problem of the
 * row is there (a bad segment, phone and date together), so one round of corrections does.
 */
export function fieldIssues(params: Readonly<Record<string, string>>): Array<{ field: string; name: string; issue: string | null }> {
  return (params.fields ?? '')
    .split(', ')
    .filter(Boolean)
    .map((field) => {
      const issue = params[`issue.${field}`];
      return { field, name: importFieldName(field), issue: issue ? (currentLanguage() === 'en' ? issue : sayFieldMessage(issue)) : null };
    });
}

/**
 * A CSV row refused for fields no column was chosen for (the importer's unmappedFields): what to
 * choose on the mapping screen, by the fields' names there. "Correct the export" is said only of
 * a value the file has and the desk refuses.
 */
export function unmappedFieldsReason(params: Readonly<Record<string, string>>): string {
  const fields = (params.fields ?? '').split(', ').filter(Boolean);
  return t('data.reject.unmappedFields', { fields: fields.map(importFieldName).join(t('list.separator')) });
}

const FILE_ERRORS = ['ENOENT', 'EACCES', 'EISDIR'] as const;

/**
 * Why a file cannot be imported, from its check (import.peek's problemCode and values) or a
 * run's whole-file reject (fileUnreadable, its `problem` and values): no such file, another
 * desk's export, no header row. A reject without its problem keeps the general sentence.
 */
export function fileProblemReason(params: Readonly<Record<string, string>>): string {
  const code = FILE_PROBLEM_CODES.find((c): c is FileProblemCode => c === params.problem);
  if (!code) return t('data.reject.fileUnreadable');
  const error = FILE_ERRORS.find((e) => e === params.error);
  return t(`data.fileProblem.${code}`, { file: params.file ?? '', error: error ? t(`data.fileError.${error}`) : (params.error ?? ''), header: params.header ?? '' });
}
