// A desk's clock against its hub's. Each answer of the hub carries the hub's time (the
// `x-hub-time` header, epoch ms, HUB_TIME_HEADER); the desk takes the middle of its request's
// round trip as the moment the hub read its clock, and the difference is its offset. A desk
// whose clock is wrong (10 minutes fast, a day behind after a dead CMOS battery) then stamps
// what it does, starts SLA clocks, fires SLA warnings, ends hub sessions and counts "today" by
// the hub's time (its own time plus the offset), so other desks and the supervisor see the
// same deadlines as everywhere else; and past CLOCK_WARN_MS its people are told, in words,
// that the computer's clock is off and by how much. Nothing is refused for a clock.

export const HUB_TIME_HEADER = 'x-hub-time';

/** A clock off by more than this is said on the desk (2 minutes). */
export const CLOCK_WARN_MS = 2 * 60_000;

/** Differences under this are the network's, not the clock's: the desk keeps its own time (5 s). */
export const CLOCK_FOLLOW_MS = 5_000;

/**
 * How far the hub's clock is ahead of this desk's (ms; negative when the desk is ahead),
 * from one answer: sent and received by the desk's own clock, `hubTime` as the hub said it.
 * Null when the answer said no time, or said it in a form that is not a time.
 */
export function offsetOf(sentAt: number, receivedAt: number, hubTime: string | null | undefined): number | null {
  if (hubTime === null || hubTime === undefined || !/^\d{1,16}$/.test(hubTime.trim())) return null;
  const t = Number(hubTime.trim());
  if (!Number.isSafeInteger(t) || receivedAt < sentAt) return null;
  return Math.round(t - (sentAt + receivedAt) / 2);
}

/**
 * The offset the desk follows after a new measurement: none while the clocks agree within
 * CLOCK_FOLLOW_MS, else the new one, kept as it was when it moved by less than that (so the
 * desk's time does not wobble with each round trip).
 */
export function followedOffset(current: number, measured: number | null): number {
  if (measured === null) return current;
  if (Math.abs(measured) < CLOCK_FOLLOW_MS) return 0;
  if (Math.abs(measured - current) < CLOCK_FOLLOW_MS) return current;
  return measured;
}

export type ClockSkew = { direction: 'fast' | 'slow'; unit: 'minutes' | 'hours' | 'days'; amount: number };

/**
 * What the desk says about its clock, from the offset (hub minus desk): null within
 * CLOCK_WARN_MS, else fast or slow and by how much, in minutes under two hours, in hours
 * under two days, else in days (rounded).
 */
export function clockSkewOf(offsetMs: number | null | undefined): ClockSkew | null {
  if (offsetMs === null || offsetMs === undefined || !Number.isFinite(offsetMs) || Math.abs(offsetMs) <= CLOCK_WARN_MS) return null;
  const direction = offsetMs < 0 ? 'fast' : 'slow';
  const off = Math.abs(offsetMs);
  const minutes = off / 60_000;
  if (minutes < 120) return { direction, unit: 'minutes', amount: Math.round(minutes) };
  const hours = minutes / 60;
  if (hours < 48) return { direction, unit: 'hours', amount: Math.round(hours) };
  return { direction, unit: 'days', amount: Math.round(hours / 24) };
}
