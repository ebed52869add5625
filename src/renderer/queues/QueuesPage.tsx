import { Anchor, Badge, Button, Card, Group, SegmentedControl, SimpleGrid, Text, VisuallyHidden } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconArrowBackUp, IconPlayerTrackNext } from '@tabler/icons-react';
import { useState } from 'react';
import type { QueueSummary, QueueTicketRow } from '../../shared/api';
import { SEGMENTS, TIERS, type Segment, type Tier } from '../../shared/domain';
import { useCall, useNow } from '../backend';
import { formatDuration, formatNumber, t, tc } from '../i18n';
import { reasonLabel } from '../labels';
import { LazyHint } from '../LazyHint';
import { PageHeader, PageLoading, ProblemAlert } from '../page';
import { hrefOf, queueHref } from '../route';
import { useSession } from '../session';
import { TicketTable } from '../tickets/TicketTable';
import { useQueueRows, type QueueOrder } from './queueRows';
import { queueName, takeNext } from './takeNext';
import { worksQueue } from './visibility';
import classes from './Queues.module.css';

export function QueuesPage({ segment, tier }: { segment: Segment | null; tier: Tier | null }) {
  return segment && tier ? <QueueView segment={segment} tier={tier} /> : <QueueList />;
}

/** Every queue this person works, as cards: open, unassigned, oldest, and Take next. */
function QueueList() {
  const { user } = useSession();
  const queues = useCall('queues.list', {}, { live: true });
  const now = useNow();
  const mine = sortQueues((queues.data ?? []).filter((q) => worksQueue(user, q)));

  return (
    <>
      <PageHeader title={t('queues.title')} description={user.role === 'supervisor' || user.role === 'admin' ? t('queues.leadAll') : t('queues.leadMine')} />
      {queues.problem && <ProblemAlert problem={queues.problem} onRetry={() => void queues.refetch()} />}
      {queues.loading && !queues.data && <PageLoading />}
      {queues.data && mine.length === 0 && <Text c="dimmed">{t('queues.none')}</Text>}
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="sm">
        {mine.map((q) => (
          <QueueCard key={`${q.segment}-${q.tier}`} queue={q} now={now} />
        ))}
      </SimpleGrid>
    </>
  );
}

function QueueCard({ queue, now }: { queue: QueueSummary; now: number }) {
  const [busy, setBusy] = useState(false);
  const name = queueName(queue.segment, queue.tier);
  return (
    <Card withBorder radius="md" padding="md" className={classes.card}>
      {/* The queue's whole name, and its count whole: the count goes under the name when both do not fit (three cards across at 1,280 px cut "Large enterprise · Ti…"). */}
      <Group justify="space-between" wrap="wrap" gap="xs" style={{ rowGap: 4 }}>
        <Anchor href={queueHref(queue.segment, queue.tier)} fw={600} fz="sm">
          {name}
        </Anchor>
        {queue.unassigned > 0 ? (
          <Badge color="orange" variant="light" size="sm" tt="none">
            {t('queues.unassignedCount', { count: queue.unassigned })}
          </Badge>
        ) : (
          <Badge color="gray" variant="light" size="sm" tt="none">
            {t('queues.allTaken')}
          </Badge>
        )}
      </Group>
      {queue.atRisk + queue.breached > 0 && (
        <Group gap={6} mt={8}>
          {queue.atRisk > 0 && (
            <Badge color="orange" variant="light" size="sm" tt="none">
              {t('queues.atRiskCount', { count: queue.atRisk })}
            </Badge>
          )}
          {queue.breached > 0 && (
            <Badge color="red.8" variant="filled" size="sm" tt="none">
              {t('queues.breachedCount', { count: queue.breached })}
            </Badge>
          )}
        </Group>
      )}
      <Group gap="xl" mt="sm" wrap="nowrap">
        <Stat label={t('queues.stat.open')} value={formatNumber(queue.open)} />
        <Stat label={t('queues.stat.unassigned')} value={formatNumber(queue.unassigned)} />
        {/* Beside Unassigned and Take next, the oldest ticket nobody has taken (as My tickets says it): the oldest open one was often already in someone's hands. */}
        <Stat label={t('queues.stat.oldestWaiting')} value={queue.oldestWaitingAt == null ? '—' : formatDuration(now - queue.oldestWaitingAt)} />
      </Group>
      <Button
        mt="md"
        size="xs"
        variant="light"
        leftSection={<IconPlayerTrackNext size={14} />}
        disabled={queue.unassigned === 0}
        loading={busy}
        aria-label={t('queues.takeNextIn', { queue: name })}
        onClick={async () => {
          setBusy(true);
          await takeNext(queue.segment, queue.tier);
          setBusy(false);
        }}
      >
        {t('queues.takeNext')}
      </Button>
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={650} fz="lg" lh={1.2}>
        {value}
      </Text>
    </div>
  );
}

/** One queue's tickets, most urgent first (or priority, then age), virtualised. */
function QueueView({ segment, tier }: { segment: Segment; tier: Tier }) {
  const { user } = useSession();
  const [order, setOrder] = useLocalStorage<QueueOrder>({ key: 'tagdesk.queueOrder', defaultValue: 'urgency', getInitialValueInEffect: false });
  const rows = useQueueRows(segment, tier, order === 'priority' ? 'priority' : 'urgency');
  const summary = useCall('queues.list', {}, { live: (c) => c.segment === segment });
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const q = summary.data?.find((x) => x.segment === segment && x.tier === tier);
  const name = queueName(segment, tier);
  const canTake = worksQueue(user, { segment, tier });

  return (
    <>
      <Anchor href={hrefOf({ name: 'queues', segment: null, tier: null })} size="sm" className={classes.back}>
        <IconArrowBackUp size={14} aria-hidden /> {t('queues.all')}
      </Anchor>
      <PageHeader
        title={name}
        description={
          q
            ? t('queues.summary', {
                open: q.open,
                unassigned: q.unassigned,
                oldest: q.oldestAt === null ? '—' : formatDuration(now - q.oldestAt),
              }) + (q.atRisk + q.breached > 0 ? ` · ${t('queues.slaSummary', { atRisk: q.atRisk, breached: q.breached })}` : '')
            : undefined
        }
        actions={
          canTake && (
            <Button
              leftSection={<IconPlayerTrackNext size={16} />}
              loading={busy}
              disabled={q?.unassigned === 0}
              onClick={async () => {
                setBusy(true);
                await takeNext(segment, tier);
                setBusy(false);
              }}
            >
              {t('queues.takeNext')}
            </Button>
          )
        }
      />
      <Group justify="flex-end" mb="xs" gap="xs">
        <Text size="sm" c="dimmed" id="queue-order-label">
          {t('queues.orderLabel')}
        </Text>
        <SegmentedControl
          size="xs"
          value={order}
          onChange={(v) => setOrder(v === 'priority' ? 'priority' : 'urgency')}
          data={[
            { value: 'urgency', label: t('queues.order.urgency') },
            { value: 'priority', label: t('queues.order.priority') },
          ]}
          aria-labelledby="queue-order-label"
        />
      </Group>
      {rows.problem && <ProblemAlert problem={rows.problem} onRetry={rows.reload} />}
      {rows.total === 0 ? (
        <Text c="dimmed">{t('queues.empty')}</Text>
      ) : (
        <TicketTable
          label={t(order === 'priority' ? 'queues.tableLabelPriority' : 'queues.tableLabel', { queue: name })}
          count={rows.total ?? 8}
          rowAt={rows.rowAt}
          onRangeChange={rows.onRangeChange}
          now={now}
          columns={['due', 'assignee', 'age', 'customer']}
          lead={tier === 1 ? undefined : escalationBadge}
        />
      )}
      {rows.total !== null && rows.total > 0 && (
        <Text size="xs" c="dimmed" mt="xs">
          {tc('queues.count', rows.total)}
        </Text>
      )}
    </>
  );
}

/**
 * How a tier-2/3 ticket came to its tier: its latest escalation's reason, or, when it was handed
 * back down since, "Handed back", or, moved up by an SLA breach since, the target breached (the
 * reason it went up before is not why it is here), before the
 * subject; who, why and the whole note in its hint, which a screen reader reads with it.
 */
function escalationBadge(row: QueueTicketRow) {
  const back = row.handedBack;
  if (back) {
    const hint = back.note ? t('queues.handedBack.hint', { name: back.actorName, note: back.note }) : t('queues.handedBack.bare', { name: back.actorName });
    return (
      <LazyHint label={hint} openDelay={300} width={280}>
        <Badge size="xs" variant="light" color="teal" tt="none" className={classes.reason} data-handed-back="">
          {t('queues.handedBack')}
          <VisuallyHidden>{`: ${hint}`}</VisuallyHidden>
        </Badge>
      </LazyHint>
    );
  }
  const up = row.breachedUp;
  if (up) {
    const hint = t(`queues.breachedUp.hint.${up.target}`);
    return (
      <LazyHint label={hint} openDelay={300} width={280}>
        <Badge size="xs" variant="light" color="red" tt="none" className={classes.reason} data-breached-up={up.target}>
          {t(`queues.breachedUp.${up.target}`)}
          <VisuallyHidden>{`: ${hint}`}</VisuallyHidden>
        </Badge>
      </LazyHint>
    );
  }
  const e = row.escalation;
  if (!e) return null;
  const reason = reasonLabel(e.reason);
  const hint = e.note ? t('queues.escalated.hint', { reason, note: e.note }) : t('queues.escalated.bare', { reason });
  return (
    <LazyHint label={hint} openDelay={300} width={280}>
      <Badge size="xs" variant="light" color="violet" tt="none" className={classes.reason} data-escalation={e.reason}>
        {reason}
        <VisuallyHidden>{`: ${hint}`}</VisuallyHidden>
      </Badge>
    </LazyHint>
  );
}

function sortQueues(queues: QueueSummary[]): QueueSummary[] {
  return [...queues].sort((a, b) => SEGMENTS.indexOf(a.segment) - SEGMENTS.indexOf(b.segment) || TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier));
}
