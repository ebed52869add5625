import { sql, type Kysely } from 'kysely';
import type { TicketRow } from '../../shared/api';
import { ticketNumber, type Priority, type Segment, type ServiceLevel, type Tier } from '../../shared/domain';

// A ticket's number as people write it: defined in the shared domain, so the window reads one too.
export { parseTicketNumber, ticketNumber } from '../../shared/domain';
import type { TicketState } from '../../shared/ticketMachine';
import { idFromText, idText } from './db/idCodec';
import type { Database } from './db/schema';

// One way to read a ticket as a list row, shared by the 360° view, queues and inboxes.

export function ticketRowQuery(kysely: Kysely<Database>) {
  return kysely
    .selectFrom('tickets as t')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .select([
      idText('t.id').as('id'),
      't.number',
      't.subject',
      idText('t.customer_id').as('customer_id'),
      't.customer_name',
      idText('t.asset_id').as('asset_id'),
      't.service_tag',
      't.segment',
      't.service_level',
      't.priority',
      't.tier',
      't.state',
      idText('t.assignee_id').as('assignee_id'),
      'u.name as assignee_name',
      't.created_at',
      't.updated_at',
      't.version',
      't.due_at',
      't.sla_status',
      't.sla_target',
      't.sla_calendar_id',
    ]);
}

/**
 * The open tickets as list rows. The condition is a literal, not a bound value: that is what
 * lets SQLite use the partial indexes of open tickets (stablePlans.ts).
 */
export function openTicketRows(kysely: Kysely<Database>) {
  return ticketRowQuery(kysely).where('t.is_open', '=', sql.lit(1));
}

/** Soonest due first, tickets with no running clock after them: the expression of the tickets_urgency index. */
export const URGENCY = sql`coalesce(t.due_at, 9007199254740991)`;

/** A list row as read: its ids as `idText` gives them (or already as UUIDs: toTicketRow takes both). */
export type TicketRowRecord = {
  id: string;
  number: number;
  subject: string;
  customer_id: string;
  customer_name: string;
  asset_id: string | null;
  service_tag: string | null;
  segment: string;
  service_level: string;
  priority: string;
  tier: number;
  state: string;
  assignee_id: string | null;
  assignee_name: string | null;
  created_at: number;
  updated_at: number;
  version: number;
  due_at: number | null;
  sla_status: string;
  sla_target: string | null;
  sla_calendar_id: string | null;
};

/** Adds the SLA countdown to a row; the core passes one bound to its calendars and clock. */
export type RowSla = (r: { slaStatus: string; slaTarget: string | null; dueAt: number | null; calendarId: string | null }) => TicketRow['sla'];

/**
 * A system's tickets, as a WHERE condition: through the customers that own or owned it, since
 * tickets are indexed by customer and not by system (an index by system would cost about
 * 50 MB at 2 M tickets; without either, a corrected tag read every ticket). A ticket is
 * always opened for the system's owner of the day, and a merge moves tickets and ownership
 * together. Bind the system's id three times.
 */
export const OF_ASSET = 'customer_id IN (SELECT customer_id FROM asset_owners WHERE asset_id = ? UNION SELECT customer_id FROM assets WHERE id = ?) AND asset_id = ?';


export function toTicketRow(r: TicketRowRecord, sla: RowSla): TicketRow {
  return {
    id: idFromText(r.id),
    number: ticketNumber(r.number),
    subject: r.subject,
    customerId: idFromText(r.customer_id),
    customerName: r.customer_name,
    assetId: idFromText(r.asset_id),
    serviceTag: r.service_tag,
    segment: r.segment as Segment,
    serviceLevel: r.service_level as ServiceLevel,
    priority: r.priority as Priority,
    tier: r.tier as Tier,
    state: r.state as TicketState,
    assigneeId: idFromText(r.assignee_id),
    assigneeName: r.assignee_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    seq: r.version,
    dueAt: r.due_at,
    sla: sla({ slaStatus: r.sla_status, slaTarget: r.sla_target, dueAt: r.due_at, calendarId: r.sla_calendar_id }),
  };
}
