import { sql } from 'kysely';
import { say } from '../../../shared/messageKeys';
import { formatDate } from '../../../shared/customerRules';
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
  for (const ticket of open) {
    db.run(
      k
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
  return open;
}
