import type { SyncConflict } from '../../../shared/syncApi';
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
  return {
    has: (eventId: string): boolean => has.get(eventId) !== undefined,
    record(c: NewConflict): void {
      insert.run(c.eventId, c.stream, c.entityId, c.ticketNumber, c.type, conflictSummaryLine(c), c.reason, nextStepLine(c), c.actorId, c.deskTime, c.refusedAt, writtenOf(c));
    },
    /**
     * Open conflicts: of one person (and, with `deskAccounts`, of this desk's own accounts, for
     * an admin: answersForDeskWork), or of everyone on this desk.
     */
    count(actorId?: string, deskAccounts = false): number {
      if (!actorId) return Number(db.sqlite.prepare('SELECT count(*) FROM sync_conflicts WHERE dismissed_at IS NULL').pluck().get() ?? 0);
      return Number(db.sqlite.prepare(`SELECT count(*) FROM sync_conflicts c WHERE c.dismissed_at IS NULL AND ${whose(deskAccounts)}`).pluck().get(actorId) ?? 0);
    },
    /**
     * One person's open conflicts, in the order to read them (orderConflicts); with
     * `deskAccounts` (an admin), the desk's own accounts' too, each naming the account.
     */
    list(actorId: string, deskAccounts = false): SyncConflict[] {
      const rows = (
        db.sqlite
          .prepare(`SELECT c.*, CASE WHEN c.actor_id = ? THEN NULL ELSE u.name END AS desk_account FROM sync_conflicts c LEFT JOIN users u ON u.id = c.actor_id WHERE c.dismissed_at IS NULL AND ${whose(deskAccounts)}`)
          .all(actorId, actorId) as (Row & { desk_account: string | null })[]
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
        ...(r.desk_account === null ? {} : { deskAccount: r.desk_account }),
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

/** The conflicts one person reads (its one parameter: their id): their own, and with `deskAccounts` the desk's own accounts'. */
const whose = (deskAccounts: boolean): string => (deskAccounts ? `(c.actor_id = ? OR ${isDeskAccountSql('c.actor_id')})` : 'c.actor_id = ?');
