import { SEGMENTS, type Segment } from '../../shared/domain';
import { triedPhrases } from '../../shared/lookupTried';
import { formatPhone } from '../../shared/phone';
import { EXAMPLE_SERVICE_TAG } from '../../shared/serviceTag';
import { cliInLine, cliWord, isCliKey, type CliSay } from './messages';

// A lookup that found nothing, or was refused, said as the window says it (renderer/labels.ts
// lookupMessage) in the CLI's words: what the query was looked up as, with the values (a phone
// as the app writes it), or which team serves the customer found.

type Said = { message: string; key?: string | undefined; params?: Record<string, string | number> | undefined };

const isSegment = (s: string | number | undefined): s is Segment => (SEGMENTS as readonly string[]).includes(String(s ?? ''));

/** The desk's answer in the reader's language when its key is known, else the desk's own sentence. */
export function lookupLine(say: CliSay, result: Said): string {
  const { tr, language } = say;
  const params = result.params ?? {};
  const tried = result.key === 'nothingFound' ? triedList(say, params) : null;
  if (tried) return cliInLine(tr, 'lookup.msg.nothingFoundTried', 'tried', tried);
  const segment = params['segment'];
  if (result.key === 'otherTeam' && params['name'] !== undefined && isSegment(segment)) return tr('lookup.msg.otherTeam', { name: params['name'], segment: cliWord(tr, 'segment', segment) });
  const segments = String(params['segments'] ?? '').split(',').filter(isSegment);
  if (result.key === 'otherTeams' && segments.length > 0) {
    const named = new Intl.ListFormat(language, { type: 'conjunction' }).format(segments.map((s) => cliWord(tr, 'segment', s)));
    return tr('lookup.msg.otherTeams', { query: params['query'] ?? '', segments: named });
  }
  const key = `lookup.msg.${result.key ?? ''}`;
  if (result.key && isCliKey(key)) return tr(key, { example: EXAMPLE_SERVICE_TAG, ...params });
  return language === 'en' ? result.message : tr('error.deskRefused', { message: result.message });
}

/** "service tag 7XK2QF0", "Express Service Code 4155550100 or phone +1 415 555 0100": what a lookup tried, or null when it does not say. */
function triedList({ tr, language }: CliSay, params: Record<string, string | number>): string | null {
  const said = triedPhrases(params, formatPhone).map(({ key, vars }) => tr(key, vars));
  return said.length === 0 ? null : new Intl.ListFormat(language, { type: 'disjunction' }).format(said);
}
