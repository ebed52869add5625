import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LookupResult } from '../../shared/api';
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
