import { sql } from 'kysely';
import { fieldPhrases, say } from '../../../shared/messageKeys';
import { ApiError } from '../../../shared/api';
import { MERGE_FIELDS, type CustomerRecord, type DuplicateCandidate, type MergeField, type RecordCustomer } from '../../../shared/customerApi';
import { diffFields, type LOGGED_CHANNELS, type LOGGED_DIRECTIONS, type ActorSnapshot, type FieldChange, type MergeNote, type RecordEventType, type RecordPayload, type TransferKind } from '../../../shared/customerEvents';
import {
  formatDate,
  keepOtherByDefault,
  nameKey,
  newRecordFields,
  parseDate,
  validateAsset,
  validateContact,
  validateCustomer,
  type AssetDraft,
  type Checked,
  type ContactDraft,
  type CustomerDraft,
  type CustomerFields,
} from '../../../shared/customerRules';
import { FRESH_MS, scoreQuality } from '../../../shared/dataQuality';
import { zoneDay, zoneDayOf } from '../../../shared/sla/calendar';
import type { Segment, ServiceLevel } from '../../../shared/domain';
import { DUPLICATE_THRESHOLD, scoreDuplicate, type DuplicateProbe } from '../../../shared/duplicates';
import { countryOf, toE164, type Country } from '../../../shared/phone';
import { parseServiceTag } from '../../../shared/serviceTag';
import { param, type Sql } from '../db/exec';
import type { CustomerRow } from '../db/schema';
import { uuidv7 } from '../ids';
import { customerLog, type RecordActor } from './customerLog';
import { toCustomerSummary } from '../customerView';
import { ticketNumber } from '../ticketRows';
import { isOpenState, type TicketState } from '../../../shared/ticketMachine';
import { settleInteractions } from '../stagedInteractions';
import { systemTickets } from './systemTickets';
import { noteTransferOnOpenTickets } from './transferNotes';
import { customerWords } from './nameWords';

// Customer records as an agent keeps them: create, edit, contacts, systems, merge and
// transfer. Every change is validated with the shared rules and written in the same
// transaction as its field-level event (who, when, from → to) in customer_events, which is
// what the record's history shows and what the hub will carry.

const DAY_MS = 86_400_000;
const CANDIDATES_PER_KEY = 20;

export type CustomerRecords = ReturnType<typeof customerRecords>;

const invalid = (prefix: string, r: Extract<Checked<unknown>, { ok: false }>): ApiError =>
  new ApiError(
    'invalid_input',
    r.issues.length === 1 ? r.issues[0]!.message : `Fix the ${r.issues.length} marked fields; nothing was saved.`,
    r.issues.map((i) => ({ path: `${prefix}.${i.field}`, message: i.message })),
  );

function checked<T>(prefix: string, r: Checked<T>): T {
  if (!r.ok) throw invalid(prefix, r);
  return r.value;
}

type CustomerColumns = Pick<CustomerRow, 'kind' | 'name' | 'segment' | 'service_level' | 'email' | 'phone' | 'country' | 'locale'>;
const columnsOf = (f: CustomerFields): CustomerColumns => ({
  kind: f.kind,
  name: f.name,
  segment: f.segment,
  service_level: f.serviceLevel,
  email: f.email,
  phone: f.phone,
  country: f.country,
  locale: f.locale,
});
/** Field names as the API and the history use them. */
const fieldsOf = (c: CustomerColumns) => ({
  kind: c.kind,
  name: c.name,
  segment: c.segment,
  serviceLevel: c.service_level,
  email: c.email,
  phone: c.phone,
  country: c.country,
  locale: c.locale,
});

type Who = { id: string; name: string; segment: string; email: string | null; phone: string | null };

/**
 * The reads behind duplicates while typing, each an index search (a test asserts their
 * plans; the bench's floor runs these very statements): the same phone or email on a
 * customer or one of its contacts, and names starting alike in one segment.
 */
export function duplicateQueries(k: Sql['kysely']) {
  const whoCols = ['c.id', 'c.name', 'c.segment', 'c.email', 'c.phone'] as const;
  return {
    byPhone: k
      .selectFrom('customers as c')
      .select(whoCols)
      .where('c.phone', '=', param<string>())
      .union(k.selectFrom('contacts as p').innerJoin('customers as c', 'c.id', 'p.customer_id').select(whoCols).where('p.phone', '=', param<string>()))
      .limit(CANDIDATES_PER_KEY),
    byEmail: k
      .selectFrom('customers as c')
      .select(whoCols)
      .where('c.email', '=', param<string>())
      .union(k.selectFrom('contacts as p').innerJoin('customers as c', 'c.id', 'p.customer_id').select(whoCols).where('p.email', '=', param<string>()))
      .limit(CANDIDATES_PER_KEY),
    // A range on (segment, name_key): names that start like the typed one, in its segment.
    byName: k
      .selectFrom('customers as c')
      .select(whoCols)
      .where('c.segment', '=', param<string>())
      .where('c.name_key', '>=', param<string>())
      .where('c.name_key', '<', param<string>())
      .orderBy('c.name_key')
      .limit(CANDIDATES_PER_KEY),
  };
}

export function customerRecords(db: Sql, deskCountry: Country) {
  const k = db.kysely;
  const tickets = systemTickets(db.sqlite);
  const words = customerWords(db.sqlite);
  const customerById = db.prepare<CustomerRow, [string]>(k.selectFrom('customers').selectAll().where('id', '=', param<string>()));
  const survivorOf = db.prepare<{ survivor_id: string }, [string]>(k.selectFrom('customer_merges').select('survivor_id').where('merged_id', '=', param<string>()));
  const assetByTag = db.prepare<{ id: string; customer_id: string; name: string }, [string]>(
    k.selectFrom('assets as a').innerJoin('customers as c', 'c.id', 'a.customer_id').select(['a.id', 'a.customer_id', 'c.name']).where('a.service_tag', '=', param<string>()),
  );
  const dup = duplicateQueries(k);
  const byPhone = db.prepare<Who, [string, string]>(dup.byPhone);
  const byEmail = db.prepare<Who, [string, string]>(dup.byEmail);
  const byName = db.prepare<Who, [string, string, string]>(dup.byName);
  const contactsOf = db.prepare<{ id: string; name: string; role: string | null; email: string | null; phone: string | null }, [string]>(
    k.selectFrom('contacts').select(['id', 'name', 'role', 'email', 'phone']).where('customer_id', '=', param<string>()).orderBy('name'),
  );

  const assetOwner = db.sqlite.prepare<[string], string>('SELECT customer_id FROM assets WHERE id = ?').pluck();
  const log = customerLog(db);
  const append = log.append;

  const mustGet = (id: string): CustomerRow => {
    const c = customerById.get(id);
    if (!c) throw new ApiError('not_found', say('customerNotFound'));
    return c;
  };
  const countryFor = (c: Pick<CustomerRow, 'country'>): Country => countryOf(c.country) ?? deskCountry;
  // Where the desk's customers of a segment are, most first (of a sample of them): a phone
  // refused in the record's country may be real in one of these (the phone hint; asked only then).
  const segmentCountryRows = db.sqlite.prepare<[string], string>(
    'SELECT country FROM (SELECT country FROM customers WHERE segment = ? AND country IS NOT NULL LIMIT 5000) GROUP BY country ORDER BY count(*) DESC, country LIMIT 3',
  );
  const byDesk = { segmentCountries: (segment: string): Country[] => segmentCountryRows.pluck().all(segment).flatMap((c) => countryOf(c) ?? []) };

  const tagTaken = (tag: string, field: string) => {
    const other = assetByTag.get(tag);
    if (other) {
      const m = say('tagRegistered', { tag, name: other.name });
      throw new ApiError('invalid_input', m, [{ path: field, message: m }]);
    }
  };

  function insertAsset(customerId: string, a: ReturnType<typeof validateAsset> & { ok: true }, actor: RecordActor, now: number): string {
    const v = a.value;
    const id = uuidv7(now);
    db.run(
      k.insertInto('assets').values({
        id,
        service_tag: v.serviceTag,
        customer_id: customerId,
        product_line: v.productLine,
        model: v.model,
        ship_date: v.shipDate,
        warranty_level: v.warrantyLevel,
        warranty_end: v.warrantyEnd,
        created_at: now,
      }),
    );
    db.run(k.insertInto('asset_owners').values({ id: uuidv7(now), asset_id: id, customer_id: customerId, from_at: Math.min(v.shipDate, now), to_at: null }));
    append(customerId, 'ASSET_REGISTERED', now, actor, {
      entity: 'asset',
      entityId: id,
      changes: diffFields(null, { serviceTag: v.serviceTag, productLine: v.productLine, model: v.model, shipDate: formatDate(v.shipDate), warrantyLevel: v.warrantyLevel, warrantyEnd: formatDate(v.warrantyEnd) }),
    });
    return id;
  }

  function create(actor: RecordActor, draft: CustomerDraft, assetDraft: AssetDraft | null, now: number): { customerId: string; assetId: string | null } {
    const c = validateCustomer(draft, deskCountry, byDesk);
    const a = assetDraft ? validateAsset(assetDraft, now) : null;
    if (!c.ok || (a && !a.ok)) {
      const issues = [...(c.ok ? [] : c.issues.map((i) => ({ path: `customer.${i.field}`, message: i.message }))), ...(a && !a.ok ? a.issues.map((i) => ({ path: `asset.${i.field}`, message: i.message })) : [])];
      throw new ApiError('invalid_input', issues.length === 1 ? issues[0]!.message : `Fix the ${issues.length} marked fields; nothing was saved.`, issues);
    }
    if (a?.ok) tagTaken(a.value.serviceTag, 'asset.serviceTag');
    const fields = newRecordFields(c.value, deskCountry);
    return db.write(() => {
      const id = uuidv7(now);
      words.set(id, fields.name);
      db.run(k.insertInto('customers').values({ id, ...columnsOf(fields), name_key: nameKey(fields.name), created_at: now, updated_at: now, confirmed_at: now }));
      append(id, 'CUSTOMER_CREATED', now, actor, { entity: 'customer', entityId: id, changes: diffFields(null, fieldsOf(columnsOf(fields))) });
      const assetId = a?.ok ? insertAsset(id, a, actor, now) : null;
      return { customerId: id, assetId };
    });
  }

  /** The ids whose events are this record's history: itself and the records merged into it. */
  const historyIds = (id: string): string[] => [id, ...db.all(k.selectFrom('customer_merges').select('merged_id').where('survivor_id', '=', id)).map((m) => m.merged_id)];

  /**
   * A record's version: the place of the last of its events in customer_events that changes
   * what a merge screen shows of it, its fields and how many contacts and systems it has. That
   * table is append-only (its triggers refuse deletes), so its rowids only grow, and every
   * change to a record, made here or applied from the hub, adds an event to it. A
   * confirmation, a contact's or a system's details edited, add an event but leave the screen
   * as it was: they do not move the version, so a merge made while a colleague works the same
   * caller is not refused for them (tickets, interactions and the access log add none). An
   * edit from an older version still meets those events: `changedSince` reads every event after it.
   */
  const versionOf = (ids: readonly string[]): number =>
    db.get(
      k
        .selectFrom('customer_events')
        .select(sql<number | null>`max(rowid)`.as('v'))
        .where('customer_id', 'in', ids)
        .where('type', 'not in', UNSEEN_BY_MERGE),
    )?.v ?? 0;

  const isMergeField = (f: string): f is MergeField => (MERGE_FIELDS as readonly string[]).includes(f);

  /**
   * The customer fields changed since `version` by events this desk has taken in since, each
   * with the value it had at that version (the `from` of the first such change).
   */
  function changedSince(id: string, version: number): Map<MergeField, FieldChange['from']> {
    const ids = historyIds(id);
    const rows = db.all(
      k
        .selectFrom('customer_events')
        .select(['customer_id', 'type', 'payload'])
        .where('customer_id', 'in', ids)
        .where(sql<number>`rowid`, '>', version)
        .orderBy(sql`rowid`),
    );
    const out = new Map<MergeField, FieldChange['from']>();
    if (rows.length === 0) return out;
    const payloads = rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as RecordPayload }));
    // A record merged into this one after the version: its own changes before the merge were
    // to another record (the merge's event tells what this one took of it). One merged before
    // the version: a change to it now is a late one that landed here.
    const mergedLater = new Set(payloads.filter((r) => r.customer_id === id && r.type === 'CUSTOMER_MERGED').map((r) => r.payload.note?.mergedId));
    const landed = new Set(ids.filter((m) => m !== id && !mergedLater.has(m)));
    for (const r of payloads) {
      if (r.customer_id === id && r.type === 'CUSTOMER_MERGED' && typeof r.payload.note?.mergedId === 'string') landed.add(r.payload.note.mergedId);
      if (r.payload.entity !== 'customer' || (r.customer_id !== id && (!landed.has(r.customer_id) || r.type === 'CUSTOMER_MERGED'))) continue;
      for (const c of r.payload.changes) if (isMergeField(c.field) && !out.has(c.field)) out.set(c.field, c.from);
    }
    return out;
  }

  /** A customer's fields back as a draft, to check a combination with the shared rules. */
  const draftFrom = (f: ReturnType<typeof fieldsOf>): CustomerDraft => ({
    kind: f.kind as CustomerFields['kind'],
    name: f.name,
    segment: f.segment as Segment,
    serviceLevel: f.serviceLevel as ServiceLevel,
    email: f.email ?? '',
    phone: f.phone ?? '',
    country: f.country ?? '',
    locale: f.locale,
  });

  const changedMeanwhile = (fields: readonly MergeField[]) => new ApiError('conflict', say('recordChangedMeanwhile', { fields: fieldPhrases(fields) }));

  /**
   * An edit of a customer's details, made from the record as it was at `version`.
   *
   * When the record has changed since (here, or by a change from another desk this desk has
   * taken in), the edit is merged with that change field by field rather than refused outright,
   * because each field stands alone (the hub's sync merges the same way, field by field) and
   * the events say exactly which fields moved and from what:
   * - a field only the other change touched keeps its value: the edit sends the value it
   *   started from, which is not a change of the editor's;
   * - a field the edit changes and the other change did too is refused (code 'conflict', naming
   *   the fields), and nothing is saved: the editor has not seen the value it would overwrite;
   * - the same value on both sides, or a field changed and changed back, is no clash.
   * The merged record is checked with the shared rules again (their change and this one may not
   * go together, such as a segment and a kind); if it fails, the edit is refused the same way,
   * naming the fields changed meanwhile, so the editor sees them before saving again.
   * Across desks, edits made in ignorance of each other still meet at the hub, last writer
   * wins; this check is about what this desk had already seen.
   */
  function update(actor: RecordActor, id: string, draft: CustomerDraft, version: number, now: number): void {
    const v = checked('customer', validateCustomer(draft, deskCountry, byDesk));
    db.write(() => {
      const before = mustGet(id);
      if (before.erased_at !== null) throw new ApiError('refused', say('customerErased'));
      const current = fieldsOf(before);
      const mine = fieldsOf(columnsOf(v));
      let fields: CustomerFields = v;
      const meanwhile = changedSince(id, version);
      if (meanwhile.size > 0) {
        const clashes: MergeField[] = [];
        const theirs: MergeField[] = [];
        for (const [field, was] of meanwhile) {
          if (mine[field] === current[field] || current[field] === was) continue;
          if (mine[field] === was) theirs.push(field);
          else clashes.push(field);
        }
        if (clashes.length > 0) throw changedMeanwhile(clashes);
        if (theirs.length > 0) {
          const merged = validateCustomer(draftFrom({ ...mine, ...Object.fromEntries(theirs.map((f) => [f, current[f]])) }), deskCountry);
          if (!merged.ok) throw changedMeanwhile(theirs);
          fields = merged.value;
        }
      }
      const after = columnsOf(fields);
      const changes = diffFields(current, fieldsOf(after));
      if (changes.length === 0) return;
      words.set(id, after.name);
      db.run(k.updateTable('customers').set({ ...after, name_key: nameKey(after.name), updated_at: now, confirmed_at: now }).where('id', '=', id));
      // Queue rows carry the customer's name (migration 0003): keep them in step.
      if (before.name !== after.name) db.run(k.updateTable('tickets').set({ customer_name: after.name }).where('customer_id', '=', id));
      append(id, 'CUSTOMER_CHANGED', now, actor, { entity: 'customer', entityId: id, changes });
    });
  }

  function saveContact(actor: RecordActor, customerId: string, contactId: string | null, draft: ContactDraft, now: number): void {
    const c = mustGet(customerId);
    const v = checked('contact', validateContact(draft, countryFor(c)));
    db.write(() => {
      if (contactId === null) {
        const id = uuidv7(now);
        db.run(k.insertInto('contacts').values({ id, customer_id: customerId, ...v }));
        append(customerId, 'CONTACT_ADDED', now, actor, { entity: 'contact', entityId: id, changes: diffFields(null, v) });
      } else {
        const before = db.get(k.selectFrom('contacts').select(['name', 'role', 'email', 'phone']).where('id', '=', contactId).where('customer_id', '=', customerId));
        if (!before) throw new ApiError('not_found', say('contactGone'));
        const changes = diffFields(before, v);
        if (changes.length === 0) return;
        db.run(k.updateTable('contacts').set(v).where('customer_id', '=', customerId).where('id', '=', contactId));
        append(customerId, 'CONTACT_CHANGED', now, actor, { entity: 'contact', entityId: contactId, changes });
      }
      db.run(k.updateTable('customers').set({ updated_at: now }).where('id', '=', customerId));
    });
  }

  function removeContact(actor: RecordActor, customerId: string, contactId: string, now: number): void {
    db.write(() => {
      const before = db.get(k.selectFrom('contacts').select(['name', 'role', 'email', 'phone']).where('id', '=', contactId).where('customer_id', '=', customerId));
      if (!before) throw new ApiError('not_found', say('contactGone'));
      db.run(k.deleteFrom('contacts').where('customer_id', '=', customerId).where('id', '=', contactId));
      append(customerId, 'CONTACT_REMOVED', now, actor, { entity: 'contact', entityId: contactId, changes: diffFields<{ name: null; role: null; email: null; phone: null }>(before, { name: null, role: null, email: null, phone: null }) });
    });
  }

  function saveAsset(actor: RecordActor, customerId: string, assetId: string | null, draft: AssetDraft, now: number): string {
    mustGet(customerId);
    const a = validateAsset(draft, now);
    if (!a.ok) throw invalid('asset', a);
    return db.write(() => {
      if (assetId === null) {
        tagTaken(a.value.serviceTag, 'asset.serviceTag');
        return insertAsset(customerId, a, actor, now);
      }
      const before = db.get(k.selectFrom('assets').selectAll().where('id', '=', assetId).where('customer_id', '=', customerId));
      if (!before) throw new ApiError('not_found', 'That system is not this customer’s.');
      if (before.service_tag !== a.value.serviceTag) tagTaken(a.value.serviceTag, 'asset.serviceTag');
      const v = a.value;
      const show = (x: { service_tag: string; product_line: string; model: string; ship_date: number; warranty_level: string; warranty_end: number }) => ({
        serviceTag: x.service_tag,
        productLine: x.product_line,
        model: x.model,
        shipDate: formatDate(x.ship_date),
        warrantyLevel: x.warranty_level,
        warrantyEnd: formatDate(x.warranty_end),
      });
      const next = { service_tag: v.serviceTag, product_line: v.productLine, model: v.model, ship_date: v.shipDate, warranty_level: v.warrantyLevel, warranty_end: v.warrantyEnd };
      const changes = diffFields(show(before), show(next));
      if (changes.length === 0) return assetId;
      db.run(k.updateTable('assets').set(next).where('id', '=', assetId));
      tickets.corrected(assetId, before, { service_tag: v.serviceTag, product_line: v.productLine });
      append(customerId, 'ASSET_CHANGED', now, actor, { entity: 'asset', entityId: assetId, changes });
      return assetId;
    });
  }

  /**
   * A contact with the customer an agent logs outside any ticket: one interaction, in the
   * record's history and the outbox in the same transaction (customerLog), so every desk gets
   * it. The system, when given, must be on the record.
   */
  function logInteraction(
    actor: RecordActor,
    customerId: string,
    input: { channel: (typeof LOGGED_CHANNELS)[number]; direction: (typeof LOGGED_DIRECTIONS)[number]; summary: string; assetId: string | null },
    now: number,
  ): string {
    mustGet(customerId);
    if (input.assetId !== null && assetOwner.get(input.assetId) !== customerId) {
      throw new ApiError('invalid_input', say('interactionSystem'), [{ path: 'assetId', message: say('interactionSystem') }]);
    }
    const id = uuidv7(now);
    db.write(() => {
      db.run(
        k.insertInto('interactions').values({ id, customer_id: customerId, ticket_id: null, channel: input.channel, direction: input.direction, at: now, summary: input.summary, user_id: actor.id, asset_id: input.assetId }),
      );
      append(customerId, 'INTERACTION_LOGGED', now, actor, {
        entity: 'interaction',
        entityId: id,
        changes: diffFields(null, { channel: input.channel, direction: input.direction, summary: input.summary, assetId: input.assetId }),
      });
    });
    return id;
  }

  function confirm(actor: RecordActor, customerId: string, now: number): void {
    mustGet(customerId);
    db.write(() => {
      db.run(k.updateTable('customers').set({ confirmed_at: now }).where('id', '=', customerId));
      append(customerId, 'CUSTOMER_CONFIRMED', now, actor, { entity: 'customer', entityId: customerId, changes: [] });
    });
  }

  /** Likely duplicates of a probe, best first, each found through an index. */
  function duplicates(input: { name: string; segment: Segment; email: string; phone: string; country: string; serviceTag: string; excludeId: string | null }): DuplicateCandidate[] {
    const country = countryOf(input.country) ?? deskCountry;
    const phone = input.phone.trim() ? toE164(input.phone, country) : null;
    const email = input.email.trim().toLowerCase() || null;
    const tag = input.serviceTag.trim() ? parseServiceTag(input.serviceTag) : null;
    const probe: DuplicateProbe = { name: input.name, segment: input.segment, email, phone, tags: tag?.ok ? [tag.tag] : [] };
    const found = new Map<string, Who & { tags: string[] }>();
    const add = (rows: Who[], tags: string[] = []) => {
      for (const r of rows) if (r.id !== input.excludeId && !found.has(r.id)) found.set(r.id, { ...r, tags });
    };
    if (phone) add(byPhone.all(phone, phone));
    if (email && email.includes('@')) add(byEmail.all(email, email));
    if (tag?.ok) {
      const a = assetByTag.get(tag.tag);
      if (a) {
        const c = customerById.get(a.customer_id);
        if (c) add([{ id: c.id, name: c.name, segment: c.segment, email: c.email, phone: c.phone }], [tag.tag]);
      }
    }
    const key = nameKey(input.name);
    if (key.length >= 4) {
      // Names that start like this one, allowing the last letters to differ (Gonzales, Gonzalez).
      const prefix = key.slice(0, Math.max(4, key.length - 3));
      add(byName.all(input.segment, prefix, prefix + '\uffff'));
    }
    const out: DuplicateCandidate[] = [];
    for (const c of found.values()) {
      const s = scoreDuplicate(probe, { name: c.name, segment: c.segment as Segment, email: c.email, phone: c.phone, tags: c.tags });
      if (s.score >= DUPLICATE_THRESHOLD) out.push({ customerId: c.id, name: c.name, segment: c.segment as Segment, email: c.email, phone: c.phone, score: s.score, reasons: s.reasons });
    }
    return out.sort((a, b) => b.score - a.score).slice(0, 10);
  }

  const duplicatesOf = (c: CustomerRow) =>
    duplicates({ name: c.name, segment: c.segment as Segment, email: c.email ?? '', phone: c.phone ?? '', country: c.country ?? '', serviceTag: '', excludeId: c.id });

  function record(id: string, showContacts: boolean, now: number): CustomerRecord {
    const c = mustGet(id);
    const merged = db.all(k.selectFrom('customer_merges').select(['merged_id', 'at']).where('survivor_id', '=', id));
    const ids = [id, ...merged.map((m) => m.merged_id)];
    const history = db
      .all(k.selectFrom('customer_events').selectAll().where('customer_id', 'in', ids).orderBy('at', 'desc').orderBy('id', 'desc').limit(500))
      .map((e) => ({
        id: e.id,
        customerId: e.customer_id,
        type: e.type as RecordEventType,
        at: e.at,
        actor: { id: e.actor_id, name: e.actor_name, role: e.actor_role as ActorSnapshot['role'] },
        payload: JSON.parse(e.payload) as RecordPayload,
      }))
      // A merge is told on both records; the history, which reads both, says it once (the survivor's).
      .filter((e) => e.type !== 'CUSTOMER_MERGED' || e.payload.note?.survivorId === undefined || e.payload.note.survivorId === e.customerId);
    const former = db.all(
      k
        .selectFrom('asset_owners as o')
        .innerJoin('assets as a', 'a.id', 'o.asset_id')
        .innerJoin('customers as now_c', 'now_c.id', 'a.customer_id')
        .select(['o.asset_id', 'a.service_tag', 'a.model', 'o.from_at', 'o.to_at', 'now_c.id as now_id', 'now_c.name as now_name'])
        .where('o.customer_id', '=', id)
        .where('o.to_at', 'is not', null)
        .where('a.customer_id', '!=', id),
    );
    const hows = new Map(
      db
        .all(k.selectFrom('asset_owners').select(['asset_id', 'from_at', 'how']).where('asset_id', 'in', former.length ? former.map((f) => f.asset_id) : ['']).where('how', 'is not', null))
        .map((r) => [`${r.asset_id}/${r.from_at}`, r.how]),
    );
    const contacts = contactsOf.all(id);
    const customer = toRecordCustomer(c, versionOf(ids));
    const states = db.all(k.selectFrom('tickets').select('state').where('customer_id', '=', id)).map((r) => r.state as TicketState);
    const open = states.filter(isOpenState).length;
    return {
      customer,
      contacts: showContacts ? contacts : null,
      holds: { openTickets: open, closedTickets: states.length - open, contacts: contacts.length },
      assets: db
        .all(k.selectFrom('assets').select(['id', 'service_tag', 'product_line', 'model', 'ship_date', 'warranty_level', 'warranty_end']).where('customer_id', '=', id).orderBy('ship_date', 'desc'))
        .map((a) => ({ id: a.id, serviceTag: a.service_tag, productLine: a.product_line, model: a.model, shipDate: a.ship_date, warrantyLevel: a.warranty_level, warrantyEnd: a.warranty_end })),
      formerAssets: former.map((f) => ({
        assetId: f.asset_id,
        serviceTag: f.service_tag,
        model: f.model,
        from: f.from_at,
        to: f.to_at!,
        how: (hows.get(`${f.asset_id}/${f.to_at}`) ?? null) as TransferKind | null,
        nowOwnedBy: { id: f.now_id, name: f.now_name },
      })),
      history,
      mergedFrom: merged.map((m) => ({ id: m.merged_id, at: m.at })),
      quality: scoreQuality({
        kind: customer.kind,
        email: c.email,
        phone: c.phone,
        country: countryFor(c),
        contacts: contacts.length,
        duplicates: c.erased_at === null ? duplicatesOf(c).length : 0,
        confirmedAt: c.confirmed_at ?? c.created_at,
        now,
      }),
    };
  }

  /**
   * Merges two records, from the versions of them the choices in `pick` were made from. When
   * either has changed since (an edit, a contact, a system, a change from the hub), the merge is
   * refused and nothing moves: the values picked were read beside values that are no longer
   * there, and the one kept might not be the one chosen.
   */
  function merge(actor: RecordActor, survivorId: string, mergedId: string, pick: Partial<Record<MergeField, 'survivor' | 'merged'>>, versions: { survivor: number; merged: number }, now: number, opts: { keepLessHistory: boolean } = { keepLessHistory: false }): void {
    if (survivorId === mergedId) throw new ApiError('invalid_input', say('mergeSelf'));
    // Checked inside the write (IMMEDIATE: the lock is taken before the first read): another
    // process on the desk's folder (an import, a second window's desk) cannot add history to
    // either record between the checks and the move, so a merge the rules refuse stays refused.
    db.write(() => {
      const s = mustGet(survivorId);
      const m = mustGet(mergedId);
      const keepMoved = versionOf(historyIds(survivorId)) !== versions.survivor;
      const fromMoved = versionOf(historyIds(mergedId)) !== versions.merged;
      if (keepMoved && fromMoved) throw new ApiError('conflict', say('mergeBothChanged'));
      if (keepMoved) throw new ApiError('conflict', say('mergeKeepChanged', { name: s.name }));
      if (fromMoved) throw new ApiError('conflict', say('mergeFromChanged', { name: m.name }));
      // Kept by default is the record with more history (as the merge screen opens): the other
      // kept only when the caller says they chose it, else the established record's id is gone.
      if (!opts.keepLessHistory && keepOtherByDefault(record(survivorId, false, now), record(mergedId, false, now))) throw new ApiError('refused', say('mergeKeepsLess', { keep: s.name, from: m.name }));
      const sf = fieldsOf(s);
      const mf = fieldsOf(m);
      const chosen = { ...sf };
      for (const [field, side] of Object.entries(pick) as [MergeField, 'survivor' | 'merged'][]) if (side === 'merged') (chosen as Record<string, unknown>)[field] = mf[field];
      const v = checked('customer', validateCustomer(draftFrom(chosen), deskCountry));
      const after = columnsOf(v);
      // A ticket event's staged interactions join the rest first, so that all of them move.
      settleInteractions(db.sqlite);
      const moved = {
        assets: db.run(k.updateTable('assets').set({ customer_id: survivorId }).where('customer_id', '=', mergedId)).changes,
        contacts: db.run(k.updateTable('contacts').set({ customer_id: survivorId }).where('customer_id', '=', mergedId)).changes,
        tickets: db.run(k.updateTable('tickets').set({ customer_id: survivorId }).where('customer_id', '=', mergedId)).changes,
        interactions: db.run(k.updateTable('interactions').set({ customer_id: survivorId }).where('customer_id', '=', mergedId)).changes,
      };
      db.run(k.updateTable('asset_owners').set({ customer_id: survivorId }).where('customer_id', '=', mergedId));
      db.run(k.updateTable('import_ids').set({ local_id: survivorId }).where('local_id', '=', mergedId));
      db.run(k.updateTable('customer_merges').set({ survivor_id: survivorId }).where('survivor_id', '=', mergedId));
      db.run(k.insertInto('customer_merges').values({ merged_id: mergedId, survivor_id: survivorId, at: now }));
      words.set(survivorId, after.name);
      db.run(k.updateTable('customers').set({ ...after, name_key: nameKey(after.name), updated_at: now }).where('id', '=', survivorId));
      db.run(k.updateTable('tickets').set({ customer_name: after.name }).where('customer_id', '=', survivorId));
      words.set(mergedId, null);
      db.run(k.deleteFrom('customers').where('id', '=', mergedId));
      // The record merged away by what a reader knows it by (its name, email, phone as they
      // were): a demo's or an import's record has no event of its own that names it, and its
      // row is gone. Erasure of the survivor removes them with the rest (shared/erasure.ts).
      const note = { mergedId, survivorId, mergedName: m.name, mergedEmail: m.email, mergedPhone: m.phone, assets: moved.assets, contacts: moved.contacts, tickets: moved.tickets, interactions: moved.interactions } satisfies MergeNote;
      append(survivorId, 'CUSTOMER_MERGED', now, actor, { entity: 'customer', entityId: survivorId, changes: diffFields(sf, fieldsOf(after)), note });
      append(mergedId, 'CUSTOMER_MERGED', now, actor, { entity: 'customer', entityId: mergedId, changes: [], note }, m.segment as Segment);
    });
  }

  function transfer(actor: RecordActor, assetId: string, toCustomerId: string, how: TransferKind, date: string, now: number) {
    const asset = db.get(k.selectFrom('assets').select(['id', 'customer_id', 'service_tag', 'ship_date']).where('id', '=', assetId));
    if (!asset) throw new ApiError('not_found', say('assetMissing'));
    const from = mustGet(asset.customer_id);
    const to = mustGet(toCustomerId);
    if (from.id === to.id) throw new ApiError('invalid_input', `${to.name} already owns ${asset.service_tag}.`, [{ path: 'toCustomerId', message: `${to.name} already owns this system; choose the new owner.` }]);
    const d = parseDate(date);
    if (!d.ok) throw new ApiError('invalid_input', d.message, [{ path: 'date', message: d.message }]);
    const current = db.get(k.selectFrom('asset_owners').select(['from_at']).where('asset_id', '=', assetId).where('to_at', 'is', null));
    const since = current?.from_at ?? asset.ship_date;
    if (d.at < since) {
      const m = say('transferBeforeOwner', { name: from.name, since: formatDate(since) });
      throw new ApiError('invalid_input', m, [{ path: 'date', message: m }]);
    }
    if (d.at > now + DAY_MS) throw new ApiError('invalid_input', say('transferFuture'), [{ path: 'date', message: say('transferFuture') }]);
    return db.write(() => {
      if (current) db.run(k.updateTable('asset_owners').set({ to_at: d.at }).where('asset_id', '=', assetId).where('to_at', 'is', null));
      else db.run(k.insertInto('asset_owners').values({ id: uuidv7(now), asset_id: assetId, customer_id: from.id, from_at: since, to_at: d.at }));
      db.run(k.insertInto('asset_owners').values({ id: uuidv7(now), asset_id: assetId, customer_id: to.id, from_at: d.at, to_at: null, how }));
      db.run(k.updateTable('assets').set({ customer_id: to.id }).where('id', '=', assetId));
      const open = noteTransferOnOpenTickets(db, { assetId, serviceTag: asset.service_tag, how, on: d.at, at: now, userId: actor.id === 'system' ? null : actor.id });
      const note = { how, date: formatDate(d.at), serviceTag: asset.service_tag, fromId: from.id, fromName: from.name, toId: to.id, toName: to.name, openTickets: open.length };
      const changes: FieldChange[] = [{ field: 'owner', from: from.name, to: to.name }];
      append(from.id, 'ASSET_TRANSFERRED', now, actor, { entity: 'asset', entityId: assetId, changes, note });
      append(to.id, 'ASSET_TRANSFERRED', now, actor, { entity: 'asset', entityId: assetId, changes, note });
      return {
        assetId,
        from: { id: from.id, name: from.name },
        to: { id: to.id, name: to.name },
        openTickets: open.map((t) => ({ id: t.id, number: ticketNumber(t.number), subject: t.subject })),
      };
    });
  }

  /**
   * Every likely duplicate pair on the desk, best first: each customer's candidates through
   * the same indexes as while typing, each pair once.
   */
  function duplicatePairs(limit: number): { a: { id: string; name: string }; b: { id: string; name: string }; segment: string; score: number; reasons: DuplicateCandidate['reasons'] }[] {
    const pairs = new Map<string, { a: { id: string; name: string }; b: { id: string; name: string }; segment: string; score: number; reasons: DuplicateCandidate['reasons'] }>();
    const all = db.sqlite.prepare('SELECT /* scan: the duplicates report looks at every customer */ * FROM customers ORDER BY id');
    for (const c of all.iterate() as IterableIterator<CustomerRow>) {
      for (const d of duplicatesOf(c)) {
        const [a, b] = c.id < d.customerId ? [{ id: c.id, name: c.name }, { id: d.customerId, name: d.name }] : [{ id: d.customerId, name: d.name }, { id: c.id, name: c.name }];
        const key = `${a.id}/${b.id}`;
        if (!pairs.has(key)) pairs.set(key, { a, b, segment: c.segment, score: d.score, reasons: d.reasons });
      }
    }
    return [...pairs.values()].sort((x, y) => y.score - x.score || x.a.name.localeCompare(y.a.name)).slice(0, limit);
  }

  /** The data-quality page: counts in one scan, the trend of the last 14 days, the worst records scored in full. */
  function qualityOverview(limit: number, now: number, timeZone: string) {
    const staleBefore = now - FRESH_MS;
    const counts = db.sqlite
      .prepare(
        `SELECT /* scan: the data-quality page counts over every customer */ count(*) AS customers, coalesce(sum(email IS NULL), 0) AS noEmail, coalesce(sum(phone IS NULL), 0) AS noPhone,
                coalesce(sum(coalesce(confirmed_at, created_at) < ?), 0) AS stale, coalesce(sum(erased_at IS NOT NULL), 0) AS erased
           FROM customers`,
      )
      .get(staleBefore) as { customers: number; noEmail: number; noPhone: number; stale: number; erased: number };
    // The centre's days (its zone, as the board's "today"): counted per quarter hour in the one
    // read, as every zone's midnight falls on one, then summed into the days.
    const QUARTER_MS = 900_000;
    const days = Array.from({ length: 14 }, (_, i) => zoneDayOf(zoneDay(now, timeZone).day - 13 + i, timeZone));
    const rows = db.sqlite
      .prepare(
        `SELECT at / ${QUARTER_MS} AS quarter, sum(type IN ('CUSTOMER_CREATED','CUSTOMER_IMPORTED')) AS created,
                sum(type NOT IN ('CUSTOMER_CREATED','CUSTOMER_IMPORTED','CUSTOMER_CONFIRMED','INTERACTION_LOGGED')) AS changed, sum(type = 'CUSTOMER_CONFIRMED') AS confirmed
           FROM customer_events WHERE at >= ? AND at < ? GROUP BY quarter`,
      )
      .all(days[0]!.start, days[13]!.end) as { quarter: number; created: number; changed: number; confirmed: number }[];
    const trend = days.map((d) => ({ day: d.day, created: 0, changed: 0, confirmed: 0 }));
    for (const r of rows) {
      const at = r.quarter * QUARTER_MS;
      const bar = trend[days.findIndex((d) => at >= d.start && at < d.end)];
      if (!bar) continue;
      bar.created += r.created;
      bar.changed += r.changed;
      bar.confirmed += r.confirmed;
    }
    // The likeliest worst first by what SQL can see (missing ways to reach them, staleness),
    // then each scored in full, duplicates included.
    const suspects = db.sqlite
      .prepare(
        `SELECT /* scan: the data-quality page ranks every customer for the worst records */ * FROM customers WHERE erased_at IS NULL
          ORDER BY (email IS NULL) + (phone IS NULL) + (coalesce(confirmed_at, created_at) < ?) DESC, coalesce(confirmed_at, created_at) LIMIT ?`,
      )
      .all(staleBefore, limit * 3) as CustomerRow[];
    const worst = suspects
      .map((c) => {
        const duplicates = duplicatesOf(c);
        return {
          customerId: c.id,
          name: c.name,
          segment: c.segment as Segment,
          quality: scoreQuality({
            kind: c.kind as CustomerFields['kind'],
            email: c.email,
            phone: c.phone,
            country: countryFor(c),
            contacts: contactsOf.all(c.id).length,
            duplicates: duplicates.length,
            confirmedAt: c.confirmed_at ?? c.created_at,
            now,
          }),
          duplicates,
        };
      })
      .sort((a, b) => a.quality.score - b.quality.score)
      .slice(0, limit);
    return { now, counts, trend, worst };
  }

  /** The survivor's id for a merged record's old id; the id itself otherwise. */
  const resolve = (id: string): string => survivorOf.get(id)?.survivor_id ?? id;

  return { create, update, saveContact, removeContact, saveAsset, confirm, logInteraction, duplicates, duplicatePairs, qualityOverview, record, merge, transfer, resolve, segmentOf: (id: string) => customerById.get(id)?.segment ?? null };
}

/** Events that change nothing a merge screen shows of a record (see `versionOf`). */
const UNSEEN_BY_MERGE: RecordEventType[] = ['CUSTOMER_CONFIRMED', 'CONTACT_CHANGED', 'ASSET_CHANGED', 'INTERACTION_LOGGED'];

export function toRecordCustomer(c: CustomerRow, version: number): RecordCustomer {
  return {
    ...toCustomerSummary(c),
    // None of its own: shown empty (numbers are read in the desk's), not as the desk's as if chosen.
    country: c.country,
    updatedAt: c.updated_at,
    confirmedAt: c.confirmed_at,
    erasedAt: c.erased_at,
    version,
  };
}
