import type { TicketRow } from '../../shared/api';
import { tierAfter } from '../../shared/ticketMachine';
import { t } from '../i18n';
import { slaTargetLabel, tierLabel } from '../labels';

/**
 * What a priority change did beyond the priority, said after it: the new priority's targets can
 * be already past, and the desk then marks the ticket breached and (below tier 3) moves it up a
 * tier at once. Null when the change left the SLA as it was.
 */
export function priorityNotice(before: Pick<TicketRow, 'sla'>, after: Pick<TicketRow, 'number' | 'tier' | 'sla'>): string | null {
  if (after.sla?.status !== 'breached' || before.sla?.status === 'breached') return null;
  const target = after.sla.target ? slaTargetLabel(after.sla.target) : t('priorityNotice.someTarget');
  const next = tierAfter('SLA_BREACH', after.tier);
  return next === after.tier
    ? t('priorityNotice.breachedTop', { number: after.number, target })
    : t('priorityNotice.breached', { number: after.number, target, tier: tierLabel(next) });
}
