import { z } from 'zod';
import { administers, mayLogInteraction, maySeeSegment, type Person } from './access';
import { CUSTOMER_KINDS, parseDate, parseEmail, WARRANTY_LEVELS } from './customerRules';
import { LOGGED_CHANNELS, LOGGED_DIRECTIONS, LOGGED_NOTES_MAX, recordEventTypeSchema, recordPayloadSchema, type FieldChange, type RecordEventType, type RecordPayload } from './customerEvents';
import { SEGMENTS, SERVICE_LEVELS, type Segment } from './domain';
import { say } from './messageKeys';
import { countryOf, parsePhone } from './phone';
import { parseServiceTag } from './serviceTag';
import type { StreamRule } from './streamRules';
import type { OutboxEnvelope } from './ticketLog/envelope';

// The 'customer' stream: every change to a customer, one of its contacts or one of its
// systems, as the desk's outbox carries it to the hub. The envelope's entityId is the
// customer the event is filed under; the payload is the record event's own (entity,
// entityId, field-level from → to changes, note), plus the author's name and the customer's
// segment after the event, so the hub can route it and a desk can show who did it.
//
// The hub re-checks each event here (customerStreamRule): who may edit the customer (the
// shared access rules: someone who works its segment; an erasure only by an admin) and that
// every field it sets passes the shared validation rules. A desk applies accepted events
// with the applier in src/main/core/customers/customerStream.ts.

export const CUSTOMER_STREAM = 'customer';

export const customerStreamPayloadSchema = recordPayloadSchema.extend({
  actorName: z.string().max(200),
  segment: z.enum(SEGMENTS),
});
export type CustomerStreamPayload = z.infer<typeof customerStreamPayloadSchema>;

export function customerStreamPayload(p: Omit<RecordPayload, 'v'>, actorName: string, segment: Segment): CustomerStreamPayload {
  return { v: 1, ...p, actorName, segment };
}

type Check = (value: FieldChange['to']) => string | null;
const text =
  (min: number, what: string): Check =>
  (v) =>
    typeof v === 'string' && v.trim().length >= min ? null : `${what} must be text of at least ${min} character${min === 1 ? '' : 's'}.`;
const oneOf =
  (values: readonly string[], what: string): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `${what} must be one of ${values.join(', ')}.`;
const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);
const email: Check = (v) => {
  if (typeof v !== 'string') return 'An email must be text.';
  const e = parseEmail(v);
  return !e.ok ? e.message : e.email === v ? null : `Store the email as ${e.email}.`;
};
const phone: Check = (v) => {
  if (typeof v !== 'string') return 'A phone number must be text.';
  const p = parsePhone(v);
  return !p.ok ? p.message : p.e164 === v ? null : `Store the phone number in E.164, as ${p.e164}.`;
};
const date: Check = (v) => {
  if (typeof v !== 'string') return 'A date must be text (YYYY-MM-DD).';
  const d = parseDate(v);
  return d.ok ? null : d.message;
};
const tag: Check = (v) => {
  if (typeof v !== 'string') return 'A service tag must be text.';
  const t = parseServiceTag(v);
  return !t.ok ? t.message : t.tag === v ? null : `Store the service tag as ${t.tag}.`;
};

/** What each entity's fields may be set to: the shared customer rules, field by field. */
export const FIELD_RULES: Readonly<Record<RecordPayload['entity'], Readonly<Record<string, Check>>>> = {
  customer: {
    kind: oneOf(CUSTOMER_KINDS, 'The kind'),
    name: text(2, 'The name'),
    segment: oneOf(SEGMENTS, 'The segment'),
    serviceLevel: oneOf(SERVICE_LEVELS, 'The service level'),
    email: nullable(email),
    phone: nullable(phone),
    country: nullable((v) => (typeof v === 'string' && countryOf(v) ? null : 'Use the two-letter country code, such as US, GB or IR.')),
    locale: text(2, 'The locale'),
  },
  contact: {
    name: nullable(text(2, 'The contact’s name')),
    role: nullable(text(1, 'The role')),
    email: nullable(email),
    phone: nullable(phone),
  },
  asset: {
    serviceTag: tag,
    productLine: text(1, 'The product line'),
    model: text(1, 'The model'),
    shipDate: date,
    warrantyLevel: oneOf(WARRANTY_LEVELS, 'The warranty'),
    warrantyEnd: date,
    owner: nullable(text(1, 'The owner')),
  },
  interaction: {
    channel: oneOf(LOGGED_CHANNELS, 'The channel'),
    // Internal: a ticket's private comment an import brings (fieldProblem: only with its ticket).
    direction: oneOf([...LOGGED_DIRECTIONS, 'internal'], 'The direction'),
    summary: (v) => (typeof v === 'string' && v.trim().length >= 1 && v.length <= LOGGED_NOTES_MAX ? null : `The notes must be text of 1 to ${LOGGED_NOTES_MAX} characters.`),
    assetId: nullable((v) => (typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v) ? null : 'The system must be a system’s id.')),
    /** The ticket a comment an import brings was made on (a contact logged on the 360° view has none). */
    ticketId: nullable((v) => (typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v) ? null : 'The ticket must be a ticket’s id.')),
  },
};

/** What a logged contact must set: each of these, once. */
const LOGGED_FIELDS = ['channel', 'direction', 'summary'] as const;

/** The first field an event sets that the shared rules refuse, as "field: why"; null if all pass. */
export function fieldProblem(type: RecordEventType, p: RecordPayload): string | null {
  // Removing a contact sets each field to null; an erasure sets nothing.
  if (type === 'CONTACT_REMOVED' || type === 'CUSTOMER_ERASED') return null;
  // A logged contact is of its own entity, and only it is; it sets what a contact has.
  if ((type === 'INTERACTION_LOGGED') !== (p.entity === 'interaction')) return `${p.entity}: a ${type} event cannot be about it.`;
  if (type === 'INTERACTION_LOGGED') {
    const missing = LOGGED_FIELDS.find((f) => p.changes.filter((c) => c.field === f).length !== 1);
    if (missing) return `${missing}: a logged contact sets it once.`;
    const internal = p.changes.some((c) => c.field === 'direction' && c.to === 'internal');
    if (internal && !p.changes.some((c) => c.field === 'ticketId' && typeof c.to === 'string')) return 'direction: only a ticket’s comment is internal.';
  }
  const rules = FIELD_RULES[p.entity];
  for (const c of p.changes) {
    const check = rules[c.field];
    if (!check) return `${c.field}: a ${p.entity} has no such field.`;
    const why = check(c.to);
    if (why) return `${c.field}: ${why}`;
  }
  return null;
}

const CREATES: readonly RecordEventType[] = ['CUSTOMER_CREATED', 'CUSTOMER_IMPORTED'];

/**
 * The hub's re-check of a 'customer' event: the author works the customer's segment (before
 * and after a change of segment), an erasure comes from an admin, and every field set passes
 * the shared rules. The event belongs to the customer's segment (its new one after a move).
 */
export const customerStreamRule: StreamRule = (event: OutboxEnvelope, actor: Person, known) => {
  const type = recordEventTypeSchema.safeParse(event.type);
  if (!type.success) return { ok: false, reason: `A customer event cannot be of type ${event.type}.` };
  const parsed = customerStreamPayloadSchema.safeParse(event.payload);
  if (!parsed.success) return { ok: false, reason: `The customer event's payload is malformed: ${parsed.error.issues[0]?.message ?? 'invalid'}.` };
  const p = parsed.data;
  if (event.actor.id !== actor.id) return { ok: false, reason: say('otherAuthor') };
  const moved = p.entity === 'customer' ? p.changes.find((c) => c.field === 'segment') : undefined;
  const isCreate = CREATES.includes(type.data);
  if (isCreate && known.seen) return { ok: false, reason: say('customerExists') };
  const before: Segment = isCreate ? p.segment : (known.segment ?? p.segment);
  const after: Segment = moved && typeof moved.to === 'string' && (SEGMENTS as readonly string[]).includes(moved.to) ? (moved.to as Segment) : before;
  for (const segment of new Set([before, after])) {
    const why = maySeeSegment(actor, segment, 'customer');
    if (why) return { ok: false, reason: why };
  }
  if (type.data === 'CUSTOMER_ERASED' && !administers(actor)) return { ok: false, reason: say('adminsErase') };
  if (type.data === 'INTERACTION_LOGGED') {
    const why = mayLogInteraction(actor, after);
    if (why) return { ok: false, reason: why };
  }
  const bad = fieldProblem(type.data, p);
  if (bad) return { ok: false, reason: `Refused: ${bad}` };
  return { ok: true, segment: after };
};
