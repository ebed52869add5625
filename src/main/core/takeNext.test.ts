import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { openDesk } from './desk';

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');
const racer = path.resolve('src/main/core/testing/takeNextRace.ts');

it('never hands one ticket to two people when two desks take next at once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagdesk-race-'));
  const desk = await openDesk({ dataDir: dir, demo: true, demoCustomers: 300 });
  const unassigned = desk.db.sqlite
    .prepare(`select id from tickets where is_open = 1 and assignee_id is null and segment = 'government' and tier = 1`)
    .pluck()
    .all() as string[];
  const versions = () => new Map(desk.db.sqlite.prepare(`select id, version from tickets`).all().map((r) => [(r as { id: string }).id, (r as { version: number }).version]));
  const before = versions();
  expect(unassigned.length).toBeGreaterThan(10);

  const [a, b] = await Promise.all(
    ['Ava Martin', 'Ben Okafor'].map((name) => run(tsx, [racer, dir, name, 'government']).then((r) => JSON.parse(r.stdout) as string[])),
  );
  const all = [...a!, ...b!];
  expect(new Set(all).size).toBe(all.length);
  expect(all.sort()).toEqual([...unassigned].sort());

  // Each ticket got exactly one more event (its one TAKE); nothing else changed.
  const after = versions();
  for (const [id, v] of after) expect(v - before.get(id)!).toBe(unassigned.includes(id) ? 1 : 0);
  desk.close();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);
