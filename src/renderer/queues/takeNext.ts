import { notifications } from '@mantine/notifications';
import type { Segment, Tier } from '../../shared/domain';
import { call, problemOf } from '../backend';
import { t } from '../i18n';
import { segmentLabel, tierLabel } from '../labels';
import { navigate, ticketHref } from '../route';

/** Takes the next ticket of a queue (priority, then age) and opens it. */
export async function takeNext(segment: Segment, tier: Tier): Promise<void> {
  try {
    const detail = await call('queues.takeNext', { segment, tier });
    if (!detail) {
      notifications.show({ color: 'gray', title: t('queues.nothingTitle'), message: t('queues.nothing', { queue: queueName(segment, tier) }) });
      return;
    }
    notifications.show({ color: 'teal', message: t('queues.taken', { number: detail.ticket.number }) });
    navigate(ticketHref(detail.ticket.id));
  } catch (error) {
    notifications.show({ color: 'red', title: t('queues.takeFailed'), message: problemOf(error).message });
  }
}

export const queueName = (segment: Segment, tier: Tier): string => t('queues.name', { segment: segmentLabel(segment), tier: tierLabel(tier) });
