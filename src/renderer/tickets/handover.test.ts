import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../shared/api';
import { handoverOf, reopeningOf, resolutionOf } from './handover';

// A specialist opening an escalated ticket reads first why it came to them: the reason and
// note of the escalation (or the note of the hand-back, or the breach) that put it at its
// tier, at the top of the page rather than at the foot of the timeline.

let n = 0;
const entry = (type: TimelineEntry['type'], actorName: string, payload: Record<string, unknown> = {}): TimelineEntry => ({
  id: `e${++n}`,
  type,
  at: 1_000 + n,
  actorId: actorName,
  actorName,
  payload,
});

describe('why a ticket is at its tier', () => {
  const created = entry('CREATED', 'Ava Martin', { priority: 'normal' });
  const taken = entry('TAKE', 'Ava Martin');
  const escalated = entry('ESCALATE', 'Ava Martin', { reason: 'repeat_failure', note: 'Bulbs replaced three times.' });
  const samTook = entry('TAKE', 'Sam Rivera');
  const samNote = entry('ADD_NOTE', 'Sam Rivera', { note: 'Asked for the model.' });

  it('is the escalation that brought it to tier 2, with its reason and note, whatever came after', () => {
    const h = handoverOf([created, taken, escalated, samTook, samNote], { tier: 2, state: 'tier2.inProgress' });
    expect(h).toMatchObject({ kind: 'ESCALATE', tier: 2, actorName: 'Ava Martin', reason: 'repeat_failure', note: 'Bulbs replaced three times.' });
  });

  it('is the hand-back and its note once tier 3 sends it back down', () => {
    const up = entry('ESCALATE', 'Sam Rivera', { reason: 'needs_specialist_skill', note: 'Bench test needed.' });
    const down = entry('DEESCALATE', 'Tara Lindqvist', { note: 'Bench test fine; swap the housing.' });
    const h = handoverOf([created, taken, escalated, samTook, up, entry('TAKE', 'Tara Lindqvist'), down], { tier: 2, state: 'tier2.inProgress' });
    expect(h).toMatchObject({ kind: 'DEESCALATE', tier: 2, actorName: 'Tara Lindqvist', reason: null, note: 'Bench test fine; swap the housing.' });
  });

  it('is the breach (and its target) when the SLA moved it up, not a breach at tier 3 that moved nothing', () => {
    const breach = entry('SLA_BREACH', 'Tagdesk SLA', { target: 'firstResponse', dueAt: 5 });
    expect(handoverOf([created, breach], { tier: 2, state: 'tier2.waiting' })).toMatchObject({ kind: 'SLA_BREACH', tier: 2, target: 'firstResponse', note: null });
    const up = entry('ESCALATE', 'Sam Rivera', { reason: 'vip_account', note: 'VIP.' });
    const topBreach = entry('SLA_BREACH', 'Tagdesk SLA', { target: 'resolution', dueAt: 9 });
    expect(handoverOf([created, breach, up, topBreach], { tier: 3, state: 'tier3.waiting' })).toMatchObject({ kind: 'ESCALATE', reason: 'vip_account' });
  });

  it('is nothing on a ticket that never moved tier, or that is resolved or closed', () => {
    expect(handoverOf([created, taken], { tier: 1, state: 'tier1.open' })).toBeNull();
    expect(handoverOf([created, taken, escalated, samTook, entry('RESOLVE', 'Sam Rivera', { code: 'onsite_repair', note: 'done' })], { tier: 2, state: 'resolved' })).toBeNull();
  });
});

describe('a ticket the customer called back about', () => {
  const created = entry('CREATED', 'Ava Martin', { priority: 'normal' });
  const escalated = entry('ESCALATE', 'Ava Martin', { reason: 'repeat_failure', note: 'Bulbs replaced three times.' });
  const resolved = entry('RESOLVE', 'Sam Rivera', { code: 'onsite_repair', note: 'Housing swapped.' });
  const reopened = entry('REOPEN', 'Ava Martin', { note: 'Customer called: blew again this morning.' });

  it('says who reopened it and why, alongside the escalation that brought it to tier 2', () => {
    const log = [created, entry('TAKE', 'Ava Martin'), escalated, entry('TAKE', 'Sam Rivera'), resolved, reopened];
    expect(reopeningOf(log, { state: 'tier2.inProgress' })).toEqual({ actorName: 'Ava Martin', at: reopened.at, note: 'Customer called: blew again this morning.' });
    expect(handoverOf(log, { tier: 2, state: 'tier2.inProgress' })).toMatchObject({ kind: 'ESCALATE', reason: 'repeat_failure' });
  });

  it('says nothing once it is resolved again, or if it was never reopened', () => {
    expect(reopeningOf([created, escalated, resolved, reopened, entry('RESOLVE', 'Sam Rivera', { code: 'onsite_repair', note: 'ok' })], { state: 'resolved' })).toBeNull();
    expect(reopeningOf([created, escalated], { state: 'tier2.waiting' })).toBeNull();
  });
});

describe('how a resolved ticket was resolved', () => {
  const created = entry('CREATED', 'Ava Martin', { priority: 'normal' });
  const first = entry('RESOLVE', 'Sam Rivera', { code: 'onsite_repair', note: 'Housing swapped.' });
  const reopened = entry('REOPEN', 'Ava Martin', { note: 'Blew again.' });
  const second = entry('RESOLVE', 'Tara Lindqvist', { code: 'part_dispatched', note: '  ' });

  it('is the last resolution, its code and note, on a ticket resolved or closed since', () => {
    expect(resolutionOf([created, first], { state: 'resolved' })).toEqual({ actorName: 'Sam Rivera', at: first.at, code: 'onsite_repair', note: 'Housing swapped.' });
    // Reopened and resolved again: the second resolution (a blank note is no note).
    expect(resolutionOf([created, first, reopened, second, entry('CLOSE', 'Tagdesk')], { state: 'closed' })).toEqual({ actorName: 'Tara Lindqvist', at: second.at, code: 'part_dispatched', note: null });
  });

  it('is nothing on an open ticket, even one resolved before and reopened', () => {
    expect(resolutionOf([created, first, reopened], { state: 'tier1.open' })).toBeNull();
    expect(resolutionOf([created], { state: 'tier1.open' })).toBeNull();
  });
});
