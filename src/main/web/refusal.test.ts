import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { DeskOpenError } from '../core/db/database';
import { couldNotStartText } from '../core/db/openErrors';
import { run, seededDesk, sha256, WEB } from '../core/testing/processes';
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
  // What SQLite's check found is said in Persian too (it was its English, isolated): no Latin
  // word is left but the file's path and the command to type.
  expect(lines[1]!.replace(/\u2068[^\u2069]*tagdesk\.sqlite\u2069/g, ' ').replace(/\u200e[^\u200e]*\u200e/g, ' ').match(/[A-Za-z]{2,}/g)).toBeNull();
  // `npm run web` on it says the same on its terminal, exit 4: it said the English line only.
  const shell = await run(WEB, ['--port', '0', '--data', dir]);
  expect(shell.status).toBe(4);
  expect(shell.stderr.trim().split('\n')).toEqual(lines);
  expect(sha256(file)).toBe(before);
});
