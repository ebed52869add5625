import { Anchor, Badge, Box, Button, Drawer, Group, Loader, SegmentedControl, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useElementSize, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowsSort, IconUsersGroup } from '@tabler/icons-react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent } from 'react';
import { mayAssign, mayBeAssigned, mayChangePriority, staffsQueue, type Refusal } from '../../shared/access';
import type { AgentSla, DrillFilter, DrillOrder, DrillRow, Input } from '../../shared/api';
import { PRIORITIES, type Priority, type User } from '../../shared/domain';
import { isOpenState } from '../../shared/ticketMachine';
import { priorityNotice } from '../tickets/priorityNotice';
import { StateBadge } from '../badges';
import { call, problemOf, useCall, useNow } from '../backend';
import { namedCustomers } from './namedCustomers';
import { currentDirection, formatDateTime, t, tc } from '../i18n';
import { priorityLabel, personName } from '../labels';
import { ProblemAlert } from '../page';
import { sayMessage } from '../sayMessage';
import { hrefOf, navigate, ticketHref, writeAddressNow, type Drill } from '../route';
import { dueText } from '../sla/countdown';
import { SlaBadge } from '../sla/SlaBadge';
import { assigneeChoice, closeDrillBy, DRILL_TABLE_WIDTH, drillRowsStack, drillTitle, filterLabel, focusAfterLeaving, focusBoardNumber, keepOrder, outOfOrder, windowLabel } from './drill';
import { DrillMeta } from './DrillMeta';
import { HandOverDialog } from './HandOverDialog';
import { focusWithoutOpening, LazySelect } from './LazySelect';
import { setDrawerOnScreen } from '../shell/noticePlacement';
import { useSession } from '../session';
import classes from './OverviewPage.module.css';

// The tickets behind one number on the board: a queue's count (most urgent first) or its
// oldest (oldest first), an agent's load, or an attainment figure (the targets met or
// missed in those days, missed first). The supervisor can reassign a ticket (to someone
// who works its tier and segment) or change its priority right here, or open it; each
// change carries the seq the drawer showed, so a stale row gets the desk's conflict
// message instead of overwriting someone else's change. Live like the board.

const FILTERS: DrillFilter[] = ['open', 'unassigned', 'atRisk', 'breached'];
const AGENT_SLA = ['atRisk', 'breached'] as const satisfies readonly AgentSla[];
const FIRST_ROWS = 100;
const DRAWER_REM = 64;
const LIMIT = 500;

/** `loads`: each person's open tickets, as the board counts them (userId → count). */
export function DrillDrawer({ drill, loads }: { drill: Drill | null; loads: ReadonlyMap<string, number> }) {
  const narrow = useMediaQuery('(max-width: 62em)', false, { getInitialValueInEffect: false });
  const users = useCall('users.list', drill ? {} : null);
  const nameOf = (id: string) => users.data?.find((u) => u.id === id)?.name ?? null;
  // The drill last shown: once the drawer has gone, the keyboard goes back to its number on
  // the board. Mantine returns focus to what opened the drawer, but after a ticket and Back
  // the board is drawn anew and the drawer opened from the address: focus fell to the heading.
  const shown = useRef<Drill | null>(null);
  if (drill) shown.current = drill;
  // The SLA notices stand away from the drawer, or under it when it leaves no room (noticePlacement.ts).
  const opened = drill !== null;
  useEffect(() => {
    if (!opened) return;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    setDrawerOnScreen({ side: 'end', width: narrow ? 'full' : DRAWER_REM * rem });
    return () => setDrawerOnScreen(null);
  }, [opened, narrow]);
  const close = () => {
    // The drill's entry as written (a drill just opened is written once the browser is idle).
    writeAddressNow();
    if (closeDrillBy(window.history.state) === 'back') window.history.back();
    else navigate(hrefOf({ name: 'overview' }), { replace: true });
  };
  return (
    <Drawer
      opened={drill !== null}
      onClose={close}
      // The end side, away from the navigation. Mantine's sides are logical already: 'right' is
      // the left in right-to-left (flipping it here put the Persian drawer over the navigation).
      position="right"
      size={narrow ? '100%' : `${DRAWER_REM}rem`}
      title={
        drill ? (
          <Text fw={650} fz="lg" component="span">
            {drillTitle(drill, nameOf)}
          </Text>
        ) : null
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
      onExitTransitionEnd={() => {
        if (shown.current) focusBoardNumber(shown.current);
      }}
    >
      {drill && <DrillBody key={hrefOf({ name: 'overview', drill })} drill={drill} users={users.data ?? []} loads={loads} title={drillTitle(drill, nameOf)} />}
    </Drawer>
  );
}

/** The API call for a drill: the same conditions the board counted the number with. */
function inputOf(drill: Drill): Input<'supervisor.tickets'> {
  if (drill.filter === 'agent') return { filter: 'agent', assigneeId: drill.assigneeId, order: drill.order ?? 'urgency', limit: LIMIT, ...(drill.sla ? { sla: drill.sla } : {}) };
  if (drill.filter === 'attainment') return { filter: 'attainment', segment: drill.segment, target: drill.target, window: drill.window, limit: LIMIT };
  if (drill.filter === 'resolved') return { filter: 'resolved', limit: LIMIT };
  if (drill.filter === 'csat') return { filter: 'csat', segment: drill.segment, tier: drill.tier, limit: LIMIT };
  return { filter: drill.filter, order: drill.order ?? 'urgency', limit: LIMIT, ...(drill.segment ? { segment: drill.segment } : {}), ...(drill.tier ? { tier: drill.tier } : {}) };
}

const replaceDrill = (drill: Drill) => navigate(hrefOf({ name: 'overview', drill }), { replace: true });

function DrillControls({ drill }: { drill: Drill }) {
  // Resolved today and a satisfaction cell: one list each, nothing to switch.
  if (drill.filter === 'resolved' || drill.filter === 'csat') return <span />;
  if (drill.filter === 'agent') {
    // A person's open tickets, or only those at risk or breached (the load table's figures);
    // soonest due first, or oldest first.
    return (
      <Group gap="xs" wrap="wrap">
        <SegmentedControl
          size="xs"
          value={drill.sla ?? 'open'}
          onChange={(v) => {
            const sla = AGENT_SLA.find((s) => s === v);
            const { sla: _shown, ...all } = drill;
            replaceDrill(sla ? { ...all, sla } : all);
          }}
          data={(['open', ...AGENT_SLA] as const).map((f) => ({ value: f, label: filterLabel(f) }))}
          aria-label={t('drill.filter')}
        />
        <OrderControl
          order={drill.order}
          onChange={(order) => {
            const { order: _shown, ...rest } = drill;
            replaceDrill(order === 'age' ? { ...rest, order } : rest);
          }}
        />
      </Group>
    );
  }
  if (drill.filter === 'attainment') {
    return (
      <Group gap="xs" wrap="wrap">
        <SegmentedControl
          size="xs"
          value={drill.target}
          onChange={(v) => replaceDrill({ ...drill, target: v === 'firstResponse' ? 'firstResponse' : 'resolution' })}
          data={[
            { value: 'firstResponse', label: t('slaTarget.firstResponse') },
            { value: 'resolution', label: t('slaTarget.resolution') },
          ]}
          aria-label={t('drill.target')}
        />
        <SegmentedControl
          size="xs"
          value={drill.window}
          onChange={(v) => replaceDrill({ ...drill, window: v === 'week' ? 'week' : 'today' })}
          data={[
            { value: 'today', label: windowLabel('today') },
            { value: 'week', label: windowLabel('week') },
          ]}
          aria-label={t('drill.window')}
        />
      </Group>
    );
  }
  return (
    <Group gap="xs" wrap="wrap">
      <SegmentedControl
        size="xs"
        value={drill.filter}
        onChange={(v) => {
          const filter = FILTERS.find((f) => f === v);
          if (filter) replaceDrill({ ...drill, filter });
        }}
        data={FILTERS.map((f) => ({ value: f, label: filterLabel(f) }))}
        aria-label={t('drill.filter')}
      />
      <OrderControl order={drill.order} onChange={(order) => replaceDrill({ ...drill, order })} />
    </Group>
  );
}

/** Soonest due first, or oldest first. */
function OrderControl({ order, onChange }: { order: DrillOrder | undefined; onChange: (order: DrillOrder) => void }) {
  return (
    <SegmentedControl
      size="xs"
      value={order ?? 'urgency'}
      onChange={(v) => onChange(v === 'age' ? 'age' : 'urgency')}
      data={[
        { value: 'urgency', label: t('drill.order.urgency') },
        { value: 'age', label: t('drill.order.age') },
      ]}
      aria-label={t('drill.order')}
    />
  );
}

function DrillBody({ drill, users, loads, title }: { drill: Drill; users: User[]; loads: ReadonlyMap<string, number>; title: string }) {
  // An agent's drawer: all their open tickets handed over at once (HandOverDialog.tsx).
  const [handingOver, setHandingOver] = useState(false);
  // Only those the desk lets hand tickets over (access.ts mayAssign: an admin sees the board but may not) are offered it.
  const { user } = useSession();
  const holder = drill.filter === 'agent' && mayAssign(user) === null ? users.find((u) => u.id === drill.assigneeId) : undefined;
  // The rows' pickers follow the same rules: an admin reads the drawer, the pickers greyed with
  // the desk's reason (they were enabled, and each change was then refused).
  const refusals = { assign: mayAssign(user), priority: mayChangePriority(user) };
  // Its rows name customers: an erasure takes a name off at once (namedCustomers.ts).
  const named = useRef<ReadonlyArray<{ customerId: string }>>(undefined);
  const list = useCall('supervisor.tickets', inputOf(drill), { live: true, slaWarnings: true, slaSettings: true, customerId: (id) => namedCustomers(named.current)(id), debounceMs: 300 });
  named.current = list.data?.rows;
  const [showAll, setShowAll] = useState(false);
  const body = useElementSize();
  const stacked = drillRowsStack(body.width);
  const now = useNow(30_000);
  const result = list.data;
  // In the order first shown while the drawer is open (drill.ts keepOrder): a changed row stays put.
  const held = useRef<readonly string[]>([]);
  const [sorts, setSorts] = useState(0);
  const rows = useMemo(() => {
    const ordered = keepOrder(held.current, result?.rows ?? []);
    held.current = ordered.map((row) => row.id);
    return ordered;
    // `sorts`: Sort again, which empties `held` first.
  }, [result, sorts]);
  const unsorted = result !== undefined && outOfOrder(rows, result.rows);
  const table = useRef<HTMLTableElement>(null);
  const sortAgain = () => {
    held.current = [];
    setSorts((n) => n + 1);
  };
  // Sorted again, the keyboard goes to the top of the list (the button is gone).
  useEffect(() => {
    if (sorts > 0) table.current?.querySelector<HTMLElement>('tbody a[href]')?.focus();
  }, [sorts]);
  const shown = showAll ? rows : rows.slice(0, FIRST_ROWS);
  // The row and field that had the keyboard: when a change takes that row out of the drawer
  // (assigned from Unassigned), the same field of the row after it takes the keyboard, or,
  // the last row gone, the "No tickets" message (the count beside the filters says it too).
  const focused = useRef<{ id: string; control: number } | null>(null);
  const empty = useRef<HTMLParagraphElement>(null);
  const drawn = useRef<readonly string[]>([]);
  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    const tr = event.target.closest<HTMLElement>('tr[data-row]');
    if (tr?.dataset.row) focused.current = { id: tr.dataset.row, control: controlsOf(tr).indexOf(event.target) };
  };
  useLayoutEffect(() => {
    const before = drawn.current;
    const ids = shown.map((row) => row.id);
    drawn.current = ids;
    const was = focused.current;
    if (!was || ids.includes(was.id)) return;
    focused.current = null;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const next = focusAfterLeaving(before, was.id, ids);
    if ('empty' in next) {
      empty.current?.focus();
      return;
    }
    const tr = table.current?.querySelector<HTMLElement>(`tr[data-row="${CSS.escape(next.row)}"]`);
    if (tr) {
      const controls = controlsOf(tr);
      // Its list left shut: focus moved by the app is no reach for the list.
      const control = controls[was.control] ?? controls[0];
      if (control) focusWithoutOpening(control);
    }
  }, [shown]);
  const outcomes = drill.filter === 'attainment';
  const count = !result
    ? t('common.loading')
    : outcomes
      ? tc('drill.outcomes', result.total, { met: result.met ?? 0, missed: result.total - (result.met ?? 0) })
      : drill.filter === 'resolved'
        ? tc('drill.countNewest', result.total)
        : drill.filter === 'csat'
          ? tc('drill.countScores', result.total)
          : (drill.filter === 'open' || drill.filter === 'unassigned' || drill.filter === 'atRisk' || drill.filter === 'breached' || drill.filter === 'agent') && drill.order === 'age'
        ? tc('drill.countOldest', result.total)
        : tc('drill.count', result.total);

  return (
    <Stack gap="sm" ref={body.ref}>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <DrillControls drill={drill} />
        <Group gap="xs" wrap="wrap">
          {unsorted && (
            <Tooltip label={t('drill.sortAgainHint')} openDelay={300} multiline maw={280} events={{ hover: true, focus: true, touch: false }}>
              <Button variant="subtle" size="compact-xs" leftSection={<IconArrowsSort size={14} aria-hidden />} onClick={sortAgain} aria-description={t('drill.sortAgainHint')}>
                {t('drill.sortAgain')}
              </Button>
            </Tooltip>
          )}
          <Text size="sm" c="dimmed" role="status" data-testid="drill-count">
            {count}
          </Text>
          {holder && (
            <Button variant="light" size="compact-sm" leftSection={<IconUsersGroup size={14} aria-hidden />} onClick={() => setHandingOver(true)}>
              {t('handOver.open')}
            </Button>
          )}
        </Group>
      </Group>
      {holder && handingOver && (
        <HandOverDialog
          from={holder}
          count={loads.get(holder.id) ?? result?.total ?? 0}
          places={rows.filter((row) => isOpenState(row.state))}
          users={users}
          loads={loads}
          onClose={() => {
            setHandingOver(false);
            void list.refetch();
          }}
        />
      )}
      {list.problem && <ProblemAlert problem={list.problem} onRetry={() => void list.refetch()} />}
      {list.loading && !result && <Loader size="sm" role="progressbar" aria-label={t('common.loading')} />}
      {result && rows.length === 0 && (
        <Text ref={empty} tabIndex={-1} size="sm" c="dimmed" py="md">
          {outcomes ? t('drill.emptyOutcomes') : t('drill.empty')}
        </Text>
      )}
      {shown.length > 0 && (
        <Table.ScrollContainer minWidth={stacked ? 0 : DRILL_TABLE_WIDTH} type="native">
          <Table ref={table} onFocus={onFocus} layout="fixed" verticalSpacing={6} fz="sm" className={classes.drill} aria-label={t('drill.tableOf', { title })}>
            {stacked ? (
              <colgroup>
                <col style={{ width: 92 }} />
                <col />
              </colgroup>
            ) : (
              <colgroup>
                <col style={{ width: 100 }} />
                <col />
                {/* Persian's "29 minutes past its deadline" is wider than English's "Breached 29m ago". */}
                <col style={{ width: outcomes ? 176 : currentDirection() === 'rtl' ? 196 : 156 }} />
                <col style={{ width: 120 }} />
                <col style={{ width: 180 }} />
              </colgroup>
            )}
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.col.number')}</Table.Th>
                <Table.Th>{t('tickets.col.subject')}</Table.Th>
                {!stacked && <Table.Th>{outcomes ? t('drill.col.outcome') : drill.filter === 'csat' ? t('drill.col.score') : t('tickets.col.due')}</Table.Th>}
                {!stacked && <Table.Th>{t('tickets.col.priority')}</Table.Th>}
                {!stacked && <Table.Th>{t('tickets.col.assignee')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((row) => (
                <DrillTableRow key={row.id} row={row} users={users} loads={loads} stacked={stacked} now={now} refusals={refusals} onChanged={() => void list.refetch()} />
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
      {result && result.total > rows.length && (
        <Text size="xs" c="dimmed">
          {t('drill.limitedOf', { shown: rows.length, total: result.total })}
        </Text>
      )}
    </Stack>
  );
}

/** A row's link and fields, in order: the one in the same place takes the keyboard in the next row. */
const controlsOf = (tr: HTMLElement): HTMLElement[] => [...tr.querySelectorAll<HTMLElement>('a[href], input:not([type="hidden"])')];

/** People who may be given this ticket and work its queue: agents (tier 1) or specialists (2, 3) of its segment and tier, as the desk's rule (mayBeAssigned) accepts them. */
function assigneesFor(row: DrillRow, users: User[]): User[] {
  return users
    .filter((u) => mayBeAssigned(u, row) === null && staffsQueue(u, row))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function Outcome({ row }: { row: DrillRow }) {
  if (row.score) return <ScoreOf score={row.score} />;
  const o = row.outcome;
  if (!o) return <SlaBadge sla={row.sla} dueAt={row.dueAt} />;
  const zone = row.sla ?? { timeZone: 'UTC', displayCalendar: 'gregory' as const };
  const detail = t('drill.outcome.detail', { done: dueText(o.doneAt, zone), due: o.dueAt === null ? t('tickets.noDue') : dueText(o.dueAt, zone) });
  return (
    <Tooltip label={detail} openDelay={300} multiline maw={320}>
      <Stack gap={2} align="flex-start" data-outcome={o.met ? 'met' : 'missed'}>
        <Badge size="xs" tt="none" color={o.met ? 'teal' : 'red.8'} variant={o.met ? 'light' : 'filled'} style={{ minInlineSize: 'max-content' }}>
          {o.met ? t('drill.outcome.met') : t('drill.outcome.missed')}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('drill.outcome.at', { when: formatDateTime(o.doneAt) })}
        </Text>
        <VisuallyHidden>{` · ${detail}`}</VisuallyHidden>
      </Stack>
    </Tooltip>
  );
}

/** A satisfaction drill's row: the customer's score and when it was given. */
function ScoreOf({ score }: { score: NonNullable<DrillRow['score']> }) {
  return (
    <Stack gap={2} align="flex-start" data-score={score.score}>
      <Badge size="xs" tt="none" color={score.score <= 2 ? 'red' : score.score >= 4 ? 'teal' : 'gray'} variant="light" style={{ minInlineSize: 'max-content' }}>
        {t('csat.outOfFive', { score: score.score })}
      </Badge>
      <Text size="xs" c="dimmed">
        {t('drill.outcome.at', { when: formatDateTime(score.at) })}
      </Text>
    </Stack>
  );
}

function DrillTableRow({ row, users, loads, stacked, now, refusals, onChanged }: { row: DrillRow; users: User[]; loads: ReadonlyMap<string, number>; stacked: boolean; now: number; refusals: { assign: Refusal; priority: Refusal }; onChanged: () => void }) {
  const [busy, setBusy] = useState<'assign' | 'priority' | null>(null);
  const people = assigneesFor(row, users);
  const current = row.assigneeId && !people.some((p) => p.id === row.assigneeId) ? [{ value: row.assigneeId, label: row.assigneeName ? personName(row.assigneeName) : row.assigneeId }] : [];
  // A resolved or closed ticket (behind an attainment figure) is shown, not changed.
  const editable = isOpenState(row.state);
  // Why a picker is greyed: a closed row, or a person the desk would refuse (access.ts).
  const whyNot = (refusal: Refusal): string | undefined => (!editable ? t('drill.closedRow', { number: row.number }) : refusal !== null ? sayMessage(refusal) : undefined);
  const priorityRefusal = whyNot(refusals.priority);
  const assignRefusal = whyNot(refusals.assign);

  const act = async (kind: 'assign' | 'priority', command: { type: 'ASSIGN'; assigneeId: string } | { type: 'CHANGE_PRIORITY'; priority: Priority }, done: string) => {
    setBusy(kind);
    try {
      const next = await call('tickets.act', { ticketId: row.id, command, expectedSeq: row.seq });
      notifications.show({ color: 'teal', message: done });
      const notice = kind === 'priority' ? priorityNotice(row, next.ticket) : null;
      if (notice) notifications.show({ color: 'orange', message: notice, autoClose: 12_000 });
    } catch (error) {
      const problem = problemOf(error);
      notifications.show({ color: 'red', title: problem.code === 'conflict' ? t('act.conflictTitle') : t('act.failedTitle'), message: problem.message });
    } finally {
      setBusy(null);
      onChanged();
    }
  };

  // A combobox, not a native select: with a native one, an arrow key on the closed select
  // changed the ticket at once (and the disabled select dropped focus out of the drawer).
  // Here arrows move through the list and only Enter or a click changes the ticket. It is
  // mounted when reached for: 160 Selects at once took seconds to draw. A stacked row (a
  // narrow drawer) puts both pickers, with the SLA, under the subject.
  const prioritySelect = (
    <LazySelect
      size="xs"
      value={row.priority}
      disabled={priorityRefusal !== undefined}
      allowDeselect={false}
      withCheckIcon={false}
      title={priorityRefusal}
      aria-label={t('drill.priorityOf', { number: row.number })}
      aria-busy={busy === 'priority'}
      data={PRIORITIES.map((p) => ({ value: p, label: priorityLabel(p) }))}
      onChange={(value) => {
        const priority = PRIORITIES.find((p) => p === value);
        if (busy === null && priority && priority !== row.priority) {
          void act('priority', { type: 'CHANGE_PRIORITY', priority }, t('drill.priorityChanged', { number: row.number, priority: priorityLabel(priority) }));
        }
      }}
      rightSection={busy === 'priority' ? <Loader size={10} /> : undefined}
    />
  );
  const assigneeSelect = (
    <LazySelect
      size="xs"
      value={row.assigneeId}
      placeholder={t('tickets.unassigned')}
      disabled={assignRefusal !== undefined}
      allowDeselect={false}
      withCheckIcon={false}
      searchable
      nothingFoundMessage={t('drill.nobodyToAssign')}
      title={assignRefusal}
      aria-label={t('drill.assigneeOf', { number: row.number })}
      aria-busy={busy === 'assign'}
      data={[...current, ...people.map((p) => ({ value: p.id, label: p.name }))]}
      // The list says each person's load; the field, once chosen, their name alone.
      renderOption={({ option }) => assigneeChoice(option.label, loads.get(option.value))}
      onChange={(assigneeId) => {
        const person = users.find((u) => u.id === assigneeId);
        if (busy === null && assigneeId && assigneeId !== row.assigneeId) {
          void act('assign', { type: 'ASSIGN', assigneeId }, t('drill.assigned', { number: row.number, name: person?.name ?? assigneeId }));
        }
      }}
      rightSection={busy === 'assign' ? <Loader size={10} /> : undefined}
    />
  );
  const subject = (
    <>
      <Text size="sm" truncate dir="auto" className="own-direction" title={row.subject}>
        {row.subject}
      </Text>
      <Text size="xs" c="dimmed" component="div" mt={2}>
        <DrillMeta row={row} now={now} open={editable} after={<StateBadge state={row.state} size="xs" />} />
      </Text>
    </>
  );

  return (
    <Table.Tr data-row={row.id} data-sla={row.outcome ? (row.outcome.met ? 'met' : 'breached') : (row.sla?.status ?? 'none')}>
      <Table.Td>
        <Anchor href={ticketHref(row.id)} ff="monospace" fw={600} size="sm">
          {row.number}
        </Anchor>
      </Table.Td>
      {stacked ? (
        <Table.Td className={classes.subjectCell}>
          {subject}
          <Group gap={6} mt={6} wrap="wrap" align="center">
            <Outcome row={row} />
            <Box w={120}>{prioritySelect}</Box>
            <Box w={180}>{assigneeSelect}</Box>
          </Group>
        </Table.Td>
      ) : (
        <>
          <Table.Td className={classes.subjectCell}>{subject}</Table.Td>
          <Table.Td>
            <Outcome row={row} />
          </Table.Td>
          <Table.Td>{prioritySelect}</Table.Td>
          <Table.Td>{assigneeSelect}</Table.Td>
        </>
      )}
    </Table.Tr>
  );
}
