import { describe, expect, it } from 'vitest';
import { messageDetail } from '../messageKeys';
import { defaultPolicies } from './defaults';
import { policyProblems } from './policyRules';
import { slaPolicySchema } from './slaClock';

const base = () => structuredClone(defaultPolicies[0]!);

describe('policyProblems: what a policy an admin saves must make sense as', () => {
  it('finds nothing wrong with the policies a desk starts with', () => {
    expect(defaultPolicies.flatMap(policyProblems)).toEqual([]);
  });

  it('refuses a resolution target shorter than the first response, under the resolution field', () => {
    const policy = base();
    policy.targets.high.firstResponse = 120;
    policy.targets.high.resolution = 90;
    const problems = policyProblems(policy);
    expect(problems).toEqual([{ path: ['targets', 'high', 'resolution'], message: 'The resolution target for high must be at least as long as its first-response target (120 minutes).' }]);
    // A keyed sentence, so a window in another language says it in its own words.
    expect(messageDetail(problems[0]!.message)).toEqual({ key: 'slaResolutionShort', params: { priority: 'high', minutes: 120 } });
  });

  it('accepts a resolution as long as the first response, and leaves a bad target to the schema', () => {
    const policy = base();
    policy.targets.low.firstResponse = 60;
    policy.targets.low.resolution = 60;
    policy.targets.urgent.firstResponse = -5;
    expect(policyProblems(policy)).toEqual([]);
  });

  // A target of 99,999,999,999,999 minutes (a slip of the finger) was saved, and every clock
  // of the policy's tickets then walked its calendar day by day for ever: the desk stopped.
  it('refuses a target longer than a year, under its field, in a sentence a window can say in its words', () => {
    const policy = base();
    policy.targets.low.firstResponse = 99_999_999_999_999;
    policy.targets.low.resolution = 99_999_999_999_999;
    policy.targets.urgent.nextResponse = 525_601;
    expect(policyProblems(policy).map((p) => p.path.join('.'))).toEqual(['targets.urgent.nextResponse', 'targets.low.firstResponse', 'targets.low.resolution']);
    const [first] = policyProblems(policy);
    expect(first!.message).toBe('Next response target for urgent can be at most 525600 minutes (365 days)');
    expect(messageDetail(first!.message)).toEqual({ key: 'slaTargetTooLong', params: { target: 'nextResponse', priority: 'urgent', minutes: 525_600 } });
    // A year to the minute is allowed.
    policy.targets.urgent.nextResponse = 525_600;
    policy.targets.low.firstResponse = 60;
    policy.targets.low.resolution = 525_600;
    expect(policyProblems(policy)).toEqual([]);
  });

  it('is not part of the schema: a stored policy that breaks it still loads', () => {
    const policy = base();
    policy.targets.normal.resolution = 1;
    expect(slaPolicySchema.safeParse(policy).success).toBe(true);
    expect(policyProblems(policy)).toHaveLength(1);
  });

  it('says the schema’s own refusals as keyed sentences', () => {
    const policy = { ...base(), atRiskShare: 1.5 };
    policy.targets.urgent.firstResponse = -5;
    const result = slaPolicySchema.safeParse(policy);
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => ({ path: i.path.join('.'), key: messageDetail(i.message)?.key }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'atRiskShare', key: 'slaAtRiskShare' },
      ]),
    );
    const targets = slaPolicySchema.safeParse({ ...base(), targets: { ...base().targets, urgent: { firstResponse: -5, nextResponse: 60, resolution: 2.5 } } });
    expect(targets.error!.issues.map((i) => messageDetail(i.message))).toEqual([
      { key: 'slaTargetPositive', params: { target: 'firstResponse', priority: 'urgent' } },
      { key: 'slaTargetWhole', params: { target: 'resolution', priority: 'urgent' } },
    ]);
  });
});
