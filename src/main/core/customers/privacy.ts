import { say } from '../../../shared/messageKeys';
import { ApiError } from '../../../shared/api';
import { customerLog, type RecordActor } from './customerLog';
import type { ExpressionBuilder } from 'kysely';
import { param, type Sql } from '../db/exec';
import type { Database } from '../db/schema';
import { settleInteractions } from '../stagedInteractions';
import { csatCounter, type CsatScore } from '../kb/csatCounts';
import { CUSTOMER_STREAM } from '../../../shared/customerStream';
import { KNOWLEDGE_STREAM } from '../../../shared/kb/knowledgeStream';
import { TICKET_STREAM } from '../../../shared/ticketLog';
import { ERASED_TEXT, erasedEvent, erasedLabel, erasedRecord, erasureOf, namesIn, PERSONAL_FIELDS, type Erasure, type RecordCopy } from '../../../shared/erasure';
import type { ErasedIdentity } from '../import/rejectsFiles';
import type { OutboxEnvelope } from '../../../shared/ticketLog/envelope';
import { customerWords } from './nameWords';
import { ticketNumber } from '../../../shared/domain';
import { KEYED_KINDS } from '../import/importKeys';

// Who opened whose record, and the customer's rights over what the desk holds on them.
//
// The audit log costs a lookup almost nothing: an opening is pushed onto an in-memory
// list and written with every other opening of the last second in one transaction (and at
// close), never in the agent's own call. A crash loses at most that second of log.
// Erasure removes or anonymises every personal field (name, email, phone, contacts, the
// text of interactions, personal values in the record's history) and keeps tickets,
// their event logs and the statistics built on them.

export const AUDIT_FLUSH_MS = 1_000;
export type AccessReason = 'lookup' | 'view' | 'ticket' | 'record' | 'export';

/**
 * The access log. A desk opened read-only (the CLI's lookup and stats, a read-only folder)
 * cannot write, so it records nothing: those reads are an admin's at a terminal.
 */
export function accessLog(db: Sql, timers: { setInterval: typeof setInterval; clearInterval: typeof clearInterval } = globalThis, readOnly = false) {
  const pending: { at: number; user_id: string; customer_id: string; reason: AccessReason; ticket_id: string | null }[] = [];
  const insert = db.sqlite.prepare('INSERT INTO record_access (at, user_id, customer_id, reason, ticket_id) VALUES (?, ?, ?, ?, ?)');
  const flush = () => {
    if (pending.length === 0 || !db.sqlite.open) return;
    const rows = pending.splice(0);
    db.write(() => {
      for (const r of rows) insert.run(r.at, r.user_id, r.customer_id, r.reason, r.ticket_id);
    });
  };
  const timer = timers.setInterval(flush, AUDIT_FLUSH_MS);
  (timer as { unref?: () => void }).unref?.();
  return {
    opened(userId: string, customerId: string, reason: AccessReason, ticketId: string | null, at: number): void {
      if (readOnly) return;
      pending.push({ at, user_id: userId, customer_id: customerId, reason, ticket_id: ticketId });
    },
    flush,
    stop(): void {
      timers.clearInterval(timer);
      flush();
    },
  };
}
export type AccessLog = ReturnType<typeof accessLog>;

export function customerPrivacy(db: Sql, onErased: (who: ErasedIdentity) => void = () => undefined) {
  const k = db.kysely;
  const log = customerLog(db);
  const customer = db.prepare<{ id: string; name: string; erased_at: number | null }, [string]>(k.selectFrom('customers').select(['id', 'name', 'erased_at']).where('id', '=', param<string>()));

  function audit(filter: { customerId: string | null; userId: string | null; from: number | null; to: number | null; limit: number }) {
    let q = k
      .selectFrom('record_access as r')
      .leftJoin('users as u', 'u.id', 'r.user_id')
      .leftJoin('customers as c', 'c.id', 'r.customer_id')
      // A record merged away since is named by the record it was merged into (its old id opens that one).
      .leftJoin('customer_merges as m', 'm.merged_id', 'r.customer_id')
      .leftJoin('customers as s', 's.id', 'm.survivor_id')
      .leftJoin('tickets as t', 't.id', 'r.ticket_id')
      .select((eb) => ['r.at', 'r.user_id', 'u.name as user_name', 'r.customer_id', eb.fn.coalesce('c.name', 's.name').as('customer_name'), 'r.reason', 'r.ticket_id', 't.number as ticket_number']);
    if (filter.customerId) q = q.where('r.customer_id', '=', filter.customerId);
    if (filter.userId) q = q.where('r.user_id', '=', filter.userId);
    if (filter.from !== null) q = q.where('r.at', '>=', filter.from);
    if (filter.to !== null) q = q.where('r.at', '<', filter.to);
    return db.all(q.orderBy('r.at', 'desc').limit(filter.limit));
  }

  /** Everything the desk holds on one customer, as one JSON document. */
  function exportAll(customerId: string): Record<string, unknown> {
    const c = db.get(k.selectFrom('customers').selectAll().where('id', '=', customerId));
    if (!c) throw new ApiError('not_found', say('customerNotFound'));
    const merged = db.all(k.selectFrom('customer_merges').select(['merged_id', 'at']).where('survivor_id', '=', customerId));
    const ids = [customerId, ...merged.map((m) => m.merged_id)];
    const tickets = db.all(k.selectFrom('tickets').select(['id', 'number', 'subject', 'description', 'state', 'priority', 'segment', 'channel', 'created_at', 'updated_at', 'service_tag']).where('customer_id', '=', customerId));
    return {
      exportedFormat: 'tagdesk.customer.v1',
      customer: c,
      contacts: db.all(k.selectFrom('contacts').selectAll().where('customer_id', '=', customerId)),
      systems: db.all(k.selectFrom('assets').selectAll().where('customer_id', '=', customerId)),
      ownership: db.all(k.selectFrom('asset_owners').selectAll().where('customer_id', '=', customerId)),
      tickets: tickets.map((t) => ({
        ...t,
        events: db.all(k.selectFrom('ticket_events').select(['type', 'at', 'actor_id', 'payload']).where('ticket_id', '=', t.id).orderBy('seq')).map((e) => ({ ...e, payload: JSON.parse(e.payload) as unknown })),
      })),
      // The scores they gave the desk and what they wrote with them (and when a supervisor followed one up).
      satisfaction: db.sqlite
        .prepare<[string], { ticket_id: string; number: number; score: number; comment: string; source: string; at: number; followed_up_at: number | null }>(
          'SELECT c.ticket_id, t.number, c.score, c.comment, c.source, c.at, c.followed_up_at FROM tickets t JOIN csat c ON c.ticket_id = t.id WHERE t.customer_id = ? ORDER BY c.at',
        )
        .all(customerId)
        .map((r) => ({ ticketId: r.ticket_id, ticketNumber: ticketNumber(r.number), score: r.score, comment: r.comment, source: r.source, at: r.at, followedUpAt: r.followed_up_at })),
      interactions: [
        ...db.all(k.selectFrom('interactions').selectAll().where('customer_id', '=', customerId)),
        ...db.all(k.selectFrom('interactions_pending').select(['id', 'customer_id', 'ticket_id', 'channel', 'direction', 'at', 'summary', 'user_id']).where('customer_id', '=', customerId)),
      ].sort((a, b) => a.at - b.at),
      history: db.all(k.selectFrom('customer_events').selectAll().where('customer_id', 'in', ids).orderBy('at')).map((e) => ({ ...e, payload: JSON.parse(e.payload) as unknown })),
      mergedFrom: merged,
      // The ids this record had in the desks it was imported from. A customer's or contact's
      // (an email, a name, the old desk's number for them) is kept only as a keyed hash, so
      // that a second import links to this record: the export says so rather than showing it as an id.
      importedAs: db
        .all(k.selectFrom('import_ids').select(['source', 'kind', 'external_id']).where('local_id', '=', customerId))
        .map((r) => ({ source: r.source, kind: r.kind, externalId: r.external_id, externalIdIs: KEYED_KINDS.has(r.kind) ? ('keyed hash' as const) : ('id' as const) })),
      accessLog: db.all(k.selectFrom('record_access').selectAll().where('customer_id', '=', customerId).orderBy('at')),
    };
  }

  function erase(actor: RecordActor, customerId: string, now: number): void {
    const c = customer.get(customerId);
    if (!c) throw new ApiError('not_found', say('customerNotFound'));
    if (c.erased_at !== null) throw new ApiError('conflict', say('alreadyErased'));
    const who = db.write(() => {
      const erased = erasePersonalData(db, customerId, now);
      log.append(customerId, 'CUSTOMER_ERASED', now, actor, { entity: 'customer', entityId: customerId, changes: [] });
      return erased;
    });
    onErased(who);
  }

  /** Interactions older than `days` that belong to no ticket (tickets keep theirs): what retention removes. */
  const beyond = (days: number, now: number) => (eb: ExpressionBuilder<Database, 'interactions'>) => eb.and([eb('at', '<', now - days * 86_400_000), eb('ticket_id', 'is', null)]);

  function applyRetention(days: number | null, now: number): number {
    if (days === null) return 0;
    return db.write(() => Number(db.run(k.deleteFrom('interactions').where(beyond(days, now))).changes));
  }

  /** How many interactions applyRetention(days) would remove now. */
  function retentionWouldRemove(days: number | null, now: number): number {
    if (days === null) return 0;
    return Number(db.get(k.selectFrom('interactions').select((eb) => eb.fn.countAll<number>().as('n')).where(beyond(days, now)))?.n ?? 0);
  }

  const retentionDays = (): number | null => {
    const r = db.get(k.selectFrom('meta').select('value').where('key', '=', 'interaction_retention_days'));
    return r ? (JSON.parse(r.value) as number | null) : null;
  };
  const setRetentionDays = (days: number | null) =>
    db.write(() => db.run(k.insertInto('meta').values({ key: 'interaction_retention_days', value: JSON.stringify(days) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(days) }))));

  return { audit, exportAll, erase, applyRetention, retentionWouldRemove, retentionDays, setRetentionDays };
}


/**
 * Removes or anonymises every personal field held on one customer (inside the caller's
 * write): on the desk that erases, and on every desk the erasure reaches through the hub.
 */
export function erasePersonalData(db: Sql, customerId: string, now: number): ErasedIdentity {
  const k = db.kysely;
  const label = erasedLabel(customerId);
  const row = db.get(k.selectFrom('customers').select(['name', 'email', 'phone']).where('id', '=', customerId));
  const name = row?.name ?? label;
  // Who they were, for the desk's files outside the database (an import's rejects) to lose too.
  const contacts = db.all(k.selectFrom('contacts').select(['name', 'email', 'phone']).where('customer_id', '=', customerId));
  const serviceTags = db.all(k.selectFrom('assets').select('service_tag').where('customer_id', '=', customerId)).map((a) => a.service_tag);
  const present = (xs: (string | null | undefined)[]) => xs.filter((x): x is string => typeof x === 'string' && x !== '');
  // Nobody finds them by a word of the name they had (their label is found as before, by its start).
  customerWords(db.sqlite).set(customerId, null);
  db.run(k.updateTable('customers').set({ name: label, name_key: label.toLowerCase(), email: null, phone: null, erased_at: now, updated_at: now }).where('id', '=', customerId));
  db.run(k.deleteFrom('contacts').where('customer_id', '=', customerId));
  db.run(k.updateTable('tickets').set({ customer_name: label }).where('customer_id', '=', customerId));
  // What the customer said is personal; that a call happened, when and on which ticket, is statistics.
  settleInteractions(db.sqlite);
  db.run(k.updateTable('interactions').set({ summary: ERASED_TEXT }).where('customer_id', '=', customerId));
  // So is a satisfaction comment; the score stays. The daily counts lose the comment with it
  // (as an example, and as a feature request if it was one).
  const counts = csatCounter(db.sqlite);
  const commented = db.sqlite.prepare<[string], CsatScore & { ticket_id: string }>(
    "SELECT c.ticket_id, c.at, c.segment, c.tier, c.product_line, c.score, c.comment FROM tickets t JOIN csat c ON c.ticket_id = t.id WHERE t.customer_id = ? AND c.comment <> ''",
  );
  const eraseComment = db.sqlite.prepare<[string, string]>('UPDATE csat SET comment = ? WHERE ticket_id = ?');
  for (const s of commented.all(customerId)) {
    eraseComment.run(ERASED_TEXT, s.ticket_id);
    counts.replaced(s, { ...s, comment: ERASED_TEXT });
  }
  // The history keeps which fields changed, when and by whom; the values go. The customers
  // who owned one of her systems before or after her keep their own details, and lose her
  // name where a transfer named her as the owner.
  const merged = db.all(k.selectFrom('customer_merges').select('merged_id').where('survivor_id', '=', customerId)).map((m) => m.merged_id);
  const hers = new Set([customerId, ...merged]);
  const others = db.sqlite
    .prepare<[string], string>('SELECT DISTINCT o2.customer_id FROM asset_owners o1 JOIN asset_owners o2 ON o2.asset_id = o1.asset_id WHERE o1.customer_id = ? AND o2.customer_id <> o1.customer_id')
    .pluck()
    .all(customerId)
    .filter((id) => !hers.has(id));
  const history = db.all(k.selectFrom('customer_events').select(['id', 'customer_id', 'payload']).where('customer_id', 'in', [...hers, ...others])).map((e) => ({ ...e, before: JSON.parse(e.payload) as RecordCopy }));
  const erasure: Erasure = { names: new Set([name, ...namesIn(history.filter((e) => hers.has(e.customer_id)).map((e) => e.before))]), whole: hers, label };
  for (const e of history) {
    const after = erasedRecord(e.before, e.customer_id, erasure);
    if (after !== e.before) db.run(k.updateTable('customer_events').set({ payload: JSON.stringify(after) }).where('id', '=', e.id));
  }
  const tickets = db.all(k.selectFrom('tickets').select('id').where('customer_id', '=', customerId)).map((t) => t.id);
  eraseCopies(db, tickets, erasure, others);
  return {
    names: [...erasure.names, ...contacts.map((c) => c.name)].filter((n) => n !== label),
    emails: present([row?.email, ...contacts.map((c) => c.email)]),
    phones: present([row?.phone, ...contacts.map((c) => c.phone)]),
    serviceTags,
  };
}

/**
 * Events made on another desk before an erasure reached it arrive here after it: whether a
 * customer was erased here, and the label they go by (null if not erased).
 */
export function erasedCustomers(sqlite: Sql['sqlite']) {
  const label = sqlite.prepare<[string], string>('SELECT name FROM customers WHERE id = ? AND erased_at IS NOT NULL').pluck();
  return {
    labelOf: (customerId: string): string | null => label.get(customerId) ?? null,
  };
}

/**
 * A record event for a customer erased here: what to apply (no personal value; nothing of a
 * contact, as erasure removed them all) and what the history keeps (as erasure leaves it).
 * Another desk that applied it before its erasure ends the same way.
 */
export function lateForErased<P extends RecordCopy & { entity: string; changes: { field: string; from: unknown; to: unknown }[] }>(p: P, customerId: string): { apply: P | null; keep: P } {
  const keep = erasedRecord(p, customerId, erasureOf(customerId));
  if (p.entity === 'contact') return { apply: null, keep };
  return { apply: { ...p, changes: p.changes.filter((c) => !PERSONAL_FIELDS.has(c.field)) }, keep };
}

/**
 * The copies of what erasure removed: the first event of each of the customer's tickets
 * names them, a satisfaction event keeps the comment, and the outbox holds all of these (and
 * the record's events) until the hub has them, so nothing personal leaves the desk after an
 * erasure. kb_events has no index by ticket: the satisfaction events are read whole, once
 * per erasure, which an admin asks for by hand.
 */
function eraseCopies(db: Sql, tickets: string[], erasure: Erasure, others: readonly string[]): void {
  const s = db.sqlite;
  const named = s.prepare<[string, string]>("UPDATE ticket_events SET payload = json_set(payload, '$.customerName', ?) WHERE ticket_id = ? AND seq = 1 AND json_type(payload, '$.customerName') = 'text'");
  for (const t of tickets) named.run(erasure.label, t);
  const ticketIds = JSON.stringify(tickets);
  s.prepare<[string, string]>(
    `UPDATE kb_events SET payload = json_set(payload, '$.comment', ?)
     WHERE type = 'csat.recorded' AND json_extract(payload, '$.comment') <> '' AND json_extract(payload, '$.ticketId') IN (SELECT value FROM json_each(?))`,
  ).run(ERASED_TEXT, ticketIds);
  const waiting = s.prepare<[string, string, string], { desk_seq: number; body: string }>(
    `SELECT desk_seq, body FROM outbox
     WHERE (stream = '${CUSTOMER_STREAM}' AND json_extract(body, '$.entityId') IN (SELECT value FROM json_each(?)))
        OR (stream = '${TICKET_STREAM}' AND json_extract(body, '$.type') = 'CREATED' AND json_extract(body, '$.entityId') IN (SELECT value FROM json_each(?)))
        OR (stream = '${KNOWLEDGE_STREAM}' AND json_extract(body, '$.type') = 'csat.recorded' AND json_extract(body, '$.payload.ticketId') IN (SELECT value FROM json_each(?)))`,
  );
  const rewrite = s.prepare<[string, number]>('UPDATE outbox SET body = ? WHERE desk_seq = ?');
  // A refused change to the record keeps the values its author typed (sync/conflicts.ts): erasure removes them.
  s.prepare<[string]>(`UPDATE sync_conflicts SET written = NULL WHERE stream = '${CUSTOMER_STREAM}' AND written IS NOT NULL AND entity_id IN (SELECT value FROM json_each(?))`).run(
    JSON.stringify([...erasure.whole, ...others]),
  );
  for (const row of waiting.all(JSON.stringify([...erasure.whole, ...others]), ticketIds, ticketIds)) {
    const e = JSON.parse(row.body) as OutboxEnvelope;
    const kept = erasedEvent(e, erasure);
    if (kept !== e) rewrite.run(JSON.stringify(kept), row.desk_seq);
  }
}

export type CustomerPrivacy = ReturnType<typeof customerPrivacy>;
