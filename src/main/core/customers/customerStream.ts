import { recordEventTypeSchema, type FieldChange, type RecordEventType } from '../../../shared/customerEvents';
import { nameKey, parseDate } from '../../../shared/customerRules';
import { CUSTOMER_STREAM, customerStreamPayloadSchema, type CustomerStreamPayload } from '../../../shared/customerStream';
import type { OutboxEnvelope } from '../../../shared/ticketLog/envelope';
import type { Sql } from '../db/exec';
import { uuidv7 } from '../ids';
import type { StreamApplier } from '../sync/stream';
import { erasedCustomers, erasePersonalData, lateForErased } from './privacy';
import { ERASED_TEXT } from '../../../shared/erasure';
import type { ErasedIdentity } from '../import/rejectsFiles';
import { settleInteractions } from '../stagedInteractions';
import { systemTickets, type SystemFields } from './systemTickets';
import { noteTransferOnOpenTickets } from './transferNotes';
import { customerWords } from './nameWords';

// Applies 'customer' events the hub accepted from other desks to this desk's tables.
//
// - Idempotent by event id: an event already in customer_events (applied before, or made
//   here and come back from the hub) changes nothing.
// - Field-level: a change sets only the fields it names, to their new values, so a remote
//   change to the phone leaves a local change to the email alone; the later event in the
//   hub's order wins a field both changed.
// - It writes the event into the record's history (customer_events) and never into the
//   outbox: the hub already has it.
// - A change to a record merged away meanwhile (a desk edited it offline while another merged
//   it) lands on its survivor (customer_merges), as reads do (records.ts, resolve): the hub's
//   order puts it after the merge, so it wins the fields it sets. On its author's desk the
//   change was applied to the old record before the merge arrived: the merge applies it again
//   to the survivor while it waits to be sent, and once more when the hub sends it back in its
//   place in the log, so every desk ends the same.
//
// The sync engine registers it for the stream 'customer' (see src/main/core/sync/stream.ts).

const CUSTOMER_COLUMNS: Record<string, string> = {
  kind: 'kind',
  name: 'name',
  segment: 'segment',
  serviceLevel: 'service_level',
  email: 'email',
  phone: 'phone',
  country: 'country',
  locale: 'locale',
};
const CONTACT_COLUMNS: Record<string, string> = { name: 'name', role: 'role', email: 'email', phone: 'phone' };
const ASSET_COLUMNS: Record<string, string> = {
  serviceTag: 'service_tag',
  productLine: 'product_line',
  model: 'model',
  shipDate: 'ship_date',
  warrantyLevel: 'warranty_level',
  warrantyEnd: 'warranty_end',
};
const DATE_FIELDS = new Set(['shipDate', 'warrantyEnd']);

type Row = Record<string, string | number | null>;

/** The columns and values a change sets, for the fields this table has. */
function columnsOf(changes: readonly FieldChange[], columns: Record<string, string>): Row {
  const out: Row = {};
  for (const c of changes) {
    const column = columns[c.field];
    if (!column) continue;
    const v = c.to;
    if (DATE_FIELDS.has(c.field) && typeof v === 'string') {
      const d = parseDate(v);
      if (d.ok) out[column] = d.at;
      continue;
    }
    out[column] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  return out;
}

export function customerStreamApplier(db: Sql, onErased: (who: ErasedIdentity) => void = () => undefined): StreamApplier {
  const s = db.sqlite;
  const tickets = systemTickets(s);
  const systemFields = s.prepare<[string], SystemFields>('SELECT service_tag, product_line FROM assets WHERE id = ?');
  const known = s.prepare('SELECT 1 FROM customer_events WHERE id = ?').pluck();
  const customerExists = s.prepare('SELECT 1 FROM customers WHERE id = ?').pluck();
  const assetExists = s.prepare('SELECT 1 FROM assets WHERE id = ?').pluck();
  const userExists = s.prepare('SELECT 1 FROM users WHERE id = ?').pluck();
  const ticketExists = s.prepare('SELECT 1 FROM tickets WHERE id = ?').pluck();
  // The ticket stream of the same pulled batch is applied first (apply.ts), and a ticket whose
  // customer or system this desk has not heard of yet gets a stand-in (apply.ts, ensureRefs):
  // the customer with only the name and segment the ticket carries, no history; the system
  // with only its tag. The creation that comes after fills the stand-in in.
  // 1 for a stand-in, 0 for a customer with a history, nothing for none.
  const standInCustomer = s.prepare<[string], number>('SELECT NOT EXISTS (SELECT 1 FROM customer_events e WHERE e.customer_id = c.id) FROM customers c WHERE c.id = ?').pluck();
  const standInAsset = s.prepare("SELECT 1 FROM assets WHERE id = ? AND product_line = '' AND model = ''").pluck();
  const erased = erasedCustomers(s);
  const words = customerWords(s);
  const survivor = s.prepare<[string], string>('SELECT survivor_id FROM customer_merges WHERE merged_id = ?').pluck();
  /** The record a change to this id lands on: itself, or its survivor when it was merged away. */
  const live = (id: string): string => {
    let at = id;
    for (let hops = 0; hops < 16 && !customerExists.get(at); hops++) {
      const next = survivor.get(at);
      if (!next || next === at) break;
      at = next;
    }
    return at;
  };
  const deskId = s.prepare<[], string>("SELECT value FROM meta WHERE key = 'desk_id'").pluck();
  // This desk's own changes to a record, still waiting to be sent (the merge applies them again to its survivor).
  const waiting = s.prepare<[string, string], { body: string }>(
    `SELECT body FROM outbox WHERE stream = ? AND json_extract(body, '$.entityId') = ? ORDER BY desk_seq`,
  );
  const insertEvent = s.prepare('INSERT INTO customer_events (id, customer_id, type, at, actor_id, actor_name, actor_role, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');

  const update = (table: 'customers' | 'assets', id: string, row: Row, extra: Row = {}) => {
    const all = { ...row, ...extra };
    const cols = Object.keys(all);
    if (cols.length === 0) return;
    s.prepare(`UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => all[c]), id);
  };
  const insert = (table: 'customers' | 'contacts' | 'assets', row: Row) => {
    const cols = Object.keys(row);
    s.prepare(`INSERT OR IGNORE INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
  };

  function applyCustomer(type: RecordEventType, customerId: string, p: CustomerStreamPayload, at: number): void {
    const cols = columnsOf(p.changes, CUSTOMER_COLUMNS);
    const named: Row = typeof cols.name === 'string' ? { name_key: nameKey(cols.name) } : {};
    switch (type) {
      case 'CUSTOMER_CREATED':
      case 'CUSTOMER_IMPORTED': {
        const held = standInCustomer.get(customerId);
        if (held === 0) return;
        const standIn = held === 1;
        const row: Row = {
          kind: 'person',
          segment: p.segment,
          service_level: 'standard',
          locale: 'en-US',
          ...cols,
          name: typeof cols.name === 'string' ? cols.name : '',
          name_key: nameKey(typeof cols.name === 'string' ? cols.name : ''),
          created_at: at,
          updated_at: at,
          confirmed_at: type === 'CUSTOMER_CREATED' ? at : null,
        };
        words.set(customerId, row.name as string);
        if (standIn) update('customers', customerId, row);
        else insert('customers', { id: customerId, ...row });
        return;
      }
      case 'CUSTOMER_CHANGED': {
        const target = live(customerId);
        if (typeof cols.name === 'string') words.set(target, cols.name);
        update('customers', target, cols, named);
        if (typeof cols.name === 'string') s.prepare('UPDATE tickets SET customer_name = ? WHERE customer_id = ?').run(cols.name, target);
        return;
      }
      case 'CUSTOMER_CONFIRMED':
        s.prepare('UPDATE customers SET confirmed_at = max(coalesce(confirmed_at, 0), ?) WHERE id = ?').run(at, live(customerId));
        return;
      case 'CUSTOMER_ERASED':
        if (s.prepare('SELECT erased_at FROM customers WHERE id = ?').pluck().get(customerId) === null) onErased(erasePersonalData(db, customerId, at));
        return;
      case 'CUSTOMER_MERGED': {
        const mergedId = p.note?.mergedId;
        // Two events tell of a merge, one on each record; the survivor's does the moving.
        if (p.note?.survivorId !== customerId || typeof mergedId !== 'string' || !customerExists.get(mergedId)) return;
        settleInteractions(s);
        for (const table of ['assets', 'contacts', 'tickets', 'interactions', 'asset_owners'] as const) s.prepare(`UPDATE ${table} SET customer_id = ? WHERE customer_id = ?`).run(customerId, mergedId);
        s.prepare('UPDATE import_ids SET local_id = ? WHERE local_id = ?').run(customerId, mergedId);
        s.prepare('UPDATE customer_merges SET survivor_id = ? WHERE survivor_id = ?').run(customerId, mergedId);
        s.prepare('INSERT OR IGNORE INTO customer_merges (merged_id, survivor_id, at) VALUES (?, ?, ?)').run(mergedId, customerId, at);
        if (typeof cols.name === 'string') words.set(customerId, cols.name);
        update('customers', customerId, cols, named);
        const name = s.prepare('SELECT name FROM customers WHERE id = ?').pluck().get(customerId);
        s.prepare('UPDATE tickets SET customer_name = ? WHERE customer_id = ?').run(name, customerId);
        words.set(mergedId, null);
        s.prepare('DELETE FROM customers WHERE id = ?').run(mergedId);
        // Changes made here to the merged record that the hub has not had yet come after the
        // merge in its order: they land on the survivor now, as they will on every other desk.
        for (const row of waiting.all(CUSTOMER_STREAM, mergedId)) again(JSON.parse(row.body) as OutboxEnvelope);
        return;
      }
      default:
        return;
    }
  }

  function applyContact(type: RecordEventType, named: string, p: CustomerStreamPayload): void {
    const cols = columnsOf(p.changes, CONTACT_COLUMNS);
    // Contacts moved to the survivor with the merge.
    const customerId = live(named);
    if (type === 'CONTACT_ADDED') {
      if (customerExists.get(customerId)) insert('contacts', { id: p.entityId, customer_id: customerId, ...cols });
    } else if (type === 'CONTACT_CHANGED') {
      // A contact is stored under its customer (migration 0014): reached by both ids.
      const all = Object.keys(cols);
      if (all.length > 0) s.prepare(`UPDATE contacts SET ${all.map((c) => `${c} = ?`).join(', ')} WHERE customer_id = ? AND id = ?`).run(...all.map((c) => cols[c]), customerId, p.entityId);
    } else if (type === 'CONTACT_REMOVED') s.prepare('DELETE FROM contacts WHERE customer_id = ? AND id = ?').run(customerId, p.entityId);
  }

  function applyAsset(type: RecordEventType, customerId: string, p: CustomerStreamPayload, at: number, actorId: string | null = null): void {
    const cols = columnsOf(p.changes, ASSET_COLUMNS);
    if (type === 'ASSET_REGISTERED') {
      customerId = live(customerId);
      if (!customerExists.get(customerId)) return;
      // A tag registered here meanwhile to another system keeps its owner here; the hub's
      // order cannot make one tag two systems.
      if (typeof cols.service_tag === 'string' && s.prepare('SELECT 1 FROM assets WHERE service_tag = ? AND id != ?').pluck().get(cols.service_tag, p.entityId)) return;
      if (standInAsset.get(p.entityId)) update('assets', p.entityId, { customer_id: customerId, created_at: at, ...cols });
      else insert('assets', { id: p.entityId, customer_id: customerId, created_at: at, ...cols });
      const from = typeof cols.ship_date === 'number' ? Math.min(cols.ship_date, at) : at;
      if (!s.prepare('SELECT 1 FROM asset_owners WHERE asset_id = ?').pluck().get(p.entityId)) {
        s.prepare('INSERT INTO asset_owners (id, asset_id, customer_id, from_at, to_at) VALUES (?, ?, ?, ?, NULL)').run(uuidv7(at), p.entityId, customerId, from);
      }
    } else if (type === 'ASSET_CHANGED') {
      const before = systemFields.get(p.entityId);
      update('assets', p.entityId, cols);
      if (before) {
        tickets.corrected(p.entityId, before, {
          ...(typeof cols.service_tag === 'string' ? { service_tag: cols.service_tag } : {}),
          ...(typeof cols.product_line === 'string' ? { product_line: cols.product_line } : {}),
        });
      }
    } else if (type === 'ASSET_TRANSFERRED') {
      const note = p.note ?? {};
      // Filed under both owners; the new owner's event moves the system.
      if (note.toId !== customerId || typeof note.date !== 'string' || !customerExists.get(customerId)) return;
      const d = parseDate(note.date);
      if (!d.ok) return;
      const current = s.prepare('SELECT customer_id FROM asset_owners WHERE asset_id = ? AND to_at IS NULL').get(p.entityId) as { customer_id: string } | undefined;
      if (current?.customer_id === customerId) return;
      if (current) s.prepare('UPDATE asset_owners SET to_at = ? WHERE asset_id = ? AND to_at IS NULL').run(d.at, p.entityId);
      s.prepare('INSERT INTO asset_owners (id, asset_id, customer_id, from_at, to_at, how) VALUES (?, ?, ?, ?, NULL, ?)').run(uuidv7(at), p.entityId, customerId, d.at, typeof note.how === 'string' ? note.how : null);
      s.prepare('UPDATE assets SET customer_id = ? WHERE id = ?').run(customerId, p.entityId);
      // The note on the system's open tickets, as the desk that made the transfer wrote it.
      const tag = typeof note.serviceTag === 'string' ? note.serviceTag : (systemFields.get(p.entityId)?.service_tag ?? '');
      noteTransferOnOpenTickets(db, { assetId: p.entityId, serviceTag: tag, how: typeof note.how === 'string' ? note.how : 'sold', on: d.at, at, userId: actorId });
    }
  }

  /**
   * A contact another desk's agent logged: one interaction, on the record (its survivor, when
   * merged meanwhile), by its author, at the time it was logged. Its notes are gone when it
   * reached this desk after the customer was erased here (lateForErased took them off).
   */
  function applyInteraction(customerId: string, p: CustomerStreamPayload, at: number, actorId: string): void {
    const target = live(customerId);
    if (!customerExists.get(target)) return;
    const set = (field: string) => p.changes.find((c) => c.field === field)?.to ?? null;
    const channel = set('channel');
    const direction = set('direction');
    if (typeof channel !== 'string' || typeof direction !== 'string') return;
    const summary = set('summary');
    const assetId = set('assetId');
    const asset = typeof assetId === 'string' && assetExists.get(assetId) ? assetId : null;
    const user = userExists.get(actorId) ? actorId : null;
    // A comment an import brought names its ticket, which came before it (the same desk's outbox, in order).
    const ticketId = set('ticketId');
    const ticket = typeof ticketId === 'string' && ticketExists.get(ticketId) ? ticketId : null;
    s.prepare('INSERT OR IGNORE INTO interactions (id, customer_id, ticket_id, channel, direction, at, summary, user_id, asset_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      p.entityId,
      target,
      ticket,
      channel,
      direction,
      at,
      typeof summary === 'string' ? summary : ERASED_TEXT,
      user,
      asset,
    );
  }

  /** Which changes follow a record to its survivor. */
  const FOLLOWS = new Set<RecordEventType>(['CUSTOMER_CHANGED', 'CUSTOMER_CONFIRMED', 'CONTACT_ADDED', 'CONTACT_CHANGED', 'CONTACT_REMOVED', 'ASSET_REGISTERED']);
  /**
   * One of this desk's own changes to a record merged away since it was made here, applied
   * again (to the survivor): the history has it already.
   */
  function again(e: OutboxEnvelope): void {
    const type = recordEventTypeSchema.safeParse(e.type);
    const parsed = customerStreamPayloadSchema.safeParse(e.payload);
    if (!type.success || !parsed.success || !FOLLOWS.has(type.data) || live(e.entityId) === e.entityId) return;
    if (erased.labelOf(e.entityId) !== null || erased.labelOf(live(e.entityId)) !== null) return;
    if (parsed.data.entity === 'customer') applyCustomer(type.data, e.entityId, parsed.data, e.deskTime);
    else if (parsed.data.entity === 'contact') applyContact(type.data, e.entityId, parsed.data);
    else applyAsset(type.data, e.entityId, parsed.data, e.deskTime);
  }

  function applyOne(e: OutboxEnvelope): void {
    if (e.stream !== CUSTOMER_STREAM) return;
    if (known.get(e.id)) {
      // Made here and back from the hub, after a merge this desk applied meanwhile (the pull
      // brings the hub's log in order): it lands on the survivor in its place in that order.
      if (e.deskId === deskId.get()) again(e);
      return;
    }
    const type = recordEventTypeSchema.safeParse(e.type);
    const parsed = customerStreamPayloadSchema.safeParse(e.payload);
    // The hub re-checked it with the same schema; one that still fails is not ours to guess at.
    if (!type.success || !parsed.success) return;
    // Made on another desk before it heard that this customer was erased here: applied and
    // kept as the erasure left the rest.
    const late = type.data !== 'CUSTOMER_ERASED' && parsed.data.entity !== 'asset' && erased.labelOf(e.entityId) !== null ? lateForErased(parsed.data, e.entityId) : null;
    const apply = late ? late.apply : parsed.data;
    const p = late ? late.keep : parsed.data;
    if (apply?.entity === 'customer') applyCustomer(type.data, e.entityId, apply, e.deskTime);
    else if (apply?.entity === 'contact') applyContact(type.data, e.entityId, apply);
    else if (apply?.entity === 'interaction') applyInteraction(e.entityId, apply, e.deskTime, e.actor.id);
    else if (apply) applyAsset(type.data, e.entityId, apply, e.deskTime, e.actor.id === 'system' ? null : e.actor.id);
    // A logged contact changes no detail of the record (its author's desk leaves updated_at too).
    if ((p.entity !== 'customer' && p.entity !== 'interaction') || type.data === 'CUSTOMER_CHANGED' || type.data === 'CUSTOMER_MERGED') s.prepare('UPDATE customers SET updated_at = max(updated_at, ?) WHERE id = ?').run(e.deskTime, live(e.entityId));
    const { actorName, segment: _segment, ...record } = p;
    insertEvent.run(e.id, e.entityId, type.data, e.deskTime, e.actor.id, actorName, e.actor.role, JSON.stringify(record));
  }

  return {
    stream: CUSTOMER_STREAM,
    apply(envelopes) {
      db.write(() => {
        for (const e of envelopes) applyOne(e);
      });
    },
  };
}
