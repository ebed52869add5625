import { ApiError, type Input, type Overview, type QueueKey, type QueueSummary, type TicketDetail, type TicketRow, type TimelineEntry } from '../../shared/api';
import { priorityRank, SYSTEM_ACTOR, type Actor, type Channel, type Segment, type Tier, type User } from '../../shared/domain';
import { allowedEvents, applyEvent, openTicket, type TicketPosition } from '../../shared/ticket';
import {
  isOpenState,
  ticketInputSchema,
  type TicketCommand,
  type TicketContext,
  type TicketEvent,
  type TicketState,
} from '../../shared/ticketMachine';
import { toAssetView, toCustomerSummary } from './customerView';
import { param, type Sql } from './db/exec';
import type { TicketRowDb } from './db/schema';
import { uuidv7 } from './ids';
import { ticketNumber, ticketRowQuery, toTicketRow } from './ticketRows';

// Tickets: the row is a projection of its events. Every accepted event is appended to
// ticket_events in the same IMMEDIATE transaction that rewrites the row and the queue
// counters, so the log, the row and the counts can never disagree.

export interface TicketChange {
  ticketId: string;
  number: string;
  state: TicketState;
  tier: Tier;
  segment: Segment;
  assigneeId: string | null;
  type: TimelineEntry['type'];
  actorId: string;
  at: number;
}

export type DueTimes = (ticket: TicketRowDb, events: readonly TicketEvent[], now: number) => number | null;

export function ticketService(db: Sql, opts: { reopenWindowMs?: number; onChange: (c: TicketChange) => void }) {
  const k = db.kysely;
  const ticketById = db.prepare<TicketRowDb, [string]>(k.selectFrom('tickets').selectAll().where('id', '=', param<string>()));
  const rowById = db.prepare(ticketRowQuery(k).where('t.id', '=', param<string>()));
  const nextUnassigned = db.prepare<{ id: string }, [string, number]>(
    k
      .selectFrom('tickets')
      .select('id')
      .where('is_open', '=', 1)
      .where('assignee_id', 'is', null)
      .where('segment', '=', param<string>())
      .where('tier', '=', param<number>())
      .orderBy('priority_rank')
      .orderBy('created_at')
      .limit(1),
  );
  const queuePage = db.prepare(
    ticketRowQuery(k)
      .where('t.is_open', '=', 1)
      .where('t.segment', '=', param<string>())
      .where('t.tier', '=', param<number>())
      .orderBy('t.priority_rank')
      .orderBy('t.created_at')
      .limit(param<number>())
      .offset(param<number>()),
  );

  function position(row: TicketRowDb): TicketPosition {
    return { state: row.state as TicketState, context: JSON.parse(row.machine) as TicketContext };
  }

  /** Adjusts the per-queue counters from the row as it was to the row as it is. */
  function count(before: Pick<TicketRowDb, 'segment' | 'tier' | 'is_open' | 'assignee_id'> | null, after: Pick<TicketRowDb, 'segment' | 'tier' | 'is_open' | 'assignee_id'>) {
    const bump = (r: typeof after, sign: 1 | -1) => {
      if (!r.is_open) return;
      db.run(
        k
          .updateTable('queue_counters')
          .set((eb) => ({
            open: eb('open', '+', sign),
            unassigned: eb('unassigned', '+', r.assignee_id === null ? sign : 0),
          }))
          .where('segment', '=', r.segment)
          .where('tier', '=', r.tier),
      );
    };
    const load = (r: typeof after, sign: 1 | -1) => {
      if (!r.is_open || r.assignee_id === null) return;
      db.run(
        k
          .insertInto('agent_load')
          .values({ user_id: r.assignee_id, open: sign })
          .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({ open: eb('agent_load.open', '+', sign) }))),
      );
    };
    if (before) {
      bump(before, -1);
      load(before, -1);
    }
    bump(after, 1);
    load(after, 1);
  }

  function appendEvent(ticketId: string, seq: number, ev: TicketEvent | { type: 'CREATED'; at: number; actor: Actor; [k: string]: unknown }) {
    const { type, at, actor, ...payload } = ev;
    db.run(
      k.insertInto('ticket_events').values({
        id: uuidv7(at),
        ticket_id: ticketId,
        seq,
        type,
        actor_id: actor.id,
        at,
        payload: JSON.stringify(payload),
      }),
    );
  }

  function interaction(customerId: string, ticketId: string, channel: Channel, direction: 'inbound' | 'outbound' | 'internal', at: number, summary: string, userId: string | null) {
    db.run(
      k.insertInto('interactions').values({ id: uuidv7(at), customer_id: customerId, ticket_id: ticketId, channel, direction, at, summary, user_id: userId === 'system' ? null : userId }),
    );
  }

  function nextNumber(): number {
    const r = db.get(k.selectFrom('tickets').select((eb) => eb.fn.max('number').as('n')));
    return (r?.n ?? 0) + 1;
  }

  function create(actor: Actor, input: Input<'tickets.create'> & { at: number }): string {
    return db.write(() => {
      const customer = db.get(k.selectFrom('customers').selectAll().where('id', '=', input.customerId));
      if (!customer) throw new ApiError('not_found', 'That customer no longer exists.');
      if (input.assetId) {
        const asset = db.get(k.selectFrom('assets').select('customer_id').where('id', '=', input.assetId));
        if (!asset) throw new ApiError('not_found', 'That system no longer exists.');
        if (asset.customer_id !== customer.id) throw new ApiError('invalid_input', 'That system belongs to another customer.', [{ path: 'assetId', message: 'Choose one of this customer’s systems.' }]);
      }
      const priority = input.priority ?? 'normal';
      const pos = openTicket(ticketInputSchema.parse({ segment: customer.segment, priority, at: input.at, reopenWindowMs: opts.reopenWindowMs }));
      const id = uuidv7(input.at);
      const number = nextNumber();
      const row = {
        id,
        number,
        customer_id: customer.id,
        asset_id: input.assetId ?? null,
        segment: customer.segment,
        service_level: customer.service_level,
        priority,
        priority_rank: priorityRank(priority),
        tier: pos.context.tier,
        state: pos.state,
        is_open: 1,
        assignee_id: null,
        subject: input.subject.trim(),
        description: (input.description ?? '').trim(),
        channel: input.channel ?? 'phone',
        created_at: input.at,
        updated_at: input.at,
        due_at: null,
        version: 1,
        machine: JSON.stringify(pos.context),
      };
      db.run(k.insertInto('tickets').values(row));
      appendEvent(id, 1, { type: 'CREATED', at: input.at, actor, subject: row.subject, priority, channel: row.channel, assetId: row.asset_id });
      count(null, row);
      interaction(customer.id, id, row.channel as Channel, 'inbound', input.at, `Opened ${ticketNumber(number)}: ${row.subject}`, actor.id);
      opts.onChange({ ticketId: id, number: ticketNumber(number), state: pos.state, tier: pos.context.tier, segment: customer.segment as Segment, assigneeId: null, type: 'CREATED', actorId: actor.id, at: input.at });
      return id;
    });
  }

  /**
   * Applies one command as `actor`. Refused events throw ApiError('refused') with the
   * machine's reason and change nothing; a stale expectedVersion throws 'conflict'.
   */
  function act(actor: Actor, ticketId: string, command: TicketCommand, at: number, expectedVersion?: number, assignee?: User | null): TicketRowDb {
    return db.write(() => {
      const row = ticketById.get(ticketId);
      if (!row) throw new ApiError('not_found', 'That ticket does not exist.');
      if (expectedVersion !== undefined && row.version !== expectedVersion) {
        throw new ApiError('conflict', 'This ticket changed while you were looking at it. Review the latest version and try again.');
      }
      if (command.type === 'ASSIGN') checkAssignee(row, assignee ?? null);
      const event = { ...command, at, actor } as TicketEvent;
      const applied = applyEvent(position(row), event);
      if (!applied.ok) throw new ApiError('refused', applied.reason);
      const next = applied.next;
      const updated: TicketRowDb = {
        ...row,
        state: next.state,
        tier: next.context.tier,
        priority: next.context.priority,
        priority_rank: priorityRank(next.context.priority),
        assignee_id: next.context.assigneeId,
        is_open: isOpenState(next.state) ? 1 : 0,
        updated_at: at,
        version: row.version + 1,
        machine: JSON.stringify(next.context),
      };
      db.run(
        k
          .updateTable('tickets')
          .set({
            state: updated.state,
            tier: updated.tier,
            priority: updated.priority,
            priority_rank: updated.priority_rank,
            assignee_id: updated.assignee_id,
            is_open: updated.is_open,
            updated_at: at,
            version: updated.version,
            machine: updated.machine,
          })
          .where('id', '=', ticketId),
      );
      appendEvent(ticketId, updated.version, event);
      count(row, updated);
      recordInteraction(updated, event);
      opts.onChange({
        ticketId,
        number: ticketNumber(row.number),
        state: next.state,
        tier: next.context.tier,
        segment: row.segment as Segment,
        assigneeId: next.context.assigneeId,
        type: event.type,
        actorId: actor.id,
        at,
      });
      return updated;
    });
  }

  function checkAssignee(row: TicketRowDb, assignee: User | null) {
    if (!assignee || !assignee.active) throw new ApiError('invalid_input', 'Choose an active person to assign.', [{ path: 'command.assigneeId', message: 'Unknown or inactive user.' }]);
    const works = assignee.role === 'supervisor' || (assignee.tier === row.tier && assignee.segments.includes(row.segment as Segment) && (assignee.role === 'agent' || assignee.role === 'specialist'));
    if (!works) throw new ApiError('refused', `${assignee.name} does not work tier ${row.tier} of this segment.`);
  }

  // What the customer would recognise as contact goes into the 360° interactions too.
  function recordInteraction(row: TicketRowDb, ev: TicketEvent) {
    const n = ticketNumber(row.number);
    const note = 'note' in ev && ev.note ? `: ${ev.note}` : '';
    switch (ev.type) {
      case 'ADD_NOTE':
        return interaction(row.customer_id, row.id, 'note', 'internal', ev.at, `Note on ${n}${note}`, ev.actor.id);
      case 'CUSTOMER_REPLIED':
        return interaction(row.customer_id, row.id, row.channel as Channel, 'inbound', ev.at, `Customer replied on ${n}${note}`, ev.actor.id);
      case 'WAIT_ON_CUSTOMER':
        return interaction(row.customer_id, row.id, row.channel as Channel, 'outbound', ev.at, `Asked the customer for information on ${n}${note}`, ev.actor.id);
      case 'RESOLVE':
        return interaction(row.customer_id, row.id, row.channel as Channel, 'outbound', ev.at, `Resolved ${n} (${ev.code.replaceAll('_', ' ')})${note}`, ev.actor.id);
      case 'ESCALATE':
        return interaction(row.customer_id, row.id, 'note', 'internal', ev.at, `Escalated ${n} to tier ${row.tier} (${ev.reason.replaceAll('_', ' ')})${note}`, ev.actor.id);
      default:
        return;
    }
  }

  /** The next unassigned ticket of a queue, taken in the same transaction that finds it. */
  function takeNext(actor: Actor, key: QueueKey, at: number): string | null {
    return db.write(() => {
      const next = nextUnassigned.get(key.segment, key.tier);
      if (!next) return null;
      act(actor, next.id, { type: 'TAKE' }, at);
      return next.id;
    });
  }

  function detail(ticketId: string, viewer: Actor | null, now: number, users: Map<string, string>): TicketDetail | null {
    const row = ticketById.get(ticketId);
    const listRow = rowById.get(ticketId);
    if (!row || !listRow) return null;
    const customer = db.get(k.selectFrom('customers').selectAll().where('id', '=', row.customer_id))!;
    const asset = row.asset_id ? db.get(k.selectFrom('assets').selectAll().where('id', '=', row.asset_id)) : undefined;
    const events = db.all(k.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('seq'));
    const timeline: TimelineEntry[] = events.map((e) => ({
      id: e.id,
      type: e.type as TimelineEntry['type'],
      at: e.at,
      actorId: e.actor_id,
      actorName: e.actor_id === SYSTEM_ACTOR.id ? 'Tagdesk SLA' : (users.get(e.actor_id) ?? 'Unknown user'),
      payload: JSON.parse(e.payload) as Record<string, unknown>,
    }));
    return {
      ticket: { ...toTicketRow(listRow), description: row.description, channel: row.channel as Channel, version: row.version },
      customer: toCustomerSummary(customer),
      asset: asset ? toAssetView(asset, [], now) : null,
      timeline,
      allowed: viewer ? allowedEvents(position(row), viewer, now).filter((t) => !t.startsWith('SLA_')) : [],
    };
  }

  function queueRows(key: QueueKey, limit: number, offset: number): TicketRow[] {
    return queuePage.all(key.segment, key.tier, limit, offset).map(toTicketRow);
  }

  function queueSummaries(keys: QueueKey[] | 'all'): QueueSummary[] {
    let q = k.selectFrom('queue_counters as q').select([
      'q.segment',
      'q.tier',
      'q.open',
      'q.unassigned',
      (eb) =>
        eb
          .selectFrom('tickets as t')
          .select((e) => e.fn.min('t.created_at').as('m'))
          .whereRef('t.segment', '=', 'q.segment')
          .whereRef('t.tier', '=', 'q.tier')
          .where('t.is_open', '=', 1)
          .as('oldest_at'),
    ]);
    if (keys !== 'all') {
      if (keys.length === 0) return [];
      q = q.where((eb) => eb.or(keys.map((key) => eb.and([eb('q.segment', '=', key.segment), eb('q.tier', '=', key.tier)]))));
    }
    return db.all(q.orderBy('q.tier').orderBy('q.segment')).map((r) => ({
      segment: r.segment as Segment,
      tier: r.tier as Tier,
      open: r.open,
      unassigned: r.unassigned,
      oldestAt: r.oldest_at ?? null,
    }));
  }

  function assignedTo(userId: string): TicketRow[] {
    return db.all(ticketRowQuery(k).where('t.is_open', '=', 1).where('t.assignee_id', '=', userId).orderBy('t.priority_rank').orderBy('t.created_at').limit(500)).map(toTicketRow);
  }

  /** The supervisor's numbers, from counters kept with the projection: no ticket scan. */
  function overview(users: readonly User[], now: number): Overview {
    const queues = queueSummaries('all');
    const load = new Map(db.all(k.selectFrom('agent_load').select(['user_id', 'open'])).map((r) => [r.user_id, r.open]));
    const dayStart = now - (now % 86_400_000);
    const resolvedToday = Number(
      db.get(k.selectFrom('ticket_events').select((eb) => eb.fn.countAll().as('n')).where('type', '=', 'RESOLVE').where('at', '>=', dayStart))?.n ?? 0,
    );
    return {
      queues,
      agents: users
        .filter((u) => u.role === 'agent' || u.role === 'specialist')
        .map((u) => ({ userId: u.id, name: u.name, role: u.role, tier: u.tier, open: load.get(u.id) ?? 0 })),
      totals: {
        open: queues.reduce((a, q) => a + q.open, 0),
        unassigned: queues.reduce((a, q) => a + q.unassigned, 0),
        resolvedToday,
      },
    };
  }

  return { create, act, takeNext, detail, queueRows, queueSummaries, assignedTo, overview, ticketById: (id: string) => ticketById.get(id), position };
}

export type TicketService = ReturnType<typeof ticketService>;
