import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE } from '../src/main/core/db/database';
import { openDesk, type Connection } from '../src/main/core/desk';
import { PRODUCTS } from '../src/main/core/demo';
import { evaluate } from '../src/main/core/kb/evaluate';
import { CASE_TERMS, kbStore, RECENT_CASES } from '../src/main/core/kb/kbStore';
import { GENERAL, PROBLEMS } from '../src/main/core/kb/problems';
import { normalizeText, queryTerms } from '../src/shared/kb/normalize';
import { coded } from '../src/main/core/db/idCodec';
import { openFloorConnection } from './floor';
import { generateEvalData } from './kbEvalData';
import { measure, type Figures } from './measure';
import { seeded } from './random';

// The knowledge base's benchmarks (issue 11), on a desk of their own, so they need none of
// the big dataset: `npm run bench -- --only kb`.
// - kb_suggest: three suggestions for an open ticket through the API, with N articles and M
//   ratings on the desk; floor: the raw FTS5 bm25 query for the same ticket's words.
// - kb_rate: a rating recorded and learnt from, durable (synchronous=FULL); floor: one
//   durable insert of the rating's event row.
// - kb_learning_week_1..4: the four-week curve of `tagdesk kb eval` on the generated data.

export interface KbBenchOptions {
  dir: string;
  articles: number;
  ratings: number;
  samples: number;
  budgetMs: number;
  log(message: string): void;
}

const WORDS = ['firmware', 'driver', 'bios', 'update', 'windows', 'linux', 'ubuntu', 'vpn', 'citrix', 'teams', 'zoom', 'outlook', 'printer', 'scanner', 'webcam', 'microphone', 'speaker', 'audio', 'hdmi', 'usb', 'thunderbolt', 'dock', 'monitor', 'battery', 'adapter', 'fan', 'thermal', 'keyboard', 'touchpad', 'ssd', 'raid', 'bitlocker', 'tpm', 'secure', 'boot', 'recovery', 'reset', 'image', 'deployment', 'warranty', 'dispatch', 'onsite', 'motherboard', 'memory', 'dimm', 'lcd', 'panel', 'hinge', 'lid', 'sleep', 'hibernate', 'wake', 'network', 'wifi', 'bluetooth', 'ethernet', 'pxe', 'idrac', 'perc', 'psu', 'redundancy'];

export async function runKbBenchmarks(opts: KbBenchOptions): Promise<Figures[]> {
  const { log } = opts;
  fs.rmSync(opts.dir, { recursive: true, force: true });
  fs.mkdirSync(opts.dir, { recursive: true });
  const results: Figures[] = [];
  try {
    // A demo desk for tickets and people; its own demo articles stay, the rest are added.
    let t0 = Date.now();
    (await openDesk({ dataDir: opts.dir, demo: true, demoCustomers: 600 })).close();
    log(`kb: demo desk in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    t0 = Date.now();
    fill(path.join(opts.dir, DB_FILE), opts.articles, opts.ratings);
    log(`kb: ${opts.articles.toLocaleString('en-US')} articles, ${opts.ratings.toLocaleString('en-US')} ratings in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const desk = await openDesk({ dataDir: opts.dir });
    const raw = openFloorConnection(path.join(opts.dir, DB_FILE));
    try {
      const ava = desk.connect(() => {});
      const avaId = desk.db.sqlite.prepare("SELECT id FROM users WHERE name = 'Ava Martin'").pluck().get() as string;
      await ok(ava, 'session.signIn', { userId: avaId });
      const open = desk.db.sqlite.prepare<[], { id: string; subject: string; description: string }>("SELECT id, subject, description FROM tickets WHERE is_open = 1 AND segment IN ('education','government','small_business','large_enterprise','home')").all();
      const r = seeded(5);
      const size = { samples: opts.samples, warmup: Math.min(200, opts.samples) };
      const total = size.samples + size.warmup;
      const pick = () => open[r.int(0, open.length - 1)]!;
      const productTickets = Array.from({ length: total }, pick);
      // The floor: the FTS5 query suggesting runs for the same ticket (its bounded words).
      const matchFor = kbStore(raw).matchFor;
      const floorTickets = productTickets.map((t) => matchFor(`${t.subject}\n${t.description}`)!);
      const fts = raw.prepare('SELECT rowid, bm25(kb_fts, 4.0, 1.0, 2.0) AS score FROM kb_fts WHERE kb_fts MATCH ? ORDER BY bm25(kb_fts, 4.0, 1.0, 2.0) LIMIT 40');
      log(`kb_suggest: ${size.warmup} warm-up + ${size.samples} samples over ${open.length} open tickets`);
      results.push(
        await measure(
          {
            name: 'kb_suggest',
            ...size,
            product: async (i) => void (await ok(ava, 'kb.suggest', { ticketId: productTickets[i]!.id })),
            floor: (i) => void fts.all(floorTickets[i]!),
            targetP99Us: 5000,
          },
          { budgetMs: opts.budgetMs },
        ),
      );
      // Ratings: suggest first (as the agent sees them), then rate one of the three.
      const shown = new Map<string, string[]>();
      for (const t of productTickets.slice(0, 400)) {
        const s = await ok(ava, 'kb.suggest', { ticketId: t.id });
        shown.set(t.id, (s as { suggestions: Array<{ article: { id: string } }> }).suggestions.map((x) => x.article.id));
      }
      const rateTickets = [...shown.keys()];
      const insertEvent = raw.prepare('INSERT INTO kb_events (id, type, at, actor, payload) VALUES (?, ?, ?, ?, ?)');
      const floorWrite = raw.transaction((i: number) => insertEvent.run(`bench-floor-${process.pid}-${i}`, 'kb.rated', Date.now(), '{"id":"bench"}', '{"ticketId":"x","articleId":"y","rating":1}'));
      log(`kb_rate: ${size.warmup} warm-up + ${size.samples} samples (durable)`);
      results.push(
        await measure(
          {
            name: 'kb_rate',
            ...size,
            product: async (i) => {
              const ticketId = rateTickets[i % rateTickets.length]!;
              const articles = shown.get(ticketId)!;
              await ok(ava, 'kb.rate', { ticketId, articleId: articles[i % articles.length]!, rating: (i % 3) as 0 | 1 | 2 });
            },
            floor: (i) => void floorWrite.immediate(i),
            targetP99Us: 2000,
          },
          { budgetMs: opts.budgetMs },
        ),
      );
    } finally {
      raw.close();
      desk.close();
    }

    // The four-week curve, learning on and off, on the generated calls.
    t0 = Date.now();
    const data = generateEvalData();
    const run = await evaluate(data.articles, data.queries, 4);
    for (const b of run.blocks) {
      results.push({
        name: `kb_learning_week_${b.block}`,
        precision_at_3: b.precision_at_3,
        baseline_precision_at_3: b.baseline_precision_at_3,
        ndcg_at_10: b.ndcg_at_10,
        baseline_ndcg_at_10: b.baseline_ndcg_at_10,
        ask_rate: b.ask_rate,
        queries: b.queries,
      } as unknown as Figures);
    }
    run.close();
    log(`kb: four simulated weeks (${data.queries.length} calls, ${data.articles.length} articles) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    fs.rmSync(opts.dir, { recursive: true, force: true });
  }
  return results;
}

async function ok(c: Connection, method: string, input: unknown): Promise<unknown> {
  const r = await c.call(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.result;
}

/**
 * Adds articles and ratings straight into the tables (the projections the store keeps), as
 * a desk that has run for a long while would hold them: articles on every problem, line and
 * model with varied wording; rated tickets with their words; each rating an event too.
 */
export function fill(file: string, articles: number, ratings: number): void {
  // Ids as the desk stores them (16 bytes): the load binds through the desk's codec.
  const db = coded(openFloorConnection(file));
  const r = seeded(9);
  const lines = Object.keys(PRODUCTS);
  const now = Date.now();
  const ins = {
    article: db.prepare(`INSERT INTO kb_articles (id, title, body, product_lines, models, segments, tags, status, author_id, source_ticket_id, version, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, '[]', ?, 'published', 'bench', NULL, 1, ?, ?) RETURNING n`),
    version: db.prepare(`INSERT INTO kb_article_versions (article_id, version, title, body, product_lines, models, segments, tags, status, author_id, at) VALUES (?, 1, ?, ?, ?, ?, '[]', ?, 'published', 'bench', ?)`),
    fts: db.prepare('INSERT INTO kb_fts (rowid, title, body, tags) VALUES (?, ?, ?, ?)'),
    kase: db.prepare('INSERT INTO kb_cases (ticket_id, product_line, at) VALUES (?, ?, ?) RETURNING n'),
    caseTerm: db.prepare('INSERT OR IGNORE INTO kb_case_terms (term, case_n, words) VALUES (?, ?, ?)'),
    rating: db.prepare('INSERT OR IGNORE INTO kb_ratings (ticket_id, case_n, article_n, rating, solved, kind, actor_id, at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)'),
    kind: db.prepare('INSERT INTO kb_kind_stats (kind, article_n, n, sum) VALUES (?, ?, 1, ?) ON CONFLICT (kind, article_n) DO UPDATE SET n = n + 1, sum = sum + excluded.sum'),
    stats: db.prepare('INSERT INTO kb_article_stats (article_n, n, sum) VALUES (?, 1, ?) ON CONFLICT (article_n) DO UPDATE SET n = n + 1, sum = sum + excluded.sum'),
    event: db.prepare('INSERT INTO kb_events (id, type, at, actor, payload) VALUES (?, ?, ?, ?, ?)'),
  };
  const byProblem = new Map<string, number[]>();
  db.transaction(() => {
    for (let i = 0; i < articles; i++) {
      const p = PROBLEMS[i % PROBLEMS.length]!;
      const line = r.pick(lines);
      const model = r.pick(PRODUCTS[line]!);
      const extra = Array.from({ length: 12 }, () => r.pick(WORDS)).join(' ');
      const title = `${line}: ${p.title}${i >= PROBLEMS.length * lines.length ? ` (${model}, ${r.pick(WORDS)})` : ''}`;
      const body = `${p.steps.join('\n')}\n${extra}\n${r.pick(Object.values(GENERAL)).body}`;
      const tags = JSON.stringify(p.terms.slice(0, 3));
      const n = (ins.article.get(`bench-a${i}`, title, body, JSON.stringify([line]), JSON.stringify([model]), tags, now, now) as { n: number }).n;
      ins.version.run(`bench-a${i}`, title, body, JSON.stringify([line]), JSON.stringify([model]), tags, now);
      ins.fts.run(n, normalizeText(title), normalizeText(body), normalizeText(`${p.terms.join(' ')} ${line} ${model}`));
      const list = byProblem.get(p.key) ?? [];
      list.push(n);
      byProblem.set(p.key, list);
    }
    // Only the most recent rated tickets' words are kept for the similar-ticket search, as the store keeps them.
    const totalCases = Math.ceil(ratings / 3);
    for (let i = 0, c = 0; i < ratings; c++) {
      const p = r.pick(PROBLEMS);
      const line = r.pick(lines);
      const text = [r.pick(p.symptoms), r.pick(p.symptoms), r.pick(p.terms), r.pick(WORDS)].join(' ');
      const caseN = (ins.kase.get(`bench-t${c}`, line, now) as { n: number }).n;
      if (c >= totalCases - RECENT_CASES) {
        const words = queryTerms(text).slice(0, CASE_TERMS);
        for (const w of words) ins.caseTerm.run(w, caseN, words.length);
      }
      const candidates = byProblem.get(p.key)!;
      for (let k = 0; k < 3 && i < ratings; k++, i++) {
        const a = r.pick(candidates);
        const rating = r.int(0, 2);
        const rel = rating === 0 ? 0 : rating === 1 ? 0.75 : 1;
        const kind = `${line}|other`;
        ins.rating.run(`bench-t${c}`, caseN, a, rating, kind, 'bench', now);
        ins.kind.run(kind, a, rel);
        ins.stats.run(a, rel);
        ins.event.run(`bench-e${i}`, 'kb.rated', now, '{"id":"bench"}', JSON.stringify({ ticketId: `bench-t${c}`, article: a, rating }));
      }
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}
