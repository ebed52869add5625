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

/** Re-times every open ticket; says how many moved, or that it failed again (the notices read the new failure). */
export async function retryRetime(): Promise<void> {
  try {
    const r = await call('sla.retryRetime', {});
    if (r.failure) notifications.show({ color: 'red', title: t('slaRetime.stillFailed'), message: t(WHY[r.failure.reason]) });
    else {
      notifications.hide('sla-retime-failed');
      notifications.show({ color: 'teal', message: slaRetimedMessage(r.retimed) });
    }
  } catch (error) {
    notifications.show({ color: 'red', title: t('slaRetime.stillFailed'), message: problemOf(error).message });
  }
}

/** Why, what it means for the tickets, what the system said, and "Try again" (admins). */
export function RetimeFailedBody({ failure, canRetry }: { failure: RetimeFailure; canRetry: boolean }) {
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
      <Text size="sm">{t('slaRetime.failedKept', { at: formatDateTime(failure.at) })}</Text>
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
