// Pages each write touches, by b-tree: npm exec -- tsx scratch/tmp/pages.ts DATASET_DIR N
// Copies the dataset, runs N take-nexts and N escalations through the desk's API and N of each
// floor, and reads the WAL frames each commit appended.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openDesk } from '../../src/main/core/desk';
import { floorQueries, openFloorConnection } from '../../bench/floor';
import { coded } from '../../src/main/core/db/idCodec';
const [src, nArg] = process.argv.slice(2);
const N = Number(nArg ?? 50);
const dir = '/work/pagerun';
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir);
const t0 = Date.now();
fs.copyFileSync(path.join(src!, 'tagdesk.sqlite'), path.join(dir, 'tagdesk.sqlite'), fs.constants.COPYFILE_FICLONE);
console.error(`copied in ${Date.now() - t0} ms`);
const meta = new BetterSqlite3(path.join(dir, 'tagdesk.sqlite'), { readonly: true });
const at = (JSON.parse((meta.prepare(`SELECT value FROM meta WHERE key = 'bench'`).get() as { value: string }).value) as { at: number }).at;
meta.close();
const started = Date.now();
const desk = await openDesk({ dataDir: dir, clock: { now: () => at + (Date.now() - started) } });
const wal = path.join(dir, 'tagdesk.sqlite-wal');
const draw = coded(new BetterSqlite3(path.join(dir, 'tagdesk.sqlite'), { readonly: true }));
const avaId = draw.prepare('SELECT id FROM users WHERE name = ?').pluck().get('Ava Martin') as string;
const conn = desk.connect(() => {});
await conn.call('session.signIn', { userId: avaId });
const raw = openFloorConnection(path.join(dir, 'tagdesk.sqlite'));
const floor = floorQueries(raw);
let offset = 0;
let salt = '';
const frames = (): number[] => {
  const buf = fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0);
  if (buf.length < 32) return [];
  const s = buf.subarray(16, 24).toString('hex');
  // A restarted WAL (after the desk's checkpoint) starts again after its header.
  if (s !== salt || offset > buf.length) (salt = s), (offset = 32);
  const pages: number[] = [];
  for (; offset + 24 + 4096 <= buf.length && buf.subarray(offset + 8, offset + 16).toString('hex') === salt; offset += 24 + 4096) pages.push(buf.readUInt32BE(offset));
  return pages;
};
frames();
const seen: Record<string, number[][]> = { take: [], floorTake: [], esc: [], floorEsc: [] };
for (let i = 0; i < N; i++) {
  const r = await conn.call('queues.takeNext', { segment: 'education', tier: 1 });
  if (!r.ok) throw new Error(r.error.message);
  seen.take!.push(frames());
  floor.takeNext('education', avaId, Date.now());
  seen.floorTake!.push(frames());
}
const held = draw.prepare(`SELECT id FROM tickets WHERE is_open = 1 AND assignee_id = ? AND state = 'tier1.open' LIMIT ?`).pluck().all(avaId, 2 * N) as string[];
for (let i = 0; i < N; i++) {
  const r = await conn.call('tickets.act', { ticketId: held[2 * i]!, command: { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'bench' } });
  if (!r.ok) throw new Error(r.error.message);
  seen.esc!.push(frames());
  floor.escalate(held[2 * i + 1]!, avaId, Date.now());
  seen.floorEsc!.push(frames());
}
// Which b-tree each page belongs to (dbstat reads through the WAL).
const all = new Set(Object.values(seen).flat(2));
const names = new Map<number, string>();
const stat = new BetterSqlite3(path.join(dir, 'tagdesk.sqlite'), { readonly: true });
for (const r of stat.prepare('SELECT name, pageno FROM dbstat').iterate() as Iterable<{ name: string; pageno: number }>) if (all.has(r.pageno)) names.set(r.pageno, r.name);
for (const [kind, commits] of Object.entries(seen)) {
  const by = new Map<string, number>();
  for (const c of commits) for (const p of c) by.set(names.get(p) ?? `page ${p}?`, (by.get(names.get(p) ?? `page ${p}?`) ?? 0) + 1);
  const avg = commits.reduce((s, c) => s + c.length, 0) / commits.length;
  console.log(`${kind}: ${avg.toFixed(1)} frames/commit  ` + [...by].sort((a, b) => b[1] - a[1]).map(([n, c]) => `${n} ${(c / commits.length).toFixed(2)}`).join(', '));
}
desk.close();
raw.close();
