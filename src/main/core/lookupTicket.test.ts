import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupResult } from '../../shared/api';
import { tagToExpressCode } from '../../shared/serviceTag';
import { avaLookup, type testDesk } from './testing/deskHarness';

// A caller quotes a ticket number ("T-000123", or the agent types t123): the lookup opens the
// customer's 360° view and says which ticket was quoted, so the view can put it first
// (before, the ticket was not named and an old one sat unmarked at the bottom of Past tickets).

let harness: Awaited<ReturnType<typeof testDesk>>;
let search: (query: string) => Promise<LookupResult>;
beforeAll(async () => {
  ({ harness, search } = await avaLookup());
});
afterAll(() => harness.desk.close());

describe('looking a caller up by ticket number', () => {
  it('names the quoted ticket in its canonical form, however it was typed, and it is one of the view’s tickets', async () => {
    const n = harness.desk.db.sqlite.prepare(`select number from tickets where state = 'closed' order by number limit 1`).pluck().get() as number;
    const canonical = `T-${String(n).padStart(6, '0')}`;
    // Read out as "T, zero zero zero one two three", it is typed with a space as often as a dash
    // ("T 000123" was read as the service tag T000123, found nowhere, and offered to register).
    for (const typed of [canonical, `t${n}`, `#${n}`, `T ${String(n).padStart(6, '0')}`, `t ${n}`]) {
      const r = await search(typed);
      expect(r.kind, typed).toBe('match');
      if (r.kind !== 'match') continue;
      expect(r.matchedBy).toBe('ticket');
      expect(r.ticketNumber, typed).toBe(canonical);
      expect([...r.view.openTickets, ...r.view.pastTickets].map((t) => t.number)).toContain(canonical);
    }
  });

  it('names no ticket for a lookup by anything else', async () => {
    const byTag = await search('7XK2QF1');
    expect(byTag.kind === 'match' && byTag.ticketNumber).toBeFalsy();
  });
});

describe('bare digits, too short for an Express Service Code, read as a ticket number too', () => {
  // Callers read a ticket number out as a plain number ("one two three", "zero zero zero one two
  // three"): the digits were tried only as an Express Service Code and a phone, and nothing found.
  it('opens the ticket a caller read out as a number, as "T 000123" does', async () => {
    const subject = harness.desk.db.sqlite.prepare(`select subject from tickets where number = 123`).pluck().get();
    expect(subject).toBeTypeOf('string');
    for (const typed of ['123', '000123', '۱۲۳']) {
      const r = await search(typed);
      expect(r.kind, typed).toBe('match');
      if (r.kind !== 'match') continue;
      expect(r.matchedBy, typed).toBe('ticket');
      expect(r.ticketNumber, typed).toBe('T-000123');
    }
  });

  it('says no such ticket among what it tried, with the Express Service Code', async () => {
    const r = await search('9999999');
    expect(r.kind).toBe('none');
    if (r.kind !== 'none') return;
    expect(r.params).toMatchObject({ ticket: 'T-9999999', express: '9999999' });
    expect(r.message).toContain('ticket T-9999999');
  });

  it('tells an agent of other segments as "T-…" does: the team that serves the caller', async () => {
    const n = harness.desk.db.sqlite.prepare(`select t.number from tickets t join customers c on c.id = t.customer_id where c.segment = 'home' order by t.number limit 1`).pluck().get() as number;
    const ben = await harness.as('Ben Okafor');
    const bare = await ben.call('lookup.search', { query: String(n) });
    expect(bare.kind === 'none' && bare.key).toBe('otherTeam');
    expect(bare).toEqual(await ben.call('lookup.search', { query: `T ${n}` }));
  });

  it('leaves an Express Service Code of ten digits and more to the system it names', async () => {
    const r = await search(tagToExpressCode('7XK2QF1'));
    expect(r.kind === 'match' && r.matchedBy).toBe('express');
    const none = await search('4155550100');
    expect(none.kind === 'none' && none.params?.ticket).toBeUndefined();
  });
});
