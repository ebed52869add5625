import { DEFAULT_REOPEN_WINDOW_MS, type TicketState } from '../../shared/ticketMachine';
import { t, tc } from '../i18n';
import type { DialogAction } from './ActionDialog';

/**
 * The sentence under an action dialog's title. "Customer replied" on a ticket that was not
 * waiting on the customer does not restart a paused clock (none was paused): it says only that
 * the reply is recorded. Resolving says how long the customer may ask to reopen the ticket (the
 * ticket machine's reopen window, in days). Assigning a ticket that waits on the customer says
 * it still waits.
 */
export function actionHelp(action: DialogAction, state: TicketState, vars: Record<string, string>): string {
  if (action === 'CUSTOMER_REPLIED' && !state.endsWith('.pending')) return t('act.help.CUSTOMER_REPLIED.notWaiting', vars);
  // Reassigned while waiting on the customer, the ticket stays waiting (the ticket machine).
  if (action === 'ASSIGN' && state.endsWith('.pending')) return t('act.help.ASSIGN.waiting', vars);
  if (action === 'RESOLVE') return tc('act.help.RESOLVE', Math.round(DEFAULT_REOPEN_WINDOW_MS / 86_400_000), vars);
  return t(`act.help.${action}`, vars);
}
