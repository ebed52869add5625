import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain';
import type { OutboxEnvelope } from '../../../shared/ticketLog/envelope';
import type { Outbox } from '../outbox';
import { evalStore } from './evaluate';
import type { KbStore } from './kbStore';

// One agent rating the same way on ticket after ticket (a habit, a misunderstanding, a bias)
// must not decide what every colleague is shown: each agent's ratings of an article count at
// most RATER_CAP times in what a kind of ticket has learnt.

const agent = (id: string): Actor => ({ id, role: 'agent', tier: 1, segments: [] });
const ARTICLES = [
  { id: 'charge-limit', title: 'Battery stuck at 80 percent: charge limit in BIOS', body: 'The battery does not charge past 80 percent because the primary battery charge configuration is Adaptive. Set it to Standard.' },
  { id: 'replace', title: 'Battery not charging: replace the battery', body: 'If the battery is swollen or not charging at all, replace the battery.' },
  { id: 'adapter', title: 'Power adapter not recognised, battery not charging', body: 'The adapter wattage cannot be determined; battery not charging. Reseat the adapter cable.' },
  { id: 'holidays', title: 'Office holiday schedule', body: 'Offices are closed on public holidays.' },
];
const ticket = (key: string, text: string) => ({ key, text, productLine: null, model: null, segment: null });
const NEW_TICKET = ticket('new', 'Battery stuck at 80 percent');

describe('one agent’s ratings', () => {
  it('an article one agent calls very relevant on thirty unrelated tickets is not suggested to everyone', async () => {
    const { store, close } = await evalStore(ARTICLES);
    for (let i = 0; i < 30; i++) {
      const t = ticket(`m${i}`, `Battery stuck at 80 percent, case ${i}`);
      store.suggest(t, { limit: 3 });
      store.rate(agent('mallory'), t, 'holidays', 2, false, i + 1);
    }
    const shown = store.suggest(NEW_TICKET, { limit: 3 }).ranked.map((r) => r.articleId);
    expect(shown).not.toContain('holidays');
    expect(shown[0]).toBe('charge-limit');
    close();
  });

  it('five colleagues who found an article relevant outweigh one agent who said not on forty tickets', async () => {
    const { store, close } = await evalStore(ARTICLES);
    for (let i = 0; i < 40; i++) {
      const t = ticket(`b${i}`, `Battery stuck at 80 percent, will not charge ${i}`);
      store.suggest(t, { limit: 3 });
      store.rate(agent('bob'), t, 'charge-limit', 0, false, i + 1);
      store.rate(agent('bob'), t, 'replace', 2, false, i + 1);
    }
    for (let i = 0; i < 5; i++) {
      const t = ticket(`o${i}`, `Battery stuck at 80 percent charge ${i}`);
      store.suggest(t, { limit: 3 });
      store.rate(agent(`colleague${i}`), t, 'charge-limit', 2, false, 100 + i);
      store.rate(agent(`colleague${i}`), t, 'replace', 0, false, 100 + i);
    }
    expect(store.suggest(NEW_TICKET, { limit: 3 }).ranked[0]?.articleId).toBe('charge-limit');
    // The article's own page still counts every rating.
    expect(store.article(store.metaOfId('replace')!.id)?.ratings.n).toBe(45);
    close();
  });

  it('a rating taken back leaves the tallies as they were before it, capped or not', async () => {
    const { store, close } = await evalStore(ARTICLES);
    const tallies = () => store.suggest(NEW_TICKET, { limit: 3 }).ranked.map((r) => [r.articleId, r.features.kind.toFixed(6)]);
    for (let i = 0; i < 5; i++) {
      const t = ticket(`a${i}`, `Battery stuck at 80 percent ${i}`);
      store.suggest(t, { limit: 3 });
      store.rate(agent('ava'), t, 'replace', 2, false, i + 1);
    }
    const before = tallies();
    const extra = ticket('extra', 'Battery stuck at 80 percent again');
    store.suggest(extra, { limit: 3 });
    store.rate(agent('ava'), extra, 'replace', 0, false, 10);
    store.withdraw(agent('ava'), extra, 'replace', 11);
    expect(tallies()).toEqual(before);
    close();
  });
});

describe('one agent’s ratings, through the hub', () => {
  it('two desks that receive the same ratings in opposite orders count each agent alike', async () => {
    const { kbStore } = await import('./kbStore');
    const { openDatabase } = await import('../db/database');
    const sent: OutboxEnvelope[] = [];
    const outbox = { deskId: 'desk-a', append: (e: OutboxEnvelope) => void sent.push(e) } as unknown as Outbox;
    const deskOf = async (withOutbox: boolean) => {
      const db = await openDatabase(':memory:');
      const store = kbStore(db.sqlite, { outbox: withOutbox ? outbox : null });
      for (const a of ARTICLES) store.save(agent('tara'), { id: a.id, title: a.title, body: a.body, productLines: [], models: [], segments: [], tags: [], status: 'published', sourceTicketId: null }, 0);
      return { store, db };
    };
    const a = await deskOf(true);
    sent.length = 0;
    const rated = (key: string) => ({ ...ticket(key, `Battery stuck at 80 percent, case ${key}`), segment: 'education' });
    for (let i = 0; i < 8; i++) {
      const t = rated(`m${i}`);
      a.store.suggest(t, { limit: 3 });
      a.store.rate(agent('mallory'), t, 'replace', 2, false, i + 1);
      if (i < 3) {
        const own = rated(`c${i}`);
        a.store.suggest(own, { limit: 3 });
        a.store.rate(agent(`colleague${i}`), own, 'replace', 0, false, i + 1);
      }
    }
    const kindOf = (store: KbStore) => store.suggest(NEW_TICKET, { limit: 4 }).ranked.find((r) => r.articleId === 'replace')?.features.kind ?? 0;
    const forwards = await deskOf(false);
    const backwards = await deskOf(false);
    for (const e of sent) forwards.db.sqlite.transaction(() => forwards.store.applyRemote(e))();
    for (const e of [...sent].reverse()) backwards.db.sqlite.transaction(() => backwards.store.applyRemote(e))();
    expect(sent).toHaveLength(11);
    expect(kindOf(forwards.store)).toBeCloseTo(kindOf(a.store), 9);
    expect(kindOf(backwards.store)).toBeCloseTo(kindOf(a.store), 9);
    for (const d of [a, forwards, backwards]) d.db.close();
  });
});

describe('one agent’s ratings and the model', () => {
  it('forty ratings of one agent’s habit move the shared weights no more than a few would', async () => {
    const { INITIAL_WEIGHTS } = await import('../../../shared/kb/ranker');
    const { store, close } = await evalStore(ARTICLES);
    for (let i = 0; i < 40; i++) {
      const t = ticket(`b${i}`, `Battery stuck at 80 percent, will not charge ${i}`);
      store.suggest(t, { limit: 3 });
      store.rate(agent('bob'), t, 'charge-limit', 0, false, i + 1);
      store.rate(agent('bob'), t, 'replace', 2, false, i + 1);
    }
    // Uncapped, bob's eighty ratings took the text weight from 2.6 to 1.28; his first three per
    // article take it to about 2.43.
    const afterBob = store.weights();
    expect(afterBob.text).toBeGreaterThan(INITIAL_WEIGHTS.text - 0.3);
    // Colleagues, each rating once, still teach it.
    for (let i = 0; i < 5; i++) {
      const t = ticket(`o${i}`, `Battery stuck at 80 percent charge ${i}`);
      store.suggest(t, { limit: 3 });
      store.rate(agent(`colleague${i}`), t, 'charge-limit', 2, false, 100 + i);
    }
    expect(store.weights()).not.toEqual(afterBob);
    close();
  });
});
