import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHOWCASE } from './demo';
import { Sql } from './db/exec';
import { deskPerTest } from './testing/deskPerTest';

// "Assign to me" on the New ticket form: the agent on the phone with the caller opens the
// ticket and holds it in one transaction (CREATED, then the machine's TAKE), so no queue,
// counter, board or hub ever sees it unassigned; a take the rules refuse still opens it.

const open = deskPerTest();
afterEach(() => vi.restoreAllMocks());

async function lakeside(as: Awaited<ReturnType<typeof open>>['as'], name: string) {
  const who = await as(name);
  const found = await (await as('Ava Martin')).call('lookup.search', { query: SHOWCASE.lakeside.tag });
  if (found.kind !== 'match') throw new Error('no match');
  return { who, customerId: found.view.customer.id, assetId: found.view.matchedAssetId };
}

const recount = `select segment, tier, count(*) open, sum(assignee_id is null) unassigned, sum(sla_status = 'atRisk') at_risk, sum(sla_status = 'breached') breached from tickets where is_open = 1 group by 1, 2 order by 2, 1`;
const counters = `select segment, tier, open, unassigned, at_risk, breached from queue_counters where open > 0 order by 2, 1`;

describe('opening a ticket assigned to me', () => {
  it('creates and takes it in one transaction: her ticket at once in My tickets, the counters and the pushes', async () => {
    const { as, desk } = await open();
    const { who: ava, customerId, assetId } = await lakeside(as, 'Ava Martin');
    const me = (await ava.call('session.me'))!;
    const grace = await as('Grace Chen');
    const queue = async () => (await grace.call('queues.list')).find((q) => q.segment === 'education' && q.tier === 1)!;
    const load = async () => (await grace.call('supervisor.overview')).agents.find((a) => a.userId === me.id)!.open;
    const [queueBefore, loadBefore] = [await queue(), await load()];

    const writes = vi.spyOn(Sql.prototype, 'write');
    await ava.call('tickets.create', { customerId, subject: 'Plain, for the count of writes' });
    const plainWrites = writes.mock.calls.length;
    writes.mockClear();
    grace.pushes.length = 0;
    const created = await ava.call('tickets.create', { customerId, assetId, subject: 'Screen flickers on battery', assignToMe: true });
    // As many writes as a plain create, none nested (a nested write is a savepoint).
    expect(writes.mock.calls.length).toBe(plainWrites);
    writes.mockRestore();

    expect(created.takeRefused).toBeNull();
    expect(created.ticket).toMatchObject({ state: 'tier1.open', assigneeId: me.id, assigneeName: 'Ava Martin', seq: 2 });
    expect(created.timeline.map((e) => `${e.type}:${e.actorId}`)).toEqual([`CREATED:${me.id}`, `TAKE:${me.id}`]);
    expect(created.allowed).toContain('ESCALATE');
    expect((await ava.call('inbox.mine')).map((r) => r.id)).toContain(created.ticket.id);
    // The queue gained one open ticket (two, with the plain one) but only the plain one unassigned; Ava one more ticket.
    expect(await queue()).toMatchObject({ open: queueBefore.open + 2, unassigned: queueBefore.unassigned + 1 });
    expect(await load()).toBe(loadBefore + 1);
    expect(desk.db.sqlite.prepare(counters).all()).toEqual(desk.db.sqlite.prepare(recount).all());
    expect(grace.pushes.filter((p) => p.event === 'ticket.changed').map((p) => (p.payload as { type: string; assigneeId: string | null }))).toEqual([
      expect.objectContaining({ type: 'CREATED', assigneeId: me.id }),
      expect.objectContaining({ type: 'TAKE', assigneeId: me.id }),
    ]);
    // Two events for the hub, as any create and take.
    const outbox = desk.db.sqlite.prepare(`select body from outbox where stream = 'ticket'`).all() as Array<{ body: string }>;
    const mine = outbox.map((r) => JSON.parse(r.body) as { entityId: string; seq: number; type: string }).filter((e) => e.entityId === created.ticket.id);
    expect(mine.map((e) => [e.seq, e.type])).toEqual([[1, 'CREATED'], [2, 'TAKE']]);
  });

  it('opens the ticket unassigned and says why when the rules refuse her the take', async () => {
    const { as, desk } = await open();
    const { who: sam, customerId } = await lakeside(as, 'Sam Rivera'); // tier 2, education
    const created = await sam.call('tickets.create', { customerId, subject: 'Dock does not charge', description: 'Every word kept.', assignToMe: true });
    expect(created.takeRefused).toBe('This ticket is at first line (tier 1); you work at tier 2.');
    expect(created.ticket).toMatchObject({ state: 'new', assigneeId: null, subject: 'Dock does not charge', description: 'Every word kept.', seq: 1 });
    // The counters as a reader finds them: reading the queues settles the write's staged moves (stagedTallies.ts).
    await sam.call('queues.list');
    expect(desk.db.sqlite.prepare(counters).all()).toEqual(desk.db.sqlite.prepare(recount).all());
  });

  it('leaves a ticket unassigned when she does not ask', async () => {
    const { as } = await open();
    const { who: ava, customerId } = await lakeside(as, 'Ava Martin');
    const created = await ava.call('tickets.create', { customerId, subject: 'Fan noise' });
    expect(created).toMatchObject({ takeRefused: null, ticket: { state: 'new', assigneeId: null } });
  });
});
