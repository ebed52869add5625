import { z } from 'zod';
import { idSchema, roleSchema } from './domain';

// Every change to a customer, a contact or a system is an event: who (a snapshot of the
// actor as they were), when (desk time), what (type) and the fields that changed, from →
// to. The envelope is the ticket log's (UUID v7 id, actor snapshot, time, type, payload),
// so the hub can carry both alike; the payload is versioned so an old log still replays.

export const RECORD_EVENT_TYPES = [
  'CUSTOMER_CREATED',
  'CUSTOMER_CHANGED',
  'CONTACT_ADDED',
  'CONTACT_CHANGED',
  'CONTACT_REMOVED',
  'ASSET_REGISTERED',
  'ASSET_CHANGED',
  'ASSET_TRANSFERRED',
  'CUSTOMER_MERGED',
  'CUSTOMER_CONFIRMED',
  'CUSTOMER_ERASED',
  'CUSTOMER_IMPORTED',
  'INTERACTION_LOGGED',
] as const;
export const recordEventTypeSchema = z.enum(RECORD_EVENT_TYPES);
export type RecordEventType = z.infer<typeof recordEventTypeSchema>;

export const actorSnapshotSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.union([roleSchema, z.literal('system')]),
});
export type ActorSnapshot = z.infer<typeof actorSnapshotSchema>;

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const fieldChangeSchema = z.object({ field: z.string(), from: value, to: value });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const TRANSFER_KINDS = ['sold', 'given', 'reassigned'] as const;
export const transferKindSchema = z.enum(TRANSFER_KINDS);
export type TransferKind = z.infer<typeof transferKindSchema>;

export const recordPayloadSchema = z.object({
  v: z.literal(1),
  /** The record the event is about: the customer, one of its contacts, one of its systems, or a contact with them an agent logged. */
  entity: z.enum(['customer', 'contact', 'asset', 'interaction']),
  entityId: idSchema,
  changes: z.array(fieldChangeSchema),
  /** Free context: the transfer's kind and parties, the merged ids, the import source. */
  note: z.record(z.string(), value).optional(),
});
export type RecordPayload = z.infer<typeof recordPayloadSchema>;

/**
 * What a CUSTOMER_MERGED event's note holds (told on both records): the two ids, what moved,
 * and the record merged away as a reader knew it (its name, email and phone as they were; its
 * row is gone, and a demo's or an import's record has no event of its own naming it). Events
 * written before the name was kept have none of the three.
 */
export const mergeNoteSchema = z.object({
  mergedId: idSchema,
  survivorId: idSchema,
  mergedName: z.string().optional(),
  mergedEmail: z.string().nullable().optional(),
  mergedPhone: z.string().nullable().optional(),
  assets: z.number().int().nonnegative(),
  contacts: z.number().int().nonnegative(),
  tickets: z.number().int().nonnegative(),
  interactions: z.number().int().nonnegative(),
});
export type MergeNote = z.infer<typeof mergeNoteSchema>;

export const recordEventSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  type: recordEventTypeSchema,
  at: z.number(),
  actor: actorSnapshotSchema,
  payload: recordPayloadSchema,
});
export type RecordEvent = z.infer<typeof recordEventSchema>;

/**
 * A contact with the customer an agent logs on the 360° view (a call, an email, a chat) outside
 * any ticket: an INTERACTION_LOGGED event of entity 'interaction', its fields set from null.
 */
export const LOGGED_CHANNELS = ['phone', 'email', 'chat'] as const;
export const LOGGED_DIRECTIONS = ['inbound', 'outbound'] as const;
export const LOGGED_NOTES_MAX = 2000;

/** The fields that differ between two versions of a record, as from → to changes. */
type Value = string | number | boolean | null;
export function diffFields<T extends { [K in keyof T]: Value }>(before: { [K in keyof T]: Value } | null, after: T): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of Object.keys(after) as (keyof T & string)[]) {
    const from = before ? (before[field] ?? null) : null;
    const to = after[field] ?? null;
    if (from !== to) out.push({ field, from, to });
  }
  return out;
}
