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
