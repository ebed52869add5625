import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../db/migrate';

// Migration 0015 moves the similar-ticket search from FTS5 to kb_case_terms: a desk that
// already has rated tickets finds them as similar tickets after the update, by the words of
// the first rating it recorded for each.

const upTo = (id: string) => MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.id === id) + 1);
// Ticket ids are UUIDs: text in the knowledge log, 16 bytes in kb_cases once 0014 has run.
const T = (n: number) => `01900000-0000-7000-8000-00000000000${n}`;

describe('migration 0015_kb_case_terms', () => {
  it('fills the rated tickets’ words from the knowledge log and drops the FTS5 index', async () => {
    const sqlite = new BetterSqlite3(':memory:');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db, upTo('0013_settings_sync'), { raw: sqlite });
    const rated = (id: string, ticketId: string, terms: string[]) =>
      sqlite
        .prepare("INSERT INTO kb_events (id, type, at, actor, payload) VALUES (?, 'kb.rated', 0, '{}', ?)")
        .run(id, JSON.stringify({ ticketId, articleId: 'a', rating: 2, solved: false, kind: 'Latitude|power', cluster: 'a1', terms }));
    sqlite.exec(`
      INSERT INTO kb_cases (n, ticket_id, product_line, at) VALUES (1, '${T(1)}', 'Latitude', 0), (2, '${T(2)}', NULL, 0), (3, '${T(3)}', NULL, 0);
      INSERT INTO kb_events (id, type, at, actor, payload) VALUES ('e0', 'kb.article_created', 0, '{}', '{"terms":["not","a","rating"]}');
    `);
    rated('e1', T(1), ['battery', 'stuck', 'percent']);
    // A later rating of the same ticket, its text edited meanwhile: the first one's words stay.
    rated('e2', T(1), ['battery', 'swollen']);
    rated('e3', T(2), Array.from({ length: 20 }, (_, i) => `w${i}`));
    // t3's rating arrived without words (an old event shape): it has none to be found by.
    sqlite.prepare("INSERT INTO kb_events (id, type, at, actor, payload) VALUES ('e4', 'kb.rated', 0, '{}', ?)").run(JSON.stringify({ ticketId: T(3) }));

    expect(await migrate(db, upTo('0015_kb_case_terms'), { raw: sqlite })).toEqual(['0014_compact', '0015_kb_case_terms']);
    const words = (n: number) => sqlite.prepare('SELECT term, words FROM kb_case_terms WHERE case_n = ? ORDER BY term').all(n);
    expect(words(1)).toEqual(['battery', 'percent', 'stuck'].map((term) => ({ term, words: 3 })));
    // At most a ticket's first 12 words, subject first.
    expect((words(2) as Array<{ term: string; words: number }>).map((w) => w.term).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `w${i}`).sort());
    expect(new Set((words(2) as Array<{ words: number }>).map((w) => w.words))).toEqual(new Set([12]));
    expect(words(3)).toEqual([]);
    expect(sqlite.prepare("SELECT name FROM sqlite_schema WHERE name IN ('kb_case_fts', 'kb_case_vocab')").all()).toEqual([]);
    const plan = (sqlite.prepare('EXPLAIN QUERY PLAN SELECT case_n, words FROM kb_case_terms WHERE term = ? AND case_n > ? ORDER BY case_n DESC LIMIT ?').all('x', 0, 1) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join('; ');
    expect(plan).toBe('SEARCH kb_case_terms USING PRIMARY KEY (term=? AND case_n>?)');
    sqlite.close();
  });
});

describe('migration 0029_kb_ticket_seq', () => {
  it('numbers each rated ticket past its ratings and its withdrawals', async () => {
    const sqlite = new BetterSqlite3(':memory:');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db, upTo('0013_settings_sync'), { raw: sqlite });
    const event = (id: string, type: string, ticketId: string) =>
      sqlite.prepare("INSERT INTO kb_events (id, type, at, actor, payload) VALUES (?, ?, 0, '{}', ?)").run(id, type, JSON.stringify({ ticketId, articleId: 'a' }));
    sqlite.exec(`
      INSERT INTO kb_cases (n, ticket_id, product_line, at) VALUES (1, '${T(1)}', NULL, 0), (2, '${T(2)}', NULL, 0);
      INSERT INTO kb_ratings (ticket_id, case_n, article_n, rating, solved, kind, actor_id, at, seq) VALUES ('${T(1)}', 1, 7, 0, 0, 'k', 'u', 0, 1), ('${T(2)}', 2, 7, 2, 0, 'k', 'u', 0, 5);
    `);
    // T(1): rated twice, the second taken back (numbers 1, 2, 3); T(2)'s rating came from another desk as number 5.
    event('e1', 'kb.rated', T(1));
    event('e2', 'kb.rated', T(1));
    event('e3', 'kb.rating_withdrawn', T(1));
    event('e4', 'kb.rated', T(2));
    await migrate(db, upTo('0029_kb_ticket_seq'), { raw: sqlite });
    expect(sqlite.prepare('SELECT n, seq FROM kb_cases ORDER BY n').all()).toEqual([{ n: 1, seq: 3 }, { n: 2, seq: 5 }]);
    sqlite.close();
  });
});

describe('migration 0036_kb_persian_affixes', () => {
  it('indexes again an article that wrote «می کند» apart, so a ticket that wrote «می‌کند» finds it', async () => {
    const sqlite = new BetterSqlite3(':memory:');
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
    await migrate(db, upTo('0035_kb_rating_order'), { raw: sqlite });
    const article = (n: number, title: string) => {
      sqlite
        .prepare(
          `INSERT INTO kb_articles (n, id, title, body, product_lines, models, segments, tags, status, author_id, source_ticket_id, version, created_at, updated_at)
           VALUES (?, ?, ?, '', '[]', '[]', '[]', '[]', 'published', 'tara', NULL, 1, 0, 0)`,
        )
        .run(n, `a${n}`, title);
      // As the search indexed it before: the words apart.
      sqlite.prepare("INSERT INTO kb_fts (rowid, title, body, tags) VALUES (?, ?, '', '')").run(n, title.replace(/\u200c/g, ''));
    };
    article(1, 'فن صدای عجیب ایجاد می کند');
    article(2, 'کلید‌های صفحه‌کلید کار نمی‌کنند');
    const found = (word: string) => sqlite.prepare('SELECT rowid FROM kb_fts WHERE kb_fts MATCH ?').pluck().all(`"${word}"`);
    expect(found('میکند')).toEqual([]);
    expect(await migrate(db, upTo('0036_kb_persian_affixes'), { raw: sqlite })).toEqual(['0036_kb_persian_affixes']);
    expect(found('میکند')).toEqual([1]);
    expect(found('نمیکنند')).toEqual([2]);
  });
});
