import { Anchor, Box, Skeleton, Table, Text, VisuallyHidden } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useElementSize, useMergedRef } from '@mantine/hooks';
import { useEffect, useRef, type ReactNode } from 'react';
import type { TicketRow } from '../../shared/api';
import { PriorityBadge, StateBadge } from '../badges';
import { currentDirection, formatDateTime, formatDuration, t } from '../i18n';
import { segmentLabel, tierLabel, personName } from '../labels';
import { navigate, ticketHref } from '../route';
import { LazyHint } from '../LazyHint';
import { rowToRestore, stillScrollingTo, useReturningTo } from '../shell/pageFocus';
import { SlaBadge } from '../sla/SlaBadge';
import classes from './TicketTable.module.css';
import { COLUMN_WIDTH, cutUnder, FIXED_WIDTH, layoutColumns, MIN_TABLE_WIDTH, underTitle, type TicketColumn } from './ticketColumns';

// A ticket list that stays smooth at any length: only the rows in view are in the DOM,
// between two spacer rows, so it is still one real <table> for screen readers (with
// aria-rowcount / aria-rowindex) and for keyboard users (each number is a link).

const ROW_HEIGHT = 41;
/** A row with a second line under the subject (what has no column of its own). */
const ROW_HEIGHT_TWO_LINES = 58;
/** A narrow window's row: the subject, its priority, state and SLA badges, then the rest. */
const ROW_HEIGHT_THREE_LINES = 78;

export type { TicketColumn };

export function TicketTable<R extends TicketRow>({
  label,
  count,
  rowAt,
  now,
  columns = ['due', 'age', 'customer', 'assignee'],
  onRangeChange,
  maxHeight = 'calc(100dvh - 260px)',
  lead,
}: {
  label: string;
  count: number;
  rowAt: (index: number) => R | undefined;
  now: number;
  columns?: TicketColumn[];
  onRangeChange?: (start: number, end: number) => void;
  maxHeight?: string;
  /** A small mark before a row's subject (My tickets: "Handed back"); the subject gives it the room. */
  lead?: (row: R) => ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const { ref: sizeRef, width } = useElementSize<HTMLDivElement>();
  const scrollerRef = useMergedRef(scroller, sizeRef);
  const layout = layoutColumns(columns, width);
  columns = layout.columns;
  const under = layout.under;
  const badges = !layout.badgesUnder;
  const rowHeight = layout.badgesUnder ? ROW_HEIGHT_THREE_LINES : under.length > 0 ? ROW_HEIGHT_TWO_LINES : ROW_HEIGHT;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const padStart = items[0]?.start ?? 0;
  const padEnd = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));
  const has = (c: TicketColumn) => columns.includes(c);
  const span = (badges ? 4 : 2) + columns.length; // ticket, subject, priority, state + the optional ones

  useEffect(() => {
    if (count > 0) onRangeChange?.(first, last);
  }, [first, last, count, onRangeChange]);

  // Back from a ticket opened far down the list: its row is not drawn, so focus could not go
  // back to it (it fell to the heading). The list scrolls to it; focus follows once it is drawn.
  const returningTo = useReturningTo();
  const scrolledTo = useRef<string | null>(null);
  const restore = rowToRestore(returningTo, count, (i) => {
    const row = rowAt(i);
    return row && ticketHref(row.id);
  });
  useEffect(() => {
    // Once the table's width is known: it sets the rows' height, and so where each row is.
    const where = restore === null || width === 0 ? null : `${restore}:${rowHeight}`;
    if (where === null || where === scrolledTo.current || restore === null) return;
    scrolledTo.current = where;
    virtualizer.scrollToIndex(restore, { align: 'auto' });
  }, [restore, width, rowHeight, virtualizer]);

  // Busy until the row is drawn: focus waits for it (pageFocus.ts), however long the list takes
  // to learn its width and scroll there.
  const scrolling = stillScrollingTo(restore, items.map((item) => item.index));

  return (
    <Box ref={scrollerRef} className={classes.scroller} style={{ maxHeight }} tabIndex={0} role="region" aria-label={label} aria-busy={scrolling || undefined}>
      <Table stickyHeader highlightOnHover layout="fixed" verticalSpacing={6} fz="sm" aria-rowcount={count + 1} miw={MIN_TABLE_WIDTH} className={classes.table}>
        <colgroup>
          <col style={{ width: FIXED_WIDTH.number }} />
          <col />
          {has('customer') && <col style={{ width: COLUMN_WIDTH.customer }} />}
          {has('segment') && <col style={{ width: COLUMN_WIDTH.segment }} />}
          {has('tier') && <col style={{ width: COLUMN_WIDTH.tier }} />}
          {badges && <col style={{ width: FIXED_WIDTH.priority }} />}
          {badges && <col style={{ width: FIXED_WIDTH.state }} />}
          {has('assignee') && <col style={{ width: COLUMN_WIDTH.assignee }} />}
          {has('age') && <col style={{ width: COLUMN_WIDTH.age }} />}
          {has('due') && <col style={{ width: COLUMN_WIDTH.due }} />}
        </colgroup>
        <Table.Thead>
          <Table.Tr aria-rowindex={1}>
            <Table.Th>{t('tickets.col.number')}</Table.Th>
            <Table.Th>{t('tickets.col.subject')}</Table.Th>
            {has('customer') && <Table.Th>{t('tickets.col.customer')}</Table.Th>}
            {has('segment') && <Table.Th>{t('tickets.col.segment')}</Table.Th>}
            {has('tier') && <Table.Th>{t('tickets.col.tier')}</Table.Th>}
            {badges && <Table.Th>{t('tickets.col.priority')}</Table.Th>}
            {badges && <Table.Th>{t('tickets.col.state')}</Table.Th>}
            {has('assignee') && <Table.Th>{t('tickets.col.assignee')}</Table.Th>}
            {has('age') && <Table.Th>{t('tickets.col.age')}</Table.Th>}
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
                // Busy while its row is fetched: coming back to the list, focus waits for the rows
                // to come before it waits for the opened one to be drawn (pageFocus.ts).
                <Table.Tr key={`pending-${item.index}`} aria-rowindex={item.index + 2} aria-busy="true" style={{ blockSize: rowHeight }}>
                  <Table.Td colSpan={span}>
                    {/* A progress bar, as the app's other labelled loaders are: a labelled div with no
                        role is not read at all (axe aria-prohibited-attr, caught when an audit ran
                        while a queue's rows were still arriving). */}
                    <Skeleton h={14} role="progressbar" aria-label={t('common.loading')} />
                  </Table.Td>
                </Table.Tr>
              );
            }
            return (
              <Table.Tr
                key={row.id}
                aria-rowindex={item.index + 2}
                className={classes.row}
                style={{ blockSize: rowHeight }}
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
                  <SubjectLine lead={lead?.(row)}>
                    {/* Its own direction, so a subject in the other script is cut at its end, not its start. */}
                    <Text size="sm" truncate dir="auto" className="own-direction" title={row.subject}>
                      {row.subject}
                    </Text>
                  </SubjectLine>
                  {(under.length > 0 || !badges) && <UnderSubject row={row} under={under} now={now} badges={!badges} />}
                </Table.Td>
                {has('customer') && (
                  <Table.Td>
                    <Text size="sm" truncate dir="auto" className="own-direction" title={row.customerName}>
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
                {badges && (
                  <Table.Td>
                    <PriorityBadge priority={row.priority} size="xs" />
                  </Table.Td>
                )}
                {badges && (
                  <Table.Td>
                    <StateBadge state={row.state} size="xs" />
                  </Table.Td>
                )}
                {has('assignee') && (
                  <Table.Td>
                    <Text size="sm" truncate c={row.assigneeName ? undefined : 'dimmed'}>
                      {row.assigneeName ? personName(row.assigneeName) : t('tickets.unassigned')}
                    </Text>
                  </Table.Td>
                )}
                {has('age') && (
                  <Table.Td>
                    <LazyHint label={formatDateTime(row.createdAt)} openDelay={400}>
                      <Text size="sm" c="dimmed">
                        {formatDuration(now - row.createdAt)}
                      </Text>
                    </LazyHint>
                  </Table.Td>
                )}
                {has('due') && (
                  <Table.Td>
                    <SlaBadge sla={row.sla} dueAt={row.dueAt} />
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

/** The subject alone, or after its row's mark, which is never cut: the subject is. */
function SubjectLine({ lead, children }: { lead: ReactNode; children: ReactNode }) {
  if (!lead) return children;
  return (
    <div className={classes.subjectLine}>
      <span className={classes.subjectLead}>{lead}</span>
      {children}
    </div>
  );
}

/**
 * The columns without room of their own, on a line under the subject, in the caller's
 * order: "Jordan Smith · Unassigned · 35m". Its full text is its title (what the ellipsis
 * cuts on a narrow window).
 */

function UnderSubject({ row, under, now, badges }: { row: TicketRow; under: TicketColumn[]; now: number; badges: boolean }) {
  const said: Record<TicketColumn, string> = {
    customer: row.customerName,
    assignee: row.assigneeName ? personName(row.assigneeName) : t('tickets.unassigned'),
    age: formatDuration(now - row.createdAt),
    tier: tierLabel(row.tier),
    segment: segmentLabel(row.segment),
    due: '',
  };
  const texts = under.filter((c) => c !== 'due');
  const due = under.includes('due') && (
    <span className={classes.underDue}>
      {/* Beside "Waiting on the customer" on a narrow row, a paused clock is its icon: "Paused" in words was cut at 420 px. */}
      <SlaBadge sla={row.sla} dueAt={row.dueAt} pausedAsIcon={badges} />
    </span>
  );
  const line = (
    <Text component="div" size="xs" c="dimmed" className={classes.under} title={underTitle(texts.map((c) => said[c]), currentDirection() === 'rtl')}>
      {!badges && due}
      {texts.map((c, i) => (
        // A name (the customer's, the assignee's) is cut at its own end, in its own script; the
        // short values (age, tier, segment) are never cut. One ellipsis over the whole line cut
        // a Latin name at its start in a right-to-left window ("…y of Keshaunfurt").
        <span key={c} data-under={c} className={cutUnder(c, row.assigneeName !== null) ? (c === 'assignee' ? classes.underHolder : classes.underName) : classes.underValue}>
          {i > 0 && <span aria-hidden="true" className={classes.underDot}>·</span>}
          {/* Out of its column, a value is read with its column's name ("Age: 35m"). */}
          <VisuallyHidden>{t('tickets.underLabel', { column: t(`tickets.col.${c}`) })}</VisuallyHidden>
          {c === 'age' ? (
            <span title={formatDateTime(row.createdAt)}>{said[c]}</span>
          ) : (
            <bdi dir="auto" className={cutUnder(c, row.assigneeName !== null) ? classes.underCut : undefined}>
              {said[c]}
            </bdi>
          )}
        </span>
      ))}
    </Text>
  );
  if (!badges) return line;
  // A narrow window: the priority and state (with the SLA due) on a line of their own, then the rest.
  return (
    <>
      <div className={classes.underBadges}>
        <PriorityBadge priority={row.priority} size="xs" />
        <StateBadge state={row.state} size="xs" />
        {due}
      </div>
      {texts.length > 0 && line}
    </>
  );
}
