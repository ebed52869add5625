import { Anchor, Button, Drawer, Group, Loader, NativeSelect, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { DrillFilter, TicketRow } from '../../shared/api';
import { PRIORITIES, type Priority, type User } from '../../shared/domain';
import { StateBadge } from '../badges';
import { call, problemOf, useCall } from '../backend';
import { currentDirection, t, tc } from '../i18n';
import { priorityLabel, segmentLabel, tierLabel } from '../labels';
import { ProblemAlert } from '../page';
import { hrefOf, navigate, ticketHref, type Drill } from '../route';
import { SlaBadge } from '../sla/SlaBadge';
import { filterLabel, scopeName } from './drill';
import classes from './OverviewPage.module.css';

// The tickets behind one number on the board, most urgent first. The supervisor can
// reassign a ticket (to someone who works its tier and segment) or change its priority
// right here, or open it. Live like the board.

const FILTERS: DrillFilter[] = ['open', 'unassigned', 'atRisk', 'breached'];
const FIRST_ROWS = 100;

export function DrillDrawer({ drill }: { drill: Drill | null }) {
  const narrow = useMediaQuery('(max-width: 62em)', false, { getInitialValueInEffect: false });
  const rtl = currentDirection() === 'rtl';
  const close = () => {
    if (sessionStorage.getItem('tagdesk.drillOpenedFromBoard') === '1') {
      sessionStorage.removeItem('tagdesk.drillOpenedFromBoard');
      window.history.back();
    } else {
      navigate(hrefOf({ name: 'overview' }), { replace: true });
    }
  };
  return (
    <Drawer
      opened={drill !== null}
      onClose={close}
      position={rtl ? 'left' : 'right'}
      size={narrow ? '100%' : '64rem'}
      title={drill ? <DrillTitle drill={drill} /> : null}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {drill && <DrillBody key={`${drill.filter}-${drill.segment}-${drill.tier}`} drill={drill} />}
    </Drawer>
  );
}

function DrillTitle({ drill }: { drill: Drill }) {
  return (
    <Text fw={650} fz="lg" component="span">
      {t('drill.title', { filter: filterLabel(drill.filter), scope: scopeName(drill) })}
    </Text>
  );
}

function DrillBody({ drill }: { drill: Drill }) {
  const list = useCall(
    'supervisor.tickets',
    { filter: drill.filter, ...(drill.segment ? { segment: drill.segment } : {}), ...(drill.tier ? { tier: drill.tier } : {}) },
    { live: true, slaWarnings: true, debounceMs: 300 },
  );
  const users = useCall('users.list', {});
  const [showAll, setShowAll] = useState(false);
  const rows = list.data ?? [];
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <SegmentedControl
          size="xs"
          value={drill.filter}
          onChange={(v) => {
            const filter = FILTERS.find((f) => f === v);
            if (filter) navigate(hrefOf({ name: 'overview', drill: { ...drill, filter } }), { replace: true });
          }}
          data={FILTERS.map((f) => ({ value: f, label: filterLabel(f) }))}
          aria-label={t('drill.filter')}
        />
        <Text size="sm" c="dimmed" role="status">
          {list.data ? tc('drill.count', rows.length) : t('common.loading')}
        </Text>
      </Group>
      {list.problem && <ProblemAlert problem={list.problem} onRetry={() => void list.refetch()} />}
      {list.loading && !list.data && <Loader size="sm" aria-label={t('common.loading')} />}
      {list.data && rows.length === 0 && (
        <Text size="sm" c="dimmed" py="md">
          {t('drill.empty')}
        </Text>
      )}
      {shown.length > 0 && (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table layout="fixed" verticalSpacing={6} fz="sm" className={classes.drill} aria-label={t('drill.tableLabel', { filter: filterLabel(drill.filter), scope: scopeName(drill) })}>
            <colgroup>
              <col style={{ width: 100 }} />
              <col />
              <col style={{ width: 156 }} />
              <col style={{ width: 120 }} />
              <col style={{ width: 180 }} />
            </colgroup>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.col.number')}</Table.Th>
                <Table.Th>{t('tickets.col.subject')}</Table.Th>
                <Table.Th>{t('tickets.col.due')}</Table.Th>
                <Table.Th>{t('tickets.col.priority')}</Table.Th>
                <Table.Th>{t('tickets.col.assignee')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <DrillRow key={row.id} row={row} users={users.data ?? []} onChanged={() => void list.refetch()} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {!showAll && rows.length > FIRST_ROWS && (
        <Button variant="subtle" size="xs" onClick={() => setShowAll(true)} w="fit-content">
          {t('drill.showAll', { count: rows.length })}
        </Button>
      )}
      {rows.length >= 500 && (
        <Text size="xs" c="dimmed">
          {t('drill.limited')}
        </Text>
      )}
    </Stack>
  );
}

/** People who may be given this ticket: agents (tier 1) or specialists (2, 3) of its segment and tier. */
function assigneesFor(row: TicketRow, users: User[]): User[] {
  return users
    .filter((u) => u.active && (u.role === 'agent' || u.role === 'specialist') && u.tier === row.tier && u.segments.includes(row.segment))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function DrillRow({ row, users, onChanged }: { row: TicketRow; users: User[]; onChanged: () => void }) {
  const [busy, setBusy] = useState<'assign' | 'priority' | null>(null);
  const people = assigneesFor(row, users);
  const current = row.assigneeId && !people.some((p) => p.id === row.assigneeId) ? [{ value: row.assigneeId, label: row.assigneeName ?? row.assigneeId }] : [];

  const act = async (kind: 'assign' | 'priority', command: { type: 'ASSIGN'; assigneeId: string } | { type: 'CHANGE_PRIORITY'; priority: Priority }, done: string) => {
    setBusy(kind);
    try {
      await call('tickets.act', { ticketId: row.id, command });
      notifications.show({ color: 'teal', message: done });
    } catch (error) {
      notifications.show({ color: 'red', title: t('act.failedTitle'), message: problemOf(error).message });
    } finally {
      setBusy(null);
      onChanged();
    }
  };

  return (
    <Table.Tr data-sla={row.sla?.status ?? 'none'}>
      <Table.Td>
        <Anchor href={ticketHref(row.id)} ff="monospace" fw={600} size="sm">
          {row.number}
        </Anchor>
      </Table.Td>
      <Table.Td className={classes.subjectCell}>
        <Text size="sm" truncate title={row.subject}>
          {row.subject}
        </Text>
        <Group gap={6} wrap="nowrap" mt={2}>
          <Text size="xs" c="dimmed" truncate>
            {row.customerName} · {segmentLabel(row.segment)} · {tierLabel(row.tier)}
          </Text>
          <StateBadge state={row.state} size="xs" />
        </Group>
      </Table.Td>
      <Table.Td>
        <SlaBadge sla={row.sla} dueAt={row.dueAt} />
      </Table.Td>
      <Table.Td>
        <NativeSelect
          size="xs"
          value={row.priority}
          disabled={busy !== null}
          aria-label={t('drill.priorityOf', { number: row.number })}
          data={PRIORITIES.map((p) => ({ value: p, label: priorityLabel(p) }))}
          onChange={(e) => {
            const priority = PRIORITIES.find((p) => p === e.currentTarget.value);
            if (priority && priority !== row.priority) {
              void act('priority', { type: 'CHANGE_PRIORITY', priority }, t('drill.priorityChanged', { number: row.number, priority: priorityLabel(priority) }));
            }
          }}
          leftSection={busy === 'priority' ? <Loader size={10} /> : undefined}
        />
      </Table.Td>
      <Table.Td>
        <NativeSelect
          size="xs"
          value={row.assigneeId ?? ''}
          disabled={busy !== null}
          aria-label={t('drill.assigneeOf', { number: row.number })}
          data={[
            ...(row.assigneeId ? [] : [{ value: '', label: t('tickets.unassigned'), disabled: true }]),
            ...current,
            ...people.map((p) => ({ value: p.id, label: p.name })),
          ]}
          onChange={(e) => {
            const assigneeId = e.currentTarget.value;
            const person = users.find((u) => u.id === assigneeId);
            if (assigneeId && assigneeId !== row.assigneeId) {
              void act('assign', { type: 'ASSIGN', assigneeId }, t('drill.assigned', { number: row.number, name: person?.name ?? assigneeId }));
            }
          }}
          leftSection={busy === 'assign' ? <Loader size={10} /> : undefined}
        />
      </Table.Td>
    </Table.Tr>
  );
}
