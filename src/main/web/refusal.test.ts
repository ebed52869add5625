import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { DeskOpenError } from '../core/db/database';
import { couldNotStartText } from '../core/db/openErrors';
import { seededDesk, sha256 } from '../core/testing/processes';
import { startWebShell } from './server';

// A damaged desk was once opened, served and written to: the SLA scheduler put five events
// into the malformed file. The shell now refuses to start on it and writes nothing.

const root = mkdtempSync(join(tmpdir(), 'tagdesk-refuse-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('refuses a damaged desk before the SLA scheduler can write to it', async () => {
  const dir = await seededDesk(join(root, 'desk'));
  const file = join(dir, 'tagdesk.sqlite');
  // Deadlines overdue: a scheduler that ran would write warnings and breaches now.
  const raw = new BetterSqlite3(file);
  raw.prepare('UPDATE tickets SET sla_next_at = 1 WHERE sla_next_at IS NOT NULL').run();
  raw.close();
  const fd = openSync(file, 'r+');
  const size = statSync(file).size;
  writeSync(fd, Buffer.alloc(256 * 1024, 0x5a), 0, 256 * 1024, Math.floor(size / 2) - 128 * 1024);
  closeSync(fd);
  const before = sha256(file);
  const started = startWebShell({ dataDir: dir, demo: false, port: 0 });
  await expect(started).rejects.toThrow(DeskOpenError);
  await expect(started).rejects.toThrow(/is damaged .*Nothing was written to it\. Restore your last backup/);
  expect(sha256(file)).toBe(before);
  // A page asked for while it was opening is told why, in English and in Persian.
  const lines = couldNotStartText((await started.catch((e: unknown) => e)) as DeskOpenError).split('\n');
  expect(lines[0]).toMatch(/^Tagdesk could not start: .* is damaged .*Restore your last backup/);
  expect(lines[1]).toMatch(/^تگ‌دسک راه نیفتاد: \u2068[^\u2069]+\u2069 آسیب دیده است .*آخرین پشتیبان را با/);
});
