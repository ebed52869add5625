import { expect, it } from 'vitest';
import type { User } from '../../shared/domain';
import { handOverTargets, refusalsByReason } from './handOver';

// Ben goes home sick: Grace hands his tickets to a colleague. The list offers the active
// agents and specialists, never Ben himself, those of his tier first.

const u = (id: string, name: string, role: User['role'], tier: User['tier'], active = true): User =>
  ({ id, name, role, tier, segments: ['government'], active, email: `${id}@x`, createdAt: 0 }) as unknown as User;

it('offers the active agents and specialists other than him, his tier first, then by name', () => {
  const users = [u('sam', 'Sam Rivera', 'specialist', 2), u('ben', 'Ben Okafor', 'agent', 1), u('dev', 'Dev Patel', 'agent', 1), u('ava', 'Ava Martin', 'agent', 1), u('old', 'Old Hand', 'agent', 1, false), u('grace', 'Grace Chen', 'supervisor', 3), u('omar', 'Omar Haddad', 'admin', 1)];
  expect(handOverTargets(users, 'ben').map((p) => p.name)).toEqual(['Ava Martin', 'Dev Patel', 'Sam Rivera']);
});

it('says each reason a ticket stayed once, with the numbers it kept', () => {
  const why = 'Dev Patel does not work tier 2 of this segment.';
  expect(refusalsByReason([{ number: 'T-000001', reason: why }, { number: 'T-000002', reason: 'Someone else is working this ticket now.' }, { number: 'T-000003', reason: why }])).toEqual([
    { reason: why, numbers: ['T-000001', 'T-000003'] },
    { reason: 'Someone else is working this ticket now.', numbers: ['T-000002'] },
  ]);
});
