import { Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { call, otherIssues, problemOf, refreshEverything, type Problem } from '../backend';
import { useDraft } from '../drafts';
import { t } from '../i18n';
import { FormProblem, PageHeader } from '../page';
import { useRefusedFocus } from '../refusedFocus';
import { backOr, customerHref, hrefOf, navigate } from '../route';
import { JUST_REGISTERED } from './systemMark';
import { useSession } from '../session';
import { CustomerFields, emptyCustomer, emptySystem, SystemFields, type SystemDraftState } from './CustomerFields';
import type { CustomerDraftState } from '../../shared/customerApi';
import { DuplicateHints } from './DuplicateHints';
import { registerPrefill } from './registerPrefill';
import { segmentsFor } from '../../shared/access';
import { CUSTOMER_FIELD_LABEL, refusedFieldKeys, SYSTEM_FIELD_LABEL } from './fieldLabels';

// Registering a caller the lookup did not find, with the system they read out: what was
// looked up fills the matching field (a tag, a phone number, an email or a name).

const FIELDS = ['kind', 'name', 'segment', 'serviceLevel', 'email', 'phone', 'country', 'locale', 'serviceTag', 'productLine', 'model', 'shipDate', 'warrantyLevel', 'warrantyEnd'];

const REGISTER_LABELS = { ...CUSTOMER_FIELD_LABEL, ...SYSTEM_FIELD_LABEL };

export function RegisterPage({ query }: { query: string }) {
  const { user } = useSession();
  const segments = segmentsFor(user);
  const q = query.trim();
  const prefill = registerPrefill(q);
  // Most callers a desk has never heard of are home users; an organisation is chosen in the form.
  const start = emptyCustomer(segments.includes('home') ? 'home' : (segments[0] ?? 'home'));
  const [customer, setCustomer, clearCustomer] = useDraft<CustomerDraftState>(`register.customer.${q}`, {
    ...start,
    name: prefill.name,
    email: prefill.email,
    phone: prefill.phone,
  });
  const [system, setSystem, clearSystem] = useDraft<SystemDraftState & { include: boolean }>(`register.system.${q}`, { ...emptySystem(prefill.serviceTag ?? ''), include: prefill.serviceTag !== null });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { include, ...asset } = system;
      const r = await call('customers.create', { customer, asset: include ? asset : null });
      clearCustomer();
      clearSystem();
      refreshEverything();
      notifications.show({ color: 'teal', message: t('record.registered', { name: customer.name.trim() }) });
      navigate(customerHref(r.customerId, r.assetId, r.assetId ? JUST_REGISTERED : null));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  const others = otherIssues(problem, FIELDS);
  // A refused Register takes the keyboard to the first field it marked, as the record's dialogs
  // do: it stayed on Register, below the whole form, with the fields to fix a scroll above.
  const form = useRef<HTMLFormElement>(null);
  useRefusedFocus(problem, form);

  return (
    <Stack gap="md" maw={820}>
      <PageHeader title={t('record.registerTitle')} description={q ? t('record.registerLead', { query: q }) : t('record.registerLeadEmpty')} />
      <form
        ref={form}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Stack gap="md">
          {problem && (
            <FormProblem problem={problem} unplaced={others} title={t('record.notSaved')} fields={refusedFieldKeys(problem.issues, REGISTER_LABELS).map((k) => t(k))} />
          )}
          <Paper withBorder radius="md" p="md">
            <Title order={2} fz="sm" fw={650} mb="sm">
              {t('record.customerSection')}
            </Title>
            <CustomerFields draft={customer} onChange={setCustomer} problem={problem} segments={segments} />
          </Paper>
          <DuplicateHints probe={{ ...customer, serviceTag: system.include ? system.serviceTag : '' }} excludeId={null} />
          <Paper withBorder radius="md" p="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} fz="sm" fw={650}>
                {t('record.systemSection')}
              </Title>
              <Checkbox label={t('record.withSystem')} checked={system.include} onChange={(e) => setSystem({ include: e.currentTarget.checked })} />
            </Group>
            {system.include ? <SystemFields draft={system} onChange={setSystem} problem={problem} owner={{ customerId: null, segment: customer.segment }} /> : <Text size="sm" c="dimmed">{t('record.noSystemYet')}</Text>}
          </Paper>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => backOr(hrefOf({ name: 'home' }))}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('record.register')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
