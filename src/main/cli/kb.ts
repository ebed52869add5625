import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

// `tagdesk kb eval --articles A.jsonl --queries Q.jsonl [--json]`: replays rated queries
// against a knowledge base built from the articles, with learning and without (the
// baseline) in the same run, and prints figures per block of 10 % of the queries.
// Exit codes as the other commands: 2 for a wrong command line, 1 for unreadable input.

export const KB_USAGE = `  kb eval --articles A.jsonl --queries Q.jsonl [--json]
                                      replay rated queries against the articles: precision@3,
                                      nDCG@10 and ask rate per 10 % of the queries, learning
                                      on and off (the baseline)`;

export async function kbCommand(argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'eval') {
    console.error(`${sub === undefined ? 'kb needs a subcommand.' : `Unknown kb subcommand "${sub}".`}\n\nUsage:\n${KB_USAGE}`);
    return 2;
  }
  let values: { articles?: string; queries?: string; json?: boolean };
  try {
    values = parseArgs({ args: [...rest], options: { articles: { type: 'string' }, queries: { type: 'string' }, json: { type: 'boolean' } }, strict: true }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\nUsage:\n${KB_USAGE}`);
    return 2;
  }
  if (!values.articles || !values.queries) {
    console.error(`kb eval needs --articles and --queries.\n\nUsage:\n${KB_USAGE}`);
    return 2;
  }
  // Loaded here: the core is heavy, and usage errors should be instant.
  const { evaluate, evalArticleSchema, evalQuerySchema, parseLines } = await import('../core/kb/evaluate');
  let articles, queries;
  try {
    articles = parseLines(read(values.articles), evalArticleSchema, values.articles);
    queries = parseLines(read(values.queries), evalQuerySchema, values.queries);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
  if (articles.length === 0 || queries.length === 0) {
    console.error(`Nothing to evaluate: ${articles.length} articles, ${queries.length} queries.`);
    return 1;
  }
  const run = await evaluate(articles, queries, 10);
  try {
    if (values.json) {
      for (const b of run.blocks) {
        if (b.queries === 0) continue;
        const { block, precision_at_3, baseline_precision_at_3, ndcg_at_10, baseline_ndcg_at_10, ask_rate } = b;
        console.log(JSON.stringify({ block, precision_at_3, baseline_precision_at_3, ndcg_at_10, baseline_ndcg_at_10, ask_rate }));
      }
      return 0;
    }
    console.log(`${articles.length} articles, ${queries.length} queries, blocks of 10 %`);
    console.log(['block', 'queries', 'P@3', 'P@3 base', 'nDCG@10', 'nDCG base', 'asked'].map((h, i) => (i === 0 ? h.padEnd(6) : h.padStart(10))).join(''));
    for (const b of run.blocks) {
      if (b.queries === 0) continue;
      const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
      console.log([String(b.block).padEnd(6), String(b.queries), b.precision_at_3.toFixed(3), b.baseline_precision_at_3.toFixed(3), b.ndcg_at_10.toFixed(3), b.baseline_ndcg_at_10.toFixed(3), pct(b.ask_rate)].map((c, i) => (i === 0 ? c : c.padStart(10))).join(''));
    }
    return 0;
  } finally {
    run.close();
  }
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
