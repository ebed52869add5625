import { ApiError, type HandOverResult } from '../../shared/api';
import type { Actor } from '../../shared/domain';
import type { Assignee } from '../../shared/ticketLog/decide';
import type { TicketCommand } from '../../shared/ticketMachine';
import type { Sql } from './db/exec';
import { idFromText } from './db/idCodec';
import { openTicketRows, ticketNumber, URGENCY } from './ticketRows';
import type { TicketStore } from './ticketStore';

// A supervisor empties one person's hands at once (gone home sick, the shift over): each of
// their open tickets goes to another person (an ASSIGN) or back to its own queue (a
// RETURN_TO_QUEUE), each its own event, decided and written as if done one at a time, so a
// ticket the rules refuse (the new holder does not work its tier) stays where it is and is
// named with the reason, and the others move. Like any write, it works offline: the events
// wait in the outbox for the hub, which checks each again.

/** The most one hand-over moves (My tickets shows 500 too). */
const HAND_OVER_LIMIT = 500;

export function handOver(
  db: Sql,
  store: TicketStore,
  actor: Actor,
  input: { fromId: string; to: Assignee | null; toId: string | null },
  at: number,
): HandOverResult {
  const held = db.all(openTicketRows(db.kysely).where('t.assignee_id', '=', input.fromId).orderBy(URGENCY).orderBy('t.created_at').limit(HAND_OVER_LIMIT));
  const command: TicketCommand = input.toId === null ? { type: 'RETURN_TO_QUEUE' } : { type: 'ASSIGN', assigneeId: input.toId };
  let moved = 0;
  const refused: HandOverResult['refused'] = [];
  for (const t of held) {
    const id = idFromText(t.id);
    try {
      store.act(actor, id, command, at, t.version, input.to);
      moved++;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      refused.push({ ticketId: id, number: ticketNumber(t.number), reason: error.message });
    }
  }
  return { moved, refused };
}
