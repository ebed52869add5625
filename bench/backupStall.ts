import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { openDesk } from '../src/main/core/desk';
import { backupService } from '../src/main/core/backups';
import { backupDesk } from '../src/main/core/db/database';
import { Sql } from '../src/main/core/db/exec';

// How long a backup made by a running desk holds its event loop (README "Measured figures"):
// tsx bench/backupStall.ts --from <bench cache folder> [--pages 100]. The desk's file is copied
// first (the bench file is never opened itself). While the backup runs, a timer asks for the
// loop every millisecond and an agent's lookup is called every 5 ms; the longest gap and the
// slowest lookup are what an agent would have waited at worst.

const { values } = parseArgs({ options: { from: { type: 'string' }, pages: { type: 'string', default: '100' } } });
if (!values.from) throw new Error('--from <folder holding tagdesk.sqlite>');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tagdesk-backup-stall-'));
try {
  fs.copyFileSync(path.join(values.from, 'tagdesk.sqlite'), path.join(work, 'tagdesk.sqlite'));
  const desk = await openDesk({ dataDir: work });
  const conn = desk.connect(() => {});
  const users = await conn.call('session.users', {});
  const agent = users.ok ? (users.result as { id: string; role: string }[]).find((u) => u.role === 'agent') : undefined;
  if (agent) await conn.call('session.signIn', { userId: agent.id });

  let phase = 'idle';
  const watch = () => {
    let last = performance.now();
    let longest = 0;
    const gaps: string[] = [];
    const lookups: number[] = [];
    const tick = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      if (t - last > 50) gaps.push(`${Math.round(t - last)}ms@${phase}`);
      last = t;
    }, 1);
    const asker = setInterval(() => {
      const t = performance.now();
      void conn.call('lookup.search', { query: 'Patel' }).then(() => lookups.push(performance.now() - t));
    }, 5);
    return () => {
      clearInterval(tick);
      clearInterval(asker);
      lookups.sort((a, b) => a - b);
      return { longestGapMs: +longest.toFixed(1), lookups: lookups.length, lookupP99Ms: +(lookups[Math.floor(lookups.length * 0.99)] ?? 0).toFixed(1), lookupMaxMs: +(lookups.at(-1) ?? 0).toFixed(1), gapsOver50ms: gaps.join(' ') };
    };
  };

  // Idle (after the desk's start-up work has settled), for comparison.
  await new Promise((r) => setTimeout(r, 8000));
  let stop = watch();
  await new Promise((r) => setTimeout(r, 2000));
  console.log(JSON.stringify({ what: 'idle 2 s', ...stop() }));

  const service = backupService({
    dataDir: work,
    db: new Sql(desk.db.sqlite, desk.db.kysely),
    now: () => Date.now(),
    timers: null,
    onChange: () => {},
    copy: (dir, target, options) =>
      backupDesk(dir, target, {
        ...options,
        pagesPerStep: Number(values.pages),
        onProgress: (p) => {
          phase = p.pagesDone === p.pagesTotal ? 'checking' : `copy ${Math.round((100 * p.pagesDone) / Math.max(1, p.pagesTotal))}%`;
          options.onProgress?.(p);
        },
      }),
  });
  phase = 'start';
  stop = watch();
  const t0 = performance.now();
  const s = await service.run();
  const took = performance.now() - t0;
  console.log(JSON.stringify({ what: `backup now, ${values.pages} pages a step`, bytes: s.backups[0]?.size, failure: s.lastFailure, tookMs: Math.round(took), ...stop() }));

  // What the copy's check alone holds when run on the desk's thread (as the CLI's code did before).
  const copy = new BetterSqlite3(s.backups[0]!.file, { readonly: true });
  const t1 = performance.now();
  copy.prepare('PRAGMA quick_check(5)').pluck().all();
  console.log(JSON.stringify({ what: 'quick_check of the copy on the calling thread (now on a worker)', heldMs: Math.round(performance.now() - t1) }));
  copy.close();
  desk.close();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
