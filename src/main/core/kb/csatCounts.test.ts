import { describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { csatEntityId } from '../../../shared/kb/knowledgeStream';
import { deskPerTest } from '../testing/deskPerTest';
import { keptCsat, recountCsat } from '../testing/trendRecount';
import { csatStore } from './csat';
import { fillCsatDaily, isRequest } from './csatCounts';
import { centreWeek, centreWeeks } from '../../../shared/sla/centreWeek';

// The CSAT board and the trends' feature requests from comments read daily counts kept as
// scores are recorded (csatCounts.ts). Each test compares them with the scores themselves.

const open = deskPerTest();
const WEEK = 7 * 86_400_000;

/** The board as it was computed before the counts: from every score of its weeks (the centre's, in `zone`). */
function boardFromScores(sqlite: BetterSqlite3.Database, now: number, zone: string) {
  const cells = sqlite
    .prepare('SELECT segment, tier, count(*) AS n, avg(score) AS mean FROM csat WHERE at >= ? GROUP BY segment, tier ORDER BY segment, tier /* scan: the test recounts */')
    .all(now - 4 * WEEK) as Array<{ segment: string; tier: number; n: number; mean: number }>;
  const byWeek = new Map<string, { week: number; segment: string; n: number; sum: number }>();
  for (const r of sqlite.prepare('SELECT segment, at, score FROM csat WHERE at >= ? AND at < ?').all(centreWeeks(now, 8, zone)[0]!.start, centreWeek(now, zone).end) as Array<{ segment: string; at: number; score: number }>) {
    const week = centreWeek(r.at, zone).day * 86_400_000;
    const c = byWeek.get(`${week}|${r.segment}`) ?? { week, segment: r.segment, n: 0, sum: 0 };
    c.n++;
    c.sum += r.score;
    byWeek.set(`${week}|${r.segment}`, c);
  }
  const weekly = [...byWeek.values()].sort((a, b) => a.week - b.week || a.segment.localeCompare(b.segment)).map((c) => ({ week: c.week, segment: c.segment, n: c.n, mean: c.sum / c.n }));
  return { cells, weekly };
}

const rounded = <T extends { mean: number }>(xs: T[]) => xs.map((x) => ({ ...x, mean: Math.round(x.mean * 1e9) / 1e9 }));

describe('daily satisfaction counts', () => {
  it('count every score as it is recorded; the CSAT board from them equals the board from the scores', async () => {
    const { desk, clock, as } = await open();
    const sqlite = desk.db.sqlite;
    expect(Object.keys(keptCsat(sqlite)).length).toBeGreaterThan(5);
    expect(keptCsat(sqlite)).toEqual(recountCsat(sqlite));
    const grace = await as('Grace Chen');
    const board = await grace.call('csat.board');
    const expected = boardFromScores(sqlite, clock.now(), 'Europe/London');
    expect(board.cells.length).toBeGreaterThan(3);
    expect(rounded(board.cells)).toEqual(rounded(expected.cells));
    expect(rounded(board.weekly)).toEqual(rounded(expected.weekly));
  });

  it('move a score recorded again, here or on another desk, from its old day to its new one', async () => {
    const { desk, clock, as } = await open();
    const sqlite = desk.db.sqlite;
    const scored = sqlite.prepare('SELECT ticket_id, customer_id, segment, tier, product_line, seq FROM csat ORDER BY at LIMIT 2').all() as Array<{
      ticket_id: string; customer_id: string; segment: 'education'; tier: 1 | 2 | 3; product_line: string | null; seq: number;
    }>;
    const grace = await as('Grace Chen');
    clock.advance(2 * 86_400_000);
    const request = 'Would be great to have a longer battery option for this model.';
    await grace.call('csat.record', { ticketId: scored[0]!.ticket_id, score: 5, comment: request });
    expect(keptCsat(sqlite)).toEqual(recountCsat(sqlite));
    // The trends show the comment as the latest feature request of its product line.
    const trends = await grace.call('trends.board', { weeks: 4 });
    const line = scored[0]!.product_line || 'Unknown';
    expect(trends.featureRequests.find((f) => f.productLine === line)?.examples).toContain(request);

    // From another desk, through the hub: the same replacement.
    const other = scored[1]!;
    const remote = csatStore(sqlite);
    sqlite.transaction(() =>
      remote.applyRemote({
        id: '0190a000-0000-7000-8000-000000000001', stream: 'knowledge', entityId: csatEntityId(other.ticket_id), seq: other.seq + 1, type: 'csat.recorded', payloadVersion: 1,
        // Another tier than the stored score's: a score recorded again keeps its first tier, and is counted so.
        payload: { ticketId: other.ticket_id, customerId: other.customer_id, segment: other.segment, tier: other.tier === 1 ? 2 : 1, productLine: other.product_line, score: 1, comment: 'Nobody called back.', source: 'agent' },
        actor: { id: 'system', role: 'system', tier: 1, segments: [] }, deskId: 'other', deskTime: clock.now(), globalSeq: 1,
      }),
    )();
    expect(sqlite.prepare('SELECT score FROM csat WHERE ticket_id = ?').pluck().get(other.ticket_id)).toBe(1);
    expect(keptCsat(sqlite)).toEqual(recountCsat(sqlite));
    const board = await grace.call('csat.board');
    const expected = boardFromScores(sqlite, clock.now(), 'Europe/London');
    expect(rounded(board.cells)).toEqual(rounded(expected.cells));
    expect(rounded(board.weekly)).toEqual(rounded(expected.weekly));
  });

  it('migration 0021 counts the scores already on a desk, once', async () => {
    const { desk } = await open();
    const sqlite = desk.db.sqlite;
    const expected = recountCsat(sqlite);
    sqlite.exec('DROP TABLE csat_daily');
    await fillCsatDaily(sqlite, () => undefined);
    expect(keptCsat(sqlite)).toEqual(expected);
    await fillCsatDaily(sqlite, () => undefined);
    expect(keptCsat(sqlite)).toEqual(expected);
  });

  it("counts a score in the centre's week: from Saturday 00:00 in Tehran, split inside the UTC day it starts in", async () => {
    const { desk, clock, as } = await open();
    const sqlite = desk.db.sqlite;
    await (await as('Omar Haddad')).call('sla.saveCentre', { id: 'centre', dayTimeZone: 'Asia/Tehran' });
    const grace = await as('Grace Chen');
    const scored = sqlite.prepare("SELECT ticket_id FROM csat WHERE segment = 'education' ORDER BY at LIMIT 3").pluck().all() as string[];
    const at = async (ms: number, ticketId: string, score: number) => {
      clock.t = ms;
      await grace.call('csat.record', { ticketId, score, comment: '' });
    };
    // Friday 23:30 in Tehran, the week before; Saturday 00:30 and Monday 01:00 in Tehran, this week.
    // The first two fall on one UTC day, Friday 27 November.
    await at(Date.UTC(2026, 10, 27, 20, 0), scored[0]!, 1);
    await at(Date.UTC(2026, 10, 27, 21, 0), scored[1]!, 4);
    await at(Date.UTC(2026, 10, 29, 21, 30), scored[2]!, 5);
    clock.t = Date.UTC(2026, 11, 1, 6, 30); // Tuesday 10:00 in Tehran
    const board = await grace.call('csat.board');
    const education = board.weekly.filter((w) => w.segment === 'education');
    // Weeks named by their first day, Saturday, as the board labels them.
    expect(education.slice(-2).map((w) => ({ week: w.week, n: w.n, mean: w.mean }))).toEqual([
      { week: Date.UTC(2026, 10, 21), n: 1, mean: 1 },
      { week: Date.UTC(2026, 10, 28), n: 2, mean: 4.5 },
    ]);
    expect(rounded(board.weekly)).toEqual(rounded(boardFromScores(sqlite, clock.now(), 'Asia/Tehran').weekly));
  });
  it("counts a feature request in a comment from the first week's start in the centre's zone: 00:30 on Saturday in Tehran", async () => {
    const { desk, clock, as } = await open();
    const sqlite = desk.db.sqlite;
    await (await as('Omar Haddad')).call('sla.saveCentre', { id: 'centre', dayTimeZone: 'Asia/Tehran' });
    await desk.trendRekey.idle();
    const grace = await as('Grace Chen');
    const scored = sqlite.prepare('SELECT ticket_id FROM csat ORDER BY at LIMIT 2').pluck().all() as string[];
    const now = Date.UTC(2026, 11, 1, 6, 30); // Tuesday 1 December, 10:00 in Tehran
    const first = centreWeeks(now, 4, 'Asia/Tehran')[0]!;
    // The board's 4 weeks start on Saturday 7 November, 00:00 in Tehran: 20:30 UTC on Friday the 6th.
    expect(first.start).toBe(Date.UTC(2026, 10, 6, 20, 30));
    const request = 'Would love a docking station option for this model.';
    expect(isRequest(request)).toBe(true);
    clock.t = first.start + 30 * 60_000; // 00:30 on Saturday in Tehran, in the window
    await grace.call('csat.record', { ticketId: scored[0]!, score: 4, comment: request });
    clock.t = first.start - 30 * 60_000; // 23:30 on Friday in Tehran, the week before the window
    await grace.call('csat.record', { ticketId: scored[1]!, score: 4, comment: 'Feature request: a second charger in the box, please.' });
    clock.t = now;
    const trends = await grace.call('trends.board', { weeks: 4 });
    // Per product line: the tickets' feature requests of the 4 weeks and the comments' from the first week's start on.
    const comments = sqlite.prepare('SELECT product_line, comment FROM csat WHERE at >= ?').all(first.start) as Array<{ product_line: string | null; comment: string }>;
    const expected = new Map<string, number>();
    for (const s of trends.series) if (s.category === 'feature_request') expected.set(s.productLine, (expected.get(s.productLine) ?? 0) + s.counts.reduce((a, b) => a + b, 0));
    for (const c of comments) if (isRequest(c.comment)) expected.set(c.product_line || 'Unknown', (expected.get(c.product_line || 'Unknown') ?? 0) + 1);
    expect(Object.fromEntries(trends.featureRequests.map((f) => [f.productLine, f.n]))).toEqual(Object.fromEntries(expected));
    const line = (sqlite.prepare('SELECT product_line FROM csat WHERE ticket_id = ?').pluck().get(scored[0]!) as string | null) || 'Unknown';
    expect(comments.some((c) => c.comment === request)).toBe(true);
    expect(expected.get(line)).toBeGreaterThan(0);
  });
});
