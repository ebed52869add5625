import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Badge, Box, Button, Collapse, Group, List, Menu, Modal, Paper, Progress, Radio, SegmentedControl, Select, SimpleGrid, Stack, Switch, Table, Tabs, Text, Textarea, TextInput } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { Fragment, useEffect, useId, useRef, useState } from 'react';
import { assumedInBrief, CSV_FIELDS, type AuditRow, type ImportSummaryView, type QualityOverview } from '../../shared/customerApi';
import { call, problemOf, useCall, type Problem } from '../backend';
import { client } from '../client';
import { COUNT_AXIS, mirroredAxes } from '../charts';
import { DateField } from '../dates/DateField';
import { LocalNumberInput } from '../dates/DigitFields';
import { currentDirection, currentLanguage, formatDateTime, formatNumber, formatUtcDay, t, tc } from '../i18n';
import { CustomerFinder, CustomerLine, Phone } from '../customer/CustomerFinder';
import { countryName, qualityFixLabel, segmentLabel, serviceLevelLabel, shareOfAll } from '../labels';
import { FailedPage, FitTable, Muted, PageHeader, PageLoading, ProblemAlert, RefusedPage, Section } from '../page';
import { customerHref, DATA_TABS, hrefOf, navigate, type DataTab } from '../route';
import { KeptWhole } from '../i18n/KeptWhole';
import { useSession } from '../session';
import { administers, seesBoard } from '../../shared/access';
import { type Segment } from '../../shared/domain';
import { AUDIT_SHOWN, auditFilterText, auditQueryOf, auditShown, chosenAfterTyping, nameIn, NO_AUDIT_FILTER, recordIdIn, type AuditFilter } from './auditFilter';
import { auditSheet } from './auditSheet';
import { retentionDaysEditable, retentionFormOf, retentionKeepChosen, retentionToSave, type RetentionForm } from './retentionForm';
import { importSession, useImportSession } from './importSession';
import { alreadyImported, fieldIssues, fileProblemReason, keyedRejectReason, pathShown, rejectedRowsFile, systemColumnsMissing, unmappedFieldsReason, type FinishedRun, type ImportSource } from './importRun';
import { countryOptions, NO_COUNTRY, placeFilter } from '../customer/placeOptions';
import classes from './CustomerData.module.css';

// Customer data for admins and supervisors: how good the records are (counts, trend, the
// worst first, each a click from its fix), who opened whose record, imports from the desk
// used before, and how long interactions are kept.

export function CustomerDataPage({ tab = null, privacyFor = null, audit = null }: { tab?: DataTab | null; privacyFor?: string | null; audit?: AuditFilter | null }) {
  const { user } = useSession();
  const admin = administers(user);
  // The tab is in the address (a reload or a shared link keeps it); a supervisor sees data quality only.
  const shown: DataTab = admin ? (tab ?? (privacyFor ? 'privacy' : 'quality')) : 'quality';
  if (!seesBoard(user)) {
    return <RefusedPage page={t('data.title')} title={t('data.forbiddenTitle')} message={t('data.forbidden')} />;
  }
  return (
    <Stack gap="md">
      <PageHeader title={t('data.title')} description={t('data.lead')} />
      <Tabs
        value={shown}
        onChange={(value) => {
          const next = DATA_TABS.find((d) => d === value);
          if (next) navigate({ name: 'dataQuality', tab: next, privacyFor: next === 'privacy' ? privacyFor : null }, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="quality">{t('data.tabQuality')}</Tabs.Tab>
          {admin && <Tabs.Tab value="audit">{t('data.tabAudit')}</Tabs.Tab>}
          {admin && <Tabs.Tab value="import">{t('data.tabImport')}</Tabs.Tab>}
          {admin && <Tabs.Tab value="privacy">{t('data.tabPrivacy')}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="quality">
          <QualityPanel />
        </Tabs.Panel>
        {admin && (
          <>
            <Tabs.Panel value="audit">
              <AuditPanel filter={audit ?? NO_AUDIT_FILTER} />
            </Tabs.Panel>
            <Tabs.Panel value="import">
              <ImportPanel />
            </Tabs.Panel>
            <Tabs.Panel value="privacy">
              <PrivacyPanel customerId={privacyFor} />
            </Tabs.Panel>
          </>
        )}
      </Tabs>
    </Stack>
  );
}

function Stat({ label, value, total }: { label: string; value: number; total?: number }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fz={24} fw={650}>
        {formatNumber(value)}
      </Text>
      {total !== undefined && total > 0 && (
        <Text size="xs" c="dimmed">
          {shareOfAll(value, total)}
        </Text>
      )}
    </Paper>
  );
}

function QualityPanel() {
  const q = useCall('quality.overview', { limit: 50 });
  if (q.problem && !q.data) return <FailedPage page={t('data.title')} problem={q.problem} onRetry={() => void q.refetch()} />;
  if (!q.data) return <PageLoading />;
  const d: QualityOverview = q.data;
  const c = d.counts;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        <Stat label={t('data.customers')} value={c.customers} />
        <Stat label={t('data.noEmail')} value={c.noEmail} total={c.customers} />
        <Stat label={t('data.noPhone')} value={c.noPhone} total={c.customers} />
        <Stat label={t('data.stale')} value={c.stale} total={c.customers} />
        <Stat label={t('data.erased')} value={c.erased} />
      </SimpleGrid>
      <Section title={t('data.trend')}>
        {/* Fourteen days without a record made, changed or confirmed: said, not an empty chart of zeros. */}
        {!d.trend.some((r) => r.created + r.changed + r.confirmed > 0) ? (
          <Muted>{t('data.trendNone')}</Muted>
        ) : (
          <Box role="img" aria-label={t('data.trendLabel')}>
            <BarChart
              h={200}
              data={d.trend.map((r) => ({ ...r, label: formatUtcDay(r.day) }))}
              dataKey="label"
              type="stacked"
              series={[
                { name: 'created', label: t('data.created'), color: 'blue.6' },
                { name: 'changed', label: t('data.changed'), color: 'teal.6' },
                { name: 'confirmed', label: t('data.confirmed'), color: 'grape.5' },
              ]}
              valueFormatter={formatNumber}
              {...mirroredAxes({}, COUNT_AXIS)}
              withLegend
            />
          </Box>
        )}
      </Section>
      <Section title={t('data.worst')} padding={0}>
        <FitTable>
          <Table className={classes.worst} verticalSpacing={6} fz="sm" data-testid="worst-records">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('data.score')}</Table.Th>
                <Table.Th>{t('record.name')}</Table.Th>
                <Table.Th>{t('record.segment')}</Table.Th>
                <Table.Th>{t('data.toFix')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.worst.map((w) => (
                <Table.Tr key={w.customerId}>
                  <Table.Td>
                    <Badge variant="light" color={w.quality.score >= 80 ? 'teal' : w.quality.score >= 50 ? 'yellow' : 'red'}>
                      {formatNumber(w.quality.score)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Anchor href={customerHref(w.customerId)}>
                      <bdi>{w.name}</bdi>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <span className={classes.cellName}>{t('record.segment')}</span>
                    {segmentLabel(w.segment)}
                  </Table.Td>
                  <Table.Td>
                    <span className={classes.cellName}>{t('data.toFix')}</span>
                    <Group gap={4}>
                      {w.quality.fixes.map((f) =>
                        f === 'mergeDuplicate' && w.duplicates.length > 0 ? (
                          <MergeFix key={f} row={w} />
                        ) : (
                          // The fix's own dialog on the record, its field focused (customer/fixDialog.ts).
                          <Badge key={f} size="sm" variant="outline" color="gray" tt="none" component="a" href={hrefOf({ name: 'customer', customerId: w.customerId, assetId: null, matchedBy: null, fix: f })} style={{ cursor: 'pointer' }}>
                            {qualityFixLabel(f)}
                          </Badge>
                        ),
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </FitTable>
      </Section>
    </Stack>
  );
}

type WorstRow = QualityOverview['worst'][number];

/**
 * "Merge a duplicate": straight to the merge of this record with its likely duplicate (this
 * record kept, the other merged in); with several, a menu of them to choose from first.
 */
function MergeFix({ row }: { row: WorstRow }) {
  const mergeHref = (mergedId: string) => hrefOf({ name: 'merge', survivorId: row.customerId, mergedId });
  const only = row.duplicates.length === 1 ? row.duplicates[0]! : null;
  const badge = (props: object) => (
    <Badge size="sm" variant="outline" color="orange" tt="none" style={{ cursor: 'pointer' }} {...props}>
      {t('quality.fix.mergeDuplicate')}
    </Badge>
  );
  if (only) return badge({ component: 'a', href: mergeHref(only.customerId), title: t('quality.mergeWith', { name: only.name }) });
  return (
    <Menu position="bottom-start" withinPortal shadow="md" width={340}>
      <Menu.Target>{badge({ component: 'button', type: 'button', 'aria-haspopup': 'menu' })}</Menu.Target>
      <Menu.Dropdown data-testid="duplicate-choices">
        <Menu.Label>
          <KeptWhole k="quality.chooseDuplicate" vars={{ name: row.name }} />
        </Menu.Label>
        {row.duplicates.map((d) => (
          <Menu.Item key={d.customerId} component="a" href={mergeHref(d.customerId)}>
            <Text size="sm" fw={600}>
              <bdi>{d.name}</bdi>
            </Text>
            <Text size="xs" c="dimmed">
              {[
                d.phone ? <Phone key="p" e164={d.phone} /> : null,
                d.email ? (
                  <bdi key="e" dir="ltr">
                    {d.email}
                  </bdi>
                ) : null,
                ...d.reasons.map((r) => t(`duplicates.reason.${r}`)),
              ]
                .filter(Boolean)
                .flatMap((part, i) => (i === 0 ? [part] : [' · ', part]))}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function AuditPanel({ filter }: { filter: AuditFilter }) {
  // Whose openings: found by name, email, phone or tag (the lookup), or an id (auditFilter.ts);
  // by whom, and between which days. The filter is in the address (a reload or a link keeps it).
  const setFilter = (next: Partial<AuditFilter>) => navigate({ name: 'dataQuality', tab: 'audit', audit: { ...filter, ...next } }, { replace: true });
  // What the admin typed; null until they type (the box then names whom the address filters by).
  const [typed, setQuery] = useState<string | null>(null);
  const [chosenName, setChosenName] = useState<string | null>(null);
  const setChosen = (next: { id: string; name: string | null }) => {
    setChosenName(next.name);
    if (next.id !== filter.customer) setFilter({ customer: next.id });
  };
  const users = useCall('users.list', {});
  const answer = useCall('privacy.audit', auditQueryOf(filter));
  const query = auditFilterText(typed, filter.customer, answer.data ?? []);
  const chosen = { id: filter.customer, name: chosenName ?? nameIn(filter.customer, answer.data ?? []) };
  const customerId = chosen.id;
  // The page and its exports show the latest AUDIT_SHOWN openings, and say when more matched.
  const shown = answer.data ? auditShown(answer.data) : null;
  const log = { data: shown?.rows, problem: answer.problem };
  const narrowed = filter.customer !== '' || filter.who !== '' || filter.from !== '' || filter.to !== '';
  const download = (rows: AuditRow[], as: 'json' | 'csv') => {
    const blob =
      as === 'json'
        ? new Blob([JSON.stringify(rows, null, 2)], { type: 'application/json' })
        : new Blob([auditSheet(rows, { headings: { when: t('data.auditWhen'), who: t('data.auditWho'), whose: t('data.auditWhose'), why: t('data.auditWhy'), ticket: t('data.auditTicket'), customerId: t('data.auditCustomerId') }, reason: (r) => t(`data.reason.${r}`) })], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `tagdesk-audit-${new Date().toISOString().slice(0, 10)}.${as}`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  return (
    <Section
      title={t('data.auditTitle')}
      padding={0}
      actions={
        <Group gap="xs">
          <Button size="compact-sm" variant="light" disabled={!log.data?.length} onClick={() => log.data && download(log.data, 'csv')}>
            {t('data.auditExportCsv')}
          </Button>
          <Button size="compact-sm" variant="light" disabled={!log.data?.length} onClick={() => log.data && download(log.data, 'json')}>
            {t('data.auditExport')}
          </Button>
        </Group>
      }
    >
      <Box p="sm" maw={640}>
        <CustomerFinder
          label={t('data.auditFilter')}
          description={t('data.auditFilterHint')}
          chooseLabel={t('data.auditChoose')}
          query={query}
          onQuery={(q) => {
            setQuery(q);
            const id = chosenAfterTyping(q, chosen.id);
            if (id !== chosen.id) setChosen({ id, name: null });
          }}
          chosen={chosen.id}
          onChoose={(id, c) => setChosen({ id, name: c?.customerName ?? null })}
          idIn={recordIdIn}
        />
        <Group mt="sm" align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          <Select
            label={t('data.auditByWhom')}
            placeholder={t('data.auditAnyone')}
            data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            value={filter.who || null}
            onChange={(v) => setFilter({ who: v ?? '' })}
            searchable
            clearable
            nothingFoundMessage={t('data.auditNobodyFound')}
            miw={200}
          />
          <DateField label={t('data.auditFrom')} name={t('data.auditFrom')} value={filter.from} onChange={(from) => setFilter({ from })} placeholder={t('record.placeholder.date')} dir="ltr" maxLength={10} englishType="date" miw={150} />
          <DateField label={t('data.auditTo')} name={t('data.auditTo')} value={filter.to} onChange={(to) => setFilter({ to })} placeholder={t('record.placeholder.date')} dir="ltr" maxLength={10} englishType="date" miw={150} />
        </Group>
      </Box>
      {shown?.cut && (
        <Alert color="yellow" mx="sm" mb="sm" data-testid="audit-cut">
          {t(narrowed ? 'data.auditCutNarrower' : 'data.auditCut', { count: formatNumber(AUDIT_SHOWN) })}
        </Alert>
      )}
      {log.problem && <ProblemAlert problem={log.problem} />}
      {/* Its four columns wrap rather than scroll: at 420 px a 640 px floor cut the customer's
          name and put why the record was opened off the box's side. */}
      <Table.ScrollContainer minWidth={0} type="native">
        <Table verticalSpacing={6} fz="sm" data-testid="audit-log">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('data.auditWhen')}</Table.Th>
              <Table.Th>{t('data.auditWho')}</Table.Th>
              <Table.Th>{t('data.auditWhose')}</Table.Th>
              <Table.Th>{t('data.auditWhy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(log.data ?? []).map((r, i) => (
              <Table.Tr key={`${r.at}/${i}`}>
                <Table.Td>{formatDateTime(r.at)}</Table.Td>
                <Table.Td>{r.userName ?? r.userId}</Table.Td>
                <Table.Td>
                  {r.customerName ? (
                    <Anchor href={customerHref(r.customerId)}>
                      <bdi>{r.customerName}</bdi>
                    </Anchor>
                  ) : (
                    r.customerId
                  )}
                </Table.Td>
                <Table.Td>
                  {t(`data.reason.${r.reason}`)}
                  {r.ticketNumber ? ` ${r.ticketNumber}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {log.data?.length === 0 && (
        <Text size="sm" c="dimmed" p="sm" data-testid="audit-empty">
          {filter.who || filter.from || filter.to ? t('data.auditNoneMatch') : chosen.name ? t('data.auditNoneForName', { name: chosen.name }) : customerId ? t('data.auditNoneFor', { id: customerId }) : t('data.auditNone')}
        </Text>
      )}
    </Section>
  );
}

function ImportPanel() {
  // The form and its run live outside the panel (importSession.ts): leaving the tab while an
  // import ran lost its progress and result, and another import could be started on top.
  const { user } = useSession();
  const [session, patch] = useImportSession(user?.id ?? '');
  const { from, files, dryRun, columns, mapping, progress, problem, busy, cancelling, lastRun } = session;
  // The desk's country (import.status says it): the file's country starts there.
  const [deskCountry, setDeskCountry] = useState<string | null>(null);
  const country = session.country ?? deskCountry;
  // The last run's summary, with whether it was a trial: it speaks of that run, not of the
  // switch (turned off after a trial run, the trial's summary read as done, "Imported …").
  const summary = session.summary;
  const setFrom = (v: ImportSource) => patch({ from: v });
  const setFiles = (v: string) => patch({ files: v });
  const setMapping = (v: Record<string, string>) => patch({ mapping: v });
  const setProblem = (v: Problem | null) => patch({ problem: v });
  // The last run that finished, with what it read: once these files are imported, the button
  // offers another file instead of importing the same ones a second time (importRun.ts).
  const setLastRun = (v: FinishedRun | null) => patch({ lastRun: v });
  const filesRef = useRef<HTMLTextAreaElement>(null);
  const list = files.split('\n').map((f) => f.trim()).filter(Boolean);
  const imported = alreadyImported(lastRun, from, list);
  // An import this window did not start (another window, or before a reload): shown with its
  // progress, to be cancelled or waited for, while the desk says it runs.
  const [elsewhere, setElsewhere] = useState<{ files: string[]; progress: { file: string; rows: number; share: number } | null } | null>(null);
  useEffect(() => {
    if (busy) return;
    let live = true;
    const look = async () => {
      try {
        const { running, deskCountry: desk } = await call('import.status', {});
        if (!live) return;
        setDeskCountry(desk);
        setElsewhere(running && { files: running.files, progress: running.progress && shareOf(running.progress) });
        if (running) timer = setTimeout(() => void look(), 1500);
      } catch {
        // the page says nothing more than before
      }
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    void look();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [busy]);

  const peek = async () => {
    setProblem(null);
    try {
      const r = await call('import.peek', { from, file: list[0] ?? '' });
      if (r.problem) {
        // The desk's code for the problem, in the reader's words; its own sentence otherwise.
        const message = r.problemCode ? fileProblemReason({ ...r.problemParams, problem: r.problemCode }) : r.problem;
        setProblem({ code: 'invalid_input', message, issues: [] });
      }
      patch({ columns: r.columns });
      const guess: Record<string, string> = {};
      for (const f of CSV_FIELDS) {
        const hit = r.columns.find((c) => c.toLowerCase().replace(/[\s_-]/g, '') === f.toLowerCase());
        if (hit) guess[f] = hit;
      }
      setMapping(guess);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  const run = async () => {
    patch({ busy: true, cancelling: false, problem: null, summary: null, progress: { file: list[0] ?? '', rows: 0, share: 0 }, lastRun: null });
    // Heard while the run lasts, whether or not the tab is shown; said only to the admin who
    // started it (another signed in at this window meanwhile has a form of their own).
    const owner = session.owner;
    const form = importSession.generation();
    const put = (p: Parameters<typeof patch>[0]) => {
      if (importSession.get().owner === owner && importSession.generation() === form) patch(p);
    };
    const off = client.on('import.progress', (p) => put({ progress: shareOf(p) }));
    try {
      const summary = await call('import.run', { from, files: list, dryRun, mapping, country });
      // A cancelled run is no finished one: the same files are offered again, for the rest.
      put({ summary: { ...summary, dryRun }, lastRun: summary.cancelled ? null : { from, files: list, dryRun } });
    } catch (error) {
      put({ problem: problemOf(error) });
    } finally {
      off();
      put({ busy: false, cancelling: false });
    }
  };
  const cancel = async () => {
    try {
      await call('import.cancel', {});
      patch({ cancelling: true });
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  // "Import another file": the list is emptied for the next files and the caret put in it;
  // the source, the mapping, the switch and the last run's result stay as they were.
  const another = () => {
    setFiles('');
    setLastRun(null);
    filesRef.current?.focus();
  };

  return (
    <Stack gap="md" maw={860}>
      <Section title={t('data.importTitle')}>
        <Stack gap="sm">
          <SegmentedControl
            value={from}
            onChange={(v) => setFrom(v === 'freshdesk' ? 'freshdesk' : v === 'csv' ? 'csv' : 'zendesk')}
            data={[
              { value: 'zendesk', label: t('data.source.zendesk') },
              { value: 'freshdesk', label: t('data.source.freshdesk') },
              { value: 'csv', label: t('data.importCsv') },
            ]}
            w="fit-content"
          />
          <Textarea ref={filesRef} label={t('data.importFiles')} description={t('data.importFilesHint')} value={files} onChange={(e) => setFiles(e.currentTarget.value)} autosize minRows={3} dir="ltr" styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
          {from === 'csv' && (
            <Paper withBorder radius="md" p="sm">
              <Group justify="space-between" mb="xs">
                <Text size="sm" fw={600}>
                  {t('data.mapping')}
                </Text>
                <Button size="compact-sm" variant="light" onClick={() => void peek()} disabled={list.length === 0}>
                  {t('data.readColumns')}
                </Button>
              </Group>
              {columns.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('data.mappingHint')}
                </Text>
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" data-testid="column-mapping">
                  {/* Choosing the column a field already has keeps it (Mantine's default dropped it,
                      silently: "Segment" read by its name, picked again to be sure, imported no
                      segment); the clear button unmaps, and an unmapped field shows none. */}
                  {CSV_FIELDS.map((f) => (
                    <Select key={f} size="xs" label={t(`data.field.${f}`)} data={columns} value={mapping[f] || null} onChange={(v) => setMapping({ ...mapping, [f]: v ?? '' })} clearable allowDeselect={false} />
                  ))}
                </SimpleGrid>
              )}
              {columns.length > 0 && !mapping.serviceTag && (
                <Alert color="orange" variant="light" mt="xs" p="xs" data-testid="no-service-tag">
                  <Text size="sm">{t('data.noServiceTag')}</Text>
                </Alert>
              )}
              {columns.length > 0 && systemColumnsMissing(mapping) && (
                <Alert color="orange" variant="light" mt="xs" p="xs" data-testid="system-columns-missing">
                  <Text size="sm">{systemColumnsMissing(mapping)}</Text>
                </Alert>
              )}
            </Paper>
          )}
          <Select
            label={t('data.importCountry')}
            description={t('data.importCountryHint')}
            data={countryOptions('').filter((o) => o.value !== NO_COUNTRY)}
            value={country}
            onChange={(v) => v && patch({ country: v })}
            searchable
            filter={placeFilter}
            allowDeselect={false}
            nothingFoundMessage={t('record.pickNothing')}
            maw={360}
            data-testid="import-country"
          />
          <Switch label={t('data.dryRun')} checked={dryRun} onChange={(e) => patch({ dryRun: e.currentTarget.checked })} />
          {imported ? (
            <Group gap="sm">
              <Button variant="light" onClick={another}>
                {t('data.importAnother')}
              </Button>
              <Text size="sm" c="dimmed" data-testid="import-done">
                {t('data.importedAlready')}
              </Text>
            </Group>
          ) : (
            <Group>
              <Button onClick={() => void run()} loading={busy} disabled={busy || list.length === 0 || elsewhere !== null}>
                {dryRun ? t('data.importTry') : t('data.importRun')}
              </Button>
              {(busy || elsewhere) && (
                <Button variant="default" onClick={() => void cancel()} disabled={cancelling} data-testid="import-cancel">
                  {cancelling ? t('data.importCancelling') : t('data.importCancel')}
                </Button>
              )}
            </Group>
          )}
          {!busy && elsewhere && (
            <Text size="sm" c="dimmed" data-testid="import-elsewhere">
              {t('data.importElsewhere', { files: elsewhere.files.map((f) => f.split(/[\\/]/).pop() ?? f).join(t('list.separator')) })}
            </Text>
          )}
          {((progress && busy) || elsewhere?.progress) && <ImportProgress progress={(busy ? progress : elsewhere?.progress) ?? { file: '', rows: 0, share: 0 }} />}
          {problem && <ProblemAlert problem={problem} title={t('data.importFailed')} />}
          {summary && (
            <Paper withBorder radius="md" p="sm" data-testid="import-summary">
              <Text size="sm" fw={600}>
                {t(summary.dryRun ? 'data.importWould' : 'data.importDone', {
                  customers: tc('data.count.customers', summary.imported.customers),
                  contacts: tc('data.count.contacts', summary.imported.contacts),
                  assets: tc('data.count.assets', summary.imported.assets),
                  tickets: tc('data.count.tickets', summary.imported.tickets),
                  events: tc('data.count.events', summary.imported.events),
                })}
              </Text>
              {from === 'csv' && summary.imported.assets === 0 && summary.imported.customers > 0 && !mapping.serviceTag && (
                <Text size="sm" c="dimmed">
                  {t('data.noServiceTag')}
                </Text>
              )}
              {summary.existing > 0 && (
                <Text size="sm" c="dimmed" data-testid="import-existing">
                  {tc('data.importExisting', summary.existing)}
                </Text>
              )}
              {summary.assumed.count > 0 && <AssumedNotice assumed={summary.assumed} dryRun={summary.dryRun} />}
              {summary.cancelled && (
                <Alert color="orange" variant="light" p="xs" data-testid="import-cancelled">
                  <Text size="sm">{t(summary.dryRun ? 'data.importCancelledTrial' : 'data.importCancelled')}</Text>
                </Alert>
              )}
              {summary.mobilesLeft.count > 0 && (
                <Text size="sm" c="dimmed" data-testid="import-mobiles-left">
                  {tc('data.importMobilesLeft', summary.mobilesLeft.count, { rows: summary.mobilesLeft.first.map((m) => formatNumber(m.row)).join(t('list.separator')) + (summary.mobilesLeft.count > summary.mobilesLeft.first.length ? '…' : '') })}
                </Text>
              )}
              {summary.suspended.users > 0 && (
                <Text size="sm" c="dimmed" data-testid="import-suspended">
                  {tc('data.importSuspended', summary.suspended.users)}
                  {summary.suspended.tickets > 0 && ` ${tc('data.importSuspendedTickets', summary.suspended.tickets)}`} {t('data.importSuspendedBack', { field: '"suspended": false' })}
                </Text>
              )}
              <Text size="sm" c={summary.rejected ? 'orange' : 'dimmed'} data-testid="import-rejected">
                {summary.rejected ? <RejectsFileNamed count={summary.rejected} path={summary.rejects} /> : t('data.importNoRejects')}
              </Text>
              {summary.rejected > 0 && <PathFolder path={summary.rejects} />}
              {summary.localNumbers && (
                <Alert color="orange" variant="light" p="xs" data-testid="import-local-numbers">
                  <Text size="sm">{t('data.importLocalNumbers', { count: formatNumber(summary.localNumbers.count), countries: summary.localNumbers.countries.map(countryName).join(t('data.importCountriesOr')) })}</Text>
                  <Group gap="xs" mt={6}>
                    {summary.localNumbers.countries.map((c) => (
                      <Button key={c} size="compact-sm" variant="light" onClick={() => patch({ country: c, lastRun: null })} disabled={country === c}>
                        {t('data.importCountryUse', { country: countryName(c) })}
                      </Button>
                    ))}
                  </Group>
                </Alert>
              )}
              {summary.rejectedRows && <RejectedRowsDownload rejects={summary.rejects} saved={summary.rejectedRows} />}
              {summary.rejectedPages.length > 0 && <RejectedPages pages={summary.rejectedPages} onUse={() => patch({ from: 'zendesk', files: summary.rejectedPages.join('\n'), lastRun: null })} />}
              {summary.firstRejects.length > 0 && <RejectsTable summary={summary} />}
            </Paper>
          )}
        </Stack>
      </Section>
    </Stack>
  );
}

/**
 * "3 rows rejected; each is in rejects-….jsonl with the reason.", the file's name kept on one line:
 * in a Persian sentence its halves landed at opposite ends of two lines.
 */
function RejectsFileNamed({ count, path }: { count: number; path: string }) {
  const [before, after] = tc('data.importRejected', count, { path: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      <bdi dir="ltr" style={{ whiteSpace: 'nowrap' }}>
        {pathShown(path).name}
      </bdi>
      {after}
    </>
  );
}

/** The folder of a file the summary names, under its name: a line breaks only after a separator, never inside a folder's name. */
function PathFolder({ path }: { path: string }) {
  const { folder } = pathShown(path);
  if (folder.length === 0) return null;
  return (
    <Text size="xs" c="dimmed" dir="ltr" ff="monospace" ta="start" style={{ wordBreak: 'keep-all', overflowWrap: 'normal' }} data-testid="import-rejects-folder">
      {folder.map((piece, i) => (
        <Fragment key={i}>
          {piece}
          <wbr />
        </Fragment>
      ))}
    </Text>
  );
}

/** How far an import is: a progress push's rows and share of its file. */
const shareOf = (p: { file: string; rows: number; bytesRead: number; bytes: number }) => ({ file: p.file, rows: p.rows, share: p.bytes ? Math.min(1, p.bytesRead / p.bytes) : 0 });

function ImportProgress({ progress }: { progress: { file: string; rows: number; share: number } }) {
  return (
    <Box>
      <Text size="xs" c="dimmed" mb={4}>
        {t('data.importProgress', { file: progress.file.split(/[\\/]/).pop() ?? '', rows: formatNumber(progress.rows) })}
      </Text>
      <Progress value={progress.share * 100} animated aria-label={t('data.importProgressLabel')} />
    </Box>
  );
}

/**
 * Companies a contact or ticket named that the companies file lacks: the import created them
 * with an assumed segment and service level (their tickets' queue and SLA), so it says so, with
 * what to do, after a trial run and after the import. After the import each name opens the
 * record created for it (its 360° view), where the segment is corrected; past the first five,
 * "Show all" lists every one the summary holds.
 */
function AssumedNotice({ assumed, dryRun }: { assumed: ImportSummaryView['assumed']; dryRun: boolean }) {
  const [all, setAll] = useState(false);
  const listId = useId();
  const brief = assumedInBrief(assumed);
  // The names go into the sentence as markers, each then drawn as itself (a link after the
  // import). Right to left, the list starts with a right-to-left mark and each name is isolated
  // (<bdi>), so the names read in the sentence's order and a Latin name does not pull its
  // neighbours around.
  const rtl = currentDirection() === 'rtl';
  const names = (rtl ? '\u200f' : '') + brief.names.map((_, i) => `\u0000${i}\u0000`).join(t('list.separator')) + (brief.more > 0 ? ` ${tc('data.importAssumedMore', brief.more)}` : '');
  // Each segment and level assumed, once (today always small business, standard).
  const as = brief.kinds.map((a) => t('data.importAssumedAs', { segment: segmentLabel(a.segment), level: serviceLevelLabel(a.serviceLevel) })).join(t('list.groupSeparator'));
  const sentence = tc(dryRun ? 'data.importAssumedWould' : 'data.importAssumed', assumed.count, { assumed: as, names, column: 'Segment' });
  const parts = sentence.split(/\u0000(\d+)\u0000/).map((part, i) => (i % 2 === 0 ? <Fragment key={i}>{part}</Fragment> : <AssumedName key={i} company={assumed.first[Number(part)]!} />));
  // Names the sentence leaves out: the summary holds the first 20, and says how many it does not.
  const more = assumed.first.length > brief.names.length;
  return (
    <Alert color="orange" variant="light" p="xs" data-testid="import-assumed">
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {parts}
      </Text>
      {more && (
        <>
          <Anchor component="button" type="button" size="sm" mt={4} onClick={() => setAll(!all)} aria-expanded={all} aria-controls={listId}>
            {all ? t('data.importAssumedHide') : t(brief.unlisted > 0 ? 'data.importAssumedShowFirst' : 'data.importAssumedShowAll', { count: assumed.first.length })}
          </Anchor>
          <Collapse expanded={all} id={listId}>
            <List size="sm" spacing={2} mt={4} data-testid="import-assumed-all" style={{ overflowWrap: 'anywhere' }}>
              {assumed.first.map((a, i) => (
                <List.Item key={`${a.name}/${i}`}>
                  <AssumedName company={a} />
                </List.Item>
              ))}
            </List>
            {brief.unlisted > 0 && (
              <Text size="sm" c="dimmed" mt={4}>
                {tc('data.importAssumedUnlisted', brief.unlisted, { shown: assumed.first.length })}
              </Text>
            )}
          </Collapse>
        </>
      )}
    </Alert>
  );
}

/** An assumed company's name: after the import, a link to the record created for it (a trial run created none). */
function AssumedName({ company }: { company: ImportSummaryView['assumed']['first'][number] }) {
  const name = <bdi>{company.name}</bdi>;
  if (!company.customerId) return name;
  return (
    <Anchor href={customerHref(company.customerId)} inherit underline="always" data-testid="assumed-company">
      {name}
    </Anchor>
  );
}

type Reject = ImportSummaryView['firstRejects'][number];

/** What to fix, in the reader's language where the import named the reason; else its own sentence. */
function rejectReason(r: Reject) {
  if (r.key === 'invalidFields') return <FieldIssues params={r.params ?? {}} />;
  if (r.key === 'unmappedFields') {
    const params = r.params ?? {};
    return (
      <Stack gap={2}>
        <span>{unmappedFieldsReason(params)}</span>
        {/* Mapped fields the rules refused in the same row, if any. */}
        {params.invalid && <FieldIssues params={{ ...params, fields: params.invalid }} />}
      </Stack>
    );
  }
  const keyed = keyedRejectReason(r);
  if (keyed !== null) return keyed;
  if (currentLanguage() === 'en') return r.reason;
  return (
    <>
      {t('data.reject.other')}{' '}
      <Text span size="xs" c="dimmed" dir="ltr">
        {r.reason}
      </Text>
    </>
  );
}

/** A row the shared rules refused: which fields, and under each what is wrong with it, as the record form would say it. */
function FieldIssues({ params }: { params: Record<string, string> }) {
  const issues = fieldIssues(params);
  return (
    <Stack gap={2}>
      <span>{t('data.reject.invalidFields', { fields: issues.map((i) => i.name).join(t('list.separator')) })}</span>
      {issues.map(({ field, name, issue }) =>
        issue ? (
          <Text key={field} span size="xs" c="dimmed" data-testid="reject-field-issue">
            {name}: {issue}
          </Text>
        ) : null,
      )}
    </Stack>
  );
}

/**
 * The rejected rows as a CSV to correct in a spreadsheet and import again (all of them, not the
 * first 20 the table shows): made here, with the reasons in the reader's words, from the rejects
 * file the import wrote on the desk's machine, and saved as a download (a browser and the desk's
 * window alike). The import also wrote it beside the rejects file, in English.
 */
function RejectedRowsDownload({ rejects, saved }: { rejects: string; saved: string }) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  // The download stopped at the desk's cap: how many rows it holds (the file beside the rejects file has them all).
  const [cutAt, setCutAt] = useState<number | null>(null);
  const download = async () => {
    setProblem(null);
    setBusy(true);
    try {
      const { rows, cut } = await call('import.rejectedRows', { rejects });
      setCutAt(cut ? rows.length : null);
      const csv = rejectedRowsFile(rows);
      if (csv === null) return;
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      a.download = saved.split(/[\\/]/).pop() ?? 'rejected-rows.csv';
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} mt={4}>
      <Group gap="sm" wrap="wrap">
        <Button size="compact-sm" variant="light" loading={busy} onClick={() => void download()} data-testid="rejected-rows-download">
          {t('data.rejectedRowsDownload')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('data.rejectedRowsHint', { column: t('data.rejectedRowsColumn') })}
      </Text>
      {cutAt !== null && (
        <Alert color="orange" variant="light" p="xs" data-testid="rejected-rows-cut">
          <Text size="sm">{t('data.rejectedRowsCut', { count: formatNumber(cutAt), path: saved })}</Text>
        </Alert>
      )}
      {problem && <ProblemAlert problem={problem} />}
    </Stack>
  );
}

/**
 * A Zendesk import's rejected records: JSON, not spreadsheet rows, so no CSV (said, with why);
 * the import wrote them as pages of their own kind beside the rejects file, each record with why
 * it was refused, to correct and import again. One click puts the pages in the file list.
 */
function RejectedPages({ pages, onUse }: { pages: readonly string[]; onUse: () => void }) {
  return (
    <Stack gap={4} mt={4} data-testid="rejected-pages">
      <Text size="xs" c="dimmed">
        {t('data.rejectedPagesHint', { field: 'tagdesk_rejected_because' })}
      </Text>
      <Box component="ul" m={0} ps="md" dir="ltr">
        {pages.map((p) => (
          <Text component="li" key={p} size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {p}
          </Text>
        ))}
      </Box>
      <Group gap="sm" wrap="wrap">
        <Button size="compact-sm" variant="light" onClick={onUse}>
          {t('data.rejectedPagesUse')}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Below this width the table's three columns left what to fix a sliver (at 420 px it ran past
 * the window's edge); each reject is then one cell: its file and row on a line, what to fix
 * under it, across the whole width.
 */
const REJECTS_TABLE_WIDTH = 480;

/** The first rejects of an import, each with its file, its row and what to fix; the rest are in the rejects file. */
function RejectsTable({ summary }: { summary: ImportSummaryView }) {
  const more = summary.rejected - summary.firstRejects.length;
  const box = useElementSize();
  const stacked = box.width > 0 && box.width < REJECTS_TABLE_WIDTH;
  const fileOf = (r: Reject) => r.file.split(/[\\/]/).pop() ?? r.file;
  return (
    <Box mt="xs" ref={box.ref}>
      <Table.ScrollContainer minWidth={stacked ? 0 : REJECTS_TABLE_WIDTH} type="native">
        <Table striped withTableBorder data-testid="import-rejects" fz="sm">
          <Table.Thead>
            <Table.Tr>
              {!stacked && <Table.Th>{t('data.rejectFile')}</Table.Th>}
              {!stacked && <Table.Th>{t('data.rejectRow')}</Table.Th>}
              <Table.Th>{t('data.rejectWhy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {summary.firstRejects.map((r, i) => (
              <Table.Tr key={`${r.file}/${r.row ?? 'file'}/${i}`}>
                {stacked ? (
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>
                    <Text size="xs" c="dimmed" data-testid="reject-where">
                      {r.row === null ? t('data.rejectWhereFile', { file: fileOf(r) }) : t('data.rejectWhere', { file: fileOf(r), row: formatNumber(r.row) })}
                    </Text>
                    {rejectReason(r)}
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td dir="ltr">{fileOf(r)}</Table.Td>
                    <Table.Td>{r.row === null ? t('data.rejectWholeFile') : formatNumber(r.row)}</Table.Td>
                    <Table.Td>{rejectReason(r)}</Table.Td>
                  </>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {more > 0 && (
        <Text size="xs" c="dimmed" mt={4}>
          {tc('data.rejectsMore', more, { path: pathShown(summary.rejects).name })}
        </Text>
      )}
    </Box>
  );
}

function PrivacyPanel({ customerId: asked }: { customerId: string | null }) {
  const settings = useCall('privacy.settings', {});
  // The form shows the period in force until the admin changes it (null: not changed).
  const [edited, setEdited] = useState<RetentionForm | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const current = settings.data?.retentionDays ?? null;
  const form = edited ?? retentionFormOf(current);
  const days = form.days;
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<{ id: string; who: { name: string; segment: Segment } | null }>({ id: asked ?? '', who: null });
  const customerId = chosen.id;
  // Opened from a record ("Export or erase"): the request is about that customer, named from
  // the record the button was on (kept in memory by RecordPanel).
  const record = useCall('customers.record', asked && !chosen.who && chosen.id === asked ? { customerId: asked } : null, { keep: true });
  const who = chosen.who ?? (record.data?.customer.id === customerId ? record.data.customer : null);
  const [confirmName, setConfirmName] = useState('');
  // Interactions a shorter period would remove for good, asked about before saving.
  const [confirming, setConfirming] = useState<number | null>(null);
  const save = async (confirmed: boolean) => {
    setProblem(null);
    setMessage(null);
    const chosen = retentionToSave(form);
    if (!chosen.ok) {
      setProblem({ code: 'invalid_input', message: t('data.retentionDaysMissing'), issues: [{ path: 'retentionDays', message: t('data.retentionDaysMissing') }] });
      return;
    }
    const { retentionDays } = chosen;
    try {
      if (!confirmed && retentionDays !== null) {
        const { removed } = await call('privacy.retentionPreview', { retentionDays });
        if (removed > 0) {
          setConfirming(removed);
          return;
        }
      }
      setConfirming(null);
      const r = await call('privacy.saveSettings', { retentionDays });
      setMessage(retentionDays === null ? t('data.retentionForeverSaved') : t('data.retentionSaved', { removed: formatNumber(r.removed) }));
      await settings.refetch();
      setEdited(null);
    } catch (error) {
      setConfirming(null);
      setProblem(problemOf(error));
    }
  };
  const exportOne = async () => {
    setProblem(null);
    try {
      const data = await call('privacy.export', { customerId });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      a.download = `customer-${customerId}.json`;
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  const [finderRun, setFinderRun] = useState(0);
  const erase = async () => {
    setProblem(null);
    try {
      await call('privacy.erase', { customerId, confirmName });
      setMessage(t('data.erasedDone'));
      setConfirmName('');
      setChosen({ id: '', who: null });
      setQuery('');
      // A new finder: the erased person's name, phone and email leave the screen with its list.
      setFinderRun((n) => n + 1);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };
  return (
    <Stack gap="md" maw={720}>
      {problem && <ProblemAlert problem={problem} title={t('record.notSaved')} />}
      {message && (
        <Text size="sm" c="teal" role="status">
          {message}
        </Text>
      )}
      <Section title={t('data.retention')}>
        <Radio.Group
          aria-label={t('data.retention')}
          description={current === null ? t('data.retentionForever') : t('data.retentionNow', { days: current })}
          value={form.keep}
          onChange={(v) => setEdited(retentionKeepChosen(form, v === 'forever' ? 'forever' : 'days'))}
          mb="sm"
        >
          <Stack gap={6} mt={6}>
            <Radio value="days" label={t('data.retentionKeepDays')} disabled={!settings.data} />
            <Radio value="forever" label={t('data.retentionKeepForever')} disabled={!settings.data} />
          </Stack>
        </Radio.Group>
        <Group align="flex-end">
          <LocalNumberInput
            label={t('data.retentionDays')}
            value={days}
            // Not while "for ever" is chosen: the number stays, greyed, for "Keep for" again.
            disabled={!settings.data || !retentionDaysEditable(form)}
            onChange={(v) => setEdited({ keep: 'days', days: typeof v === 'number' ? v : '' })}
            min={30}
            max={36500}
            clampBehavior="none"
            allowDecimal={false}
            error={problem?.issues.find((i) => i.path === 'retentionDays')?.message}
            // Room for its label on one line (in a box of 260 px it broke over three in Persian).
            maw={520}
            style={{ flex: '1 1 260px' }}
          />
          <Button onClick={() => void save(false)} disabled={!settings.data}>
            {t('record.save')}
          </Button>
        </Group>
        <Modal opened={confirming !== null} onClose={() => setConfirming(null)} title={t('data.retentionConfirmTitle')}>
          <Stack gap="md">
            <Text size="sm">{t('data.retentionConfirm', { removed: formatNumber(confirming ?? 0), days: days === '' ? 0 : days })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                {t('common.cancel')}
              </Button>
              <Button color="red" onClick={() => void save(true)}>
                {t('data.retentionRemove')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      </Section>
      <Section title={t('data.requests')}>
        <Stack gap="sm">
          <CustomerFinder
            key={finderRun}
            label={t('data.findCustomer')}
            description={t('data.findCustomerHint')}
            chooseLabel={t('data.chooseCustomer')}
            query={query}
            onQuery={setQuery}
            chosen={customerId}
            onChoose={(id, c) => {
              setChosen({ id, who: c && { name: c.customerName, segment: c.segment } });
              setConfirmName('');
            }}
          />
          {customerId && (
            <Text size="sm">
              {t('data.requestFor')} <b>{who ? <CustomerLine name={who.name} segment={who.segment} /> : '…'}</b>
            </Text>
          )}
          <Group>
            <Button variant="light" onClick={() => void exportOne()} disabled={!customerId}>
              {t('data.exportJson')}
            </Button>
          </Group>
          <TextInput label={t('data.eraseConfirm')} value={confirmName} onChange={(e) => setConfirmName(e.currentTarget.value)} error={problem?.issues.find((i) => i.path === 'confirmName')?.message} />
          <Button color="red" variant="light" w="fit-content" onClick={() => void erase()} disabled={!customerId || !confirmName.trim()}>
            {t('data.erase')}
          </Button>
        </Stack>
      </Section>
    </Stack>
  );
}
