import { PRIORITIES, SEGMENTS, type Channel, type Priority, type Segment } from '../shared/domain';
import { messageDetail } from '../shared/messageKeys';
import { TICKET_STATES, type TicketState } from '../shared/ticketMachine';
import { currentLanguage, currentLocale, formatIsoDate, t, type MessageKey, type Vars } from './i18n';
import { en } from './i18n/en';
import { countryName, interactionText, priorityLabel, segmentLabel, stateLabel, tierInText } from './labels';
import { CUSTOMER_FIELD_LABEL } from './customer/fieldLabels';

// The desk's and the hub's English sentences in the reader's language: the values a keyed
// sentence carries (backend.ts translates the desk's errors with them), and a sentence that
// came as text only (a sync conflict's reason) read back through src/shared/messageKeys.ts.

export interface Problem {
  code: string;
  message: string;
  issues: { path: string; message: string }[];
  /** The desk's key for the message, when it said one (src/shared/messageKeys.ts). */
  key?: string;
  /** What the desk said (its English sentence and the values it carries), to say it anew in another language (problemNow). */
  said?: { message: string; params?: Vars };
}

/**
 * The desk's errors in the reader's language: English keeps the desk's own message; another
 * language says a known key (`apiError.<key>`) exactly, otherwise the code's general
 * sentence. A field's message is the shared rules' English sentence: another language says
 * it in its own words when it is a keyed one (src/shared/messageKeys.ts), and a plain "check
 * this value" for anything else (zod's own wording).
 */
export function translatedProblem(code: string, message: string, issues: Problem['issues'], key: string | null, params: Vars | undefined): Problem {
  const english = currentLanguage() === 'en';
  const known = (k: string): k is MessageKey => Object.hasOwn(en, k);
  const keyed = key ? `apiError.${key}` : null;
  const codeKey = `apiError.${code}`;
  const text = english ? message : keyed && known(keyed) ? t(keyed, params && labelled(params)) : known(codeKey) ? t(codeKey) : message;
  const shownIssues = english ? issues : issues.map((i) => ({ path: i.path, message: sayFieldMessage(i.message) }));
  return { code, message: text, issues: shownIssues, ...(key ? { key } : {}), said: params ? { message, params } : { message } };
}

/**
 * A problem kept on the screen (the sign-in screen's refusal), in the language of the moment:
 * its message said anew from what the desk said; its issues as they were.
 */
export function problemNow(problem: Problem): Problem {
  const said = problem.said;
  return said ? { ...problem, message: translatedProblem(problem.code, said.message, [], problem.key ?? null, said.params).message } : problem;
}

/**
 * A sentence the desk or the hub said in English (a sync conflict's reason), in the reader's
 * language when it is one the dictionaries know (src/shared/messageKeys.ts); otherwise as said.
 */
export function sayMessage(message: string): string {
  return currentLanguage() === 'en' ? message : (keyedSentence(message) ?? message);
}

/** The keyed sentences the desk writes into the contact history (not refusals). */
const HISTORY_KEYS = new Set(['transferOpenTicket']);

/**
 * A line of the 360° contact history in the reader's words: what a ticket's event left there
 * (labels.ts's interactionText), or a note the desk wrote as a keyed sentence (an open
 * ticket told that its system changed hands); any other line as it was written. `channel`:
 * the interaction's, which says the customer's contact ("Customer called about T-000123").
 */
export function historyLine(summary: string, channel?: Channel | null): string {
  const text = interactionText(summary, channel);
  if (text !== summary || currentLanguage() === 'en') return text;
  const key = messageDetail(summary)?.key;
  return key !== undefined && HISTORY_KEYS.has(key) ? (keyedSentence(summary) ?? summary) : summary;
}

/**
 * What to fix under a field, from the shared rules' English sentence (customerRules.ts), in a
 * language other than English: its own words when the sentence is a keyed one, else a plain
 * "check this value" (zod's own wording has no translation).
 */
export function sayFieldMessage(message: string): string {
  return keyedSentence(message) ?? t('apiError.fieldInvalid');
}

/** A keyed English sentence in the reader's words, or null when it is not one of them. */
function keyedSentence(message: string): string | null {
  const detail = messageDetail(message);
  const key = detail ? `apiError.${detail.key}` : null;
  return key && Object.hasOwn(en, key) ? t(key as MessageKey, detail?.params && labelled(detail.params)) : null;
}

/** A sentence's values as the reader says them: a segment, a priority, an SLA target, a ticket's state or an action by its name in this language. */
export function labelled(params: Vars): Vars {
  const out: Vars = { ...params };
  const { segment, state, priority, target } = params;
  if (typeof segment === 'string' && (SEGMENTS as readonly string[]).includes(segment)) out.segment = segmentLabel(segment as Segment);
  if (typeof priority === 'string' && (PRIORITIES as readonly string[]).includes(priority)) out.priority = priorityLabel(priority as Priority);
  // An SLA target (firstResponse) as the reader's dictionary names it.
  if (typeof target === 'string' && `slaTarget.${target}` in en) out.target = t(`slaTarget.${target}` as MessageKey);
  // A date the sentence wrote as YYYY-MM-DD, as every other date on the page (Solar Hijri in Persian).
  if (typeof params['since'] === 'string') out['since'] = formatIsoDate(params['since']);
  if (typeof params['on'] === 'string') out['on'] = formatIsoDate(params['on']);
  // How a system changed hands (sold), in the reader's words.
  const how = params['how'];
  if (typeof how === 'string' && `transfer.how.${how}` in en) out['how'] = t(`transfer.how.${how}` as MessageKey);
  // A tier (1, 2, 3) in words, as the rest of the window names it («سطح دو», not «سطح ۲»).
  for (const name of ['tier', 'ticketTier', 'yourTier'] as const) {
    const tier = params[name];
    if (tier === 1 || tier === 2 || tier === 3) out[name] = tierInText(tier);
  }
  if (typeof state === 'string' && (TICKET_STATES as readonly string[]).includes(state)) out.state = stateLabel(state as TicketState);
  // The country a phone number was read for (US, IR) by its name in the reader's language:
  // a Persian sentence said "برای US".
  const country = params['country'];
  if (typeof country === 'string' && /^[A-Z]{2}$/.test(country)) out['country'] = countryName(country);
  // A calendar's weekday (0 = Sunday) by its name in the reader's language.
  if (typeof params['day'] === 'number') out['day'] = new Intl.DateTimeFormat(currentLocale(), { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2023, 0, 1 + params['day']));
  // A customer's fields by their API names (name,email), as the record's form labels them.
  const fields = params['fields'];
  if (typeof fields === 'string') {
    const labels = fields.split(',').map((f) => (Object.hasOwn(CUSTOMER_FIELD_LABEL, f) ? t(CUSTOMER_FIELD_LABEL[f as keyof typeof CUSTOMER_FIELD_LABEL]) : f));
    out['fields'] = labels.join(t('list.separator'));
  }
  // An action, or an event's type (ESCALATE), is said as its action's name.
  for (const name of ['action', 'event', 'decided'] as const) {
    const code = params[name];
    if (typeof code === 'string' && `action.${code}` in en) out[name] = t(`action.${code}` as MessageKey);
  }
  return out;
}

