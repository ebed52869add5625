import { z } from 'zod';
import { idSchema, segmentSchema, serviceLevelSchema, type Segment, type ServiceLevel } from './domain';
import { LOGGED_CHANNELS, LOGGED_DIRECTIONS, LOGGED_NOTES_MAX, recordEventSchema, transferKindSchema } from './customerEvents';
import { say } from './messageKeys';
import { countryOf, formatPhone } from './phone';
import { assetDraftSchema, contactDraftSchema, customerDraftSchema, customerKindSchema, type CustomerKind } from './customerRules';

// The customer-record part of the API contract (issue 12): create and edit customers,
// contacts and systems, find duplicates while typing, merge, transfer a system, read a
// record's history. Spread into `api` (src/shared/api.ts); it imports nothing from there.

const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output, public: false as boolean });

export const qualitySchema = z.object({
  /** 0..100, the mean of the four parts below. */
  score: z.number(),
  completeness: z.number(),
  validity: z.number(),
  /** 100 when no likely duplicate exists. */
  uniqueness: z.number(),
  /** 100 when confirmed within the last year, falling to 0 at three years. */
  freshness: z.number(),
  /** What to fix, most useful first (message keys' values are English for now). */
  fixes: z.array(z.enum(['addEmail', 'addPhone', 'fixEmail', 'fixPhone', 'addContact', 'mergeDuplicate', 'confirmDetails'])),
  /** The record is stale: ask the caller to confirm their details. */
  stale: z.boolean(),
});
export type Quality = z.infer<typeof qualitySchema>;

/** A customer as the 360° view heads it. */
export const customerSummarySchema = z.object({
  id: idSchema,
  kind: customerKindSchema,
  name: z.string(),
  segment: segmentSchema,
  serviceLevel: serviceLevelSchema,
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string(),
  createdAt: z.number(),
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

/** A customer as their record is edited: the summary and what an edit needs. */
export const recordCustomerSchema = customerSummarySchema.extend({
  /** The customer's own country; null for none (numbers typed without a country code are read in the desk's). */
  country: z.string().nullable(),
  updatedAt: z.number(),
  confirmedAt: z.number().nullable(),
  erasedAt: z.number().nullable(),
  /**
   * The last change to this record this desk holds (made here or come from the hub): it grows
   * with every change. An edit sends back the version it started from (customers.update).
   */
  version: z.number().int().nonnegative(),
});
export type RecordCustomer = z.infer<typeof recordCustomerSchema>;

/** A customer's details as a form holds them while they are typed: every field a string. */
export interface CustomerDraftState {
  kind: CustomerKind;
  name: string;
  segment: Segment;
  serviceLevel: ServiceLevel;
  email: string;
  phone: string;
  country: string;
  locale: string;
}

/** A record's details as the edit dialog starts from them (and the core's tests of an edit). */
export const customerDraftOf = (c: RecordCustomer): CustomerDraftState => ({
  kind: c.kind,
  name: c.name,
  segment: c.segment,
  serviceLevel: c.serviceLevel,
  email: c.email ?? '',
  // As the app shows phones ("+1 512 555 2896"), not as stored ("+15125552896"): the desk
  // reads it back to the same number, so saving it unchanged changes nothing.
  phone: c.phone ? formatPhone(c.phone) : '',
  // None of its own stays empty (the desk's country is used to read its numbers).
  country: c.country ?? '',
  locale: c.locale,
});

export const formerAssetSchema = z.object({
  assetId: idSchema,
  serviceTag: z.string(),
  model: z.string(),
  from: z.number(),
  to: z.number(),
  how: transferKindSchema.nullable(),
  nowOwnedBy: z.object({ id: idSchema, name: z.string() }),
});

export const customerRecordSchema = z.object({
  customer: recordCustomerSchema,
  /** Contacts are shown only to people who serve the customer's segment. */
  contacts: z.array(z.object({ id: idSchema, name: z.string(), role: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() })).nullable(),
  assets: z.array(z.object({ id: idSchema, serviceTag: z.string(), productLine: z.string(), model: z.string(), shipDate: z.number(), warrantyLevel: z.string(), warrantyEnd: z.number() })),
  /**
   * How much the record holds that the merge screen weighs (which of two duplicates has the
   * history): its tickets, open and closed, and its contacts, counted even for someone who is
   * not shown the contacts themselves.
   */
  holds: z.object({ openTickets: z.number().int(), closedTickets: z.number().int(), contacts: z.number().int() }),
  /** Systems this customer owned once and someone else owns now. */
  formerAssets: z.array(formerAssetSchema),
  /** Every change, newest first, including those of records merged into this one. */
  history: z.array(recordEventSchema),
  mergedFrom: z.array(z.object({ id: idSchema, at: z.number() })),
  quality: qualitySchema,
});
export type CustomerRecord = z.infer<typeof customerRecordSchema>;

export const duplicateCandidateSchema = z.object({
  customerId: idSchema,
  name: z.string(),
  segment: segmentSchema,
  email: z.string().nullable(),
  phone: z.string().nullable(),
  score: z.number(),
  reasons: z.array(z.enum(['phone', 'email', 'tag', 'name'])),
});
export type DuplicateCandidate = z.infer<typeof duplicateCandidateSchema>;

export const MERGE_FIELDS = ['kind', 'name', 'segment', 'serviceLevel', 'email', 'phone', 'country', 'locale'] as const;
export const mergeFieldSchema = z.enum(MERGE_FIELDS);
export type MergeField = z.infer<typeof mergeFieldSchema>;

export const transferResultSchema = z.object({
  assetId: idSchema,
  from: z.object({ id: idSchema, name: z.string() }),
  to: z.object({ id: idSchema, name: z.string() }),
  /** Open tickets on the system stay with the owner who reported them, until closed. */
  openTickets: z.array(z.object({ id: idSchema, number: z.string(), subject: z.string() })),
});

/** Why an import refused a row or a file, as the import screen says it (each with its values). */
export const REJECT_KEYS = ['invalidFields', 'unmappedFields', 'tagTaken', 'deletedInSource', 'requesterNotImported', 'organizationNotImported', 'ticketNotImported', 'unknownStatus', 'missingRequester', 'notATime', 'noSubject', 'noId', 'fileUnreadable', 'fileCut', 'unknownSegment', 'unknownServiceLevel', 'tagTakenInFile', 'tagTakenInRun'] as const;
export type RejectKey = (typeof REJECT_KEYS)[number];

export const importSummarySchema = z.object({
  imported: z.object({ customers: z.number().int(), contacts: z.number().int(), assets: z.number().int(), tickets: z.number().int(), events: z.number().int() }),
  /** Customers already on the desk (an earlier import, or the same name with the same email or phone): linked, not doubled. */
  existing: z.number().int(),
  rejected: z.number().int(),
  rejects: z.string(),
  /** The rejected rows of CSV files as a CSV beside the rejects file (their columns and the reason), to correct and import again; null when none. */
  rejectedRows: z.string().nullable().default(null),
  /** The rejected records of Zendesk pages as pages of their own kind beside the rejects file (why in `tagdesk_rejected_because`), to correct and import again. */
  rejectedPages: z.array(z.string()).default([]),
  /** Stopped by import.cancel between batches: what it wrote before stays (a trial run wrote nothing). */
  cancelled: z.boolean().default(false),
  /** The first rejects (20), for the import screen; all of them are in the rejects file. `row` is null for a whole file. */
  firstRejects: z.array(
    z.object({
      file: z.string(),
      row: z.number().int().nullable(),
      reason: z.string(),
      key: z.enum(REJECT_KEYS).optional(),
      params: z.record(z.string(), z.string()).optional(),
    }),
  ),
  /**
   * Companies a Freshdesk contact or ticket named but no companies-file row brought in, created
   * with an assumed segment and service level (which decide their tickets' queue and SLA):
   * `count` of them (each once), the `first` 20 with the row that first named each and, after
   * an import (not a trial run, which creates nothing), the `customerId` of the record created.
   */
  assumed: z
    .object({
      count: z.number().int(),
      first: z.array(z.object({ name: z.string(), segment: segmentSchema, serviceLevel: serviceLevelSchema, file: z.string(), row: z.number().int(), customerId: idSchema.optional() })),
    })
    .default({ count: 0, first: [] }),
  /** Rows refused for local numbers another country reads, when enough share one: the country (or the countries alike) reading most, to choose for the file, and how many. */
  localNumbers: z.object({ countries: z.array(z.string()), count: z.number().int() }).nullable().default(null),
  /** Freshdesk contacts whose valid mobile number was left out beside a valid work phone (a record holds one phone): how many, and the first rows. */
  mobilesLeft: z.object({ count: z.number().int(), first: z.array(z.object({ file: z.string(), row: z.number().int() })) }).default({ count: 0, first: [] }),
  /** Zendesk users suspended there (blocked for spam or abuse), left out with the tickets they requested: how many of each. */
  suspended: z.object({ users: z.number().int(), tickets: z.number().int() }).default({ users: 0, tickets: 0 }),
});
export type ImportSummaryView = z.infer<typeof importSummarySchema>;

/**
 * The import's assumed companies as a sentence names them (the import screen and `tagdesk
 * import` alike): the first `named`, how many more, and each segment and level assumed, once;
 * and how many the summary does not hold at all (`unlisted`: past its first 20).
 */
export function assumedInBrief(assumed: ImportSummaryView['assumed'], named = 5) {
  const names = assumed.first.slice(0, named).map((a) => a.name);
  const kinds = assumed.first.filter((a, i, all) => all.findIndex((b) => b.segment === a.segment && b.serviceLevel === a.serviceLevel) === i).map(({ segment, serviceLevel }) => ({ segment, serviceLevel }));
  return { names, more: assumed.count - names.length, kinds, unlisted: Math.max(0, assumed.count - assumed.first.length) };
}

/** A country the phone rules know, by its two-letter code in any case ("ir" → "IR"). */
export const importCountrySchema = z
  .string()
  .trim()
  .transform((c) => c.toUpperCase())
  .refine((c) => countryOf(c) !== null, { message: 'Give a two-letter country code the phone rules know, such as US, GB or IR.' });

export const importProgressSchema = z.object({ file: z.string(), rows: z.number().int(), bytesRead: z.number(), bytes: z.number() });

export const auditRowSchema = z.object({
  at: z.number(),
  userId: z.string(),
  userName: z.string().nullable(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  reason: z.enum(['lookup', 'view', 'ticket', 'record', 'export']),
  ticketNumber: z.string().nullable(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const privacySettingsSchema = z.object({
  /** Interactions outside any ticket are removed after this many days; null keeps them. */
  retentionDays: z.number().int().min(30, say('retentionMinimum', { days: 30 })).max(36_500).nullable(),
});

export const qualityOverviewSchema = z.object({
  now: z.number(),
  counts: z.object({
    customers: z.number().int(),
    noEmail: z.number().int(),
    noPhone: z.number().int(),
    stale: z.number().int(),
    erased: z.number().int(),
  }),
  /** Per centre's day of the last 14 (its zone, as the board's "today"; the last is today): records created, changed and confirmed. */
  trend: z.array(z.object({ day: z.number().int(), created: z.number().int(), changed: z.number().int(), confirmed: z.number().int() })),
  /** Each with its likely duplicates, best first (empty for none): the "merge a duplicate" fix merges with one of them. */
  worst: z.array(z.object({ customerId: idSchema, name: z.string(), segment: segmentSchema, quality: qualitySchema, duplicates: z.array(duplicateCandidateSchema) })),
});
export type QualityOverview = z.infer<typeof qualityOverviewSchema>;

/** Our fields a plain CSV's columns can be mapped onto. */
/** Why a file cannot be imported (import.peek's problemCode). */
export const FILE_PROBLEM_CODES = ['unreadable', 'jsonNotZendesk', 'jsonUnknown', 'notZendesk', 'noCsvHeader', 'notFreshdesk'] as const;
export type FileProblemCode = (typeof FILE_PROBLEM_CODES)[number];

export const CSV_FIELDS = ['id', 'name', 'kind', 'segment', 'serviceLevel', 'email', 'phone', 'country', 'locale', 'serviceTag', 'productLine', 'model', 'shipDate', 'warrantyLevel', 'warrantyEnd'] as const;

export const customerMethods = {
  'customers.create': method(
    z.object({ customer: customerDraftSchema, asset: assetDraftSchema.nullable().default(null) }),
    z.object({ customerId: idSchema, assetId: idSchema.nullable() }),
  ),
  /**
   * `version` is the record's version the edit started from. When the record has changed since,
   * a field the edit changes that was changed meanwhile too is refused (code 'conflict', naming
   * the fields; nothing is saved); fields only the other change touched keep its values.
   */
  'customers.update': method(z.object({ customerId: idSchema, version: z.number().int().nonnegative(), customer: customerDraftSchema }), customerRecordSchema),
  'customers.saveContact': method(z.object({ customerId: idSchema, contactId: idSchema.nullable().default(null), contact: contactDraftSchema }), customerRecordSchema),
  'customers.removeContact': method(z.object({ customerId: idSchema, contactId: idSchema }), customerRecordSchema),
  'customers.saveAsset': method(z.object({ customerId: idSchema, assetId: idSchema.nullable().default(null), asset: assetDraftSchema }), customerRecordSchema),
  'customers.record': method(z.object({ customerId: idSchema }), customerRecordSchema),
  /**
   * A contact with the customer outside any ticket (a call taken or made, an email, a chat),
   * logged on their 360° view: it joins their interactions here and on every desk.
   */
  'customers.logInteraction': method(
    z.object({
      customerId: idSchema,
      channel: z.enum(LOGGED_CHANNELS),
      direction: z.enum(LOGGED_DIRECTIONS),
      summary: z.string().trim().min(1, say('interactionNotes')).max(LOGGED_NOTES_MAX, say('keepUnder', { count: LOGGED_NOTES_MAX })),
      assetId: idSchema.nullable().default(null),
    }),
    z.object({ interactionId: idSchema }),
  ),
  /** The caller confirmed their details are still right. */
  'customers.confirm': method(z.object({ customerId: idSchema }), customerRecordSchema),
  /** Likely duplicates of a record being typed (or of an existing one, excluded itself). */
  'customers.duplicates': method(
    z.object({
      name: z.string().max(200).default(''),
      segment: segmentSchema,
      email: z.string().max(254).default(''),
      phone: z.string().max(40).default(''),
      country: z.string().max(2).default(''),
      serviceTag: z.string().max(20).default(''),
      excludeId: idSchema.nullable().default(null),
    }),
    z.array(duplicateCandidateSchema),
  ),
  /**
   * Merges `mergedId` into `survivorId`, taking each field from the side `pick` names.
   * `survivorVersion` and `mergedVersion` are the records' versions the choices were made from
   * (each record's `customer.version` as the screen showed it): when either record has changed
   * since, the merge is refused (code 'conflict', saying which record) and nothing is merged.
   * Keeping the record with less history (customerRules.ts keepOtherByDefault: a new, empty
   * duplicate kept, the established record's id deleted) is refused (code 'refused') unless
   * `keepLessHistory` says the caller chose it (the merge screen's swap).
   */
  'customers.merge': method(
    z.object({
      survivorId: idSchema,
      mergedId: idSchema,
      survivorVersion: z.number().int().nonnegative(),
      mergedVersion: z.number().int().nonnegative(),
      pick: z.partialRecord(mergeFieldSchema, z.enum(['survivor', 'merged'])).default({}),
      keepLessHistory: z.boolean().default(false),
    }),
    customerRecordSchema,
  ),
  /** Every likely duplicate pair on the desk, best first (supervisors and admins). */
  'customers.duplicatePairs': method(
    z.object({ limit: z.number().int().min(1).max(100_000).default(1000) }),
    z.array(
      z.object({
        a: z.object({ id: idSchema, name: z.string() }),
        b: z.object({ id: idSchema, name: z.string() }),
        segment: segmentSchema,
        score: z.number(),
        reasons: z.array(z.enum(['phone', 'email', 'tag', 'name'])),
      }),
    ),
  ),
  'customers.transferAsset': method(
    z.object({ assetId: idSchema, toCustomerId: idSchema, how: transferKindSchema, date: z.string().max(10) }),
    transferResultSchema,
  ),
  /** Who opened which customer's record, when and why (admins). */
  'privacy.audit': method(
    z.object({ customerId: idSchema.nullable().default(null), userId: idSchema.nullable().default(null), from: z.number().nullable().default(null), to: z.number().nullable().default(null), limit: z.number().int().min(1).max(100_000).default(500) }),
    z.array(auditRowSchema),
  ),
  /** Everything the desk holds on one customer, as JSON (admins; the export itself is audited). */
  'privacy.export': method(z.object({ customerId: idSchema }), z.record(z.string(), z.unknown())),
  /** Erasure on request: personal fields removed or anonymised; tickets and statistics stay (admins). */
  'privacy.erase': method(z.object({ customerId: idSchema, confirmName: z.string().max(200) }), customerRecordSchema),
  'privacy.settings': method(z.object({}).strict(), privacySettingsSchema),
  'privacy.saveSettings': method(privacySettingsSchema, privacySettingsSchema.extend({ removed: z.number().int() })),
  /** How many interactions saving this retention period would remove for good, before it is saved. */
  'privacy.retentionPreview': method(privacySettingsSchema, z.object({ removed: z.number().int() })),
  /** The data-quality page: counts, trend, the worst records first (supervisors and admins). */
  'quality.overview': method(z.object({ limit: z.number().int().min(1).max(500).default(50) }), qualityOverviewSchema),
  /** What a file on the desk's machine is, and its CSV columns, for the column-mapping screen (admins). */
  'import.peek': method(
    z.object({ from: z.enum(['zendesk', 'freshdesk', 'csv']), file: z.string().min(1).max(4096) }),
    z.object({
      kind: z.string().nullable(),
      columns: z.array(z.string()),
      problem: z.string().nullable(),
      /** The problem as a code and its values, for a message in the reader's language. */
      problemCode: z.enum(FILE_PROBLEM_CODES).nullable().optional(),
      problemParams: z.record(z.string(), z.string()).optional(),
    }),
  ),
  /** The import running on this desk, if any (admins): where from, which files, and how far it is, so a screen opened meanwhile shows it. */
  'import.status': method(
    z.object({}),
    z.object({
      running: z
        .object({ from: z.enum(['zendesk', 'freshdesk', 'csv']), files: z.array(z.string()), dryRun: z.boolean(), progress: importProgressSchema.nullable() })
        .nullable(),
      /** The desk's country: the import's choice of where numbers without a country code are from starts there. */
      deskCountry: z.string().default('US'),
    }),
  ),
  /** Stops the running import after the batch it is writing (admins); `cancelling` false when none runs. What it wrote stays. */
  'import.cancel': method(z.object({}), z.object({ cancelling: z.boolean() })),
  /**
   * The rows a run rejected, read back from its rejects file (admins): each with its reason (key
   * and values) and the row as its CSV held it, for the import screen to give as a CSV in the
   * reader's words. A reject of no row (a file refused as a whole, a Zendesk record) is left out.
   */
  'import.rejectedRows': method(
    z.object({ rejects: z.string().min(1).max(4096) }),
    z.object({
      rows: z.array(
        z.object({
          file: z.string(),
          row: z.number().int(),
          reason: z.string(),
          key: z.enum(REJECT_KEYS).optional(),
          params: z.record(z.string(), z.string()).optional(),
          record: z.record(z.string(), z.string()),
        }),
      ),
      /** Stopped at the cap (shared/rejectedRows.ts): the rows up to it; the import's own CSV beside the rejects file has them all. */
      cut: z.boolean().default(false),
    }),
  ),
  /**
   * Imports files on the desk's machine (admins): Zendesk JSON pages, Freshdesk CSVs, or a
   * CSV with a column mapping. Progress comes as 'import.progress' pushes.
   */
  'import.run': method(
    z.object({
      from: z.enum(['zendesk', 'freshdesk', 'csv']),
      files: z.array(z.string().min(1).max(4096)).min(1, 'Name at least one file to import.').max(1000),
      dryRun: z.boolean().default(false),
      /** our field → CSV column, for --from csv */
      mapping: z.record(z.string(), z.string()).default({}),
      rejectsPath: z.string().max(4096).nullable().default(null),
      /** Where the files' numbers without a country code are from (ISO 3166, as libphonenumber knows it), for rows naming no Country; the desk's when null. */
      country: importCountrySchema.nullable().default(null),
    }),
    importSummarySchema,
  ),
} as const;
