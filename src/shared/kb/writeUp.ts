import type { ResolutionCode } from '../domain';
import type { TicketWriteUp } from './schemas';

/** The words around a write-up's parts, in one language. */
export interface WriteUpWords {
  problem: string;
  tried: string;
  resolution: string;
  code: (code: ResolutionCode) => string;
  from: (number: string) => string;
}

/**
 * The notes a ticket's events carry that record work on the fault: notes added while working
 * it, and what was asked of the customer and what they answered. Left out: escalation notes
 * and hand-back instructions ("Ava: call the customer…"), which are messages between
 * colleagues about this one ticket and customer, not steps the next reader of the article
 * can take; and reopen notes and the resolution (which has its own heading).
 */
const TRIED = new Set(['ADD_NOTE', 'WAIT_ON_CUSTOMER', 'CUSTOMER_REPLIED']);

/** "What was tried" from a ticket's events in order: the work notes, each as written. */
export function triedNotes(events: readonly { type: string; note?: string | undefined }[]): string[] {
  return events.filter((e) => TRIED.has(e.type) && e.note?.trim()).map((e) => e.note!);
}

/**
 * A resolved ticket as an article's Markdown: the problem, what was tried (the work notes:
 * triedNotes), and the resolution. The desk writes it in English; a window writes it
 * again with its person's words.
 */
export function writeUpBody(w: TicketWriteUp, words: WriteUpWords): string {
  const resolution = [w.code ? words.code(w.code) : '', w.note ?? ''].filter(Boolean).join(': ');
  return [
    `## ${words.problem}`,
    w.problem,
    ...(w.tried.length > 0 ? ['', `## ${words.tried}`, ...w.tried.map((n) => `- ${n}`)] : []),
    '',
    `## ${words.resolution}`,
    resolution,
    '',
    `_${words.from(w.number)}_`,
  ].join('\n');
}
