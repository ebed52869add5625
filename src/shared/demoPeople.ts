import { SEGMENTS, type Segment, type Tier, type User } from './domain';

/**
 * The demo desk's people (src/main/core/demo.ts creates them; the README's table of who to sign
 * in as names them), in src/shared so that the renderer's tests use these very people.
 */
export const DEMO_USERS: ReadonlyArray<{ name: string; role: User['role']; tier: Tier; segments: readonly Segment[] }> = [
  { name: 'Ava Martin', role: 'agent', tier: 1, segments: SEGMENTS },
  { name: 'Ben Okafor', role: 'agent', tier: 1, segments: ['education', 'government'] },
  { name: 'Chloé Dubois', role: 'agent', tier: 1, segments: ['small_business', 'home'] },
  { name: 'Dev Patel', role: 'agent', tier: 1, segments: ['large_enterprise', 'government'] },
  { name: 'Sam Rivera', role: 'specialist', tier: 2, segments: SEGMENTS },
  { name: 'Noor Hassan', role: 'specialist', tier: 2, segments: ['education', 'home', 'small_business'] },
  { name: 'Tara Lindqvist', role: 'specialist', tier: 3, segments: SEGMENTS },
  { name: 'Grace Chen', role: 'supervisor', tier: 3, segments: SEGMENTS },
  { name: 'Omar Haddad', role: 'admin', tier: 1, segments: [] },
];
