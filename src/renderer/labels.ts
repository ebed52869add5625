import { LOOKUP_TRIED, type Candidate, type TimelineEntry } from '../shared/api';
import type { Quality } from '../shared/customerApi';
import { importSourceOf, SEGMENTS, type Channel, type EscalationReason, type Priority, type ResolutionCode, type Role, type Segment, type ServiceLevel, type Tier, type User } from '../shared/domain';
import { readInteractionLine } from '../shared/interactionText';
import { formatPhone } from '../shared/phone';
import { triedPhrases } from '../shared/lookupTried';
import { EXAMPLE_SERVICE_TAG } from '../shared/serviceTag';
import type { SlaTargetName, TicketState } from '../shared/ticketMachine';
import { currentLanguage, currentLocale, localiseDigits, t, type MessageKey } from './i18n';
import { en } from './i18n/en';

// Human words for the domain's codes. Each goes through the dictionary, so "small_business"
// is "Small business" in English and whatever the translator says elsewhere.

export const segmentLabel = (s: Segment): string => t(`segment.${s}`);
export const serviceLevelLabel = (l: ServiceLevel): string => t(`serviceLevel.${l}`);
export const priorityLabel = (p: Priority): string => t(`priority.${p}`);
export const tierLabel = (tier: Tier): string => t(`tier.${tier}`);
/** A tier inside a sentence: "tier 2" in English ("Tier 2" is a label's), «سطح دو» in Persian as everywhere. */
export const tierInText = (tier: Tier): string => t(`tierInText.${tier}`);
export const stateLabel = (s: TicketState): string => t(`state.${s}`);
export const roleLabel = (r: Role): string => t(`role.${r}`);
export const channelLabel = (c: Channel): string => t(`channel.${c}`);
export const reasonLabel = (r: EscalationReason): string => t(`reason.${r}`);
export const resolutionLabel = (c: ResolutionCode): string => t(`resolution.${c}`);
export const matchLabel = (m: Candidate['matchedBy']): string => t(`matchedBy.${m}`);
/** What a lookup candidate matched, in the reader's words: the desk's values in this language's sentence. */
export const candidateDetail = (c: Candidate): string => {
  // A tag found only with O read as 0 or I as 1 says what was typed, for the agent to check with the caller.
  if (c.matchedBy === 'tag' && c.params?.typed) return t('candidates.detail.tagLookalike', c.params);
  // An Express code found only one digit (or one swap) away: what was typed and the code it is near, in the reader's digits.
  if (c.matchedBy === 'express' && c.params?.typed && c.params.code) {
    const digits = { ...c.params, typed: localiseDigits(c.params.typed), code: localiseDigits(c.params.code) };
    return t(c.params.swapped === 'yes' ? 'candidates.detail.expressSwapped' : 'candidates.detail.expressLookalike', digits);
  }
  if (!c.params || c.matchedBy === 'name') return c.detail;
  return t(`candidates.detail.${c.matchedBy}`, c.matchedBy === 'phone' && c.params.phone ? { ...c.params, phone: formatPhone(c.params.phone) } : c.params);
};
/**
 * What matched, for a list that shows each candidate's phone and email beside it: nothing
 * more for a name (the detail of a name match is only its phone and email).
 */
export const matchedWhat = (c: Candidate): string => (c.matchedBy === 'name' ? '' : candidateDetail(c));
export const slaTargetLabel = (target: SlaTargetName): string => t(`slaTarget.${target}`);
/** A language tag (fa-IR) as the reader's language names it (Persian (Iran), فارسی (ایران)); the tag where the runtime knows no name. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(currentLocale(), { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
/** A region code (IR) as the reader's language names it (Iran, ایران); the code where the runtime knows no name. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(currentLocale(), { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
export const directionLabel = (d: 'inbound' | 'outbound' | 'internal'): string => t(`interaction.${d}`);

/**
 * A line of the contact history in the reader's words: what a ticket's event left there
 * (stored in English, src/shared/interactionText.ts) is said again in this language; any
 * other line (a call logged by hand, an imported comment) is shown as it was written.
 * `channel`: the interaction's (a reply's is its ticket's), so the customer's contact is said as
 * the ticket's button says it (customerContactVerb).
 */
export function interactionText(summary: string, channel?: Channel | null): string {
  const i = readInteractionLine(summary);
  if (!i) return summary;
  let line: string;
  switch (i.kind) {
    case 'replied': {
      // In the words of the channel it came by (stored as "Customer replied"): "Customer called" on a phone ticket.
      const verb = customerContactVerb(channel);
      line = t(verb ? `interaction.line.replied.${verb}` : 'interaction.line.replied', { number: i.number });
      break;
    }
    case 'opened':
      return t('interaction.line.opened', { number: i.number, subject: i.subject });
    case 'resolved':
      line = t('interaction.line.resolved', { number: i.number, code: resolutionLabel(i.code) });
      break;
    case 'escalated':
      if (i.tier !== 1 && i.tier !== 2 && i.tier !== 3) return summary;
      line = t('interaction.line.escalated', { number: i.number, tier: tierLabel(i.tier), reason: reasonLabel(i.reason) });
      break;
    default:
      line = t(`interaction.line.${i.kind}`, { number: i.number });
  }
  return i.note ? t('interaction.line.withNote', { line, note: i.note }) : line;
}

/** "Tier 2 · Education, Government" or "Tier 1 · all segments". */
export function userMeta(user: User, allSegments: number): string {
  const segments =
    user.segments.length >= allSegments ? t('user.allSegments') : user.segments.map(segmentLabel).join(t('list.separator'));
  if (user.role === 'supervisor' || user.role === 'admin') return roleLabel(user.role);
  return t('user.meta', { tier: tierLabel(user.tier), segments });
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/**
 * How the customer gets back in touch on a ticket, by the channel it came in on: at a call
 * centre "she called again" is "Customer called", not "Customer replied"; by email or chat she
 * wrote. A note (or no channel known) keeps the neutral "replied". The event is CUSTOMER_REPLIED
 * whatever its label: its button, its dialog, its timeline entry, its notice and its line in the
 * contact history all say it this way.
 */
export function customerContactVerb(channel: Channel | null | undefined): 'called' | 'wrote' | null {
  if (channel === 'phone') return 'called';
  if (channel === 'email' || channel === 'chat' || channel === 'web') return 'wrote';
  return null;
}

/**
 * Known event types have their own wording; an unknown one (a newer back end) shows raw. The
 * customer's contact in the words of the ticket's `channel` ("Customer called" on a phone ticket).
 */
export function eventLabel(type: TimelineEntry['type'], channel?: Channel | null): string {
  const verb = type === 'CUSTOMER_REPLIED' ? customerContactVerb(channel) : null;
  if (verb) return t(`event.CUSTOMER_REPLIED.${verb}`);
  switch (type) {
    case 'CREATED':
    case 'TAKE':
    case 'ASSIGN':
    case 'ESCALATE':
    case 'DEESCALATE':
    case 'WAIT_ON_CUSTOMER':
    case 'CUSTOMER_REPLIED':
    case 'ADD_NOTE':
    case 'RESOLVE':
    case 'CLOSE':
    case 'REOPEN':
    case 'CHANGE_PRIORITY':
    case 'RETURN_TO_QUEUE':
    case 'SLA_WARNING':
    case 'SLA_BREACH':
      return t(`event.${type}`);
    default:
      return type;
  }
}

/**
 * An E.164 number as the caller's country writes it internationally (libphonenumber's
 * grouping): +15125550142 → +1 512 555 0142, +442079460958 → +44 20 7946 0958.
 */
export { formatPhone } from '../shared/phone';

export { productName } from '../shared/domain';

/**
 * A lookup's "nothing found" or "check what you typed", in the reader's language: English
 * keeps the desk's own sentence; another language says it from its dictionary, as fully (what a
 * service tag and an Express Service Code look like, with the desk's example tag).
 */
export function lookupMessage(result: { message: string; key?: string | undefined; params?: Record<string, string> | undefined }): string {
  // Nothing found: what the query was looked up as, each in the reader's words (the Persian
  // said only «(415) 555-0100» چیزی پیدا نشد; the English gave the phone as stored, +14155550100).
  const tried = result.key === 'nothingFound' && result.params ? triedList(result.params) : null;
  if (tried) return t('lookup.msg.nothingFoundTried', { tried });
  // Found, but served by another team: its name for the segment in the reader's words (the
  // Persian window showed the desk's English, "served by the home team").
  const segment = result.params?.segment;
  if (result.key === 'otherTeam' && result.params?.name && isSegment(segment)) return t('lookup.msg.otherTeam', { name: result.params.name, segment: segmentLabel(segment) });
  const segments = result.params?.segments?.split(',').filter(isSegment);
  if (result.key === 'otherTeams' && segments?.length) return t('lookup.msg.otherTeams', { query: result.params?.query ?? '', segments: new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(segments.map(segmentLabel)) });
  const key = result.key ? `lookup.msg.${result.key}` : null;
  if (currentLanguage() === 'en' || !key || !Object.hasOwn(en, key)) return result.message;
  return t(key as keyof typeof en, { example: EXAMPLE_SERVICE_TAG, ...result.params });
}

const isSegment = (s: string | undefined): s is Segment => (SEGMENTS as readonly string[]).includes(s ?? '');

type LookupAnswer = { kind: string; key?: string | undefined; params?: Record<string, string> | undefined };

const servedElsewhere = (result: LookupAnswer): boolean => result.key === 'otherTeam' || result.key === 'otherTeams';

/** A ticket number found nowhere, and nothing a caller is known by tried with it. */
const ticketOnly = (result: LookupAnswer): boolean => {
  const tried = LOOKUP_TRIED.filter((kind) => result.params?.[kind] !== undefined);
  return tried.length > 0 && tried.every((kind) => kind === 'ticket');
};

/**
 * Whether a lookup's answer is one the caller could be registered from: nothing found for a tag,
 * an Express Service Code, a phone, an email or a name; not a ticket number found nowhere
 * ("T-999999" offered "Register a new customer"), nor a customer served by another team.
 */
export const lookupMayRegister = (result: LookupAnswer): boolean => result.kind === 'none' && !servedElsewhere(result) && !ticketOnly(result);

/** The title over a lookup's message: what was typed to check, another team's customer, no such ticket, or no customer. */
export function lookupTitleKey(result: LookupAnswer): MessageKey {
  if (result.kind === 'invalid') return 'lookup.invalidTitle';
  if (servedElsewhere(result)) return 'lookup.otherTeamTitle';
  return ticketOnly(result) ? 'lookup.noTicketTitle' : 'lookup.noneTitle';
}

/** "service tag 7XK2QF0", "Express Service Code 4155550100 or phone +1 415 555 0100": what a lookup tried, or null when it does not say. */
function triedList(params: Record<string, string>): string | null {
  // A phone kept on one line: read back to the caller, not broken before its last group.
  const said = triedPhrases(params, (e164) => formatPhone(e164).replace(/ /g, '\u00a0')).map(({ key, vars }) => t(key, vars));
  return said.length === 0 ? null : new Intl.ListFormat(currentLanguage(), { type: 'disjunction' }).format(said);
}

/** A count's share of all, in whole percent; a count that is not none is never "0 %", nor one short of all "100 %". */
export function shareOfAll(value: number, total: number): string {
  const share = Math.round((100 * value) / total);
  if (value > 0 && share === 0) return t('data.shareUnder');
  if (value < total && share === 100) return t('data.shareAlmost');
  return t('data.share', { share });
}

/** A person's name as stored; an import's account ("Import from csv") in the reader's words. */
export function personName(name: string): string {
  const source = importSourceOf(name);
  return source ? t('people.importAccount', { source: t(`data.source.${source}`) }) : name;
}

const QUALITY_FIX_KEYS = {
  addEmail: 'quality.fix.addEmail',
  addPhone: 'quality.fix.addPhone',
  fixEmail: 'quality.fix.fixEmail',
  fixPhone: 'quality.fix.fixPhone',
  addContact: 'quality.fix.addContact',
  mergeDuplicate: 'quality.fix.mergeDuplicate',
  confirmDetails: 'quality.fix.confirmDetails',
} as const satisfies Record<Quality['fixes'][number], MessageKey>;

/** What would raise a record's data quality, as a step ("Add an email"). */
export const qualityFixLabel = (fix: Quality['fixes'][number]): string => t(QUALITY_FIX_KEYS[fix]);
