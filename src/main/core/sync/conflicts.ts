import type { SyncConflict } from '../../../shared/syncApi';
import { param, type Sql } from '../db/exec';

// Conflicts: changes made on this desk that the hub refused, or that the rebase found no
// longer apply on the hub's newer state. Each is kept for its author with what they tried,
// why it did not go through and what they can do now, until they dismiss it. The change
// itself is gone from the outbox and undone on the ticket: the hub's state stands.

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

const ACTS: Record<string, string> = {
  CREATED: 'Open a new ticket',
  TAKE: 'Take',
  ASSIGN: 'Assign',
  ESCALATE: 'Escalate',
  DEESCALATE: 'Hand back down',
  WAIT_ON_CUSTOMER: 'Wait on the customer for',
  CUSTOMER_REPLIED: 'Record the customer’s reply on',
  ADD_NOTE: 'Add a note to',
  RESOLVE: 'Resolve',
  CLOSE: 'Close',
  REOPEN: 'Reopen',
  CHANGE_PRIORITY: 'Change the priority of',
  SLA_WARNING: 'Warn about the SLA of',
  SLA_BREACH: 'Escalate on SLA breach',
};

/** What the author tried, in words: "Take ticket T-000042". */
export function summaryOf(c: Pick<NewConflict, 'stream' | 'type' | 'ticketNumber' | 'entityId' | 'payload'>): string {
  if (c.stream !== 'ticket') return `${c.type.replaceAll('_', ' ').toLowerCase()} (${c.stream} ${c.entityId})`;
  const which = c.ticketNumber ? `ticket ${c.ticketNumber}` : 'a ticket';
  if (c.type === 'CREATED') return `${ACTS.CREATED}: “${String(c.payload.subject ?? '')}”`;
  const act = ACTS[c.type] ?? c.type;
  const extra = c.type === 'CHANGE_PRIORITY' ? ` to ${String(c.payload.priority)}` : c.type === 'ADD_NOTE' && c.payload.note ? `: “${String(c.payload.note).slice(0, 80)}”` : '';
  return `${act} ${which}${extra}`;
}

/** What the author can do now. */
export function nextStepOf(c: Pick<NewConflict, 'stream' | 'type' | 'ticketNumber'>): string {
  if (c.stream !== 'ticket') return 'Open the record, check what changed, and make your change again if it is still needed.';
  switch (c.type) {
    case 'CREATED':
      return 'Open the customer and create the ticket again if it is still needed; nothing of it was kept.';
    case 'TAKE':
    case 'ASSIGN':
      return `Open ${c.ticketNumber ?? 'the ticket'} to see who has it now; take another ticket from your queue.`;
    case 'ADD_NOTE':
    case 'CUSTOMER_REPLIED':
      return `Open ${c.ticketNumber ?? 'the ticket'} and add your note again: its text is above.`;
    default:
      return `Open ${c.ticketNumber ?? 'the ticket'}, look at what changed, and do it again if it still needs doing.`;
  }
}

export function conflictStore(db: Sql) {
  const k = db.kysely;
  const has = db.prepare<{ one: number }, [string]>(k.selectFrom('sync_conflicts').select((eb) => eb.lit(1).as('one')).where('event_id', '=', param<string>()));
  const insert = db.prepare<never, [string, string, string, string | null, string, string, string, string, string, number, number]>(
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
      })
      .onConflict((c) => c.column('event_id').doNothing()),
  );
  return {
    has: (eventId: string): boolean => has.get(eventId) !== undefined,
    record(c: NewConflict): void {
      insert.run(c.eventId, c.stream, c.entityId, c.ticketNumber, c.type, summaryOf(c), c.reason, nextStepOf(c), c.actorId, c.deskTime, c.refusedAt);
    },
    /** Open conflicts: of one person, or of everyone on this desk. */
    count(actorId?: string): number {
      let qb = k.selectFrom('sync_conflicts').select((eb) => eb.fn.countAll<number>().as('n')).where('dismissed_at', 'is', null);
      if (actorId) qb = qb.where('actor_id', '=', actorId);
      return Number(db.get(qb)?.n ?? 0);
    },
    list(actorId: string): SyncConflict[] {
      return db
        .all(k.selectFrom('sync_conflicts').selectAll().where('actor_id', '=', actorId).where('dismissed_at', 'is', null).orderBy('refused_at', 'desc').orderBy('event_id', 'desc'))
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
        }));
    },
    /** The author has seen it: false when it is not theirs or not open. */
    dismiss(actorId: string, eventId: string, now: number): boolean {
      return db.run(k.updateTable('sync_conflicts').set({ dismissed_at: now }).where('event_id', '=', eventId).where('actor_id', '=', actorId).where('dismissed_at', 'is', null)).changes > 0;
    },
  };
}
export type ConflictStore = ReturnType<typeof conflictStore>;
