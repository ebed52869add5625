import { Alert, Text } from '@mantine/core';
import { IconDatabaseExclamation } from '@tabler/icons-react';
import { call } from '../backend';
import { formatDateTime, t, tc } from '../i18n';
import { refreshSyncStatus, useSyncStatus } from './syncStatus';

/**
 * Says, on every page, that the hub lost changes (its database restored from an older backup),
 * to the people whose changes made at this desk it lost (how many) and to supervisors and admins
 * (how many of the desk's). The desk keeps it until the reader dismisses it, across restarts
 * (src/main/core/sync/hubRestoredNotice.ts): the sync indicator's tooltip alone was easy to miss.
 */
export function HubRestoredNotice() {
  const status = useSyncStatus();
  const notice = status?.mode === 'hub' ? status.hubRestored : undefined;
  if (!notice) return null;
  const dismiss = () => {
    call('sync.dismissHubRestored', {}).then(refreshSyncStatus, () => undefined);
  };
  return (
    <Alert color="red" radius={0} py={8} role="alert" icon={<IconDatabaseExclamation size={18} aria-hidden />} title={t('hubRestored.title')} withCloseButton closeButtonLabel={t('common.dismiss')} onClose={dismiss} data-testid="hub-restored">
      <Text size="sm">{t('hubRestored.detail', { at: formatDateTime(notice.at) })}</Text>
      <Text size="sm" mt={4}>{notice.desk === undefined ? tc('hubRestored.mine', notice.mine) : tc('hubRestored.desk', notice.desk)}</Text>
    </Alert>
  );
}
