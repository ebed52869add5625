import { expect, it } from 'vitest';
import type { User } from '../../shared/domain';
import { handOverTargets, refusalsByReason } from './handOver';

// Ben goes home sick: Grace hands his tickets to a colleague. The list offers the active
// agents and specialists, never Ben himself, those of his tier first.

const u = (id: string, name: string, role: User['role'], tier: User['tier'], active = true, segments: string[] = ['government']): User =>
  ({ id, name, role, tier, segments, active, email: `${id}@x`, createdAt: 0 }) as unknown as User;

it('offers the active agents and specialists other than him, his tier first, then by name', () => {
  const users = [u('sam', 'Sam Rivera', 'specialist', 2), u('ben', 'Ben Okafor', 'agent', 1), u('dev', 'Dev Patel', 'agent', 1), u('ava', 'Ava Martin', 'agent', 1), u('old', 'Old Hand', 'agent', 1, false), u('grace', 'Grace Chen', 'supervisor', 3), u('omar', 'Omar Haddad', 'admin', 1)];
  expect(handOverTargets(users, 'ben').map((p) => p.user.name)).toEqual(['Ava Martin', 'Dev Patel', 'Sam Rivera']);
});

it('offers only those the desk would give at least one of his tickets, those who can take them all first, each with how many', () => {
  // Ben holds two government tickets and one education ticket at tier 1.
  const users = [u('sam', 'Sam Rivera', 'specialist', 2, true, ['government', 'education']), u('ben', 'Ben Okafor', 'agent', 1, true, ['government', 'education']), u('dev', 'Dev Patel', 'agent', 1), u('ava', 'Ava Martin', 'agent', 1, true, ['education']), u('noor', 'Noor Hassan', 'agent', 1, true, ['government', 'education'])];
  const places = [{ tier: 1, segment: 'government' }, { tier: 1, segment: 'government' }, { tier: 1, segment: 'education' }] as const;
  // Sam (tier 2) would have every one refused: not offered.
  expect(handOverTargets(users, 'ben', places).map((p) => [p.user.name, p.fits])).toEqual([
    ['Noor Hassan', 3],
    ['Dev Patel', 2],
    ['Ava Martin', 1],
  ]);
});

it('says each reason a ticket stayed once, with the numbers it kept', () => {
  const why = 'Dev Patel does not work tier 2 of this segment.';
  expect(refusalsByReason([{ number: 'T-000001', reason: why }, { number: 'T-000002', reason: 'Someone else is working this ticket now.' }, { number: 'T-000003', reason: why }])).toEqual([
    { reason: why, numbers: ['T-000001', 'T-000003'] },
    { reason: 'Someone else is working this ticket now.', numbers: ['T-000002'] },
  ]);
});
