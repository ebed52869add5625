import { notifications, notificationsStore } from '@mantine/notifications';
import { describe, expect, it } from 'vitest';
import { clearNoticesOnLeave } from './leaveNotices';

// Ava takes and escalates a ticket and switches user; Sam signs in. Ava's notices ("You took
// T-000788.", "T-000788 escalated.") must not be on Sam's screen, shown or queued.

describe('notices when the person at the desk leaves', () => {
  it('are all gone, shown and queued', () => {
    for (let i = 0; i < 6; i++) notifications.show({ message: `You took T-00078${i}.`, autoClose: false });
    expect(notificationsStore.getState().notifications.length).toBeGreaterThan(0);
    clearNoticesOnLeave();
    expect(notificationsStore.getState().notifications).toEqual([]);
    expect(notificationsStore.getState().queue).toEqual([]);
  });
});
