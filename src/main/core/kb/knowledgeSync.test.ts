import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outboxEnvelopeSchema, type OutboxEnvelope } from '../../../shared/ticketLog/envelope';
import { openDesk, type Desk } from '../desk';
import { testDesk, TestClock } from '../testing/deskHarness';

// The knowledge base through the hub: what a desk puts in its outbox, and what another desk
// makes of it through the 'knowledge' stream applier.

const closers: Array<() => void> = [];
afterEach(() => {
  while (closers.length > 0) closers.pop()!();
});
const open = async () => {
  const t = await testDesk();
  closers.push(() => t.desk.close());
  return t;
};

/** The desk's 'knowledge' outbox entries after desk_seq `after`, as the hub hands them back (globalSeq set). */
function knowledgeOutbox(desk: Desk, after = 0): OutboxEnvelope[] {
  const rows = desk.db.sqlite.prepare("SELECT desk_seq, body FROM outbox WHERE stream = 'knowledge' AND desk_seq > ? ORDER BY desk_seq").all(after) as Array<{ desk_seq: number; body: string }>;
  return rows.map((r) => ({ ...outboxEnvelopeSchema.parse(JSON.parse(r.body)), globalSeq: r.desk_seq }));
}
const lastDeskSeq = (desk: Desk) => (desk.db.sqlite.prepare('SELECT coalesce(max(desk_seq), 0) FROM outbox').pluck().get() as number);
const apply = (desk: Desk, events: OutboxEnvelope[]) => {
  const applier = desk.streams.get('knowledge')!;
  desk.db.sqlite.transaction(() => applier.apply(events))();
};
const count = (desk: Desk, table: string) => desk.db.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
/**
 * The words a rated ticket is found by as a similar ticket, as this desk keeps them: in the
 * similar-ticket index, or still pending for it (kb_case_pending, moved in batches).
 */
const caseTerms = (desk: Desk, ticketId: string) =>
  desk.db.sqlite
    .prepare(
      `SELECT t.term, t.words FROM kb_case_terms t JOIN kb_cases c ON c.n = t.case_n WHERE c.ticket_id = ?
       UNION ALL SELECT j.value AS term, json_array_length(p.words) AS words FROM kb_case_pending p JOIN kb_cases c ON c.n = p.case_n, json_each(p.words) j WHERE c.ticket_id = ?
       ORDER BY term`,
    )
    .all(ticketId, ticketId);

async function showcaseTicket(as: Awaited<ReturnType<typeof open>>['as'], subject: string, description: string) {
  const ava = await as('Ava Martin');
  const view = await ava.call('lookup.search', { query: '7XK2QF1' });
  if (view.kind !== 'match') throw new Error('no showcase customer');
  return (await ava.call('tickets.create', { customerId: view.view.customer.id, assetId: null, subject, description })).ticket;
}

const ARTICLES = [
  { title: 'Zorblat dock flickers: update the zorblat firmware', body: 'The zorblat dock flickers until its firmware is updated.' },
  { title: 'Zorblat dock flickers after sleep', body: 'Zorblat dock screens flicker after sleep; turn off dock power saving.' },
  { title: 'Reset the zorblat hub', body: 'A zorblat hub that flickers or drops: hold reset for ten seconds.' },
];

describe('knowledge-base sync', () => {
  it('puts each article change and rating in the outbox with the change, and a refused one not at all', async () => {
    const { desk, as } = await open();
    const sam = await as('Sam Rivera');
    const before = lastDeskSeq(desk);
    const a = await sam.call('kb.save', { title: 'Reseat the RAM', body: 'Step one.', status: 'published' });
    await sam.call('kb.save', { id: a.id, expectedVersion: 1, title: 'Reseat the memory', body: 'Step one. Step two.', status: 'published' });
    await expect((await as('Ava Martin')).call('kb.save', { title: 'Agent article', body: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    const saved = knowledgeOutbox(desk, before);
    expect(saved.map((e) => [e.type, e.entityId, e.seq])).toEqual([
      ['kb.article_created', a.id, 1],
      ['kb.article_edited', a.id, 2],
    ]);
    expect(saved[1]!.payload).toMatchObject({ title: 'Reseat the memory', status: 'published' });
    expect(saved[1]!.actor).toMatchObject({ role: 'specialist' });

    const t = await showcaseTicket(as, 'Battery not charging past 80%', 'stuck at 80 percent');
    const ava = await as('Ava Martin');
    const s = await ava.call('kb.suggest', { ticketId: t.id });
    const mark = lastDeskSeq(desk);
    await ava.call('kb.rate', { ticketId: t.id, articleId: s.suggestions[0]!.article.id, rating: 2 });
    await ava.call('kb.rate', { ticketId: t.id, articleId: s.suggestions[1]!.article.id, rating: 0 });
    const rated = knowledgeOutbox(desk, mark);
    expect(rated.map((e) => [e.type, e.entityId, e.seq])).toEqual([
      ['kb.rated', t.id, 1],
      ['kb.rated', t.id, 2],
    ]);
    expect(rated[0]!.payload).toMatchObject({ ticketId: t.id, articleId: s.suggestions[0]!.article.id, rating: 2, segment: t.segment });
    // The same ids as the desk's own knowledge log: one event, two places.
    const ids = desk.db.sqlite.prepare('SELECT id FROM kb_events').pluck().all() as string[];
    for (const e of [...saved, ...rated]) expect(ids).toContain(e.id);
  });

  it('takes a rating back: it stops counting on this desk and, through the hub, on every other', async () => {
    const a = await open();
    const b = await open();
    const samA = await a.as('Sam Rivera');
    const start = lastDeskSeq(a.desk);
    for (const x of ARTICLES) await samA.call('kb.save', { ...x, status: 'published' });
    const avaA = await a.as('Ava Martin');
    const t1 = await showcaseTicket(a.as, 'Zorblat dock flickers', 'zorblat dock flickering');
    const shown = (await avaA.call('kb.suggest', { ticketId: t1.id })).suggestions.map((s) => s.article.id);
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[0]!, rating: 0 });
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[2]!, rating: 2 });
    const rated = knowledgeOutbox(a.desk, start);
    apply(b.desk, rated);
    const avaB = await b.as('Ava Martin');
    expect((await avaB.call('kb.get', { articleId: shown[2]! })).ratings).toEqual({ n: 1, mean: 1 });

    // The agent should not have rated the third at all.
    const mark = lastDeskSeq(a.desk);
    expect(await avaA.call('kb.withdrawRating', { ticketId: t1.id, articleId: shown[2]! })).toMatchObject({ ticketId: t1.id, articleId: shown[2]!, withdrawn: true });
    const withdrawn = knowledgeOutbox(a.desk, mark);
    expect(withdrawn.map((e) => [e.type, e.entityId, e.seq])).toEqual([['kb.rating_withdrawn', t1.id, 3]]);
    expect(withdrawn[0]!.payload).toMatchObject({ ticketId: t1.id, articleId: shown[2]!, segment: t1.segment });
    const onA = (await avaA.call('kb.suggest', { ticketId: t1.id })).suggestions;
    expect(onA.find((s) => s.article.id === shown[2]!)?.rating ?? null).toBeNull();
    expect(onA.find((s) => s.article.id === shown[0]!)?.rating).toBe(0);
    expect((await avaA.call('kb.get', { articleId: shown[2]! })).ratings).toEqual({ n: 0, mean: null });
    // Taken back already: nothing more to send.
    expect((await avaA.call('kb.withdrawRating', { ticketId: t1.id, articleId: shown[2]! })).withdrawn).toBe(false);
    expect(knowledgeOutbox(a.desk, mark)).toHaveLength(1);

    // Desk B drops it too, once, however often the event arrives; the other rating stays.
    apply(b.desk, withdrawn);
    apply(b.desk, [...rated, ...withdrawn]);
    expect((await avaB.call('kb.get', { articleId: shown[2]! })).ratings).toEqual({ n: 0, mean: null });
    expect((await avaB.call('kb.get', { articleId: shown[0]! })).ratings).toEqual({ n: 1, mean: 0 });
    expect(b.desk.db.sqlite.prepare('SELECT count(*) FROM kb_ratings WHERE ticket_id = ?').pluck().get(t1.id)).toBe(1);
    // Rated again afterwards, it counts again.
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[2]!, rating: 1 });
    expect((await avaA.call('kb.get', { articleId: shown[2]! })).ratings).toEqual({ n: 1, mean: 0.75 });
  });

  it('takes "solved with this article" back: the rating, the tallies and the model are as before the mark, here and on another desk', async () => {
    const a = await open();
    const b = await open();
    const samA = await a.as('Sam Rivera');
    const start = lastDeskSeq(a.desk);
    for (const x of ARTICLES) await samA.call('kb.save', { ...x, status: 'published' });
    const avaA = await a.as('Ava Martin');
    const t1 = await showcaseTicket(a.as, 'Zorblat dock flickers', 'zorblat dock flickering');
    const shown = (await avaA.call('kb.suggest', { ticketId: t1.id })).suggestions.map((s) => s.article.id);
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[0]!, rating: 1 });
    await avaA.call('tickets.act', { ticketId: t1.id, command: { type: 'TAKE' } });
    await avaA.call('tickets.act', { ticketId: t1.id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'Dock firmware updated' } });
    apply(b.desk, knowledgeOutbox(a.desk, start));
    const learnt = (desk: Desk) => ({
      model: desk.db.sqlite.prepare('SELECT weights FROM kb_model').pluck().get(),
      // A tally of no rating (n 0) is none.
      articles: desk.db.sqlite.prepare('SELECT article_n, n, sum FROM kb_article_stats WHERE n <> 0 ORDER BY article_n').all(),
      kinds: desk.db.sqlite.prepare('SELECT kind, article_n, n, sum FROM kb_kind_stats WHERE n <> 0 ORDER BY kind, article_n').all(),
      precision: desk.db.sqlite.prepare('SELECT kind, shown, relevant FROM kb_precision ORDER BY kind').all(),
    });
    const scores = async () => (await avaA.call('kb.suggest', { ticketId: t1.id })).suggestions.map((s) => [s.article.id, s.relevance, s.rating, s.solved]);
    const beforeA = learnt(a.desk);
    const beforeB = learnt(b.desk);
    const scoresBefore = await scores();

    // Pressed on the wrong article: marked, then taken back by pressing it again.
    const mark = lastDeskSeq(a.desk);
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[0]!, rating: 2, solved: true });
    apply(b.desk, knowledgeOutbox(a.desk, mark));
    expect(learnt(a.desk).model).not.toEqual(beforeA.model);
    expect(await avaA.call('kb.withdrawSolved', { ticketId: t1.id, articleId: shown[0]! })).toMatchObject({ withdrawn: true, rating: 1, solved: false });
    const events = knowledgeOutbox(a.desk, mark);
    expect(events.map((e) => [e.type, e.entityId, e.seq])).toEqual([
      ['kb.rated', t1.id, 2],
      ['kb.solved_withdrawn', t1.id, 3],
    ]);
    expect(learnt(a.desk)).toEqual(beforeA);
    expect(await scores()).toEqual(scoresBefore);
    // Another desk undoes it too, once, however often the event arrives.
    apply(b.desk, events.slice(1));
    apply(b.desk, events);
    expect(learnt(b.desk)).toEqual(beforeB);
    // Nothing more to take back.
    expect((await avaA.call('kb.withdrawSolved', { ticketId: t1.id, articleId: shown[0]! })).withdrawn).toBe(false);
    // Marked with no rating before it: taken back, the article is unrated again.
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[1]!, rating: 2, solved: true });
    expect(await avaA.call('kb.withdrawSolved', { ticketId: t1.id, articleId: shown[1]! })).toMatchObject({ withdrawn: true, rating: null, solved: false });
    expect(learnt(a.desk)).toEqual(beforeA);
  });

  it('numbers a ticket’s ratings past a withdrawal: the rating after it is not a repeat of the one taken back', async () => {
    const a = await open();
    const b = await open();
    const samA = await a.as('Sam Rivera');
    const start = lastDeskSeq(a.desk);
    for (const x of ARTICLES) await samA.call('kb.save', { ...x, status: 'published' });
    const avaA = await a.as('Ava Martin');
    const t1 = await showcaseTicket(a.as, 'Zorblat dock flickers', 'zorblat dock flickering');
    const shown = (await avaA.call('kb.suggest', { ticketId: t1.id })).suggestions.map((s) => s.article.id);
    const mark = lastDeskSeq(a.desk);
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[0]!, rating: 0 });
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[1]!, rating: 2 });
    // Pressed by mistake, taken back, then the agent rates it as meant.
    await avaA.call('kb.withdrawRating', { ticketId: t1.id, articleId: shown[1]! });
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[1]!, rating: 1 });
    const events = knowledgeOutbox(a.desk, mark);
    // Each of the ticket's knowledge events has a number of its own: the last one was numbered
    // 2 again, the withdrawn rating's number (the same ticket, the same article, the same seq).
    expect(events.map((e) => [e.type, e.entityId, e.seq])).toEqual([
      ['kb.rated', t1.id, 1],
      ['kb.rated', t1.id, 2],
      ['kb.rating_withdrawn', t1.id, 3],
      ['kb.rated', t1.id, 4],
    ]);
    // Another desk, through the hub, ends where this one is: the article rated once, somewhat relevant.
    apply(b.desk, [...knowledgeOutbox(a.desk, start).filter((e) => e.type.startsWith('kb.article')), ...events]);
    const avaB = await b.as('Ava Martin');
    expect((await avaB.call('kb.get', { articleId: shown[1]! })).ratings).toEqual({ n: 1, mean: 0.75 });
    expect((await avaA.call('kb.get', { articleId: shown[1]! })).ratings).toEqual({ n: 1, mean: 0.75 });
  });

  it('applies another desk’s articles and ratings: the ranking changes as with a local rating, and a repeat changes nothing', async () => {
    const a = await open();
    const b = await open();
    const samA = await a.as('Sam Rivera');
    const start = lastDeskSeq(a.desk);
    const written: Array<{ id: string }> = [];
    for (const x of ARTICLES) written.push(await samA.call('kb.save', { ...x, status: 'published' }));
    apply(b.desk, knowledgeOutbox(a.desk, start));
    // The articles arrive with their ids and versions, searchable, and nothing goes back out.
    const avaB = await b.as('Ava Martin');
    expect((await avaB.call('kb.search', { query: 'zorblat' })).articles.map((x) => x.id).sort()).toEqual(written.map((w) => w.id).sort());
    expect(knowledgeOutbox(b.desk, 0).filter((e) => e.entityId === written[0]!.id)).toEqual([]);

    // Desk B's own caller with the problem, before any rating.
    const t2 = await showcaseTicket(b.as, 'Zorblat dock flickers', 'the zorblat dock flickers again');
    const before = (await avaB.call('kb.suggest', { ticketId: t2.id })).suggestions.map((s) => s.article.id);

    // On desk A, an agent rates the suggestions for the same problem: the first did not help, the third did.
    const avaA = await a.as('Ava Martin');
    const t1 = await showcaseTicket(a.as, 'Zorblat dock flickers', 'zorblat dock flickering');
    const shown = (await avaA.call('kb.suggest', { ticketId: t1.id })).suggestions.map((s) => s.article.id);
    expect([...shown].sort()).toEqual(written.map((w) => w.id).sort());
    const mark = lastDeskSeq(a.desk);
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[0]!, rating: 0 });
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[1]!, rating: 0 });
    await avaA.call('kb.rate', { ticketId: t1.id, articleId: shown[2]!, rating: 2 });
    const ratings = knowledgeOutbox(a.desk, mark);
    expect(ratings).toHaveLength(3);

    expect(before.indexOf(shown[2]!)).toBeGreaterThan(before.indexOf(shown[0]!));
    apply(b.desk, ratings);
    // Desk B finds A's rated ticket by the same words A does.
    expect(caseTerms(b.desk, t1.id)).toEqual(caseTerms(a.desk, t1.id));
    expect(caseTerms(b.desk, t1.id).map((r) => (r as { term: string }).term)).toEqual(expect.arrayContaining(['zorblat', 'dock', 'flickers']));
    const after = (await avaB.call('kb.suggest', { ticketId: t2.id })).suggestions;
    const ids = after.map((s) => s.article.id);
    expect(ids.indexOf(shown[2]!)).toBeLessThan(ids.includes(shown[0]!) ? ids.indexOf(shown[0]!) : 99);
    expect(after.find((s) => s.article.id === shown[2]!)!.reasons).toContain('similar');

    // The same events again (a pull may repeat): nothing moves.
    const tables = ['kb_events', 'kb_ratings', 'kb_cases', 'kb_case_terms', 'kb_articles', 'kb_article_versions', 'outbox'];
    const counts = tables.map((t) => count(b.desk, t));
    const stats = b.desk.db.sqlite.prepare('SELECT article_n, n, sum FROM kb_article_stats ORDER BY article_n').all();
    const model = b.desk.db.sqlite.prepare('SELECT weights, updates FROM kb_model').get();
    apply(b.desk, [...knowledgeOutbox(a.desk, start), ...ratings]);
    expect(tables.map((t) => count(b.desk, t))).toEqual(counts);
    expect(b.desk.db.sqlite.prepare('SELECT article_n, n, sum FROM kb_article_stats ORDER BY article_n').all()).toEqual(stats);
    expect(b.desk.db.sqlite.prepare('SELECT weights, updates FROM kb_model').get()).toEqual(model);
    expect((await avaB.call('kb.suggest', { ticketId: t2.id })).suggestions).toEqual(after);
  });

  it('takes a later version of an article from another desk, and keeps an older one only in its history', async () => {
    const a = await open();
    const b = await open();
    const samA = await a.as('Sam Rivera');
    const start = lastDeskSeq(a.desk);
    const v1 = await samA.call('kb.save', { title: 'Reseat the RAM', body: 'Step one.', status: 'published' });
    await samA.call('kb.save', { id: v1.id, expectedVersion: 1, title: 'Reseat the memory', body: 'Step one. Step two.', status: 'published' });
    const [created, edited] = knowledgeOutbox(a.desk, start);
    apply(b.desk, [edited!]);
    apply(b.desk, [created!]);
    const got = await (await b.as('Ava Martin')).call('kb.get', { articleId: v1.id });
    expect(got).toMatchObject({ title: 'Reseat the memory', version: 2 });
    expect(got.versions.map((v) => [v.version, v.title])).toEqual([[2, 'Reseat the memory'], [1, 'Reseat the RAM']]);
  });

  it('sends a satisfaction score and its follow-up, and another desk keeps them once', async () => {
    const a = await open();
    const b = await open();
    const t = await showcaseTicket(a.as, 'Keyboard keys unresponsive', 'some keys do nothing');
    const ava = await a.as('Ava Martin');
    // A board open on either desk hears of each score and follow-up, and of no other step.
    const graceA = await a.as('Grace Chen');
    const graceB = await b.as('Grace Chen');
    const told = (g: typeof graceA) => g.pushes.filter((p) => p.event === 'csat.changed').length;
    await ava.call('tickets.act', { ticketId: t.id, command: { type: 'TAKE' } });
    await ava.call('tickets.act', { ticketId: t.id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'Filter keys off' } });
    expect(told(graceA)).toBe(0);
    const mark = lastDeskSeq(a.desk);
    await ava.call('csat.record', { ticketId: t.id, score: 1, comment: 'Nobody called back' });
    expect(told(graceA)).toBe(1);
    await graceA.call('csat.followUp', { ticketId: t.id });
    expect(told(graceA)).toBe(2);
    const events = knowledgeOutbox(a.desk, mark);
    expect(events.map((e) => [e.type, e.entityId, e.seq])).toEqual([
      ['csat.recorded', `csat:${t.id}`, 1],
      ['csat.followed_up', `csat:${t.id}`, 2],
    ]);
    expect(events[0]!.payload).toMatchObject({ ticketId: t.id, score: 1, comment: 'Nobody called back', segment: t.segment, source: 'agent' });
    const row = () => b.desk.db.sqlite.prepare('SELECT score, comment, segment, followed_up_at, seq FROM csat WHERE ticket_id = ?').get(t.id);
    apply(b.desk, events);
    expect(told(graceB)).toBe(1);
    const kept = row();
    expect(kept).toMatchObject({ score: 1, comment: 'Nobody called back', segment: t.segment, seq: 2 });
    expect((kept as { followed_up_at: number | null }).followed_up_at).not.toBeNull();
    apply(b.desk, [events[0]!]);
    expect(row()).toEqual(kept);
  });
});

describe('one folder, two processes', () => {
  /** Two desks serving one folder (the first with demo data), and a person signed in at either. */
  const twoOnOneFolder = async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagdesk-kb-'));
    closers.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const clock = new TestClock();
    const one = await openDesk({ dataDir: dir, demo: true, demoCustomers: 30, testClock: true, clock });
    closers.push(() => one.close());
    const other = await openDesk({ dataDir: dir, testClock: true, clock });
    closers.push(() => other.close());
    const signIn = async (desk: Desk, name: string) => {
      const c = desk.connect(() => {});
      const users = await c.call('session.users', {});
      if (!users.ok) throw new Error(users.error.message);
      await c.call('session.signIn', { userId: (users.result as Array<{ id: string; name: string }>).find((x) => x.name === name)!.id });
      return async <T>(method: string, input: unknown): Promise<T> => {
        const r = await c.call(method, input);
        if (!r.ok) throw new Error(r.error.message);
        return r.result as T;
      };
    };
    return { one, other, signIn };
  };

  it('finds and suggests an article another process serving the same folder saved after this one had read', async () => {
    const { one, other, signIn } = await twoOnOneFolder();
    const avaOne = await signIn(one, 'Ava Martin');
    // This process has read the knowledge base once (its caches are warm) ...
    expect(await avaOne<{ articles: unknown[] }>('kb.search', { query: 'zorblat' })).toEqual({ articles: [] });
    // ... then the other process saves an article.
    const samOther = await signIn(other, 'Sam Rivera');
    const saved = await samOther<{ id: string }>('kb.save', { ...ARTICLES[0]!, status: 'published' });
    expect((await avaOne<{ articles: Array<{ id: string }> }>('kb.search', { query: 'zorblat' })).articles.map((a) => a.id)).toEqual([saved.id]);
    const view = await avaOne<{ kind: string; view: { customer: { id: string } } }>('lookup.search', { query: '7XK2QF1' });
    const t = await avaOne<{ ticket: { id: string } }>('tickets.create', { customerId: view.view.customer.id, assetId: null, subject: 'Zorblat dock flickers', description: 'zorblat' });
    const s = await avaOne<{ suggestions: Array<{ article: { id: string } }> }>('kb.suggest', { ticketId: t.ticket.id });
    expect(s.suggestions.map((x) => x.article.id)).toContain(saved.id);
  });

  it('finds a ticket another process serving the same folder rated since as a similar one', async () => {
    const { one, other, signIn: call } = await twoOnOneFolder();
    type Shown = { suggestions: Array<{ article: { id: string }; reasons: string[] }> };
    const samOne = await call(one, 'Sam Rivera');
    for (const x of ARTICLES) await samOne('kb.save', { ...x, status: 'published' });
    const avaOne = await call(one, 'Ava Martin');
    const avaOther = await call(other, 'Ava Martin');
    const customer = (await avaOne<{ view: { customer: { id: string } } }>('lookup.search', { query: '7XK2QF1' })).view.customer.id;
    const ticket = async (ava: typeof avaOne, description: string) =>
      (await ava<{ ticket: { id: string } }>('tickets.create', { customerId: customer, assetId: null, subject: 'Zorblat dock flickers', description })).ticket.id;
    // This process has suggested once: its similar-ticket search has seen no rated ticket.
    await avaOne<Shown>('kb.suggest', { ticketId: await ticket(avaOne, 'zorblat dock flickering') });
    // In the other process an agent rates a caller's suggestions: the last one helped.
    const t1 = await ticket(avaOther, 'zorblat dock flickering');
    const shown = (await avaOther<Shown>('kb.suggest', { ticketId: t1 })).suggestions.map((x) => x.article.id);
    for (const [i, id] of shown.entries()) await avaOther('kb.rate', { ticketId: t1, articleId: id, rating: i === 2 ? 2 : 0 });
    // The next caller with the problem, in this process: the rated ticket is a similar one here too.
    const next = (await avaOne<Shown>('kb.suggest', { ticketId: await ticket(avaOne, 'the zorblat dock flickers again') })).suggestions;
    expect(next.find((x) => x.article.id === shown[2])?.reasons).toContain('similar');
  });
});
