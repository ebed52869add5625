import { Alert, Button, Group, Paper, Radio, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId, useRef, useState } from 'react';
import { MERGE_FIELDS, type MergeField } from '../../shared/customerApi';
import { call, problemOf, refreshEverything, useCall, type Problem } from '../backend';
import { t, tc } from '../i18n';
import { CUSTOMER_FIELD_LABEL } from './CustomerFields';
import { choiceName, mergeBlocked, mergeProblemLines, mergeSides, mergeValue, type SideDetail } from './mergeSides';
import { useProblemFocus } from '../refusedFocus';
import { FailedPage, FitTable, PageHeader, PageLoading } from '../page';
import { backOr, customerHref, navigate } from '../route';
import classes from './MergePage.module.css';

// Two records of one customer become one: for each field the agent picks which side's value
// the survivor keeps; systems, tickets, contacts and interactions move to the survivor; the
// merged record's history stays with it and its old id still opens the survivor.

const LABELS: Record<MergeField, Parameters<typeof t>[0]> = CUSTOMER_FIELD_LABEL;

export function MergePage({ survivorId, mergedId }: { survivorId: string; mergedId: string }) {
  // Each record as it is now: a change saved meanwhile (another window, the hub) is drawn as it
  // lands, so the value a radio keeps is the one beside it.
  const survivor = useCall('customers.record', { customerId: survivorId }, { customerId: survivorId });
  const merged = useCall('customers.record', { customerId: mergedId }, { customerId: mergedId });
  const [pick, setPick] = useState<Partial<Record<MergeField, 'survivor' | 'merged'>>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const problemAlert = useRef<HTMLDivElement>(null);
  useProblemFocus(problem, problemAlert);
  const finalId = useId();
  const failed = survivor.problem ?? merged.problem;
  if (failed) return <FailedPage page={t('merge.title')} problem={failed} />;
  if (!survivor.data || !merged.data) return <PageLoading />;
  const s = survivor.data;
  const m = merged.data;
  const blocked = mergeBlocked(s, m);
  if (blocked)
    return (
      <Stack gap="md" maw={960}>
        <PageHeader title={t('merge.title')} />
        <Alert color="yellow" role="alert" title={t('merge.nothingToMerge')}>
          <Text size="sm">{blocked}</Text>
        </Alert>
        <Group>
          <Button component="a" href={customerHref(s.customer.id)} variant="default">
            {t('merge.openRecord', { name: s.customer.name })}
          </Button>
        </Group>
      </Stack>
    );
  const sides = mergeSides(s, m);

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await call('customers.merge', { survivorId, mergedId, pick, survivorVersion: s.customer.version, mergedVersion: m.customer.version });
      refreshEverything();
      notifications.show({ color: 'teal', message: t('merge.done', { name: m.customer.name }) });
      navigate(customerHref(survivorId));
    } catch (error) {
      const problem = problemOf(error);
      setProblem(problem);
      // A record changed after the screen showed it (the desk refused, nothing merged): both are
      // read again now, not only when the change's notice comes, so the values beside the
      // choices, which are kept, are the ones a second Merge sends.
      if (problem.code === 'conflict') void Promise.all([survivor.refetch(), merged.refetch()]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('merge.title')} description={t('merge.lead')} />
      {problem && (
        <Alert ref={problemAlert} tabIndex={-1} color="red" role="alert" title={t('merge.failed')}>
          {mergeProblemLines(problem).map((line) => (
            <Text size="sm" key={line}>
              {line}
            </Text>
          ))}
        </Alert>
      )}
      <Paper withBorder radius="md">
        <FitTable>
          <Table className={classes.fields} verticalSpacing="xs" fz="sm" data-testid="merge-fields">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('merge.field')}</Table.Th>
                <Table.Th>
                  <SideHeading {...sides.keep} />
                </Table.Th>
                <Table.Th>
                  <SideHeading {...sides.from} />
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {MERGE_FIELDS.map((f) => {
                const a = mergeValue(s, f);
                const b = mergeValue(m, f);
                const side = pick[f] ?? 'survivor';
                const shown = (v: string | null) => (v === null ? '–' : f === 'phone' || f === 'email' ? <bdi dir="ltr">{v}</bdi> : v);
                return (
                  <Table.Tr key={f}>
                    <Table.Td fw={600}>{t(LABELS[f])}</Table.Td>
                    <Table.Td>
                      <div className={classes.side}>
                        <SideHeading {...sides.keep} />
                      </div>
                      <Radio name={`merge-${f}`} value="survivor" checked={side === 'survivor'} onChange={() => setPick({ ...pick, [f]: 'survivor' })} label={shown(a)} aria-label={choiceName(f, a, sides.keep)} />
                    </Table.Td>
                    <Table.Td>
                      <div className={classes.side}>
                        <SideHeading {...sides.from} />
                      </div>
                      <Radio name={`merge-${f}`} value="merged" checked={side === 'merged'} onChange={() => setPick({ ...pick, [f]: 'merged' })} label={shown(b)} aria-label={choiceName(f, b, sides.from)} disabled={a === b} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </FitTable>
      </Paper>
      <Text size="sm">
        {t('merge.moves', {
          systems: tc('merge.systems', m.assets.length),
          contacts: tc('merge.contacts', m.contacts?.length ?? 0),
        })}
      </Text>
      {/* The record merged in is deleted: said before the button, and read with it. */}
      <Text size="sm" fw={600} id={finalId}>
        {t('merge.final')}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => backOr(customerHref(survivorId))}>
          {t('common.cancel')}
        </Button>
        <Button color="red" loading={busy} onClick={() => void submit()} aria-describedby={finalId}>
          {t('merge.submit')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A column's heading ("Keep: Parisa Ahmadi") and, under it, what tells its record from the other. */
function SideHeading({ title, detail }: { title: string; detail: SideDetail }) {
  return (
    <>
      <bdi className={classes.sideTitle}>{title}</bdi>
      <span className={classes.sideDetail} data-testid="merge-side-detail">
        <bdi dir={detail.ltr ? 'ltr' : undefined}>{detail.text}</bdi>
      </span>
    </>
  );
}
