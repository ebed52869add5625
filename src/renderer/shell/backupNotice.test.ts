import { describe, expect, it } from 'vitest';
import { backupNoticeStep } from './backupNotice';

const T = Date.parse('2026-12-07T02:00:00.000Z');
const HOUR = 60 * 60 * 1000;

describe('an admin hears of a failed backup once per failure, wherever they are', () => {
  it('tells of a new failure, and not of the hourly retries that fail again', () => {
    const first = backupNoticeStep({ since: T }, null, false);
    expect(first).toEqual({ show: true, hide: false, told: T });
    // The retry an hour later failed too: the same run (since T).
    expect(backupNoticeStep({ since: T }, first.told, false)).toEqual({ show: false, hide: false, told: T });
    // A good backup, then a new failure: told again.
    expect(backupNoticeStep(null, T, false)).toEqual({ show: false, hide: true, told: T });
    expect(backupNoticeStep({ since: T + 5 * HOUR }, T, false)).toEqual({ show: true, hide: false, told: T + 5 * HOUR });
  });

  it('on the Backups page, which shows the failure, no notice: it counts as told', () => {
    expect(backupNoticeStep({ since: T }, null, true)).toEqual({ show: false, hide: false, told: T });
  });
});
