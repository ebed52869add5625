import { nameMarks, queryWordKeys } from '../../shared/nameWords';

// Which of the typed words a name search matched, and where: the same marks the desk's list
// of candidates draws on each name (src/shared/nameWords.ts, the lookup's own word rule),
// for `tagdesk lookup` to say in words and to add to its --json.

export interface MatchedWord {
  /** The word as it was typed. */
  word: string;
  /** Where it matched: the customer's name, the one field a name search looks in. */
  field: 'name';
  /** The word of the name it matched, as written ("Vasquez-Holm"). */
  in: string;
  /** The part of that word it matched ("Holm"), at [start, end) of the whole name (UTF-16). */
  matched: string;
  start: number;
  end: number;
}

/** Each typed word's matches in `name`, in the order typed; a word that matched nothing has none. */
export function matchedWords(name: string, query: string): MatchedWord[] {
  const out: MatchedWord[] = [];
  for (const word of query.trim().split(/\s+/)) {
    if (queryWordKeys(word).length === 0) continue;
    let at = 0;
    for (const part of nameMarks(name, word)) {
      const start = at;
      at += part.text.length;
      if (!part.marked) continue;
      // The whole word of the name around the part (words are split on whitespace).
      const from = name.slice(0, start).search(/\S*$/);
      const to = at + (name.slice(at).match(/^\S*/)?.[0].length ?? 0);
      out.push({ word, field: 'name', in: name.slice(from, to), matched: part.text, start, end: at });
    }
  }
  return out;
}

/** The word of the name with the matched part in brackets: "[Jor]dan", "Vasquez-[Holm]". */
export function bracketed(m: MatchedWord, name: string): string {
  const from = name.slice(0, m.start).search(/\S*$/);
  return `${m.in.slice(0, m.start - from)}[${m.matched}]${m.in.slice(m.end - from)}`;
}
