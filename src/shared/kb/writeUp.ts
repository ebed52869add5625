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
 * A resolved ticket as an article's Markdown: the problem, what was tried (every note on the way
 * up and down the tiers), and the resolution. The desk writes it in English; a window writes it
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
