import { stringify } from 'csv-stringify/browser/esm/sync';
import type { AuditRow } from '../../shared/customerApi';

// The audit log as a spreadsheet opens it: an admin hands it to whoever asked who opened a
// record (an auditor, a data-protection officer), who reads it in Excel or LibreOffice, not
// as JSON with times in milliseconds and people as ids. Comma-separated, UTF-8 with a byte
// order mark (without it Excel shows Persian names, "°" and "’" as mojibake), CRLF line ends,
// times as local "YYYY-MM-DD HH:MM:SS" with Latin digits (a spreadsheet reads them as dates,
// and sorts them), headings and reasons in the reader's language. Written by csv-stringify (its
// browser build), as the trends' CSV is in the core: quoting, and a leading apostrophe on text a
// spreadsheet would run as a formula (a customer named "=HYPERLINK(…)").

export interface AuditSheetWords {
  headings: { when: string; who: string; whose: string; why: string; ticket: string; customerId: string };
  reason(reason: AuditRow['reason']): string;
}

const two = (n: number) => String(n).padStart(2, '0');

/** A moment as a spreadsheet reads a date and time, in the desk's local time. */
export function sheetTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export function auditSheet(rows: readonly AuditRow[], words: AuditSheetWords): string {
  const h = words.headings;
  const lines = [[h.when, h.who, h.whose, h.why, h.ticket, h.customerId]];
  for (const r of rows) lines.push([sheetTime(r.at), r.userName ?? r.userId, r.customerName ?? '', words.reason(r.reason), r.ticketNumber ?? '', r.customerId]);
  return stringify(lines, { bom: true, record_delimiter: 'windows', escape_formulas: true });
}
