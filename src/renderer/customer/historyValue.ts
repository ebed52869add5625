import type { Quality } from '../../shared/customerApi';
import { LOGGED_CHANNELS, LOGGED_DIRECTIONS, mergeNoteSchema, type RecordEvent } from '../../shared/customerEvents';
import { ERASED_VALUE } from '../../shared/erasure';
import { CUSTOMER_KINDS } from '../../shared/customerRules';
import { IMPORT_SOURCES, SEGMENTS, SERVICE_LEVELS } from '../../shared/domain';
import { currentDirection, formatIsoDate, isolated, t } from '../i18n';
import { channelLabel, countryName, directionLabel, formatPhone, languageName, qualityFixLabel, segmentLabel, serviceLevelLabel } from '../labels';

// A value in the record's history ("Country: IR → DE") as the reader would say it: the
// history keeps the desk's codes (fa-IR, IR, small_business, 2025-03-01), and the page said
// them as they were stored; it says the names the rest of the page uses (Persian (Iran),
// ایران, Small business, a date in the reader's calendar). A code the labels do not know
// (an older desk's, a hand-typed one) is shown as it was.

type Value = string | number | boolean | null;

const isPhone = (v: Value): v is string => typeof v === 'string' && /^\+\d{8,15}$/.test(v);
/** A phone number as one word to the line breaker: a narrow line left "+98" at its end, the rest under it. */
const unbroken = (phone: string) => formatPhone(phone).replace(/ /g, '\u00a0');
const oneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** One value of a field, as the rest of the page says it; a dash for none. */
export function historyValue(field: string, v: Value): string {
  if (v === null || v === '') return '–';
  if (isPhone(v)) return unbroken(v);
  if (typeof v !== 'string') return String(v);
  switch (field) {
    case 'locale':
      return languageName(v);
    case 'country':
      return countryName(v);
    case 'segment':
      return oneOf(SEGMENTS, v) ? segmentLabel(v) : v;
    case 'serviceLevel':
      return oneOf(SERVICE_LEVELS, v) ? serviceLevelLabel(v) : v;
    case 'kind':
      return oneOf(CUSTOMER_KINDS, v) ? t(v === 'person' ? 'customer.person' : 'customer.organisation') : v;
    case 'shipDate':
    case 'warrantyEnd':
      return formatIsoDate(v);
    default:
      return v;
  }
}

/**
 * A change, from → to, in the reader's sentence: Persian reads right to left, where an arrow
 * drawn → pointed back at the old value; it says «از … به …», as the ticket's timeline does.
 * A phone or an email keeps its own direction inside it.
 */
export function historyChange(field: string, from: Value, to: Value): string {
  // A left-to-right page isolates each value itself (the dictionary does it only right to
  // left): two Persian names either side of the arrow read as one right-to-left run, the new
  // name first.
  const own = (v: string) => (currentDirection() === 'ltr' ? isolated(v) : v);
  return t('record.change', { from: own(historyValue(field, from)), to: own(historyValue(field, to)) });
}

/** A value the merge kept of the record merged away, unless there was none or it was erased since. */
const kept = (v: string | null | undefined): string | null => (v && v !== ERASED_VALUE ? v : null);

const mergedWhoSchema = mergeNoteSchema.pick({ mergedId: true, mergedName: true, mergedEmail: true, mergedPhone: true }).partial();

/**
 * The record a merge took in, as the merge kept it: its name, and what tells it from a
 * duplicate of the same name (its phone, else its email, as the merge screen tells them apart).
 * Null for a merge written before the name was kept, or one erased since.
 */
export function mergedWho(note: RecordEvent['payload']['note']): { id: string | null; name: string; detail: string | null } | null {
  const n = mergedWhoSchema.safeParse(note ?? {});
  if (!n.success) return null;
  const name = kept(n.data.mergedName);
  if (name === null) return null;
  const phone = kept(n.data.mergedPhone);
  return { id: n.data.mergedId ?? null, name, detail: phone !== null ? unbroken(phone) : kept(n.data.mergedEmail) };
}

const sourceName = (source: string): string => (oneOf(IMPORT_SOURCES, source) ? t(`data.source.${source}`) : source);

/** What an event of the history did, in the reader's words. */
export function historyTitle(e: RecordEvent): string {
  const note = e.payload.note ?? {};
  const str = (k: string) => String(note[k] ?? '');
  const count = (k: string) => (typeof note[k] === 'number' ? note[k] : str(k));
  const name = () => String(e.payload.changes.find((c) => c.field === 'name')?.to ?? e.payload.changes.find((c) => c.field === 'name')?.from ?? '');
  switch (e.type) {
    case 'CUSTOMER_CREATED':
      return t('history.created');
    case 'CUSTOMER_CHANGED':
      return t('history.changed');
    case 'CONTACT_ADDED':
      return t('history.contactAdded', { name: name() });
    case 'CONTACT_CHANGED':
      return t('history.contactChanged');
    case 'CONTACT_REMOVED':
      return t('history.contactRemoved', { name: name() });
    case 'ASSET_REGISTERED':
      return t('history.assetRegistered', { tag: String(e.payload.changes.find((c) => c.field === 'serviceTag')?.to ?? '') });
    case 'ASSET_CHANGED':
      return t('history.assetChanged');
    case 'ASSET_TRANSFERRED':
      return t('history.transferred', { tag: str('serviceTag'), from: str('fromName'), to: str('toName'), how: t(`transfer.how.${(str('how') || 'sold') as 'sold'}`), date: formatIsoDate(str('date')) });
    case 'CUSTOMER_MERGED': {
      // Counts as numbers, in the reader's digits (۳ in Persian, not 3).
      const counts = { tickets: count('tickets'), assets: count('assets') };
      const who = mergedWho(e.payload.note);
      if (!who) return t('history.merged', counts);
      // A left-to-right page isolates each value itself (the dictionary does it right to left).
      const own = (v: string) => (currentDirection() === 'ltr' ? isolated(v) : v);
      return who.detail === null ? t('history.mergedFrom', { name: own(who.name), ...counts }) : t('history.mergedFromWith', { name: own(who.name), detail: own(who.detail), ...counts });
    }
    case 'CUSTOMER_CONFIRMED':
      return t('history.confirmed');
    case 'CUSTOMER_ERASED':
      return t('history.erased');
    case 'CUSTOMER_IMPORTED':
      // The source by its name (Zendesk, «پروندهٔ سی‌اس‌وی»), not the desk's code (zendesk, csv).
      return t('history.imported', { source: sourceName(str('source')) });
    case 'INTERACTION_LOGGED': {
      const set = (field: string) => String(e.payload.changes.find((c) => c.field === field)?.to ?? '');
      const channel = LOGGED_CHANNELS.find((c) => c === set('channel')) ?? 'phone';
      // Internal: a ticket's private comment an import brought.
      const direction = set('direction') === 'internal' ? 'internal' : (LOGGED_DIRECTIONS.find((d) => d === set('direction')) ?? 'inbound');
      return t('history.interactionLogged', { channel: channelLabel(channel), direction: directionLabel(direction) });
    }
  }
}

/**
 * Which record an event happened on, for the events of records merged into this one: their
 * history is shown with the survivor's, and read as one record's it said "Record created"
 * twice and a change of phone the survivor never had. Each says the merged record by the
 * last name its own history gave it (a demo's or an import's record may have none); null for the record's own events.
 */
export function historyOrigins(history: readonly RecordEvent[], recordId: string): (e: RecordEvent) => string | null {
  const names = new Map<string, string>();
  // Oldest first, so the last name given wins; the merge, last, names the record as it was
  // merged (a demo's or an import's record has no event of its own that names it).
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i]!;
    if (e.type === 'CUSTOMER_MERGED') {
      const who = mergedWho(e.payload.note);
      if (who?.id) names.set(who.id, who.name);
    }
    if (e.customerId === recordId || e.payload.entity !== 'customer') continue;
    const name = e.payload.changes.find((c) => c.field === 'name')?.to;
    if (typeof name === 'string' && name !== '') names.set(e.customerId, name);
  }
  return (e) => {
    if (e.customerId === recordId) return null;
    const name = names.get(e.customerId);
    return name === undefined ? t('record.onMergedUnnamed') : t('record.onMerged', { name });
  };
}

/**
 * What a screen reader says for a contact's button on the record: what it does, then whom.
 * It said only "Luis Gonzalez · +1 206 555 0177", with nothing to tell it opens the contact to edit.
 */
export function contactButtonName(c: { name: string; phone: string | null }): string {
  return c.phone ? t('record.editContactPhone', { name: c.name, phone: formatPhone(c.phone) }) : t('record.editContact', { name: c.name });
}

/**
 * What the record's data-quality badge tells: how a record scores 100 and, when it does not,
 * what would raise it. The badge said "Data quality 62" and its hint, on hover only, said the
 * rule but not what this record lacks; a keyboard's or a screen reader's user got neither.
 */
export function qualityHint(q: Pick<Quality, 'fixes'>): string {
  if (q.fixes.length === 0) return t('quality.scoreHint');
  return t('quality.toRaise', { fixes: q.fixes.map((f) => qualityFixLabel(f)).join(t('list.separator')) });
}
