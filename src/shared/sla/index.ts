// The SLA clock: business-hours calendars, the clock itself, and the defaults a desk starts with.
export {
  WEEKDAY_NAMES,
  addBusinessTime,
  businessHours,
  businessTimeBetween,
  calendarProblems,
  calendarSchema,
  displayCalendarSchema,
  formatInCalendar,
  isOpenAt,
  nextOpening,
  weekdaySchema,
  type BusinessCalendar,
  type BusinessHours,
  type DisplayCalendar,
} from './calendar';
export {
  computeSla,
  slaPolicySchema,
  type Priority,
  type SlaDeadline,
  type SlaEvent,
  type SlaPolicy,
  type SlaState,
  type SlaTarget,
  type TargetClock,
  type TargetStatus,
} from './slaClock';
export { defaultCalendars, defaultPolicies, policyFor } from './defaults';
