import { describe, expect, it } from 'vitest';
import { backupFileName, backupSettingsSchema, backupTimeOf, DAY_MS, failureSince, newestBackup, planBackups, rememberEarlier, restoreCommand, RETRY_MS } from './backups';

const T = Date.parse('2026-12-07T02:00:00.000Z');
const named = (...ats: number[]) => ats.map(backupFileName);

describe('when the desk backs itself up, and which backups it keeps', () => {
  it('names a backup by its time and reads the time back; other files are not backups', () => {
    expect(backupFileName(T + 123)).toBe('tagdesk-2026-12-07T02-00-00-123Z.sqlite');
    expect(backupTimeOf(backupFileName(T + 123))).toBe(T + 123);
    expect(backupTimeOf('tagdesk.sqlite')).toBeNull();
    expect(backupTimeOf('notes.txt')).toBeNull();
    expect(backupTimeOf('tagdesk-2026-13-40T02-00-00-000Z.sqlite')).toBeNull();
  });

  it('makes one at a first start with none, and when the newest is a day old; not before', () => {
    expect(planBackups([], T, 7)).toEqual({ make: true, nextAt: T, remove: [] });
    expect(planBackups(named(T - 5 * 60_000), T, 7)).toMatchObject({ make: false, nextAt: T - 5 * 60_000 + DAY_MS });
    expect(planBackups(named(T - DAY_MS + 1), T, 7).make).toBe(false);
    expect(planBackups(named(T - DAY_MS), T, 7).make).toBe(true);
    // Files that are not backups do not count as one.
    expect(planBackups(['tagdesk.sqlite', 'readme.txt'], T, 7).make).toBe(true);
  });

  it('removes the oldest beyond the newest N, never a file it did not name', () => {
    const nine = named(...Array.from({ length: 9 }, (_, i) => T - i * DAY_MS));
    const plan = planBackups([...nine.slice().reverse(), 'keep-me.sqlite'], T, 7);
    expect(plan.remove).toEqual([nine[7], nine[8]]);
    expect(planBackups(nine, T, 9).remove).toEqual([]);
    // Keeping fewer than one is not a thing: the newest always stays.
    expect(planBackups(nine, T, 0).remove).toHaveLength(8);
  });

  it('after a failed try, tries again an hour later, not at once', () => {
    const failedAt = T - 10 * 60_000;
    expect(planBackups([], T, 7, failedAt)).toMatchObject({ make: false, nextAt: failedAt + RETRY_MS });
    expect(planBackups([], failedAt + RETRY_MS, 7, failedAt).make).toBe(true);
    // A failure older than the newest good backup no longer delays anything.
    expect(planBackups(named(T - 2 * DAY_MS), T, 7, T - 3 * DAY_MS).make).toBe(true);
  });

  it('takes a whole folder path and 1 to 365 backups, saying what is wrong', () => {
    expect(backupSettingsSchema.parse({ folder: '  /srv/backups ', keep: 7 })).toEqual({ folder: '/srv/backups', keep: 7 });
    expect(backupSettingsSchema.parse({ folder: 'D:\\Backups', keep: 1 }).folder).toBe('D:\\Backups');
    expect(backupSettingsSchema.parse({ folder: '', keep: 7 }).folder).toBeNull();
    const relative = backupSettingsSchema.safeParse({ folder: 'backups', keep: 7 });
    expect(relative.error?.issues[0]?.message).toMatch(/whole path/);
    expect(backupSettingsSchema.safeParse({ folder: null, keep: 0 }).error?.issues[0]?.message).toBe('Keep between 1 and 365 backups.');
    expect(backupSettingsSchema.safeParse({ folder: null, keep: 2.5 }).success).toBe(false);
    expect(backupSettingsSchema.safeParse({ folder: null, keep: 366 }).success).toBe(false);
  });

  it('says the restore command with this desk’s paths, quoted where a shell would split them', () => {
    expect(restoreCommand('/srv/desk/backups/tagdesk-2026-12-07T02-00-00-000Z.sqlite', '/srv/desk')).toBe('npx tagdesk restore /srv/desk/backups/tagdesk-2026-12-07T02-00-00-000Z.sqlite --data /srv/desk');
    expect(restoreCommand('C:\\Users\\Ava Martin\\backups\\b.sqlite', 'C:\\Users\\Ava Martin\\Tagdesk')).toBe('npx tagdesk restore "C:\\Users\\Ava Martin\\backups\\b.sqlite" --data "C:\\Users\\Ava Martin\\Tagdesk"');
  });

  it('remembers the folders used before a change, newest first, so their backups are still said', () => {
    expect(rememberEarlier([], '/d/backups', '/mnt/usb')).toEqual(['/d/backups']);
    expect(rememberEarlier(['/d/backups'], '/mnt/usb', '/d/backups')).toEqual(['/mnt/usb']);
    expect(rememberEarlier(['/a', '/b', '/c'], '/x', '/y')).toEqual(['/x', '/a', '/b']);
    expect(rememberEarlier(['/a'], '/a', '/a')).toEqual(['/a']);
    const b = (at: number, folder: string) => ({ name: backupFileName(at), file: `${folder}/${backupFileName(at)}`, at, size: 1 });
    expect(newestBackup({ backups: [], earlier: [{ folder: '/a', backups: [b(T - DAY_MS, '/a')] }, { folder: '/b', backups: [b(T, '/b')] }] })?.file).toBe(`/b/${backupFileName(T)}`);
    expect(newestBackup({ backups: [], earlier: [] })).toBeNull();
  });

  it('counts failed tries into one folder, with no good backup between them, as one run (admins are told once)', () => {
    expect(failureSince(null, T, '/a')).toBe(T);
    const first = { at: T, since: T, reason: 'full' as const, detail: '', folder: '/a' };
    expect(failureSince(first, T + RETRY_MS, '/a')).toBe(T);
    expect(failureSince({ ...first, at: T + RETRY_MS }, T + 2 * RETRY_MS, '/a')).toBe(T);
    expect(failureSince(first, T + RETRY_MS, '/b')).toBe(T + RETRY_MS);
  });
});
