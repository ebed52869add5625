import { notifications, notificationsStore } from '@mantine/notifications';
import { describe, expect, it } from 'vitest';
import { clearNoticesOnLeave } from './leaveNotices';

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
    clearNoticesOnLeave();
    expect(notificationsStore.getState().notifications).toEqual([]);
    expect(notificationsStore.getState().queue).toEqual([]);
    expect(closed.sort()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
  });
});
