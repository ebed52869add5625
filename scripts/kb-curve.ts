import { writeFileSync } from 'node:fs';
import { generateEvalData } from '../bench/kbEvalData';
import { evaluate } from '../src/main/core/kb/evaluate';

// Draws docs/kb-curve.svg: the four-week curve of `tagdesk kb eval` on the generated data
// (precision@3 with learning and without, and the share of suggestions rated).
//   npx tsx scripts/kb-curve.ts
const data = generateEvalData();
const run = await evaluate(data.articles, data.queries, 4);
const weeks = run.blocks;
run.close();
const W = 560;
const H = 300;
const x = (i: number) => 70 + i * ((W - 110) / 3);
const y = (v: number) => H - 50 - v * (H - 90);
const line = (values: number[], colour: string, dash = '') =>
  `<polyline fill="none" stroke="${colour}" stroke-width="2.5" ${dash ? `stroke-dasharray="${dash}"` : ''} points="${values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}"/>` +
  values.map((v, i) => `<circle cx="${x(i)}" cy="${y(v)}" r="3.5" fill="${colour}"/><text x="${x(i) + 6}" y="${y(v) - 6}" font-size="11" fill="${colour}">${v.toFixed(2)}</text>`).join('');
const grid = [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => `<line x1="60" x2="${W - 30}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="52" y="${y(v) + 4}" font-size="11" text-anchor="end" fill="#555">${v.toFixed(1)}</text>`).join('');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${W / 2}" y="20" font-size="14" text-anchor="middle" fill="#222">Suggestions over four simulated weeks (${data.queries.length} calls, ${data.articles.length} articles)</text>
${grid}
<line x1="60" x2="${W - 30}" y1="${y(0.8)}" y2="${y(0.8)}" stroke="#2b8a3e" stroke-dasharray="2 3"/>
${weeks.map((_, i) => `<text x="${x(i)}" y="${H - 30}" font-size="12" text-anchor="middle" fill="#333">week ${i + 1}</text>`).join('')}
${line(weeks.map((w) => w.precision_at_3), '#1c7ed6')}
${line(weeks.map((w) => w.baseline_precision_at_3), '#868e96', '6 4')}
${line(weeks.map((w) => w.ask_rate), '#e8590c', '2 3')}
<g font-size="12"><rect x="70" y="${H - 18}" width="12" height="3" fill="#1c7ed6"/><text x="86" y="${H - 13}">precision@3, learning</text>
<rect x="230" y="${H - 18}" width="12" height="3" fill="#868e96"/><text x="246" y="${H - 13}">baseline (no learning)</text>
<rect x="400" y="${H - 18}" width="12" height="3" fill="#e8590c"/><text x="416" y="${H - 13}">ask rate</text></g>
</svg>
`;
writeFileSync('docs/kb-curve.svg', svg);
console.log(JSON.stringify(weeks));
