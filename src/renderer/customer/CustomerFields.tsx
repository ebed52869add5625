import { useEffect, useState } from 'react';
import { Input, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { CustomerDraftState } from '../../shared/customerApi';
import { CUSTOMER_KINDS, SEGMENT_RULES, WARRANTY_LEVELS, formatDate } from '../../shared/customerRules';
import { SEGMENTS, SERVICE_LEVELS, type Segment } from '../../shared/domain';
import { call, issueFor, type Problem } from '../backend';
import { DateField } from '../dates/DateField';
import { callerLocale, t } from '../i18n';
import { HINT_UNDER } from '../page';
import { useSearchFromScratch } from '../pickSearch';
import { segmentLabel, serviceLevelLabel } from '../labels';
import { tagOwnerMessage, tagShapeMessage, tagToCheck } from './tagCheck';
import { countryOfPick, countryOptions, countryPick, languageOptions, placeFilter } from './placeOptions';

/** How a phone number may be typed: nationally, or with its country code. */
const PHONE_EXAMPLES = { national: '(512) 555-0142', international: '+44 20 7946 0958' };

// The fields of a customer and of a system, as typed. The back end validates with the
// shared rules and answers per field; each message shows under its field and the typed
// value stays as it was.

export const emptyCustomer = (segment: Segment): CustomerDraftState => ({
  kind: segment === 'home' ? 'person' : 'organisation',
  name: '',
  segment,
  serviceLevel: 'standard',
  email: '',
  phone: '',
  country: '',
  locale: callerLocale(),
});

export { CUSTOMER_FIELD_LABEL } from './fieldLabels';

export function CustomerFields({ draft, onChange, problem, segments, focus = null }: {
  draft: CustomerDraftState;
  /** The field the dialog opens on (a data-quality fix); the name otherwise. */
  focus?: 'email' | 'phone' | null;
  onChange: (patch: Partial<CustomerDraftState>) => void;
  problem: Problem | null;
  /** The segments the signed-in person may put a customer in. */
  segments: readonly Segment[];
}) {
  const err = (f: string) => issueFor(problem, `customer.${f}`);
  const countries = countryOptions(draft.country);
  const countrySearch = useSearchFromScratch(countries, countryPick(draft.country));
  const languages = languageOptions(draft.locale);
  const languageSearch = useSearchFromScratch(languages, draft.locale || null);
  return (
    <Stack gap="sm">
      <div>
        <Input.Label labelElement="div" mb={4} id="customer-kind-label">
          {t('record.kind')}
        </Input.Label>
        <SegmentedControl
          aria-labelledby="customer-kind-label"
          value={draft.kind}
          onChange={(v) => onChange({ kind: CUSTOMER_KINDS.find((k) => k === v) ?? 'person' })}
          data={CUSTOMER_KINDS.map((k) => ({ value: k, label: k === 'person' ? t('customer.person') : t('customer.organisation') }))}
        />
        {err('kind') && (
          <Text size="xs" c="red" mt={4} role="alert">
            {err('kind')}
          </Text>
        )}
      </div>
      <TextInput label={t('record.name')} withAsterisk value={draft.name} onChange={(e) => onChange({ name: e.currentTarget.value })} error={err('name')} maxLength={200} data-autofocus={focus === null ? true : undefined} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('record.segment')}
          data={SEGMENTS.filter((s) => segments.includes(s)).map((s) => ({ value: s, label: segmentLabel(s) }))}
          value={draft.segment}
          onChange={(v) => {
            const segment = SEGMENTS.find((s) => s === v) ?? draft.segment;
            const kinds = SEGMENT_RULES[segment].kinds;
            onChange({ segment, kind: kinds.includes(draft.kind) ? draft.kind : kinds[0]! });
          }}
          allowDeselect={false}
          error={err('segment')}
        />
        <Select
          label={t('record.serviceLevel')}
          data={SERVICE_LEVELS.map((l) => ({ value: l, label: serviceLevelLabel(l) }))}
          value={draft.serviceLevel}
          onChange={(v) => onChange({ serviceLevel: SERVICE_LEVELS.find((l) => l === v) ?? draft.serviceLevel })}
          allowDeselect={false}
          error={err('serviceLevel')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('customer.phone')} value={draft.phone} onChange={(e) => onChange({ phone: e.currentTarget.value })} error={err('phone')} data-autofocus={focus === 'phone' ? true : undefined} inputMode="tel" dir="ltr" maxLength={40} description={t('record.phoneHint', PHONE_EXAMPLES)} inputWrapperOrder={HINT_UNDER} />
        <TextInput label={t('customer.email')} value={draft.email} onChange={(e) => onChange({ email: e.currentTarget.value })} error={err('email')} data-autofocus={focus === 'email' ? true : undefined} type="email" dir="ltr" maxLength={254} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('record.country')}
          data={countries}
          value={countryPick(draft.country)}
          onChange={(v) => onChange({ country: countryOfPick(v) })}
          searchable
          filter={placeFilter}
          {...countrySearch}
          allowDeselect={false}
          nothingFoundMessage={t('record.pickNothing')}
          placeholder={t('record.pickSearch')}
          error={err('country')}
          description={t('record.countryHint')}
          inputWrapperOrder={HINT_UNDER}
        />
        <Select
          label={t('customer.locale')}
          data={languages}
          value={draft.locale || null}
          onChange={(v) => onChange({ locale: v ?? draft.locale })}
          searchable
          filter={placeFilter}
          {...languageSearch}
          allowDeselect={false}
          nothingFoundMessage={t('record.pickNothing')}
          placeholder={t('record.pickSearch')}
          error={err('locale')}
          description={t('record.localeHint')}
          inputWrapperOrder={HINT_UNDER}
        />
      </SimpleGrid>
    </Stack>
  );
}

export interface SystemDraftState {
  serviceTag: string;
  productLine: string;
  model: string;
  shipDate: string;
  warrantyLevel: string;
  warrantyEnd: string;
}

export const emptySystem = (tag = ''): SystemDraftState => ({ serviceTag: tag, productLine: '', model: '', shipDate: '', warrantyLevel: 'ProSupport', warrantyEnd: '' });
export const systemDraftOf = (a: { serviceTag: string; productLine: string; model: string; shipDate: number; warrantyLevel: string; warrantyEnd: number }): SystemDraftState => ({
  serviceTag: a.serviceTag,
  productLine: a.productLine,
  model: a.model,
  shipDate: formatDate(a.shipDate),
  warrantyLevel: a.warrantyLevel,
  warrantyEnd: formatDate(a.warrantyEnd),
});

/**
 * Whose a typed service tag already is, asked of the desk as soon as it is a whole tag (it was
 * said only by a save, once every other field was filled): `owner` is the record the system is
 * for (left out of the check) and its segment.
 */
function useTagOwner(typed: string, owner: { customerId: string | null; segment: Segment }): string | undefined {
  const tag = tagToCheck(typed);
  const [checked, setChecked] = useState<{ tag: string; message: string | undefined } | null>(null);
  useEffect(() => {
    if (tag === null) return;
    let live = true;
    call('customers.duplicates', { name: '', segment: owner.segment, email: '', phone: '', country: '', serviceTag: tag, excludeId: owner.customerId })
      .then((found) => live && setChecked({ tag, message: tagOwnerMessage(tag, found) }))
      // Not known: the save still checks it.
      .catch(() => live && setChecked(null));
    return () => {
      live = false;
    };
  }, [tag, owner.customerId, owner.segment]);
  return tag !== null && checked?.tag === tag ? checked.message : undefined;
}

export function SystemFields({ draft, onChange, problem, owner }: { draft: SystemDraftState; onChange: (patch: Partial<SystemDraftState>) => void; problem: Problem | null; owner: { customerId: string | null; segment: Segment } }) {
  const err = (f: string) => issueFor(problem, `asset.${f}`);
  const takenBy = useTagOwner(draft.serviceTag, owner);
  // Left holding something that is no tag: said then, not at the save.
  const [left, setLeft] = useState(false);
  const tagError = err('serviceTag') ?? takenBy ?? (left ? tagShapeMessage(draft.serviceTag) : undefined);
  return (
    <Stack gap="sm">
      <TextInput
        label={t('asset.tag')}
        withAsterisk
        value={draft.serviceTag}
        onChange={(e) => {
          setLeft(false);
          onChange({ serviceTag: e.currentTarget.value });
        }}
        onBlur={() => setLeft(true)}
        error={tagError}
        maxLength={20}
        dir="ltr"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('record.productLine')} withAsterisk value={draft.productLine} onChange={(e) => onChange({ productLine: e.currentTarget.value })} error={err('productLine')} maxLength={100} placeholder={t('record.placeholder.productLine')} />
        <TextInput label={t('record.model')} withAsterisk value={draft.model} onChange={(e) => onChange({ model: e.currentTarget.value })} error={err('model')} maxLength={100} placeholder={t('record.placeholder.model')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <DateField label={t('asset.shipped')} name={t('asset.shipped')} withAsterisk value={draft.shipDate} onChange={(shipDate) => onChange({ shipDate })} error={err('shipDate')} placeholder={t('record.placeholder.date')} maxLength={10} dir="ltr" />
        <Select
          label={t('asset.warranty')}
          data={WARRANTY_LEVELS.map((w) => ({ value: w, label: w }))}
          value={draft.warrantyLevel}
          onChange={(v) => onChange({ warrantyLevel: v ?? '' })}
          allowDeselect={false}
          error={err('warrantyLevel')}
        />
        <DateField label={t('record.warrantyEnd')} name={t('record.warrantyEnd')} withAsterisk value={draft.warrantyEnd} onChange={(warrantyEnd) => onChange({ warrantyEnd })} error={err('warrantyEnd')} placeholder={t('record.placeholder.date')} maxLength={10} dir="ltr" />
      </SimpleGrid>
    </Stack>
  );
}
