import { z } from 'zod';
import { say } from './messageKeys';

// The desk's own backups (an admin's Backups page; src/main/core/backups.ts makes them): one a
// day into a folder, the newest `keep` kept, each named by the time it was taken. The rule of
// when one is due and which are removed is here, pure: given the backups there and the time,
// what to make and what to delete.

export const DAY_MS = 24 * 60 * 60 * 1000;
/** After a failed backup (a full disk, a folder it may not write), the next try comes this much later. */
export const RETRY_MS = 60 * 60 * 1000;
export const DEFAULT_KEEP = 7;
export const MAX_KEEP = 365;
export const BACKUPS_FOLDER_NAME = 'backups';

/** A backup's file name: tagdesk-2026-12-07T02-00-00-123Z.sqlite (UTC; no colons, which Windows refuses). */
export function backupFileName(at: number): string {
  return `tagdesk-${new Date(at).toISOString().replaceAll(':', '-').replace('.', '-')}.sqlite`;
}

const NAME = /^tagdesk-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.sqlite$/;

/** When the backup of this name was taken; null for any other file (never counted, never removed). */
export function backupTimeOf(name: string): number | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const at = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
  return Number.isNaN(at) ? null : at;
}

export interface BackupPlan {
  /** A backup is due now. */
  make: boolean;
  /** When the next one is due (now when `make`). */
  nextAt: number;
  /** Backups beyond the newest `keep`, oldest last: removed only after a new backup succeeded. */
  remove: string[];
}

/**
 * What to do now: a backup is due when none was taken in the last day (so also at a first start
 * with none), but not sooner than RETRY_MS after a failed try; the ones to remove are those
 * beyond the newest `keep` of the files named as backups (any other file is left alone).
 */
export function planBackups(names: readonly string[], now: number, keep: number, lastFailedAt: number | null = null): BackupPlan {
  const ours = names
    .map((name) => ({ name, at: backupTimeOf(name) }))
    .filter((b): b is { name: string; at: number } => b.at !== null)
    .sort((a, b) => b.at - a.at);
  const newest = ours[0]?.at ?? null;
  let nextAt = newest === null ? now : newest + DAY_MS;
  if (lastFailedAt !== null && (newest === null || lastFailedAt > newest)) nextAt = Math.max(nextAt, lastFailedAt + RETRY_MS);
  return { make: nextAt <= now, nextAt: Math.max(nextAt, now), remove: ours.slice(Math.max(1, keep)).map((b) => b.name) };
}

/** A folder as an admin types it: a whole path (a relative one would depend on where the desk was started). */
export const isAbsolutePath = (p: string): boolean => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');

export const backupSettingsSchema = z.object({
  /** null: the default, <data folder>/backups. */
  folder: z
    .string()
    .trim()
    .max(4096, say('backupFolderLong'))
    .nullable()
    .transform((f) => (f === '' ? null : f))
    .refine((f) => f === null || isAbsolutePath(f), say('backupFolderWhole')),
  keep: z.number({ error: say('backupKeepRange', { max: MAX_KEEP }) }).int(say('backupKeepRange', { max: MAX_KEEP })).min(1, say('backupKeepRange', { max: MAX_KEEP })).max(MAX_KEEP, say('backupKeepRange', { max: MAX_KEEP })),
});
export type BackupSettings = z.output<typeof backupSettingsSchema>;

/** Why a backup failed, for a sentence in the reader's language; `detail` is what the system said. */
export const BACKUP_FAILURES = ['permission', 'readOnly', 'full', 'folder', 'check', 'other'] as const;
export type BackupFailure = (typeof BACKUP_FAILURES)[number];

const backupSchema = z.object({ name: z.string(), file: z.string(), at: z.number(), size: z.number() });

export const backupStatusSchema = z.object({
  /** The folder backups go into now, and the default one (<data folder>/backups). */
  folder: z.string(),
  defaultFolder: z.string(),
  keep: z.number().int(),
  /** Backups are made here: false on a desk held in memory (tests). */
  available: z.boolean(),
  /** The desk's own folder and file, for the restore command. */
  dataDir: z.string(),
  backups: z.array(backupSchema),
  running: z.object({ startedAt: z.number(), pagesDone: z.number().int(), pagesTotal: z.number().int() }).nullable(),
  /** The last try, when it failed; `since`: when the unbroken run of failed tries it belongs to began (admins are told once per run). */
  lastFailure: z.object({ at: z.number(), since: z.number(), reason: z.enum(BACKUP_FAILURES), detail: z.string(), folder: z.string() }).nullable(),
  /** Folders backups went to before the folder was changed, with the backups still there (newest first): kept, no longer counted or removed. */
  earlier: z.array(z.object({ folder: z.string(), backups: z.array(backupSchema) })),
  /** When the next automatic backup is due; null where none are made. */
  nextAt: z.number().nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

/** How many earlier folders are remembered (their backups are listed until they are gone). */
export const EARLIER_FOLDERS = 3;

/**
 * The folders used before, newest first, once the folder changes from `from` to `to`: `from`
 * first, `to` never (its backups are the ones counted now), at most EARLIER_FOLDERS.
 */
export function rememberEarlier(earlier: readonly string[], from: string, to: string): string[] {
  if (from === to) return [...earlier];
  return [from, ...earlier.filter((f) => f !== from)].filter((f) => f !== to).slice(0, EARLIER_FOLDERS);
}

/**
 * When the run of failed tries that a failure at `at` into `folder` belongs to began: a failure
 * after another into the same folder, with no good backup between them (the last failure is
 * cleared by one), goes on its run; any other begins a new one.
 */
export const failureSince = (previous: BackupStatus['lastFailure'], at: number, folder: string): number => (previous && previous.folder === folder ? previous.since : at);

/** The newest backup anywhere: in the folder now, else in a folder used before. */
export function newestBackup(s: Pick<BackupStatus, 'backups' | 'earlier'>): BackupStatus['backups'][number] | null {
  return [...s.backups, ...s.earlier.flatMap((e) => e.backups)].sort((a, b) => b.at - a.at)[0] ?? null;
}

/** A path as a shell takes it: in double quotes when it holds a space or a character a shell reads (sh and Windows' cmd alike). */
const shellPath = (p: string): string => (/^[\w@%+=:,./\\-]+$/.test(p) ? p : `"${p.replaceAll('"', '\\"')}"`);

/** The command that restores `backup` into the desk in `dataDir` (README "The CLI"); the desk must be stopped first. */
export const restoreCommand = (backup: string, dataDir: string): string => `npx tagdesk restore ${shellPath(backup)} --data ${shellPath(dataDir)}`;
