import type { BusinessCalendar } from './calendar';
import type { SlaPolicy } from './slaClock';

// The part of a calendar or a policy that can move a deadline. A change of anything else (a
// name, a holiday's name, the calendar dates are shown in) leaves every due time where it is,
// so it re-times no open ticket (the desk's retime.ts compares these, not the whole record).

/** A calendar's zone, opening hours, holiday dates and years: what businessHours reads. */
export function calendarTiming(cal: BusinessCalendar): unknown {
  return { id: cal.id, timeZone: cal.timeZone, weekly: cal.weekly, holidays: [...new Set(cal.holidays.map((h) => h.date))].sort(), yearRange: cal.yearRange };
}

/** A policy's identity, calendar, targets, at-risk share and reopen rule: what the SLA clock reads. */
export function policyTiming(p: SlaPolicy): unknown {
  return { id: p.id, calendarId: p.calendarId, atRiskShare: p.atRiskShare, targets: p.targets, reopenRule: p.reopenRule };
}
