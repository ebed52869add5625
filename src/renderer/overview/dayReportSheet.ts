import { stringify } from 'csv-stringify/browser/esm/sync';
import type { DayReport } from '../../shared/api';
import type { Segment, Tier } from '../../shared/domain';
import { zoneOffsetAt } from '../../shared/sla/calendar';

// The day report as a spreadsheet opens it (as the audit log's, admin/auditSheet.ts): UTF-8
// with a byte order mark, CRLF, formulas escaped, headings in the reader's language, numbers
// with Latin digits and no grouping (a spreadsheet sums them). First the day and its time zone,
// then the queues' table, then the people's.

export interface DayReportWords {
  col: Record<
    | 'day' | 'timeZone' | 'until' | 'segment' | 'tier' | 'opened' | 'resolved' | 'breached' | 'firstResponse' | 'firstResponseTotal'
    | 'resolution' | 'resolutionTotal' | 'csatMean' | 'csatCount' | 'person' | 'escalated' | 'openNow',
    string
  >;
  segment(segment: Segment): string;
  tier(tier: Tier): string;
}

const two = (n: number) => String(n).padStart(2, '0');
/** A moment as "YYYY-MM-DD HH:MM" in UTC. */
const utcStamp = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
};
/** A moment as "YYYY-MM-DD HH:MM" on the wall clock of `timeZone`, the report's zone. */
export const zoneStamp = (ms: number, timeZone: string): string => utcStamp(ms + zoneOffsetAt(ms, timeZone));
/** A date (days since 1970-01-01) as "YYYY-MM-DD". */
export const dayStamp = (day: number): string => utcStamp(day * 86_400_000).slice(0, 10);

/** The mean of a queue's scores, to two places; empty with none. */
export const csatMeanOf = (c: { n: number; sum: number }): number | null => (c.n === 0 ? null : Math.round((c.sum / c.n) * 100) / 100);

export function dayReportSheet(report: DayReport, words: DayReportWords): string {
  const c = words.col;
  const lines: (string | number)[][] = [
    [c.day, dayStamp(report.day)],
    [c.timeZone, report.timeZone],
    [c.until, zoneStamp(report.now, report.timeZone)],
    [],
    [c.segment, c.tier, c.opened, c.resolved, c.breached, c.firstResponse, c.firstResponseTotal, c.resolution, c.resolutionTotal, c.csatMean, c.csatCount],
  ];
  for (const q of report.queues) {
    lines.push([words.segment(q.segment), words.tier(q.tier), q.opened, q.resolved, q.breached, q.firstResponse.met, q.firstResponse.total, q.resolution.met, q.resolution.total, csatMeanOf(q.csat) ?? '', q.csat.n]);
  }
  lines.push([], [c.person, c.resolved, c.escalated, c.openNow]);
  for (const p of report.people) lines.push([p.name, p.resolved, p.escalated, p.open]);
  return stringify(lines, { bom: true, record_delimiter: 'windows', escape_formulas: true });
}
