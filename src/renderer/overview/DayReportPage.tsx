import { Anchor, Button, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconPrinter } from '@tabler/icons-react';
import type { DayReport } from '../../shared/api';
import { seesBoard } from '../../shared/access';
import { useCall } from '../backend';
import { formatDateTimeIn, formatDecimal, formatNumber, formatPercent, formatTime, formatUtcDate, t, zoneName } from '../i18n';
import { personName, segmentLabel, tierLabel } from '../labels';
import { FailedPage, FitTable, PageHeader, RefusedPage, Section } from '../page';
import { hrefOf } from '../route';
import { useSession } from '../session';
import { csatMeanOf, dayReportSheet, dayStamp } from './dayReportSheet';
import classes from './OverviewPage.module.css';

// The supervisor's end-of-shift report: the board's day (in the centre's time zone) per segment and tier and
// per person, to print (the page's print styles leave the navigation and buttons off the
// paper) or to download as CSV for whoever the shift reports to. Its figures are the board's
// at the moment it was read (dayReport.ts).

const COLS = ['day', 'timeZone', 'until', 'segment', 'tier', 'opened', 'resolved', 'breached', 'firstResponse', 'firstResponseTotal', 'resolution', 'resolutionTotal', 'csatMean', 'csatCount', 'person', 'escalated', 'openNow'] as const;

/** The CSV, headings in the reader's language, as a download named by the day. */
export function downloadDayReport(report: DayReport): void {
  const col = Object.fromEntries(COLS.map((k) => [k, t(`report.col.${k}`)])) as Record<(typeof COLS)[number], string>;
  const blob = new Blob([dayReportSheet(report, { col, segment: segmentLabel, tier: tierLabel })], { type: 'text/csv;charset=utf-8' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `tagdesk-day-${dayStamp(report.day)}.csv`;
  a.click();
  URL.revokeObjectURL(a.href);
}

const met = (tally: { met: number; total: number }) => (tally.total === 0 ? '–' : t('report.met', { met: formatNumber(tally.met), total: formatNumber(tally.total), share: formatPercent(tally.met / tally.total) }));

export function DayReportPage() {
  const { user } = useSession();
  const allowed = seesBoard(user);
  const report = useCall('supervisor.dayReport', allowed ? {} : null);
  if (!allowed) return <RefusedPage page={t('report.title')} title={t('overview.forbiddenTitle')} message={t('overview.forbidden')} />;
  if (report.problem && !report.data) return <FailedPage page={t('report.title')} problem={report.problem} onRetry={() => void report.refetch()} />;
  const data = report.data;
  return (
    <div className={classes.report}>
      <PageHeader
        title={t('report.title')}
        description={data ? t('report.lead', { day: formatUtcDate(data.day), zone: zoneName(data.timeZone), start: formatTime(data.dayStart), time: formatTime(data.now) }) : t('common.loading')}
        actions={
          <Group gap="xs" className={classes.noPrint}>
            <Anchor href={hrefOf({ name: 'overview' })} size="sm">
              {t('report.back')}
            </Anchor>
            <Button size="compact-sm" variant="default" leftSection={<IconPrinter size={14} aria-hidden />} disabled={!data} onClick={() => window.print()}>
              {t('report.print')}
            </Button>
            <Button size="compact-sm" variant="light" leftSection={<IconDownload size={14} aria-hidden />} disabled={!data} onClick={() => data && downloadDayReport(data)}>
              {t('report.csv')}
            </Button>
          </Group>
        }
      />
      <Text size="xs" c="dimmed" mb="sm" data-testid="report-day">
        {/* The CSV's first lines in the reader's calendar, digits and words (a Persian reader: the
            Solar Hijri date, Persian digits, the zone's Persian name), "until" on the centre's
            clock; the CSV keeps ISO dates and the zone's id for a spreadsheet. */}
        {data &&
          t('report.dayLine', {
            day: formatUtcDate(data.day),
            zone: zoneName(data.timeZone),
            until: formatDateTimeIn(data.now, data.timeZone),
          })}
      </Text>
      <Stack gap="md">
        <Section title={t('report.queues')} padding={0} busy={!data}>
          {data ? <QueueTable data={data} /> : <Skeleton h={240} />}
        </Section>
        <Section title={t('report.people')} padding={0} busy={!data}>
          {data ? <PeopleTable data={data} /> : <Skeleton h={160} />}
        </Section>
      </Stack>
    </div>
  );
}

function QueueTable({ data }: { data: DayReport }) {
  const sum = (f: (q: DayReport['queues'][number]) => number) => data.queues.reduce((n, q) => n + f(q), 0);
  const all = {
    opened: sum((q) => q.opened),
    resolved: sum((q) => q.resolved),
    breached: sum((q) => q.breached),
    firstResponse: { met: sum((q) => q.firstResponse.met), total: sum((q) => q.firstResponse.total) },
    resolution: { met: sum((q) => q.resolution.met), total: sum((q) => q.resolution.total) },
    csat: { n: sum((q) => q.csat.n), sum: sum((q) => q.csat.sum) },
  };
  const cells = (q: typeof all) => {
    const mean = csatMeanOf(q.csat);
    return (
      <>
        <Table.Td ta="end">{formatNumber(q.opened)}</Table.Td>
        <Table.Td ta="end">{formatNumber(q.resolved)}</Table.Td>
        <Table.Td ta="end">{formatNumber(q.breached)}</Table.Td>
        <Table.Td>{met(q.firstResponse)}</Table.Td>
        <Table.Td>{met(q.resolution)}</Table.Td>
        <Table.Td ta="end">{mean === null ? '–' : formatDecimal(mean, 1)}</Table.Td>
        <Table.Td ta="end">{formatNumber(q.csat.n)}</Table.Td>
      </>
    );
  };
  return (
    <FitTable>
      <Table fz="sm" verticalSpacing={4} striped className={classes.reportTable} data-testid="report-queues">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('report.col.segment')}</Table.Th>
            <Table.Th>{t('report.col.tier')}</Table.Th>
            <Table.Th ta="end">{t('report.col.opened')}</Table.Th>
            <Table.Th ta="end">{t('report.col.resolved')}</Table.Th>
            <Table.Th ta="end">{t('report.col.breached')}</Table.Th>
            <Table.Th>{t('report.col.firstResponse')}</Table.Th>
            <Table.Th>{t('report.col.resolution')}</Table.Th>
            <Table.Th ta="end">{t('report.col.csatMean')}</Table.Th>
            <Table.Th ta="end">{t('report.col.csatCount')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.queues.map((q) => (
            <Table.Tr key={`${q.segment}-${q.tier}`}>
              <Table.Td>{segmentLabel(q.segment)}</Table.Td>
              <Table.Td>{tierLabel(q.tier)}</Table.Td>
              {cells(q)}
            </Table.Tr>
          ))}
          <Table.Tr fw={700}>
            <Table.Td colSpan={2}>{t('report.total')}</Table.Td>
            {cells(all)}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </FitTable>
  );
}

function PeopleTable({ data }: { data: DayReport }) {
  return (
    <FitTable>
      <Table fz="sm" verticalSpacing={4} striped className={classes.reportTable} data-testid="report-people">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('report.col.person')}</Table.Th>
            <Table.Th ta="end">{t('report.col.resolved')}</Table.Th>
            <Table.Th ta="end">{t('report.col.escalated')}</Table.Th>
            <Table.Th ta="end">{t('report.col.openNow')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.people.map((p) => (
            <Table.Tr key={p.userId}>
              <Table.Td>{personName(p.name)}</Table.Td>
              <Table.Td ta="end">{formatNumber(p.resolved)}</Table.Td>
              <Table.Td ta="end">{formatNumber(p.escalated)}</Table.Td>
              <Table.Td ta="end">{formatNumber(p.open)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </FitTable>
  );
}
