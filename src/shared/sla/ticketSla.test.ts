import { describe, expect, it } from 'vitest';
import type { Priority } from '../domain';
import type { BusinessCalendar } from './calendar';
import { defaultCalendars } from './defaults';
import { computeSla, slaPolicySchema, traceSla, type SlaPolicy, type SlaTarget } from './slaClock';
import { owedDeadlines, slaEventsOf, ticketSlaStatus, type LoggedEvent, type PolicySpan } from './ticketSla';

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

// A breach that happened stays a fact for the rest of its run: an admin who lengthens the target
// afterwards does not make the ticket on time again, on the clock (the ticket page's card), the
// ticket's one status (queues, the board) or the trace. It reads "breached", due when it
// breached, with how far past that it is; a new run may be on time again.
describe('a breach recorded stays a fact for the rest of its run', () => {
  const at = (minutes: number) => T0 + minutes * MIN;
  const read = (log: LoggedEvent[], policies: PolicySpan[], now: number) => computeSla(policies[0]!.policy, always, slaEventsOf(log, policies), at(now));

  it('a resolution breached at 4 hours and lengthened to 8 stays breached, due when it breached, on the clock, the ticket and the trace', () => {
    // First response met at 5 minutes; resolution due at 4 hours, breached then (tier 2); the policy goes to 8 hours at 5.
    const v1 = policy('continue', [120, 240, 240]);
    const v2 = policy('continue', [120, 240, 480]);
    const log = [e('CREATED', 0, { priority: 'normal' }), e('TAKE', 5), e('SLA_WARNING', 180, { target: 'resolution', dueAt: at(240) }), breach(240, 'resolution', 240), e('ADD_NOTE', 300)];
    const lengthened = [span(0, 1, v1), span(300, 2, v2)];
    const state = read(log, lengthened, 360);
    expect(state.targets.resolution).toMatchObject({ status: 'breached', dueAt: at(240), breachedAt: at(240), atRiskAt: at(180), elapsedMs: 360 * MIN, remainingMs: -120 * MIN, metAt: null });
    expect(ticketSlaStatus(state)).toEqual({ status: 'breached', dueAt: at(240), target: 'resolution' });
    expect(state.nextDeadline).toBeNull();
    // Where the figures come from: the 4-hour target of the policy it breached under.
    const traced = traceSla(v1, always, slaEventsOf(log, lengthened), at(360)).targets.resolution;
    expect(traced).toMatchObject({ targetMs: 240 * MIN, policy: v1, phase: 'running' });
    // Resolved later, it was resolved late; an older desk's second breach of the run changes nothing.
    const resolved = [...log, breach(480, 'resolution', 480), e('RESOLVE', 500)];
    expect(read(resolved, lengthened, 600).targets.resolution).toMatchObject({ status: 'breached', dueAt: at(240), metAt: at(500) });
    // A breach never recorded (the desk had not sent it yet) is lifted by the longer target, as before.
    expect(read(log.filter((x) => x.type !== 'SLA_BREACH'), lengthened, 360).targets.resolution).toMatchObject({ status: 'atRisk', dueAt: at(480) });
  });

  it('a deadline shortened, breached, then lengthened again stays breached at the shortened deadline, under the policy it breached', () => {
    const v2 = policy('continue', [60, 240, 960]);
    const log = [e('CREATED', 0, { priority: 'normal' }), e('ADD_NOTE', 100), breach(100, 'firstResponse', 60), e('ADD_NOTE', 110)];
    const policies = [span(0, 1, policy('continue')), span(100, 2, v2), span(110, 3, policy('continue', [480, 240, 960]))];
    const state = read(log, policies, 200);
    expect(state.targets.firstResponse).toMatchObject({ status: 'breached', dueAt: at(60), remainingMs: -140 * MIN });
    expect(traceSla(policies[0]!.policy, always, slaEventsOf(log, policies), at(200)).targets.firstResponse.policy).toBe(v2);
  });

  it('a new run may be on time again: the next response after the customer’s next reply, the resolution restarted by a reopening', () => {
    const lengthenedNext = [span(0, 1, policy('continue')), span(260, 2, policy('continue', [120, 480, 960]))];
    const next = [e('CREATED', 0, { priority: 'normal' }), e('TAKE', 5), e('CUSTOMER_REPLIED', 10), breach(250, 'nextResponse', 250), e('ADD_NOTE', 260)];
    expect(read(next, lengthenedNext, 300).targets.nextResponse).toMatchObject({ status: 'breached', dueAt: at(250) });
    const replied = [...next, e('WAIT_ON_CUSTOMER', 300), e('CUSTOMER_REPLIED', 400)];
    expect(read(replied, lengthenedNext, 500).targets.nextResponse).toMatchObject({ status: 'ok', dueAt: at(880), startedAt: at(400) });

    const lengthenedResolution = [span(0, 1, policy('restart')), span(970, 2, policy('restart', [120, 240, 1440]))];
    const resolution = [e('CREATED', 0, { priority: 'normal' }), e('TAKE', 5), breach(960, 'resolution', 960), e('ADD_NOTE', 970)];
    expect(read(resolution, lengthenedResolution, 1000).targets.resolution).toMatchObject({ status: 'breached', dueAt: at(960) });
    const reopened = [...resolution, e('RESOLVE', 1100), e('REOPEN', 1200)];
    expect(read(reopened, lengthenedResolution, 1300).targets.resolution).toMatchObject({ status: 'ok', dueAt: at(2640), startedAt: at(1200) });
  });
});
