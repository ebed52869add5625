import { BarChart } from '@mantine/charts';
import { Badge, Box, Grid, Group, Paper, Progress, SimpleGrid, Table, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconInbox, IconUserQuestion } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Overview, QueueSummary } from '../../shared/api';
import { SEGMENTS, TIERS, type Segment, type Tier } from '../../shared/domain';
import { useCall, useNow } from '../backend';
import { formatDuration, formatNumber, t } from '../i18n';
import { roleLabel, segmentLabel, tierLabel } from '../labels';
import { PageHeader, PageLoading, ProblemAlert, Section } from '../page';
import { navigate, queueHref } from '../route';
import { useSession } from '../session';
import classes from './OverviewPage.module.css';

// The supervisor's wall: every segment × tier with open, unassigned and oldest; who carries
// how much; today's totals. Live: it refetches as tickets change. A cell opens its queue.

const STALE_MS = 4 * 3600_000;

export function OverviewPage() {
  const { user } = useSession();
  const overview = useCall('supervisor.overview', user.role === 'supervisor' ? {} : null, { live: true });
  const now = useNow();
  if (user.role !== 'supervisor') return <ProblemAlert title={t('overview.forbiddenTitle')} problem={{ code: 'forbidden', message: t('overview.forbidden'), issues: [] }} />;
  if (overview.problem && !overview.data) return <ProblemAlert problem={overview.problem} onRetry={() => void overview.refetch()} />;
  if (!overview.data) return <PageLoading />;
  return <OverviewView data={overview.data} now={now} />;
}

function OverviewView({ data, now }: { data: Overview; now: number }) {
  const cell = (segment: Segment, tier: Tier) => data.queues.find((q) => q.segment === segment && q.tier === tier);
  const maxLoad = Math.max(1, ...data.agents.map((a) => a.open));
  const atRisk = data.queues.filter((q) => q.oldestAt !== null && now - q.oldestAt > STALE_MS && q.unassigned > 0).length;
  const chart = SEGMENTS.map((s) => ({
    segment: segmentLabel(s),
    tier1: cell(s, 1)?.open ?? 0,
    tier2: cell(s, 2)?.open ?? 0,
    tier3: cell(s, 3)?.open ?? 0,
  }));

  return (
    <>
      <PageHeader title={t('overview.title')} description={t('overview.lead')} />
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" mb="md">
        <Kpi icon={<IconInbox size={18} />} color="indigo" label={t('overview.total.open')} value={formatNumber(data.totals.open)} />
        <Kpi icon={<IconUserQuestion size={18} />} color="orange" label={t('overview.total.unassigned')} value={formatNumber(data.totals.unassigned)} />
        <Kpi icon={<IconCircleCheck size={18} />} color="teal" label={t('overview.total.resolvedToday')} value={formatNumber(data.totals.resolvedToday)} />
        <Kpi icon={<IconAlertTriangle size={18} />} color={atRisk > 0 ? 'red' : 'gray'} label={t('overview.total.stale')} value={formatNumber(atRisk)} />
      </SimpleGrid>

      <Grid gap="md">
        <Grid.Col span={{ base: 12, xl: 8 }}>
          <Section title={t('overview.grid')} padding={0} id="queue-grid">
            <Table.ScrollContainer minWidth={640} type="native">
              <Table className={classes.grid} withColumnBorders verticalSpacing={0}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('overview.segment')}</Table.Th>
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
                      <Table.Th scope="row">
                        <Text size="sm" fw={600}>
                          {segmentLabel(segment)}
                        </Text>
                      </Table.Th>
                      {TIERS.map((tier) => (
                        <Table.Td key={tier} p={4}>
                          <QueueCell segment={segment} tier={tier} queue={cell(segment, tier)} now={now} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Section>
          <Box mt="md">
            <Section title={t('overview.chart')} id="open-chart">
              <BarChart
                h={220}
                data={chart}
                dataKey="segment"
                type="stacked"
                withLegend
                legendProps={{ verticalAlign: 'bottom', height: 40 }}
                series={[
                  { name: 'tier1', label: tierLabel(1), color: 'indigo.5' },
                  { name: 'tier2', label: tierLabel(2), color: 'orange.5' },
                  { name: 'tier3', label: tierLabel(3), color: 'grape.5' },
                ]}
                valueFormatter={formatNumber}
                aria-label={t('overview.chartLabel')}
              />
            </Section>
          </Box>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 4 }}>
          <Section title={t('overview.agents')} padding={0} id="agents">
            {data.agents.length === 0 ? (
              <Text size="sm" c="dimmed" p="md">
                {t('overview.noAgents')}
              </Text>
            ) : (
              <Table verticalSpacing={8} fz="sm" className={classes.agents}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('overview.agent')}</Table.Th>
                    <Table.Th>{t('overview.load')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...data.agents]
                    .sort((a, b) => b.open - a.open || a.name.localeCompare(b.name))
                    .map((a) => (
                      <Table.Tr key={a.userId}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {a.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {roleLabel(a.role)} · {tierLabel(a.tier)}
                          </Text>
                        </Table.Td>
                        <Table.Td w="45%">
                          <Group gap="xs" wrap="nowrap">
                            <Progress value={(a.open / maxLoad) * 100} style={{ flex: 1 }} size="md" color={a.open >= maxLoad && a.open > 5 ? 'orange' : undefined} aria-label={t('overview.loadOf', { name: a.name })} />
                            <Text size="sm" fw={600} w={28} ta="end">
                              {formatNumber(a.open)}
                            </Text>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            )}
          </Section>
        </Grid.Col>
      </Grid>
    </>
  );
}

function Kpi({ icon, color, label, value }: { icon: ReactNode; color: string; label: string; value: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" wrap="nowrap">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.4}>
          {label}
        </Text>
        <Box c={color} aria-hidden display="flex">
          {icon}
        </Box>
      </Group>
      <Text fz={26} fw={700} lh={1.2} mt={4}>
        {value}
      </Text>
    </Paper>
  );
}

function QueueCell({ segment, tier, queue, now }: { segment: Segment; tier: Tier; queue: QueueSummary | undefined; now: number }) {
  const open = queue?.open ?? 0;
  const unassigned = queue?.unassigned ?? 0;
  const age = queue?.oldestAt != null ? now - queue.oldestAt : null;
  const heat = unassigned === 0 ? 'calm' : age !== null && age > STALE_MS ? 'hot' : 'warm';
  const name = t('queues.name', { segment: segmentLabel(segment), tier: tierLabel(tier) });
  return (
    <UnstyledButton
      className={classes.cell}
      data-heat={heat}
      onClick={() => navigate(queueHref(segment, tier))}
      aria-label={t('overview.cellLabel', { queue: name, open, unassigned, oldest: age === null ? t('overview.none') : formatDuration(age) })}
    >
      <Group justify="space-between" align="baseline" wrap="nowrap">
        <Text fz={22} fw={700} lh={1}>
          {formatNumber(open)}
        </Text>
        {unassigned > 0 && (
          <Badge size="xs" variant="light" color={heat === 'hot' ? 'red' : 'orange'} tt="none">
            {t('queues.unassignedCount', { count: unassigned })}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {age === null ? t('overview.noneWaiting') : t('overview.oldest', { age: formatDuration(age) })}
      </Text>
    </UnstyledButton>
  );
}
