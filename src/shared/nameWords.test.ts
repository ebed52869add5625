import { describe, expect, it } from 'vitest';
import { nameMarks, nameWordKeys, queryWordKeys, wordsMatch } from './nameWords';

// On the list of candidates, the part of each name that a typed word matched is marked, by the
// lookup's own rule: the start of any word of the name (after a space, a hyphen or a ZWNJ),
// keyed as the desk keys names (case, accents, Persian and Arabic letter forms).

/** The name with each marked run in brackets. */
const shown = (name: string, query: string) => nameMarks(name, query).map((p) => (p.marked ? `[${p.text}]` : p.text)).join('');

describe('marking what a typed word matched in a name', () => {
  it('marks only the typed start of the word, whatever its case', () => {
    expect(shown('Jordan Patel', 'pat')).toBe('Jordan [Pat]el');
    expect(shown('Jordan Patel', 'PATEL')).toBe('Jordan [Patel]');
    expect(shown('Lakeside Unified School District', 'distr')).toBe('Lakeside Unified School [Distr]ict');
    // Accents are the desk's too: "chlo" finds, and marks, "Chlo" of "Chloé"; "chloe" all of it.
    expect(shown('Chloé Dubois', 'chloe')).toBe('[Chloé] Dubois');
    expect(shown('Chloe\u0301 Dubois', 'chloe')).toBe('[Chloe\u0301] Dubois');
  });

  it('marks every typed word where it matched, in any order', () => {
    expect(shown('Jordan Patel', 'patel jor')).toBe('[Jor]dan [Patel]');
    expect(shown('Jordan Patel', 'jor patel')).toBe('[Jor]dan [Patel]');
    // Punctuation typed or written around a word is not part of it.
    expect(shown('Smith & Sons (Ltd.)', 'ltd, smi')).toBe('[Smi]th & Sons ([Ltd].)');
  });

  it('marks a part of a hyphenated name, or the hyphenated word as typed', () => {
    expect(shown('Ana Lindgren-Moreau', 'moreau')).toBe('Ana Lindgren-[Moreau]');
    expect(shown('Ana Lindgren-Moreau', 'lind mor')).toBe('Ana [Lind]gren-[Mor]eau');
    expect(shown('Ana Lindgren-Moreau', 'lindgren-mo')).toBe('Ana [Lindgren-Mo]reau');
    expect(shown('Jean\u2011Luc Picard', 'luc')).toBe('Jean\u2011[Luc] Picard');
  });

  it('marks a Persian name after its zero-width non-joiner, and across it, Arabic letter forms read as Persian', () => {
    expect(shown('زهرا کریمی\u200cنژاد', 'نژاد')).toBe('زهرا کریمی\u200c[نژاد]');
    // Typed with Arabic ي and ك, and without the ZWNJ the name is written with.
    expect(shown('زهرا کریمی\u200cنژاد', 'كريمين')).toBe('زهرا [کریمی\u200cن]ژاد');
    // Written with the Arabic forms, typed with the Persian ones (and the other way round).
    expect(shown('علي كريمي', 'کریم علی')).toBe('[علي] [كريم]ي');
    expect(shown('مریم نیک\u200cپور', 'پور مر')).toBe('[مر]یم نیک\u200c[پور]');
  });

  it('marks nothing for a word the name has no word starting with', () => {
    expect(shown('Jordan Patel', 'tel')).toBe('Jordan Patel');
    expect(shown('Jordan Patel', 'lee')).toBe('Jordan Patel');
    // Inside a word (not after a space, hyphen or ZWNJ) is not the start of one.
    expect(shown("Siobhan O'Brien", 'brien')).toBe("Siobhan O'Brien");
    expect(shown('زهرا کریمی\u200cنژاد', 'ژاد')).toBe('زهرا کریمی\u200cنژاد');
    // A hyphenated word typed past its part is not that part: "moreau-s" starts no word here.
    expect(shown('Ana Lindgren-Moreau Smith', 'moreau-s')).toBe('Ana Lindgren-Moreau Smith');
    expect(shown('Jordan Patel', '')).toBe('Jordan Patel');
  });

  it('marks a name exactly where the lookup finds it (the same words)', () => {
    const names = ['Jordan Patel', 'Ana Lindgren-Moreau', 'زهرا کریمی\u200cنژاد', 'علي كريمي', 'Smith & Sons (Ltd.)', 'Chloé Dubois', 'Jean\u2011Luc Picard'];
    const queries = ['pat', 'jor pat', 'mor', 'lindgren-m', 'نژاد', 'کریمین', 'علی', 'ltd', 'chlo', 'luc', 'son smi', 'dub', 'x'];
    for (const name of names) {
      for (const query of queries) {
        const found = wordsMatch(queryWordKeys(query), nameWordKeys(name));
        const parts = nameMarks(name, query);
        expect(parts.map((p) => p.text).join(''), `${name} / ${query}`).toBe(name);
        expect(parts.some((p) => p.marked), `${name} / ${query}`).toBe(found);
      }
    }
  });
});
