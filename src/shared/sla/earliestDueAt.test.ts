import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Priority } from '../domain';
import type { BusinessCalendar } from './calendar';
import { defaultCalendars } from './defaults';
import { computeSla, slaPolicySchema, type SlaPolicy, type SlaTarget } from './slaClock';
import { earliestDueAt, slaEventsOf, type LoggedEvent, type PolicySpan } from './ticketSla';

// The hub refuses an SLA warning or breach whose deadline is earlier than the ticket's log
// allows (earliestDueAt): a desk with a wrong clock or a tampered file escalated tickets at once.
// No honest desk may ever be refused: every deadline the SLA clock computes, on any calendar and
// history, is at or after it.

const MIN = 60_000;
const T0 = Date.UTC(2026, 5, 1, 9); // Monday 09:00 UTC
const always = defaultCalendars.find((c) => c.id === '24x7') as BusinessCalendar;
type Minutes = [number, number, number];
const policy = (reopenRule: 'continue' | 'restart', m: Partial<Record<Priority, Minutes>> = {}): SlaPolicy => {
  const all = { urgent: [30, 60, 240], high: [60, 120, 480], normal: [120, 240, 960], low: [480, 480, 2880], ...m } as Record<Priority, Minutes>;
  const t = ([firstResponse, nextResponse, resolution]: Minutes) => ({ firstResponse, nextResponse, resolution });
  return slaPolicySchema.parse({ id: 'p', name: 'P', segment: 'education', serviceLevel: 'standard', calendarId: always.id, reopenRule, targets: { urgent: t(all.urgent), high: t(all.high), normal: t(all.normal), low: t(all.low) } });
};
const e = (type: string, minutes: number, payload: Record<string, unknown> = {}): LoggedEvent => ({ type, at: T0 + minutes * MIN, payload });

/** Every deadline an honest desk computes for the ticket at `now` (the clocks with a due time). */
function honestDeadlines(log: LoggedEvent[], policies: PolicySpan[], cal: BusinessCalendar, now: number): { target: SlaTarget; dueAt: number }[] {
  const sla = computeSla(policies[0]!.policy, cal, slaEventsOf(log, policies), now);
  return Object.values(sla.targets).flatMap((c) => (c.dueAt === null ? [] : [{ target: c.target, dueAt: c.dueAt }]));
}

describe('the earliest an SLA deadline can be', () => {
  const normal = [{ from: T0, version: 1, policy: policy('continue') }];

  it('is the start plus the target: exactly the deadline on 24-hour days, and a deadline before it is caught', () => {
    const log = [e('CREATED', 0, { priority: 'normal' })];
    expect(earliestDueAt(log, normal, 'resolution')).toBe(T0 + 960 * MIN);
    expect(honestDeadlines(log, normal, always, T0 + 2000 * MIN)).toContainEqual({ target: 'resolution', dueAt: T0 + 960 * MIN });
    // A desk whose file says the deadline was yesterday.
    expect(T0 - 24 * 60 * MIN).toBeLessThan(earliestDueAt(log, normal, 'resolution')!);
    expect(earliestDueAt(log, [], 'resolution')).toBeNull();
  });

  it('a ticket reopened with a restarted clock, a policy changed to shorter targets, a priority raised: never later than the honest deadline', () => {
    const restart = [{ from: T0, version: 1, policy: policy('restart') }];
    const reopened = [e('CREATED', 0, { priority: 'normal' }), e('TAKE', 5), e('RESOLVE', 60), e('REOPEN', 600)];
    for (const d of honestDeadlines(reopened, restart, always, T0 + 3000 * MIN)) expect(d.dueAt).toBeGreaterThanOrEqual(earliestDueAt(reopened, restart, d.target)!);
    expect(honestDeadlines(reopened, restart, always, T0 + 3000 * MIN)).toContainEqual({ target: 'resolution', dueAt: T0 + (600 + 960) * MIN });

    const shorter = [...normal, { from: T0 + 30 * MIN, version: 2, policy: policy('continue', { normal: [10, 20, 40] }) }];
    const changed = [e('CREATED', 0, { priority: 'normal' }), e('ADD_NOTE', 30)];
    expect(honestDeadlines(changed, shorter, always, T0 + 100 * MIN)).toContainEqual({ target: 'resolution', dueAt: T0 + 40 * MIN });
    expect(earliestDueAt(changed, shorter, 'resolution')).toBe(T0 + 40 * MIN);

    const raised = [e('CREATED', 0, { priority: 'low' }), e('CHANGE_PRIORITY', 200, { priority: 'urgent' })];
    expect(honestDeadlines(raised, normal, always, T0 + 300 * MIN)).toContainEqual({ target: 'firstResponse', dueAt: T0 + 30 * MIN });
    expect(earliestDueAt(raised, normal, 'firstResponse')).toBe(T0 + 30 * MIN);

    const replied = [e('CREATED', 0, { priority: 'normal' }), e('TAKE', 5), e('CUSTOMER_REPLIED', 500)];
    expect(honestDeadlines(replied, normal, always, T0 + 600 * MIN)).toContainEqual({ target: 'nextResponse', dueAt: T0 + (500 + 240) * MIN });
    expect(earliestDueAt(replied, normal, 'nextResponse')).toBe(T0 + (500 + 240) * MIN);
  });

  it('holds for every history on every default calendar (office hours, holidays, around the clock)', () => {
    const step = fc.record({
      type: fc.constantFrom('TAKE', 'WAIT_ON_CUSTOMER', 'CUSTOMER_REPLIED', 'RESOLVE', 'REOPEN', 'CHANGE_PRIORITY', 'DEESCALATE', 'ADD_NOTE', 'POLICY'),
      gap: fc.integer({ min: 0, max: 3 * 24 * 60 }),
      priority: fc.constantFrom<Priority>('urgent', 'high', 'normal', 'low'),
      minutes: fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 })),
      restart: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.constantFrom(...defaultCalendars), fc.constantFrom<Priority>('urgent', 'high', 'normal', 'low'), fc.boolean(), fc.array(step, { maxLength: 12 }), fc.integer({ min: 0, max: 20 * 24 * 60 }), (cal, priority, restart, steps, nowGap) => {
        const start = T0 + 17 * MIN;
        const log: LoggedEvent[] = [{ type: 'CREATED', at: start, payload: { priority } }];
        const policies: PolicySpan[] = [{ from: start, version: 1, policy: { ...policy(restart ? 'restart' : 'continue'), calendarId: cal.id } }];
        let at = start;
        for (const s of steps) {
          at += s.gap * MIN;
          if (s.type === 'POLICY') policies.push({ from: at, version: policies.length + 1, policy: policy(s.restart ? 'restart' : 'continue', { [s.priority]: s.minutes }) });
          else log.push({ type: s.type, at, payload: s.type === 'CHANGE_PRIORITY' ? { priority: s.priority } : {} });
        }
        for (const d of honestDeadlines(log, policies, cal, at + nowGap * MIN)) expect(d.dueAt).toBeGreaterThanOrEqual(earliestDueAt(log, policies, d.target)!);
      }),
      { numRuns: 200 },
    );
  });
});
