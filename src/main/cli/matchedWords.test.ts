import { expect, it } from 'vitest';
import { bracketed, matchedWords } from './matchedWords';

// `tagdesk lookup` listed the candidates of a name search without saying which typed words
// matched; the desk's list marks them on each name. Both now use the lookup's own word rule.

it('says each typed word, the word of the name it matched and the part it matched, in the order typed', () => {
  expect(matchedWords('Jordan Patel', 'pat jor')).toEqual([
    { word: 'pat', field: 'name', in: 'Patel', matched: 'Pat', start: 7, end: 10 },
    { word: 'jor', field: 'name', in: 'Jordan', matched: 'Jor', start: 0, end: 3 },
  ]);
  const [holm] = matchedWords('Anna Vasquez-Holm', 'holm');
  expect(holm).toEqual({ word: 'holm', field: 'name', in: 'Vasquez-Holm', matched: 'Holm', start: 13, end: 17 });
  expect(bracketed(holm!, 'Anna Vasquez-Holm')).toBe('Vasquez-[Holm]');
  expect(bracketed(matchedWords('Jordan Patel', 'JOR')[0]!, 'Jordan Patel')).toBe('[Jor]dan');
});

it('matches Persian as the lookup does (letters unified), and leaves out a word that matched nothing', () => {
  expect(matchedWords('علی کریمی', 'كريمي')).toEqual([{ word: 'كريمي', field: 'name', in: 'کریمی', matched: 'کریمی', start: 4, end: 9 }]);
  expect(matchedWords('Jordan Patel', 'jor zzz')).toEqual([{ word: 'jor', field: 'name', in: 'Jordan', matched: 'Jor', start: 0, end: 3 }]);
});
