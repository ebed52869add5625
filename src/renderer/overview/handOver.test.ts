import { expect, it } from 'vitest';
import type { User } from '../../shared/domain';
import { handOverTargets } from './handOver';

// Ben goes home sick: Grace hands his tickets to a colleague. The list offers the active
// agents and specialists, never Ben himself, those of his tier first.

const u = (id: string, name: string, role: User['role'], tier: User['tier'], active = true): User =>
  ({ id, name, role, tier, segments: ['government'], active, email: `${id}@x`, createdAt: 0 }) as unknown as User;

it('offers the active agents and specialists other than him, his tier first, then by name', () => {
  const users = [u('sam', 'Sam Rivera', 'specialist', 2), u('ben', 'Ben Okafor', 'agent', 1), u('dev', 'Dev Patel', 'agent', 1), u('ava', 'Ava Martin', 'agent', 1), u('old', 'Old Hand', 'agent', 1, false), u('grace', 'Grace Chen', 'supervisor', 3), u('omar', 'Omar Haddad', 'admin', 1)];
  expect(handOverTargets(users, 'ben').map((p) => p.name)).toEqual(['Ava Martin', 'Dev Patel', 'Sam Rivera']);
});
