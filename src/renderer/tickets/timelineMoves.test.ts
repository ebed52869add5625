import { afterEach, describe, expect, it } from 'vitest';
import type { TicketRow, TimelineEntry } from '../../shared/api';
import { setLocale } from '../i18n/state';
import { priorityNotice } from './priorityNotice';
import { holdersOf, movesOf, newestFirst } from './timelineMoves';

// A supervisor's new priority can put a ticket past its target; the desk then breaches it and
// moves it up a tier. The timeline says what the priority was and where the breach sent it,
// and the change itself says so when it is made.

let n = 0;
const entry = (type: TimelineEntry['type'], payload: Record<string, unknown> = {}): TimelineEntry => ({
  id: `e${++n}`,
  type,
  at: 1_000 + n,
  actorId: 'grace',
  actorName: 'Grace Chen',
  payload,
});

describe('the timeline’s order', () => {
  it('is newest first, and of two events at the same moment the later logged comes first', () => {
    const created = { ...entry('CREATED', { priority: 'normal' }), at: 5_000 };
    const taken = { ...entry('TAKE'), at: 5_000 };
    const escalated = { ...entry('ESCALATE', { reason: 'needs_skill' }), at: 6_000 };
    expect(newestFirst([created, taken, escalated]).map((e) => e.type)).toEqual(['ESCALATE', 'TAKE', 'CREATED']);
  });
});

describe('the timeline’s moves', () => {
  it('gives each priority change the priority it replaced', () => {
    const log = [entry('CREATED', { priority: 'high' }), entry('CHANGE_PRIORITY', { priority: 'urgent' }), entry('CHANGE_PRIORITY', { priority: 'low' })];
    const moves = movesOf(log);
    expect(moves.get(log[1]!.id)).toEqual({ priorityFrom: 'high' });
    expect(moves.get(log[2]!.id)).toEqual({ priorityFrom: 'urgent' });
    expect(moves.has(log[0]!.id)).toBe(false);
  });

  it('names the tier a breach moved the ticket to, and none at tier 3', () => {
    const log = [
      entry('CREATED', { priority: 'normal' }),
      entry('SLA_BREACH', { target: 'firstResponse', dueAt: 5 }),
      entry('ESCALATE', { reason: 'needs_specialist_skill', note: 'x' }),
      entry('SLA_BREACH', { target: 'resolution', dueAt: 9 }),
      entry('DEESCALATE', { note: 'back' }),
      entry('SLA_BREACH', { target: 'nextResponse', dueAt: 12 }),
    ];
    const moves = movesOf(log);
    expect(moves.get(log[1]!.id)).toEqual({ tierTo: 2 });
    // Escalated to 3 by hand: a breach there leaves it at 3.
    expect(moves.has(log[3]!.id)).toBe(false);
    expect(moves.get(log[5]!.id)).toEqual({ tierTo: 3 });
  });
});

describe('the tiers in the timeline', () => {
  // Tier 3 reads a ticket that went up twice and came back down: each move says where it went,
  // and a hand-back says to whom (the one who held it at that tier) or that it went to the queue.
  const by = (e: TimelineEntry, actorId: string, actorName: string): TimelineEntry => ({ ...e, actorId, actorName });
  it('names the tier of each escalation and hand-back, and who got the hand-back', () => {
    const log = [
      by(entry('CREATED', { priority: 'high' }), 'ava', 'Ava Martin'),
      by(entry('TAKE'), 'ava', 'Ava Martin'),
      by(entry('ESCALATE', { reason: 'hardware_replacement', note: 'ePSA fan error' }), 'ava', 'Ava Martin'),
      by(entry('TAKE'), 'sam', 'Sam Rivera'),
      by(entry('ESCALATE', { reason: 'repeat_failure', note: 'board?' }), 'sam', 'Sam Rivera'),
      by(entry('TAKE'), 'tara', 'Tara Lindqvist'),
      by(entry('DEESCALATE', { note: 'board replaced' }), 'tara', 'Tara Lindqvist'),
      by(entry('DEESCALATE', { note: 'call the customer' }), 'sam', 'Sam Rivera'),
      by(entry('ASSIGN', { assigneeId: 'ben' }), 'grace', 'Grace Chen'),
      by(entry('ESCALATE', { reason: 'repeat_failure', note: 'again' }), 'ben', 'Ben Okafor'),
      by(entry('DEESCALATE', { note: 'to whoever works it', toQueue: true }), 'sam', 'Sam Rivera'),
    ];
    const moves = movesOf(log);
    expect(moves.get(log[2]!.id)).toEqual({ tierTo: 2 });
    expect(moves.get(log[4]!.id)).toEqual({ tierTo: 3 });
    expect(moves.get(log[6]!.id)).toEqual({ tierTo: 2, backTo: 'sam' });
    expect(moves.get(log[7]!.id)).toEqual({ tierTo: 1, backTo: 'ava' });
    expect(moves.get(log[9]!.id)).toEqual({ tierTo: 2 });
    expect(moves.get(log[10]!.id)).toEqual({ tierTo: 1, backTo: null });
    // Assigned at tier 1, Ben held it there: a hand-back before the queue one would have gone to him.
    expect(holdersOf(log.slice(0, 10))[1]).toBe('ben');
  });
});

describe('the notice after a priority change', () => {
  afterEach(() => setLocale('en', 'latn'));
  const row = (tier: 1 | 2 | 3, status: 'ok' | 'atRisk' | 'breached'): Pick<TicketRow, 'number' | 'tier' | 'sla'> => ({
    number: 'T-000240',
    tier,
    sla: { status, target: 'firstResponse', remainingMs: 0, timeZone: 'UTC', displayCalendar: 'gregory' },
  });

  it('says the ticket is breached and where it goes when the new priority puts it past its target', () => {
    expect(priorityNotice(row(1, 'atRisk'), row(1, 'breached'))).toBe(
      'With this priority, T-000240 is already past a target (First response): the desk marks it breached and moves it up to Tier 2.',
    );
    expect(priorityNotice(row(3, 'ok'), row(3, 'breached'))).toBe('With this priority, T-000240 is already past a target (First response): the desk marks it breached.');
  });

  it('says nothing when the SLA did not change to breached', () => {
    expect(priorityNotice(row(1, 'atRisk'), row(1, 'ok'))).toBeNull();
    expect(priorityNotice(row(1, 'breached'), row(1, 'breached'))).toBeNull();
  });

  it('says it in Persian', async () => {
    await setLocale('fa', 'arabext');
    expect(priorityNotice(row(1, 'atRisk'), row(1, 'breached'))).toContain('سطح دو');
  });
});
