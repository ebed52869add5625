import { Alert, Button, Code, CopyButton, Group, List, Progress, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy, IconDatabaseExport } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { administers } from '../../shared/access';
import { backupSettingsSchema, MAX_KEEP, newestBackup, restoreCommand, type BackupFailure, type BackupStatus } from '../../shared/backups';
import { call, onBackupsChanged, problemOf, useCall, type Problem } from '../backend';
import { LocalNumberInput } from '../dates/DigitFields';
import { formatDateTime, formatNumber, formatPercent, formatRelative, listNumbering, t, tc, type MessageKey } from '../i18n';
import { FailedPage, PageHeader, PageLoading, ProblemAlert, RefusedPage, Section } from '../page';
import { useSession } from '../session';
import { localIssues, issueIndex, type Issue } from './forms';

// The desk's backups, for admins (access.ts mayManageBackups; the desk makes them in
// src/main/core/backups.ts): the last one and the ones kept, "Back up now" with its progress
// and result, where they go and how many are kept, and how to restore one (the CLI, with the
// desk stopped). Progress and results arrive as 'backups.changed', so a backup started by the
// desk itself or in another window shows here too.

const FAILURE_KEYS: Record<BackupFailure, MessageKey> = {
  permission: 'backups.failedPermission',
  readOnly: 'backups.failedReadOnly',
  full: 'backups.failedFull',
  folder: 'backups.failedFolder',
  check: 'backups.failedCheck',
  other: 'backups.failedOther',
};

/** A file's size in megabytes, as the reader writes numbers. */
const sizeOf = (bytes: number): string => t('backups.size', { mb: formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10) });

export function BackupsPage() {
  const { user } = useSession();
  const allowed = administers(user);
  const status = useCall('backups.status', allowed ? {} : null);
  const { show } = status;
  // What this window asked for: its result is said once it ends.
  const [asked, setAsked] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => (allowed ? onBackupsChanged((s) => show(s)) : undefined), [allowed, show]);
  if (!allowed) return <RefusedPage page={t('backups.title')} title={t('backups.forbiddenTitle')} message={t('backups.forbidden')} />;
  if (!status.data) return status.problem ? <FailedPage page={t('backups.title')} problem={status.problem} onRetry={() => void status.refetch()} /> : <PageLoading />;
  const s = status.data;
  const last = s.backups[0] ?? null;
  // After the folder was changed, the backups left in the one before (the newest anywhere is what a restore takes).
  const newest = newestBackup(s);
  const earlierFolder = !last && newest ? s.earlier.find((e) => e.backups.includes(newest))?.folder : undefined;
  const runNow = async () => {
    setProblem(null);
    setAsked(true);
    try {
      show(await call('backups.run', {}));
    } catch (error) {
      setAsked(false);
      setProblem(problemOf(error));
    }
  };
  return (
    <Stack gap="lg" maw={900}>
      <PageHeader title={t('backups.title')} description={t('backups.lead')} />
      {problem && <ProblemAlert problem={problem} />}
      {s.lastFailure && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('backups.failedTitle', { at: formatDateTime(s.lastFailure.at), kind: t(`backups.kind.${s.lastFailure.reason}`) })} data-testid="backup-failed">
          <Stack gap={4}>
            <Text size="sm">{t(FAILURE_KEYS[s.lastFailure.reason], { folder: s.lastFailure.folder })}</Text>
            <Text size="sm">{s.nextAt === null ? t('backups.failedKept') : t('backups.failedRetry', { at: formatDateTime(s.nextAt) })}</Text>
            {/* What the system said, as it said it (English): a secondary line for whoever fixes it. */}
            <Text size="xs" c="dimmed" data-testid="backup-failed-detail">
              {t('backups.failedDetail', { detail: s.lastFailure.detail })}
            </Text>
          </Stack>
        </Alert>
      )}
      <Section
        title={t('backups.lastTitle')}
        id="backup-last"
        actions={
          <Button leftSection={<IconDatabaseExport size={16} />} onClick={() => void runNow()} loading={s.running !== null} loaderProps={{ type: 'dots' }}>
            {t('backups.now')}
          </Button>
        }
      >
        <Stack gap="xs">
          {last ? (
            <Text size="sm" data-testid="backup-last">
              {t('backups.last', { at: formatDateTime(last.at), ago: formatRelative(last.at, Date.now()), size: sizeOf(last.size) })}
            </Text>
          ) : newest && earlierFolder ? (
            <Text size="sm" data-testid="backup-last">
              {t('backups.earlierLast', { at: formatDateTime(newest.at), ago: formatRelative(newest.at, Date.now()), folder: earlierFolder })}
            </Text>
          ) : (
            <Text size="sm" data-testid="backup-last">
              {t('backups.none')}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {s.nextAt === null ? t('backups.noAutomatic') : t('backups.next', { at: formatDateTime(s.nextAt) })}
          </Text>
          {s.running ? (
            <Stack gap={4} role="status">
              <Text size="sm">{t('backups.running', { share: formatPercent(s.running.pagesTotal ? s.running.pagesDone / s.running.pagesTotal : 0) })}</Text>
              <Progress value={s.running.pagesTotal ? (100 * s.running.pagesDone) / s.running.pagesTotal : 0} aria-label={t('backups.progress')} animated />
            </Stack>
          ) : (
            asked &&
            !s.lastFailure &&
            last && (
              <Text size="sm" c="teal" role="status" data-testid="backup-done">
                {t('backups.done', { size: sizeOf(last.size) })} <bdi dir="ltr">{last.name}</bdi>
              </Text>
            )
          )}
        </Stack>
      </Section>
      <Section title={tc('backups.kept', s.backups.length)} id="backup-list" padding={s.backups.length ? 0 : 'md'}>
        {s.backups.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('backups.keptNone')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={0}>
            <Table verticalSpacing="xs" data-testid="backup-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('backups.taken')}</Table.Th>
                  <Table.Th ta="end">{t('backups.sizeHead')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.backups.map((b) => (
                  <Table.Tr key={b.name}>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(b.at)}</Text>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        <bdi dir="ltr">{b.name}</bdi>
                      </Text>
                    </Table.Td>
                    <Table.Td ta="end" style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{sizeOf(b.size)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {/* The folder was changed: the backups left in the one before, said where they are. */}
        {s.earlier.length > 0 && (
          <Stack gap={4} data-testid="backup-earlier" p={s.backups.length ? 'md' : 0} pt="sm">
            {s.earlier.map((e) => (
              <Text key={e.folder} size="sm" c="dimmed">
                {tc('backups.earlier', e.backups.length, { folder: e.folder, at: formatDateTime(e.backups[0]!.at) })}
              </Text>
            ))}
          </Stack>
        )}
      </Section>
      <SettingsForm status={s} onSaved={show} />
      <Section title={t('backups.restoreTitle')} id="backup-restore">
        <Stack gap="sm">
          {/* Numbered in the reader's digits (Mantine's own list-style-type overrode a `style` one: Persian read "1." "2."). */}
          <List size="sm" spacing={6} type="ordered" listStyleType={listNumbering()} data-testid="restore-steps">
            <List.Item>{t('backups.restoreStop', { dir: s.dataDir })}</List.Item>
            <List.Item>{t('backups.restoreRun')}</List.Item>
          </List>
          <RestoreCommand command={restoreCommand(newest?.file ?? t('backups.restoreFile'), s.dataDir)} />
          <Text size="sm" c="dimmed">
            {t('backups.restoreKept', { kept: 'tagdesk.sqlite.before-restore-<time>' })}
          </Text>
        </Stack>
      </Section>
    </Stack>
  );
}

function RestoreCommand({ command }: { command: string }) {
  return (
    <Stack gap={6}>
      <Code block dir="ltr" data-testid="restore-command" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {command}
      </Code>
      <Group>
        <CopyButton value={command}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />} onClick={copy}>
              {copied ? t('backups.copied') : t('backups.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

function SettingsForm({ status, onSaved }: { status: BackupStatus; onSaved: (s: BackupStatus) => void }) {
  const custom = status.folder === status.defaultFolder ? '' : status.folder;
  const [folder, setFolder] = useState(custom);
  const [keep, setKeep] = useState<number | ''>(status.keep);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const at = issueIndex(issues);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setProblem(null);
    const input = { folder, keep: keep === '' ? Number.NaN : keep };
    const local = localIssues(backupSettingsSchema.safeParse(input));
    setIssues(local);
    if (local.length > 0) return;
    setBusy(true);
    try {
      const s = await call('backups.saveSettings', { folder: folder.trim() === '' ? null : folder, keep: keep === '' ? 0 : keep });
      onSaved(s);
      setSaved(true);
    } catch (error) {
      const p = problemOf(error);
      setIssues(p.issues);
      if (p.issues.length === 0) setProblem(p);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('backups.settingsTitle')} id="backup-settings">
      <form onSubmit={(e) => void save(e)} noValidate>
        <Stack gap="sm">
          {problem && <ProblemAlert problem={problem} title={t('record.notSaved')} />}
          <TextInput
            label={t('backups.folder')}
            description={t('backups.folderHint', { folder: status.defaultFolder })}
            placeholder={status.defaultFolder}
            value={folder}
            dir="ltr"
            onChange={(e) => {
              setFolder(e.currentTarget.value);
              setSaved(false);
            }}
            error={at.at('folder')}
          />
          <LocalNumberInput
            label={t('backups.keep')}
            description={t('backups.keepHint', { max: formatNumber(MAX_KEEP) })}
            value={keep}
            onChange={(v) => {
              setKeep(typeof v === 'number' ? v : '');
              setSaved(false);
            }}
            min={1}
            max={MAX_KEEP}
            clampBehavior="none"
            allowDecimal={false}
            error={at.at('keep')}
            maw={260}
          />
          <Group>
            <Button type="submit" loading={busy}>
              {t('record.save')}
            </Button>
            {saved && (
              <Text size="sm" c="teal" role="status">
                {t('backups.saved', { folder: status.folder, keep: formatNumber(status.keep) })}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
