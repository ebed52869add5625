import { nameKey } from '../../shared/customerRules';
import { keyWords, nameWordKeys } from '../../shared/nameWords';
import { t, tc } from '../i18n';

// Finding a past ticket on the 360° view by the caller's words ("the boot problem, last
// spring"): each typed word is the start of a word of the ticket's subject, its system's
// service tag or its number, in any order, as the lookup finds a name by its words (case,
// accents, Persian and Arabic letter forms and digits folded alike). "wifi" finds "Wi-Fi".

interface Findable {
  subject: string;
  number: string;
  serviceTag: string | null;
}

function wordsOf(row: Findable): string[] {
  const words = nameWordKeys(`${row.subject} ${row.serviceTag ?? ''} ${row.number}`);
  for (const w of words.slice()) if (w.includes('-')) words.push(w.replaceAll('-', ''));
  return words;
}

/** The rows every word of `query` is found in (all of them for a query of no words). */
export function ticketsWithWords<T extends Findable>(rows: T[], query: string): T[] {
  const typed = keyWords(nameKey(query));
  if (typed.length === 0) return rows;
  return rows.filter((row) => {
    const words = wordsOf(row);
    return typed.every((q) => words.some((w) => w.startsWith(q)));
  });
}

/**
 * The past tickets' heading: the total ("Past tickets (3)"), or while the caller's words narrow
 * the list, how many of them it shows ("Past tickets (2 of 3)"): it kept the total alone.
 */
export function pastTicketsHeading(total: number, shown: number, query: string): string {
  return keyWords(nameKey(query)).length === 0 ? tc('customer.pastTickets', total) : t('customer.pastTicketsOf', { shown, total });
}
