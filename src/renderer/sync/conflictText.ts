import { isConflictAct, nextStepOf, readConflictSummary } from '../../shared/conflictText';
import { RECORD_EVENT_TYPES } from '../../shared/customerEvents';
import { KNOWLEDGE_EVENT_TYPES } from '../../shared/kb/knowledgeStream';
import { SETTINGS_EVENT_TYPES } from '../../shared/settingsStream';
import type { ConflictRecord, SyncConflict } from '../../shared/syncApi';
import { USER_EVENT_TYPES } from '../../shared/userStream';
import { currentLanguage, t, type MessageKey } from '../i18n';
import { priorityLabel } from '../labels';
import type { Route } from '../route';

// A conflict's "what you tried" and "what to do now" in the reader's language. The desk
// stores both in English (src/shared/conflictText.ts writes and reads them); English shows
// them as stored, another language says them again from the change's type and ticket, with
// the subject, note or priority read back from the stored line. Why the hub refused it goes
// through src/shared/messageKeys.ts (sayMessage).

export function conflictSummary(c: SyncConflict): string {
  if (c.stream !== 'ticket' && c.record) return recordSummary(c.stream, c.type, c.record);
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

/** The kinds of change of other streams the page words one by one: every type of those streams. */
const RECORD_KINDS: ReadonlySet<string> = new Set<string>([...RECORD_EVENT_TYPES, ...SETTINGS_EVENT_TYPES, ...KNOWLEDGE_EVENT_TYPES, ...USER_EVENT_TYPES]);

/**
 * A refused change of a customer's record, a setting, the knowledge base or an account, in
 * the reader's language: "Add the contact Sara Ahmadi to Acme Ltd". What the desk no longer
 * has is said to be gone (erased, merged into another customer, no longer on this desk).
 */
export function recordSummary(stream: string, type: string, r: ConflictRecord): string {
  if (!RECORD_KINDS.has(type)) return t('conflicts.kind.other');
  if (type === 'CUSTOMER_ERASED' && r.customer === null) return t('conflicts.kind.CUSTOMER_ERASED.gone');
  const customer =
    r.customer !== null
      ? t('conflicts.named.customer', { name: r.customer })
      : r.gone === 'erased'
        ? t('conflicts.gone.erased')
        : r.gone === 'merged'
          ? r.mergedInto !== null
            ? t('conflicts.gone.mergedInto', { name: r.mergedInto })
            : t('conflicts.gone.merged')
          : t('conflicts.gone.customer');
  const thing = thingOf(stream, type);
  const name = thing === null ? '' : r.name !== null ? t(`conflicts.named.${thing}`, { name: r.name }) : t(`conflicts.gone.${thing}`);
  return t(`conflicts.kind.${type}` as MessageKey, { customer, name });
}

/** What besides the customer a change names: its contact, system, policy, calendar, article, ticket or account. */
function thingOf(stream: string, type: string): 'contact' | 'asset' | 'policy' | 'calendar' | 'article' | 'ticket' | 'user' | null {
  if (stream === 'customer') return type.startsWith('CONTACT_') ? 'contact' : type.startsWith('ASSET_') ? 'asset' : null;
  if (stream === 'settings') return type.startsWith('CALENDAR_') ? 'calendar' : type.startsWith('SLA_POLICY_') ? 'policy' : null;
  if (stream === 'knowledge') return type.startsWith('kb.article_') ? 'article' : 'ticket';
  if (stream === 'user') return 'user';
  return null;
}

/** The button that opens what a refused change of another stream was about, or null. */
export function conflictRecordLink(c: SyncConflict): { route: Route; label: string } | null {
  const l = c.record?.link;
  if (!l) return null;
  switch (l.to) {
    case 'customer':
      return { route: { name: 'customer', customerId: l.id, assetId: null, matchedBy: null }, label: t('conflicts.openCustomer') };
    case 'slaPolicy':
      return { route: { name: 'slaPolicy', id: l.id }, label: t('conflicts.openPolicy') };
    case 'slaCalendar':
      return { route: { name: 'slaCalendar', id: l.id }, label: t('conflicts.openCalendar') };
    case 'slaSettings':
      return { route: { name: 'slaSettings' }, label: t('conflicts.openSla') };
    case 'kbArticle':
      return { route: { name: 'kbArticle', articleId: l.id }, label: t('conflicts.openArticle') };
    case 'ticket':
      return { route: { name: 'ticket', ticketId: l.id }, label: t('conflicts.openTicket', { number: l.number }) };
  }
}
