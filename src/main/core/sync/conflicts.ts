import { ticketNumber } from '../../../shared/domain';
import type { ConflictRecord, SyncConflict } from '../../../shared/syncApi';
import { conflictSummaryLine, nextStepLine, orderConflicts, writtenOf } from '../../../shared/conflictText';
import { param, type Sql } from '../db/exec';
import type { SyncConflictTable } from '../db/schema';
import { isDeskAccountSql } from './deskAccounts';

// Conflicts: changes made on this desk that the hub refused, or that the rebase found no
// longer apply on the hub's newer state. Each is kept for its author with what they tried,
// why it did not go through and what they can do now, until they dismiss it. The change
// itself is gone from the outbox and undone on the ticket: the hub's state stands. What its
// author typed into it (a note, a subject, a record's new values) is kept with the conflict,
// for them to copy and use again.

export interface NewConflict {
  eventId: string;
  stream: string;
  entityId: string;
  ticketNumber: string | null;
  type: string;
  actorId: string;
  deskTime: number;
  reason: string;
  refusedAt: number;
  payload: Record<string, unknown>;
}

export function conflictStore(db: Sql) {
  const k = db.kysely;
  const has = db.prepare<{ one: number }, [string]>(k.selectFrom('sync_conflicts').select((eb) => eb.lit(1).as('one')).where('event_id', '=', param<string>()));
  const insert = db.prepare<never, [string, string, string, string | null, string, string, string, string, string, number, number, string | null]>(
    k
      .insertInto('sync_conflicts')
      .values({
        event_id: param<string>(),
        stream: param<string>(),
        entity_id: param<string>(),
        ticket_number: param<string | null>(),
        type: param<string>(),
        summary: param<string>(),
        reason: param<string>(),
        next_step: param<string>(),
        actor_id: param<string>(),
        desk_time: param<number>(),
        refused_at: param<number>(),
        written: param<string | null>(),
      })
      .onConflict((c) => c.column('event_id').doNothing()),
  );
  const recordOf = recordLookup(db);
  return {
    has: (eventId: string): boolean => has.get(eventId) !== undefined,
    record(c: NewConflict): void {
      insert.run(c.eventId, c.stream, c.entityId, c.ticketNumber, c.type, conflictSummaryLine(c), c.reason, nextStepLine(c), c.actorId, c.deskTime, c.refusedAt, writtenOf(c));
    },
    /**
     * Open conflicts: of one person (and, with `deskAccounts`, of this desk's own accounts and of
     * people deactivated, for an admin: answersForDeskWork), or of everyone on this desk.
     */
    count(actorId?: string, deskAccounts = false): number {
      if (!actorId) return Number(db.sqlite.prepare('SELECT count(*) FROM sync_conflicts WHERE dismissed_at IS NULL').pluck().get() ?? 0);
      return Number(db.sqlite.prepare(`SELECT count(*) FROM sync_conflicts c WHERE c.dismissed_at IS NULL AND ${whose(deskAccounts)}`).pluck().get(actorId) ?? 0);
    },
    /**
     * One person's open conflicts, in the order to read them (orderConflicts); with
     * `deskAccounts` (an admin), the desk's own accounts' and deactivated people's too, each
     * naming the account (deskAccount) or the person (deactivatedAuthor).
     */
    list(actorId: string, deskAccounts = false): SyncConflict[] {
      const rows = (
        db.sqlite
          .prepare(`SELECT c.*, CASE WHEN c.actor_id = ? THEN NULL ELSE u.name END AS other, u.active = 0 AND NOT ${isDeskAccountSql('c.actor_id')} AS gone FROM sync_conflicts c LEFT JOIN users u ON u.id = c.actor_id WHERE c.dismissed_at IS NULL AND ${whose(deskAccounts)}`)
          .all(actorId, actorId) as (Row & { other: string | null; gone: number | null })[]
      ).map((r) => ({
        eventId: r.event_id,
        stream: r.stream,
        entityId: r.entity_id,
        ticketNumber: r.ticket_number,
        type: r.type,
        summary: r.summary,
        reason: r.reason,
        nextStep: r.next_step,
        actorId: r.actor_id,
        deskTime: r.desk_time,
        refusedAt: r.refused_at,
        written: r.written,
        ...(r.other === null ? {} : r.gone === 1 ? { deactivatedAuthor: r.other } : { deskAccount: r.other }),
        ...(r.stream === 'ticket' ? {} : { record: recordOf(r.stream, r.event_id, r.entity_id) }),
      }));
      return orderConflicts(rows);
    },
    /** The author (or, with `deskAccounts`, an admin for a desk account) has seen it: false when it is not theirs or not open. */
    dismiss(actorId: string, eventId: string, now: number, deskAccounts = false): boolean {
      return db.sqlite.prepare(`UPDATE sync_conflicts AS c SET dismissed_at = ? WHERE c.event_id = ? AND c.dismissed_at IS NULL AND ${whose(deskAccounts)}`).run(now, eventId, actorId).changes > 0;
    },
  };
}
export type ConflictStore = ReturnType<typeof conflictStore>;

/** A conflict as the list reads it: the stored row, dismissed or not being already asked. */
type Row = Omit<SyncConflictTable, 'dismissed_at'>;

/**
 * The conflicts one person reads (its one parameter: their id): their own, and with `deskAccounts`
 * (an admin) those access.ts refusalsGoToAdmins gives them: the desk's own accounts' and those of
 * people the hub deactivated (who cannot sign in to read them).
 */
const whose = (deskAccounts: boolean): string =>
  deskAccounts ? `(c.actor_id = ? OR ${isDeskAccountSql('c.actor_id')} OR EXISTS (SELECT 1 FROM users g WHERE g.id = c.actor_id AND g.active = 0))` : 'c.actor_id = ?';

/**
 * What a refused change of another stream than tickets was about, as this desk knows it now:
 * the customer's name (or that it was erased, or merged into another), the contact's name, the
 * system's service tag, the policy's, calendar's, article's or account's name, the rated
 * ticket's number; and where to open it. Never an id for a person to read: what is gone is
 * said to be gone.
 */
function recordLookup(db: Sql) {
  const one = <T>(text: string) => db.sqlite.prepare(text) as unknown as { get(...a: unknown[]): T | undefined };
  const customer = one<{ name: string; erased_at: number | null }>('SELECT name, erased_at FROM customers WHERE id = ?');
  const mergedInto = one<{ survivor_id: string }>('SELECT survivor_id FROM customer_merges WHERE merged_id = ?');
  const customerEvent = one<{ payload: string }>('SELECT payload FROM customer_events WHERE id = ?');
  const contact = one<{ name: string }>('SELECT name FROM contacts WHERE customer_id = ? AND id = ?');
  const asset = one<{ service_tag: string }>('SELECT service_tag FROM assets WHERE id = ?');
  const policy = one<{ body: string }>('SELECT body FROM sla_policies WHERE id = ?');
  const calendar = one<{ body: string }>('SELECT body FROM sla_calendars WHERE id = ?');
  const settingsEvent = one<{ entity: string }>('SELECT entity FROM settings_events WHERE id = ?');
  const article = one<{ title: string }>('SELECT title FROM kb_articles WHERE id = ?');
  const ticket = one<{ number: number }>('SELECT number FROM tickets WHERE id = ?');
  const user = one<{ name: string }>('SELECT name FROM users WHERE id = ?');
  const nameIn = (body: string | undefined): string | null => {
    if (body === undefined) return null;
    try {
      const v = JSON.parse(body) as { name?: unknown };
      return typeof v.name === 'string' && v.name.trim() !== '' ? v.name : null;
    } catch {
      return null;
    }
  };
  const none: ConflictRecord = { name: null, customer: null, gone: null, mergedInto: null, link: null };

  function ofCustomer(customerId: string): ConflictRecord {
    const c = customer.get(customerId);
    if (c && c.erased_at === null) return { ...none, customer: c.name, link: { to: 'customer', id: customerId } };
    if (c) return { ...none, gone: 'erased' };
    const survivor = mergedInto.get(customerId)?.survivor_id;
    const s = survivor === undefined ? undefined : customer.get(survivor);
    if (survivor !== undefined) return { ...none, gone: 'merged', mergedInto: s && s.erased_at === null ? s.name : null, link: s && s.erased_at === null ? { to: 'customer', id: survivor } : null };
    return { ...none, gone: 'missing' };
  }

  return (stream: string, eventId: string, entityId: string): ConflictRecord => {
    switch (stream) {
      case 'customer': {
        const rec = ofCustomer(entityId);
        let p: { entity?: unknown; entityId?: unknown } = {};
        try {
          p = JSON.parse(customerEvent.get(eventId)?.payload ?? '{}') as typeof p;
        } catch {
          // An unreadable payload: the customer alone names the change.
        }
        if (typeof p.entityId !== 'string') return rec;
        if (p.entity === 'contact') {
          // A contact is read under its customer (the one it was merged into, if so).
          const under = rec.link?.to === 'customer' ? rec.link.id : null;
          return { ...rec, name: under === null ? null : (contact.get(under, p.entityId)?.name ?? null) };
        }
        if (p.entity === 'asset') return { ...rec, name: asset.get(p.entityId)?.service_tag ?? null };
        return rec;
      }
      case 'settings': {
        const entity = settingsEvent.get(eventId)?.entity;
        const pol = entity === 'calendar' ? undefined : policy.get(entityId);
        if (pol) return { ...none, name: nameIn(pol.body), link: { to: 'slaPolicy', id: entityId } };
        const cal = entity === 'policy' ? undefined : calendar.get(entityId);
        if (cal) return { ...none, name: nameIn(cal.body), link: { to: 'slaCalendar', id: entityId } };
        return { ...none, link: { to: 'slaSettings' } };
      }
      case 'knowledge': {
        const a = article.get(entityId);
        if (a) return { ...none, name: a.title, link: { to: 'kbArticle', id: entityId } };
        const ticketId = entityId.startsWith('csat:') ? entityId.slice(5) : entityId;
        const t = ticket.get(ticketId);
        return t ? { ...none, name: ticketNumber(t.number), link: { to: 'ticket', id: ticketId, number: ticketNumber(t.number) } } : none;
      }
      case 'user':
        return { ...none, name: user.get(entityId)?.name ?? null };
      default:
        return none;
    }
  };
}
