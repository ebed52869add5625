import { Alert, Text } from '@mantine/core';
import { IconDatabaseExclamation } from '@tabler/icons-react';
import { call } from '../backend';
import { formatDateTime, t, tc } from '../i18n';
import { refreshSyncStatus, useSyncStatus } from './syncStatus';

/**
 * Says, on every page, that the hub lost changes (its database restored from an older backup),
 * to the people whose changes made at this desk it lost (how many) and to supervisors and admins
 * (how many of the desk's), and that the desk sends them again: how many still wait, how many the
 * hub refused (each a sync conflict for its author). The desk keeps it until the reader dismisses it, across restarts
 * (src/main/core/sync/hubRestoredNotice.ts): the sync indicator's tooltip alone was easy to miss.
 */
export function HubRestoredNotice() {
  const status = useSyncStatus();
  const notice = status?.mode === 'hub' ? status.hubRestored : undefined;
  if (!notice) return null;
  // The changes counted (the desk's for supervisors and admins, else the reader's), sent again.
  const lost = notice.desk ?? notice.mine;
  const dismiss = () => {
    call('sync.dismissHubRestored', {}).then(refreshSyncStatus, () => undefined);
  };
  return (
    <Alert color="red" radius={0} py={8} role="alert" icon={<IconDatabaseExclamation size={18} aria-hidden />} title={t('hubRestored.title')} withCloseButton closeButtonLabel={t('common.dismiss')} onClose={dismiss} data-testid="hub-restored">
      <Text size="sm">{t('hubRestored.detail', { at: formatDateTime(notice.at) })}</Text>
      <Text size="sm" mt={4}>{notice.desk === undefined ? tc('hubRestored.mine', notice.mine) : tc('hubRestored.desk', notice.desk)}</Text>
      {lost > 0 && (
        <Text size="sm" mt={4} data-testid="hub-restored-resent">
          {[notice.waiting > 0 ? tc('hubRestored.waiting', notice.waiting) : notice.refused < lost ? t('hubRestored.sent') : null, notice.refused > 0 ? tc('hubRestored.refused', notice.refused) : null].filter((line) => line !== null).join(' ')}
        </Text>
      )}
    </Alert>
  );
}
