import { PRIORITIES } from '../domain';
import { SLA_TARGET_PHRASE, say } from '../messageKeys';
import { MAX_TARGET_MINUTES, type SlaPolicy } from './slaClock';

// What a policy an admin saves must make sense as, beyond the shape slaPolicySchema checks.
// These rules are not in the schema on purpose: policies already stored (and the SLA clock's
// own tests) may break them and must keep loading and counting. A new save that breaks one
// is refused: the editor checks before it saves, and the desk's savePolicy checks again.

export interface PolicyProblem {
  /** The field, as the schema's issues name it: ['targets', 'urgent', 'resolution']. */
  path: [string, ...(string | number)[]];
  message: string;
}

const minutes = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null);

/** Each rule the policy breaks, under the field to fix; empty when there is none. */
export function policyProblems(policy: SlaPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const priority of PRIORITIES) {
    const targets = policy.targets[priority];
    if (!targets) continue;
    // Past a year the clocks would walk the calendar for ages to find the due time (the clock
    // counts such a stored target as a year; a new save is refused).
    for (const target of ['firstResponse', 'nextResponse', 'resolution'] as const) {
      const value = minutes(targets[target]);
      if (value !== null && value > MAX_TARGET_MINUTES) {
        problems.push({ path: ['targets', priority, target], message: say('slaTargetTooLong', { target: SLA_TARGET_PHRASE[target], priority, minutes: MAX_TARGET_MINUTES }) });
      }
    }
    const first = minutes(targets.firstResponse);
    const resolution = minutes(targets.resolution);
    // Resolving answers the customer, so a resolution due before the first response could never be met after it.
    if (first !== null && resolution !== null && resolution < first) {
      problems.push({ path: ['targets', priority, 'resolution'], message: say('slaResolutionShort', { priority, minutes: first }) });
    }
  }
  return problems;
}
