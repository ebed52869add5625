import { expect, it } from 'vitest';
import { JUST_REGISTERED, newTicketSystem, systemMarkOf } from './systemMark';

it('marks a system just registered as such, and one a lookup found as matched', () => {
  expect(systemMarkOf(JUST_REGISTERED)).toBe('registered');
  expect(systemMarkOf('tag')).toBe('matched');
  expect(systemMarkOf('express')).toBe('matched');
});

it('starts a new ticket on the system the lookup matched, or the only one, never on one the caller did not name', () => {
  expect(newTicketSystem('b', ['a', 'b', 'c'])).toBe('b');
  expect(newTicketSystem(null, ['a'])).toBe('a');
  expect(newTicketSystem(null, ['a', 'b', 'c'])).toBeNull();
  expect(newTicketSystem(null, [])).toBeNull();
});
