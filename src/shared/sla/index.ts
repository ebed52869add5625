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
  traceSla,
  type Priority,
  type SlaDeadline,
  type SlaEvent,
  type SlaPause,
  type SlaTrace,
  type SlaPolicy,
  type SlaState,
  type SlaTarget,
  type TargetClock,
  type TargetStatus,
  type TargetTrace,
} from './slaClock';
export { policyProblems, type PolicyProblem } from './policyRules';
export { defaultCalendars, defaultPolicies, policyFor } from './defaults';
export { workingDaysOf } from './workWeek';
