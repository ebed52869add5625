import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { RetimeFailure } from '../../shared/api';
import { call, problemOf } from '../backend';
import { formatDateTime, t, type MessageKey } from '../i18n';
import { slaRetimedMessage } from './shippedNames';

// A re-time of open tickets after a change of SLA settings failed (retime.ts): the admin is told
// that their due times still follow the settings before the change, why in plain words, and may
// try again (sla.retryRetime, which re-times every open ticket and answers when it is done).

const WHY: Record<RetimeFailure['reason'], MessageKey> = {
  full: 'slaRetime.failedFull',
  busy: 'slaRetime.failedBusy',
  readOnly: 'slaRetime.failedReadOnly',
  disk: 'slaRetime.failedDisk',
  other: 'slaRetime.failedOther',
};

/** The saving windows' notices of a failed re-time shown now, for a successful retry to take away. */
const shownFailures = new Set<string>();

/**
 * The saving window's notice, until dismissed. It takes the id of the save's "Saved. Re-timing…"
 * notice (EditorFrame), which it replaces: shown before it (the failure heard while the editor
 * still read the settings again), that one is then not shown at all.
 */
export function showRetimeFailed(id: string, title: string, failure: RetimeFailure): void {
  notifications.hide(id);
  shownFailures.add(id);
  notifications.show({ id, color: 'red', autoClose: false, title, message: <RetimeFailedBody failure={failure} canRetry brief />, onClose: () => shownFailures.delete(id) });
}

/** Re-times every open ticket; says how many moved, or that it failed again (the notices read the new failure). */
export async function retryRetime(): Promise<void> {
  try {
    const r = await call('sla.retryRetime', {});
    if (r.failure) notifications.show({ color: 'red', title: t('slaRetime.stillFailed'), message: t(WHY[r.failure.reason]) });
    else {
      for (const id of shownFailures) notifications.hide(id);
      shownFailures.clear();
      notifications.show({ color: 'teal', message: slaRetimedMessage(r.retimed) });
    }
  } catch (error) {
    notifications.show({ color: 'red', title: t('slaRetime.stillFailed'), message: problemOf(error).message });
  }
}

/**
 * Why, what it means for the tickets, what the system said, and "Try again" (admins); `brief`
 * (the saving window's notice): without what it means for the tickets, which the SLA settings page says.
 */
export function RetimeFailedBody({ failure, canRetry, brief = false }: { failure: RetimeFailure; canRetry: boolean; brief?: boolean }) {
  const [busy, setBusy] = useState(false);
  const retry = async () => {
    setBusy(true);
    try {
      await retryRetime();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={6}>
      <Text size="sm">{t(WHY[failure.reason])}</Text>
      {!brief && <Text size="sm">{t('slaRetime.failedKept', { at: formatDateTime(failure.at) })}</Text>}
      {failure.detail && (
        // What the system said, as it said it (English): a secondary line for whoever fixes it.
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="retime-failed-detail">
          {t('slaRetime.failedDetail', { detail: failure.detail })}
        </Text>
      )}
      {canRetry ? (
        <Group>
          <Button size="xs" color="red" variant="light" leftSection={<IconRefresh size={14} />} loading={busy} onClick={() => void retry()}>
            {t('slaRetime.tryAgain')}
          </Button>
        </Group>
      ) : (
        <Text size="sm">{t('slaRetime.adminRetries')}</Text>
      )}
    </Stack>
  );
}

/** The SLA settings page's notice. */
export function RetimeFailedNotice({ failure, canRetry }: { failure: RetimeFailure; canRetry: boolean }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title={t('slaRetime.failedTitle')} data-testid="retime-failed" role="alert">
      <RetimeFailedBody failure={failure} canRetry={canRetry} />
    </Alert>
  );
}
