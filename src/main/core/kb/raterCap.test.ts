import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/domain';
import { evalStore } from './evaluate';

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
