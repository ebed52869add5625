import { notifications } from '@mantine/notifications';

/**
 * When the person at the desk signs out or switches user, the notices of what they did
 * ("You took T-000788.") go with them: the next person never reads someone else's "you".
 */
export function clearNoticesOnLeave(): void {
  notifications.clean();
}
