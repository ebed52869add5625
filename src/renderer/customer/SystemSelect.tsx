import { Select } from '@mantine/core';
import type { AssetView } from '../../shared/api';
import { issueFor, type Problem } from '../backend';
import { t } from '../i18n';
import { productName } from '../labels';

/**
 * Which of the customer's systems a form is about (a new ticket, a logged contact): each by its
 * tag and product, or "No particular system" (''). The desk's refusal of the field shows under it.
 */
export function SystemSelect({ assets, value, onChange, problem }: { assets: readonly AssetView[]; value: string; onChange: (assetId: string) => void; problem: Problem | null }) {
  return (
    <Select
      label={t('newTicket.system')}
      data={[{ value: '', label: t('newTicket.noSystem') }, ...assets.map((a) => ({ value: a.id, label: `${a.serviceTag} · ${productName(a)}` }))]}
      value={value}
      onChange={(v) => onChange(v ?? '')}
      allowDeselect={false}
      error={issueFor(problem, 'assetId')}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
