import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Category } from '../../shared/kb/category';
import type { Trends } from '../../shared/kb/schemas';

// The board's product trends as a spreadsheet opens them, made here from the trends the board
// shows (as the day report's and the audit log's are, dayReportSheet.ts, admin/auditSheet.ts):
// headings, categories and the "rising" mark in the reader's language, weeks as YYYY-MM-DD
// and counts in Latin digits (a spreadsheet sorts, sums and reads them as dates), UTF-8 with a
// byte order mark (without it Excel shows Persian as mojibake), CRLF, formulas escaped (a
// caller's words that start like one). `trends.export` keeps its English columns for API clients.

export interface TrendsSheetWords {
  col: Record<'week' | 'productLine' | 'category' | 'tickets' | 'warning' | 'requests' | 'examples', string>;
  category(category: Category): string;
  rising: string;
}

/** A week's first day (ms, UTC midnight) as "YYYY-MM-DD". */
const day = (at: number): string => new Date(at).toISOString().slice(0, 10);

export function trendsSheet(data: Trends, which: 'tickets' | 'features', words: TrendsSheetWords, now: number): { filename: string; csv: string } {
  const c = words.col;
  const sheet = { bom: true, record_delimiter: 'windows', escape_formulas: true } as const;
  if (which === 'features') {
    const lines: (string | number)[][] = [[c.productLine, c.requests, c.examples], ...data.featureRequests.map((f) => [f.productLine, f.n, f.examples.join(' | ')])];
    return { filename: `feature-requests-${day(now)}.csv`, csv: stringify(lines, sheet) };
  }
  const lines: (string | number)[][] = [[c.week, c.productLine, c.category, c.tickets, c.warning]];
  for (const s of data.series) {
    s.counts.forEach((n, i) => lines.push([day(data.weeks[i] ?? 0), s.productLine, words.category(s.category), n, s.warning && i === s.counts.length - 1 ? words.rising : '']));
  }
  return { filename: `ticket-trends-${day(now)}.csv`, csv: stringify(lines, sheet) };
}
