import { expect, it } from 'vitest';
import { JUST_REGISTERED, systemMarkOf } from './systemMark';

it('marks a system just registered as such, and one a lookup found as matched', () => {
  expect(systemMarkOf(JUST_REGISTERED)).toBe('registered');
  expect(systemMarkOf('tag')).toBe('matched');
  expect(systemMarkOf('express')).toBe('matched');
});
