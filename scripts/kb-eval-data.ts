import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateEvalData } from '../bench/kbEvalData';

// Writes test data for `tagdesk kb eval`: articles and four weeks of rated queries from the
// demo's domain (bench/kbEvalData.ts says how they are made).
//   npx tsx scripts/kb-eval-data.ts [--out DIR] [--seed N] [--per-week N]
const { values } = parseArgs({ options: { out: { type: 'string', default: 'bench/fixtures' }, seed: { type: 'string', default: '11' }, 'per-week': { type: 'string', default: '500' } } });
const data = generateEvalData({ seed: Number(values.seed), queriesPerWeek: Number(values['per-week']) });
const write = (name: string, rows: unknown[]) => {
  const file = join(values.out, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.error(`wrote ${rows.length} lines to ${file}`);
};
write('kb-articles.jsonl', data.articles);
write('kb-queries.jsonl', data.queries);
