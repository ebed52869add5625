import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { largeScans, tableAliases } from './planCheck';

// A query plan names a table by the alias the statement gives it: the check must see that
// `SCAN t` reads the whole of `tickets` (it did not until stop 27, and missed four statements).

describe('the plan check', () => {
  it('reads the names a statement gives its tables', () => {
    expect(Object.fromEntries(tableAliases('select * from "tickets" as "t" left join "users" as "u" on "u"."id" = "t"."assignee_id"'))).toEqual({ t: 'tickets', u: 'users' });
    expect(Object.fromEntries(tableAliases('SELECT 1 FROM csat c JOIN tickets t ON t.id = c.ticket_id WHERE c.score <= 2'))).toEqual({ c: 'csat', t: 'tickets' });
    expect(tableAliases('select * from tickets where id = ? order by number').size).toBe(0);
  });

  it('finds a full read of a large table under its alias, and only of a large table', () => {
    const db = new BetterSqlite3(':memory:');
    db.exec('CREATE TABLE tickets (id INTEGER PRIMARY KEY, subject TEXT, segment TEXT); CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); CREATE INDEX tickets_segment ON tickets(segment)');
    const scans = (source: string) => largeScans(source, (db.prepare(`EXPLAIN QUERY PLAN ${source}`).all() as Array<{ detail: string }>).map((p) => p.detail));
    expect(scans("select * from tickets as t where subject = 'x'")).toEqual(['SCAN t']);
    expect(scans("select * from tickets where subject = 'x'")).toEqual(['SCAN tickets']);
    expect(scans("select * from tickets as t where segment = 'x'")).toEqual([]);
    // Nor may a customer's name words be read whole: they are found by their key (the lookup's range).
    db.exec('CREATE TABLE customer_words (word_key TEXT NOT NULL, customer_id ANY NOT NULL, PRIMARY KEY (word_key, customer_id)) STRICT, WITHOUT ROWID');
    expect(scans("select word_key from customer_words where customer_id = 'c'")).toEqual(['SCAN customer_words']);
    expect(scans("select customer_id from customer_words where word_key >= 'pat' and word_key < 'pau'")).toEqual([]);
    // users is not a table that grows with the centre's data.
    expect(scans("select * from users as u where name = 'x'")).toEqual([]);
    db.close();
  });
});
