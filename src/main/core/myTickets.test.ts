import { describe, expect, it } from 'vitest';
import { SHOWCASE } from './demo';
import { deskPerTest } from './testing/deskPerTest';

// My tickets marks a ticket that came back to her (handed back down, reopened by someone
// else) until she acts on it.

const open = deskPerTest();

describe('My tickets: tickets that came back', () => {
  it('marks a hand-back with who and the note until she acts, then a reopen by someone else', async () => {
    const { as, clock } = await open();
    const ava = await as('Ava Martin');
    const sam = await as('Sam Rivera');
    const ben = await as('Ben Okafor');
    const found = await ava.call('lookup.search', { query: SHOWCASE.lakeside.tag });
    if (found.kind !== 'match') throw new Error('no match');
    const id = (await ava.call('tickets.create', { customerId: found.view.customer.id, subject: 'Fan loud after update', assignToMe: true })).ticket.id;
    const row = async () => (await ava.call('inbox.mine')).find((r) => r.id === id);

    expect((await row())?.cameBack).toBeNull();
    await ava.call('tickets.act', { ticketId: id, command: { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'Fan curve looks wrong.' } });
    await sam.call('tickets.act', { ticketId: id, command: { type: 'TAKE' } });
    clock.advance(60_000);
    await sam.call('tickets.act', { ticketId: id, command: { type: 'DEESCALATE', note: 'Firmware reflashed; please confirm with the caller that the fan is quiet now.' } });
    expect((await row())?.cameBack).toEqual({ kind: 'handedBack', actorId: expect.any(String), actorName: 'Sam Rivera', at: clock.now(), note: 'Firmware reflashed; please confirm with the caller that the fan is quiet now.' });

    await ava.call('tickets.act', { ticketId: id, command: { type: 'ADD_NOTE', note: 'Called the school back.' } });
    expect((await row())?.cameBack).toBeNull();

    await ava.call('tickets.act', { ticketId: id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'Quiet now.' } });
    expect(await row()).toBeUndefined();
    await ben.call('tickets.act', { ticketId: id, command: { type: 'REOPEN', note: 'The caller says the fan is loud again since this morning.' } });
    expect((await row())?.cameBack).toMatchObject({ kind: 'reopened', actorName: 'Ben Okafor', note: 'The caller says the fan is loud again since this morning.' });
    // Her own reopen is no news to her.
    await ava.call('tickets.act', { ticketId: id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'Quiet again.' } });
    await ava.call('tickets.act', { ticketId: id, command: { type: 'REOPEN' } });
    expect((await row())?.cameBack).toBeNull();
  });
});
