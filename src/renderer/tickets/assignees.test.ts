import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../shared/demoPeople';
import { mayBeAssigned } from '../../shared/access';
import type { User } from '../../shared/domain';
import { assigneeOptions } from './assignees';

// Grace (supervisor) assigns an escalated Education ticket at tier 2. The list offers Noor and
// Sam (they work that queue) and the supervisors; not Ava (tier 1) nor Tara (tier 3), whom the
// desk would refuse on submit ("does not work tier 2 of this segment"), nor the admin.

const users: User[] = DEMO_USERS.map((u, i) => ({ id: `u${i}`, name: u.name, email: `${i}@x.example`, role: u.role, tier: u.tier, segments: [...u.segments], active: true }));
users.push({ id: 'gone', name: 'Left Already', email: 'gone@x.example', role: 'specialist', tier: 2, segments: ['education'], active: false });

describe('whom a supervisor may give a ticket to', () => {
  it('offers the people of the ticket’s queue first, then supervisors, and nobody the desk refuses', () => {
    const groups = assigneeOptions(users, 'education', 2);
    const names = groups.map((g) => g.items.map((i) => i.label.split(' · ')[0]));
    expect(names).toEqual([['Sam Rivera', 'Noor Hassan'], ['Grace Chen']]);
    for (const item of groups.flatMap((g) => g.items)) {
      const person = users.find((u) => u.id === item.value)!;
      expect(mayBeAssigned(person, { segment: 'education', tier: 2 })).toBeNull();
    }
  });

  it('at tier 3 offers the tier-3 specialist, not the tier-2 ones', () => {
    const names = assigneeOptions(users, 'government', 3).flatMap((g) => g.items.map((i) => i.label.split(' · ')[0]));
    expect(names).toEqual(['Tara Lindqvist', 'Grace Chen']);
  });
});
