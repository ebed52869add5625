import { describe, expect, it } from 'vitest';
import type { Priority } from '../domain';
import type { BusinessCalendar } from './calendar';
import { defaultCalendars } from './defaults';
import { computeSla, slaPolicySchema, type SlaPolicy, type SlaTarget } from './slaClock';
import { owedDeadlines, slaEventsOf, type LoggedEvent, type PolicySpan } from './ticketSla';

// What the scheduler still owes a ticket (owedDeadlines): a target breaches at most once per run
// of its clock. A breach recorded stands, as it happened under the rules then in force; an admin
// who lengthens the target afterwards had the ticket breached, and escalated, a second time at
// the new deadline. A new run (a customer's reply after an answer, a reopening that restarts the
// resolution clock) may breach again.

const MIN = 60_000;
const T0 = Date.UTC(2026, 5, 1, 9);
const always = defaultCalendars.find((c) => c.id === '24x7') as BusinessCalendar;
type Minutes = [number, number, number];
const policy = (reopenRule: 'continue' | 'restart', normal: Minutes = [120, 240, 960]): SlaPolicy => {
  const t = ([firstResponse, nextResponse, resolution]: Minutes) => ({ firstResponse, nextResponse, resolution });
  const all = { urgent: t([30, 60, 240]), high: t([60, 120, 480]), normal: t(normal), low: t([480, 480, 2880]) } as Record<Priority, ReturnType<typeof t>>;
  return slaPolicySchema.parse({ id: 'p', name: 'P', segment: 'education', serviceLevel: 'standard', calendarId: always.id, reopenRule, targets: all });
};
const e = (type: string, minutes: number, payload: Record<string, unknown> = {}): LoggedEvent => ({ type, at: T0 + minutes * MIN, payload });
const breach = (minutes: number, target: SlaTarget, dueMinutes: number) => e('SLA_BREACH', minutes, { target, dueAt: T0 + dueMinutes * MIN });
const span = (from: number, version: number, p: SlaPolicy): PolicySpan => ({ from: T0 + from * MIN, version, policy: p });

/** What is owed for `target` at `now` (minutes), as [kind, at in minutes]. */
function owedFor(log: LoggedEvent[], policies: PolicySpan[], target: SlaTarget, now: number): Array<[string, number]> {
  const state = computeSla(policies[0]!.policy, always, slaEventsOf(log, policies), T0 + now * MIN);
  return owedDeadlines(state, log, T0 + now * MIN)
    .filter((o) => o.target === target)
    .map((o) => [o.kind, (o.at - T0) / MIN]);
}

describe('the warnings and breaches owed to a ticket', () => {
  it('a breach recorded is not owed again when the target is lengthened, nor a warning of the new deadline; a log holding two still replays', () => {
    const created = e('CREATED', 0, { priority: 'normal' });
    const log = [created, e('SLA_WARNING', 90, { target: 'firstResponse', dueAt: T0 + 120 * MIN }), breach(120, 'firstResponse', 120), e('ADD_NOTE', 130)];
    const lengthened = [span(0, 1, policy('continue')), span(130, 2, policy('continue', [480, 240, 960]))];
    expect(owedFor(log.slice(0, 3), lengthened.slice(0, 1), 'firstResponse', 125)).toEqual([]);
    // Due at 8 hours now: past it, nothing is owed on the first response.
    expect(owedFor(log, lengthened, 'firstResponse', 200)).toEqual([]);
    expect(owedFor(log, lengthened, 'firstResponse', 500)).toEqual([]);
    // An older desk's second breach of the same target: the log replays, nothing more is owed.
    expect(owedFor([...log, breach(480, 'firstResponse', 480)], lengthened, 'firstResponse', 500)).toEqual([]);
  });

  it('a deadline moved earlier after a warning is breached once, and not again when moved back later', () => {
    const log = [e('CREATED', 0, { priority: 'normal' }), e('SLA_WARNING', 90, { target: 'firstResponse', dueAt: T0 + 120 * MIN }), e('ADD_NOTE', 100)];
    const shortened = [span(0, 1, policy('continue')), span(100, 2, policy('continue', [60, 240, 960]))];
    expect(owedFor(log, shortened, 'firstResponse', 100)).toEqual([['breach', 60]]);
    const breached = [...log, breach(100, 'firstResponse', 60), e('ADD_NOTE', 110)];
    const lengthened = [...shortened, span(110, 3, policy('continue', [480, 240, 960]))];
    expect(owedFor(breached, lengthened, 'firstResponse', 500)).toEqual([]);
  });

  it('a next response breached and then lengthened is not owed again; the next reply starts a run that may breach', () => {
    const log = [e('CREATED', 0, { priority: 'normal' }), e('TAKE', 5), e('CUSTOMER_REPLIED', 10), breach(250, 'nextResponse', 250), e('ADD_NOTE', 260)];
    const lengthened = [span(0, 1, policy('continue')), span(260, 2, policy('continue', [120, 480, 960]))];
    expect(owedFor(log, lengthened, 'nextResponse', 300)).toEqual([]);
    // The agent answers (asking for details); the customer's reply starts a new run, due 8 hours on.
    const replied = [...log, e('WAIT_ON_CUSTOMER', 300), e('CUSTOMER_REPLIED', 400)];
    expect(owedFor(replied, lengthened, 'nextResponse', 500)).toEqual([['warning', 760], ['breach', 880]]);
    expect(owedFor(replied, lengthened, 'nextResponse', 900)).toEqual([['breach', 880]]);
  });

  it('a resolution breached and then lengthened is not owed again; reopened with a restarted clock, it may breach again', () => {
    const log = [e('CREATED', 0, { priority: 'normal' }), e('TAKE', 5), breach(960, 'resolution', 960), e('ADD_NOTE', 970)];
    const lengthened = [span(0, 1, policy('restart')), span(970, 2, policy('restart', [120, 240, 1440]))];
    expect(owedFor(log, lengthened, 'resolution', 1000)).toEqual([]);
    const reopened = [...log, e('RESOLVE', 1100), e('REOPEN', 1200)];
    expect(owedFor(reopened, lengthened, 'resolution', 2700)).toEqual([['breach', 2640]]);
  });
});
