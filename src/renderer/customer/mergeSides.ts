import { MERGE_FIELDS, type CustomerRecord, type MergeField } from '../../shared/customerApi';
import type { Problem } from '../backend';
import { formatDate, t, tc } from '../i18n';
import { countryName, formatPhone, languageName, segmentLabel, serviceLevelLabel } from '../labels';
import { CUSTOMER_FIELD_LABEL } from './fieldLabels';

// The merge screen's two columns, "Keep" and "Merge in". Two duplicates often share a name
// (two records «پریسا احمدی»), and then the headings read the same: each also says the first
// thing that tells the two apart, as the duplicates list does (phone, then email, segment,
// systems), or the end of the record's id when nothing else differs.

type Side = Pick<CustomerRecord, 'customer' | 'assets'>;

/** A detail under a heading; a phone number or an email is read left to right in either language. */
export interface SideDetail {
  text: string;
  ltr: boolean;
}

/** What tells this record from the other, in the order an agent would ask for it. */
function distinctions(r: Side): SideDetail[] {
  const c = r.customer;
  return [
    c.phone ? { text: formatPhone(c.phone), ltr: true } : { text: t('customer.noPhone'), ltr: false },
    c.email ? { text: c.email, ltr: true } : { text: t('customer.noEmail'), ltr: false },
    { text: segmentLabel(c.segment), ltr: false },
    { text: tc('merge.systems', r.assets.length), ltr: false },
  ];
}

/** The id's last characters (a uuidv7's random end): what still differs when nothing else does. */
const idTail = (id: string): SideDetail => ({ text: t('merge.recordId', { id: id.replace(/-/g, '').slice(-6) }), ltr: false });

/** Each column's heading and the detail under it that tells the two records apart. */
export function mergeSides(survivor: Side, merged: Side): { keep: { title: string; detail: SideDetail }; from: { title: string; detail: SideDetail } } {
  const a = distinctions(survivor);
  const b = distinctions(merged);
  const at = a.findIndex((value, i) => value.text !== b[i]!.text);
  const detail = (r: Side, own: SideDetail[]) => (at === -1 ? idTail(r.customer.id) : own[at]!);
  return {
    keep: { title: t('merge.keep', { name: survivor.customer.name }), detail: detail(survivor, a) },
    from: { title: t('merge.from', { name: merged.customer.name }), detail: detail(merged, b) },
  };
}

/** A field's value on one record, as the merge screen shows it; null where the record has none. */
export function mergeValue(r: Pick<CustomerRecord, 'customer'>, f: MergeField): string | null {
  const c = r.customer;
  switch (f) {
    case 'segment':
      return segmentLabel(c.segment);
    case 'serviceLevel':
      return serviceLevelLabel(c.serviceLevel);
    case 'kind':
      return c.kind === 'person' ? t('customer.person') : t('customer.organisation');
    case 'phone':
      return c.phone ? formatPhone(c.phone) : null;
    // The language and the country by their names in the reader's language, not fa-IR or IR.
    case 'locale':
      return languageName(c.locale);
    case 'country':
      return c.country ? countryName(c.country) : null;
    default:
      return c[f] || null;
  }
}

/**
 * What a screen reader says for one of a field's two radios: the field, the value it keeps and
 * the record it comes from ("Email: maria@example.com, from Merge in: Maria Gonzalez, +1 …").
 * The visible label is only the value, under its column's heading; two records of one name
 * gave both radios of the name field the same spoken label, and an empty value said nothing.
 */
export function choiceName(f: MergeField, value: string | null, side: { title: string; detail: SideDetail }): string {
  return t('merge.choice', { field: t(CUSTOMER_FIELD_LABEL[f]), value: value ?? t('merge.noValue'), side: side.title, detail: side.detail.text });
}

/**
 * Why two records cannot be merged, before the form is shown: both links open one record (the
 * same id twice, or a record already merged into the other, whose old id opens the survivor).
 * The screen offered the whole form, and Merge answered only "Some of what was sent is not
 * valid. Check the form and try again", which no field of the form could fix.
 */
export function mergeBlocked(survivor: Pick<CustomerRecord, 'customer'>, merged: Pick<CustomerRecord, 'customer'>): string | null {
  if (survivor.customer.id !== merged.customer.id) return null;
  return t('merge.sameRecord', { name: survivor.customer.name, edit: t('record.edit'), merge: t('duplicates.merge') });
}

/**
 * Whether a refused merge is one the swap answers: the desk would not keep the record with
 * less history (its history grew after the screen chose which to keep), and its message says
 * to keep the other instead. The refusal offers that swap itself.
 */
export function offersSwap(problem: Pick<Problem, 'code' | 'key'>): boolean {
  return problem.code === 'refused' && problem.key === 'mergeKeepsLess';
}

/**
 * What the merge's error says, a line a reason: each reason the desk gave under one of the
 * table's fields starts with that field ("Kind: Customers of the education segment are
 * organisations."), so it says which row to change; a refusal with no field, its message.
 */
export function mergeProblemLines(problem: Pick<Problem, 'message' | 'issues'>): string[] {
  if (problem.issues.length === 0) return [problem.message];
  return problem.issues.map((i) => {
    const field = i.path.replace(/^customer\./, '');
    return (MERGE_FIELDS as readonly string[]).includes(field) ? t('merge.issue', { field: t(CUSTOMER_FIELD_LABEL[field as MergeField]), message: i.message }) : i.message;
  });
}

/** What a record holds that a merge moves or keeps (shared/customerRules.ts weighs it). */
type Holding = Pick<CustomerRecord, 'customer' | 'assets' | 'holds'>;

/** What a record holds, a phrase each: its systems, contacts, open and closed tickets, and when it was made. */
export function holdingLines(r: Holding): string[] {
  return [
    tc('merge.systems', r.assets.length),
    tc('merge.contacts', r.holds.contacts),
    tc('merge.openTickets', r.holds.openTickets),
    tc('merge.closedTickets', r.holds.closedTickets),
    t('merge.created', { date: formatDate(r.customer.createdAt) }),
  ];
}

/**
 * What the confirmation says moves when `merged` goes into `survivor`: its systems, contacts
 * and tickets (open and closed), counted; the interactions go with them.
 */
export function movesText(merged: Holding): string {
  return t('merge.moves', {
    systems: tc('merge.systems', merged.assets.length),
    contacts: tc('merge.contacts', merged.holds.contacts),
    tickets: tc('merge.tickets', merged.holds.openTickets + merged.holds.closedTickets),
  });
}
