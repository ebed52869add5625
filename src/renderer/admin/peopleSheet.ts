import { stringify } from 'csv-stringify/browser/esm/sync';
import type { AccountChange, PeopleChange } from '../../shared/api';
import { sheetTime } from './auditSheet';

// People's history of changes to accounts as a spreadsheet, for an audit (who gave whom admin
// rights, and when): the rows the admin's filter shows, every page of them. Written as the
// audit log's sheet is (auditSheet.ts): csv-stringify's browser build, UTF-8 with a byte order
// mark, CRLF, times a spreadsheet reads as dates, formulas defused, words in the reader's language.

export interface PeopleSheetWords {
  headings: { when: string; by: string; person: string; change: string; personId: string };
  /** Who made a change (the hub's command line for null). */
  by(by: string | null): string;
  /** What a change did, as the page says it. */
  change(change: AccountChange): string;
}

export function peopleSheet(rows: ReadonlyArray<AccountChange & Partial<Pick<PeopleChange, 'name' | 'userId'>>>, words: PeopleSheetWords, person?: { id: string; name: string }): string {
  const h = words.headings;
  const lines = [[h.when, h.by, h.person, h.change, h.personId]];
  for (const r of rows) lines.push([sheetTime(r.at), words.by(r.by), r.name ?? person?.name ?? '', words.change(r), r.userId ?? person?.id ?? '']);
  return stringify(lines, { bom: true, record_delimiter: 'windows', escape_formulas: true });
}
