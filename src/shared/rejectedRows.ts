// The rows an import refused, as a CSV the admin corrects in a spreadsheet and imports again:
// each row's own columns, as its file had them, and one more saying why it was refused. The
// rejects file (JSON lines) keeps every reject; this is the rows of it an admin can fix (a file
// refused as a whole has no row). Written beside the rejects file by the import and made by the
// import screen for its download, in the reader's words.

/** One line of the rejects file as it is read back: `record` is the row as its file held it. */
export interface RejectedRow {
  file: string;
  row: number | null;
  reason: string;
  /** Why, as a key and values the import screen says in the reader's words (the lines of stop 48 on). */
  key?: string;
  params?: Record<string, unknown>;
  record?: Record<string, unknown>;
}

const cellOf = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v));

/**
 * How csv-stringify writes these files (the core's beside the rejects file, the screen's
 * download), with `bom: true` on the header: CRLF as spreadsheets write, and a cell quoted also
 * when it holds a semicolon (Excel in a European locale splits there) or spaces at its ends.
 * No formula escaping: the file is imported again, and a phone's leading "+" must stay as typed.
 */
export const REJECTED_ROWS_CSV: { record_delimiter: 'windows'; quoted_match: Array<string | RegExp> } = { record_delimiter: 'windows', quoted_match: [';', /^\s|\s$/] };

/** A reject the CSV holds: a row of a file, with the row as its file held it. */
export const isRow = <R extends RejectedRow>(r: R): r is R & { record: Record<string, unknown> } => r.row !== null && typeof r.record === 'object' && r.record !== null && !Array.isArray(r.record);

/** A reject of a CSV row: numbered, its values the file's text cells (a Zendesk record is not a spreadsheet row). */
export const isCsvRow = <R extends RejectedRow>(r: R): r is R & { row: number; record: Record<string, string> } => isRow(r) && r.row !== null && Object.values(r.record).every((v) => typeof v === 'string');

/** The columns of the rows' files, in the order first met (a run of several files with other headers has them all). */
export function columnsOf(rows: Iterable<RejectedRow>, into: string[] = []): string[] {
  const seen = new Set(into);
  for (const r of rows) {
    if (!isRow(r)) continue;
    for (const key of Object.keys(r.record)) {
      if (!seen.has(key)) {
        seen.add(key);
        into.push(key);
      }
    }
  }
  return into;
}

/** The header's cells: the columns, then the reason's (renamed past a column of the file's of the same name). */
export function headerCells(columns: readonly string[], reasonColumn: string): string[] {
  let header = reasonColumn;
  while (columns.includes(header)) header += ' ';
  return [...columns, header];
}

/** A refused row's cells under the columns, then the reason. */
export const rowCells = (columns: readonly string[], record: Record<string, unknown>, reason: string): string[] => [...columns.map((c) => cellOf(record[c])), reason];

/**
 * The table of the rows refused: the header, then each row's cells with its reason as
 * `reasonOf` says it. Null when no reject is a row (nothing to correct).
 */
export function rejectedRowsTable<R extends RejectedRow>(rejects: Iterable<R>, reasonColumn: string, reasonOf: (r: R) => string = (r) => r.reason): string[][] | null {
  const rows = [...rejects].filter(isRow);
  if (rows.length === 0) return null;
  const columns = columnsOf(rows);
  return [headerCells(columns, reasonColumn), ...rows.map((r) => rowCells(columns, r.record, reasonOf(r)))];
}

/** The rejects file's lines read back; a line that is not one (a file cut short) is passed over. */
export function readRejectLines(text: string): RejectedRow[] {
  const out: RejectedRow[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const v = JSON.parse(line) as Partial<RejectedRow> & Record<string, unknown>;
      if (typeof v.file === 'string' && typeof v.reason === 'string') out.push({ ...v, file: v.file, row: typeof v.row === 'number' ? v.row : null, reason: v.reason });
    } catch {
      // not a line of the rejects file
    }
  }
  return out;
}

/**
 * The most rejected rows import.rejectedRows gives back (the screen's download), and the most of
 * the rejects file's lines it reads for them: past either it stops and says the list is cut (the
 * import's own CSV beside the rejects file has every row).
 */
export const REJECTED_ROWS_MAX = 10_000;
export const REJECTED_ROWS_MAX_BYTES = 16 << 20;
