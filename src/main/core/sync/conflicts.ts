import type { SyncConflict } from '../../../shared/syncApi';
import { conflictSummaryLine, nextStepLine, orderConflicts, writtenOf } from '../../../shared/conflictText';
import { param, type Sql } from '../db/exec';

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
    /** Open conflicts: of one person, or of everyone on this desk. */
    count(actorId?: string): number {
      let qb = k.selectFrom('sync_conflicts').select((eb) => eb.fn.countAll<number>().as('n')).where('dismissed_at', 'is', null);
      if (actorId) qb = qb.where('actor_id', '=', actorId);
      return Number(db.get(qb)?.n ?? 0);
    },
    /** One person's open conflicts, in the order to read them (orderConflicts). */
    list(actorId: string): SyncConflict[] {
      const rows = db
        .all(k.selectFrom('sync_conflicts').selectAll().where('actor_id', '=', actorId).where('dismissed_at', 'is', null))
        .map((r) => ({
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
        }));
      return orderConflicts(rows);
    },
    /** The author has seen it: false when it is not theirs or not open. */
    dismiss(actorId: string, eventId: string, now: number): boolean {
      return db.run(k.updateTable('sync_conflicts').set({ dismissed_at: now }).where('event_id', '=', eventId).where('actor_id', '=', actorId).where('dismissed_at', 'is', null)).changes > 0;
    },
  };
}
export type ConflictStore = ReturnType<typeof conflictStore>;
