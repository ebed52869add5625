import { describe, expect, it } from 'vitest';
import { generateEvalData } from '../bench/kbEvalData';
import { evaluate } from '../src/main/core/kb/evaluate';

// The four-week curve of issue 11 on the generated data (bench/kbEvalData.ts): the
// suggestions start where text search alone is, learn from the ratings to 80 % relevant
// in week 4, and the desk asks for ratings less often as they get better.
describe('learning over four simulated weeks', () => {
  it('rises from the baseline to precision@3 >= 0.8 in week 4 while the ask rate falls', async () => {
    const data = generateEvalData();
    // 20 blocks of 100 queries: the first says where learning starts, five make a week.
    const run = await evaluate(data.articles, data.queries, 20);
    try {
      const first = run.blocks[0]!;
      const week = (n: number) => {
        const b = run.blocks.slice((n - 1) * 5, n * 5);
        const mean = (f: (x: (typeof b)[number]) => number) => b.reduce((s, x) => s + f(x), 0) / b.length;
        return { precision_at_3: mean((x) => x.precision_at_3), baseline_precision_at_3: mean((x) => x.baseline_precision_at_3), ndcg_at_10: mean((x) => x.ndcg_at_10), baseline_ndcg_at_10: mean((x) => x.baseline_ndcg_at_10), ask_rate: mean((x) => x.ask_rate) };
      };
      const w1 = week(1);
      const w4 = week(4);
      expect(first.precision_at_3 - first.baseline_precision_at_3).toBeLessThan(0.15);
      expect(w4!.precision_at_3).toBeGreaterThanOrEqual(0.8);
      expect(w4!.baseline_precision_at_3).toBeLessThan(0.6);
      expect(w4!.ask_rate).toBeLessThan(w1!.ask_rate - 0.1);
      expect(w4!.ndcg_at_10).toBeGreaterThan(w4!.baseline_ndcg_at_10);
    } finally {
      run.close();
    }
  }, 120_000);
});
