// Times the board's trends on a dataset file: npm exec -- tsx scratch/tmp/trendsTime.ts FILE [weeks] [runs]
import BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { trendsReader } from '../../src/main/core/kb/trends';
const [file, weeksArg, runsArg] = process.argv.slice(2);
const db = new BetterSqlite3(file!, { readonly: true });
const at = (JSON.parse((db.prepare(`SELECT value FROM meta WHERE key = 'bench'`).get() as { value: string }).value) as { at: number }).at;
const reader = trendsReader(db);
const weeks = Number(weeksArg ?? 12);
for (let i = 0; i < Number(runsArg ?? 3); i++) {
  const t0 = performance.now();
  const b = reader.board(at, weeks);
  const ms = performance.now() - t0;
  const total = b.perProduct.reduce((s, p) => s + p.counts.reduce((x, y) => x + y, 0), 0);
  const hash = createHash('sha1').update(JSON.stringify({ weeks: b.weeks, perProduct: b.perProduct, series: b.series, fr: b.featureRequests.map((f) => [f.productLine, f.n]) })).digest('hex').slice(0, 12);
  console.log(JSON.stringify({ run: i, ms: Math.round(ms), tickets: total, series: b.series.length, warnings: b.series.filter((s) => s.warning).length, features: b.featureRequests.map((f) => [f.productLine, f.n]).slice(0, 3), hash }));
}
