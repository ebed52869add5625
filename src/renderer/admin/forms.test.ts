import { describe, expect, it } from 'vitest';
import { slaPolicySchema } from '../../shared/sla/slaClock';
import { defaultPolicies } from '../../shared/sla/defaults';
import { issueIndex, localIssues, minutesHint, slugify, weekOrder } from './forms';

describe('SLA editor helpers', () => {
  it('reads business minutes as hours and minutes, never days', () => {
    expect(minutesHint(240)).toBe('= 4 h');
    expect(minutesHint(90)).toBe('= 1 h 30 m');
    expect(minutesHint(45)).toBe('= 45 m');
    expect(minutesHint(2400)).toBe('= 40 h');
    expect(minutesHint(0)).toBeNull();
    expect(minutesHint('')).toBeNull();
  });

  it('puts the schema’s issues under the exact field, as the desk names it', () => {
    const policy = structuredClone(defaultPolicies[0]!);
    policy.targets.urgent.firstResponse = 0;
    const at = issueIndex(localIssues(slaPolicySchema.safeParse(policy))).at;
    expect(at('targets.urgent.firstResponse')).toMatch(/greater than zero/);
    expect(at('targets.urgent.resolution')).toBeUndefined();
  });

  it('makes ids from names and orders the week as the locale does', () => {
    expect(slugify('Berlin — split shift (Kundendienst)')).toBe('berlin-split-shift-kundendienst');
    expect(weekOrder('en-GB')[0]).toBe(1);
    expect(weekOrder('fa-IR')[0]).toBe(6);
  });
});
