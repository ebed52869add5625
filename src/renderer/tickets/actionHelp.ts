import type { TicketState } from '../../shared/ticketMachine';
import { t } from '../i18n';
import type { DialogAction } from './ActionDialog';

/**
 * The sentence under an action dialog's title. "Customer replied" on a ticket that was not
 * waiting on the customer does not restart a paused clock (none was paused): it says only that
 * the reply is recorded.
 */
export function actionHelp(action: DialogAction, state: TicketState, vars: Record<string, string>): string {
  if (action === 'CUSTOMER_REPLIED' && !state.endsWith('.pending')) return t('act.help.CUSTOMER_REPLIED.notWaiting', vars);
  return t(`act.help.${action}`, vars);
}
