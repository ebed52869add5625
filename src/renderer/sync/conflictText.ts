import { isConflictAct, nextStepOf, readConflictSummary } from '../../shared/conflictText';
import type { SyncConflict } from '../../shared/syncApi';
import { currentLanguage, t } from '../i18n';
import { priorityLabel } from '../labels';

// A conflict's "what you tried" and "what to do now" in the reader's language. The desk
// stores both in English (src/shared/conflictText.ts writes and reads them); English shows
// them as stored, another language says them again from the change's type and ticket, with
// the subject, note or priority read back from the stored line. Why the hub refused it goes
// through src/shared/messageKeys.ts (sayMessage).

export function conflictSummary(c: SyncConflict): string {
  if (currentLanguage() === 'en' || c.stream !== 'ticket' || !isConflictAct(c.type)) return c.summary;
  const { quoted, priority } = readConflictSummary(c.summary);
  if (c.type === 'CREATED') return t('conflicts.act.CREATED', { subject: quoted ?? '' });
  const act = t(`conflicts.act.${c.type}`, { number: c.ticketNumber ?? t('conflicts.aTicket') });
  if (c.type === 'ADD_NOTE' && quoted) return t('conflicts.act.withNote', { act, note: quoted });
  if (c.type === 'CHANGE_PRIORITY' && priority) return t('conflicts.act.toPriority', { act, priority: priorityLabel(priority) });
  return act;
}

export function conflictNextStep(c: SyncConflict): string {
  if (currentLanguage() === 'en') return c.nextStep;
  return t(`conflicts.next.${nextStepOf(c)}`, { number: c.ticketNumber ?? t('conflicts.theTicket') });
}

/**
 * What a refusal that follows from an earlier one says of it (the take above it: without it,
 * the ticket was not theirs); null when it stands alone.
 */
export function conflictFollowsFrom(c: SyncConflict): string | null {
  if (!c.followsFrom) return null;
  return t('conflicts.followsFrom', { number: c.ticketNumber ?? t('conflicts.theTicket') });
}
