import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain';
import type { OutboxEnvelope } from '../../../shared/ticketLog/envelope';
import { openDatabase } from '../db/database';
import type { Outbox } from '../outbox';
import { kbStore } from './kbStore';

// Two agents (or one agent on two desks) rate the same suggestion on the same ticket on
// different desks; the hub hands each desk the other's events, and a desk that was offline
// gets them in whatever order. Every desk must end with the same rating, and the learnt counts
// of the rating it kept: the later event's, not the later arrival's.

const agent = (id: string): Actor => ({ id, role: 'agent', tier: 1, segments: [] });
const ARTICLES = [
  { id: '0190a000-0000-7000-8000-000000000001', title: 'Battery stuck at 80 percent: charge limit in BIOS', body: 'The battery does not charge past 80 percent because the charge configuration is Adaptive.' },
  { id: '0190a000-0000-7000-8000-000000000002', title: 'Battery not charging: replace the battery', body: 'If the battery is swollen or not charging at all, replace the battery.' },
  { id: '0190a000-0000-7000-8000-000000000003', title: 'Power adapter not recognised, battery not charging', body: 'The adapter wattage cannot be determined. Reseat the adapter cable.' },
];
const [LIMIT, REPLACE, ADAPTER] = ARTICLES.map((a) => a.id) as [string, string, string];
const TICKET = { key: '0190a000-0000-7000-8000-0000000000aa', text: 'Battery stuck at 80 percent, not charging', productLine: null, model: null, segment: 'education' };
const OTHER = { key: '0190a000-0000-7000-8000-0000000000bb', text: 'Battery not charging at all', productLine: null, model: null, segment: 'education' };

async function desk(deskId: string) {
  const sent: OutboxEnvelope[] = [];
  const outbox = { deskId, append: (e: OutboxEnvelope) => void sent.push(e) } as unknown as Outbox;
  const db = await openDatabase(':memory:');
  const store = kbStore(db.sqlite, { outbox, indexDelayMs: 0 });
  const receive = (events: readonly OutboxEnvelope[]) => {
    for (const e of events) db.sqlite.transaction(() => (store.logRemote(e) ? store.applyRemote(e) : undefined))();
  };
  return { sent, db, store, receive };
}

/** Every knowledge table a rating changes, as comparable rows (the rated tickets by id, not by this desk's number). */
function tables(d: Awaited<ReturnType<typeof desk>>) {
  d.store.indexPending();
  const all = (sql: string) => d.db.sqlite.prepare(sql).all();
  return {
    ratings: all('SELECT ticket_id, article_n, rating, solved, kind, actor_id, at, seq, ev FROM kb_ratings ORDER BY ticket_id, article_n'),
    gone: all('SELECT * FROM kb_rating_gone ORDER BY ticket_id, article_n'),
    cases: all('SELECT ticket_id, product_line, at, seq FROM kb_cases ORDER BY ticket_id'),
    words: all('SELECT c.ticket_id, t.term, t.words FROM kb_case_terms t JOIN kb_cases c ON c.n = t.case_n ORDER BY 1, 2'),
    kinds: all('SELECT * FROM kb_kind_stats ORDER BY kind, article_n'),
    raters: all('SELECT * FROM kb_rater_stats ORDER BY kind, article_n, actor_id'),
    articles: all('SELECT * FROM kb_article_stats ORDER BY article_n'),
    // "Relevant lately" is decayed per rating as it arrives (a withdrawal taken at weight 1):
    // how many ratings it counts is the same, their decay within a few hundredths (below).
    precision: all('SELECT kind FROM kb_precision ORDER BY kind'),
    // (The desk that wrote an event keeps its own note of it, another the envelope's payload.)
    events: all('SELECT id, type, at FROM kb_events ORDER BY id'),
  };
}

describe('a suggestion rated on two desks', () => {
  it('every desk keeps the later rating and counts it alike, whatever order the events arrive in', async () => {
    const a = await desk('desk-a');
    const b = await desk('desk-b');
    for (const x of ARTICLES) a.store.save(agent('tara'), { ...x, productLines: [], models: [], segments: [], tags: [], status: 'published', sourceTicketId: null }, 1);
    const articles = a.sent.splice(0);
    expect(articles).toHaveLength(3);
    b.receive(articles);

    // Offline from each other: A and B rate the same suggestions on the same ticket.
    for (const d of [a, b]) d.store.suggest(TICKET, { limit: 3 });
    a.store.rate(agent('mallory'), TICKET, REPLACE, 2, false, 10); // two agents: B's is later
    b.store.rate(agent('colleague'), TICKET, REPLACE, 0, false, 20);
    b.store.rate(agent('ava'), TICKET, LIMIT, 1, false, 25); // one agent on two desks: A's is later
    a.store.rate(agent('ava'), TICKET, LIMIT, 2, false, 30);
    a.store.rate(agent('ava'), TICKET, ADAPTER, 2, false, 40); // taken back on A after B rated it
    b.store.rate(agent('bob'), TICKET, ADAPTER, 1, false, 45);
    a.store.withdraw(agent('ava'), TICKET, ADAPTER, 50);
    b.store.suggest(OTHER, { limit: 3 });
    b.store.rate(agent('bob'), OTHER, REPLACE, 2, false, 60);
    const fromA = a.sent.splice(0);
    const fromB = b.sent.splice(0);
    expect(fromA).toHaveLength(4);
    expect(fromB).toHaveLength(4);

    // Then each gets the other's, and two desks that were offline get all of them: in A's
    // order then B's, and B's then A's backwards.
    a.receive(fromB);
    b.receive(fromA);
    const c = await desk('desk-c');
    const d = await desk('desk-d');
    c.receive([...articles, ...fromA, ...fromB]);
    d.receive([...articles, ...[...fromB].reverse(), ...[...fromA].reverse()]);

    const want = tables(a);
    expect(want.ratings).toHaveLength(3);
    const ratingOf = (article: string, ticket = TICKET.key) =>
      a.db.sqlite.prepare('SELECT r.rating, r.actor_id FROM kb_ratings r JOIN kb_articles x ON x.n = r.article_n WHERE r.ticket_id = ? AND x.id = ?').get(ticket, article);
    expect(ratingOf(REPLACE)).toEqual({ rating: 0, actor_id: 'colleague' });
    expect(ratingOf(LIMIT)).toEqual({ rating: 2, actor_id: 'ava' });
    expect(ratingOf(ADAPTER)).toBeUndefined();
    const shown = (x: typeof a) => x.db.sqlite.prepare('SELECT shown FROM kb_precision').pluck().get() as number;
    for (const other of [b, c, d]) {
      expect(tables(other)).toEqual(want);
      expect(Math.abs(shown(other) - shown(a))).toBeLessThan(0.05);
    }
    // One rating per suggestion, and the tallies count it once, for the agent who gave it.
    expect(a.store.article(REPLACE)?.ratings).toEqual({ n: 2, mean: 0.5 });
    for (const x of [a, b, c, d]) x.db.close();
  });
});

