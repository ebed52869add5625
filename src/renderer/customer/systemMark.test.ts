import { expect, it } from 'vitest';
import { FROM_TICKET, JUST_REGISTERED, newTicketSystem, systemMarkOf } from './systemMark';

it('marks a system just registered as such, and one a lookup found as matched', () => {
  expect(systemMarkOf(JUST_REGISTERED)).toBe('registered');
  expect(systemMarkOf('tag')).toBe('matched');
  expect(systemMarkOf('express')).toBe('matched');
  expect(systemMarkOf('ticket')).toBe('matched');
});

// A ticket page's link to its customer marked the ticket's system "Matched", as if a lookup
// had found it: it is the system the ticket is about, and an address no lookup made claims no match.
it('marks the system a ticket is about as that ticket’s, and claims no match for an address no lookup made', () => {
  expect(systemMarkOf(FROM_TICKET)).toBe('ticket');
  expect(systemMarkOf(null)).toBe('shown');
  expect(systemMarkOf('something')).toBe('shown');
});

it('starts a new ticket on the system the lookup matched, or the only one, never on one the caller did not name', () => {
  expect(newTicketSystem('b', ['a', 'b', 'c'])).toBe('b');
  expect(newTicketSystem(null, ['a'])).toBe('a');
  expect(newTicketSystem(null, ['a', 'b', 'c'])).toBeNull();
  expect(newTicketSystem(null, [])).toBeNull();
});
