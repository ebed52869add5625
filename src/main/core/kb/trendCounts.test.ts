import { describe, expect, it } from 'vitest';
import { deskPerTest } from '../testing/deskPerTest';
import { keptTrends, recountTrends } from '../testing/trendRecount';
import { centreWeek } from '../../../shared/sla/centreWeek';
import { basisOfZone, fillTicketTrends, readTrendKeys, rekeyTrends, trendCounter, TRENDS_KEYS, UTC_WEEKS } from './trendCounts';

// The board's weekly trends are counted as tickets are created (trendCounts.ts). Each test
// compares what the desk kept with a recount of every ticket on it.

const open = deskPerTest();
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

describe('weekly ticket trends', () => {
  it('counts each ticket created on the desk in its week, product line and category; the board shows it', async () => {
    const { desk, as } = await open();
    const sqlite = desk.db.sqlite;
    expect(Object.keys(keptTrends(sqlite)).length).toBeGreaterThan(5);
    expect(keptTrends(sqlite)).toEqual(recountTrends(sqlite));

    const ava = await as('Ava Martin');
    const found = await ava.call('lookup.search', { query: '7XK2QF1' });
    if (found.kind !== 'match') throw new Error('no showcase customer');
    const system = found.view.assets.find((a) => a.id === found.view.matchedAssetId)!;
    const grace = await as('Grace Chen');
    const before = await grace.call('trends.board', { weeks: 4 });
    const lineBefore = before.perProduct.find((p) => p.productLine === system.productLine)?.counts.at(-1) ?? 0;
    const subject = 'Feature request: would like a backlit keyboard option';
    await ava.call('tickets.create', { customerId: found.view.customer.id, assetId: system.id, subject });
    await ava.call('tickets.create', { customerId: found.view.customer.id, assetId: null, subject: 'Battery not charging' });
    expect(keptTrends(sqlite)).toEqual(recountTrends(sqlite));

    const after = await grace.call('trends.board', { weeks: 4 });
    expect(after.perProduct.find((p) => p.productLine === system.productLine)?.counts.at(-1)).toBe(lineBefore + 1);
    expect(after.series.find((s) => s.productLine === 'Unknown' && s.category === 'battery')?.counts.at(-1)).toBeGreaterThanOrEqual(1);
    const requests = after.featureRequests.find((f) => f.productLine === system.productLine);
    expect(requests?.examples[0]).toBe(subject);
  });

  it('moves a system’s tickets to its corrected product line', async () => {
    const { desk, as } = await open();
    const sqlite = desk.db.sqlite;
    const ava = await as('Ava Martin');
    const found = await ava.call('lookup.search', { query: '7XK2QF1' });
    if (found.kind !== 'match') throw new Error('no showcase customer');
    const system = found.view.assets.find((a) => a.id === found.view.matchedAssetId)!;
    for (const subject of ['Screen flickers', 'Fan noisy under load']) await ava.call('tickets.create', { customerId: found.view.customer.id, assetId: system.id, subject });
    const record = await ava.call('customers.record', { customerId: found.view.customer.id });
    const a = record.assets.find((x) => x.id === system.id)!;
    await ava.call('customers.saveAsset', {
      customerId: found.view.customer.id,
      assetId: a.id,
      asset: { serviceTag: a.serviceTag, productLine: 'Precision', model: a.model, shipDate: isoDay(a.shipDate), warrantyLevel: a.warrantyLevel, warrantyEnd: isoDay(a.warrantyEnd) },
    });
    expect(keptTrends(sqlite)).toEqual(recountTrends(sqlite));
    const board = await (await as('Grace Chen')).call('trends.board', { weeks: 4 });
    expect(board.series.find((s) => s.productLine === 'Precision' && s.category === 'display')?.counts.at(-1)).toBeGreaterThanOrEqual(1);
  });

  it('takes a removed ticket out of its count (a creation the hub refused)', async () => {
    const { desk } = await open();
    const sqlite = desk.db.sqlite;
    const gone = sqlite.prepare('SELECT id, created_at, subject, description, asset_id FROM tickets ORDER BY created_at DESC LIMIT 1').get() as {
      id: string; created_at: number; subject: string; description: string; asset_id: string | null;
    };
    sqlite.transaction(() => trendCounter(sqlite).removed(gone))();
    expect(keptTrends(sqlite)).toEqual(recountTrends(sqlite, new Set([gone.id])));
  });

  it('migration 0019 counts the tickets already on a desk, and resumes where a stop left it', async () => {
    const { desk } = await open();
    const sqlite = desk.db.sqlite;
    await desk.trendRekey.idle();
    const expected = recountTrends(sqlite);
    sqlite.exec('DROP TABLE ticket_trends');
    // Stopped after two batches of 7: the third batch's transaction never commits.
    let batches = 0;
    const reports: number[] = [];
    await expect(
      fillTicketTrends(sqlite, (p) => {
        reports.push(p.rowsDone);
        if (p.rowsDone > 0 && ++batches === 3) throw new Error('stopped');
      }, 7),
    ).rejects.toThrow('stopped');
    expect(sqlite.prepare('SELECT done FROM ticket_trends_fill').pluck().get()).toBe(14);
    expect(Object.values(keptTrends(sqlite)).reduce((s, n) => s + n, 0)).toBe(14);
    // Started again: it goes on from the 15th ticket, to the end, once.
    await fillTicketTrends(sqlite, (p) => reports.push(p.rowsDone), 7);
    expect(keptTrends(sqlite)).toEqual(expected);
    expect(reports.at(-1)).toBe(Object.values(expected).reduce((s, n) => s + n, 0));
    await fillTicketTrends(sqlite, () => undefined, 7);
    expect(keptTrends(sqlite)).toEqual(expected);
  });
});

describe("weekly ticket trends in the centre's zone", () => {
  const tehranMonday1am = Date.UTC(2026, 10, 29, 21, 30); // Monday 30 November 2026, 01:00 in Tehran
  const weekKeys = (sqlite: import('better-sqlite3').Database) => sqlite.prepare('SELECT DISTINCT week FROM ticket_trends ORDER BY week').pluck().all() as number[];

  it('counts a ticket opened Monday 01:00 in Tehran in the week from Saturday, and moves every count when the zone changes', async () => {
    const { desk, clock, as } = await open();
    const sqlite = desk.db.sqlite;
    await desk.trendRekey.idle();
    const omar = await as('Omar Haddad');
    await omar.call('sla.saveCentre', { id: 'centre', dayTimeZone: 'Asia/Tehran' });
    await desk.trendRekey.idle();
    expect(readTrendKeys(sqlite)).toEqual({ basis: { zone: 'Asia/Tehran', firstDay: 6 } });
    expect(keptTrends(sqlite)).toEqual(recountTrends(sqlite));
    // Every count is keyed by a Saturday 00:00 in Tehran (20:30 UTC the day before).
    for (const week of weekKeys(sqlite)) expect(centreWeek(week, 'Asia/Tehran').start).toBe(week);

    clock.t = tehranMonday1am;
    const ava = await as('Ava Martin');
    const found = await ava.call('lookup.search', { query: '7XK2QF1' });
    if (found.kind !== 'match') throw new Error('no showcase customer');
    await ava.call('tickets.create', { customerId: found.view.customer.id, assetId: null, subject: 'Battery not charging' });
    clock.t = Date.UTC(2026, 11, 1, 6, 30); // Tuesday 10:00 in Tehran
    const grace = await as('Grace Chen');
    const tehran = await grace.call('trends.board', { weeks: 4 });
    // The board names the week by its first day, Saturday 28 November, and the ticket is in it: this week.
    expect(tehran.weeks.slice(-2)).toEqual([Date.UTC(2026, 10, 21), Date.UTC(2026, 10, 28)]);
    expect(tehran.series.find((s) => s.productLine === 'Unknown' && s.category === 'battery')?.counts.slice(-2)).toEqual([0, 1]);

    // Back to following the calendars (London): the counts move to London's Monday weeks.
    await omar.call('sla.saveCentre', { id: 'centre', dayTimeZone: null });
    await desk.trendRekey.idle();
    expect(readTrendKeys(sqlite)).toEqual({ basis: { zone: 'Europe/London', firstDay: 1 } });
    expect(keptTrends(sqlite)).toEqual(recountTrends(sqlite));
    for (const week of weekKeys(sqlite)) expect(centreWeek(week, 'Europe/London').start).toBe(week);
    const london = await grace.call('trends.board', { weeks: 4 });
    // Sunday 21:30 in London: the week before Monday 30 November.
    expect(london.weeks.slice(-2)).toEqual([Date.UTC(2026, 10, 23), Date.UTC(2026, 10, 30)]);
    expect(london.series.find((s) => s.productLine === 'Unknown' && s.category === 'battery')?.counts.slice(-2)).toEqual([1, 0]);
  });

  it('a move stopped halfway goes on where it stopped; tickets written meanwhile count once, in their old week or their new one', async () => {
    const { desk } = await open();
    const sqlite = desk.db.sqlite;
    await desk.trendRekey.idle();
    const tehran = basisOfZone('Asia/Tehran');
    let batches = 0;
    await rekeyTrends(sqlite, tehran, { batch: 7, stopped: () => batches >= 2, onBatch: () => void batches++ });
    const halfway = readTrendKeys(sqlite);
    expect(halfway.move).toMatchObject({ to: tehran });
    expect(halfway.move!.cursor).toBeGreaterThan(0);
    expect(keptTrends(sqlite)).toEqual(recountTrends(sqlite));
    const counter = trendCounter(sqlite);
    // One ticket the move has passed and one it has not yet reached go (creations the hub refused).
    const row = (where: string) => sqlite.prepare(`SELECT id, created_at, subject, description, asset_id FROM tickets WHERE ${where}`).get() as { id: string; created_at: number; subject: string; description: string; asset_id: string | null };
    const passed = row(`rowid = ${halfway.move!.cursor}`);
    const ahead = row(`rowid = ${halfway.move!.end}`);
    sqlite.transaction(() => {
      counter.removed(passed);
      counter.removed(ahead);
    })();
    const gone = new Set([passed.id, ahead.id]);
    expect(keptTrends(sqlite)).toEqual(recountTrends(sqlite, gone));
    // Taken out of the tickets too, as the sync applier does after counting them out (its ticket
    // rows' dependents aside): the move no longer meets the one it had not reached.
    sqlite.pragma('foreign_keys = OFF');
    sqlite.prepare('DELETE FROM tickets WHERE id IN (?, ?)').run(passed.id, ahead.id);
    sqlite.pragma('foreign_keys = ON');
    await rekeyTrends(sqlite, tehran, { batch: 7 });
    expect(readTrendKeys(sqlite)).toEqual({ basis: tehran });
    expect(keptTrends(sqlite)).toEqual(recountTrends(sqlite));
    for (const week of Object.keys(keptTrends(sqlite)).map((k) => Number(k.split('|')[0]))) expect(centreWeek(week, 'Asia/Tehran').start).toBe(week);
  });

  it('the board says its weeks are being recounted while its counts are not in the centre’s weeks, until the move is done', async () => {
    const { desk, as } = await open();
    const sqlite = desk.db.sqlite;
    await desk.trendRekey.idle();
    const grace = await as('Grace Chen');
    expect((await grace.call('trends.board', { weeks: 4 })).recounting).toBe(false);
    // The counts as a desk upgraded from UTC weeks keeps them until its move starts (the desk's
    // own mover is not asked here: this test moves them itself, a few batches at a time).
    sqlite.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify({ basis: UTC_WEEKS }), TRENDS_KEYS);
    expect((await grace.call('trends.board', { weeks: 4 })).recounting).toBe(true);
    const london = basisOfZone('Europe/London');
    let batches = 0;
    await rekeyTrends(sqlite, london, { batch: 7, stopped: () => batches >= 2, onBatch: () => void batches++ });
    expect(readTrendKeys(sqlite).move).toBeDefined();
    expect((await grace.call('trends.board', { weeks: 4 })).recounting).toBe(true);
    await rekeyTrends(sqlite, london, { batch: 7 });
    expect(readTrendKeys(sqlite)).toEqual({ basis: london });
    expect((await grace.call('trends.board', { weeks: 4 })).recounting).toBe(false);
  });
});
