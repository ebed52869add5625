import { Button, CopyButton, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCircleCheck, IconCopy, IconX } from '@tabler/icons-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { SyncConflict } from '../../shared/syncApi';
import { call, problemOf, useCall, useNow } from '../backend';
import { sayMessage } from '../sayMessage';
import { client } from '../client';
import { formatRelative, t } from '../i18n';
import { PageHeader, PageLoading, ProblemAlert } from '../page';
import { hrefOf } from '../route';
import { personName } from '../labels';
import { refreshSyncStatus, useSyncStatus } from './syncStatus';
import classes from './Sync.module.css';
import { conflictFollowsFrom, conflictNextStep, conflictRecordLink, conflictSummary } from './conflictText';
import { cardAfterDismiss, conflictCardId } from './dismissFocus';

/**
 * The changes this person made that the hub refused (for an admin, also the desk's own
 * accounts' work, each naming the account: an import's, a stand-in's): what they tried, what they wrote into
 * it (kept as typed, to copy), why it was refused, what to do now, the ticket, and a button
 * to dismiss each once dealt with. Follows the
 * desk's sync state live (a new refusal appears without a reload). Once one is dismissed,
 * focus goes to the card that took its place, or the one before it (the heading when none is left).
 */
export function ConflictsPage() {
  const status = useSyncStatus();
  const list = useCall('sync.conflicts', {});
  const { refetch } = list;
  // A new refusal, or one dismissed in another window, changes the count: ask again.
  const count = status?.mode === 'hub' ? status.conflicts : null;
  useEffect(() => {
    if (count !== null) void refetch();
  }, [count, refetch]);
  useEffect(() => client.on('sync.changed', () => void refetch()), [refetch]);
  // A dismissed card, and the card focus goes to once the list no longer shows it.
  const focusAfter = useRef<{ gone: string; to: string | null } | null>(null);
  const onDismissed = (eventId: string) => {
    focusAfter.current = { gone: eventId, to: cardAfterDismiss(list.data?.map((c) => c.eventId) ?? [], eventId) };
    void refetch();
  };
  // Before the frame is drawn, so focus never rests on the page's body (pageFocus.ts would
  // then give it to the heading).
  useLayoutEffect(() => {
    const f = focusAfter.current;
    if (!f || !list.data || list.data.some((c) => c.eventId === f.gone)) return;
    focusAfter.current = null;
    if (f.to) document.getElementById(conflictCardId(f.to))?.focus();
  }, [list.data]);

  return (
    <Stack gap="md" maw={900}>
      <PageHeader title={t('conflicts.title')} description={t('conflicts.lead')} />
      {list.problem && !list.data ? (
        <ProblemAlert problem={list.problem} onRetry={() => void refetch()} />
      ) : !list.data ? (
        <PageLoading />
      ) : list.data.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" color="teal" radius="xl" size="lg" aria-hidden>
              <IconCircleCheck size={20} />
            </ThemeIcon>
            <Text>{status?.mode === 'alone' ? t('conflicts.alone') : t('conflicts.empty')}</Text>
          </Group>
        </Paper>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {list.data.map((c) => (
            <ConflictCard key={c.eventId} conflict={c} onDismissed={() => onDismissed(c.eventId)} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function ConflictCard({ conflict: c, onDismissed }: { conflict: SyncConflict; onDismissed: () => void }) {
  const now = useNow();
  const [busy, setBusy] = useState(false);
  const headingId = `conflict-${c.eventId}`;
  const summary = conflictSummary(c);
  /** Whose change it was, when not the reader's: a desk account's, or someone deactivated since (an admin reads both). */
  const by = c.deskAccount ?? c.deactivatedAuthor;
  const followsFrom = conflictFollowsFrom(c);
  const recordLink = conflictRecordLink(c);
  const dismiss = async () => {
    setBusy(true);
    try {
      await call('sync.dismissConflict', { eventId: c.eventId });
      notifications.show({ color: 'teal', message: t('conflicts.dismissed') });
      refreshSyncStatus();
      onDismissed();
    } catch (error) {
      notifications.show({ color: 'red', title: t('act.failedTitle'), message: problemOf(error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper component="li" id={conflictCardId(c.eventId)} tabIndex={-1} withBorder radius="md" p="md" className={classes.card} aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2} style={{ flex: '1 1 240px', minWidth: 0 }}>
            <Text className={classes.label}>{by === undefined ? t('conflicts.tried') : t('conflicts.triedBy', { name: personName(by) })}</Text>
            <Text fw={650} id={headingId}>
              <Said text={summary} stored={c.summary} />
            </Text>
            <Text size="xs" c="dimmed">
              {t('conflicts.when', { made: formatRelative(c.deskTime, now), refused: formatRelative(c.refusedAt, now) })}
            </Text>
          </Stack>
          <Group gap="xs">
            {c.stream === 'ticket' && (
              <Button component="a" href={hrefOf({ name: 'ticket', ticketId: c.entityId })} variant="light" size="xs">
                {t('conflicts.openTicket', { number: c.ticketNumber ?? c.entityId })}
              </Button>
            )}
            {recordLink && (
              <Button component="a" href={hrefOf(recordLink.route)} variant="light" size="xs">
                {recordLink.label}
              </Button>
            )}
            <Button variant="default" size="xs" leftSection={<IconX size={14} aria-hidden />} loading={busy} onClick={() => void dismiss()} aria-label={t('conflicts.dismissLabel', { summary })}>
              {t('conflicts.dismiss')}
            </Button>
          </Group>
        </Group>
        {c.deskAccount !== undefined && (
          <Text size="sm" c="dimmed">
            {t('conflicts.deskAccount', { name: personName(c.deskAccount) })}
          </Text>
        )}
        {c.deactivatedAuthor !== undefined && (
          <Text size="sm" c="dimmed">
            {t('conflicts.deactivatedAuthor', { name: c.deactivatedAuthor })}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Stack gap={2}>
            <Text className={classes.label}>{t('conflicts.why')}</Text>
            <Text size="sm">
              <Said text={sayMessage(c.reason)} stored={c.reason} />
            </Text>
            {followsFrom && <Text size="sm">{followsFrom}</Text>}
          </Stack>
          <Stack gap={2}>
            <Text className={classes.label}>{t('conflicts.next')}</Text>
            <Text size="sm">
              <Said text={conflictNextStep(c)} stored={c.nextStep} />
            </Text>
          </Stack>
        </SimpleGrid>
        {c.written !== null && <Written text={c.written} />}
      </Stack>
    </Paper>
  );
}

/**
 * A sentence of the conflict: one said in the page's language is part of the page; one shown
 * as the desk stored it (English, or the hub's own words) is isolated, so its direction is its own.
 */
function Said({ text, stored }: { text: string; stored: string }) {
  return text === stored ? <bdi>{text}</bdi> : <>{text}</>;
}

/** What the author typed into the refused change, as typed (its own direction), with a button to copy it. */
function Written({ text }: { text: string }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text className={classes.label}>{t('conflicts.written')}</Text>
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="default" size="xs" leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />} onClick={copy} aria-label={t('conflicts.copyLabel')}>
              {copied ? t('conflicts.copied') : t('conflicts.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Text size="sm" dir="auto" className={classes.written}>
        {text}
      </Text>
    </Stack>
  );
}
