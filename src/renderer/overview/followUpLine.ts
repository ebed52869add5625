import { isolated } from '../i18n';

// The line under a low score to follow up: the customer's comment, the segment, the date. Each
// is a piece of its own (FSI … PDI): in Persian an English comment followed by " · segment ·
// date" pulled the separators and the segment into its left-to-right run, and the three read
// out of order; in English a Persian comment did the same the other way round.

/** The comment (a dash when there is none), the segment and the date, each isolated, joined by " · ". */
export function followUpLine(comment: string, segment: string, date: string): string {
  return [comment.trim() || '—', segment, date].map(isolated).join(' · ');
}
