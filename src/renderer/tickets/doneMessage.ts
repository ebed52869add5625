import type { TicketRow } from '../../shared/api';
import { t } from '../i18n';
import type { Channel } from '../../shared/domain';
import { customerContactVerb, personName, priorityLabel, tierLabel } from '../labels';
import type { DialogAction } from './ActionDialog';

/**
 * What the notice says once an action is done. An action that moves the ticket to someone
 * else says where it went: the queue it now waits in, or the person who now holds it, so the
 * one who sent it knows without opening the ticket again. A new priority is named. The
 * customer's contact is said in the words of the ticket's channel ("Call recorded").
 */
export function doneMessage(action: DialogAction, after: Pick<TicketRow, 'number' | 'tier' | 'assigneeName' | 'priority'> & { channel?: Channel }, desk: { offline: boolean } = { offline: false }): string {
  const number = after.number;
  const tier = tierLabel(after.tier);
  const name = after.assigneeName ? personName(after.assigneeName) : null;
  // Made while the hub cannot be reached, a ticket sent to a queue is in it at this desk only:
  // the other desks' people see it once the hub is back (and the hub, hearing of it then, may
  // have had it change meanwhile), so "it waits in the queue" is not said.
  switch (action) {
    case 'ESCALATE':
      return t(desk.offline ? 'act.done.ESCALATE.offline' : 'act.done.ESCALATE', { number, tier });
    case 'DEESCALATE':
      if (name) return t('act.done.DEESCALATE.held', { number, tier, name });
      return t(desk.offline ? 'act.done.DEESCALATE.offline' : 'act.done.DEESCALATE', { number, tier });
    case 'REOPEN':
      return name ? t('act.done.REOPEN.held', { number, tier, name }) : t('act.done.REOPEN', { number, tier });
    case 'CHANGE_PRIORITY':
      return t('act.done.CHANGE_PRIORITY', { number, priority: priorityLabel(after.priority) });
    case 'CUSTOMER_REPLIED': {
      // As the button said it: "Call recorded" on a phone ticket.
      const verb = customerContactVerb(after.channel);
      return t(verb ? `act.done.CUSTOMER_REPLIED.${verb}` : 'act.done.CUSTOMER_REPLIED', { number });
    }
    case 'ASSIGN':
      return name ? t('act.done.ASSIGN.held', { number, name }) : t('act.done.ASSIGN', { number });
    default:
      return t(`act.done.${action}`, { number });
  }
}
