import { Anchor, Box, Skeleton, Table, Text, Tooltip } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { TicketRow } from '../../shared/api';
import { isOpenState } from '../../shared/ticketMachine';
import { PriorityBadge, StateBadge } from '../badges';
import { formatDateTime, formatDuration, formatRelative, t } from '../i18n';
import { segmentLabel, tierLabel } from '../labels';
import { navigate, ticketHref } from '../route';
import classes from './TicketTable.module.css';

// A ticket list that stays smooth at any length: only the rows in view are in the DOM,
// between two spacer rows, so it is still one real <table> for screen readers (with
// aria-rowcount / aria-rowindex) and for keyboard users (each number is a link).

const ROW_HEIGHT = 41;

export type TicketColumn = 'segment' | 'tier' | 'assignee' | 'customer' | 'due';

export function TicketTable({
  label,
  count,
  rowAt,
  now,
  columns = ['customer', 'assignee', 'due'],
  onRangeChange,
  maxHeight = 'calc(100dvh - 260px)',
}: {
  label: string;
  count: number;
  rowAt: (index: number) => TicketRow | undefined;
  now: number;
  columns?: TicketColumn[];
  onRangeChange?: (start: number, end: number) => void;
  maxHeight?: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const padStart = items[0]?.start ?? 0;
  const padEnd = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));
  const has = (c: TicketColumn) => columns.includes(c);
  const span = 6 + columns.length;

  useEffect(() => {
    if (count > 0) onRangeChange?.(first, last);
  }, [first, last, count, onRangeChange]);

  return (
    <Box ref={scroller} className={classes.scroller} style={{ maxHeight }} tabIndex={0} role="region" aria-label={label}>
      <Table stickyHeader highlightOnHover layout="fixed" verticalSpacing={6} fz="sm" aria-rowcount={count + 1} miw={720} className={classes.table}>
        <colgroup>
          <col style={{ inlineSize: 104 }} />
          <col />
          {has('customer') && <col style={{ inlineSize: '20%' }} />}
          {has('segment') && <col style={{ inlineSize: 130 }} />}
          {has('tier') && <col style={{ inlineSize: 72 }} />}
          <col style={{ inlineSize: 92 }} />
          <col style={{ inlineSize: 190 }} />
          {has('assignee') && <col style={{ inlineSize: 140 }} />}
          <col style={{ inlineSize: 78 }} />
          {has('due') && <col style={{ inlineSize: 116 }} />}
        </colgroup>
        <Table.Thead>
          <Table.Tr aria-rowindex={1}>
            <Table.Th>{t('tickets.col.number')}</Table.Th>
            <Table.Th>{t('tickets.col.subject')}</Table.Th>
            {has('customer') && <Table.Th>{t('tickets.col.customer')}</Table.Th>}
            {has('segment') && <Table.Th>{t('tickets.col.segment')}</Table.Th>}
            {has('tier') && <Table.Th>{t('tickets.col.tier')}</Table.Th>}
            <Table.Th>{t('tickets.col.priority')}</Table.Th>
            <Table.Th>{t('tickets.col.state')}</Table.Th>
            {has('assignee') && <Table.Th>{t('tickets.col.assignee')}</Table.Th>}
            <Table.Th>{t('tickets.col.age')}</Table.Th>
            {has('due') && <Table.Th>{t('tickets.col.due')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {padStart > 0 && (
            <tr aria-hidden="true">
              <td colSpan={span} style={{ blockSize: padStart, padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rowAt(item.index);
            if (!row) {
              return (
                <Table.Tr key={`pending-${item.index}`} aria-rowindex={item.index + 2} style={{ blockSize: ROW_HEIGHT }}>
                  <Table.Td colSpan={span}>
                    <Skeleton h={14} aria-label={t('common.loading')} />
                  </Table.Td>
                </Table.Tr>
              );
            }
            const overdue = row.dueAt !== null && row.dueAt < now && isOpenState(row.state);
            return (
              <Table.Tr
                key={row.id}
                aria-rowindex={item.index + 2}
                className={classes.row}
                style={{ blockSize: ROW_HEIGHT }}
                onClick={(e) => {
                  if (!(e.target instanceof Element && e.target.closest('a'))) navigate(ticketHref(row.id));
                }}
              >
                <Table.Td>
                  <Anchor href={ticketHref(row.id)} ff="monospace" fz="sm" fw={600}>
                    {row.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate title={row.subject}>
                    {row.subject}
                  </Text>
                </Table.Td>
                {has('customer') && (
                  <Table.Td>
                    <Text size="sm" truncate title={row.customerName}>
                      {row.customerName}
                    </Text>
                  </Table.Td>
                )}
                {has('segment') && (
                  <Table.Td>
                    <Text size="sm" truncate>
                      {segmentLabel(row.segment)}
                    </Text>
                  </Table.Td>
                )}
                {has('tier') && (
                  <Table.Td>
                    <Text size="sm">{tierLabel(row.tier)}</Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <PriorityBadge priority={row.priority} size="xs" />
                </Table.Td>
                <Table.Td>
                  <StateBadge state={row.state} size="xs" />
                </Table.Td>
                {has('assignee') && (
                  <Table.Td>
                    <Text size="sm" truncate c={row.assigneeName ? undefined : 'dimmed'}>
                      {row.assigneeName ?? t('tickets.unassigned')}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <Tooltip label={formatDateTime(row.createdAt)} openDelay={400}>
                    <Text size="sm" c="dimmed">
                      {formatDuration(now - row.createdAt)}
                    </Text>
                  </Tooltip>
                </Table.Td>
                {has('due') && (
                  <Table.Td>
                    {row.dueAt === null ? (
                      <Text size="sm" c="dimmed">
                        {t('tickets.noDue')}
                      </Text>
                    ) : (
                      <Tooltip label={formatDateTime(row.dueAt)} openDelay={400}>
                        <Text size="sm" c={overdue ? 'red' : undefined} fw={overdue ? 600 : undefined} truncate>
                          {formatRelative(row.dueAt, now)}
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
          {padEnd > 0 && (
            <tr aria-hidden="true">
              <td colSpan={span} style={{ blockSize: padEnd, padding: 0, border: 0 }} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
