import { Alert, Anchor, Badge, Button, Group, Kbd, Paper, SegmentedControl, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconArrowBackUp, IconInbox, IconInfoCircle, IconPlayerTrackNext, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { MyTicketRow, QueueSummary } from '../../shared/api';
import { SEGMENTS } from '../../shared/domain';
import { isOpenState } from '../../shared/ticketMachine';
import { useCall, useNow } from '../backend';
import { formatDateTime, formatDuration, t, tc } from '../i18n';
import { personName } from '../labels';
import { LazyHint } from '../LazyHint';
import { PageHeader, PageLoading, ProblemAlert } from '../page';
import { hrefOf, queueHref } from '../route';
import { queueName, takeNext } from '../queues/takeNext';
import { worksQueue } from '../queues/visibility';
import { useSession } from '../session';
import { focusLookup } from '../shell/Lookup';
import { TicketTable } from '../tickets/TicketTable';
import classes from './MyTickets.module.css';

/** The workspace: what I am working on, and the queues I pull from. */
export function MyTickets() {
  const { user } = useSession();
  // Her rows show business time left, read on the ticket's calendar: an SLA save reads them again.
  const mine = useCall('inbox.mine', user.role === 'admin' ? null : {}, { live: true, slaSettings: true });
  const queues = useCall('queues.list', user.role === 'agent' || user.role === 'specialist' ? {} : null, { live: true });
  const [show, setShow] = useState<'open' | 'all'>('open');
  const now = useNow();
  const rows = (mine.data ?? []).filter((r) => show === 'all' || isOpenState(r.state));
  const myQueues = (queues.data ?? []).filter((q) => worksQueue(user, q)).sort((a, b) => SEGMENTS.indexOf(a.segment) - SEGMENTS.indexOf(b.segment));

  return (
    <>
      <PageHeader
        title={t('mine.title')}
        // A supervisor works from the board, not from queues of her own (none are listed here).
        description={t(user.role === 'supervisor' ? 'mine.greetingSupervisor' : 'mine.greeting', { name: user.name.split(' ')[0] ?? user.name })}
        actions={
          <Button variant="default" leftSection={<IconSearch size={16} />} rightSection={<Kbd size="xs">{t('lookup.shortcut')}</Kbd>} onClick={focusLookup}>
            {t('mine.lookUp')}
          </Button>
        }
      />
      <Stack gap="lg">
        {user.role === 'admin' && (
          <Alert color="gray" icon={<IconInfoCircle size={18} />} title={t('mine.adminTitle')}>
            {t('mine.adminText')}
          </Alert>
        )}
        {myQueues.length > 0 && (
          <section aria-labelledby="my-queues">
            <Title order={2} fz="sm" id="my-queues" mb="xs">
              {t('mine.queues')}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }} spacing="sm">
              {myQueues.map((q) => (
                <QueueChip key={`${q.segment}-${q.tier}`} queue={q} now={now} />
              ))}
            </SimpleGrid>
          </section>
        )}
        {user.role !== 'admin' && (
          <section aria-labelledby="my-tickets">
            <Group justify="space-between" mb="xs">
              <Title order={2} fz="sm" id="my-tickets">
                {t('mine.assigned')}
              </Title>
              <SegmentedControl
                size="xs"
                value={show}
                onChange={(v) => setShow(v === 'all' ? 'all' : 'open')}
                data={[
                  { value: 'open', label: t('mine.showOpen') },
                  { value: 'all', label: t('mine.showAll') },
                ]}
                aria-label={t('mine.filter')}
              />
            </Group>
            {mine.problem && <ProblemAlert problem={mine.problem} onRetry={() => void mine.refetch()} />}
            {mine.loading && !mine.data && <PageLoading />}
            {mine.data && rows.length === 0 && (
              <Paper withBorder radius="md" p="xl">
                <Stack align="center" gap="xs">
                  <ThemeIcon size={44} radius="xl" variant="light" aria-hidden>
                    <IconInbox size={22} />
                  </ThemeIcon>
                  <Text fw={600}>{t('mine.emptyTitle')}</Text>
                  <Text size="sm" c="dimmed" ta="center" maw={420}>
                    {t(user.role === 'supervisor' ? 'mine.emptyTextSupervisor' : 'mine.emptyText')}
                  </Text>
                  {user.role === 'supervisor' && (
                    <Button component="a" href={hrefOf({ name: 'overview' })} variant="light" size="xs" mt={4}>
                      {t('mine.toBoard')}
                    </Button>
                  )}
                </Stack>
              </Paper>
            )}
            {rows.length > 0 && (
              <TicketTable label={t('mine.tableLabel')} count={rows.length} rowAt={(i) => rows[i]} now={now} columns={['due', 'age', 'customer', 'tier']} maxHeight="calc(100dvh - 340px)" lead={cameBackBadge} />
            )}
          </section>
        )}
      </Stack>
    </>
  );
}

/**
 * A ticket that came back to her (handed back down, reopened by someone else), until she acts
 * on it: who, when and the note's first words in its hint, which a screen reader reads with it.
 */
function cameBackBadge(row: MyTicketRow) {
  const back = row.cameBack;
  if (!back) return null;
  const name = personName(back.actorName);
  const when = formatDateTime(back.at);
  const hint = back.note ? t(`mine.cameBack.hint.${back.kind}`, { name, when, note: back.note }) : t(`mine.cameBack.bare.${back.kind}`, { name, when });
  return (
    <LazyHint label={hint} openDelay={300} width={280}>
      <Badge size="xs" variant="light" color={back.kind === 'handedBack' ? 'orange' : 'grape'} tt="none" style={{ minInlineSize: 'max-content' }} leftSection={<IconArrowBackUp size={11} aria-hidden />} data-came-back={back.kind}>
        {t(`mine.cameBack.${back.kind}`)}
        <VisuallyHidden>{`: ${hint}`}</VisuallyHidden>
      </Badge>
    </LazyHint>
  );
}

function QueueChip({ queue, now }: { queue: QueueSummary; now: number }) {
  const [busy, setBusy] = useState(false);
  const name = queueName(queue.segment, queue.tier);
  return (
    <Paper withBorder radius="md" p="sm" className={classes.chip}>
      <Group justify="space-between" wrap="nowrap" gap={6}>
        <Anchor href={queueHref(queue.segment, queue.tier)} size="sm" fw={600} truncate>
          {name}
        </Anchor>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {tc('mine.waiting', queue.unassigned)}
        {/* How long the oldest ticket nobody has taken has waited: a taken one's age is no reason to take next. */}
        {queue.oldestWaitingAt != null ? ` · ${t('mine.oldest', { age: formatDuration(now - queue.oldestWaitingAt) })}` : ''}
      </Text>
      <UnstyledButton
        className={classes.take}
        disabled={queue.unassigned === 0 || busy}
        aria-label={t('queues.takeNextIn', { queue: name })}
        onClick={async () => {
          setBusy(true);
          await takeNext(queue.segment, queue.tier);
          setBusy(false);
        }}
      >
        <IconPlayerTrackNext size={14} aria-hidden /> {t('queues.takeNext')}
      </UnstyledButton>
    </Paper>
  );
}
