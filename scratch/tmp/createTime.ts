// Ticket creation through the desk's API on a file-backed demo desk: npm exec -- tsx scratch/tmp/createTime.ts REPO DIR N
import fs from 'node:fs';
const [repo, dir, nArg] = process.argv.slice(2);
const { openDesk } = await import(`${repo}/src/main/core/desk.ts`);
const { TestClock } = await import(`${repo}/src/main/core/testing/deskHarness.ts`);
fs.rmSync(dir!, { recursive: true, force: true });
const desk = await openDesk({ dataDir: dir, demo: true, demoCustomers: 300, testClock: true, clock: new TestClock() });
const conn = desk.connect(() => undefined);
const call = async (m: string, i: unknown) => { const r = await conn.call(m, i); if (!r.ok) throw new Error(r.error.message); return r.result; };
const users = await call('session.users', {});
await call('session.signIn', { userId: users.find((u: { name: string }) => u.name === 'Ava Martin').id });
const found = await call('lookup.search', { query: '7XK2QF1' });
const customerId = found.view.customer.id;
const assetId = found.view.matchedAssetId;
const subjects = ['Screen flickers', 'Battery not charging', 'Wi-Fi drops', 'Fan noisy', 'Would like a backlit keyboard option'];
const times: number[] = [];
for (let i = 0; i < Number(nArg ?? 300); i++) {
  const t0 = performance.now();
  await call('tickets.create', { customerId, assetId, subject: subjects[i % subjects.length] });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const q = (p: number) => Math.round(times[Math.floor(p * (times.length - 1))]! * 1000);
console.log(JSON.stringify({ repo, p50_us: q(0.5), p90_us: q(0.9), p99_us: q(0.99) }));
desk.close();
fs.rmSync(dir!, { recursive: true, force: true });
