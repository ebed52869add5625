import { mirroredAxes, STILL, useLocaleDeferred } from '../charts';
import { useLocalStorage } from '@mantine/hooks';
import { ActionIcon, Alert, Anchor, Box, Button, Grid, Group, Paper, Progress, SegmentedControl, SimpleGrid, Skeleton, Table, Text, UnstyledButton } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconArrowUpRight, IconCircleCheck, IconHourglass, IconInbox, IconReportAnalytics, IconUserQuestion } from '@tabler/icons-react';
import { useEffect, useMemo, type ReactNode } from 'react';
import type { AgentSla, DrillFilter, Overview, QueueSummary } from '../../shared/api';
import { SEGMENTS, TIERS, type Segment, type Tier } from '../../shared/domain';
import { useCall, useNow } from '../backend';
import { currentDirection, formatDuration, formatNumber, formatPercent, formatTime, formatUtcDay, t, tc, zoneName } from '../i18n';
import { roleLabel, segmentLabel, tierLabel, personName } from '../labels';
import { BOARD_SECTIONS, jumpToSection } from './boardSections';
import { FailedPage, FitTable, PageHeader, RefusedPage, Section } from '../page';
import { hrefOf, navigate, queueHref, type Drill, type QueueDrill, type ResolvedDrill } from '../route';
import { useSession } from '../session';
import { DrillDrawer } from './DrillDrawer';
import { KnowledgeBoard } from './KnowledgeBoard';
import { inViewFirst } from '../inViewFirst';
import { agentLabel, attainmentLabel, chartTargetOf, drillKey, drillLabel, loadsOf, oldestLabel } from './drill';
import { pendingAgentRows, rememberAgentRows } from './agentRows';
import { useBoardCharts } from './lazyCharts';
import { useOpenQueueHint, type OpenQueueHint } from './openQueueHint';
import classes from './OverviewPage.module.css';
import { seesBoard } from '../../shared/access';

// The supervisor's board: per segment × tier the open, unassigned, at-risk and breached
// tickets and the oldest; SLA attainment today and over 7 days; who carries how much. It
// is live (refetched, debounced, on every ticket change and SLA warning), and every number
// (each count, a queue's oldest, each attainment figure, each agent's load) is a button that
// opens the tickets behind it in a drawer, where they can be reassigned or re-prioritised.
//
// Its heading and sections are drawn at once, each with placeholders of its size (and
// aria-busy) until its figures arrive, so nothing moves when they do; the charts (recharts,
// in a chunk of their own: lazyCharts.ts) follow without holding back the tables and totals.

/** Attainment below these shares is shown orange, then red. */
const ATTAINMENT_WARN = 0.9;
const ATTAINMENT_BAD = 0.75;
const DAY_MS = 86_400_000;

export function OverviewPage({ drill }: { drill: Drill | null }) {
  const { user } = useSession();
  const allowed = seesBoard(user);
  const overview = useCall('supervisor.overview', allowed ? {} : null, { live: true, slaWarnings: true, slaSettings: true, debounceMs: 300 });
  const agents = overview.data?.agents;
  const loads = useMemo(() => loadsOf(agents), [agents]);
  if (!allowed) return <RefusedPage page={t('overview.title')} title={t('overview.forbiddenTitle')} message={t('overview.forbidden')} />;
  if (overview.problem && !overview.data) return <FailedPage page={t('overview.title')} problem={overview.problem} onRetry={() => void overview.refetch()} />;
  return (
    <>
      <Board data={overview.data} />
      <DrillDrawer drill={drill} loads={loads} />
    </>
  );
}

/** A row of the queue grid or the attainment table, headed by its segment's name. */
function SegmentHeader({ segment }: { segment: Segment }) {
  return (
    <Table.Th scope="row">
      <Text size="sm" fw={600}>
        {segmentLabel(segment)}
      </Text>
    </Table.Th>
  );
}

/** Opens a drill-down; its history entry says it came from the board, so closing can go back (drill.ts closeDrillBy). */
export function openDrill(drill: Drill): void {
  navigate(hrefOf({ name: 'overview', drill }));
}

/** The board; before its figures arrive (`data` undefined), its heading and sections with placeholders. */
export function Board({ data }: { data: Overview | undefined }) {
  // The desk's clock, not this computer's: ages are measured from the desk's "now" (which a
  // test clock may have moved), advanced by the time since the board arrived.
  const receivedAt = useMemo(() => Date.now(), [data]);
  const wallNow = useNow(30_000);
  const deskNow = data ? data.now + Math.max(0, wallNow - receivedAt) : 0;
  const cell = (segment: Segment, tier: Tier) => data?.queues.find((q) => q.segment === segment && q.tier === tier);
  const openQueueHint = useOpenQueueHint();

  return (
    <>
      <PageHeader
        title={t('overview.title')}
        description={t('overview.lead')}
        actions={
          <Group gap="sm" wrap="wrap">
            <Text size="xs" c="dimmed">
              {data ? (
                <>
                  <span className={classes.liveDot} aria-hidden /> {t('board.updated', { time: formatTime(data.now) })}
                </>
              ) : (
                t('common.loading')
              )}
            </Text>
            {/* The end-of-shift report: printable, with its CSV (DayReportPage.tsx). */}
            <Button component="a" href={hrefOf({ name: 'dayReport' })} size="compact-sm" variant="light" leftSection={<IconReportAnalytics size={14} aria-hidden />} data-testid="open-day-report">
              {t('report.open')}
            </Button>
          </Group>
        }
      />
      {data && data.slaCatchingUp > 0 && (
        // A desk opened after a night sends what fell due meanwhile a little at a time: the
        // numbers move for a while, and the board says why (slaScheduler.ts).
        <Alert color="blue" variant="light" mb="md" icon={<IconHourglass size={18} />} title={t('overview.catchingUpTitle')} data-testid="board-catching-up">
          {tc('overview.catchingUp', data.slaCatchingUp)}
        </Alert>
      )}
      <BoardJumps />
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" mb="md" aria-busy={!data || undefined}>
        <Kpi icon={<IconInbox size={18} />} label={t('overview.total.open')} value={data?.totals.open} drill={{ filter: 'open', segment: null, tier: null }} />
        <Kpi icon={<IconUserQuestion size={18} />} label={t('overview.total.unassigned')} value={data?.totals.unassigned} drill={{ filter: 'unassigned', segment: null, tier: null }} />
        <Kpi icon={<IconAlarm size={18} />} label={t('board.total.atRisk')} value={data?.totals.atRisk} tone={data && data.totals.atRisk > 0 ? 'risk' : 'calm'} drill={{ filter: 'atRisk', segment: null, tier: null }} describedBy="board-legend-atRisk" />
        <Kpi icon={<IconAlertTriangle size={18} />} label={t('board.total.breached')} value={data?.totals.breached} tone={data && data.totals.breached > 0 ? 'breach' : 'calm'} drill={{ filter: 'breached', segment: null, tier: null }} describedBy="board-legend-breached" />
        <Kpi icon={<IconCircleCheck size={18} />} label={t('overview.total.resolvedToday')} value={data?.totals.resolvedToday} drill={{ filter: 'resolved' }} describedBy="board-legend-today" />
      </SimpleGrid>
      {/* What the figures above count: when a ticket is at risk, what breached is, where the
          board's "today" starts (midnight in the centre's time zone, named, and the reader's
          clock then). The supervisor guessed; each tile's figure is read with its line. */}
      <Text size="xs" c="dimmed" mt={-6} mb="md" id="board-legend">
        <span id="board-legend-atRisk">{t('board.legend.atRisk')}</span> <span id="board-legend-breached">{t('board.legend.breached')}</span>{' '}
        <span id="board-legend-today">{t('board.legend.today', { zone: data ? zoneName(data.day.timeZone) : '…', time: data ? formatTime(data.day.start) : '…' })}</span>
      </Text>

      <Section title={t('overview.grid')} padding={0} id="queue-grid" busy={!data}>
        {/* Below 720 px of box (a 420 px window) a segment is one block: its name, then each
            tier's queue under it, named, instead of tiers off the box's side (CSS container
            query). */}
        <FitTable>
          <Table className={classes.grid} withColumnBorders verticalSpacing={0} {...openQueueHint.around}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={136}>
                  {t('overview.segment')}
                </Table.Th>
                {TIERS.map((tier) => (
                  <Table.Th key={tier} scope="col">
                    {tierLabel(tier)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {SEGMENTS.map((segment) => (
                <Table.Tr key={segment}>
                  <SegmentHeader segment={segment} />
                  {TIERS.map((tier) => (
                    <Table.Td key={tier} p={6}>
                      <span className={classes.tierName} aria-hidden>
                        {tierLabel(tier)}
                      </span>
                      {data ? <QueueCell segment={segment} tier={tier} queue={cell(segment, tier)} now={deskNow} hint={openQueueHint.button} /> : <PendingCell />}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </FitTable>
        {openQueueHint.hint}
      </Section>

      <Grid gap="md" mt="md">
        <Grid.Col span={{ base: 12, xl: 7 }}>
          <Attainment data={data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 5 }}>
          <AgentsLoad data={data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <BacklogChart data={data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <AttainmentChart data={data} />
        </Grid.Col>
      </Grid>
      <KnowledgeBoardInViewFirst after={data !== undefined} />
    </>
  );
}

/** Links to each section's heading, under the board's: past the queues' ninety-odd Tab stops in one (boardSections.ts). */
function BoardJumps() {
  return (
    <Box component="nav" aria-labelledby="board-jumps" mb="sm" className={classes.jumpsNav}>
      <Text span size="xs" c="dimmed" id="board-jumps" me={6}>
        {t('overview.jumpTo')}
      </Text>
      <ul className={classes.jumps}>
        {BOARD_SECTIONS.map((section) => (
          <li key={section.id}>
            <Anchor component="button" type="button" size="xs" onClick={() => jumpToSection((id) => document.getElementById(id), section.id)}>
              {t(section.titleKey)}
            </Anchor>
          </li>
        ))}
      </ul>
    </Box>
  );
}

/** The knowledge board (CSAT, follow-ups, product trends) sits at the bottom of the board. */
const KnowledgeBoardInViewFirst = inViewFirst(KnowledgeBoard, 'KnowledgeBoard');

type Tone = 'calm' | 'zero' | 'risk' | 'breach';

/** A total; before it arrives (`value` undefined) a placeholder of its size, not a button. */
function Kpi({ icon, label, value, tone = 'calm', drill, describedBy }: { icon: ReactNode; label: string; value: number | undefined; tone?: Tone; drill?: QueueDrill | ResolvedDrill; describedBy?: string }) {
  const body = (
    <>
      <Group justify="space-between" wrap="nowrap">
        <Text size="xs" fw={600} tt="uppercase" lts={0.4} className={classes.kpiLabel}>
          {label}
        </Text>
        <Box aria-hidden display="flex" className={classes.kpiIcon}>
          {icon}
        </Box>
      </Group>
      <Text fz={26} fw={700} lh={1.2} mt={4}>
        {value === undefined ? <Pending width="3ch" /> : formatNumber(value)}
      </Text>
    </>
  );
  if (!drill || value === undefined) {
    return (
      <Paper withBorder radius="md" p="md" className={classes.kpi} data-tone={tone} aria-describedby={describedBy}>
        {body}
      </Paper>
    );
  }
  return (
    <Paper withBorder radius="md" className={classes.kpi} data-tone={tone}>
      <UnstyledButton className={classes.kpiButton} onClick={() => openDrill(drill)} aria-label={drill.filter === 'resolved' ? t('drill.resolvedLabel', { count: value }) : drillLabel(drill, value)} aria-describedby={describedBy} data-drill={drillKey(drill)}>
        {body}
      </UnstyledButton>
    </Paper>
  );
}

// The grid's cells are plain elements (buttons, spans) styled by this page's CSS module
// rather than Mantine components: fifteen cells of six controls each are redrawn on every
// refresh and language switch, and a Mantine component costs several times a plain one.
function QueueCell({ segment, tier, queue, now, hint }: { segment: Segment; tier: Tier; queue: QueueSummary | undefined; now: number; hint: OpenQueueHint['button'] }) {
  const q = { open: queue?.open ?? 0, unassigned: queue?.unassigned ?? 0, atRisk: queue?.atRisk ?? 0, breached: queue?.breached ?? 0 };
  const age = queue?.oldestAt != null ? Math.max(0, now - queue.oldestAt) : null;
  const name = t('queues.name', { segment: segmentLabel(segment), tier: tierLabel(tier) });
  const stat = (filter: DrillFilter, value: number, label: string, hot: Tone) => (
    <button
      type="button"
      className={`mantine-focus-auto ${classes.plain} ${classes.stat}`}
      data-tone={value === 0 ? 'zero' : hot}
      onClick={() => openDrill({ filter, segment, tier })}
      aria-label={drillLabel({ filter, segment, tier }, value)}
      data-drill={drillKey({ filter, segment, tier })}
    >
      <span className={classes.statLabel}>{label}</span>
      <span className={classes.statValue}>{formatNumber(value)}</span>
    </button>
  );
  const rtl = currentDirection() === 'rtl';
  return (
    <div className={classes.cell} data-state={q.breached > 0 ? 'breach' : q.atRisk > 0 ? 'risk' : 'calm'}>
      <div className={classes.stats}>
        {stat('open', q.open, t('board.stat.open'), 'calm')}
        {stat('unassigned', q.unassigned, t('board.stat.unassigned'), 'calm')}
        {stat('atRisk', q.atRisk, t('board.stat.atRisk'), 'risk')}
        {stat('breached', q.breached, t('board.stat.breached'), 'breach')}
      </div>
      <div className={classes.cellFoot}>
        <button
          type="button"
          className={`mantine-focus-auto ${classes.plain} ${classes.oldest}`}
          onClick={() => openDrill({ filter: 'open', segment, tier, order: 'age' })}
          aria-label={oldestLabel({ filter: 'open', segment, tier }, age)}
          data-drill={drillKey({ filter: 'open', segment, tier, order: 'age' })}
        >
          <span className={classes.oldestText}>{age === null ? t('overview.noneWaiting') : t('overview.oldest', { age: formatDuration(age) })}</span>
        </button>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          onClick={() => navigate(queueHref(segment, tier))}
          aria-label={t('overview.cellLabel', { queue: name, open: q.open, unassigned: q.unassigned, oldest: age === null ? t('overview.none') : formatDuration(age) })}
          {...hint}
        >
          <IconArrowUpRight size={14} style={rtl ? { transform: 'scaleX(-1)' } : undefined} aria-hidden />
        </ActionIcon>
      </div>
    </div>
  );
}

/** A figure not yet arrived: a blank of the figure's line height (figure spaces), shaded. */
function Pending({ width = '2ch' }: { width?: string }) {
  return (
    <span className={classes.pending} style={{ inlineSize: width }} aria-hidden>
      {'\u2007'}
    </span>
  );
}

/** A queue's cell before the board arrives: its four labels, blanks for their numbers and its "oldest". */
function PendingCell() {
  return (
    <div className={classes.cell}>
      <div className={classes.stats}>
        {(['open', 'unassigned', 'atRisk', 'breached'] as const).map((stat) => (
          <span key={stat} className={classes.stat}>
            <span className={classes.statLabel}>{t(`board.stat.${stat}`)}</span>
            <span className={classes.statValue}>
              <Pending />
            </span>
          </span>
        ))}
      </div>
      <div className={classes.cellFoot}>
        <span className={classes.oldestText} style={{ paddingBlock: 2, paddingInline: 6, minBlockSize: 22 }}>
          <Pending width="8em" />
        </span>
      </div>
    </div>
  );
}

// ---- attainment ------------------------------------------------------------------------------

/** The table's four figures a segment, in the order of its columns. */
const FIGURES = [
  ['firstResponse', 'today'],
  ['firstResponse', 'week'],
  ['resolution', 'today'],
  ['resolution', 'week'],
] as const;

const Attainment = inViewFirst(function Attainment({ data }: { data: Overview | undefined }) {
  const find = (segment: Segment, target: 'firstResponse' | 'resolution') => data?.attainment.find((a) => a.segment === segment && a.target === target);
  return (
    <Section title={t('board.attainment')} padding={0} id="attainment" busy={!data}>
      {/* Below 520 px of box a segment is one block: its name, then its four figures under
          it, each named by its target and window. */}
      <FitTable>
        <Table className={classes.attainment} verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th rowSpan={2} scope="col">
                {t('overview.segment')}
              </Table.Th>
              <Table.Th colSpan={2} scope="colgroup" className={classes.group}>
                {t('slaTarget.firstResponse')}
              </Table.Th>
              <Table.Th colSpan={2} scope="colgroup" className={classes.group}>
                {t('slaTarget.resolution')}
              </Table.Th>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="col">{t('board.today')}</Table.Th>
              <Table.Th scope="col">{t('board.week')}</Table.Th>
              <Table.Th scope="col">{t('board.today')}</Table.Th>
              <Table.Th scope="col">{t('board.week')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {SEGMENTS.map((segment) => (
              <Table.Tr key={segment}>
                <SegmentHeader segment={segment} />
                {FIGURES.map(([target, window]) => (
                  <Table.Td key={`${target}/${window}`}>
                    <span className={classes.figureName} aria-hidden>
                      {t(`slaTarget.${target}`)} · {t(window === 'today' ? 'board.today' : 'board.week')}
                    </span>
                    {data ? (
                      <Share tally={find(segment, target)?.[window]} drill={{ filter: 'attainment', segment, target, window }} />
                    ) : (
                      <p className={classes.noShare} style={{ paddingBlock: 2 }}>
                        <span className={classes.sharePercent}>
                          <Pending width="3ch" />
                        </span>
                      </p>
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </FitTable>
    </Section>
  );
}, 'Attainment');

/**
 * One attainment figure; a button to the targets behind it when there are any. Plain elements
 * styled by this page's CSS module, as the grid's cells: twenty of them redraw with the table.
 */
function Share({ tally, drill }: { tally: { met: number; total: number } | undefined; drill: Extract<Drill, { filter: 'attainment' }> }) {
  if (!tally || tally.total === 0) {
    return (
      <p className={classes.noShare}>
        <span aria-hidden>—</span>
        <span className={classes.visuallyHidden}>{attainmentLabel(drill, { met: 0, total: 0 })}</span>
      </p>
    );
  }
  const share = tally.met / tally.total;
  const tone = share < ATTAINMENT_BAD ? 'bad' : share < ATTAINMENT_WARN ? 'warn' : undefined;
  return (
    <button type="button" className={`mantine-focus-auto ${classes.plain} ${classes.figure}`} onClick={() => openDrill(drill)} aria-label={attainmentLabel(drill, tally)} data-drill={drillKey(drill)}>
      <span className={classes.share}>
        <span className={classes.sharePercent} data-tone={tone}>
          {formatPercent(share)}
        </span>
        <span className={classes.shareOf}>{t('board.metOf', { met: tally.met, total: tally.total })}</span>
      </span>
    </button>
  );
}

// ---- agents ------------------------------------------------------------------------------------

const AgentsLoad = inViewFirst(function AgentsLoad({ data }: { data: Overview | undefined }) {
  const maxLoad = Math.max(1, ...(data?.agents ?? []).map((a) => a.open));
  const drawn = data?.agents.length;
  useEffect(() => {
    if (drawn !== undefined) rememberAgentRows(drawn);
  }, [drawn]);
  return (
    <Section title={t('overview.agents')} padding={0} id="agents" busy={!data}>
      {!data ? (
        <AgentsPending rows={pendingAgentRows()} />
      ) : data.agents.length === 0 ? (
        <Text size="sm" c="dimmed" p="md">
          {t('overview.noAgents')}
        </Text>
      ) : (
        <Table verticalSpacing={6} fz="sm" className={classes.agents}>
          <AgentsHead />
          <Table.Tbody>
            {[...data.agents]
              .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name))
              .map((a) => (
                <Table.Tr key={a.userId}>
                  <Table.Td className={classes.agentPerson}>
                    <Text size="sm" fw={600}>
                      <bdi>{personName(a.name)}</bdi>
                    </Text>
                    <Text size="xs" c="dimmed">
                      {roleLabel(a.role)} · {tierLabel(a.tier)}
                    </Text>
                  </Table.Td>
                  <Table.Td w="45%">
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={(a.open / maxLoad) * 100} style={{ flex: 1 }} size="md" color={a.open >= maxLoad && a.open > 5 ? 'orange' : undefined} aria-label={t('overview.loadOf', { name: a.name })} />
                      <UnstyledButton className={classes.figure} miw={36} ta="end" onClick={() => openDrill({ filter: 'agent', assigneeId: a.userId })} aria-label={agentLabel(personName(a.name), a.open)} data-drill={drillKey({ filter: 'agent', assigneeId: a.userId })}>
                        <Text size="sm" fw={600} component="span">
                          {formatNumber(a.open)}
                        </Text>
                      </UnstyledButton>
                    </Group>
                  </Table.Td>
                  <Table.Td className={classes.agentSla}>
                    <AgentSlaFigure userId={a.userId} name={personName(a.name)} sla="atRisk" value={a.atRisk} />
                  </Table.Td>
                  <Table.Td className={classes.agentSla}>
                    <AgentSlaFigure userId={a.userId} name={personName(a.name)} sla="breached" value={a.breached} />
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}, 'AgentsLoad');

function AgentsHead() {
  return (
    <Table.Thead>
      <Table.Tr>
        <Table.Th>{t('overview.agent')}</Table.Th>
        <Table.Th>{t('overview.load')}</Table.Th>
        <Table.Th className={classes.agentSlaHead}>{t('board.stat.atRisk')}</Table.Th>
        <Table.Th className={classes.agentSlaHead}>{t('board.stat.breached')}</Table.Th>
      </Table.Tr>
    </Table.Thead>
  );
}

/**
 * The agents' table before the board arrives: its heading row and as many rows as it had when
 * last drawn (agentRows.ts), each as tall as a person's (their name over their role), so the
 * sections below do not move when the people arrive. A desk never drawn here gets six.
 */
function AgentsPending({ rows }: { rows: number }) {
  return (
    <Table verticalSpacing={6} fz="sm" className={classes.agents} data-pending-rows={rows}>
      <AgentsHead />
      <Table.Tbody>
        {Array.from({ length: Math.max(1, rows) }, (_, i) => (
          <Table.Tr key={i}>
            <Table.Td className={classes.agentPerson}>
              <Skeleton visible radius="sm" w="60%">
                <Text size="sm" fw={600}>
                  {'\u00a0'}
                </Text>
                <Text size="xs">{'\u00a0'}</Text>
              </Skeleton>
            </Table.Td>
            <Table.Td w="45%">
              <Skeleton h={8} radius="xl" />
            </Table.Td>
            <Table.Td />
            <Table.Td />
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A person's at-risk or breached tickets: coloured as the queues' figures are, opening the drawer of those tickets. */
function AgentSlaFigure({ userId, name, sla, value }: { userId: string; name: string; sla: AgentSla; value: number }) {
  const drill = { filter: 'agent', assigneeId: userId, sla } as const;
  return (
    <button
      type="button"
      className={`mantine-focus-auto ${classes.plain} ${classes.stat} ${classes.agentSlaFigure}`}
      data-tone={value === 0 ? 'zero' : sla === 'atRisk' ? 'risk' : 'breach'}
      onClick={() => openDrill(drill)}
      aria-label={agentLabel(name, value, sla)}
      data-drill={drillKey(drill)}
    >
      <span className={classes.statValue}>{formatNumber(value)}</span>
    </button>
  );
}

// ---- charts ------------------------------------------------------------------------------------

/** A chart's height, with its legend; its placeholder's too. */
const CHART_H = 260;

/** A chart's box before its figures or the charts' script have arrived. */
function PendingChart() {
  return <Skeleton h={CHART_H} radius="sm" />;
}

const BacklogChart = inViewFirst(function BacklogChart({ data }: { data: Overview | undefined }) {
  const charts = useBoardCharts();
  const chart = SEGMENTS.map((s) => {
    const open = (tier: Tier) => data?.queues.find((q) => q.segment === s && q.tier === tier)?.open ?? 0;
    return { segment: segmentLabel(s), tier1: open(1), tier2: open(2), tier3: open(3) };
  });
  const summary = chart.map((c) => t('board.backlogSummary', { segment: c.segment, t1: c.tier1, t2: c.tier2, t3: c.tier3 })).join('; ');
  const drawn = useLocaleDeferred(
    () =>
      charts &&
      data && (
      <charts.BarChart
        h={CHART_H}
        data={SEGMENTS.map((s) => {
          const open = (tier: Tier) => data.queues.find((q) => q.segment === s && q.tier === tier)?.open ?? 0;
          return { segment: segmentLabel(s), tier1: open(1), tier2: open(2), tier3: open(3) };
        })}
        dataKey="segment"
        type="stacked"
        orientation="vertical"
        {...mirroredAxes({}, { width: 116 })}
        gridAxis="y"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        series={[
          { name: 'tier1', label: tierLabel(1), color: 'indigo.5' },
          { name: 'tier2', label: tierLabel(2), color: 'cyan.6' },
          { name: 'tier3', label: tierLabel(3), color: 'grape.5' },
        ]}
        valueFormatter={formatNumber}
        barProps={STILL}
      />
    ),
    [data, charts],
  );
  return (
    <Section title={t('overview.chart')} id="open-chart" busy={!drawn}>
      {drawn ? (
        <Box role="img" aria-label={`${t('overview.chartLabel')}: ${summary}`}>
          {drawn}
        </Box>
      ) : (
        <PendingChart />
      )}
    </Section>
  );
}, 'BacklogChart');

const SEGMENT_CHART_COLOR: Record<Segment, string> = {
  education: 'teal.6',
  government: 'cyan.6',
  small_business: 'lime.7',
  large_enterprise: 'violet.6',
  home: 'pink.6',
};

const AttainmentChart = inViewFirst(function AttainmentChart({ data }: { data: Overview | undefined }) {
  const charts = useBoardCharts();
  // Kept in local storage, as the queues' order is: the board is left for a ticket and come back to many times
  // a shift, and the chart came back on resolution each time.
  const [target, setTarget] = useLocalStorage<'firstResponse' | 'resolution'>({ key: 'tagdesk.board.chartTarget', defaultValue: 'resolution', getInitialValueInEffect: false, deserialize: chartTargetOf });
  // The centre's days (overview's `day`), the last being today: "Today" is its last point.
  const today = data?.day.day ?? Math.floor((data?.now ?? 0) / DAY_MS);
  const days = Array.from({ length: 7 }, (_, i) => today - 6 + i);
  const weekOf = (segment: Segment) => data?.attainment.find((a) => a.segment === segment && a.target === target)?.week;
  const summary = SEGMENTS.map((s) => {
    const w = weekOf(s);
    return `${segmentLabel(s)} ${w && w.total > 0 ? formatPercent(w.met / w.total) : t('board.noTargets')}`;
  }).join('; ');
  const drawn = useLocaleDeferred(
    () =>
      charts &&
      data && (
      <charts.LineChart
        h={CHART_H}
        data={days.map((day) => {
          const point: Record<string, string | number | null> = { day: formatUtcDay(day) };
          for (const segment of SEGMENTS) {
            const row = data.daily.find((d) => d.day === day && d.segment === segment && d.target === target);
            point[segment] = row && row.total > 0 ? Math.round((row.met / row.total) * 1000) / 10 : null;
          }
          return point;
        })}
        dataKey="day"
        series={SEGMENTS.map((s) => ({ name: s, label: segmentLabel(s), color: SEGMENT_CHART_COLOR[s] }))}
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        {...mirroredAxes({}, { domain: [0, 100], width: 44 })}
        valueFormatter={(v) => formatPercent(v / 100)}
        connectNulls={false}
        curveType="linear"
        lineProps={STILL}
      />
    ),
    [data, target, charts],
  );
  return (
    <Section
      title={t('board.attainmentChart')}
      id="attainment-chart"
      busy={!drawn}
      actions={
        <SegmentedControl
          size="xs"
          value={target}
          onChange={(v) => setTarget(v === 'firstResponse' ? 'firstResponse' : 'resolution')}
          data={[
            { value: 'firstResponse', label: t('slaTarget.firstResponse') },
            { value: 'resolution', label: t('slaTarget.resolution') },
          ]}
          aria-label={t('board.chartTarget')}
        />
      }
    >
      {drawn ? (
        <Box role="img" aria-label={t('board.attainmentChartLabel', { target: t(`slaTarget.${target}`), summary })}>
          {drawn}
        </Box>
      ) : (
        <PendingChart />
      )}
    </Section>
  );
}, 'AttainmentChart');
