// An admin hears of a failed backup wherever they are (BackupWatch.tsx), once per run of failed
// tries: the desk tries again hourly, and each try that fails again is the same failure
// (lastFailure.since, src/shared/backups.ts failureSince), not news.

export interface BackupNoticeStep {
  /** Show the notice now. */
  show: boolean;
  /** Close it: a good backup has been made since. */
  hide: boolean;
  /** The run of failures this window has told of (or shown on the Backups page itself). */
  told: number | null;
}

/**
 * What a window does with the desk's last failure (`failure`, null after a good backup), having
 * told of the run that began at `told`: a new run is told, unless the admin is on the Backups
 * page, which shows it (that is being told); a run already told is not told again.
 */
export function backupNoticeStep(failure: { since: number } | null, told: number | null, onBackupsPage: boolean): BackupNoticeStep {
  if (!failure) return { show: false, hide: true, told };
  if (failure.since === told) return { show: false, hide: false, told };
  return { show: !onBackupsPage, hide: false, told: failure.since };
}
