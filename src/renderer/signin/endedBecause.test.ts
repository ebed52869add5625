import { describe, expect, it } from 'vitest';
import { endedBecause } from './endedBecause';

const deactivated = { code: 'unauthenticated', message: 'This account is deactivated; ask an admin.', issues: [], key: 'accountDeactivated' };
const sessionEnded = { code: 'unauthenticated', message: 'Your session has ended: sign in again with your email and password.', issues: [], key: 'windowSessionEnded' };
const signInFirst = { code: 'unauthenticated', message: 'Sign in first.', issues: [], key: 'signInFirst' };

describe('why the sign-in screen says the session ended', () => {
  it('says the account is deactivated when that is why the desk signed the window out, not to sign in again', () => {
    expect(endedBecause(deactivated, sessionEnded)).toBe(deactivated);
  });
  it('otherwise says why the resume was refused', () => {
    expect(endedBecause(signInFirst, sessionEnded)).toBe(sessionEnded);
    expect(endedBecause(signInFirst, null)).toBeNull();
  });
});
