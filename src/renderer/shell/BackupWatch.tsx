import { Anchor, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDatabaseExclamation } from '@tabler/icons-react';
import { useEffect } from 'react';
import type { BackupStatus } from '../../shared/backups';
import { call, onBackupsChanged } from '../backend';
import { formatDateTime, t } from '../i18n';
import { currentRoute, hrefOf } from '../route';
import { useSession } from '../session';
import { backupNoticeStep } from './backupNotice';
import { showSaidAnew } from './saidAnew';

// A backup the desk failed to make (a full disk, a folder it may not write) was seen only on the
// Backups page: an admin now hears of it wherever they are, once per run of failed tries (the
// rule: backupNoticeStep), with a link to the page. Mounted for admins only (the desk tells
// only them of backups). What this window has told of is kept for the tab (a reload is not news).

const NOTICE_ID = 'backup-failed';
const toldKey = (userId: string) => `tagdesk.backupFailureTold.${userId}`;

function readTold(userId: string): number | null {
  try {
    const v = Number(sessionStorage.getItem(toldKey(userId)));
    return Number.isFinite(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}
function writeTold(userId: string, since: number | null): void {
  try {
    if (since !== null) sessionStorage.setItem(toldKey(userId), String(since));
  } catch {
    /* no storage: told again after a reload */
  }
}

type Failure = NonNullable<BackupStatus['lastFailure']>;

/** The notice, in the language of the moment (said anew on a switch). */
const noticeOf = (f: Failure, nextAt: number | null) => ({
  id: NOTICE_ID,
  color: 'red',
  icon: <IconDatabaseExclamation size={18} />,
  title: t('backups.noticeTitle', { kind: t(`backups.kind.${f.reason}`) }),
  autoClose: false as const,
  message: (
    <Stack gap={4} align="flex-start">
      <Text size="sm">{nextAt === null ? t('backups.failedKept') : t('backups.failedRetry', { at: formatDateTime(nextAt) })}</Text>
      <Anchor href={hrefOf({ name: 'backups' })} size="sm" fw={600} onClick={() => notifications.hide(NOTICE_ID)}>
        {t('backups.noticeOpen')}
      </Anchor>
    </Stack>
  ),
});

export function BackupWatch() {
  const { user } = useSession();
  useEffect(() => {
    let live = true;
    const userId = user.id;
    const see = (s: BackupStatus) => {
      if (!live) return;
      const step = backupNoticeStep(s.lastFailure, readTold(userId), currentRoute().name === 'backups');
      writeTold(userId, step.told);
      if (step.hide) notifications.hide(NOTICE_ID);
      const failure = s.lastFailure;
      if (step.show && failure) showSaidAnew(() => noticeOf(failure, s.nextAt));
    };
    // A failure from before this sign-in is told too (once for the tab).
    call('backups.status', {}).then(see, () => undefined);
    const off = onBackupsChanged(see);
    return () => {
      live = false;
      off();
    };
  }, [user.id]);
  return null;
}
