import type { Channel, Segment, Tier } from '../../shared/domain';
import type { TicketEventType } from '../../shared/ticketMachine';
import { DEFAULT_REOPEN_WINDOW_MS, reopenWindowDays, tierAfter, type TicketState } from '../../shared/ticketMachine';
import { t, tc } from '../i18n';
import { customerContactVerb, segmentLabel, tierLabel } from '../labels';
import type { DialogAction } from './ActionDialog';

/**
 * The sentence under an action dialog's title. "Customer replied" on a ticket that was not
 * waiting on the customer does not restart a paused clock (none was paused): it says only that
 * the reply is recorded. Resolving says how long the customer may ask to reopen the ticket: the
 * ticket's own reopen window in days (`reopenDays`, its machine's, as the Reopen refusal will say
 * it; the default window where the back end does not say). Assigning a ticket that waits on the
 * customer says it still waits.
 */
export function actionHelp(action: DialogAction, state: TicketState, vars: Record<string, string>, reopenDays: number = reopenWindowDays({ reopenWindowMs: DEFAULT_REOPEN_WINDOW_MS })): string {
  if (action === 'CUSTOMER_REPLIED' && !state.endsWith('.pending')) return t('act.help.CUSTOMER_REPLIED.notWaiting', vars);
  // Reassigned while waiting on the customer, the ticket stays waiting (the ticket machine).
  if (action === 'ASSIGN' && state.endsWith('.pending')) return t('act.help.ASSIGN.waiting', vars);
  if (action === 'RESOLVE') return tc('act.help.RESOLVE', reopenDays, vars);
  return t(`act.help.${action}`, vars);
}

/** An action button's label; "Customer replied" in the words of the ticket's channel. */
export function actionLabel(action: Exclude<TicketEventType, 'SLA_WARNING' | 'SLA_BREACH'>, channel: Channel | null | undefined): string {
  const verb = action === 'CUSTOMER_REPLIED' ? customerContactVerb(channel) : null;
  return verb ? t(`action.CUSTOMER_REPLIED.${verb}`) : t(`action.${action}`);
}

/**
 * An action dialog's title and the sentence under it. The tier they name is the one the action
 * leaves the ticket at (the ticket machine's tierAfter): one up on Escalate, one down on Hand
 * back, and on Reopen the tier it was resolved at (the dialog had named the one below). A hand-back
 * or reopening that goes to the queue (`toQueue`, as decide() will decide it) says so in one
 * message, where the ticket waits and why, instead of "goes back to Tier 1" above it; `queued`
 * tells the dialog to show it as a note. A hand-back to its holder there (`holder`, a name) names
 * them. `reopenDays`: the ticket's own reopen window (TicketDetail.reopenWindowDays), which
 * Resolve's sentence names. `submit` is the button's label.
 */
export function actionIntro(
  action: DialogAction,
  ticket: { number: string; tier: Tier; segment: Segment; state: TicketState; channel?: Channel },
  toQueue: boolean,
  holder: string | null = null,
  reopenDays?: number,
): { title: string; help: string; queued: boolean; submit: string } {
  const vars = { number: ticket.number, tier: tierLabel(tierAfter(action, ticket.tier)), segment: segmentLabel(ticket.segment) };
  const verb = action === 'CUSTOMER_REPLIED' ? customerContactVerb(ticket.channel) : null;
  const title = verb ? t(`act.title.CUSTOMER_REPLIED.${verb}`, vars) : t(`act.title.${action}`, vars);
  const submit = verb ? t(`act.submit.CUSTOMER_REPLIED.${verb}`, vars) : t(`act.submit.${action}`, vars);
  if (toQueue && (action === 'DEESCALATE' || action === 'REOPEN')) return { title, help: t(`act.help.${action}.toQueue`, vars), queued: true, submit };
  // Handed back to the one who held it at the tier below (the ticket machine's heldBy): named, so the note is written to them.
  if (action === 'DEESCALATE' && holder) return { title, help: t('act.help.DEESCALATE.toHolder', { ...vars, name: holder }), queued: false, submit };
  return { title, help: actionHelp(action, ticket.state, vars, reopenDays), queued: false, submit };
}
