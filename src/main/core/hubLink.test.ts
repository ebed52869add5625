import { describe, expect, it } from 'vitest';
import { isFetchBlockedPort, portOfUrl } from '../../shared/blockedPorts';
import { openDesk } from './desk';
import { describeFetchError } from './hubLink';

// A hub address on a port that fetch will not use ("bad port", e.g. 4190) is refused when it
// is given, with what to do, instead of "the hub cannot be reached" forever.

describe('a hub address on a port fetch refuses', () => {
  it('is refused when the desk is started with it, saying to pick another port', async () => {
    await expect(openDesk({ dataDir: ':memory:', hubUrl: 'http://127.0.0.1:4190' })).rejects.toThrow(/Port 4190 cannot be used for a hub.*another port/);
  });

  it('is refused by the join form, and an ordinary port is not', async () => {
    const desk = await openDesk({ dataDir: ':memory:' });
    try {
      const conn = desk.connect(() => undefined);
      expect(await conn.call('desk.initialize', { mode: 'empty' })).toMatchObject({ ok: true });
      const users = await conn.call('session.users', {});
      const admin = users.ok ? (users.result as { id: string; role: string }[]).find((u) => u.role === 'admin') : undefined;
      expect(await conn.call('session.signIn', { userId: admin?.id })).toMatchObject({ ok: true });
      expect(await conn.call('hub.join', { url: 'http://hub.example:4190/' })).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'hubPortBlocked', params: { port: 4190 } } });
      expect(await conn.call('hub.status', {})).toMatchObject({ ok: true, result: { joined: false } });
      expect(await conn.call('hub.join', { url: 'http://hub.example:4180' })).toMatchObject({ ok: true, result: { joined: true } });
    } finally {
      desk.close();
    }
  });

  it('knows the standard’s list and the default ports', () => {
    expect([4190, 6000, 10080].map(isFetchBlockedPort)).toEqual([true, true, true]);
    expect([4180, 443, 80, 8080].map(isFetchBlockedPort)).toEqual([false, false, false, false]);
    expect([portOfUrl('https://hub.example'), portOfUrl('http://hub.example'), portOfUrl('http://hub.example:4190/x')]).toEqual([443, 80, 4190]);
  });

  it('a failed fetch is described with its real cause, for the log', async () => {
    const why = await fetch('http://127.0.0.1:4190/').then(
      () => 'reached',
      (error: unknown) => describeFetchError(error),
    );
    expect(why).toMatch(/bad port/);
  });
});

// Who may join a desk to a hub: its first start lets anyone set up a desk with no data, and so
// join it (nobody is signed in yet); a desk with data is an admin's to join.
describe('joining a hub, by whom', () => {
  it('anyone at a desk with no data yet, before signing in; the address refused as the form says', async () => {
    const desk = await openDesk({ dataDir: ':memory:' });
    try {
      const conn = desk.connect(() => undefined);
      expect(await conn.call('hub.join', { url: 'hub.example' })).toMatchObject({ ok: false, error: { code: 'invalid_input', key: 'hubUrlInvalid' } });
      expect(await conn.call('hub.join', { url: 'http://hub.example:4180' })).toMatchObject({ ok: true, result: { joined: true, url: 'http://hub.example:4180' } });
      // Then set up empty: no local stand-ins, people sign in with their hub accounts.
      expect(await conn.call('desk.initialize', { mode: 'empty' })).toMatchObject({ ok: true });
      expect(await conn.call('session.users', {})).toMatchObject({ ok: true, result: [] });
    } finally {
      desk.close();
    }
  });

  it('only an admin at a desk that has data: not a window nobody signed in at, nor an agent', async () => {
    const desk = await openDesk({ dataDir: ':memory:' });
    try {
      const conn = desk.connect(() => undefined);
      expect(await conn.call('desk.initialize', { mode: 'empty' })).toMatchObject({ ok: true });
      expect(await conn.call('hub.join', { url: 'http://hub.example:4180' })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'joinNeedsAdmin' } });
      const users = await conn.call('session.users', {});
      const people = users.ok ? (users.result as { id: string; role: string }[]) : [];
      expect(await conn.call('session.signIn', { userId: people.find((u) => u.role === 'agent')?.id })).toMatchObject({ ok: true });
      expect(await conn.call('hub.join', { url: 'http://hub.example:4180' })).toMatchObject({ ok: false, error: { code: 'forbidden', key: 'joinNeedsAdmin' } });
      expect(await conn.call('hub.status', {})).toMatchObject({ ok: true, result: { joined: false } });
      expect(await conn.call('session.signIn', { userId: people.find((u) => u.role === 'admin')?.id })).toMatchObject({ ok: true });
      expect(await conn.call('hub.join', { url: 'http://hub.example:4180' })).toMatchObject({ ok: true, result: { joined: true } });
    } finally {
      desk.close();
    }
  });
});

