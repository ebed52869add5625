import type { MergeField } from '../../shared/customerApi';
import type { MessageKey } from '../i18n';

/** Each field of a customer's details, by the label its form shows (edit, merge, history, the desk's refusals). */
export const CUSTOMER_FIELD_LABEL = {
  kind: 'record.kind',
  name: 'record.name',
  segment: 'record.segment',
  serviceLevel: 'record.serviceLevel',
  email: 'customer.email',
  phone: 'customer.phone',
  country: 'record.country',
  locale: 'customer.locale',
} as const satisfies Record<MergeField, MessageKey>;

/** A system's fields (register, add or edit a system), by their labels. */
export const SYSTEM_FIELD_LABEL = {
  serviceTag: 'asset.tag',
  productLine: 'record.productLine',
  model: 'record.model',
  shipDate: 'asset.shipped',
  warrantyLevel: 'asset.warranty',
  warrantyEnd: 'record.warrantyEnd',
} as const satisfies Record<string, MessageKey>;

export const CONTACT_FIELD_LABEL = {
  name: 'record.name',
  role: 'record.contactRole',
  email: 'customer.email',
  phone: 'customer.phone',
} as const satisfies Record<string, MessageKey>;

export const TRANSFER_FIELD_LABEL = {
  toCustomerId: 'transfer.newOwner',
  how: 'transfer.how',
  date: 'transfer.date',
} as const satisfies Record<string, MessageKey>;

/**
 * The labels of the fields a refusal marked, in the form's order (the order of `labels`): the
 * form's alert names them ("Some fields need your attention" named none, and at 420 px the
 * marked fields were a long scroll below it). A path is matched by its last part
 * (`customer.phone`, `asset.model`, `date`).
 */
export function refusedFieldKeys(issues: readonly { path: string }[], labels: Readonly<Record<string, MessageKey>>): MessageKey[] {
  const marked = new Set(issues.map((i) => i.path.slice(i.path.lastIndexOf('.') + 1)));
  return Object.keys(labels).filter((f) => marked.has(f)).map((f) => labels[f]!);
}
