import { notifications, notificationsStore } from '@mantine/notifications';
import { describe, expect, it } from 'vitest';
import type { OpenKept } from './keptNotices';
import { clearNoticesOnLeave, noteClosed, noteOpen, takeKept } from './leaveNotices';

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
