import { z } from 'zod';
import { SEGMENTS, segmentSchema, serviceLevelSchema, type Segment, type ServiceLevel } from './domain';
import { countryOf, DEFAULT_COUNTRY, emailCountry, parsePhone, phoneRefusal, type Country, type PhoneAdvice } from './phone';
import { foldName, toAsciiDigits } from './persianInput';
import { parseServiceTag } from './serviceTag';
import { say, segmentPhrase } from './messageKeys';

// The rules a customer record must meet, in one place so the desk's forms, its back end,
// the hub and the importers judge a record alike. Drafts carry exactly what a person typed
// (strings); validation turns a draft into clean fields or into one message per field that
// says what to fix, and never changes the draft, so a rejected form keeps what was typed.

export const CUSTOMER_KINDS = ['person', 'organisation'] as const;
export const customerKindSchema = z.enum(CUSTOMER_KINDS);
export type CustomerKind = z.infer<typeof customerKindSchema>;

export const WARRANTY_LEVELS = ['Basic', 'Basic Onsite', 'Premium Support', 'ProSupport', 'ProSupport Plus'] as const;
export const warrantyLevelSchema = z.enum(WARRANTY_LEVELS);

/** One field's problem: `field` names the draft's key. */
export interface FieldIssue {
  field: string;
  message: string;
}
export type Checked<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

const text = (max: number) => z.string().max(max, say('keepUnder', { count: max }));

export const customerDraftSchema = z.object({
  kind: customerKindSchema,
  name: text(200),
  segment: segmentSchema,
  serviceLevel: serviceLevelSchema,
  email: text(254).default(''),
  phone: text(40).default(''),
  /** ISO 3166 code; empty means the desk's country. */
  country: text(2).default(''),
  locale: text(35).default('en-US'),
});
export type CustomerDraft = z.input<typeof customerDraftSchema>;

export const contactDraftSchema = z.object({
  name: text(200),
  role: text(100).default(''),
  email: text(254).default(''),
  phone: text(40).default(''),
});
export type ContactDraft = z.input<typeof contactDraftSchema>;

export const assetDraftSchema = z.object({
  serviceTag: text(20),
  productLine: text(100),
  model: text(100),
  /** YYYY-MM-DD */
  shipDate: text(10),
  warrantyLevel: text(40),
  /** YYYY-MM-DD */
  warrantyEnd: text(10),
});
export type AssetDraft = z.input<typeof assetDraftSchema>;

export interface CustomerFields {
  kind: CustomerKind;
  name: string;
  segment: Segment;
  serviceLevel: ServiceLevel;
  email: string | null;
  phone: string | null;
  /** Null when none was given: the record has no country of its own (its numbers are read in the desk's). */
  country: Country | null;
  locale: string;
}
export interface ContactFields {
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
}
export interface AssetFields {
  serviceTag: string;
  productLine: string;
  model: string;
  shipDate: number;
  warrantyLevel: string;
  warrantyEnd: number;
}

/**
 * What each segment must have. Schools, agencies and large companies are organisations
 * with a switchboard and a mailbox the desk can reach; a home or small-business caller
 * needs at least one way to be called back.
 */
export const SEGMENT_RULES: Readonly<Record<Segment, { kinds: readonly CustomerKind[]; required: readonly ('email' | 'phone')[]; oneOf: boolean }>> = {
  education: { kinds: ['organisation'], required: ['email', 'phone'], oneOf: false },
  government: { kinds: ['organisation'], required: ['email', 'phone'], oneOf: false },
  large_enterprise: { kinds: ['organisation'], required: ['email', 'phone'], oneOf: false },
  small_business: { kinds: ['person', 'organisation'], required: ['email', 'phone'], oneOf: true },
  home: { kinds: ['person'], required: ['email', 'phone'], oneOf: true },
};
export const SEGMENT_LIST = SEGMENTS;

/** Lower-case, accents removed, spaces collapsed: how names are indexed, searched and compared. */
/** How names are indexed and searched: the lookup's own folding (Persian spellings unified). */
export function nameKey(name: string): string {
  return foldName(name);
}

const emailShape = z.email();
export type EmailParse = { ok: true; email: string } | { ok: false; message: string };

export function parseEmail(input: string): EmailParse {
  const email = input.trim().toLowerCase();
  if (!email) return { ok: false, message: say('emailMissing') };
  if (!email.includes('@')) return { ok: false, message: say('emailNoAt', { example: 'ann@example.com' }) };
  if (!emailShape.safeParse(email).success) return { ok: false, message: say('emailDomain', { example: 'example.com' }) };
  return { ok: true, email };
}

const DAY_MS = 86_400_000;
export type DateParse = { ok: true; at: number } | { ok: false; message: string };

/**
 * A calendar date as YYYY-MM-DD, read as midnight UTC. Persian and Arabic-Indic digits are
 * read as their ASCII ones (as phones and service tags are): "۲۰۲۴-۰۱-۱۵" was refused with
 * "write the date as YYYY-MM-DD", and its imported row lost with it.
 */
export function parseDate(typed: string): DateParse {
  const input = toAsciiDigits(typed);
  if (!input.trim()) return { ok: false, message: say('dateMissing') };
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.trim());
  if (!m) return { ok: false, message: say('dateShape', { format: 'YYYY-MM-DD', example: '2024-03-31' }) };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = Date.UTC(y, mo - 1, d);
  const back = new Date(at);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return { ok: false, message: say('dateNotOnCalendar', { date: typed.trim() }) };
  if (y < 1980) return { ok: false, message: say('dateTooEarly') };
  return { ok: true, at };
}

export const formatDate = (at: number): string => new Date(at).toISOString().slice(0, 10);

function canonicalLocale(input: string): string | null {
  try {
    return Intl.getCanonicalLocales(input.trim())[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * `requireContact: false` is for imports: each field that is there must be valid, but a
 * record the old desk kept without a phone or email comes in (data quality flags it)
 * rather than being turned away.
 */
export function validateCustomer(
  draft: CustomerDraft,
  deskCountry: Country = DEFAULT_COUNTRY,
  options: {
    requireContact?: boolean;
    /** Where the desk's customers of this segment are (asked only for a refused phone): tried after what the record says. */
    segmentCountries?: (segment: Segment) => readonly Country[];
    /** How a number real elsewhere is to be fixed: on the form (the default) or in an import's file. */
    phoneAdvice?: PhoneAdvice;
  } = {},
): Checked<CustomerFields> {
  const d = customerDraftSchema.parse(draft);
  const issues: FieldIssue[] = [];
  const rules = SEGMENT_RULES[d.segment];
  const name = d.name.trim().replace(/\s+/g, ' ');
  if (name.length < 2) issues.push({ field: 'name', message: say(d.kind === 'person' ? 'personName' : 'organisationName') });
  if (!rules.kinds.includes(d.kind)) {
    issues.push({ field: 'kind', message: say(rules.kinds.includes('person') ? 'segmentPeople' : 'segmentOrganisations', { segment: segmentPhrase(d.segment) }) });
  }
  // An empty country stays empty: it was saved as the desk's, as if chosen, so saving a
  // record that had none recorded "Country: – → US". A number typed without a country code
  // is still read in the desk's country.
  let country: Country | null = null;
  if (d.country.trim()) {
    const c = countryOf(d.country);
    if (c) country = c;
    else issues.push({ field: 'country', message: say('countryCode', { examples: 'US, GB, IR' }) });
  }
  let email: string | null = null;
  if (d.email.trim()) {
    const e = parseEmail(d.email);
    if (e.ok) email = e.email;
    else issues.push({ field: 'email', message: e.message });
  }
  let phone: string | null = null;
  if (d.phone.trim()) {
    const p = parsePhone(d.phone, country ?? deskCountry);
    if (p.ok) phone = p.e164;
    // Real in the country of the record's language (fa-IR: Iran), of its email (.ir), or of its
    // segment's customers, else in one likely country only: said so, with the field that reads it.
    else {
      const likely = [countryOf(d.locale.split('-')[1]), emailCountry(d.email), ...(options.segmentCountries?.(d.segment) ?? [])];
      issues.push({ field: 'phone', message: phoneRefusal(d.phone, country ?? deskCountry, p.message, likely, options.phoneAdvice) });
    }
  }
  const given = { email: d.email.trim() !== '', phone: d.phone.trim() !== '' };
  if (options.requireContact === false) {
    // an import: presence is data quality's concern
  } else if (rules.oneOf) {
    if (!given.email && !given.phone) issues.push({ field: 'phone', message: say('phoneOrEmail') });
  } else {
    for (const f of rules.required) {
      if (!given[f]) issues.push({ field: f, message: say(f === 'email' ? 'segmentNeedsEmail' : 'segmentNeedsPhone', { segment: segmentPhrase(d.segment) }) });
    }
  }
  const locale = canonicalLocale(d.locale || 'en-US');
  if (!locale) issues.push({ field: 'locale', message: say('localeTag', { examples: 'en-US, fr-FR, fa-IR' }) });
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { kind: d.kind, name, segment: d.segment, serviceLevel: d.serviceLevel, email, phone, country, locale: locale! } };
}

/**
 * A new record's fields (registered here or imported): one left without a country is given the
 * desk's, so its numbers mean the same on a desk of another country. An edit keeps an empty
 * country empty (validateCustomer leaves it null).
 */
export function newRecordFields(fields: CustomerFields, deskCountry: Country): CustomerFields {
  return fields.country ? fields : { ...fields, country: deskCountry };
}

/**
 * `requireContact: false` is for imports, as for a customer: a person of an organisation the old
 * desk kept with a name only (a Zendesk user without email or phone) comes in, listed on the
 * organisation's record, instead of being turned away while their tickets reach it.
 */
export function validateContact(draft: ContactDraft, country: Country = DEFAULT_COUNTRY, options: { requireContact?: boolean } = {}): Checked<ContactFields> {
  const d = contactDraftSchema.parse(draft);
  const issues: FieldIssue[] = [];
  const name = d.name.trim().replace(/\s+/g, ' ');
  if (name.length < 2) issues.push({ field: 'name', message: say('contactName') });
  let email: string | null = null;
  if (d.email.trim()) {
    const e = parseEmail(d.email);
    if (e.ok) email = e.email;
    else issues.push({ field: 'email', message: e.message });
  }
  let phone: string | null = null;
  if (d.phone.trim()) {
    const p = parsePhone(d.phone, country);
    if (p.ok) phone = p.e164;
    else issues.push({ field: 'phone', message: p.message });
  }
  if (options.requireContact !== false && !d.email.trim() && !d.phone.trim()) issues.push({ field: 'phone', message: say('contactPhoneOrEmail') });
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { name, role: d.role.trim() || null, email, phone } };
}

export function validateAsset(draft: AssetDraft, now: number): Checked<AssetFields> {
  const d = assetDraftSchema.parse(draft);
  const issues: FieldIssue[] = [];
  const tag = parseServiceTag(d.serviceTag);
  if (!tag.ok) issues.push({ field: 'serviceTag', message: tag.message });
  if (!d.productLine.trim()) issues.push({ field: 'productLine', message: say('productLineMissing', { example: 'Latitude' }) });
  if (!d.model.trim()) issues.push({ field: 'model', message: say('modelMissing', { example: 'Latitude 5440' }) });
  const ship = parseDate(d.shipDate);
  if (!ship.ok) issues.push({ field: 'shipDate', message: ship.message });
  else if (ship.at > now + DAY_MS) issues.push({ field: 'shipDate', message: say('shipDateFuture') });
  if (!warrantyLevelSchema.safeParse(d.warrantyLevel).success) issues.push({ field: 'warrantyLevel', message: say('warrantyChoice', { levels: WARRANTY_LEVELS.join(', ') }) });
  const end = parseDate(d.warrantyEnd);
  if (!end.ok) issues.push({ field: 'warrantyEnd', message: end.message });
  else if (ship.ok && end.at < ship.at) issues.push({ field: 'warrantyEnd', message: say('warrantyBeforeShip') });
  if (issues.length || !tag.ok || !ship.ok || !end.ok) return { ok: false, issues };
  return {
    ok: true,
    value: { serviceTag: tag.tag, productLine: d.productLine.trim(), model: d.model.trim(), shipDate: ship.at, warrantyLevel: d.warrantyLevel, warrantyEnd: end.at },
  };
}

/** What a record holds that a merge moves or keeps (a CustomerRecord is one): the one with more is the established record. */
export interface MergeHolding {
  customer: { createdAt: number };
  assets: readonly unknown[];
  holds: { contacts: number; openTickets: number; closedTickets: number };
}

const historyOf = (r: MergeHolding): number => r.assets.length + r.holds.contacts + r.holds.openTickets + r.holds.closedTickets;

/**
 * Whether, of two duplicates, the one asked to be merged in (`merged`) is the one to keep by
 * default: the record with more history (systems, contacts, open and closed tickets) is kept;
 * with as much, the older one; with the same, the order asked for. The merge screen opens
 * with this record kept, and the desk refuses a merge that keeps the other unless the caller
 * says it means to (customers.merge's keepLessHistory): a new, empty duplicate kept absorbed
 * the established record, whose id was then deleted.
 */
export function keepOtherByDefault(survivor: MergeHolding, merged: MergeHolding): boolean {
  const a = historyOf(survivor);
  const b = historyOf(merged);
  if (a !== b) return b > a;
  return merged.customer.createdAt < survivor.customer.createdAt;
}
