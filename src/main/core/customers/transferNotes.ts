import { sql } from 'kysely';
import { say } from '../../../shared/messageKeys';
import { formatDate, parseDate } from '../../../shared/customerRules';
import { derivedId } from '../../../shared/ticketLog/envelope';
import type { Sql } from '../db/exec';

/** A system changing hands, as both the desk that records it and every desk that takes it in from the hub know it. */
export interface Transfer {
  assetId: string;
  serviceTag: string;
  how: string;
  /** The day it changed hands (parsed from the transfer's date). */
  on: number;
  /** When it was recorded: the event's desk time. */
  at: number;
  userId: string | null;
}

export interface OpenTicketOfSystem {
  id: string;
  number: number;
  subject: string;
  customer_id: string;
}

/**
 * The note a transfer leaves in the 360° history of each open ticket on the system ("System
 * 7XK2QF1 changed hands (sold) on 2026-10-01. This ticket stays with the owner who reported
 * it…"). The desk that records the transfer writes it, and so does every desk that takes the
 * transfer in from the hub, each for the open tickets it holds; interactions are not synced
 * themselves. The note's id is made from the system, the ticket and the day, so desks holding
 * the same ticket write the same row, and a second write of it writes nothing.
 */
export function noteTransferOnOpenTickets(db: Sql, t: Transfer): OpenTicketOfSystem[] {
  const k = db.kysely;
  // tickets_asset_open: the open tickets of one system, without reading every open ticket.
  const open = db.all(k.selectFrom('tickets').select(['id', 'number', 'subject', 'customer_id']).where('asset_id', '=', t.assetId).where('is_open', '=', sql.lit(1)));
  for (const ticket of open) writeNote(db, t, ticket);
  return open;
}

/**
 * A ticket this desk takes in from the hub after it heard of its system changing hands: one
 * opened on a desk that had not heard of the transfer yet, so no desk holding the ticket when
 * the transfer arrived could note it. Each transfer of the system away from the ticket's
 * customer (filed under both owners, records.ts) leaves the note the other desks write, with
 * the same id. A ticket that arrives closed gets none, as it would have had none.
 */
export function noteTransfersOnArrivedTicket(db: Sql, ticket: { id: string; customer_id: string; asset_id: string | null; is_open: number }): number {
  if (ticket.asset_id === null || !ticket.is_open) return 0;
  const k = db.kysely;
  // customer_events_customer: the customer's history, the transfers among it.
  const filed = db.all(k.selectFrom('customer_events').select(['at', 'actor_id', 'payload']).where('customer_id', '=', ticket.customer_id).where('type', '=', 'ASSET_TRANSFERRED'));
  let noted = 0;
  for (const e of filed) {
    const p = JSON.parse(e.payload) as { entityId?: unknown; note?: Record<string, unknown> | null };
    const note = p.note ?? {};
    if (p.entityId !== ticket.asset_id || note.fromId !== ticket.customer_id || typeof note.date !== 'string') continue;
    const on = parseDate(note.date);
    if (!on.ok) continue;
    const how = typeof note.how === 'string' ? note.how : 'sold';
    const serviceTag = typeof note.serviceTag === 'string' ? note.serviceTag : '';
    writeNote(db, { assetId: ticket.asset_id, serviceTag, how, on: on.at, at: e.at, userId: e.actor_id === 'system' ? null : e.actor_id }, ticket);
    noted++;
  }
  return noted;
}

function writeNote(db: Sql, t: Transfer, ticket: { id: string; customer_id: string }): void {
  db.run(
    db.kysely
      .insertInto('interactions')
      .values({
        id: derivedId(`tagdesk/transfer/${t.assetId}/${ticket.id}/${t.on}`),
        customer_id: ticket.customer_id,
        ticket_id: ticket.id,
        channel: 'note',
        direction: 'internal',
        at: t.at,
        // In English, keyed: a window says it in its reader's language (sayMessage.ts's historyLine).
        summary: say('transferOpenTicket', { tag: t.serviceTag, how: t.how, on: formatDate(t.on) }),
        user_id: t.userId,
      })
      .onConflict((oc) => oc.doNothing()),
  );
}
