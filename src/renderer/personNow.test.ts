import { describe, expect, it } from 'vitest';
import type { User } from '../shared/domain';
import { personNow } from './personNow';

const omar: User = { id: 'u-omar', email: 'omar@desk.test', name: 'Omar Haddad', role: 'admin', tier: 3, segments: ['education', 'home'], active: true };

describe('the person a window shows, after the desk learned of a change', () => {
  it('is the new one when the role, tier, segments or name changed', () => {
    const demoted = { ...omar, role: 'supervisor' as const };
    expect(personNow(omar, demoted)).toBe(demoted);
    expect(personNow(omar, { ...omar, segments: ['home'] })).toMatchObject({ segments: ['home'] });
    expect(personNow(omar, { ...omar, name: 'Omar H. Haddad' })).toMatchObject({ name: 'Omar H. Haddad' });
  });
  it('is nothing new when nothing shown changed, or when the window is nobody’s or someone else’s', () => {
    expect(personNow(omar, { ...omar })).toBeNull();
    expect(personNow(omar, null)).toBeNull();
    expect(personNow(omar, { ...omar, id: 'u-ava', role: 'agent' })).toBeNull();
  });
});
