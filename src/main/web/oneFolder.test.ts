import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { MIGRATIONS } from '../core/db/migrate';
import { apiSocket, signIn } from '../core/testing/apiSocket';
import { sleep, startWebProcess, type WebProcess } from './testing/webProcess';

// Several processes may serve one data folder (README, "What Tagdesk promises"). Two shells
// started together on an empty folder once died with "duplicate column name" or seeded the
// desk twice; with both running, a supervisor on one saw none of the tickets created on the
// other. Real processes here.

const root = mkdtempSync(join(tmpdir(), 'tagdesk-onefolder-'));
const started: WebProcess[] = [];
afterAll(() => {
  for (const p of started) p.child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

it('four shells started together on an empty folder end with one migrated, seeded desk, and each sees the others live', async () => {
  const dir = join(root, 'desk');
  const shells = await Promise.all([1, 2, 3, 4].map(() => startWebProcess(['--data', dir, '--demo'])));
  started.push(...shells);
  for (const s of shells) expect(s.stderr()).not.toMatch(/error|duplicate/i);

  const raw = new BetterSqlite3(join(dir, 'tagdesk.sqlite'), { readonly: true });
  const one = (q: string) => raw.prepare(q).pluck().get() as number;
  expect(raw.prepare('SELECT id FROM migrations ORDER BY id').pluck().all()).toEqual(MIGRATIONS.map((m) => m.id));
  expect(one(`SELECT count(*) FROM meta WHERE key = 'initialized'`)).toBe(1);
  expect(one('SELECT count(*) FROM customers')).toBe(400);
  expect(one(`SELECT count(*) FROM users WHERE name = 'Ava Martin'`)).toBe(1);
  raw.close();

  // A supervisor on shell 4 watches the board while an agent on shell 1 opens tickets.
  const agent = await apiSocket(shells[0]!.url);
  await signIn(agent, 'Ava Martin');
  const supervisor = await apiSocket(shells[3]!.url);
  await signIn(supervisor, 'Grace Chen');
  const openBefore = (await supervisor.call<{ totals: { open: number } }>('supervisor.overview')).totals.open;
  const page = await agent.call<{ rows: Array<{ customerId: string }> }>('queues.tickets', { segment: 'home', tier: 1, limit: 1 });
  const customerId = page.rows[0]!.customerId;
  const created = 25;
  for (let i = 0; i < created; i++) await agent.call('tickets.create', { customerId, subject: `Fan noise, call ${i}` });

  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline && !supervisor.pushes.some((p) => p.event === 'desk.changed')) await sleep(50);
  expect(supervisor.pushes).toContainEqual({ event: 'desk.changed', payload: { reason: 'external' } });
  const openAfter = (await supervisor.call<{ totals: { open: number } }>('supervisor.overview')).totals.open;
  expect(openAfter - openBefore).toBe(created);
  agent.close();
  supervisor.close();
}, 90_000);
