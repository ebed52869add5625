import { afterEach, describe, expect, it } from 'vitest';
import { TICKET_STATES_MAX } from '../../shared/api';
import { testDesk } from './testing/deskHarness';

// `tickets.states`: where a few tickets stand, for a window checking the notices it kept for
// someone (src/renderer/shell/keptNotices.ts). A cheap read: no page, no customer, and so no
// entry in the access log, since nobody opened a record.

const cleanup: Array<() => void> = [];
afterEach(() => {
  while (cleanup.length) cleanup.pop()!();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const UNKNOWN = '0190f5a2-7c1e-7000-8000-000000000000';

describe('tickets.states', () => {
  it('says where the tickets Ben may see stand, leaves out another segment and unknown ids, and logs no access', async () => {
    const { desk, as } = await testDesk();
    cleanup.push(() => desk.close());
    const ava = await as('Ava Martin');
    // Ben Okafor works education and government at tier 1; home is not his.
    const ben = await as('Ben Okafor');
    const benId = (await ben.call('session.me'))!.id;
    const [gov, govTaken] = (await ava.call('queues.tickets', { segment: 'government', tier: 1, limit: 2 })).rows;
    const [home] = (await ava.call('queues.tickets', { segment: 'home', tier: 1, limit: 1 })).rows;
    if (!gov || !govTaken || !home) throw new Error('no demo tickets');
    const taken = await ava.call('tickets.act', { ticketId: govTaken.id, command: { type: 'TAKE' } });

    const states = await ben.call('tickets.states', { ticketIds: [gov.id, home.id, UNKNOWN, govTaken.id, gov.id] });
    expect(states).toEqual([
      { id: gov.id, state: gov.state, tier: 1, assigneeId: gov.assigneeId, slaStatus: gov.sla?.status ?? 'none', slaTarget: gov.sla?.target ?? null },
      { id: govTaken.id, state: taken.ticket.state, tier: 1, assigneeId: taken.ticket.assigneeId, slaStatus: taken.ticket.sla?.status ?? 'none', slaTarget: taken.ticket.sla?.target ?? null },
    ]);
    expect(states[1]!.assigneeId).not.toBeNull();
    // Nothing about the customer travels.
    expect(Object.keys(states[0]!).sort()).toEqual(['assigneeId', 'id', 'slaStatus', 'slaTarget', 'state', 'tier']);
    // Someone who oversees every segment sees the home ticket too.
    expect((await (await as('Grace Chen')).call('tickets.states', { ticketIds: [home.id] })).map((s) => s.id)).toEqual([home.id]);
    expect(await ben.call('tickets.states', { ticketIds: [] })).toEqual([]);

    // Accesses are written in batches: opening a page (tickets.get) after the states is
    // logged, and once its entry is there, whatever came before it would be too.
    const logged = () => desk.db.sqlite.prepare('select ticket_id from record_access where user_id = ?').pluck().all(benId) as string[];
    expect(logged()).toEqual([]);
    await ben.call('tickets.get', { ticketId: gov.id });
    for (let i = 0; i < 50 && logged().length === 0; i++) await sleep(100);
    expect(logged()).toEqual([gov.id]);
  });

  it(`refuses more than ${TICKET_STATES_MAX} tickets at once, saying so`, async () => {
    const { desk, as } = await testDesk();
    cleanup.push(() => desk.close());
    const ben = await as('Ben Okafor');
    const ids = Array.from({ length: TICKET_STATES_MAX + 1 }, (_, i) => `0190f5a2-7c1e-7000-8000-${String(i).padStart(12, '0')}`);
    expect(await ben.raw('tickets.states', { ticketIds: ids })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: `ticketIds: Ask for at most ${TICKET_STATES_MAX} tickets at once.` } });
    expect(await ben.call('tickets.states', { ticketIds: ids.slice(0, TICKET_STATES_MAX) })).toEqual([]);
    expect(await ben.raw('tickets.states', { ticketIds: [''] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await (await as(null)).raw('tickets.states', { ticketIds: [] })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
