import type { AssetView, CustomerSummary, CustomerView, Interaction, TicketRow } from '../../shared/api';
import type { Channel, Segment, ServiceLevel } from '../../shared/domain';
import { tagToExpressCode } from '../../shared/serviceTag';
import { isOpenState, type TicketState } from '../../shared/ticketMachine';
import type { Kysely } from 'kysely';
import { param, type Sql } from './db/exec';
import type { AssetRow, CustomerRow, Database } from './db/schema';
import { ticketNumber, ticketRowQuery, type TicketRowRecord } from './ticketRows';

// The 360° view: everything about one customer in one payload, read with statements
// compiled once, because an agent waits on it with a caller on the line.

const DAY_MS = 86_400_000;
const PAST_TICKETS = 50;
const INTERACTIONS = 100;

export type CustomerViewReader = ReturnType<typeof customerViewReader>;

/**
 * The view's statements, one builder each, with a param() slot for the customer's id. The
 * bench's floor (bench/floor.ts) prepares these same builders on a raw connection.
 */
export function customerViewQueries(k: Kysely<Database>) {
  return {
    customer: k.selectFrom('customers').selectAll().where('id', '=', param<string>()),
    // Ownership comes in two reads, each from one index (migration 0005): the earlier owners
    // of this customer's systems, a small partial index by system; and the systems this
    // customer owns now, together by owner.
    earlierOwners: k
      .selectFrom('assets as a')
      .innerJoin('asset_owners as o', 'o.asset_id', 'a.id')
      .innerJoin('customers as c', 'c.id', 'o.customer_id')
      .select(['o.asset_id', 'o.customer_id', 'c.name', 'o.from_at', 'o.to_at'])
      .where('a.customer_id', '=', param<string>())
      .where('o.to_at', 'is not', null)
      .$narrowType<{ to_at: number }>(),
    currentOwnership: k.selectFrom('asset_owners').select(['asset_id', 'from_at']).where('customer_id', '=', param<string>()).where('to_at', 'is', null),
    tickets: ticketRowQuery(k).where('t.customer_id', '=', param<string>()).orderBy('t.created_at', 'desc').limit(500),
    contacts: k.selectFrom('contacts').select(['id', 'name', 'role', 'email', 'phone']).where('customer_id', '=', param<string>()).orderBy('name'),
    assets: k.selectFrom('assets').selectAll().where('customer_id', '=', param<string>()).orderBy('ship_date', 'desc'),
    interactions: k
      .selectFrom('interactions as i')
      .leftJoin('users as u', 'u.id', 'i.user_id')
      .select(['i.id', 'i.channel', 'i.direction', 'i.at', 'i.summary', 'i.ticket_id', 'i.asset_id', 'u.name as user_name'])
      .where('i.customer_id', '=', param<string>())
      .orderBy('i.at', 'desc')
      .limit(INTERACTIONS),
    // A ticket event's interaction not yet moved into interactions (stagedInteractions.ts):
    // the table holds a batch at most, read whole.
    stagedInteractions: k
      .selectFrom('interactions_pending as i')
      .leftJoin('users as u', 'u.id', 'i.user_id')
      .select(['i.id', 'i.channel', 'i.direction', 'i.at', 'i.summary', 'i.ticket_id', 'u.name as user_name'])
      .where('i.customer_id', '=', param<string>()),
  };
}

export function customerViewReader(db: Sql, toRow: (r: TicketRowRecord) => TicketRow) {
  const k = db.kysely;
  const q = customerViewQueries(k);
  const customer = db.prepare<CustomerRow, [string]>(q.customer);
  const earlierOwners = db.prepare<{ asset_id: string; customer_id: string; name: string; from_at: number; to_at: number }, [string]>(q.earlierOwners);
  const currentOwnership = db.prepare<{ asset_id: string; from_at: number }, [string]>(q.currentOwnership);
  const tickets = db.prepare<TicketRowRecord, [string]>(q.tickets);
  const contacts = db.prepare<{ id: string; name: string; role: string | null; email: string | null; phone: string | null }, [string]>(q.contacts);
  const assets = db.prepare<AssetRow, [string]>(q.assets);
  type InteractionRecord = { id: string; channel: string; direction: string; at: number; summary: string; ticket_id: string | null; asset_id?: string | null; user_name: string | null };
  const interactions = db.prepare<InteractionRecord, [string]>(q.interactions);
  const stagedInteractions = db.prepare<InteractionRecord, [string]>(q.stagedInteractions);
  /** The customer's latest interactions, the staged ones among them. */
  const latestInteractions = (customerId: string): InteractionRecord[] => {
    const settled = interactions.all(customerId);
    const staged = stagedInteractions.all(customerId);
    return staged.length === 0 ? settled : [...staged, ...settled].sort((a, b) => b.at - a.at).slice(0, INTERACTIONS);
  };

  const ticketNumberById = db.prepare<{ number: number }, [string]>(k.selectFrom('tickets').select('number').where('id', '=', param<string>()));

  return function view(customerId: string, matchedAssetId: string | null, now: number): CustomerView | null {
    const c = customer.get(customerId);
    if (!c) return null;
    const ownersByAsset = new Map<string, AssetView['owners']>();
    const own = (assetId: string, owner: AssetView['owners'][number]) => {
      const list = ownersByAsset.get(assetId);
      if (list) list.push(owner);
      else ownersByAsset.set(assetId, [owner]);
    };
    for (const o of earlierOwners.all(customerId)) own(o.asset_id, { customerId: o.customer_id, customerName: o.name, from: o.from_at, to: o.to_at });
    for (const o of currentOwnership.all(customerId)) own(o.asset_id, { customerId, customerName: c.name, from: o.from_at, to: null });
    for (const list of ownersByAsset.values()) list.sort((x, y) => x.from - y.from);
    const rows = tickets.all(customerId).map(toRow);
    // Interactions name their ticket by number; the customer's tickets are already loaded, so
    // the number comes from them rather than from a join per interaction.
    const numbers = new Map(rows.map((t) => [t.id, t.number]));
    const numberOf = (id: string | null): string | null => {
      if (id === null) return null;
      const known = numbers.get(id);
      if (known) return known;
      const n = ticketNumberById.get(id)?.number;
      return n === undefined ? null : ticketNumber(n);
    };
    const open = rows.filter((t) => isOpenState(t.state as TicketState));
    const past = rows.filter((t) => !isOpenState(t.state as TicketState)).slice(0, PAST_TICKETS);
    return {
      customer: toCustomerSummary(c),
      contacts: contacts.all(customerId),
      assets: assets.all(customerId).map((a) => toAssetView(a, ownersByAsset.get(a.id) ?? [], now)),
      openTickets: open,
      pastTickets: past,
      interactions: latestInteractions(customerId).map(
        (i): Interaction => ({
          id: i.id,
          channel: i.channel as Channel,
          direction: i.direction as Interaction['direction'],
          at: i.at,
          summary: i.summary,
          ticketId: i.ticket_id,
          ticketNumber: numberOf(i.ticket_id),
          userName: i.user_name,
          assetId: i.asset_id ?? null,
        }),
      ),
      matchedAssetId,
    };
  };
}

export function toCustomerSummary(c: CustomerRow): CustomerSummary {
  return {
    id: c.id,
    kind: c.kind as CustomerSummary['kind'],
    name: c.name,
    segment: c.segment as Segment,
    serviceLevel: c.service_level as ServiceLevel,
    email: c.email,
    phone: c.phone,
    locale: c.locale,
    createdAt: c.created_at,
  };
}

export function toAssetView(a: AssetRow, owners: AssetView['owners'], now: number): AssetView {
  const daysLeft = Math.floor((a.warranty_end - now) / DAY_MS);
  return {
    id: a.id,
    serviceTag: a.service_tag,
    expressCode: tagToExpressCode(a.service_tag),
    productLine: a.product_line,
    model: a.model,
    shipDate: a.ship_date,
    warrantyLevel: a.warranty_level,
    warrantyEnd: a.warranty_end,
    warrantyStatus: a.warranty_end > now ? 'active' : 'expired',
    daysLeft,
    owners,
  };
}
