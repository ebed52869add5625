import type { Channel, Priority, Segment, ServiceLevel } from './domain';
import { SEGMENTS, SERVICE_LEVELS } from './domain';
import { foldName } from './persianInput';
import { PERSIAN_SEGMENT_NAMES, PERSIAN_SERVICE_LEVEL_NAMES } from './persianWords';

// How another desk's records map onto ours, one table per source, so the importer, its
// tests and the README say the same thing.
//
// Status → what the imported ticket's event log does through the ticket machine:
//   open      created, left in its segment's tier-1 queue (tier 2 when tagged so, below)
//   pending   created, taken by the import user, waiting on the customer
//   solved    created, taken, resolved (code "fixed_remotely", note naming the source)
//   closed    as solved, then closed
// Group / tier: a ticket tagged tier2, tier_2, l2 or escalated (Zendesk tags, Freshdesk
// tags or group names containing "tier 2", "L2", "level 2" or "specialist") is escalated
// once ("needs_specialist_skill") and lands unassigned in the tier-2 queue.

export type ImportedStatus = 'open' | 'pending' | 'solved' | 'closed';

export const ZENDESK_STATUS: Readonly<Record<string, ImportedStatus>> = {
  new: 'open',
  open: 'open',
  hold: 'open',
  pending: 'pending',
  solved: 'solved',
  closed: 'closed',
};
export const ZENDESK_PRIORITY: Readonly<Record<string, Priority>> = { urgent: 'urgent', high: 'high', normal: 'normal', low: 'low' };
export const ZENDESK_CHANNEL: Readonly<Record<string, Channel>> = { email: 'email', web: 'web', chat: 'chat', voice: 'phone', phone: 'phone', api: 'web', mobile: 'web' };

/** Freshdesk's CSV export writes names; its API writes numbers (2 open … 5 closed). */
export const FRESHDESK_STATUS: Readonly<Record<string, ImportedStatus>> = {
  open: 'open',
  '2': 'open',
  pending: 'pending',
  '3': 'pending',
  'waiting on customer': 'pending',
  'waiting on third party': 'open',
  resolved: 'solved',
  '4': 'solved',
  closed: 'closed',
  '5': 'closed',
};
export const FRESHDESK_PRIORITY: Readonly<Record<string, Priority>> = { low: 'low', '1': 'low', medium: 'normal', '2': 'normal', high: 'high', '3': 'high', urgent: 'urgent', '4': 'urgent' };
export const FRESHDESK_CHANNEL: Readonly<Record<string, Channel>> = { email: 'email', '1': 'email', portal: 'web', '2': 'web', phone: 'phone', '3': 'phone', chat: 'chat', '7': 'chat', 'feedback widget': 'web', '9': 'web', 'outbound email': 'email', '10': 'email' };

const TIER2 = /\b(tier[ _-]?2|l2|level[ _-]?2|specialist|escalated)\b/i;
export const wantsTier2 = (...labels: (string | null | undefined)[]): boolean => labels.some((l) => !!l && TIER2.test(l));

/**
 * The segment a record names in a tag, a field or an organisation's group (education,
 * government, small business, large enterprise, home); null when it names none.
 */
export function segmentFrom(...labels: (string | null | undefined)[]): Segment | null {
  for (const raw of labels) {
    if (!raw) continue;
    const l = raw.toLowerCase().replace(/[\s-]+/g, '_');
    const hit =
      SEGMENTS.find((s) => l.includes(s)) ??
      (l.includes('enterprise') ? 'large_enterprise' : l.includes('smb') || l.includes('business') ? 'small_business' : l.includes('school') || l.includes('university') ? 'education' : null) ??
      persianIn(raw, PERSIAN_SEGMENT_NAMES);
    if (hit) return hit;
  }
  return null;
}

/** Persian as compared: folded (Arabic letters unified, half-spaces dropped) and without spaces, so «کسب و کار» is «کسب‌وکار». */
const persianKey = (text: string): string => foldName(text).replace(/\s+/g, '');

/**
 * The value whose Persian name (as the Persian window says it, persianWords.ts) the label holds:
 * «خانگی» is home, «ممتاز» premier. They were refused as segments the desk does not know.
 */
function persianIn<K extends string>(label: string, names: Readonly<Record<K, string>>): K | null {
  const l = persianKey(label);
  if (!l) return null;
  return (Object.keys(names) as K[]).find((k) => l.includes(persianKey(names[k]))) ?? null;
}

/** A service level a field names on its own: its English name (any case) or its Persian one; null for any other. */
export function serviceLevelNamed(field: string): ServiceLevel | null {
  const value = field.trim();
  if (!value) return null;
  return SERVICE_LEVELS.find((l) => l === value.toLowerCase()) ?? (persianKey(value) ? ((Object.keys(PERSIAN_SERVICE_LEVEL_NAMES) as ServiceLevel[]).find((l) => persianKey(PERSIAN_SERVICE_LEVEL_NAMES[l]) === persianKey(value)) ?? null) : null);
}

/** The first service level the labels name in them (a tag "premier-accounts", a field «سطح ممتاز»), in English or Persian. */
export function serviceLevelFrom(...labels: string[]): ServiceLevel | null {
  for (const raw of labels) {
    const hit = SERVICE_LEVELS.find((l) => raw.toLowerCase().includes(l)) ?? persianIn(raw, PERSIAN_SERVICE_LEVEL_NAMES);
    if (hit) return hit;
  }
  return null;
}

/** Text of an HTML body: tags dropped, entities for the usual characters decoded, spaces collapsed. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/**
 * A time as the sources write it: ISO 8601 with a zone (Zendesk: 2024-03-05T14:22:10Z),
 * or "2024-03-05 14:22:10 +0530" / "2024-03-05 14:22:10" (Freshdesk CSV; without a zone it
 * is read as UTC). Null when it is not a time.
 */
export function parseSourceTime(input: string | null | undefined): number | null {
  if (!input) return null;
  const s = input.trim();
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return null;
  const zone = m[3] ? (m[3] === 'Z' ? 'Z' : m[3].length === 5 ? `${m[3].slice(0, 3)}:${m[3].slice(3)}` : m[3]) : 'Z';
  const at = Date.parse(`${m[1]}T${m[2]}${zone}`);
  return Number.isNaN(at) ? null : at;
}
