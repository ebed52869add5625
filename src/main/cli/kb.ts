import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { displayWidth, padEnd, padStart } from './columns';
import type { CliSay } from './messages';

// `tagdesk kb eval --articles A.jsonl --queries Q.jsonl [--json]`: replays rated queries
// against a knowledge base built from the articles, with learning and without (the
// baseline) in the same run, and prints figures per block of 10 % of the queries.
// Exit codes as the other commands: 2 for a wrong command line, 1 for unreadable input.
// What it says to people comes from ./messages (English or Persian); --json lines do not.

class Unreadable extends Error {
  constructor(
    readonly file: string,
    readonly error: string,
  ) {
    super(`Cannot read ${file}: ${error}`);
  }
}

export async function kbCommand(argv: readonly string[], say: CliSay, argsError: (error: unknown) => string): Promise<number> {
  const { tr, tc } = say;
  const usage = `${tr('usage.head')}\n${tr('usage.kb')}`;
  const [sub, ...rest] = argv;
  if (sub !== 'eval') {
    console.error(`${sub === undefined ? tr('kb.needsSub') : tr('kb.unknownSub', { sub })}\n\n${usage}`);
    return 2;
  }
  let values: { articles?: string; queries?: string; json?: boolean };
  try {
    values = parseArgs({ args: [...rest], options: { articles: { type: 'string' }, queries: { type: 'string' }, json: { type: 'boolean' } }, strict: true }).values;
  } catch (error) {
    console.error(`${argsError(error)}\n\n${usage}`);
    return 2;
  }
  if (!values.articles || !values.queries) {
    console.error(`${tr('kb.needsFiles')}\n\n${usage}`);
    return 2;
  }
  // Loaded here: the core is heavy, and usage errors should be instant.
  const { evaluate, evalArticleSchema, evalQuerySchema, parseLines, knownArticles, EvalInputError } = await import('../core/kb/evaluate');
  /** Bad input in the reader's words: which file, which line, what is wrong. */
  const inputError = (error: unknown): string => {
    if (error instanceof Unreadable) return tr('kb.cannotRead', { file: error.file, error: say.fileError(error.error) });
    if (error instanceof EvalInputError) {
      const p = error.problem;
      if (p.kind === 'json') return tr('kb.badJson', { file: p.file, line: p.line });
      if (p.kind === 'shape') return tr('kb.badLine', { file: p.file, line: p.line, field: p.field || 'line', issue: p.issue });
      if (p.kind === 'rating') return tr('kb.badRating', { file: p.file, line: p.line, article: p.article, value: p.value });
      if (p.kind === 'unknownArticle') return tr('kb.unknownArticle', { file: p.file, line: p.line, query: p.query, article: p.article });
      return tr('kb.duplicate', { id: p.id });
    }
    throw error;
  };
  let articles, queries;
  try {
    articles = parseLines(read(values.articles), evalArticleSchema, values.articles);
    queries = parseLines(read(values.queries), evalQuerySchema, values.queries, knownArticles(articles, values.queries));
  } catch (error) {
    console.error(inputError(error));
    return 1;
  }
  if (articles.length === 0 || queries.length === 0) {
    console.error(tr('kb.nothing', { articles: tc('count.articles', articles.length), queries: tc('count.queries', queries.length) }));
    return 1;
  }
  let run;
  try {
    run = await evaluate(articles, queries, 10);
  } catch (error) {
    console.error(inputError(error));
    return 1;
  }
  try {
    if (values.json) {
      for (const b of run.blocks) {
        if (b.queries === 0) continue;
        const { block, precision_at_3, baseline_precision_at_3, ndcg_at_10, baseline_ndcg_at_10, ask_rate } = b;
        console.log(JSON.stringify({ block, precision_at_3, baseline_precision_at_3, ndcg_at_10, baseline_ndcg_at_10, ask_rate }));
      }
      return 0;
    }
    const { n, decimal, percent } = say;
    console.log(tr('kb.head', { articles: tc('count.articles', articles.length), queries: tc('count.queries', queries.length) }));
    const heads = [tr('kb.col.block'), tr('kb.col.queries'), tr('kb.col.p3'), tr('kb.col.p3Base'), tr('kb.col.ndcg'), tr('kb.col.ndcgBase'), tr('kb.col.asked')];
    // A column is as wide as its longest heading and a space (10 in English, as it always was).
    const width = Math.max(10, ...heads.map((h) => displayWidth(h) + 1));
    console.log(heads.map((h, i) => (i === 0 ? padEnd(h, 6) : padStart(h, width))).join(''));
    for (const b of run.blocks) {
      if (b.queries === 0) continue;
      const cells = [padEnd(n(b.block), 6), n(b.queries), decimal(b.precision_at_3, 3), decimal(b.baseline_precision_at_3, 3), decimal(b.ndcg_at_10, 3), decimal(b.baseline_ndcg_at_10, 3), percent(b.ask_rate)];
      console.log(cells.map((c, i) => (i === 0 ? c : padStart(c, width))).join(''));
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
    throw new Unreadable(file, (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error)));
  }
}
