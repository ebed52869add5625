import { describe, expect, it } from 'vitest';
import { deskLines, type DeskList } from './desks';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const NOW = Date.UTC(2026, 11, 7, 9, 0);

const desk = (id: string, over: Partial<DeskList['desks'][number]> = {}): DeskList['desks'][number] => ({
  id,
  name: null,
  version: 2,
  lastContactAt: NOW - MIN,
  lastUser: { id: 'u-' + id, name: `Person ${id}` },
  clockSkewMs: 300,
  outbox: 0,
  tooOld: false,
  readTo: 5000,
  readAt: NOW - MIN,
  ...over,
});

const list = (desks: DeskList['desks']): DeskList => ({ hubVersion: 2, now: NOW, head: 5000, thisDesk: 'fine', desks });

describe('the Desks page’s rows', () => {
  it('says what is wrong with each desk in words, the desks that need someone first', () => {
    const lines = deskLines(
      list([
        desk('fine'),
        desk('silent', { lastContactAt: NOW - 3 * DAY - MIN, lastUser: null, clockSkewMs: null, outbox: null }),
        desk('old-fast', { version: 1, clockSkewMs: 10 * MIN, outbox: 3 }),
        desk('slow', { clockSkewMs: -5 * 60 * MIN }),
      ]),
    );
    expect(lines.map((l) => [l.id, l.problems])).toEqual([
      ['old-fast', 3],
      ['silent', 1],
      ['slow', 1],
      ['fine', 0],
    ]);
    const [oldFast, silent, slow, fine] = lines;
    expect(oldFast).toMatchObject({ version: 'Version 1', upgrade: 'out of date — upgrade this desk', unsent: '3 unsent changes', clock: '10 minutes fast', who: 'Person old-fast', silent: false });
    expect(silent).toMatchObject({ contact: '3 days ago', silent: true, upgrade: null, unsent: 'Not known', clock: 'Not known', who: 'Nobody yet' });
    expect(slow).toMatchObject({ clock: '5 hours slow', clockOff: true });
    expect(fine).toMatchObject({ thisDesk: true, version: 'Version 2', upgrade: null, contact: '1 minute ago', unsent: 'All sent', clock: 'Right', silent: false });
  });

  it('calls a desk refused as too old out of date, whatever version it says, and a desk a day quiet not silent', () => {
    const [line] = deskLines(list([desk('refused', { version: 2, tooOld: true, lastContactAt: NOW - DAY, outbox: 1 })]));
    expect(line).toMatchObject({ upgrade: 'out of date — upgrade this desk', contact: 'yesterday', silent: false, unsent: '1 unsent change' });
  });

  it('calls each desk by its name, one that said none by its short id, and this desk by the name just saved here', () => {
    // Two desks that said no name, set up in the same minute: their ids begin alike (UUID v7's
    // time), and their short ids, which read apart, are their random ends.
    const unnamed = ['0b5e7a21-4c1d-7e00-9a31-5d2c81f04e17', '0b5e7a21-4c1d-7e01-8b02-a93e0c7712d4'];
    const lines = deskLines(list([desk('fine', { name: 'FRONT-ROW-01' }), desk(unnamed[0]!), desk('named', { name: 'BACK-ROW-09' }), desk(unnamed[1]!)]), 'FRONT-ROW-07');
    // Alike in every other way: in the order of what they are called.
    expect(lines.map((l) => [l.name, l.shortId])).toEqual([
      [null, '0c7712d4'],
      [null, '81f04e17'],
      ['BACK-ROW-09', 'named'],
      ['FRONT-ROW-07', 'fine'],
    ]);
  });

  it('says how far each desk has read the hub’s log, and calls one far behind, or not receiving while it calls, a problem', () => {
    const lines = deskLines(
      list([
        desk('fine'),
        desk('behind', { readTo: 4988 }),
        desk('far', { readTo: 4000 }),
        // It pushes (its last call a minute ago) but its last pull was two hours ago: stale queues.
        desk('stalled', { readTo: 4999, readAt: NOW - 2 * 60 * MIN }),
        desk('before', { readTo: null, readAt: null }),
      ]),
    );
    const by = Object.fromEntries(lines.map((l) => [l.id, l]));
    expect(by.fine).toMatchObject({ behind: 'Up to date', lagging: null, problems: 0 });
    expect(by.behind).toMatchObject({ behind: '12 changes behind', lagging: null, problems: 0 });
    expect(by.far).toMatchObject({ behind: '1,000 changes behind', lagging: 'far behind: its people see old queues', problems: 1 });
    expect(by.stalled).toMatchObject({ behind: '1 change behind', lagging: 'last received 2 hours ago, though it has called the hub since', problems: 1 });
    expect(by.before).toMatchObject({ behind: 'Not known', lagging: null, problems: 0 });
    // A hub that does not say its head: not known either.
    expect(deskLines({ ...list([desk('fine')]), head: null })[0]).toMatchObject({ behind: 'Not known', lagging: null });
  });

  it('says it in Persian, with Persian digits and no Latin letter', async () => {
    const { setLocale } = await import('../i18n/state');
    await setLocale('fa', 'arabext');
    try {
      const [line, stalled] = deskLines(list([desk('x', { version: 1, clockSkewMs: 10 * MIN, lastContactAt: NOW - 3 * DAY - MIN, outbox: 2, readTo: 4988 }), desk('y', { readAt: NOW - 2 * 60 * MIN })]));
      for (const text of [line!.version, line!.upgrade, line!.contact, line!.unsent, line!.clock, line!.behind, stalled!.behind, stalled!.lagging]) expect(text).not.toMatch(/[A-Za-z0-9]/);
      expect(line!.behind).toBe('۱۲ تغییر عقب');
      expect(stalled!.behind).toBe('به‌روز');
      expect(stalled!.lagging).toBe('آخرین دریافت ۲ ساعت پیش، هرچند پس از آن با هاب تماس گرفته است');
      expect(line!.clock).toBe('۱۰ دقیقه جلو');
      expect(line!.contact).toBe('۳ روز پیش');
    } finally {
      await setLocale('en', 'latn');
    }
  });
});
