import { z } from 'zod';
import { mayAdminister, type Person } from './access';
import { say } from './messageKeys';
import { calendarSchema, knownTimeZone, type BusinessCalendar } from './sla/calendar';
import { slaPolicySchema, type SlaPolicy } from './sla/slaClock';
import type { StreamRule } from './streamRules';
import type { OutboxEnvelope } from './ticketLog/envelope';

// The 'settings' stream: every change an admin makes to an SLA policy, a business-hours
// calendar (holidays included) or the centre's settings (the time zone its day follows), as
// the desk's outbox carries it to the hub. The envelope's
// entityId is the policy's or calendar's id; the payload names which one it is, the fields
// that changed (from → to), the whole record as the author saved it (`after`, which the hub
// checks with the same schema the desk's form and back end use), the policy's version after
// the change, and the author's name.
//
// The hub re-checks each event here (settingsStreamRule): only an admin may change policies
// and calendars, and what they saved must pass the shared SLA validation. Everyone signed in
// may read them (segment null). A desk applies accepted events with the applier in
// src/main/core/settingsSync.ts: field by field, the later event in the hub's order winning
// a field two desks changed.

export const SETTINGS_STREAM = 'settings';

export const SETTINGS_EVENT_TYPES = ['SLA_POLICY_CREATED', 'SLA_POLICY_CHANGED', 'CALENDAR_CREATED', 'CALENDAR_CHANGED', 'CENTRE_CHANGED'] as const;
export const settingsEventTypeSchema = z.enum(SETTINGS_EVENT_TYPES);
export type SettingsEventType = z.infer<typeof settingsEventTypeSchema>;

/**
 * The centre's own settings, one record (id 'centre'): the IANA time zone its day follows
 * ("today" on the board and in the day report), or null to follow its SLA calendars (the zone
 * most of its policies' calendars are in). Synced like a calendar, so every desk counts the same day.
 */
const centreShape = z.object({ id: z.literal('centre'), dayTimeZone: z.string().max(64).nullable() });
export const centreSettingsSchema = centreShape.superRefine((c, ctx) => {
  if (c.dayTimeZone !== null && !knownTimeZone(c.dayTimeZone)) ctx.addIssue({ code: 'custom', path: ['dayTimeZone'], message: say('calendarZone', { zone: c.dayTimeZone }) });
});
export type CentreSettings = z.infer<typeof centreSettingsSchema>;
export const DEFAULT_CENTRE: CentreSettings = { id: 'centre', dayTimeZone: null };

/** A field's value: whatever JSON the record holds there (a name, a number, the holidays). */
const json: z.ZodType<unknown> = z.unknown();
export const settingsChangeSchema = z.object({ field: z.string().min(1).max(60), from: json, to: json });
export type SettingsChange = z.infer<typeof settingsChangeSchema>;

export const settingsPayloadSchema = z.object({
  v: z.literal(1),
  entity: z.enum(['policy', 'calendar', 'centre']),
  changes: z.array(settingsChangeSchema).max(20),
  /** The record as its author saved it. */
  after: z.record(z.string(), z.unknown()),
  /** A policy's version on the author's desk after the change. */
  version: z.number().int().min(1).optional(),
  actorName: z.string().max(200),
});
export type SettingsPayload = z.infer<typeof settingsPayloadSchema>;

export type SettingsEntity = SettingsPayload['entity'];
export const POLICY_FIELDS = Object.keys(slaPolicySchema.shape) as (keyof SlaPolicy)[];
export const CALENDAR_FIELDS = Object.keys(calendarSchema.shape) as (keyof BusinessCalendar)[];
export const CENTRE_FIELDS = Object.keys(centreShape.shape) as (keyof CentreSettings)[];
export const fieldsOf = (entity: SettingsEntity): readonly string[] => (entity === 'policy' ? POLICY_FIELDS : entity === 'calendar' ? CALENDAR_FIELDS : CENTRE_FIELDS);

/** JSON with object keys in one order, so two copies of a value compare equal as text. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** The fields that differ between a record before (null: a new one) and after a change. */
export function diffSettings(entity: SettingsEntity, before: Record<string, unknown> | null, after: Record<string, unknown>): SettingsChange[] {
  const out: SettingsChange[] = [];
  for (const field of fieldsOf(entity)) {
    const from = before ? (before[field] ?? null) : null;
    const to = after[field] ?? null;
    if (canonical(from) !== canonical(to)) out.push({ field, from, to });
  }
  return out;
}

/** The record a change saved, checked with the shared SLA schemas; or why it cannot be saved. */
export function parseSettingsRecord(entity: SettingsEntity, record: unknown): { ok: true; record: SlaPolicy | BusinessCalendar | CentreSettings } | { ok: false; reason: string } {
  const parsed = entity === 'policy' ? slaPolicySchema.safeParse(record) : entity === 'calendar' ? calendarSchema.safeParse(record) : centreSettingsSchema.safeParse(record);
  if (parsed.success) return { ok: true, record: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: issue ? `${issue.path.join('.') || entity}: ${issue.message}` : 'invalid' };
}

const ENTITY_OF: Record<SettingsEventType, SettingsEntity> = {
  SLA_POLICY_CREATED: 'policy',
  SLA_POLICY_CHANGED: 'policy',
  CALENDAR_CREATED: 'calendar',
  CALENDAR_CHANGED: 'calendar',
  CENTRE_CHANGED: 'centre',
};

/**
 * The hub's re-check of a 'settings' event: an admin made it (as the hub knows the account
 * now), the record it saved passes the shared SLA schema, it is the record the envelope
 * names, and every change it lists is a field of that record set to what was saved.
 */
export const settingsStreamRule: StreamRule = (event: OutboxEnvelope, actor: Person) => {
  const type = settingsEventTypeSchema.safeParse(event.type);
  if (!type.success) return { ok: false, reason: `A settings event cannot be of type ${event.type}.` };
  if (event.actor.id !== actor.id) return { ok: false, reason: say('otherAuthor') };
  const notAdmin = mayAdminister(actor);
  if (notAdmin) return { ok: false, reason: `Refused: ${notAdmin}` };
  const parsed = settingsPayloadSchema.safeParse(event.payload);
  if (!parsed.success) return { ok: false, reason: `The settings event's payload is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}.` };
  const p = parsed.data;
  if (p.entity !== ENTITY_OF[type.data]) return { ok: false, reason: `A ${type.data} event is about a ${ENTITY_OF[type.data]}, not a ${p.entity}.` };
  const record = parseSettingsRecord(p.entity, p.after);
  if (!record.ok) return { ok: false, reason: `Refused: ${record.reason}` };
  if (record.record.id !== event.entityId) return { ok: false, reason: `The saved ${p.entity} is ${record.record.id}, not ${event.entityId}.` };
  const fields = fieldsOf(p.entity);
  for (const c of p.changes) {
    if (!fields.includes(c.field)) return { ok: false, reason: `${c.field}: a ${p.entity} has no such field.` };
    if (canonical(c.to) !== canonical((record.record as Record<string, unknown>)[c.field] ?? null)) return { ok: false, reason: `${c.field}: the change does not match the saved ${p.entity}.` };
  }
  return { ok: true, segment: null };
};
