import fs from 'node:fs';
import path from 'node:path';
import { BACKUPS_FOLDER_NAME, DEFAULT_KEEP, failureSince, planBackups, rememberEarlier, type BackupFailure, type BackupSettings, type BackupStatus } from '../../shared/backups';
import { backupFileName, backupTimeOf } from '../../shared/backups';
import { BackupCheckError, backupDesk, DeskOpenError, prepareFolder, type BackupOptions } from './db/database';
import type { Sql } from './db/exec';
import type { Timers } from './slaScheduler';

// The desk's own backups (README "What Tagdesk promises" → Backups): one a day, and one at a
// start when none was taken in the last day, into a folder (default <data folder>/backups),
// the newest `keep` kept; or one now, when an admin asks (the Backups page). Each is made by
// the same code as `tagdesk backup` (backupDesk: SQLite's online backup in steps; the copy and
// its check on worker threads, the copy in one read transaction of its own connection, so the
// desk's thread only hears of its progress). A failed one (a full disk, a folder it may not
// write) removes what it had written of itself, never an older backup, is told to admins and tried again an hour later.
// When one is due and what is removed is the pure rule planBackups (src/shared/backups.ts).

const SETTINGS_KEY = 'backup_settings';
/** How long before the desk looks again at most: a machine asleep past a due time catches up within this. */
const LOOK_AGAIN_MS = 60 * 60 * 1000;
/** Progress is told at most this often. */
const PROGRESS_EVERY_MS = 250;

export interface BackupServiceOptions {
  dataDir: string;
  /** The desk's database: meta holds the settings. */
  db: Sql;
  now(): number;
  /** null: no automatic backups (a test clock's desk); "Back up now" still works. */
  timers: Timers | null;
  /** The first look, after the desk has opened (ms). */
  firstLookMs?: number;
  /** Told on every change (a backup started, moved on, ended, failed; settings saved). */
  onChange(status: BackupStatus): void;
  /** The copy (tests make it fail the way a full disk does). */
  copy?: (dataDir: string, target: string, options: BackupOptions) => Promise<unknown>;
  log?(message: string): void;
}

export interface BackupService {
  status(): BackupStatus;
  /** Starts a backup (or joins the one running); resolves when it has ended, either way. */
  run(): Promise<BackupStatus>;
  /** Starts a backup without waiting for it. */
  start(): BackupStatus;
  saveSettings(settings: BackupSettings): BackupStatus;
  stop(): void;
}

export function backupService(o: BackupServiceOptions): BackupService {
  const k = o.db.kysely;
  const defaultFolder = path.resolve(o.dataDir, BACKUPS_FOLDER_NAME);
  const copy = o.copy ?? backupDesk;
  let running: { startedAt: number; pagesDone: number; pagesTotal: number; done: Promise<BackupStatus> } | null = null;
  let lastFailure: BackupStatus['lastFailure'] = null;
  let timer: unknown = null;
  let stopped = false;

  const settings = (): { folder: string | null; keep: number; earlier: string[] } => {
    const r = o.db.get(k.selectFrom('meta').select('value').where('key', '=', SETTINGS_KEY));
    if (!r) return { folder: null, keep: DEFAULT_KEEP, earlier: [] };
    const v = JSON.parse(r.value) as { folder?: string | null; keep?: number; earlier?: string[] };
    return { folder: v.folder ?? null, keep: v.keep ?? DEFAULT_KEEP, earlier: Array.isArray(v.earlier) ? v.earlier : [] };
  };
  const folderNow = () => settings().folder ?? defaultFolder;

  /** The backups in the folder, newest first (none when the folder is not there or cannot be read). */
  function list(folder: string): BackupStatus['backups'] {
    let names: string[];
    try {
      names = fs.readdirSync(folder);
    } catch {
      return [];
    }
    const out: BackupStatus['backups'] = [];
    for (const name of names) {
      const at = backupTimeOf(name);
      if (at === null) continue;
      try {
        const s = fs.statSync(path.join(folder, name));
        if (s.isFile()) out.push({ name, file: path.join(folder, name), at, size: s.size });
      } catch {
        /* gone meanwhile */
      }
    }
    return out.sort((a, b) => b.at - a.at);
  }

  function status(): BackupStatus {
    const { keep, earlier } = settings();
    const folder = folderNow();
    const backups = list(folder);
    const plan = planBackups(backups.map((b) => b.name), o.now(), keep, lastFailure?.at ?? null);
    return {
      folder,
      defaultFolder,
      keep,
      available: true,
      dataDir: path.resolve(o.dataDir),
      backups,
      running: running && { startedAt: running.startedAt, pagesDone: running.pagesDone, pagesTotal: running.pagesTotal },
      lastFailure,
      // A changed folder: the backups left in the one before are still said (an admin was told
      // "No backup yet" while last week's sat there).
      earlier: earlier.map((f) => ({ folder: f, backups: list(f) })).filter((e) => e.backups.length > 0),
      nextAt: o.timers ? plan.nextAt : null,
    };
  }
  const tell = () => o.onChange(status());

  async function make(): Promise<BackupStatus> {
    const { keep } = settings();
    const folder = folderNow();
    const startedAt = o.now();
    const target = path.join(folder, backupFileName(startedAt));
    let lastTold = 0;
    try {
      prepareFolder(folder);
      await copy(o.dataDir, target, {
        deskOpen: true,
        onProgress: (p) => {
          if (!running) return;
          running.pagesDone = p.pagesDone;
          running.pagesTotal = p.pagesTotal;
          const t = Date.now();
          if (t - lastTold >= PROGRESS_EVERY_MS) {
            lastTold = t;
            tell();
          }
        },
      });
      lastFailure = null;
      // Only now, with a new good backup in the folder, are the oldest beyond `keep` removed.
      for (const name of planBackups(fs.readdirSync(folder), o.now(), keep).remove) {
        try {
          fs.rmSync(path.join(folder, name), { force: true });
        } catch (error) {
          o.log?.(`tagdesk: could not remove the old backup ${name}: ${messageOf(error)}`);
        }
      }
    } catch (error) {
      // What it wrote of itself is removed (a half-written file is no backup); nothing else is.
      // The target did not exist before (backupDesk never overwrites a file).
      if (!(error instanceof DeskOpenError && error.sentence?.key === 'backupExists')) {
        for (const f of [target, `${target}-journal`, `${target}-wal`, `${target}-shm`]) {
          try {
            fs.rmSync(f, { force: true });
          } catch {
            /* the folder is not there, or not ours to change: nothing of this backup is in it */
          }
        }
      }
      const at = o.now();
      lastFailure = { at, since: failureSince(lastFailure, at, folder), reason: reasonOf(error), detail: messageOf(error), folder };
      o.log?.(`tagdesk: the backup into ${folder} failed: ${messageOf(error)}`);
    } finally {
      running = null;
    }
    const s = status();
    o.onChange(s);
    schedule();
    return s;
  }

  function run(): Promise<BackupStatus> {
    if (running) return running.done;
    running = { startedAt: o.now(), pagesDone: 0, pagesTotal: 0, done: Promise.resolve(null as unknown as BackupStatus) };
    const r = running;
    r.done = make();
    tell();
    return r.done;
  }

  function schedule(): void {
    if (!o.timers || stopped) return;
    if (timer !== null) o.timers.clear(timer);
    const s = status();
    const wait = Math.min(LOOK_AGAIN_MS, Math.max(0, (s.nextAt ?? o.now()) - o.now()));
    timer = o.timers.set(look, wait);
  }
  function look(): void {
    timer = null;
    if (stopped) return;
    const s = status();
    if (!running && s.nextAt !== null && s.nextAt <= o.now()) void run();
    else schedule();
  }
  if (o.timers) timer = o.timers.set(look, o.firstLookMs ?? 10_000);

  return {
    status,
    run,
    start() {
      void run();
      return status();
    },
    saveSettings(next) {
      const before = settings();
      const earlier = rememberEarlier(before.earlier, before.folder ?? defaultFolder, next.folder ?? defaultFolder);
      const value = JSON.stringify({ folder: next.folder, keep: next.keep, earlier });
      o.db.write(() => o.db.run(k.insertInto('meta').values({ key: SETTINGS_KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value }))));
      // A new folder: its own backups decide when the next is due (none there: one soon).
      lastFailure = lastFailure && lastFailure.folder === folderNow() ? lastFailure : null;
      tell();
      schedule();
      return status();
    },
    stop() {
      stopped = true;
      if (timer !== null && o.timers) o.timers.clear(timer);
      timer = null;
    },
  };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Why a backup failed, for the admin's sentence. */
export function reasonOf(error: unknown): BackupFailure {
  if (error instanceof BackupCheckError) return 'check';
  const code = String(((error as { cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code) ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (error instanceof DeskOpenError) {
    if (error.kind === 'permission') return 'permission';
    if (error.kind === 'read_only') return 'readOnly';
    if (error.kind === 'folder' || error.kind === 'missing') return 'folder';
  }
  if (code === 'EACCES' || code === 'EPERM') return 'permission';
  if (code === 'EROFS') return 'readOnly';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'folder';
  return 'other';
}
