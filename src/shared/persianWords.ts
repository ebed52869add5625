import type { MATCH_KINDS } from './api';
import type { Priority, Segment, ServiceLevel, Tier } from './domain';
import type { TicketState } from './ticketMachine';

// The Persian names of the desk's own values (segments, service levels, priorities, ticket
// states, what a lookup matched by), as the window (renderer/i18n/fa.ts) and the CLI
// (cli/messages.ts) both say them: written here once and spread into both dictionaries under
// each one's keys. Their English differs on purpose (the window's "Open at tier 1", the CLI's
// machine name "tier1.open" that scripts read), so each English dictionary keeps its own.

const SEGMENT: Record<Segment, string> = {
  education: 'آموزشی',
  government: 'دولتی',
  small_business: 'کسب‌وکار کوچک',
  large_enterprise: 'سازمان بزرگ',
  home: 'خانگی',
};

const SERVICE_LEVEL: Record<ServiceLevel, string> = { premier: 'ممتاز', standard: 'استاندارد', basic: 'پایه' };

// A tier in words, wherever a tier is named: the queues, a ticket, the board and its drawer, a
// refusal ("سطح ۲" in the drawer beside "سطح دو" in its rows, before).
const TIER: Record<`${Tier}`, string> = { 1: 'سطح یک', 2: 'سطح دو', 3: 'سطح سه' };

const PRIORITY: Record<Priority, string> = { urgent: 'فوری', high: 'بالا', normal: 'عادی', low: 'پایین' };

const STATE: Record<TicketState, string> = {
  new: 'تازه',
  'tier1.open': 'باز در سطح یک',
  'tier1.pending': 'در انتظار مشتری',
  'tier2.waiting': 'در انتظار متخصص سطح دو',
  'tier2.inProgress': 'در دست بررسی در سطح دو',
  'tier2.pending': 'در انتظار مشتری (سطح دو)',
  'tier3.waiting': 'در انتظار متخصص سطح سه',
  'tier3.inProgress': 'در دست بررسی در سطح سه',
  'tier3.pending': 'در انتظار مشتری (سطح سه)',
  resolved: 'حل‌شده',
  closed: 'بسته',
};

const MATCHED_BY: Record<(typeof MATCH_KINDS)[number], string> = {
  tag: 'برچسب سرویس',
  express: 'کد سرویس سریع',
  phone: 'تلفن',
  email: 'ایمیل',
  name: 'نام',
  ticket: 'شمارهٔ تیکت',
};

/** The Persian names of the segments and service levels, read back by imports (importMapping.ts). */
export const PERSIAN_SEGMENT_NAMES: Readonly<Record<Segment, string>> = SEGMENT;
export const PERSIAN_SERVICE_LEVEL_NAMES: Readonly<Record<ServiceLevel, string>> = SERVICE_LEVEL;
/** The tiers' Persian names, for a sentence that names a tier it does not carry as a value. */
export const PERSIAN_TIER_NAMES: Readonly<Record<`${Tier}`, string>> = TIER;

/** `{ a: x }` under `prefix` as a dictionary's entries: `{ 'prefix.a': x }`. */
function keyed<P extends string, K extends string>(prefix: P, words: Readonly<Record<K, string>>): Record<`${P}.${K}`, string> {
  return Object.fromEntries(Object.entries(words).map(([k, v]) => [`${prefix}.${k}`, v])) as Record<`${P}.${K}`, string>;
}

/** Each set of names, under the keys a dictionary gives it (the window says `serviceLevel.`, the CLI `level.`). */
export const persianWords = {
  segment: keyed('segment', SEGMENT),
  serviceLevel: <P extends string>(prefix: P) => keyed(prefix, SERVICE_LEVEL),
  /** The tiers, under the keys a dictionary gives them (the window's `tier.` labels and `tierInText.` in a sentence). */
  tier: <P extends string>(prefix: P) => keyed(prefix, TIER),
  priority: keyed('priority', PRIORITY),
  state: keyed('state', STATE),
  matchedBy: keyed('matchedBy', MATCHED_BY),
};
