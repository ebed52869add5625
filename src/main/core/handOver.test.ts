import { afterEach, describe, expect, it } from 'vitest';
import { testDesk } from './testing/deskHarness';
import { wantsReturnedNotice } from '../../shared/access';
import type { PushPayload } from '../../shared/api';

// Ben goes home sick mid-shift. Grace, from his row on the board, hands all his open tickets
// over at once: to Dev, or each back to its own queue. Each moves as its own event; those the
// rules refuse stay with Ben and are named with why.

const MIN = 60_000;
let close: (() => void) | undefined;
afterEach(() => close?.());

async function setUp() {
  const t = await testDesk();
  close = () => t.desk.close();
  const ben = await t.as('Ben Okafor');
  const grace = await t.as('Grace Chen');
  const users = await grace.call('users.list');
  const id = (name: string) => users.find((u) => u.name === name)!.id;
  const customer = async (segment: string) => {
    const phone = t.desk.db.sqlite.prepare(`select phone from customers where segment = ? order by name limit 1`).pluck().get(segment) as string;
    const r = await ben.call('lookup.search', { query: phone });
    if (r.kind !== 'match') throw new Error(`no ${segment} customer`);
    return r.view.customer.id;
  };
  const open = async (segment: string, subject: string) => {
    const created = await ben.call('tickets.create', { customerId: await customer(segment), subject, priority: 'normal' });
    await ben.call('tickets.act', { ticketId: created.ticket.id, command: { type: 'TAKE' } });
    return created.ticket.id;
  };
  const gov = await open('government', 'Docking stations drop the network');
  const waiting = await open('government', 'Laptop battery swells');
  await ben.call('tickets.act', { ticketId: waiting, command: { type: 'WAIT_ON_CUSTOMER', note: 'Asked for a photo' } });
  const edu = await open('education', 'Lab printers offline');
  const held = async (name: string) => (await grace.call('supervisor.tickets', { filter: 'agent', assigneeId: id(name) })).rows.map((r) => r.id);
  return { t, ben, grace, id, users, gov, waiting, edu, held };
}

describe('handing over all of one person’s open tickets', () => {
  it('returns each to its own queue, in its state, as its own event, with its SLA clocks as they were', async () => {
    const { t, ben, grace, id, users, gov, waiting, edu, held } = await setUp();
    const before = await held('Ben Okafor');
    expect(before).toEqual(expect.arrayContaining([gov, waiting, edu]));
    const slaBefore = (await grace.call('tickets.get', { ticketId: waiting })).sla!.targets.find((x) => x.target === 'firstResponse');
    t.clock.advance(5 * MIN);

    const result = await grace.call('supervisor.handOver', { fromId: id('Ben Okafor'), toId: null });
    expect(result).toEqual({ moved: before.length, refused: [] });
    expect(await held('Ben Okafor')).toEqual([]);

    const g = await grace.call('tickets.get', { ticketId: gov });
    expect([g.ticket.state, g.ticket.assigneeId, g.ticket.tier]).toEqual(['tier1.open', null, 1]);
    expect(g.timeline.at(-1)!.type).toBe('RETURN_TO_QUEUE');
    const w = await grace.call('tickets.get', { ticketId: waiting });
    expect([w.ticket.state, w.ticket.assigneeId]).toEqual(['tier1.pending', null]);
    expect(w.timeline.filter((e) => e.type === 'RETURN_TO_QUEUE')).toHaveLength(1);
    // First response stays given (by Ben's take), the wait's pause holds.
    expect(w.sla!.targets.find((x) => x.target === 'firstResponse')).toEqual(slaBefore);
    expect(w.sla!.paused).toBe(true);
    // Ben's window hears each ticket left his list, and who returned it: his notice, once per ticket.
    const benUser = users.find((u) => u.name === 'Ben Okafor')!;
    const told = ben.pushes.map((p) => p.payload as PushPayload<'ticket.changed'>).filter((c) => c.type === 'RETURN_TO_QUEUE' && wantsReturnedNotice(benUser, c));
    expect(told.map((c) => c.ticketId).sort()).toEqual([...before].sort());
    expect(told[0]!.step).toMatchObject({ actorName: 'Grace Chen', from: benUser.id });
    // Grace, who returned them, is not told.
    const graceUser = users.find((u) => u.name === 'Grace Chen')!;
    expect(grace.pushes.map((p) => p.payload as PushPayload<'ticket.changed'>).some((c) => c.type === 'RETURN_TO_QUEUE' && wantsReturnedNotice(graceUser, c))).toBe(false);
    // Dev (government, tier 1) can take the open one from the queue.
    const dev = await t.as('Dev Patel');
    const taken = await dev.call('tickets.act', { ticketId: gov, command: { type: 'TAKE' } });
    expect(taken.ticket.assigneeId).toBe(id('Dev Patel'));
  });

  it('gives them to one person, and names those refused (a segment they do not work) with why', async () => {
    const { ben, grace, id, users, gov, waiting, edu, held } = await setUp();
    const before = await held('Ben Okafor');
    const result = await grace.call('supervisor.handOver', { fromId: id('Ben Okafor'), toId: id('Dev Patel') });
    // Dev works government, not education: Ben's education tickets stay with him.
    const eduLeft = await held('Ben Okafor');
    expect(eduLeft).toContain(edu);
    expect(result.moved).toBe(before.length - eduLeft.length);
    expect(result.refused.map((r) => r.ticketId).sort()).toEqual([...eduLeft].sort());
    expect(result.refused.find((r) => r.ticketId === edu)!.reason).toMatch(/Dev Patel/);
    const devs = await held('Dev Patel');
    expect(devs).toEqual(expect.arrayContaining([gov, waiting]));
    // Still waiting on the customer in Dev's hands.
    expect((await grace.call('tickets.get', { ticketId: waiting })).ticket.state).toBe('tier1.pending');
    // Ben's window hears each ticket that left his hands, once, with who moved it and to whom;
    // neither Grace nor Dev is told it left them.
    const changes = (s: { pushes: { payload: unknown }[] }) => s.pushes.map((p) => p.payload as PushPayload<'ticket.changed'>);
    const benUser = users.find((u) => u.name === 'Ben Okafor')!;
    const told = changes(ben).filter((c) => wantsReturnedNotice(benUser, c));
    expect(told.map((c) => c.ticketId).sort()).toEqual(before.filter((x) => !eduLeft.includes(x)).sort());
    expect(told[0]).toMatchObject({ type: 'ASSIGN', assigneeId: id('Dev Patel'), step: { actorName: 'Grace Chen', from: benUser.id, toName: 'Dev Patel' } });
    const graceUser = users.find((u) => u.name === 'Grace Chen')!;
    const devUser = users.find((u) => u.name === 'Dev Patel')!;
    expect(changes(grace).some((c) => wantsReturnedNotice(graceUser, c) || wantsReturnedNotice(devUser, c))).toBe(false);
  });

  it('is a supervisor’s to do', async () => {
    const { ben, id } = await setUp();
    await expect(ben.call('supervisor.handOver', { fromId: id('Ben Okafor'), toId: null })).rejects.toMatchObject({ code: 'forbidden' });
  });
});
