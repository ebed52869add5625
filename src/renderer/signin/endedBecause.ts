import type { Problem } from '../backend';

/**
 * Why the sign-in screen says this window's session ended, when the desk refused a call as
 * nobody's and then refused its resume too. A deactivated account is said as such: the
 * deactivation also ends the person's hub session, so the resume only knew that the session
 * had ended, and "sign in again" sent them to a sign-in that could only refuse them.
 */
export function endedBecause(refusedCall: Problem, refusedResume: Problem | null): Problem | null {
  return refusedCall.key === 'accountDeactivated' ? refusedCall : refusedResume;
}
