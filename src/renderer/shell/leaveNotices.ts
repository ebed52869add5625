import { notifications, notificationsStore } from '@mantine/notifications';

/**
 * When the person at the desk signs out or switches user, the notices of what they did
 * ("You took T-000788.") and for them (an SLA warning on their ticket) go with them: the next
 * person never reads someone else's "you". Each is closed as its close button would, so its
 * owner forgets it too (SlaWatch's list of shown notices: a notice it still thought shown
 * would be "updated" in place, that is never shown, for the next person).
 */
export function clearNoticesOnLeave(): void {
  const { notifications: shown, queue } = notificationsStore.getState();
  for (const n of [...shown, ...queue]) if (n.id) notifications.hide(n.id);
  notifications.clean();
}
