import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SHOWCASE } from './demo';
import { openDesk } from './desk';
import { SETTLE_BATCH } from './stagedInteractions';
import { mariaFound, TestClock, testDesk } from './testing/deskHarness';
import { mergeVersions } from './testing/mergeVersions';

// A ticket event's 360° interaction is staged in interactions_pending and moved into
// interactions in batches (stagedInteractions.ts). What the agent sees must not depend on
// where a row is at the moment.

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});
const open = async (opts: Parameters<typeof testDesk>[0] = {}) => {
  const t = await testDesk(opts);
  cleanup.push(() => t.desk.close());
  return t;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newCaller = { kind: 'person' as const, name: 'Maria Gonzales', segment: 'home' as const, serviceLevel: 'basic' as const, phone: '', email: 'mg@example.com' };

describe('staged interactions', () => {
  it('shows an event in the 360° view at once, then moves it into the history in a batch of its own', async () => {
    const { as, desk } = await open();
    const ava = await as('Ava Martin');
    const found = await mariaFound(ava);
    const customerId = found.view.customer.id;
    const t = await ava.call('tickets.create', { customerId, subject: 'Fan noise after the update' });
    const where = () => ({
      staged: desk.db.sqlite.prepare('select count(*) from interactions_pending where ticket_id = ?').pluck().get(t.ticket.id),
      settled: desk.db.sqlite.prepare('select count(*) from interactions where customer_id = ? and ticket_id = ?').pluck().get(customerId, t.ticket.id),
    });
    expect(where()).toEqual({ staged: 1, settled: 0 });
    const opened = (v: { interactions: Array<{ ticketId: string | null; summary: string }> }) => v.interactions.filter((i) => i.ticketId === t.ticket.id).map((i) => i.summary);
    expect(opened(await ava.call('customers.view', { customerId }))).toEqual([`Opened ${t.ticket.number}: Fan noise after the update`]);
    // Newest first, among the settled ones.
    expect((await ava.call('customers.view', { customerId })).interactions[0]!.ticketId).toBe(t.ticket.id);

    await sleep(400);
    expect(where()).toEqual({ staged: 0, settled: 1 });
    expect(opened(await ava.call('customers.view', { customerId }))).toEqual([`Opened ${t.ticket.number}: Fan noise after the update`]);
  });

  it('moves a long run of events in batches as it goes, losing and doubling none', async () => {
    const { as, desk } = await open();
    const ava = await as('Ava Martin');
    const found = await mariaFound(ava);
    // Notes spread over a few tickets, as a busy desk makes them (a ticket's log is read whole on each event).
    const tickets: string[] = [];
    for (let i = 0; i < 16; i++) tickets.push((await ava.call('tickets.create', { customerId: found.view.customer.id, subject: `Intermittent Wi-Fi ${i}` })).ticket.id);
    const staged = () => desk.db.sqlite.prepare('select count(*) from interactions_pending').pluck().get() as number;
    let most = 0;
    for (let i = 0; i < SETTLE_BATCH + 44; i++) {
      await ava.call('tickets.act', { ticketId: tickets[i % tickets.length]!, command: { type: 'ADD_NOTE', note: `note ${i}` } });
      most = Math.max(most, staged());
    }
    expect(most).toBeLessThan(SETTLE_BATCH);
    const notes = [
      ...(desk.db.sqlite.prepare(`select summary from interactions where customer_id = ? and channel = 'note'`).pluck().all(found.view.customer.id) as string[]),
      ...(desk.db.sqlite.prepare(`select summary from interactions_pending where customer_id = ? and channel = 'note'`).pluck().all(found.view.customer.id) as string[]),
    ].filter((n) => / note \d+$/.test(n));
    expect(notes).toHaveLength(SETTLE_BATCH + 44);
    expect(new Set(notes).size).toBe(SETTLE_BATCH + 44);
  });

  it('settles at the next start what a desk left staged', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagdesk-staged-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const clock = new TestClock();
    const first = await open({ dataDir: dir, clock });
    const ava = await first.as('Ava Martin');
    const found = await mariaFound(ava);
    const t = await ava.call('tickets.create', { customerId: found.view.customer.id, subject: 'Dock not detected' });
    // A second desk on the same folder starts while the row is still staged, as a desk
    // restarted after a kill finds it.
    const second = await openDesk({ dataDir: dir, clock, testClock: true });
    cleanup.push(() => second.close());
    const count = (table: string) => second.db.sqlite.prepare(`select count(*) from ${table} where ticket_id = ?`).pluck().get(t.ticket.id);
    expect(count('interactions_pending')).toBe(1);
    await sleep(400);
    expect([count('interactions_pending'), count('interactions')]).toEqual([0, 1]);
  });

  it('moves staged interactions with a merged record, and erases them with the customer', async () => {
    const { as, desk } = await open();
    const ava = await as('Ava Martin');
    const grace = await as('Grace Chen');
    const admin = await as('Omar Haddad');
    const maria = await mariaFound(ava);
    const survivorId = maria.view.customer.id;
    const dup = await ava.call('customers.create', { customer: newCaller, asset: null });
    const t = await ava.call('tickets.create', { customerId: dup.customerId, subject: 'Keyboard' });
    await ava.call('tickets.act', { ticketId: t.ticket.id, command: { type: 'ADD_NOTE', note: 'Maria says the keys stick since her son spilled juice' } });
    expect(desk.db.sqlite.prepare('select count(*) from interactions_pending where customer_id = ?').pluck().get(dup.customerId)).toBe(2);

    await grace.call('customers.merge', { survivorId, mergedId: dup.customerId, pick: {}, ...(await mergeVersions(grace, survivorId, dup.customerId)) });
    const view = await ava.call('customers.view', { customerId: survivorId });
    expect(view.interactions.filter((i) => i.ticketId === t.ticket.id).map((i) => i.summary)).toEqual([
      `Note on ${t.ticket.number}: Maria says the keys stick since her son spilled juice`,
      `Opened ${t.ticket.number}: Keyboard`,
    ]);
    const onMerged = (table: string) => desk.db.sqlite.prepare(`select count(*) from ${table} where customer_id = ?`).pluck().get(dup.customerId);
    expect([onMerged('interactions'), onMerged('interactions_pending')]).toEqual([0, 0]);

    // A note made after the merge is staged again; erasure removes what it says as well.
    await ava.call('tickets.act', { ticketId: t.ticket.id, command: { type: 'ADD_NOTE', note: 'Juice again, says Maria' } });
    await admin.call('privacy.erase', { customerId: survivorId, confirmName: SHOWCASE.maria.name });
    const said = [
      ...(desk.db.sqlite.prepare('select summary from interactions where customer_id = ?').pluck().all(survivorId) as string[]),
      ...(desk.db.sqlite.prepare('select summary from interactions_pending where customer_id = ?').pluck().all(survivorId) as string[]),
    ];
    expect(said.length).toBeGreaterThan(3);
    expect(said.join('\n')).not.toMatch(/juice|Maria/i);
  });
  it('stages an event without reading its customer: no page of customers in the agent\'s write', async () => {
    const { desk } = await open();
    // The customer is the ticket's, checked when the ticket was written (migration 0027); a
    // lookup here read a random leaf of customers on every escalation, which the floor does not.
    const roots = new Set(desk.db.sqlite.prepare(`SELECT rootpage FROM sqlite_schema WHERE tbl_name = 'customers'`).pluck().all() as number[]);
    const plan = desk.db.sqlite
      .prepare(`EXPLAIN INSERT INTO interactions_pending (customer_id, at, id, ticket_id, channel, direction, summary, user_id) VALUES (X'01', 1, X'02', X'03', 'phone', 'internal', 'Escalated', NULL)`)
      .all() as Array<{ opcode: string; p2: number }>;
    expect(roots.size).toBeGreaterThan(0);
    expect(plan.filter((op) => op.opcode === 'OpenRead' && roots.has(op.p2))).toEqual([]);
  });
});
