import { Alert, Badge, Box, Button, Grid, Group, Skeleton, Stack, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDownload, IconHourglass } from '@tabler/icons-react';
import { useLayoutEffect, useRef, useState } from 'react';
import { SEGMENTS, TIERS, type Segment } from '../../shared/domain';
import type { CsatBoard, Trends } from '../../shared/kb/schemas';
import { call, problemOf, useCall } from '../backend';
import { formatDateTime, formatDecimal, formatNumber, formatUtcDay, isolated, t } from '../i18n';
import { categoryLabel, csatMean } from '../kb/labels';
import { mirroredAxes, scoreAxis, STILL, useLocaleDeferred } from '../charts';
import { segmentLabel, tierLabel } from '../labels';
import { Muted, ProblemAlert, Section } from '../page';
import { useBoardCharts } from './lazyCharts';
import { drillKey, focusAfterLeaving, scopeName } from './drill';
import { hrefOf, navigate, ticketHref } from '../route';
import { followUpLine } from './followUpLine';
import { trendsSheet, type TrendsSheetWords } from './trendsSheet';
import { anyCustomer, movesKnowledgeBoard } from './knowledgeLive';
import { namedCustomers } from './namedCustomers';
import { LazyHint } from '../LazyHint';
import trendsClasses from './Trends.module.css';

// The board's satisfaction and product-trend panels (issue 11): CSAT per segment and tier
// with its weekly trend and the low scores awaiting a supervisor's follow-up; tickets per
// product line per week, the categories rising beyond their usual band, feature requests
// per product line; both exportable as CSV.

const WEEKS = 12;
const DAY_MS = 86_400_000;
const SEGMENT_COLOR: Record<Segment, string> = { education: 'teal.6', government: 'cyan.6', small_business: 'lime.7', large_enterprise: 'violet.6', home: 'pink.6' };

/** A section before its figures arrive: its heading, and a placeholder about its size. */
function PendingSection({ title, id, h }: { title: string; id: string; h: number }) {
  return (
    <Section title={title} id={id} busy>
      <Skeleton h={h} radius="sm" />
    </Section>
  );
}

/**
 * `after`: the board's own figures are in. Its panels are asked for only then: asked for
 * together, the desk answered the board's figures after them, 0.4 s later and more.
 */
export function KnowledgeBoard({ after }: { after: boolean }) {
  // Read again when a ticket is opened or a score recorded, not on every note (knowledgeLive.ts);
  // the follow-ups also when a customer they name is edited or erased (namedCustomers.ts), and
  // the trends when any customer is (a feature request's example may be their comment).
  const shown = useRef<CsatBoard>(undefined);
  const csat = useCall('csat.board', after ? {} : null, { live: movesKnowledgeBoard, csatScores: true, customerId: (id) => namedCustomers(shown.current?.followUps)(id), debounceMs: 600 });
  shown.current = csat.data;
  const trends = useCall('trends.board', after ? { weeks: WEEKS } : null, { live: movesKnowledgeBoard, csatScores: true, customerId: anyCustomer, debounceMs: 600 });
  return (
    <Grid gap="md" mt="md">
      <Grid.Col span={{ base: 12, xl: 7 }}>
        {csat.data ? <CsatPanel data={csat.data} onChanged={() => void csat.refetch()} /> : csat.problem ? <ProblemAlert problem={csat.problem} /> : <PendingSection title={t('csat.board')} id="csat-board" h={400} />}
      </Grid.Col>
      <Grid.Col span={{ base: 12, xl: 5 }}>
        {csat.data ? <FollowUps data={csat.data} onChanged={() => void csat.refetch()} /> : csat.problem ? null : <PendingSection title={t('csat.followUps')} id="csat-followups" h={360} />}
      </Grid.Col>
      <Grid.Col span={12}>{trends.data ? <TrendsPanel data={trends.data} /> : trends.problem ? <ProblemAlert problem={trends.problem} /> : <PendingSection title={t('trends.title')} id="trends" h={500} />}</Grid.Col>
    </Grid>
  );
}

const tone = (mean: number) => (mean >= 4.2 ? 'teal' : mean >= 3.5 ? 'yellow' : 'red');

function CsatPanel({ data }: { data: CsatBoard; onChanged: () => void }) {
  const charts = useBoardCharts();
  const weeks = [...new Set(data.weekly.map((w) => w.week))].sort((a, b) => a - b);
  const chart = weeks.map((week) => {
    // Each week of the centre by its first day, sent as that date's UTC midnight (Saturdays in Iran, Sundays in the US).
    const point: Record<string, string | number | null> = { week: formatUtcDay(week / DAY_MS) };
    for (const s of SEGMENTS) point[s] = data.weekly.find((w) => w.week === week && w.segment === s)?.mean ?? null;
    return point;
  });
  const drawn = useLocaleDeferred(
    () => charts && <charts.LineChart h={180} data={chart} dataKey="week" series={SEGMENTS.map((s) => ({ name: s, label: segmentLabel(s), color: SEGMENT_COLOR[s] }))} {...mirroredAxes({}, { ...scoreAxis(1, 5), width: 32, tickFormatter: (v: number) => formatNumber(v) })} valueFormatter={(v: number) => formatDecimal(v, 1)} connectNulls withLegend legendProps={{ verticalAlign: 'bottom' }} curveType="linear" lineProps={STILL} />,
    [data, charts],
  );
  return (
    <Section title={t('csat.board')} id="csat-board" padding={0} busy={chart.length > 0 && !drawn}>
      {/* Four short columns fit a 420 px window as they are: no minimum width to scroll past. */}
      <Table.ScrollContainer minWidth={0} type="native">
        <Table verticalSpacing={6} horizontalSpacing="sm" fz="sm" aria-label={t('csat.board')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tickets.col.segment')}</Table.Th>
              {TIERS.map((tier) => <Table.Th key={tier} ta="center">{tierLabel(tier)}</Table.Th>)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {SEGMENTS.map((s) => (
              <Table.Tr key={s}>
                <Table.Th scope="row" fw={500}>{segmentLabel(s)}</Table.Th>
                {TIERS.map((tier) => {
                  const c = data.cells.find((x) => x.segment === s && x.tier === tier);
                  return (
                    <Table.Td key={tier} ta="center" data-testid={`csat-${s}-${tier}`}>
                      {c ? (
                        // The scored tickets behind the cell, in the board's drawer (DrillDrawer.tsx).
                        <Tooltip label={csatMean(c.mean, c.n)}>
                          <UnstyledButton
                            onClick={() => navigate(hrefOf({ name: 'overview', drill: { filter: 'csat', segment: s, tier } }))}
                            aria-label={t('drill.csatLabel', { scope: scopeName({ segment: s, tier }), detail: csatMean(c.mean, c.n) })}
                            data-drill={drillKey({ filter: 'csat', segment: s, tier })}
                            className="mantine-focus-auto"
                          >
                            <Badge variant="light" color={tone(c.mean)} style={{ cursor: 'pointer' }}>{formatDecimal(c.mean, 1)}</Badge>
                          </UnstyledButton>
                        </Tooltip>
                      ) : (
                        <Text size="xs" c="dimmed">–</Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Box p="sm" role="img" aria-label={t('csat.trend')}>
        <Text size="xs" fw={600} mb={4}>{t('csat.trend')}</Text>
        {chart.length === 0 ? (
          <Muted>{t('csat.noData')}</Muted>
        ) : (
          (drawn ?? <Skeleton h={180} radius="sm" />)
        )}
      </Box>
    </Section>
  );
}

/** The follow-ups shown: the 30 most recent. */
const FOLLOW_UPS_SHOWN = 30;

function FollowUps({ data, onChanged }: { data: CsatBoard; onChanged: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  // A row followed up while the keyboard was in the list: once it has left, the keyboard goes
  // to the next row's button (focusAfterLeaving), or to "none left". It fell to the page's top,
  // and Tab began the whole board again for each low score.
  const [leaving, setLeaving] = useState<{ before: string[]; gone: string } | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const none = useRef<HTMLParagraphElement>(null);
  const shown = data.followUps.slice(0, FOLLOW_UPS_SHOWN);
  useLayoutEffect(() => {
    if (!leaving) return;
    const ids = shown.map((f) => f.ticketId);
    if (ids.includes(leaving.gone)) return; // not read again yet
    setLeaving(null);
    const to = focusAfterLeaving(leaving.before, leaving.gone, ids);
    const target = 'row' in to ? list.current?.querySelector<HTMLElement>(`[data-followup="${CSS.escape(to.row)}"]`) : none.current;
    target?.focus();
  });
  const done = async (f: CsatBoard['followUps'][number]) => {
    // Asked before the button shows it is busy: a button loading is disabled, and loses focus.
    const inList = list.current?.contains(document.activeElement) ?? false;
    setBusy(f.ticketId);
    const before = shown.map((row) => row.ticketId);
    try {
      await call('csat.followUp', { ticketId: f.ticketId });
      notifications.show({ color: 'teal', message: t('csat.markedFollowedUp', { number: f.ticketNumber }) });
      if (inList) setLeaving({ before, gone: f.ticketId });
      onChanged();
    } catch (error) {
      notifications.show({ color: 'red', message: problemOf(error).message });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Section title={`${t('csat.followUps')} (${formatNumber(data.followUps.length)})`} id="csat-followups">
      {data.followUps.length === 0 ? (
        <Text ref={none} tabIndex={-1} size="sm" c="dimmed">
          {t('csat.followUpsNone')}
        </Text>
      ) : (
        <Stack ref={list} gap="xs" mah={360} style={{ overflowY: 'auto' }}>
          {shown.map((f) => (
            // The score, the ticket's number and the button keep their whole width (in a column
            // of the board's grid the button read "Mark followe", a score "2..", and a number
            // broke as "T-" over "000087"). The customer's name is never cut: it goes under them
            // when it does not fit beside them, and the button under the whole when the row is
            // narrow (at 420 px the name had 91 px, in Persian 17 px, an ellipsis alone).
            <Group key={f.ticketId} justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <Box style={{ minWidth: 0, flex: '1 1 16rem' }}>
                <Group gap={6} wrap="wrap" style={{ rowGap: 0 }}>
                  <Badge color="red" variant="light" size="sm" style={{ flexShrink: 0 }}>{t('csat.outOfFive', { score: f.score })}</Badge>
                  <Text size="sm" fw={600} component="a" href={ticketHref(f.ticketId)} c="inherit" style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>{f.ticketNumber}</Text>
                  <Text size="sm" dir="auto" className="own-direction" style={{ minWidth: 0, overflowWrap: 'anywhere' }} data-testid="followup-customer">{f.customerName}</Text>
                </Group>
                <Text size="xs" c="dimmed" lineClamp={2} data-testid="followup-line">{followUpLine(f.comment, segmentLabel(f.segment), formatDateTime(f.at))}</Text>
              </Box>
              <Button size="compact-xs" variant="default" loading={busy === f.ticketId} onClick={() => void done(f)} data-followup={f.ticketId} aria-label={t('csat.markFollowedUpOf', { number: f.ticketNumber })} style={{ flexShrink: 0, marginInlineStart: 'auto' }}>{t('csat.markFollowedUp')}</Button>
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function download(filename: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const trendsWords = (): TrendsSheetWords => ({
  col: {
    week: t('trends.col.week'),
    productLine: t('trends.productLine'),
    category: t('trends.category'),
    tickets: t('trends.col.tickets'),
    warning: t('trends.col.warning'),
    requests: t('trends.requests'),
    examples: t('trends.col.examples'),
  },
  category: categoryLabel,
  rising: t('trends.rising'),
});

function TrendsPanel({ data }: { data: Trends }) {
  const charts = useBoardCharts();
  // The trends shown, as a CSV in the reader's words (trendsSheet.ts; the API's is English).
  const exportCsv = (which: 'tickets' | 'features') => {
    const file = trendsSheet(data, which, trendsWords(), Date.now());
    download(file.filename, file.csv);
  };
  const rising = data.series.filter((s) => s.warning);
  return (
    <Section
      title={t('trends.title')}
      id="trends"
      busy={!charts}
      actions={
        <Group gap="xs">
          <Button size="compact-xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => exportCsv('tickets')}>{t('trends.exportTickets')}</Button>
          <Button size="compact-xs" variant="default" leftSection={<IconDownload size={14} />} onClick={() => exportCsv('features')}>{t('trends.exportFeatures')}</Button>
        </Group>
      }
    >
      {data.recounting && (
        // The centre's zone changed (or the desk was upgraded): the counts move to its weeks in
        // the background (trendRekey.ts), and a count not moved yet is in the week next to its own.
        <Alert color="blue" variant="light" mb="sm" icon={<IconHourglass size={18} />} title={t('trends.recountingTitle')} data-testid="trends-recounting">
          {t('trends.recounting')}
        </Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Text size="xs" fw={600} mb={6}>{t('trends.perProduct')}</Text>
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('trends.productLine')}</Table.Th>
                {/* The centre's weeks by their first days (its dates: Saturdays in Iran, Sundays in the US); the last is this week. */}
                <Table.Th>{t('trends.weeks', { from: formatUtcDay((data.weeks[0] ?? 0) / DAY_MS), to: formatUtcDay((data.weeks[data.weeks.length - 1] ?? 0) / DAY_MS) })}</Table.Th>
                <Table.Th ta="end">{t('trends.thisWeek')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.perProduct.map((p) => (
                <Table.Tr key={p.productLine}>
                  <Table.Td>{p.productLine}</Table.Td>
                  <Table.Td w={180}><Box inert aria-hidden className="time-sparkline">{charts ? <charts.StillSparkline w={160} h={24} data={p.counts} curveType="linear" color="blue" fillOpacity={0.2} strokeWidth={1.5} /> : <Skeleton w={160} h={24} radius="sm" />}</Box></Table.Td>
                  <Table.Td ta="end">{formatNumber(p.counts[p.counts.length - 1] ?? 0)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Text size="xs" fw={600} mb={6}>{t('trends.series')}</Text>
          {rising.length === 0 ? (
            <Muted>{t('trends.seriesNone')}</Muted>
          ) : (
            <Box mb="md" className={trendsClasses.risingList}>
              <div className={trendsClasses.risingGrid}>
                {rising.slice(0, 8).map((s) => {
                  // Cut short where it does not fit (Trends.module.css): the whole name in a hint.
                  // The product line (Latin) in a window of its own, as it was a node of its own
                  // before the row became one line of text: in Persian it leads the sentence.
                  const name = `${isolated(s.productLine)} · ${categoryLabel(s.category)}`;
                  return (
                    <div key={`${s.productLine}|${s.category}`} className={trendsClasses.rising} data-testid="trends-rising">
                      <Badge color="orange" variant="light" leftSection={<IconAlertTriangle size={12} />}>{t('trends.rising')}</Badge>
                      <LazyHint label={name}>
                        <Text size="sm" truncate="end" data-testid="trends-rising-name">{name}</Text>
                      </LazyHint>
                      <div className={trendsClasses.risingFigures} data-testid="trends-rising-figures">
                        <Box inert aria-hidden className="time-sparkline">{charts ? <charts.StillSparkline w={100} h={20} data={s.counts} color="orange" curveType="linear" fillOpacity={0.2} strokeWidth={1.5} /> : <Skeleton w={100} h={20} radius="sm" />}</Box>
                        <Text size="xs" c="dimmed">{formatNumber(s.counts[s.counts.length - 1] ?? 0)} · {t('trends.usual', { upper: s.upper })}</Text>
                      </div>
                    </div>
                  );
                })}
              </div>
            </Box>
          )}
          <Text size="xs" fw={600} mb={6} mt="sm">{t('trends.features')}</Text>
          {data.featureRequests.length === 0 ? (
            <Muted>{t('trends.featuresNone')}</Muted>
          ) : (
            <Table fz="sm" verticalSpacing={4}>
              <Table.Tbody>
                {data.featureRequests.map((f) => (
                  <Table.Tr key={f.productLine}>
                    <Table.Td>{f.productLine}</Table.Td>
                    <Table.Td ta="end" w={60}>{formatNumber(f.n)}</Table.Td>
                    {/* A request in the caller's words: its own direction, whatever the page's. */}
                    <Table.Td><Text size="xs" c="dimmed" lineClamp={1} dir="auto">{f.examples[0]}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Grid.Col>
      </Grid>
    </Section>
  );
}
