import { mayManageBackups } from '../../../shared/access';
import { ApiError } from '../../../shared/api';
import { say } from '../../../shared/messageKeys';
import type { BackupService } from '../backups';
import { refuseUnless, signedIn, type Area } from './types';

// The desk's backups, for admins (access.ts mayManageBackups): what is kept and when the next is
// due, "Back up now" (answers at once; progress and the result come as 'backups.changed'), and
// the folder and how many are kept. A desk held in memory (tests) has no file to back up.
export function backupHandlers(backups: BackupService | null): Area<'backups.status', 'backups.run' | 'backups.saveSettings'> {
  const service = (): BackupService => {
    if (!backups) throw new ApiError('refused', say('backupsInMemory'));
    return backups;
  };
  return {
    reads: {
      'backups.status': (s) => {
        refuseUnless(mayManageBackups(signedIn(s)));
        return service().status();
      },
    },
    writes: {
      'backups.run': (s) => {
        refuseUnless(mayManageBackups(signedIn(s)));
        return service().start();
      },
      'backups.saveSettings': (s, i) => {
        refuseUnless(mayManageBackups(signedIn(s)));
        return service().saveSettings(i);
      },
    },
  };
}
