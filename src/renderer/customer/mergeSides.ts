import type { CustomerRecord } from '../../shared/customerApi';
import { t, tc } from '../i18n';
import { formatPhone, segmentLabel } from '../labels';

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
