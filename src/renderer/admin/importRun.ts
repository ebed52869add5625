// The customer data page's import (CustomerDataPage.tsx): once files have been imported for
// real, the same button pressed again imported them a second time. The run is remembered with
// what it read; while the page still names those files from that source, the import is done.

import { CSV_FIELDS, FILE_PROBLEM_CODES, type FileProblemCode, type RejectKey } from '../../shared/customerApi';
import { SEGMENTS, SERVICE_LEVELS } from '../../shared/domain';
import { stringify } from 'csv-stringify/browser/esm/sync';
import { REJECTED_ROWS_CSV, rejectedRowsTable } from '../../shared/rejectedRows';
import { currentLanguage, formatNumber, t } from '../i18n';
import { segmentLabel, serviceLevelLabel } from '../labels';
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

/** A reject as the import screen has it: its reason's key and values, and the English sentence. */
export interface RejectSaid {
  reason: string;
  key?: RejectKey;
  params?: Readonly<Record<string, string>>;
}

/**
 * A reject's reason in the reader's words when the import named it by a key (all but the rules'
 * field problems, which the screen lists field by field): null for those, and for a reason with
 * no key (said as written, or after a general sentence in another language).
 */
export function keyedRejectReason(r: RejectSaid): string | null {
  const params = r.params ?? {};
  // In Persian the names the Persian window shows, which the import reads as well (stop 48).
  const english = currentLanguage() === 'en';
  switch (r.key) {
    case undefined:
    case 'invalidFields':
    case 'unmappedFields':
      return null;
    case 'fileUnreadable':
      return fileProblemReason(params);
    case 'unknownSegment':
      return t('data.reject.unknownSegment', { segment: params.segment ?? '', segments: english ? `\u2066${SEGMENTS.join(', ')}\u2069` : SEGMENTS.map(segmentLabel).join(t('list.separator')) });
    case 'unknownServiceLevel':
      return t('data.reject.unknownServiceLevel', { serviceLevel: params.serviceLevel ?? '', levels: english ? `\u2066${SERVICE_LEVELS.join(', ')}\u2069` : SERVICE_LEVELS.map(serviceLevelLabel).join(t('list.separator')) });
    // The row that took the tag, numbered as the rows are.
    case 'tagTakenInFile':
    case 'tagTakenInRun':
      return t(`data.reject.${r.key}`, { ...params, row: formatNumber(Number(params.row ?? 0)) });
    default:
      return t(`data.reject.${r.key}`, params);
  }
}

/** A reject's reason as one line of text, in the reader's words: the reason column of the rejected rows' CSV. */
export function rejectReasonText(r: RejectSaid): string {
  const params = r.params ?? {};
  const issues = (p: Readonly<Record<string, string>>) =>
    fieldIssues(p)
      .map((i) => (i.issue ? `${i.name}: ${i.issue}` : i.name))
      .join(' ');
  if (r.key === 'invalidFields') return `${t('data.reject.invalidFields', { fields: fieldIssues(params).map((i) => i.name).join(t('list.separator')) })} ${issues(params)}`;
  if (r.key === 'unmappedFields') return [unmappedFieldsReason(params), params.invalid ? issues({ ...params, fields: params.invalid }) : ''].filter(Boolean).join(' ');
  const keyed = keyedRejectReason(r);
  if (keyed !== null) return keyed;
  return currentLanguage() === 'en' ? r.reason : `${t('data.reject.other')} ${r.reason}`;
}

/**
 * The rows a run rejected as a CSV to correct in a spreadsheet and import again: each row's own
 * columns, then why it was refused in the reader's words (the column named in them too); null
 * when no reject is a row.
 */
export function rejectedRowsFile(rows: ReadonlyArray<RejectSaid & { file: string; row: number; record: Record<string, string> }>): string | null {
  // Isolation marks (a Persian sentence's values) mean nothing in a spreadsheet's cell.
  const table = rejectedRowsTable(rows, t('data.rejectedRowsColumn'), (r) => rejectReasonText(r).replace(/[\u2066-\u2069]/g, ''));
  return table && stringify(table, { ...REJECTED_ROWS_CSV, bom: true });
}

/**
 * A file's path as the import summary shows it: its name, and its folder in pieces that each end
 * at a separator, for the page to let a line break there. At 420 px the rejects path broke in the
 * middle of a folder's name ("/home/admin/.config/Tag" | "desk/imports/…").
 */
export function pathShown(path: string): { name: string; folder: string[] } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut < 0) return { name: path, folder: [] };
  return { name: path.slice(cut + 1), folder: path.slice(0, cut + 1).match(/[^\\/]*[\\/]|[^\\/]+$/g) ?? [] };
}
