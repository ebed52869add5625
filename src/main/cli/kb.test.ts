import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tagdesk as run } from '../core/testing/processes';

// `tagdesk kb eval` as a user runs it: a separate process, its exit code and output.

const FIXTURES = join(process.cwd(), 'bench', 'fixtures');
const root = mkdtempSync(join(tmpdir(), 'tagdesk-kb-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const tagdesk = (...args: string[]) => run(args);

describe('tagdesk kb eval', () => {
  it('prints one JSON line per 10 % block with the issue’s fields', async () => {
    const r = await tagdesk('kb', 'eval', '--articles', join(FIXTURES, 'kb-articles.jsonl'), '--queries', join(FIXTURES, 'kb-queries.jsonl'), '--json');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);
    expect(lines).toHaveLength(10);
    expect(Object.keys(lines[0]!)).toEqual(['block', 'precision_at_3', 'baseline_precision_at_3', 'ndcg_at_10', 'baseline_ndcg_at_10', 'ask_rate']);
    expect(lines.map((l) => l.block)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  }, 60_000);

  it('runs on any files in the shape, and names the line of a bad one', async () => {
    const a = join(root, 'a.jsonl');
    const q = join(root, 'q.jsonl');
    writeFileSync(a, '{"id":"x","title":"Printer jams","body":"Open tray 2 and clear the paper."}\n{"id":"y","title":"Toner low","body":"Replace the cartridge."}\n');
    writeFileSync(q, '{"id":"1","text":"paper jam in tray","ratings":{"x":2}}\n{"id":"2","text":"toner warning","ratings":{"y":2}}\n');
    const ok = await tagdesk('kb', 'eval', '--articles', a, '--queries', q);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('2 articles, 2 queries');
    writeFileSync(q, '{"id":"1","text":"paper jam","ratings":{"x":5}}\n');
    const bad = await tagdesk('kb', 'eval', '--articles', a, '--queries', q, '--json');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('line 1');
    // What to fix: which article's rating, what it is, and what a rating may be.
    expect(bad.stderr.trim()).toBe(`${q}, line 1: the rating of "x" is 5; a rating is 0 (not relevant), 1 (somewhat) or 2 (very relevant).`);
    // An article id the articles file does not have (a typo) is named, not counted as never shown.
    writeFileSync(q, '{"id":"1","text":"paper jam","ratings":{"x":2}}\n{"id":"2","text":"toner","ratings":{"toner-low":2}}\n');
    const typo = await tagdesk('kb', 'eval', '--articles', a, '--queries', q);
    expect(typo.status).toBe(1);
    expect(typo.stderr.trim()).toBe(`${q}, line 2: query "2" rates "toner-low", which is not in the articles file; correct the id or add the article.`);
    // A file saved with a byte-order mark (Notepad) is read as it is meant.
    writeFileSync(a, '\uFEFF{"id":"x","title":"Printer jams","body":"Open tray 2 and clear the paper."}\n');
    writeFileSync(q, '{"id":"1","text":"paper jam in tray","ratings":{"x":2}}\n');
    expect((await tagdesk('kb', 'eval', '--articles', a, '--queries', q)).status).toBe(0);
    const usage = await tagdesk('kb', 'eval', '--articles', a);
    expect(usage.status).toBe(2);
  }, 60_000);
});
