import { Alert, Button, Group, List, Modal, Paper, Radio, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useEffect, useId, useRef, useState } from 'react';
import { MERGE_FIELDS, type MergeField } from '../../shared/customerApi';
import { keepOtherByDefault } from '../../shared/customerRules';
import { call, problemOf, refreshEverything, useCall, type Problem } from '../backend';
import { t } from '../i18n';
import { CUSTOMER_FIELD_LABEL } from './CustomerFields';
import { choiceName, holdingLines, mergeBlocked, mergeProblemLines, mergeSides, mergeValue, movesText, offersSwap, type SideDetail } from './mergeSides';
import { useProblemFocus } from '../refusedFocus';
import { FailedPage, FitTable, PageHeader, PageLoading } from '../page';
import { backOr, customerHref, navigate } from '../route';
import classes from './MergePage.module.css';

// Two records of one customer become one: for each field the agent picks which side's value
// the survivor keeps; systems, tickets, contacts and interactions move to the survivor; the
// merged record's history stays with it and its old id still opens the survivor.

const LABELS: Record<MergeField, Parameters<typeof t>[0]> = CUSTOMER_FIELD_LABEL;

export function MergePage({ survivorId, mergedId, chosen }: { survivorId: string; mergedId: string; chosen: boolean }) {
  // Each record as it is now: a change saved meanwhile (another window, the hub) is drawn as it
  // lands, so the value a radio keeps is the one beside it. Kept in memory, so that swapping
  // the two (each now read under the other's name) draws them at once, the focus where it was.
  const survivor = useCall('customers.record', { customerId: survivorId }, { customerId: survivorId, keep: true });
  const merged = useCall('customers.record', { customerId: mergedId }, { customerId: mergedId, keep: true });
  const [pick, setPick] = useState<Partial<Record<MergeField, 'survivor' | 'merged'>>>({});
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const problemAlert = useRef<HTMLDivElement>(null);
  useProblemFocus(problem, problemAlert);
  const finalId = useId();
  const s = survivor.data;
  const m = merged.data;
  // Which record is kept when the agent has not said: the one with more history, decided once,
  // as both are first read (a change landing later does not swap the screen under the agent).
  const decided = useRef(chosen);
  const swapFirst = !decided.current && s !== undefined && m !== undefined && s.customer.id !== m.customer.id && keepOtherByDefault(s, m);
  useEffect(() => {
    if (decided.current || !s || !m) return;
    decided.current = true;
    if (swapFirst) navigate({ name: 'merge', survivorId: mergedId, mergedId: survivorId }, { replace: true });
  });
  // The agent's choice: the address says it (a reload keeps it), and each field starts again
  // from the record now kept.
  const swap = () => {
    setPick({});
    setProblem(null);
    navigate({ name: 'merge', survivorId: mergedId, mergedId: survivorId, chosen: true }, { replace: true });
  };
  // The desk would not keep the record with less history (its history grew after the screen
  // chose): the refusal offers the swap it asks for. Both records are read again first, so the
  // screen that follows, and the Merge pressed next, are of them as they are now.
  const mergeButton = useRef<HTMLButtonElement>(null);
  const [swapping, setSwapping] = useState(false);
  const keepOther = async () => {
    setSwapping(true);
    try {
      await Promise.all([survivor.refetch(), merged.refetch()]);
    } finally {
      setSwapping(false);
    }
    swap();
    // The alert goes with the refusal: the focus goes on to the next step, Merge.
    requestAnimationFrame(() => mergeButton.current?.focus());
  };
  const failed = survivor.problem ?? merged.problem;
  if (failed) return <FailedPage page={t('merge.title')} problem={failed} />;
  if (!s || !m || swapFirst) return <PageLoading />;
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
      // The record kept is the agent's choice when they swapped the two (the address says so):
      // the desk refuses to keep the one with less history otherwise.
      await call('customers.merge', { survivorId, mergedId, pick, survivorVersion: s.customer.version, mergedVersion: m.customer.version, keepLessHistory: chosen });
      setConfirming(false);
      refreshEverything();
      notifications.show({ color: 'teal', message: t('merge.done', { name: m.customer.name }) });
      navigate(customerHref(survivorId));
    } catch (error) {
      const problem = problemOf(error);
      // The dialog closes and the reason is shown on the page, with the focus on it.
      setConfirming(false);
      setProblem(problem);
      // A record changed after the screen showed it (the desk refused, nothing merged): both are
      // read again now, not only when the change's notice comes, so the values beside the
      // choices, which are kept, are the ones a second Merge sends. So when the one merged in
      // has more history now: what each holds shows beside the refusal that says so.
      if (problem.code === 'conflict' || offersSwap(problem)) void Promise.all([survivor.refetch(), merged.refetch()]);
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
          {offersSwap(problem) && (
            <Button mt="xs" size="xs" variant="default" leftSection={<IconArrowsExchange size={16} />} loading={swapping} onClick={() => void keepOther()}>
              {t('merge.swap', { name: m.customer.name })}
            </Button>
          )}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Holding side={sides.keep} record={s} testId="merge-keep" />
        <Holding side={sides.from} record={m} testId="merge-from" />
      </SimpleGrid>
      <Group gap="sm" wrap="wrap">
        <Button variant="default" leftSection={<IconArrowsExchange size={16} />} onClick={swap}>
          {t('merge.swap', { name: m.customer.name })}
        </Button>
        <Text size="xs" c="dimmed" style={{ flex: '1 1 16rem' }}>
          {t('merge.swapHint')}
        </Text>
      </Group>
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
      <Text size="sm">{movesText(m)}</Text>
      {/* The record merged in is deleted: said before the button, and read with it. */}
      <Text size="sm" fw={600} id={finalId}>
        {t('merge.final')}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => backOr(customerHref(survivorId))}>
          {t('common.cancel')}
        </Button>
        <Button ref={mergeButton} color="red" onClick={() => setConfirming(true)} aria-describedby={finalId} aria-haspopup="dialog">
          {t('merge.submit')}
        </Button>
      </Group>
      {/* A merge cannot be undone: asked once more, naming both records and what moves. */}
      <Modal
        opened={confirming}
        onClose={() => !busy && setConfirming(false)}
        returnFocus={problem === null}
        title={t('merge.confirmTitle', { from: m.customer.name, keep: s.customer.name })}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('merge.confirmKeep', { keep: s.customer.name })}</Text>
          <Text size="sm">{movesText(m)}</Text>
          <Text size="sm" fw={600}>
            {t('merge.confirmGone', { from: m.customer.name })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" data-autofocus onClick={() => setConfirming(false)} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={busy} onClick={() => void submit()}>
              {t('merge.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
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

/** What one of the two records holds, under its heading: what a merge moves, or keeps. */
function Holding({ side, record, testId }: { side: { title: string; detail: SideDetail }; record: Parameters<typeof holdingLines>[0]; testId: string }) {
  return (
    <Paper withBorder radius="md" p="sm" data-testid={testId}>
      <Text size="sm" fw={600} component="div">
        <SideHeading {...side} />
      </Text>
      <List size="sm" mt={6} spacing={2}>
        {holdingLines(record).map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
    </Paper>
  );
}
