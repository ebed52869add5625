/**
 * The SLA clock: from a ticket's SLA events, its policy and its business-hours calendar,
 * where each target stands at `now`. Clocks are data, not timers; the result tells a
 * scheduler when to look again (`nextDeadline`). Time comes only from the arguments.
 *
 * The rules
 * - Business time counts from `created`, in the calendar's opening hours only (real elapsed
 *   time on its wall clock, so DST changes neither add nor lose any). Events before
 *   `created`, and after `now`, are ignored; events at the same instant apply in the order given.
 * - `created` starts the first-response and resolution clocks.
 * - `agentResponse` (a public reply, a note to the customer, or taking the ticket) meets the
 *   first-response clock, and the next-response clock when one runs.
 * - `customerReplied` starts a next-response clock, met by the next `agentResponse`. It does
 *   so only once the first response is met (until then the first-response clock already
 *   covers the customer's wait), and a second reply before the agent answers does not restart
 *   the running clock: the customer has been waiting since the first one.
 * - `paused` (waiting on the customer) stops every running clock until `customerReplied`,
 *   `reopened` or `deescalated`. While paused a clock's status is 'paused' and its dueAt and future atRiskAt
 *   are null; on resuming, due times move later by exactly the business time spent paused.
 *   A clock that had already breached stays 'breached' with its past dueAt, since pausing
 *   cannot move a deadline that has passed. Pausing a resolved ticket changes nothing.
 * - `resolved` meets the resolution clock, and any response clock still waiting (resolving
 *   answers the customer). Time spent resolved never counts, and a customer reply to a
 *   resolved ticket changes nothing until it is reopened.
 * - `reopened` resumes counting. The policy's reopenRule decides the resolution clock:
 *   'continue' resumes it with its elapsed time kept; 'restart' starts a fresh resolution
 *   target at the reopen. Response clocks are not restarted; the customer's next reply
 *   starts a next-response clock as usual.
 * - `closed` stops everything for good; later events are ignored. A clock stopped unmet
 *   reports 'none' (the target no longer applies), or 'breached' if it had breached.
 * - `priorityChanged` and `policyChanged` replace the targets (and the at-risk share) of
 *   every clock not yet met, from that event on, keeping the elapsed business time: the
 *   clock is judged as if the ticket had always had its current targets. A shorter target
 *   already exceeded is therefore breached, with dueAt the past instant at which the elapsed
 *   time reached it. Met clocks keep the target they were met against.
 * - `breached` is a breach recorded in the ticket's log (the scheduler's SLA_BREACH), placed at
 *   the deadline that passed. It belongs to the run of its target's clock that deadline fell in
 *   (after the run's start, before the clock was met or stopped), and the run's first one
 *   stands: a breach that happened stays a fact for the rest of that run, whatever the policy
 *   does later. A target lengthened afterwards does not make the run on time again: it stays
 *   'breached', judged by the target it breached (dueAt and breachedAt the recorded deadline,
 *   remainingMs how far past it, atRiskAt its at-risk share of the way there, the policy it
 *   breached under). Only a new run can be on time again: a next response's after the
 *   customer's next reply, a resolution's restarted by a reopening. A longer target lifts only
 *   a breach that was never recorded (the desk had not yet sent it).
 * - `deescalated` (handing the ticket back down a tier) does not reset any clock: the
 *   customer is still waiting for the same answer. It ends a pause, as a reply does: handed
 *   down from waiting on the customer, the ticket is worked again (open or in progress).
 * - A clock is 'atRisk' once elapsed >= atRiskShare * target, and 'breached' once elapsed >=
 *   target: dueAt is the first instant at which it counts as breached. A clock met late is
 *   reported 'breached' (with metAt set), because the breach happened; 'met' means met in time.
 * - `nextDeadline` is the earliest atRiskAt ('warning') or dueAt ('breach') after `now` of a
 *   clock that is running, not paused and not met; null when there is none.
 *
 * All clocks run on the one calendar given: a policy change to a policy on another calendar
 * keeps counting on this one.
 */

import { z } from 'zod';
import { PRIORITIES, prioritySchema, segmentSchema, serviceLevelSchema, type Priority } from '../domain';
import { SLA_TARGET_PHRASE, say } from '../messageKeys';
import { businessHours, type BusinessCalendar, type BusinessHours } from './calendar';

export type { Priority };
export type SlaTarget = 'firstResponse' | 'nextResponse' | 'resolution';

const TARGETS: readonly SlaTarget[] = ['firstResponse', 'nextResponse', 'resolution'];
const MINUTE_MS = 60_000;
/**
 * The longest target a policy may set: a year of business minutes. Finding a due time walks
 * the calendar a day at a time, so a mistyped 99,999,999,999,999 never came back; a longer
 * target stored before this rule counts as a year.
 */
export const MAX_TARGET_MINUTES = 525_600;

const targetMinutesSchema = z.object({ firstResponse: z.number(), nextResponse: z.number(), resolution: z.number() });

/** What a reopening does to the resolution clock: 'continue' keeps the time counted; 'restart' starts a fresh target. */
export const reopenRuleSchema = z.enum(['continue', 'restart']);
export type ReopenRule = z.infer<typeof reopenRuleSchema>;

export const slaPolicySchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    segment: segmentSchema,
    serviceLevel: serviceLevelSchema,
    calendarId: z.string().min(1),
    atRiskShare: z
      .number()
      .gt(0, { message: say('slaAtRiskShare') })
      .lt(1, { message: say('slaAtRiskShare') })
      .default(0.75),
    /** Business minutes per priority and target. */
    targets: z.record(prioritySchema, targetMinutesSchema),
    reopenRule: reopenRuleSchema.default('continue'),
  })
  .superRefine((policy, ctx) => {
    for (const priority of PRIORITIES) {
      const minutes = policy.targets[priority];
      for (const target of TARGETS) {
        const value = minutes[target];
        const path = ['targets', priority, target];
        const said = { target: SLA_TARGET_PHRASE[target], priority };
        if (value <= 0) ctx.addIssue({ code: 'custom', path, message: say('slaTargetPositive', said) });
        else if (!Number.isInteger(value)) ctx.addIssue({ code: 'custom', path, message: say('slaTargetWhole', said) });
      }
    }
  });
export type SlaPolicy = z.infer<typeof slaPolicySchema>;

export type SlaEvent =
  | { kind: 'created'; at: number; priority: Priority }
  | { kind: 'agentResponse'; at: number }
  | { kind: 'customerReplied'; at: number }
  | { kind: 'paused'; at: number }
  | { kind: 'resolved'; at: number }
  | { kind: 'reopened'; at: number }
  | { kind: 'closed'; at: number }
  | { kind: 'priorityChanged'; at: number; priority: Priority }
  | { kind: 'deescalated'; at: number }
  | { kind: 'policyChanged'; at: number; policy: SlaPolicy }
  /** A breach recorded in the log, at the deadline that passed (its dueAt), with the policy it was recorded under. */
  | { kind: 'breached'; at: number; target: SlaTarget; policy?: SlaPolicy };

export type TargetStatus = 'ok' | 'atRisk' | 'breached' | 'met' | 'paused' | 'none';

export interface TargetClock {
  target: SlaTarget;
  dueAt: number | null;
  elapsedMs: number;
  /** Zero or negative once breached: how far past the target. */
  remainingMs: number;
  status: TargetStatus;
  atRiskAt: number | null;
  metAt: number | null;
  breachedAt: number | null;
  /**
   * When this clock's current run started, null when it never ran: the ticket's creation for
   * the first response (and the resolution, until a reopening restarts it), the customer's reply
   * for a next response. A breach is owed once per run (owedDeadlines), however its deadline moves.
   */
  startedAt: number | null;
}

export interface SlaDeadline {
  at: number;
  kind: 'warning' | 'breach';
  target: SlaTarget;
}

export interface SlaState {
  targets: Record<SlaTarget, TargetClock>;
  /** The ticket waits on the customer. */
  paused: boolean;
  nextDeadline: SlaDeadline | null;
}

export function computeSla(policy: SlaPolicy, calendar: BusinessCalendar, events: readonly SlaEvent[], now: number): SlaState {
  return replay(policy, calendar, events, now).readAt(now);
}

/** A stretch of time the ticket waited on the customer; `to` is null while it still waits. */
export interface SlaPause {
  from: number;
  to: number | null;
  /** Opening hours inside the pause (up to now while it lasts): business time not counted. */
  businessMs: number;
}

export interface TargetTrace {
  clock: TargetClock;
  /** idle: never started; running; met: met (in time or late); stopped: the ticket closed first. */
  phase: 'idle' | 'running' | 'met' | 'stopped';
  /** When this clock (last) started counting; null when it never did. */
  startedAt: number | null;
  /** When it was met or stopped; null while it runs. */
  endedAt: number | null;
  /** The target it is judged by, in milliseconds of business time (elapsedMs + remainingMs). */
  targetMs: number;
  /** The policy it is judged by: the one in force when it was met or stopped, else the current one. */
  policy: SlaPolicy;
  /** The waits on the customer that fell inside this clock's run (from its start to its end or now). */
  pauses: SlaPause[];
}

export interface SlaTrace {
  state: SlaState;
  targets: Record<SlaTarget, TargetTrace>;
  pauses: SlaPause[];
}

/**
 * The same replay as computeSla, with what explains each figure: when each clock started and
 * ended, the policy and target it is judged by, and the pauses that stopped it. For showing
 * where a number comes from; computeSla stays the hot path.
 */
export function traceSla(policy: SlaPolicy, calendar: BusinessCalendar, events: readonly SlaEvent[], now: number): SlaTrace {
  const ticket = replay(policy, calendar, events, now);
  const state = ticket.readAt(now);
  const pauses = ticket.pausesAt(now);
  const targets = {} as Record<SlaTarget, TargetTrace>;
  for (const target of TARGETS) {
    const info = ticket.info(target);
    const until = info.endedAt ?? now;
    const clock = state.targets[target];
    targets[target] = {
      ...info,
      clock,
      targetMs: info.phase === 'idle' ? 0 : clock.elapsedMs + clock.remainingMs,
      pauses: info.startedAt === null ? [] : pauses.filter((p) => p.from < until && (p.to === null || p.to > (info.startedAt as number))),
    };
  }
  return { state, targets, pauses };
}

function replay(policy: SlaPolicy, calendar: BusinessCalendar | Hours, events: readonly SlaEvent[], now: number): TicketClocks {
  const ticket = new TicketClocks(policy, 'between' in calendar ? calendar : businessHours(calendar));
  for (const event of inTimeOrder(events)) {
    if (event.at > now || ticket.closed) break;
    ticket.apply(event);
  }
  return ticket;
}

/** Every instant counts: where only the order of events matters (clockRuns). */
const ALWAYS: Hours = { between: (from, to) => Math.max(0, to - from), add: (from, ms) => from + ms };

/**
 * When each target's clock started each of its runs, oldest first, from the events alone: a
 * run starts at an event (the creation, a customer's reply, a reopening that restarts the
 * resolution clock), so no calendar is needed. `policy` is the first one the ticket ran under.
 */
export function clockRuns(policy: SlaPolicy, events: readonly SlaEvent[]): Record<SlaTarget, number[]> {
  return replay(policy, ALWAYS, events, Number.POSITIVE_INFINITY).runs();
}

/** The business-time arithmetic the clocks use. */
type Hours = Pick<BusinessHours, 'between' | 'add'>;

// ---------------------------------------------------------------------------------------
// Replaying the history

interface ClockState {
  phase: 'idle' | 'running' | 'met' | 'stopped';
  /** The ticket's counted time when this clock started: its elapsed time is counted minus this. */
  startCounted: number;
  /** Counted time when the clock was met or stopped. */
  endCounted: number;
  metAt: number | null;
  /** The target and share a met or stopped clock is judged by; a running one uses the current ones. */
  targetMs: number;
  atRiskShare: number;
  /** For explaining the figures (traceSla): when it started and ended, and the policy that judged it. */
  startedAt: number | null;
  endedAt: number | null;
  policy: SlaPolicy | null;
  /**
   * The breach recorded in this run (the first): the deadline that passed, the business time
   * the run had counted by then, and the policy it was recorded under. Null when none was.
   */
  breach: { at: number; elapsed: number; policy: SlaPolicy } | null;
  /** When each of its runs started. */
  runs: number[];
}

const idleClock = (): ClockState => ({ phase: 'idle', startCounted: 0, endCounted: 0, metAt: null, targetMs: 0, atRiskShare: 0, startedAt: null, endedAt: null, policy: null, breach: null, runs: [] });

/** The ticket's clocks as its events are applied in time order. */
class TicketClocks {
  closed = false;
  private priority: Priority | null = null;
  private paused = false;
  private resolved = false;
  private readonly time: CountedTime;
  private readonly firstResponse = idleClock();
  private readonly nextResponse = idleClock();
  private readonly resolution = idleClock();
  /** Waits on the customer, as [from, to] pairs (to = null while waiting). */
  private readonly pauses: Array<{ from: number; to: number | null }> = [];

  constructor(
    private policy: SlaPolicy,
    private readonly hours: Hours,
  ) {
    this.time = new CountedTime(hours);
  }

  apply(event: SlaEvent): void {
    if (this.priority === null) {
      if (event.kind === 'created') {
        this.priority = event.priority;
        this.time.start(event.at);
        this.start(this.firstResponse, event.at);
        this.start(this.resolution, event.at);
      }
      return;
    }
    this.time.advance(event.at);
    switch (event.kind) {
      case 'agentResponse':
        this.settle('firstResponse', 'met', event.at);
        this.settle('nextResponse', 'met', event.at);
        break;
      case 'customerReplied':
        if (this.resolved) break;
        this.resume(event.at);
        if (this.firstResponse.phase === 'met' && this.nextResponse.phase !== 'running') this.start(this.nextResponse, event.at);
        break;
      case 'paused':
        if (this.resolved || this.paused) break;
        this.paused = true;
        this.pauses.push({ from: event.at, to: null });
        this.time.stop(event.at);
        break;
      case 'resolved':
        if (this.resolved) break;
        for (const target of TARGETS) this.settle(target, 'met', event.at);
        this.resolved = true;
        this.endPause(event.at);
        this.paused = false;
        this.time.stop(event.at);
        break;
      case 'reopened':
        if (!this.resolved) {
          this.resume(event.at);
          break;
        }
        this.resolved = false;
        this.time.start(event.at);
        if (this.policy.reopenRule === 'restart') this.start(this.resolution, event.at);
        else if (this.resolution.phase === 'met') {
          this.resolution.phase = 'running';
          this.resolution.metAt = null;
          this.resolution.endedAt = null;
        }
        break;
      case 'closed':
        for (const target of TARGETS) this.settle(target, 'stopped', event.at);
        this.closed = true;
        this.endPause(event.at);
        this.paused = false;
        this.time.stop(event.at);
        break;
      case 'priorityChanged':
        this.priority = event.priority;
        break;
      case 'policyChanged':
        this.policy = event.policy;
        break;
      case 'deescalated':
        // Handed back down from waiting on the customer, the ticket is worked again at the
        // lower tier (the machine takes it to open or in progress): its clocks run again.
        this.resume(event.at);
        break;
      case 'breached': {
        // A deadline of this run (after its start, while it still ran): its first breach stands.
        const clock = this.clock(event.target);
        if (clock.phase === 'running' && clock.breach === null && clock.startedAt !== null && event.at > clock.startedAt) {
          clock.breach = { at: event.at, elapsed: this.time.counted - clock.startCounted, policy: event.policy ?? this.policy };
        }
        break;
      }
      case 'created':
        break;
    }
  }

  readAt(now: number): SlaState {
    if (this.priority === null) {
      return { targets: { firstResponse: noClock('firstResponse'), nextResponse: noClock('nextResponse'), resolution: noClock('resolution') }, paused: false, nextDeadline: null };
    }
    this.time.advance(now);
    const targets: Record<SlaTarget, TargetClock> = {
      firstResponse: this.read('firstResponse'),
      nextResponse: this.read('nextResponse'),
      resolution: this.read('resolution'),
    };
    let nextDeadline: SlaDeadline | null = null;
    for (const target of TARGETS) {
      if (this.clock(target).phase !== 'running' || this.paused) continue;
      const { atRiskAt, dueAt } = targets[target];
      if (atRiskAt !== null && atRiskAt > now && (nextDeadline === null || atRiskAt < nextDeadline.at)) {
        nextDeadline = { at: atRiskAt, kind: 'warning', target };
      }
      if (dueAt !== null && dueAt > now && (nextDeadline === null || dueAt < nextDeadline.at)) {
        nextDeadline = { at: dueAt, kind: 'breach', target };
      }
    }
    return { targets, paused: this.paused, nextDeadline };
  }

  /** What traceSla reports of one clock beside its reading. */
  info(target: SlaTarget): { phase: ClockState['phase']; startedAt: number | null; endedAt: number | null; policy: SlaPolicy } {
    const clock = this.clock(target);
    const held = this.heldBy(clock, target);
    const policy = held ? held.policy : clock.phase === 'met' || clock.phase === 'stopped' ? (clock.policy ?? this.policy) : this.policy;
    return { phase: clock.phase, startedAt: clock.startedAt, endedAt: clock.endedAt, policy };
  }

  runs(): Record<SlaTarget, number[]> {
    return { firstResponse: [...this.firstResponse.runs], nextResponse: [...this.nextResponse.runs], resolution: [...this.resolution.runs] };
  }

  pausesAt(now: number): SlaPause[] {
    return this.pauses.map((p) => ({ from: p.from, to: p.to, businessMs: this.hours.between(p.from, Math.max(p.from, p.to ?? now)) }));
  }

  private endPause(at: number): void {
    const last = this.pauses.at(-1);
    if (this.paused && last && last.to === null) last.to = at;
  }

  private clock(target: SlaTarget): ClockState {
    return target === 'firstResponse' ? this.firstResponse : target === 'nextResponse' ? this.nextResponse : this.resolution;
  }

  /** The target a clock is judged by now: the policy's, or the one its recorded breach had; not yet the held one. */
  private judgedMs(clock: ClockState, target: SlaTarget): number {
    return clock.phase === 'running' ? this.targetMs(target) : clock.targetMs;
  }

  /**
   * The breach recorded in the clock's run, when it holds the clock to the deadline it breached:
   * the target it is judged by now is longer than the time the run had counted by then (an admin
   * lengthened it since). Null otherwise (no breach recorded, or the target still breaches it).
   */
  private heldBy(clock: ClockState, target: SlaTarget): ClockState['breach'] {
    return clock.breach !== null && clock.phase !== 'idle' && clock.breach.elapsed < this.judgedMs(clock, target) ? clock.breach : null;
  }

  private targetMs(target: SlaTarget): number {
    return Math.min(this.policy.targets[this.priority as Priority][target], MAX_TARGET_MINUTES) * MINUTE_MS;
  }

  private resume(at: number): void {
    if (!this.paused) return;
    this.endPause(at);
    this.paused = false;
    this.time.start(at);
  }

  private start(clock: ClockState, at: number): void {
    clock.phase = 'running';
    clock.startCounted = this.time.counted;
    clock.metAt = null;
    clock.startedAt = at;
    clock.endedAt = null;
    clock.breach = null;
    clock.runs.push(at);
  }

  private settle(target: SlaTarget, phase: 'met' | 'stopped', at: number): void {
    const clock = this.clock(target);
    if (clock.phase !== 'running') return;
    clock.phase = phase;
    clock.metAt = phase === 'met' ? at : null;
    clock.endCounted = this.time.counted;
    clock.targetMs = this.targetMs(target);
    clock.atRiskShare = this.policy.atRiskShare;
    clock.endedAt = at;
    clock.policy = this.policy;
  }

  private read(target: SlaTarget): TargetClock {
    const clock = this.clock(target);
    if (clock.phase === 'idle') return noClock(target);
    const running = clock.phase === 'running';
    const ticking = running && !this.paused;
    // A run whose breach was recorded is judged by the target it breached, however long the
    // target is now (at least a millisecond: a deadline the calendar here had not opened by).
    const held = this.heldBy(clock, target);
    const targetMs = held ? Math.max(1, held.elapsed) : this.judgedMs(clock, target);
    const warnAfter = Math.ceil(targetMs * (held ? held.policy.atRiskShare : running ? this.policy.atRiskShare : clock.atRiskShare));
    const elapsed = (running ? this.time.counted : clock.endCounted) - clock.startCounted;
    const breached = held !== null || elapsed >= targetMs;

    let dueAt = held ? held.at : this.instantOf(clock, elapsed, targetMs, ticking);
    // A clock met in time still reports the deadline it beat.
    if (dueAt === null && clock.phase === 'met') dueAt = this.hours.add(clock.metAt as number, targetMs - elapsed);
    let status: TargetStatus;
    if (breached) status = 'breached';
    else if (clock.phase === 'met') status = 'met';
    else if (clock.phase === 'stopped') status = 'none';
    else if (!ticking) status = 'paused';
    else status = elapsed >= warnAfter ? 'atRisk' : 'ok';
    return {
      target,
      dueAt,
      elapsedMs: elapsed,
      remainingMs: targetMs - elapsed,
      status,
      atRiskAt: this.instantOf(clock, elapsed, warnAfter, ticking),
      metAt: clock.metAt,
      breachedAt: breached ? dueAt : null,
      startedAt: clock.startedAt,
    };
  }

  // When the clock's elapsed time reached (or will reach) `threshold`. A past instant is found
  // in the ticket's history; a future one exists only while the clock ticks (a paused clock's
  // future is unknown).
  private instantOf(clock: ClockState, elapsed: number, threshold: number, ticking: boolean): number | null {
    if (elapsed >= threshold) return this.time.reached(clock.startCounted + threshold);
    return ticking ? this.time.willReach(clock.startCounted + threshold) : null;
  }
}

function noClock(target: SlaTarget): TargetClock {
  return { target, dueAt: null, elapsedMs: 0, remainingMs: 0, status: 'none', atRiskAt: null, metAt: null, breachedAt: null, startedAt: null };
}

function inTimeOrder(events: readonly SlaEvent[]): readonly SlaEvent[] {
  for (let i = 1; i < events.length; i++) {
    if ((events[i] as SlaEvent).at < (events[i - 1] as SlaEvent).at) return [...events].sort((a, b) => a.at - b.at);
  }
  return events;
}

/**
 * The ticket's counted business time: it runs while the ticket is open and not waiting on
 * the customer, and every running SLA clock is a difference of two readings of it. The
 * periods it ran are kept so a past reading can be turned back into an instant.
 */
class CountedTime {
  counted = 0;
  private cursor = Number.NEGATIVE_INFINITY;
  private running = false;
  private periodStart = 0;
  private periodCounted = 0;
  /** Flat quadruples: from, to, counted at from, counted at to. */
  private readonly periods: number[] = [];

  constructor(private readonly hours: Hours) {}

  advance(at: number): void {
    if (at <= this.cursor) return;
    if (this.running) this.counted += this.hours.between(this.cursor, at);
    this.cursor = at;
  }

  start(at: number): void {
    this.advance(at);
    if (this.running) return;
    this.running = true;
    this.periodStart = at;
    this.periodCounted = this.counted;
  }

  stop(at: number): void {
    this.advance(at);
    if (!this.running) return;
    this.running = false;
    this.periods.push(this.periodStart, at, this.periodCounted, this.counted);
  }

  /** The instant the counted time reached `counted` (which it has, and which is > 0). */
  reached(counted: number): number {
    const p = this.periods;
    for (let i = 0; i < p.length; i += 4) {
      if (counted > (p[i + 2] as number) && counted <= (p[i + 3] as number)) {
        return this.hours.add(p[i] as number, counted - (p[i + 2] as number));
      }
    }
    return this.hours.add(this.periodStart, counted - this.periodCounted);
  }

  /** The instant the counted time will reach `counted` if nothing else happens. */
  willReach(counted: number): number {
    return this.hours.add(this.cursor, counted - this.counted);
  }
}
