import { ApiError, type DrillInput, type DrillResult, type DrillRow, type Input, type Overview, type QueueKey, type QueueSummary, type TicketDetail, type TicketRow, type TimelineEntry } from '../../shared/api';
import { priorityRank, SEGMENTS, SYSTEM_ACTOR, type Actor, type Channel, type Segment, type Tier, type User } from '../../shared/domain';
import { allowedEvents, applyEvent, openTicket, type TicketPosition } from '../../shared/ticket';
import {
  isOpenState,
  ticketInputSchema,
  type TicketCommand,
  type TicketContext,
  type TicketEvent,
  type SlaTargetName,
  type TicketState,
} from '../../shared/ticketMachine';
import type { LoggedEvent } from '../../shared/sla/ticketSla';
import { sql } from 'kysely';
import { toAssetView, toCustomerSummary } from './customerView';
import { param, type Sql } from './db/exec';
import type { AssetRow, CustomerRow, TicketEventRow, TicketRowDb } from './db/schema';
import { uuidv7 } from './ids';
import type { SlaStore } from './sla';
import { ticketNumber, ticketRowQuery, toTicketRow, type RowSla, type TicketRowRecord } from './ticketRows';

const DAY_MS = 86_400_000;
const NO_SLA = { sla_status: 'none', sla_target: null, due_at: null, sla_next_at: null, sla_calendar_id: null, sla_policies: '[]' } as const;

// Tickets: the row is a projection of its events. Every accepted event is appended to
// ticket_events in the same IMMEDIATE transaction that rewrites the row and the queue
// counters, so the log, the row and the counts can never disagree.

export interface TicketChange {
  ticketId: string;
  customerId: string;
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

export interface SlaAlert {
  ticketId: string;
  number: string;
  target: SlaTargetName;
  dueAt: number;
  breached: boolean;
  assigneeId: string | null;
  tier: Tier;
  segment: Segment;
}

export function ticketService(
  db: Sql,
  opts: { reopenWindowMs?: number; sla: SlaStore; clock: { now(): number }; onChange: (c: TicketChange) => void; onSlaAlert: (a: SlaAlert) => void },
) {
  const k = db.kysely;
  const rowSla: RowSla = (r) => opts.sla.rowSla(r, opts.clock.now());
  const toRow = (r: TicketRowRecord) => toTicketRow(r, rowSla);
  const logOf = db.prepare<{ type: string; at: number; payload: string }, [string]>(
    k.selectFrom('ticket_events').select(['type', 'at', 'payload']).where('ticket_id', '=', param<string>()).orderBy('seq'),
  );
  const readLog = (ticketId: string): LoggedEvent[] => logOf.all(ticketId).map((e) => ({ type: e.type, at: e.at, payload: JSON.parse(e.payload) as Record<string, unknown> }));
  const asLogged = (ev: { type: string; at: number; actor: Actor; [k: string]: unknown }): LoggedEvent => {
    const { type, at, actor: _actor, ...payload } = ev;
    return { type, at, payload };
  };
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
  const queueBase = () => ticketRowQuery(k).where('t.is_open', '=', 1).where('t.segment', '=', param<string>()).where('t.tier', '=', param<number>());
  const queuePage = {
    priority: db.prepare(queueBase().orderBy('t.priority_rank').orderBy('t.created_at').limit(param<number>()).offset(param<number>())),
    // Soonest due first; tickets with no running clock after them (the index's expression).
    urgency: db.prepare(
      queueBase()
        .orderBy(sql`coalesce(t.due_at, 9007199254740991)`)
        .orderBy('t.created_at')
        .limit(param<number>())
        .offset(param<number>()),
    ),
  };

  function position(row: TicketRowDb): TicketPosition {
    return { state: row.state as TicketState, context: JSON.parse(row.machine) as TicketContext };
  }

  // The writes every event makes, compiled once (hot path: an agent waits on each commit).
  const bumpQueue = db.prepare<never, [number, number, number, number, string, number]>(
    k
      .updateTable('queue_counters')
      .set((eb) => ({
        open: eb('open', '+', param<number>()),
        unassigned: eb('unassigned', '+', param<number>()),
        at_risk: eb('at_risk', '+', param<number>()),
        breached: eb('breached', '+', param<number>()),
      }))
      .where('segment', '=', param<string>())
      .where('tier', '=', param<number>()),
  );
  const bumpLoad = db.prepare<never, [string, number, number]>(
    k
      .insertInto('agent_load')
      .values({ user_id: param<string>(), open: param<number>() })
      .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({ open: eb('agent_load.open', '+', param<number>()) }))),
  );
  const insertEvent = db.prepare<never, [string, string, number, string, string, number, string]>(
    k.insertInto('ticket_events').values({
      id: param<string>(),
      ticket_id: param<string>(),
      seq: param<number>(),
      type: param<string>(),
      actor_id: param<string>(),
      at: param<number>(),
      payload: param<string>(),
    }),
  );
  const insertInteraction = db.prepare<never, [string, string, string, string, string, number, string, string | null]>(
    k.insertInto('interactions').values({
      id: param<string>(),
      customer_id: param<string>(),
      ticket_id: param<string>(),
      channel: param<string>(),
      direction: param<string>(),
      at: param<number>(),
      summary: param<string>(),
      user_id: param<string | null>(),
    }),
  );
  type Moved = Pick<
    TicketRowDb,
    'sla_status' | 'sla_target' | 'due_at' | 'sla_next_at' | 'sla_calendar_id' | 'sla_policies' | 'state' | 'tier' | 'priority' | 'priority_rank' | 'assignee_id' | 'is_open' | 'updated_at' | 'version' | 'machine'
  >;
  const updateMoved = db.prepare<never, [...unknown[]]>(
    k
      .updateTable('tickets')
      .set({
        sla_status: param<string>(),
        sla_target: param<string | null>(),
        due_at: param<number | null>(),
        sla_next_at: param<number | null>(),
        sla_calendar_id: param<string | null>(),
        sla_policies: param<string>(),
        state: param<string>(),
        tier: param<number>(),
        priority: param<string>(),
        priority_rank: param<number>(),
        assignee_id: param<string | null>(),
        is_open: param<number>(),
        updated_at: param<number>(),
        version: param<number>(),
        machine: param<string>(),
      })
      .where('id', '=', param<string>()),
  );
  const writeMoved = (id: string, r: Moved) =>
    updateMoved.run(r.sla_status, r.sla_target, r.due_at, r.sla_next_at, r.sla_calendar_id, r.sla_policies, r.state, r.tier, r.priority, r.priority_rank, r.assignee_id, r.is_open, r.updated_at, r.version, r.machine, id);

  /** Adjusts the per-queue counters from the row as it was to the row as it is. */
  type Counted = Pick<TicketRowDb, 'segment' | 'tier' | 'is_open' | 'assignee_id' | 'sla_status'>;
  function count(before: Counted | null, after: Counted) {
    // Net deltas per queue and per assignee, so an event that stays in its queue writes once.
    const queues = new Map<string, { segment: string; tier: number; d: [number, number, number, number] }>();
    const loads = new Map<string, number>();
    const add = (r: Counted, sign: 1 | -1) => {
      if (!r.is_open) return;
      const key = `${r.segment}/${r.tier}`;
      const q = queues.get(key) ?? { segment: r.segment, tier: r.tier, d: [0, 0, 0, 0] };
      q.d[0] += sign;
      if (r.assignee_id === null) q.d[1] += sign;
      if (r.sla_status === 'atRisk') q.d[2] += sign;
      if (r.sla_status === 'breached') q.d[3] += sign;
      queues.set(key, q);
      if (r.assignee_id !== null) loads.set(r.assignee_id, (loads.get(r.assignee_id) ?? 0) + sign);
    };
    if (before) add(before, -1);
    add(after, 1);
    for (const { segment, tier, d } of queues.values()) if (d.some((x) => x !== 0)) bumpQueue.run(d[0], d[1], d[2], d[3], segment, tier);
    for (const [userId, d] of loads) if (d !== 0) bumpLoad.run(userId, d, d);
  }

  function appendEvent(ticketId: string, seq: number, ev: TicketEvent | { type: 'CREATED'; at: number; actor: Actor; [k: string]: unknown }) {
    const { type, at, actor, ...payload } = ev;
    insertEvent.run(uuidv7(at), ticketId, seq, type, actor.id, at, JSON.stringify(payload));
  }

  function interaction(customerId: string, ticketId: string, channel: Channel, direction: 'inbound' | 'outbound' | 'internal', at: number, summary: string, userId: string | null) {
    insertInteraction.run(uuidv7(at), customerId, ticketId, channel, direction, at, summary, userId === 'system' ? null : userId);
  }

  function nextNumber(): number {
    const r = db.get(k.selectFrom('tickets').select((eb) => eb.fn.max('number').as('n')));
    return (r?.n ?? 0) + 1;
  }

  function create(actor: Actor, input: Input<'tickets.create'> & { at: number }): string {
    return db.write(() => {
      const customer = db.get(k.selectFrom('customers').selectAll().where('id', '=', input.customerId));
      if (!customer) throw new ApiError('not_found', 'That customer no longer exists.', undefined, { key: 'customerNotFound' });
      let serviceTag: string | null = null;
      if (input.assetId) {
        const asset = db.get(k.selectFrom('assets').select(['customer_id', 'service_tag']).where('id', '=', input.assetId));
        if (!asset) throw new ApiError('not_found', 'That system no longer exists.', undefined, { key: 'assetNotFound' });
        if (asset.customer_id !== customer.id) throw new ApiError('invalid_input', 'That system belongs to another customer.', [{ path: 'assetId', message: 'Choose one of this customer’s systems.' }]);
        serviceTag = asset.service_tag;
      }
      const priority = input.priority ?? 'normal';
      const pos = openTicket(ticketInputSchema.parse({ segment: customer.segment, priority, at: input.at, reopenWindowMs: opts.reopenWindowMs }));
      const id = uuidv7(input.at);
      const number = nextNumber();
      const row = {
        id,
        number,
        customer_id: customer.id,
        customer_name: customer.name,
        asset_id: input.assetId ?? null,
        service_tag: serviceTag,
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
        version: 1,
        machine: JSON.stringify(pos.context),
      };
      const created = { type: 'CREATED' as const, at: input.at, actor, subject: row.subject, priority, channel: row.channel, assetId: row.asset_id };
      const sla = opts.sla.project({ ...row, sla_policies: '[]' }, [asLogged(created)], input.at, opts.clock.now());
      const full = { ...row, ...(sla?.columns ?? NO_SLA) };
      db.run(k.insertInto('tickets').values(full));
      appendEvent(id, 1, created);
      count(null, full);
      interaction(customer.id, id, row.channel as Channel, 'inbound', input.at, `Opened ${ticketNumber(number)}: ${row.subject}`, actor.id);
      opts.onChange({ ticketId: id, customerId: customer.id, number: ticketNumber(number), state: pos.state, tier: pos.context.tier, segment: customer.segment as Segment, assigneeId: null, type: 'CREATED', actorId: actor.id, at: input.at });
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
      if (!row) throw new ApiError('not_found', 'That ticket does not exist.', undefined, { key: 'ticketNotFound' });
      if (expectedVersion !== undefined && row.version !== expectedVersion) {
        throw new ApiError('conflict', 'This ticket changed while you were looking at it. Review the latest version and try again.', undefined, { key: 'ticketChanged' });
      }
      if (command.type === 'ASSIGN') checkAssignee(row, assignee ?? null);
      const event = { ...command, at, actor } as TicketEvent;
      const applied = applyEvent(position(row), event);
      if (!applied.ok) throw new ApiError('refused', applied.reason);
      const next = applied.next;
      const moved: TicketRowDb = {
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
      const sla = opts.sla.project(moved, [...readLog(ticketId), asLogged(event)], at, opts.clock.now());
      const updated: TicketRowDb = { ...moved, ...(sla?.columns ?? NO_SLA) };
      writeMoved(ticketId, updated);
      appendEvent(ticketId, updated.version, event);
      count(row, updated);
      if (sla) opts.sla.recordOutcomes(ticketId, row.segment, sla.state);
      recordInteraction(updated, event);
      if (event.type === 'SLA_WARNING' || event.type === 'SLA_BREACH') {
        opts.onSlaAlert({ ticketId, number: ticketNumber(row.number), target: event.target, dueAt: event.dueAt, breached: event.type === 'SLA_BREACH', assigneeId: row.assignee_id, tier: row.tier as Tier, segment: row.segment as Segment });
      }
      opts.onChange({
        ticketId,
        customerId: row.customer_id,
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
    if (!works) throw new ApiError('refused', `${assignee.name} does not work tier ${row.tier} of this segment.`, undefined, { key: 'assigneeTier', params: { name: assignee.name, tier: row.tier } });
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

  const customerById = db.prepare<CustomerRow, [string]>(k.selectFrom('customers').selectAll().where('id', '=', param<string>()));
  const assetById = db.prepare<AssetRow, [string]>(k.selectFrom('assets').selectAll().where('id', '=', param<string>()));
  const eventsOf = db.prepare<TicketEventRow, [string]>(k.selectFrom('ticket_events').selectAll().where('ticket_id', '=', param<string>()).orderBy('seq'));

  function detail(ticketId: string, viewer: Actor | null, now: number, users: Map<string, string>): TicketDetail | null {
    const row = ticketById.get(ticketId);
    const listRow = rowById.get(ticketId);
    if (!row || !listRow) return null;
    const customer = customerById.get(row.customer_id)!;
    const asset = row.asset_id ? assetById.get(row.asset_id) : undefined;
    const events = eventsOf.all(ticketId);
    const timeline: TimelineEntry[] = events.map((e) => ({
      id: e.id,
      type: e.type as TimelineEntry['type'],
      at: e.at,
      actorId: e.actor_id,
      actorName: e.actor_id === SYSTEM_ACTOR.id ? 'Tagdesk SLA' : (users.get(e.actor_id) ?? 'Unknown user'),
      payload: JSON.parse(e.payload) as Record<string, unknown>,
    }));
    return {
      ticket: { ...toRow(listRow), description: row.description, channel: row.channel as Channel, version: row.version },
      customer: toCustomerSummary(customer),
      asset: asset ? toAssetView(asset, [], now) : null,
      timeline,
      sla: opts.sla.trace(row, timeline.map((e) => ({ type: e.type, at: e.at, payload: e.payload })), now),
      allowed: viewer ? allowedEvents(position(row), viewer, now).filter((t) => !t.startsWith('SLA_')) : [],
    };
  }

  function queueRows(key: QueueKey, limit: number, offset: number, order: 'urgency' | 'priority' = 'priority'): TicketRow[] {
    return queuePage[order].all(key.segment, key.tier, limit, offset).map(toRow);
  }

  /**
   * Sends the warnings and breaches a ticket is owed by now, as the system actor, each in
   * its own transaction with the recomputed columns. The log is the record of what was
   * sent, so a restart neither loses nor repeats one. Returns how many were sent.
   */
  function fireSla(ticketId: string, now: number): number {
    return db.write(() => {
      const row = ticketById.get(ticketId);
      if (!row || !row.is_open) {
        if (row) db.run(k.updateTable('tickets').set({ sla_next_at: null }).where('id', '=', ticketId));
        return 0;
      }
      const sla = opts.sla.project(row, readLog(ticketId), now, now);
      const due = (sla?.owed ?? []).filter((d) => d.at <= now);
      let sent = 0;
      for (const d of due) {
        try {
          act(SYSTEM_ACTOR, ticketId, { type: d.kind === 'breach' ? 'SLA_BREACH' : 'SLA_WARNING', target: d.target, dueAt: d.dueAt }, now);
          sent++;
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          // The machine refused (say, a warning on a ticket that just changed state): the
          // projection below moves the next wake-up past it, so it is not retried forever.
        }
      }
      const fresh = ticketById.get(ticketId)!;
      const after = opts.sla.project(fresh, readLog(ticketId), now, now);
      const nextAt = after?.owed.find((d) => d.at > now)?.at ?? null;
      db.run(k.updateTable('tickets').set({ sla_next_at: nextAt }).where('id', '=', ticketId));
      return sent;
    });
  }

  function queueSummaries(keys: QueueKey[] | 'all'): QueueSummary[] {
    let q = k.selectFrom('queue_counters as q').select([
      'q.segment',
      'q.tier',
      'q.open',
      'q.unassigned',
      'q.at_risk',
      'q.breached',
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
      atRisk: r.at_risk,
      breached: r.breached,
      oldestAt: r.oldest_at ?? null,
    }));
  }

  function assignedTo(userId: string): TicketRow[] {
    return db.all(ticketRowQuery(k).where('t.is_open', '=', 1).where('t.assignee_id', '=', userId).orderBy('t.priority_rank').orderBy('t.created_at').limit(500)).map(toRow);
  }

  /** The supervisor's numbers, from counters kept with the projection: no ticket scan. */
  function overview(users: readonly User[], now: number): Overview {
    const queues = queueSummaries('all');
    const load = new Map(db.all(k.selectFrom('agent_load').select(['user_id', 'open'])).map((r) => [r.user_id, r.open]));
    const dayStart = now - (now % 86_400_000);
    const resolvedToday = Number(
      // A literal, not a bound value: that is what lets SQLite use the partial index of resolves.
      db.get(k.selectFrom('ticket_events').select((eb) => eb.fn.countAll().as('n')).where('type', '=', sql.lit('RESOLVE')).where('at', '>=', dayStart))?.n ?? 0,
    );
    const today = Math.floor(now / 86_400_000);
    const daily = db
      .all(k.selectFrom('sla_daily').selectAll().where('day', '>', today - 7).orderBy('day'))
      .map((r) => ({ day: r.day, segment: r.segment as Segment, target: r.target as 'firstResponse' | 'resolution', met: r.met, total: r.total }));
    const attainment = SEGMENTS.flatMap((segment) =>
      (['firstResponse', 'resolution'] as const).map((target) => {
        const rows = daily.filter((d) => d.segment === segment && d.target === target);
        const sum = (list: typeof rows) => ({ met: list.reduce((a, d) => a + d.met, 0), total: list.reduce((a, d) => a + d.total, 0) });
        return { segment, target, today: sum(rows.filter((d) => d.day === today)), week: sum(rows) };
      }),
    );
    return {
      now,
      queues,
      attainment,
      daily,
      agents: users
        .filter((u) => u.role === 'agent' || u.role === 'specialist')
        .map((u) => ({ userId: u.id, name: u.name, role: u.role, tier: u.tier, open: load.get(u.id) ?? 0 })),
      totals: {
        open: queues.reduce((a, q) => a + q.open, 0),
        unassigned: queues.reduce((a, q) => a + q.unassigned, 0),
        atRisk: queues.reduce((a, q) => a + q.atRisk, 0),
        breached: queues.reduce((a, q) => a + q.breached, 0),
        resolvedToday,
      },
    };
  }

  /**
   * The tickets behind a number on the supervisor's board, with how many there are in all,
   * counted the way overview() counts that number (same counters' conditions, same UTC days).
   */
  function drill(input: DrillInput, now: number): DrillResult {
    const urgency = sql`coalesce(t.due_at, 9007199254740991)`;
    const total = (q: ReturnType<typeof ticketRowQuery>) => Number(db.get(k.selectFrom(q.as('d')).select((eb) => eb.fn.countAll().as('n')))?.n ?? 0);
    const plain = (r: TicketRowRecord): DrillRow => ({ ...toRow(r), outcome: null });
    if (input.filter === 'agent') {
      const q = ticketRowQuery(k).where('t.is_open', '=', 1).where('t.assignee_id', '=', input.assigneeId);
      return { rows: db.all(q.orderBy(urgency).orderBy('t.created_at').limit(input.limit)).map(plain), total: total(q), met: null };
    }
    if (input.filter === 'attainment') {
      // overview(): a figure is the sum of sla_daily rows, keyed by the UTC day of done_at;
      // today is day == today, 7 days is day > today - 7 (with no upper bound).
      const today = Math.floor(now / DAY_MS);
      let q = ticketRowQuery(k)
        .innerJoin('sla_outcomes as o', 'o.ticket_id', 't.id')
        .where('o.target', '=', input.target)
        .where('o.segment', '=', input.segment)
        .where('o.done_at', '>=', (input.window === 'today' ? today : today - 6) * DAY_MS);
      if (input.window === 'today') q = q.where('o.done_at', '<', (today + 1) * DAY_MS);
      const rows = db.all(q.select(['o.met as o_met', 'o.due_at as o_due_at', 'o.done_at as o_done_at']).orderBy('o.met').orderBy('o.done_at', 'desc').orderBy('t.number').limit(input.limit));
      const counts = db.get(k.selectFrom(q.select('o.met as o_met').as('d')).select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>('d.o_met').as('met')]));
      return {
        rows: rows.map((r) => ({ ...toRow(r), outcome: { target: input.target, met: r.o_met === 1, dueAt: r.o_due_at, doneAt: r.o_done_at } })),
        total: Number(counts?.n ?? 0),
        met: Number(counts?.met ?? 0),
      };
    }
    let q = ticketRowQuery(k).where('t.is_open', '=', 1);
    if (input.segment) q = q.where('t.segment', '=', input.segment);
    if (input.tier) q = q.where('t.tier', '=', input.tier);
    if (input.filter === 'unassigned') q = q.where('t.assignee_id', 'is', null);
    if (input.filter === 'atRisk' || input.filter === 'breached') q = q.where('t.sla_status', '=', input.filter);
    const ordered = input.order === 'age' ? q.orderBy('t.created_at').orderBy('t.number') : q.orderBy(urgency).orderBy('t.created_at');
    return { rows: db.all(ordered.limit(input.limit)).map(plain), total: total(q), met: null };
  }

  /**
   * Re-projects every open ticket under the policies as they are now (a change applies from
   * now on) and rebuilds the counters from the result, all in one transaction.
   */
  function recomputeOpen(now: number): number {
    return db.write(() => {
      const open = db.all(k.selectFrom('tickets').selectAll().where('is_open', '=', 1));
      for (const row of open) {
        const sla = opts.sla.project(row, readLog(row.id), now, now);
        if (!sla) continue;
        db.run(k.updateTable('tickets').set(sla.columns).where('id', '=', row.id));
        count(row, { ...row, sla_status: sla.columns.sla_status });
      }
      return open.length;
    });
  }

  return { create, act, takeNext, detail, queueRows, queueSummaries, assignedTo, overview, fireSla, toRow, drill, recomputeOpen, ticketById: (id: string) => ticketById.get(id), position };
}

export type TicketService = ReturnType<typeof ticketService>;
