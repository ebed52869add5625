import { notifications, notificationsStore } from '@mantine/notifications';
import { describe, expect, it } from 'vitest';
import type { TicketStanding } from '../../shared/api';
import type { OpenKept } from './keptNotices';
import { checkKept, clearNoticesOnLeave, noteClosed, noteOpen, takeKept } from './leaveNotices';

// Ava takes and escalates a ticket and switches user; Sam signs in. Ava's notices ("You took
// T-000788.", "T-000788 escalated.") must not be on Sam's screen, shown or queued. And each is
// closed as its close button would close it, so whoever showed it knows it is gone.

describe('notices when the person at the desk leaves', () => {
  it('are all gone, shown and queued, each closed as by its close button', () => {
    const closed: string[] = [];
    for (let i = 0; i < 6; i++) {
      notifications.show({ id: `n${i}`, message: `You took T-00078${i}.`, autoClose: false, onClose: (n) => void closed.push(String(n.id)) });
    }
    expect(notificationsStore.getState().notifications.length).toBeGreaterThan(0);
    expect(notificationsStore.getState().queue.length).toBeGreaterThan(0);
    clearNoticesOnLeave(null);
    expect(notificationsStore.getState().notifications).toEqual([]);
    expect(notificationsStore.getState().queue).toEqual([]);
    expect(closed.sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
  });
});

describe('notices for the person who leaves', () => {
  it('are kept for them alone, and not one they dismissed', () => {
    const breach: OpenKept = { at: Date.now(), source: { kind: 'breach', ticketId: 't-1', number: 'T-000781', target: 'resolution', tier: 2, segment: 'government', mine: true } };
    const warning: OpenKept = { at: Date.now(), source: { kind: 'warning', ticketId: 't-2', number: 'T-000782', target: 'resolution', tier: 2, segment: 'government', mine: true } };
    notifications.show({ id: 'sla-breach-t-1', message: 'T-000781 breached', autoClose: false, onClose: () => noteClosed('sla-breach-t-1') });
    noteOpen('sla-breach-t-1', breach);
    noteOpen('sla-warning-t-2', warning);
    noteClosed('sla-warning-t-2'); // Sam dismissed the warning
    clearNoticesOnLeave('u-sam');
    expect(notificationsStore.getState().notifications).toEqual([]);
    expect(takeKept('u-ava').shown).toEqual([]);
    clearNoticesOnLeave('u-ava');
    expect(takeKept('u-sam').shown.map((n) => n.source)).toEqual([breach.source]);
    expect(takeKept('u-sam').shown).toEqual([]);
  });
});

describe('notices that come back', () => {
  const HERE = () => true;
  /** What Sam's next sign-in brings back, unchecked (the desk does not answer). */
  const nextSignIn = async () => (await checkKept('u-sam', takeKept('u-sam'), () => Promise.reject(new Error('The desk is not answering.')), HERE))!.shown.map((n) => n.source);
  // Sam was warned of T-000123 and told T-000124 was escalated into his queue; Ava resolved
  // T-000123 while she had the window.
  const leaveWithTwo = () => {
    const warning: OpenKept = { at: Date.now() - 60_000, source: { kind: 'warning', ticketId: 't-123', number: 'T-000123', target: 'resolution', tier: 2, segment: 'government', mine: true } };
    const escalation: OpenKept = { at: Date.now(), source: { kind: 'escalation', ticketId: 't-124', number: 'T-000124', bySla: false, tier: 2, segment: 'government' } };
    noteOpen('sla-warning-t-123', warning);
    noteOpen('sla-escalation-t-124', escalation);
    clearNoticesOnLeave('u-sam');
    noteClosed('sla-warning-t-123');
    noteClosed('sla-escalation-t-124');
    return { warning, escalation };
  };
  const now: TicketStanding[] = [
    { id: 't-123', state: 'resolved', tier: 2, assigneeId: 'u-ava', slaStatus: 'met', slaTarget: null },
    { id: 't-124', state: 'tier2.waiting', tier: 2, assigneeId: null, slaStatus: 'ok', slaTarget: 'resolution' },
  ];

  it('are checked with one call for all their tickets, and what stopped being true is gone for good', async () => {
    const { escalation } = leaveWithTwo();
    const calls: string[][] = [];
    const back = await checkKept('u-sam', takeKept('u-sam'), async (ids) => (calls.push(ids), now), HERE);
    expect(calls).toEqual([['t-124', 't-123']]);
    expect(back).toEqual({ shown: [{ userId: 'u-sam', ...escalation }], more: 0, moreAbout: null });
    // The stale warning is not kept again: the next sign-in has nothing.
    clearNoticesOnLeave('u-sam');
    expect(await nextSignIn()).toEqual([]);
  });

  it('all come back as they were when the desk does not answer', async () => {
    const { warning, escalation } = leaveWithTwo();
    expect(await nextSignIn()).toEqual([escalation.source, warning.source]);
  });

  it('are kept again when Sam leaves while they are checked, and not shown', async () => {
    const { warning, escalation } = leaveWithTwo();
    let answer: (s: TicketStanding[]) => void = () => {};
    const checking = checkKept('u-sam', takeKept('u-sam'), () => new Promise((r) => (answer = r)), HERE);
    clearNoticesOnLeave('u-sam');
    answer(now);
    expect(await checking).toBeNull();
    expect(await nextSignIn()).toEqual([escalation.source, warning.source]);
  });

  it('are put back when the screen is no longer his by the time the desk answers', async () => {
    const { warning, escalation } = leaveWithTwo();
    expect(await checkKept('u-sam', takeKept('u-sam'), async () => now, () => false)).toBeNull();
    expect(await nextSignIn()).toEqual([escalation.source, warning.source]);
  });
});
