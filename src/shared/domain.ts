import { z } from 'zod';

// The vocabulary of the desk. Every value that crosses a boundary has a schema here, and
// the TypeScript type is derived from it, so the two never drift apart.

export const SEGMENTS = ['education', 'government', 'small_business', 'large_enterprise', 'home'] as const;
export const segmentSchema = z.enum(SEGMENTS);
export type Segment = z.infer<typeof segmentSchema>;

export const SERVICE_LEVELS = ['premier', 'standard', 'basic'] as const;
export const serviceLevelSchema = z.enum(SERVICE_LEVELS);
export type ServiceLevel = z.infer<typeof serviceLevelSchema>;

/** Highest first: the queue order is priority, then age. */
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;
export const priorityRank = (p: Priority): number => PRIORITIES.indexOf(p) + 1;

export const TIERS = [1, 2, 3] as const;
export const tierSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Tier = z.infer<typeof tierSchema>;

export const ROLES = ['agent', 'specialist', 'supervisor', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const CHANNELS = ['phone', 'email', 'chat', 'note', 'web'] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const ESCALATION_REASONS = [
  'needs_specialist_skill',
  'hardware_replacement',
  'repeat_failure',
  'customer_request',
  'vip_account',
  'sla_breach',
] as const;
export const escalationReasonSchema = z.enum(ESCALATION_REASONS);
export type EscalationReason = z.infer<typeof escalationReasonSchema>;

export const RESOLUTION_CODES = [
  'fixed_remotely',
  'part_dispatched',
  'onsite_repair',
  'configuration_advice',
  'known_issue_workaround',
  'no_fault_found',
  'duplicate',
] as const;
export const resolutionCodeSchema = z.enum(RESOLUTION_CODES);
export type ResolutionCode = z.infer<typeof resolutionCodeSchema>;

export const idSchema = z.string().min(1).max(64);

/** Who does something. `tier` is the tier a person works at: agents 1, specialists 2 or 3. */
export const actorSchema = z.object({
  id: idSchema,
  role: z.union([roleSchema, z.literal('system')]),
  tier: tierSchema,
  segments: z.array(segmentSchema),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system', tier: 3, segments: [...SEGMENTS] };

/**
 * The email a person signs in with: the one rule the People form, the desk and the hub ask
 * (lower-cased, outer spaces dropped). The form's own looser check let "علی@example.com" or
 * "ali@example.c" through, and the hub refused them in its own English words.
 */
export const accountEmailSchema = z.string().trim().toLowerCase().pipe(z.email('an email address like ava@example.com')).pipe(z.string().max(254));
export const isAccountEmail = (email: string): boolean => accountEmailSchema.safeParse(email).success;

export const userSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  tier: tierSchema,
  segments: z.array(segmentSchema),
  active: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const actorOf = (u: User): Actor => ({ id: u.id, role: u.role, tier: u.tier, segments: u.segments });

/** A system as people name it: "Latitude 9450 2-in-1", not "Latitude Latitude 9450 2-in-1" when the model repeats the line. */
export function productName(asset: { productLine: string; model: string }): string {
  return asset.model.toLowerCase().startsWith(asset.productLine.toLowerCase()) ? asset.model : `${asset.productLine} ${asset.model}`;
}

export const ticketNumber = (n: number): string => `T-${String(n).padStart(6, '0')}`;

/**
 * Parses "T-000123", "T 000123", "t123" or "#123" into 123. A number read out ("T, zero zero
 * zero…") is typed with a space as often as with a dash.
 */
export function parseTicketNumber(input: string): number | null {
  const m = /^(?:t[-\s]?|#)0*(\d{1,9})$/i.exec(input.trim());
  return m ? Number(m[1]) : null;
}

/** Where an import came from; each has a desk account its records and tickets are made by. */
export const IMPORT_SOURCES = ['zendesk', 'freshdesk', 'csv'] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];
/** The name of the account an import acts as ("Import from csv"), as the desk stores it. */
export const importAccountName = (source: ImportSource): string => `Import from ${source}`;
/** The source of an import's account, from its stored name; null for a person. */
export const importSourceOf = (name: string): ImportSource | null => IMPORT_SOURCES.find((s) => importAccountName(s) === name) ?? null;
