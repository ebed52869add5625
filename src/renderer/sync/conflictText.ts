import { PRIORITIES, type Priority } from '../../shared/domain';
import type { SyncConflict } from '../../shared/syncApi';
import { currentLanguage, t } from '../i18n';
import { priorityLabel } from '../labels';

// A conflict's "what you tried" and "what to do now" in the reader's language. The desk
// stores both in English when the hub refuses a change (core/sync/conflicts.ts); English
// shows them as stored, another language says them again from the change's type and ticket,
// with the subject, note or priority read back from the stored line. Why the hub refused it
// is the hub's own sentence and stays as it came.

const ACTS = ['CREATED', 'TAKE', 'ASSIGN', 'ESCALATE', 'DEESCALATE', 'WAIT_ON_CUSTOMER', 'CUSTOMER_REPLIED', 'ADD_NOTE', 'RESOLVE', 'CLOSE', 'REOPEN', 'CHANGE_PRIORITY', 'SLA_WARNING', 'SLA_BREACH'] as const;
type Act = (typeof ACTS)[number];
const isAct = (type: string): type is Act => (ACTS as readonly string[]).includes(type);

/** The text between the stored line's curly quotes: a new ticket's subject, a note. */
const quoted = (line: string): string | null => /“([\s\S]*)”$/.exec(line)?.[1] ?? null;

export function conflictSummary(c: SyncConflict): string {
  if (currentLanguage() === 'en' || c.stream !== 'ticket' || !isAct(c.type)) return c.summary;
  if (c.type === 'CREATED') return t('conflicts.act.CREATED', { subject: quoted(c.summary) ?? '' });
  const act = t(`conflicts.act.${c.type}`, { number: c.ticketNumber ?? t('conflicts.aTicket') });
  if (c.type === 'ADD_NOTE') {
    const note = quoted(c.summary);
    return note ? t('conflicts.act.withNote', { act, note }) : act;
  }
  if (c.type === 'CHANGE_PRIORITY') {
    const priority = / to (\w+)$/.exec(c.summary)?.[1];
    return priority && (PRIORITIES as readonly string[]).includes(priority) ? t('conflicts.act.toPriority', { act, priority: priorityLabel(priority as Priority) }) : act;
  }
  return act;
}

export function conflictNextStep(c: SyncConflict): string {
  if (currentLanguage() === 'en') return c.nextStep;
  if (c.stream !== 'ticket') return t('conflicts.next.record');
  const number = c.ticketNumber ?? t('conflicts.theTicket');
  switch (c.type) {
    case 'CREATED':
      return t('conflicts.next.created');
    case 'TAKE':
    case 'ASSIGN':
      return t('conflicts.next.taken', { number });
    case 'ADD_NOTE':
    case 'CUSTOMER_REPLIED':
      return t('conflicts.next.note', { number });
    default:
      return t('conflicts.next.other', { number });
  }
}
