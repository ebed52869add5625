// Opens a desk folder with this build (running its pending migrations), timing it: npm exec -- tsx scratch/tmp/migrateTime.ts DIR
import { openDatabase } from '../../src/main/core/db/database';
const dir = process.argv[2]!;
const t0 = performance.now();
let shown = -10;
let peak = 0;
const tick = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
const db = await openDatabase(dir, {
  onMigrationProgress: (p) => {
    peak = Math.max(peak, process.memoryUsage().rss);
    const pct = p.rowsTotal ? Math.floor((100 * p.rowsDone) / p.rowsTotal) : 0;
    if (pct >= shown + 10) {
      shown = pct;
      console.error(`${((performance.now() - t0) / 1000).toFixed(1)} s ${p.step} ${p.rowsDone}/${p.rowsTotal}`);
    }
  },
});
db.close();
clearInterval(tick);
console.log(JSON.stringify({ seconds: Math.round((performance.now() - t0) / 100) / 10, peak_rss_mb: Math.round(peak / 1e6) }));
