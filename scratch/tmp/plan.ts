import { openDesk } from '../../src/main/core/desk';
import { TestClock } from '../../src/main/core/testing/deskHarness';
const d = await openDesk({ dataDir: ':memory:', demo: true, demoCustomers: 20, testClock: true, clock: new TestClock() });
for (const q of process.argv.slice(2)) console.log(q, '\n  ', (d.db.sqlite.prepare('EXPLAIN QUERY PLAN ' + q).all() as {detail:string}[]).map((r) => r.detail).join(' | '));
d.close();
