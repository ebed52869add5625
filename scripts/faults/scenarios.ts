import { chmodSync, closeSync, cpSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { MIGRATIONS } from '../../src/main/core/db/migrate';
import { openDesk } from '../../src/main/core/desk';
import { sha256, tagdesk } from '../../src/main/core/testing/processes';
import { apiSocket, signIn } from '../../src/main/core/testing/apiSocket';
import { rssOf, sleep, startSlowClient, startWebProcess, type WebProcess } from '../../src/main/web/testing/webProcess';

// The fault suite: each scenario does to real processes what a power cut, a bad disk, a
// clumsy administrator or a misbehaving page would, and reports one JSON-able line.
// `npm test` runs the short version (scripts/faults/faults.test.ts); `npm run faults` the
// long one (scripts/faults/run.ts).

export interface CrashLoopResult {
  name: 'crash_loop';
  kills: number;
  confirmed: number;
  lost: number;
  doubled: number;
  integrity: string;
  counters: 'equal' | 'differ';
  pass: boolean;
}

export interface FaultResult {
  name: string;
  pass: boolean;
  [detail: string]: unknown;
}

/** A folder holding a small demo desk, closed cleanly; removed by the caller. */
export async function seededFolder(prefix: string, customers = 40): Promise<{ root: string; desk: string }> {
  const root = mkdtempSync(join(tmpdir(), `tagdesk-fault-${prefix}-`));
  chmodSync(root, 0o755);
  const desk = join(root, 'desk');
  (await openDesk({ dataDir: desk, demo: true, demoCustomers: customers, demoSeed: 11 })).close();
  return { root, desk };
}

/**
 * Starts the browser shell on `dir`, writes tickets through it as fast as it answers,
 * kills it with SIGKILL after a random moment, and again, `kills` times. Then every ticket
 * whose creation was confirmed must be there exactly once, with its 360° interaction once, the
 * queue counters and agents' loads must equal a recount, and the file must pass integrity_check.
 */
export async function crashLoop(dir: string, kills: number, log: (line: string) => void = () => {}): Promise<CrashLoopResult> {
  const confirmed: string[] = [];
  for (let k = 0; k < kills; k++) {
    const shell = await startWebProcess(['--data', dir]);
    const api = await apiSocket(shell.url);
    await signIn(api, 'Ava Martin');
    const page = await api.call<{ rows: Array<{ customerId: string }> }>('queues.tickets', { segment: 'home', tier: 1, limit: 1 });
    const customerId = page.rows[0]!.customerId;
    let writing = true;
    let firstConfirmed: () => void = () => {};
    const streaming = new Promise<void>((r) => (firstConfirmed = r));
    const writer = (async () => {
      for (let i = 0; writing; i++) {
        const subject = `crash ${k}/${i}`;
        try {
          await api.call('tickets.create', { customerId, subject });
          confirmed.push(subject);
          firstConfirmed();
        } catch {
          return; // the process died mid-call: this write was never confirmed
        }
      }
    })();
    // The kill falls at a random moment once writes are being confirmed.
    await streaming;
    await sleep(50 + Math.floor(Math.random() * 300));
    shell.child.kill('SIGKILL');
    writing = false;
    await shell.exited;
    api.close();
    await Promise.race([writer, sleep(2_000)]);
    log(`kill ${k + 1}/${kills}: ${confirmed.length} confirmed so far`);
  }

  const db = new BetterSqlite3(join(dir, 'tagdesk.sqlite'));
  try {
    const counts = new Map((db.prepare(`SELECT subject, count(*) AS n FROM tickets WHERE subject LIKE 'crash %' GROUP BY subject`).all() as Array<{ subject: string; n: number }>).map((r) => [r.subject, r.n]));
    const lost = confirmed.filter((s) => !counts.has(s)).length;
    const doubled = [...counts.values()].filter((n) => n > 1).length;
    const integrity = (db.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ');
    const recount = db
      .prepare(`SELECT segment, tier, count(*) open, sum(assignee_id IS NULL) unassigned, sum(sla_status = 'atRisk') at_risk, sum(sla_status = 'breached') breached FROM tickets WHERE is_open = 1 GROUP BY 1, 2 ORDER BY 2, 1`)
      .all();
    // The counters as the next reader finds them: the table plus the moves a kill left staged
    // in tallies_pending, each committed with its write (stagedTallies.ts).
    const counters = db
      .prepare(
        `SELECT segment, tier, sum(open) open, sum(unassigned) unassigned, sum(at_risk) at_risk, sum(breached) breached FROM (
           SELECT segment, tier, open, unassigned, at_risk, breached FROM queue_counters
           UNION ALL
           SELECT q.value ->> 0, q.value ->> 1, q.value ->> 2, q.value ->> 3, q.value ->> 4, q.value ->> 5 FROM tallies_pending p, json_each(p.body, '$.q') q)
         GROUP BY 1, 2 HAVING sum(open) > 0 ORDER BY 2, 1`,
      )
      .all();
    const loads = db
      .prepare(
        `SELECT user_id, sum(open) open, sum(at_risk) at_risk, sum(breached) breached FROM (
           SELECT user_id, open, at_risk, breached FROM agent_load
           UNION ALL
           SELECT unhex(replace(l.value ->> 0, '-', '')), l.value ->> 1, l.value ->> 2, l.value ->> 3 FROM tallies_pending p, json_each(p.body, '$.l') l)
         GROUP BY 1 HAVING sum(open) > 0 ORDER BY 1`,
      )
      .all();
    const staged = db.prepare('SELECT count(*) FROM tallies_pending').pluck().get() as number;
    log(`counter moves still staged after the last kill: ${staged}`);
    const loadRecount = db
      .prepare(`SELECT assignee_id AS user_id, count(*) AS open, sum(sla_status = 'atRisk') AS at_risk, sum(sla_status = 'breached') AS breached FROM tickets WHERE is_open = 1 AND assignee_id IS NOT NULL GROUP BY 1 ORDER BY 1`)
      .all();
    // Each ticket's version is the number of its events: the log and its projection agree.
    const versionsAgree = (db.prepare('SELECT count(*) FROM tickets t WHERE t.version != (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id)').pluck().get() as number) === 0;
    // Each ticket has its "Opened" interaction exactly once, moved into interactions or still
    // staged where the kill left it (stagedInteractions.ts).
    const interactionsAgree =
      (db
        .prepare(
          `SELECT count(*) FROM tickets t WHERE t.subject LIKE 'crash %' AND
             (SELECT count(*) FROM interactions i WHERE i.customer_id = t.customer_id AND i.ticket_id = t.id) +
             (SELECT count(*) FROM interactions_pending p WHERE p.ticket_id = t.id) != 1`,
        )
        .pluck()
        .get() as number) === 0;
    const equal = JSON.stringify(recount) === JSON.stringify(counters) && JSON.stringify(loads) === JSON.stringify(loadRecount) && versionsAgree && interactionsAgree;
    return {
      name: 'crash_loop',
      kills,
      confirmed: confirmed.length,
      lost,
      doubled,
      integrity,
      counters: equal ? 'equal' : 'differ',
      pass: lost === 0 && doubled === 0 && integrity === 'ok' && equal && confirmed.length > 0,
    };
  } finally {
    db.close();
  }
}

/** A copy with 256 KB of garbage in its middle: refused by shell and CLI, left untouched. */
export async function corruptedCopy(desk: string, root: string): Promise<FaultResult> {
  const dir = join(root, 'corrupted');
  cpSync(desk, dir, { recursive: true });
  const file = join(dir, 'tagdesk.sqlite');
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  const garbage = Buffer.alloc(256 * 1024, 0xa5);
  writeSync(fd, garbage, 0, garbage.length, Math.max(4096, Math.floor(size / 2) - garbage.length / 2));
  closeSync(fd);
  const before = sha256(file);
  const shell = await startWebProcess(['--data', dir]).then(
    (p) => (p.child.kill('SIGKILL'), { status: 0, stderr: p.stderr() }),
    (e: Error) => ({ status: 4, stderr: e.message }),
  );
  const stats = await tagdesk(['stats', '--data', dir]);
  // Reading a WAL database may leave an empty -wal beside it; one with content would be
  // copied into the file by the next writer.
  const untouched = sha256(file) === before && readdirSync(dir).filter((f) => f.endsWith('-wal')).every((f) => statSync(join(dir, f)).size === 0);
  return {
    name: 'corrupted_copy',
    pass: shell.status !== 0 && /damaged/.test(shell.stderr) && stats.status === 4 && /damaged/.test(stats.stderr) && untouched,
    shell_refused: shell.status !== 0,
    cli_exit: stats.status,
    untouched,
  };
}

/** A read-only folder (as the unprivileged user): stats and lookup read it, nothing is written. */
export async function readOnlyFolder(desk: string, root: string): Promise<FaultResult> {
  const dir = join(root, 'readonly');
  cpSync(desk, dir, { recursive: true });
  const file = join(dir, 'tagdesk.sqlite');
  const before = sha256(file);
  chmodSync(file, 0o444);
  chmodSync(dir, 0o555);
  try {
    const stats = await tagdesk(['stats', '--json', '--data', dir], { asNobody: true });
    const customers = stats.status === 0 ? (JSON.parse(stats.stdout) as { customers: number }).customers : -1;
    const seed = await tagdesk(['seed', '--data', dir], { asNobody: true });
    const untouched = sha256(file) === before;
    return { name: 'read_only_folder', pass: stats.status === 0 && customers > 0 && seed.status === 3 && untouched, stats_exit: stats.status, customers, write_exit: seed.status, untouched };
  } finally {
    chmodSync(dir, 0o755);
    chmodSync(file, 0o644);
  }
}

/** `n` shells started together on one empty folder: all run, one migrated and seeded desk. */
export async function startingTogether(root: string, n: number): Promise<FaultResult> {
  const dir = join(root, 'together');
  const started: WebProcess[] = [];
  try {
    const results = await Promise.allSettled(Array.from({ length: n }, () => startWebProcess(['--data', dir, '--demo'])));
    for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
    const db = new BetterSqlite3(join(dir, 'tagdesk.sqlite'), { readonly: true });
    const migrations = db.prepare('SELECT id FROM migrations ORDER BY id').pluck().all() as string[];
    const customers = db.prepare('SELECT count(*) FROM customers').pluck().get() as number;
    const initialized = db.prepare(`SELECT count(*) FROM meta WHERE key = 'initialized'`).pluck().get() as number;
    db.close();
    const ok = started.length === n && JSON.stringify(migrations) === JSON.stringify(MIGRATIONS.map((m) => m.id)) && customers === 400 && initialized === 1;
    return { name: 'starting_together', pass: ok, processes: n, started: started.length, customers, migrations: migrations.length };
  } finally {
    for (const p of started) p.child.kill('SIGKILL');
  }
}

/** A client that reads nothing and asks for ~300 KB replies: the server stays bounded. */
export async function slowConsumer(root: string, requests: number, boundBytes: number): Promise<FaultResult> {
  const shell = await startWebProcess(['--data', join(root, 'slow'), '--demo'], { TAGDESK_WS_STALL_MS: '3000' });
  try {
    const pid = shell.child.pid!;
    await sleep(500);
    const baseline = rssOf(pid);
    const client = await startSlowClient(shell.url, requests);
    let peak = baseline;
    const until = Date.now() + 10_000;
    while (Date.now() < until && !shell.stderr().includes('closed a WebSocket (4008)')) {
      peak = Math.max(peak, rssOf(pid));
      await sleep(100);
    }
    const closed = shell.stderr().includes('closed a WebSocket (4008)');
    client.child.kill('SIGKILL');
    const growthMb = Math.round((peak - baseline) / 1048576);
    return { name: 'slow_consumer', pass: closed && peak - baseline < boundBytes, requests, reply_bytes: client.replyBytes, rss_growth_mb: growthMb, bound_mb: Math.round(boundBytes / 1048576), closed_4008: closed };
  } finally {
    shell.child.kill('SIGKILL');
  }
}

export const removeFolder = (root: string) => rmSync(root, { recursive: true, force: true });
