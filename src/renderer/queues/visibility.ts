import type { QueueKey } from '../../shared/api';
import type { User } from '../../shared/domain';

/** Which queues a person works: agents tier 1 of their segments, specialists their tier, supervisors all. */
export function worksQueue(user: User, queue: QueueKey): boolean {
  switch (user.role) {
    case 'agent':
      return queue.tier === 1 && user.segments.includes(queue.segment);
    case 'specialist':
      return queue.tier === user.tier && user.segments.includes(queue.segment);
    case 'supervisor':
    case 'admin':
      return true;
  }
}
