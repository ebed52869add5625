import { describe, expect, it } from 'vitest';
import { createdPayloadSchema } from '../../shared/ticketLog/envelope';
import { deskPerTest } from './testing/deskPerTest';
import { mariaFound } from './testing/deskHarness';

// Maria's laptop fails again ten days after its ticket was resolved. The ticket page says what a
// reopen would do to the resolution SLA while Reopen is there; past the reopen window it says
// why Reopen is gone, in the machine's words; and the new ticket she is given follows the old
// one, each naming the other.

const open = deskPerTest();
const DAY = 86_400_000;

describe('the fault back after the reopen window', () => {
  it('says the reopen rule, then why Reopen is gone, and links the follow-up both ways', async () => {
    const { as, clock } = await open();
    const ava = await as('Ava Martin');
    const found = await mariaFound(ava);
    const customerId = found.view.customer.id;
    const assetId = found.view.matchedAssetId;
    const first = (await ava.call('tickets.create', { customerId, assetId, subject: 'Laptop does not boot', assignToMe: true })).ticket;
    await ava.call('tickets.act', { ticketId: first.id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'BIOS reset; boots.' } });

    const resolved = await ava.call('tickets.get', { ticketId: first.id });
    expect(resolved.allowed).toContain('REOPEN');
    expect(resolved.reopenRule).toMatch(/^(continue|restart)$/);
    expect(resolved.reopenRefused).toBeUndefined();

    clock.advance(9 * DAY + 60_000);
    const late = await ava.call('tickets.get', { ticketId: first.id });
    expect(late.allowed).not.toContain('REOPEN');
    expect(late.reopenRule).toBeUndefined();
    expect(late.reopenRefused).toBe('Reopen is possible for 7 days after resolution; this ticket was resolved 10 days ago. Open a new ticket that follows it.');

    const next = await ava.call('tickets.create', { customerId, assetId, subject: 'Laptop does not boot again', follows: first.id });
    expect(next.follows).toEqual({ id: first.id, number: first.number });
    expect(next.followedBy).toBeUndefined();
    const earlier = await ava.call('tickets.get', { ticketId: first.id });
    expect(earlier.followedBy).toEqual([{ id: next.ticket.id, number: next.ticket.number }]);
    expect(earlier.follows).toBeUndefined();
    expect((await ava.call('tickets.get', { ticketId: next.ticket.id })).follows).toEqual({ id: first.id, number: first.number });

    // A link to no ticket is refused, not recorded as a link to nothing.
    await expect(ava.call('tickets.create', { customerId, assetId, subject: 'Third time', follows: '0190f000-0000-7000-8000-000000000000' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('travels in CREATED, which reads the same without it (desks and hubs that predate it)', () => {
    const base = {
      number: 912, customerId: 'c1', customerName: 'Maria Gonzalez', assetId: null, serviceTag: null, segment: 'home', serviceLevel: 'basic',
      priority: 'normal', subject: 'Laptop does not boot again', description: '', channel: 'phone', reopenWindowMs: 7 * DAY, policy: null,
    };
    expect(createdPayloadSchema.parse({ ...base, follows: 'ticket-788' }).follows).toBe('ticket-788');
    expect(createdPayloadSchema.safeParse(base).success).toBe(true);
  });
});

// A desk that keeps three days for reopening: Resolve's dialog said seven (the default) though
// the ticket's machine refuses a reopen after three. The ticket's page carries its own window,
// the number its refusal names.
const openThreeDays = deskPerTest({ reopenWindowMs: 3 * DAY });

describe('a ticket’s own reopen window', () => {
  it('is on its page, the same number the reopen refusal says', async () => {
    const { as, clock } = await openThreeDays();
    const ava = await as('Ava Martin');
    const found = await mariaFound(ava);
    const created = await ava.call('tickets.create', { customerId: found.view.customer.id, assetId: found.view.matchedAssetId, subject: 'Laptop does not boot', assignToMe: true });
    expect(created.reopenWindowDays).toBe(3);
    await ava.call('tickets.act', { ticketId: created.ticket.id, command: { type: 'RESOLVE', code: 'fixed_remotely', note: 'BIOS reset; boots.' } });
    expect((await ava.call('tickets.get', { ticketId: created.ticket.id })).reopenWindowDays).toBe(3);
    clock.advance(4 * DAY);
    expect((await ava.call('tickets.get', { ticketId: created.ticket.id })).reopenRefused).toMatch(/^Reopen is possible for 3 days after resolution/);
  });
});
