import type { TicketWriteUp } from '../../shared/kb/schemas';
import { writeUpBody } from '../../shared/kb/writeUp';
import { t } from '../i18n';
import { resolutionLabel } from '../labels';

/** A resolved ticket's write-up in this window's language: the headings and the resolution as the person reads them. */
export function localWriteUp(w: TicketWriteUp): string {
  return writeUpBody(w, {
    problem: t('kb.writeUp.problem'),
    tried: t('kb.writeUp.tried'),
    resolution: t('kb.writeUp.resolution'),
    code: resolutionLabel,
    from: (number) => t('kb.writeUp.from', { number }),
  });
}
