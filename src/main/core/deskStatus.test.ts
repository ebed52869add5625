import { describe, expect, it } from 'vitest';
import { openDesk } from './desk';

// A window starting asks only whether the desk is set up: counting a large desk's customers
// and tickets (tens of milliseconds, more from a cold cache) is left to those who ask (the CLI's
// `seed` and `stats`).
describe('desk.status', () => {
  it('answers whether the desk is set up without counting, and counts when asked', async () => {
    const desk = await openDesk({ dataDir: ':memory:', demo: true, demoCustomers: 30 });
    try {
      const conn = desk.connect(() => undefined);
      expect(await conn.call('desk.status', {})).toEqual({ ok: true, result: { initialized: true, customers: null, tickets: null, demo: true, dataDir: ':memory:', leftHub: null } });
      const counted = await conn.call('desk.status', { counts: true });
      expect(counted).toMatchObject({ ok: true, result: { initialized: true, customers: 30, tickets: expect.any(Number) } });
      expect(counted).not.toMatchObject({ result: { tickets: 0 } });
      expect(await conn.call('desk.status', { counts: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      desk.close();
    }
  });
});
