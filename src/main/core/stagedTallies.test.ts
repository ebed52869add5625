import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDesk } from './desk';
import { SETTLE_BATCH } from './stagedTallies';
import { testDesk, TestClock } from './testing/deskHarness';

// A ticket write's counter moves and SLA outcomes are staged in tallies_pending and netted into
// the counters and outcomes in batches (stagedTallies.ts). What a supervisor or an agent reads
// must not depend on where a move is at the moment, and a kill must lose none.

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
  vi.restoreAllMocks();
});
const open = async (opts: Parameters<typeof testDesk>[0] = {}) => {
  const t = await testDesk(opts);
  cleanup.push(() => t.desk.close());
  return t;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const recountQueues = `select segment, tier, count(*) open, sum(assignee_id is null) unassigned, sum(sla_status = 'atRisk') at_risk, sum(sla_status = 'breached') breached from tickets where is_open = 1 group by 1, 2 order by 2, 1`;
const queueCounters = `select segment, tier, open, unassigned, at_risk, breached from queue_counters where open > 0 order by 2, 1`;
const recountLoads = `select assignee_id user_id, count(*) open, sum(sla_status = 'atRisk') at_risk, sum(sla_status = 'breached') breached from tickets where is_open = 1 and assignee_id is not null group by 1 order by 1`;
const loadCounters = `select user_id, open, at_risk, breached from agent_load where open > 0 order by 1`;

describe('staged counters and outcomes', () => {
  it('stages a take in one row, and the board, the queue list and the drill-down read it at once', async () => {
    const { as, desk } = await open();
    const db = desk.db.sqlite;
    const ava = await as('Ava Martin');
    const grace = await as('Grace Chen');
    const me = (await ava.call('session.me'))!;
    const queue = async () => (await grace.call('queues.list')).find((q) => q.segment === 'education' && q.tier === 1)!;
    const before = await grace.call('supervisor.overview');
    const queueBefore = await queue();
    const firstResponses = (o: typeof before) => o.attainment.filter((a) => a.segment === 'education' && a.target === 'firstResponse').reduce((n, a) => n + a.today.total, 0);

    const taken = await ava.call('queues.takeNext', { segment: 'education', tier: 1 });
    expect(taken).not.toBeNull();
    // One staged row; the counter rows themselves have not moved yet.
    expect(db.prepare('select count(*) from tallies_pending').pluck().get()).toBe(1);
    expect(db.prepare(`select unassigned from queue_counters where segment = 'education' and tier = 1`).pluck().get()).toBe(queueBefore.unassigned);

    // A reader settles first: the queue lost an unassigned ticket, Ava gained one, and her
    // first response is counted today.
    expect(await queue()).toMatchObject({ open: queueBefore.open, unassigned: queueBefore.unassigned - 1 });
    const after = await grace.call('supervisor.overview');
    expect(after.agents.find((a) => a.userId === me.id)!.open).toBe(before.agents.find((a) => a.userId === me.id)!.open + 1);
    expect(firstResponses(after)).toBe(firstResponses(before) + 1);
    const drawer = await grace.call('supervisor.tickets', { filter: 'agent', assigneeId: me.id, limit: 50 });
    expect(drawer.rows.map((r) => r.id)).toContain(taken!.ticket.id);
    expect(db.prepare('select count(*) from tallies_pending').pluck().get()).toBe(0);
    expect(db.prepare(queueCounters).all()).toEqual(db.prepare(recountQueues).all());
    expect(db.prepare(loadCounters).all()).toEqual(db.prepare(recountLoads).all());
  });

  it('nets a run of writes into the counters in a batch of its own, with no reader', async () => {
    const { as, desk } = await open();
    const db = desk.db.sqlite;
    const ava = await as('Ava Martin');
    const taken: string[] = [];
    for (let i = 0; i < 6; i++) {
      const t = await ava.call('queues.takeNext', { segment: 'home', tier: 1 });
      if (t) taken.push(t.ticket.id);
    }
    expect(taken.length).toBeGreaterThan(1);
    for (const id of taken) await ava.call('tickets.act', { ticketId: id, command: { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'board check' } });
    expect(db.prepare('select count(*) from tallies_pending').pluck().get()).toBe(taken.length * 2);
    await sleep(400);
    expect(db.prepare('select count(*) from tallies_pending').pluck().get()).toBe(0);
    expect(db.prepare(queueCounters).all()).toEqual(db.prepare(recountQueues).all());
    expect(db.prepare(loadCounters).all()).toEqual(db.prepare(recountLoads).all());
    // Each first response once, in all three places the board reads it.
    const outcomes = db.prepare(`select count(*) from sla_outcomes where target = 'firstResponse' and ticket_id in (${taken.map(() => '?').join(',')})`).pluck();
    expect(outcomes.get(...taken.map((id) => Buffer.from(id.replace(/-/g, ''), 'hex')))).toBe(taken.length);
  });

  it('settles at the next start what a killed desk left staged', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagdesk-tallies-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const clock = new TestClock();
    // The first desk is stopped as a kill stops it: its file closed, nothing settled.
    const first = await testDesk({ dataDir: dir, clock });
    const ava = await first.as('Ava Martin');
    await ava.call('queues.takeNext', { segment: 'government', tier: 1 });
    first.desk.db.sqlite.close();
    const second = await openDesk({ dataDir: dir, clock, testClock: true });
    cleanup.push(() => second.close());
    const db = second.db.sqlite;
    expect(db.prepare('select count(*) from tallies_pending').pluck().get()).toBe(1);
    expect(db.prepare(queueCounters).all()).not.toEqual(db.prepare(recountQueues).all());
    await sleep(400);
    expect(db.prepare('select count(*) from tallies_pending').pluck().get()).toBe(0);
    expect(db.prepare(queueCounters).all()).toEqual(db.prepare(recountQueues).all());
    expect(db.prepare(loadCounters).all()).toEqual(db.prepare(recountLoads).all());
  });

  it('settles a tight loop of writes as it goes, and reports a row it cannot read without losing the others', async () => {
    const { as, desk } = await open();
    const db = desk.db.sqlite;
    const ava = await as('Ava Martin');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    db.prepare(`insert into tallies_pending (body) values ('{"q": "not a list"}')`).run();
    const customerId = (await ava.call('queues.tickets', { segment: 'home', tier: 1, limit: 1 })).rows[0]!.customerId;
    let most = 0;
    // Each new ticket moves its queue's counters: one staged row each.
    for (let i = 0; i < SETTLE_BATCH + 20; i++) {
      await ava.call('tickets.create', { customerId, subject: `Batch ${i}` });
      most = Math.max(most, db.prepare('select count(*) from tallies_pending').pluck().get() as number);
    }
    expect(most).toBeLessThanOrEqual(SETTLE_BATCH);
    await ava.call('queues.list');
    expect(errors).toHaveBeenCalledWith(expect.stringContaining('could not be read and was dropped'));
    expect(db.prepare('select count(*) from tallies_pending').pluck().get()).toBe(0);
    expect(db.prepare(queueCounters).all()).toEqual(db.prepare(recountQueues).all());
    expect(db.prepare(loadCounters).all()).toEqual(db.prepare(recountLoads).all());
  });
});
