// The 360° view marks the system its address names. A lookup that found it says "Matched"; a
// system just registered (the register page goes there with `by=registered`) was found by no
// lookup, so it is marked as just registered instead.

/** The `by` a freshly registered customer's address carries in place of a lookup's match kind. */
export const JUST_REGISTERED = 'registered';

export type SystemMark = 'matched' | 'registered';

/** What the marked system's badge says, from the address's `by`. */
export function systemMarkOf(by: string | null): SystemMark {
  return by === JUST_REGISTERED ? 'registered' : 'matched';
}
