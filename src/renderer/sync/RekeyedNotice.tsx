import { Alert, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { call } from '../backend';
import { formatDateTime, t } from '../i18n';
import { refreshSyncStatus, useSyncStatus } from './syncStatus';

/**
 * Says, on every page, that this desk's data folder was a copy (an imaged machine) and the desk
 * took an identity of its own, keeping its data and its unsent changes (src/main/core/deskPlace.ts),
 * to whoever signs in after it, until one of them dismisses it. The sync indicator's tooltip
 * alone was easy to miss, and the first person at a freshly imaged machine should know.
 */
export function RekeyedNotice() {
  const status = useSyncStatus();
  const notice = status?.mode === 'hub' ? status.rekeyed : undefined;
  if (!notice) return null;
  const dismiss = () => {
    call('sync.dismissRekeyed', {}).then(refreshSyncStatus, () => undefined);
  };
  const name = status?.mode === 'hub' ? status.deskName : undefined;
  return (
    <Alert color="yellow" radius={0} py={8} role="alert" icon={<IconCopy size={18} aria-hidden />} title={t('rekeyed.title')} withCloseButton closeButtonLabel={t('common.dismiss')} onClose={dismiss} data-testid="desk-rekeyed">
      <Text size="sm">{notice.fromName ? t('rekeyed.detailFrom', { from: notice.fromName, at: formatDateTime(notice.at) }) : t('rekeyed.detail', { at: formatDateTime(notice.at) })}</Text>
      <Text size="sm" mt={4}>
        {t('rekeyed.kept')}
      </Text>
      {name !== undefined && (
        <Text size="sm" mt={4}>
          {t('rekeyed.name', { name })}
        </Text>
      )}
    </Alert>
  );
}
