// node scratch/tmp/cpuprof.mjs FILE ROOTFN [N]: inclusive time under functions named ROOTFN, and the top self-time and inclusive functions beneath.
import fs from 'node:fs';
const [file, root, nArg] = process.argv.slice(2);
const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const dt = prof.timeDeltas;
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
const name = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const underRoot = (id) => { const chain = []; let x = id; while (x !== undefined) { chain.push(x); if (nodes.get(x).callFrame.functionName === root) return chain; x = parent.get(x); } return null; };
let total = 0; const selfBy = new Map(); const incl = new Map();
for (const [id, t] of self) {
  const chain = underRoot(id); if (!chain) continue;
  total += t;
  const k = name(nodes.get(id)); selfBy.set(k, (selfBy.get(k) ?? 0) + t);
  const seen = new Set();
  for (const c of chain) { const kk = name(nodes.get(c)); if (seen.has(kk)) continue; seen.add(kk); incl.set(kk, (incl.get(kk) ?? 0) + t); }
}
const N = Number(nArg ?? 25);
console.log(`under ${root}: ${(total / 1000).toFixed(0)} ms`);
console.log('--- self'); for (const [k, t] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log(`${(100 * t / total).toFixed(1)}%  ${k}`);
console.log('--- inclusive'); for (const [k, t] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, N)) console.log(`${(100 * t / total).toFixed(1)}%  ${k}`);
