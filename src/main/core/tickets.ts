import { sql, type ExpressionBuilder } from 'kysely';
import type { DrillFilter, DrillInput, DrillResult, DrillRow, MyTicketRow, Overview, QueueKey, QueueSummary, QueueTicketRow, TicketActReply, TicketDetail, TicketRow, TicketStanding, TimelineEntry } from '../../shared/api';
import { CAME_BACK_TYPES, cameBack } from '../../shared/ticketLog/cameBack';
import { goesToQueue, type Assignee } from '../../shared/ticketLog/decide';
import { escalationReasonSchema, PRIORITIES, priorityRank, SEGMENTS, SYSTEM_ACTOR, ticketNumber, TIERS, type Actor, type Channel, type Segment, type ServiceLevel, type Tier, type User } from '../../shared/domain';
import { allowedEvents, reopenRefusal } from '../../shared/ticket';
import { isOpenState, reopenWindowDays, slaTargetSchema, tierAfter } from '../../shared/ticketMachine';
import { zoneDay, zoneDayOf } from '../../shared/sla/calendar';
import { toAssetView, toCustomerSummary } from './customerView';
import { param, type Sql } from './db/exec';
import type { AssetRow, CustomerRow, Database, TicketRowDb } from './db/schema';
import type { SlaStore } from './sla';
import { openTicketRows, ticketRowQuery, toTicketRow, URGENCY, type RowSla, type TicketRowRecord } from './ticketRows';
import type { Written } from './ticketStore';
import { toUser } from './users';

const DAY_MS = 86_400_000;
/** A satisfaction cell on the board counts the scores of the 4 weeks ending now (csat.ts board()). */
const CSAT_CELL_MS = 28 * DAY_MS;
const HAND_BACKS = ['DEESCALATE', 'REOPEN'] as const;

// Reading tickets: queue pages, inboxes, the supervisor's numbers and drill-downs, a ticket's
// page. Writes are the ticket store's (ticketStore.ts).

type QueueEb = ExpressionBuilder<Database & { q: Database['queue_counters'] }, 'q'>;
/** The first entry of one priority's run of a queue: in tickets_queue, or of those nobody has taken in tickets_unassigned. */
const firstOfRun = (eb: QueueEb, rank: 1 | 2 | 3 | 4, waiting: boolean) => {
  const q = eb
    .selectFrom('tickets as t')
    .select((e) => e.fn.min('t.created_at').as('m'))
    .whereRef('t.segment', '=', 'q.segment')
    .whereRef('t.tier', '=', 'q.tier')
    .where('t.is_open', '=', sql.lit(1))
    .where('t.priority_rank', '=', sql.lit(rank));
  return waiting ? q.where('t.assignee_id', 'is', null) : q;
};

/**
 * Each queue's counters and its oldest open ticket. The oldest is the first entry of each
 * priority's run in the queue index (four seeks), so no index of its own has to move with
 * every event that moves a ticket between queues.
 */
export function queueSummaryQuery(k: Sql['kysely']) {
  const oldestAt = (rank: 1 | 2 | 3 | 4) => (eb: QueueEb) => firstOfRun(eb, rank, false).as(`oldest_${rank}`);
  return k.selectFrom('queue_counters as q').select(['q.segment', 'q.tier', 'q.open', 'q.unassigned', 'q.at_risk', 'q.breached', oldestAt(1), oldestAt(2), oldestAt(3), oldestAt(4)]);
}

/** The same, with each queue's oldest ticket nobody has taken too (four more seeks a queue, in tickets_unassigned). */
export function queueWaitingSummaryQuery(k: Sql['kysely']) {
  const waitingAt = (rank: 1 | 2 | 3 | 4) => (eb: QueueEb) => firstOfRun(eb, rank, true).as(`waiting_${rank}`);
  return queueSummaryQuery(k).select([waitingAt(1), waitingAt(2), waitingAt(3), waitingAt(4)]);
}

export function oldestOf(r: { oldest_1: number | null; oldest_2: number | null; oldest_3: number | null; oldest_4: number | null }): number | null {
  const found = [r.oldest_1, r.oldest_2, r.oldest_3, r.oldest_4].filter((x): x is number => x !== null);
  return found.length ? Math.min(...found) : null;
}

/** A queue's page in either order, with param() slots for segment, tier, limit and offset (the bench's floor prepares these too). */
export function queuePageQueries(k: Sql['kysely']) {
  const queueBase = () => openTicketRows(k).where('t.segment', '=', param<string>()).where('t.tier', '=', param<number>());
  const unassigned = () => queueBase().where('t.assignee_id', 'is', null);
  // Oldest first within one priority: tickets_queue and tickets_unassigned hold a queue in
  // (priority, age) order, so one priority at a time is read in order, without a sort.
  const byAge = <Q extends ReturnType<typeof queueBase>>(q: Q) => q.where('t.priority_rank', '=', param<number>()).orderBy('t.created_at').orderBy('t.number').limit(param<number>());
  return {
    priority: queueBase().orderBy('t.priority_rank').orderBy('t.created_at').limit(param<number>()).offset(param<number>()),
    urgency: queueBase().orderBy(URGENCY).orderBy('t.created_at').limit(param<number>()).offset(param<number>()),
    /** The board's drill-downs, a queue at a time (drill()): segment, tier, limit. */
    unassignedByUrgency: unassigned().orderBy(URGENCY).orderBy('t.created_at').limit(param<number>()),
    /** segment, tier, priority rank, limit. */
    openByAge: byAge(queueBase()),
    unassignedByAge: byAge(unassigned()),
  };
}

/** A moment this far past is one the scheduler is catching up on, not one it is about to send. */
const CATCH_UP_GRACE_MS = 5_000;
const CATCH_UP_COUNT_LIMIT = 1_000_000;

export function ticketService(db: Sql, opts: { sla: SlaStore; clock: { now(): number }; /** Settles staged counter moves and outcomes before they are read (stagedTallies.ts). */ settle?: () => void }) {
  const k = db.kysely;
  const rowSla: RowSla = (r) => opts.sla.rowSla(r, opts.clock.now());
  const toRow = (r: TicketRowRecord) => toTicketRow(r, rowSla);
  const userById = db.prepare<Database['users'], [string]>(k.selectFrom('users').selectAll().where('id', '=', param<string>()));
  /** Whom a hand-back or reopening would give the ticket back to, as the users table has them now (as the store decides it). */
  const person = (id: string): Assignee | null => {
    const row = userById.get(id);
    return row ? toUser(row) : null;
  };
  const pages = queuePageQueries(k);
  const queuePage = { priority: db.prepare<TicketRowRecord, [string, number, number, number]>(pages.priority), urgency: db.prepare<TicketRowRecord, [string, number, number, number]>(pages.urgency) };
  // Tickets whose SLA moment passed more than CATCH_UP_GRACE_MS ago and that the scheduler has
  // not looked at yet: none on a running desk (it wakes at the moment), thousands while a desk
  // opened after a night catches up (slaScheduler.ts). Counted no further than the limit.
  const catchingUp = db.prepare<{ n: number }, [number]>(
    k.selectFrom((eb) => eb.selectFrom('tickets').select('id').where('sla_next_at', '<=', param<number>()).limit(sql.lit(CATCH_UP_COUNT_LIMIT)).as('d')).select((eb) => eb.fn.countAll<number>().as('n')),
  );
  const drillQueue = {
    unassignedByUrgency: db.prepare<TicketRowRecord, [string, number, number]>(pages.unassignedByUrgency),
    openByAge: db.prepare<TicketRowRecord, [string, number, number, number]>(pages.openByAge),
    unassignedByAge: db.prepare<TicketRowRecord, [string, number, number, number]>(pages.unassignedByAge),
  };

  // The scored tickets behind a satisfaction cell (drill()): csat is not in Kysely's schema.
  const csatCell = {
    rows: db.sqlite.prepare<[number, string, number, number], { ticket_id: string; score: number; at: number }>(
      'SELECT ticket_id, score, at FROM csat WHERE at >= ? AND segment = ? AND tier = ? ORDER BY score, at DESC LIMIT ?',
    ),
    count: db.sqlite.prepare<[number, string, number], { n: number }>('SELECT count(*) AS n FROM csat WHERE at >= ? AND segment = ? AND tier = ?'),
  };

  // The newest event of a ticket that decides whether it came back to its holder (hers, a
  // return, a handover): read backwards in the ticket's own range of the log's primary key.
  const decidingEvent = db.prepare<{ type: string; actor_id: string; at: number; payload: string }, [string, string]>(
    k
      .selectFrom('ticket_events')
      .select(['type', 'actor_id', 'at', 'payload'])
      .where('ticket_id', '=', param<string>())
      .where((eb) => eb.or([eb('actor_id', '=', param<string>()), eb('type', 'in', CAME_BACK_TYPES.map((t) => sql.lit(t)))]))
      .orderBy('seq', 'desc')
      .limit(1),
  );

  // How a ticket last came to its tier, for its row in a tier-2/3 queue: its latest escalation,
  // or, when it moved since, that move: a hand-back down (escalated 2→3, then handed back to
  // tier 2: the 2→3 reason is no longer why it is here), or an SLA breach that moved it up
  // (escalated 1→2, then moved to tier 3 by a breach). A breach at tier 3 moves nothing, so the
  // ticket's moves are replayed from tier 1 (tierAfter, as the machine moves it) to tell which
  // breaches moved it. Read in the ticket's own range of the log's primary key (a few events),
  // once per row of the page asked for; the queue's own query stays on the tickets table alone.
  const moves = db.prepare<{ type: string; actor_id: string; payload: string }, [string]>(
    k
      .selectFrom('ticket_events')
      .select(['type', 'actor_id', 'payload'])
      .where('ticket_id', '=', param<string>())
      .where('type', 'in', [sql.lit('ESCALATE'), sql.lit('DEESCALATE'), sql.lit('SLA_BREACH')])
      .orderBy('seq', 'asc'),
  );
  const cameUpOf = (ticketId: string, users: ReadonlyMap<string, string>): Pick<QueueTicketRow, 'escalation' | 'handedBack' | 'breachedUp'> => {
    let tier: Tier = 1;
    let e: { type: string; actor_id: string; payload: string } | null = null;
    for (const m of moves.all(ticketId)) {
      const next = tierAfter(m.type, tier);
      if (next !== tier) e = m;
      tier = next;
    }
    if (!e) return { escalation: null, handedBack: null, breachedUp: null };
    const p = JSON.parse(e.payload) as { reason?: unknown; note?: unknown; target?: unknown };
    const note = typeof p.note === 'string' ? p.note : '';
    if (e.type === 'DEESCALATE') return { escalation: null, handedBack: { actorName: users.get(e.actor_id) ?? 'Unknown user', note }, breachedUp: null };
    if (e.type === 'SLA_BREACH') {
      const target = slaTargetSchema.safeParse(p.target);
      return { escalation: null, handedBack: null, breachedUp: target.success ? { target: target.data } : null };
    }
    const reason = escalationReasonSchema.safeParse(p.reason);
    return { escalation: reason.success ? { reason: reason.data, note } : null, handedBack: null, breachedUp: null };
  };

  const numberById = db.prepare<{ number: number }, [string]>(k.selectFrom('tickets').select('number').where('id', '=', param<string>()));
  // The later tickets of the same customer whose CREATED names this one (tickets_customer, then
  // each one's first event by its key): a customer's tickets after this one, a handful at home.
  // The follows id is matched here, not in SQL: a bound UUID is bound as its 16 bytes (idCodec.ts),
  // and the payload holds it as text.
  const laterCreatedOf = db.sqlite.prepare<[string, number, string], { id: string; number: number; payload: string }>(
    `SELECT t.id, t.number, e.payload FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id AND e.seq = 1
      WHERE t.customer_id = ? AND t.created_at >= ? AND t.id <> ? AND e.payload LIKE '%"follows"%'
      ORDER BY t.created_at`,
  );
  const followersOf = (customerId: string, createdAt: number, id: string) =>
    laterCreatedOf.all(customerId, createdAt, id).filter((r) => (JSON.parse(r.payload) as { follows?: unknown }).follows === id);

  /** The earlier ticket this one follows (its CREATED's `follows`), and, once it is no longer open, the later ones that follow it. */
  function linksOf(t: Written): Pick<TicketDetail, 'follows' | 'followedBy'> {
    const created = t.events[0];
    const p = created?.type === 'CREATED' ? (created.parsed ?? (JSON.parse(created.payload) as Record<string, unknown>)) : {};
    const followsId = typeof p.follows === 'string' ? p.follows : null;
    const followed = followsId ? numberById.get(followsId) : undefined;
    const followers = isOpenState(t.state.position.state) ? [] : followersOf(t.row.customer_id, t.row.created_at, t.row.id);
    return {
      ...(followsId && followed ? { follows: { id: followsId, number: ticketNumber(followed.number) } } : {}),
      ...(followers.length > 0 ? { followedBy: followers.map((f) => ({ id: f.id, number: ticketNumber(f.number) })) } : {}),
    };
  }

  const customerById = db.prepare<CustomerRow, [string]>(k.selectFrom('customers').selectAll().where('id', '=', param<string>()));
  const assetById = db.prepare<AssetRow, [string]>(k.selectFrom('assets').selectAll().where('id', '=', param<string>()));
  const standingById = db.prepare<Pick<TicketRowDb, 'id' | 'segment' | 'state' | 'tier' | 'assignee_id' | 'sla_status' | 'sla_target'>, [string]>(
    k.selectFrom('tickets').select(['id', 'segment', 'state', 'tier', 'assignee_id', 'sla_status', 'sla_target']).where('id', '=', param<string>()),
  );

  /**
   * Where each of these tickets stands, from its row alone (one seek on the primary key
   * each), for those that exist and `sees` lets through; an id asked twice is answered once.
   */
  function standings(ids: readonly string[], sees: (segment: string) => boolean): TicketStanding[] {
    const out: TicketStanding[] = [];
    for (const id of new Set(ids)) {
      const r = standingById.get(id);
      if (!r || !sees(r.segment)) continue;
      out.push({
        id: r.id,
        state: r.state as TicketStanding['state'],
        tier: r.tier as Tier,
        assigneeId: r.assignee_id,
        slaStatus: r.sla_status as TicketStanding['slaStatus'],
        slaTarget: r.sla_target as TicketStanding['slaTarget'],
      });
    }
    return out;
  }

  /**
   * A ticket's page, from what a write left (or what load() read): the row, the log, the
   * state, with the ticket's customer and system read for it.
   */
  function detail(t: Written, viewer: Actor | null, now: number, users: Map<string, string>): TicketDetail {
    const row = t.row;
    const customer = customerById.get(row.customer_id)!;
    const asset = row.asset_id ? assetById.get(row.asset_id) : undefined;
    return { ...pageOf(t, viewer, now, users), customer: toCustomerSummary(customer), asset: asset ? toAssetView(asset, [], now) : null };
  }

  /** A written ticket as a list row, with its assignee's name (a take's reply): no read. */
  function rowOf(t: Written, users: Map<string, string>): TicketRow {
    const row = t.row;
    return toRow({ ...row, assignee_name: row.assignee_id ? (users.get(row.assignee_id) ?? null) : null });
  }

  /** A ticket's page from what an action wrote alone (an action's reply): no read. */
  function pageOf(t: Written, viewer: Actor | null, now: number, users: Map<string, string>): TicketActReply {
    const row = t.row;
    const timeline: TimelineEntry[] = [];
    for (const e of t.events) {
      if (e.type === 'POLICY_CHANGED') continue;
      timeline.push({
        id: e.id,
        type: e.type as TimelineEntry['type'],
        at: e.at,
        actorId: e.actor_id,
        actorName: e.actor_id === SYSTEM_ACTOR.id ? 'Tagdesk SLA' : (users.get(e.actor_id) ?? 'Unknown user'),
        payload: e.parsed ?? (JSON.parse(e.payload) as Record<string, unknown>),
      });
    }
    const allowed = viewer ? allowedEvents(t.state.position, viewer, now).filter((t) => !t.startsWith('SLA_')) : [];
    // Said in their dialogs before they are sent: where the ticket would wait instead.
    const toQueue = viewer ? HAND_BACKS.filter((a) => allowed.includes(a) && goesToQueue(t.state, a, viewer, now, person) === true) : [];
    // Reopen's dialog says what it does to the resolution SLA, by the policy a reopening would run under.
    const reopenRule = allowed.includes('REOPEN') ? opts.sla.policyInForce(row.segment as Segment, row.service_level as ServiceLevel)?.policy.reopenRule : undefined;
    // Where Reopen is not offered on a resolved ticket, why (the machine's own refusal).
    const reopenRefused = viewer && !allowed.includes('REOPEN') ? reopenRefusal(t.state.position, viewer, now) : null;
    return {
      ticket: { ...rowOf(t, users), description: row.description, channel: row.channel as Channel, seq: row.version },
      timeline,
      sla: opts.sla.trace(row, timeline.map((e) => ({ type: e.type, at: e.at, payload: e.payload })), now),
      allowed,
      ...(toQueue.length > 0 ? { toQueue } : {}),
      ...(reopenRule ? { reopenRule } : {}),
      ...(reopenRefused ? { reopenRefused } : {}),
      // Resolve's dialog says how long the customer may ask to reopen it: this ticket's window.
      reopenWindowDays: reopenWindowDays(t.state.position.context),
      ...linksOf(t),
    };
  }

  /**
   * A page of a queue; above first line, each row with how it came to its tier: its latest
   * escalation's reason and note, or the hand-back down since (who, and their note). `users`:
   * names by id, for who handed it back.
   */
  function queueRows(key: QueueKey, limit: number, offset: number, order: 'urgency' | 'priority' = 'priority', users: ReadonlyMap<string, string> = new Map()): QueueTicketRow[] {
    const rows = queuePage[order].all(key.segment, key.tier, limit, offset);
    if (key.tier === 1) return rows.map(toRow);
    return rows.map((r) => {
      const row = toRow(r);
      return { ...row, ...cameUpOf(row.id, users) };
    });
  }

  /**
   * Each queue's counters and oldest open ticket; with `waiting`, also its oldest ticket nobody
   * has taken (the queue list's "oldest waiting"; four more seeks a queue, so not the board's).
   */
  function queueSummaries(keys: QueueKey[] | 'all', options: { waiting?: boolean } = {}): QueueSummary[] {
    opts.settle?.();
    if (keys !== 'all' && keys.length === 0) return [];
    const ofKeys = <Q extends ReturnType<typeof queueSummaryQuery>>(q: Q): Q =>
      keys === 'all' ? q : (q.where((eb) => eb.or(keys.map((key) => eb.and([eb('q.segment', '=', key.segment), eb('q.tier', '=', key.tier)])))) as Q);
    const summary = (r: Parameters<typeof oldestOf>[0] & { segment: string; tier: number; open: number; unassigned: number; at_risk: number; breached: number }): QueueSummary => ({
      segment: r.segment as Segment,
      tier: r.tier as Tier,
      open: r.open,
      unassigned: r.unassigned,
      atRisk: r.at_risk,
      breached: r.breached,
      oldestAt: oldestOf(r),
    });
    if (!options.waiting) return db.all(ofKeys(queueSummaryQuery(k)).orderBy('q.tier').orderBy('q.segment')).map(summary);
    return db
      .all(ofKeys(queueWaitingSummaryQuery(k)).orderBy('q.tier').orderBy('q.segment'))
      .map((r) => ({ ...summary(r), oldestWaitingAt: oldestOf({ oldest_1: r.waiting_1, oldest_2: r.waiting_2, oldest_3: r.waiting_3, oldest_4: r.waiting_4 }) }));
  }

  /** My tickets: hers, open, each marked when it came back to her (cameBack.ts) until she acts on it. */
  function assignedTo(userId: string, users: Map<string, string>): MyTicketRow[] {
    return db.all(openTicketRows(k).where('t.assignee_id', '=', userId).orderBy('t.priority_rank').orderBy('t.created_at').limit(500)).map((r) => {
      const row = toRow(r);
      const e = decidingEvent.get(row.id, userId);
      const back = e ? cameBack([{ type: e.type, actorId: e.actor_id, at: e.at, payload: JSON.parse(e.payload) as Record<string, unknown> }], userId) : null;
      return { ...row, cameBack: back && { ...back, actorName: users.get(back.actorId) ?? 'Unknown user' } };
    });
  }

  /** Tickets resolved since `dayStart` and resolved still, each once (the board's "Resolved today"). */
  const resolvedSince = (dayStart: number) =>
    k
      .selectFrom('tickets')
      .where('is_open', '=', 0)
      .where('id', 'in', (eb) =>
        // A literal, not a bound value: that is what lets SQLite use the partial index of resolves.
        eb.selectFrom('ticket_events').select('ticket_id').where('type', '=', sql.lit('RESOLVE')).where('at', '>=', dayStart),
      );

  // Every segment and target's outcomes done in [from, to): a range of sla_recent's key each.
  const sliceCounts = db.sqlite.prepare<[number, number], { segment: string; target: string; total: number; met: number | null }>(
    `SELECT segment, target, count(*) AS total, sum(met) AS met FROM sla_recent
      WHERE segment IN (${SEGMENTS.map((x) => `'${x}'`).join(', ')}) AND target IN ('firstResponse', 'resolution') AND done_at >= ? AND done_at < ?
      GROUP BY segment, target`,
  );

  /**
   * Outcomes per segment and target on each of a run of the centre's days (consecutive, the last
   * one holding `now`). sla_daily counts UTC days. A centre day's count is the count before its
   * end less the count before its start, and the count before an instant is sla_daily's up to the
   * UTC midnight nearest it, plus (or less) sla_recent's rows between that midnight and it. So
   * each bound reads at most 12 hours of sla_recent by its key, and in a UTC zone none: a week of
   * sla_recent rows, counted per day, read ~360,000 at 2 M tickets. sla_recent holds every outcome
   * since UTC midnight 7 days back (sla.ts RECENT_DAYS), which is before the 7th centre day starts
   * in any zone (offsets lie within -12 h and +14 h).
   */
  function centreDays(days: ReadonlyArray<{ day: number; start: number; end: number }>, now: number): Overview['daily'] {
    type Cut = { utcDay: number; from: number; to: number; sign: 1 | -1 };
    const cutAt = (at: number): Cut => {
      const below = Math.floor(at / DAY_MS);
      // The nearer midnight, or the next one for an instant not yet come (nothing is done after it).
      return at - below * DAY_MS <= DAY_MS / 2 && at <= now
        ? { utcDay: below, from: below * DAY_MS, to: at, sign: 1 }
        : { utcDay: below + 1, from: at, to: (below + 1) * DAY_MS, sign: -1 };
    };
    const cuts = [...days.map((d) => cutAt(d.start)), cutAt(days[days.length - 1]!.end)];
    const byDay = new Map<string, { met: number; total: number }>();
    for (const r of db.all(k.selectFrom('sla_daily').selectAll().where('day', '>=', cuts[0]!.utcDay).where('day', '<', cuts[cuts.length - 1]!.utcDay))) {
      byDay.set(`${r.day} ${r.segment} ${r.target}`, { met: r.met, total: r.total });
    }
    // Each bound's slice, for every segment and target in one read (by sla_recent's key, a range
    // per segment and target). A slice after now (the end of today, to the next midnight) is empty.
    const slices = cuts.map((c) => {
      const got = new Map<string, { met: number; total: number }>();
      if (c.from < c.to && c.from <= now) for (const r of sliceCounts.all(c.from, c.to)) got.set(`${r.segment} ${r.target}`, { met: Number(r.met ?? 0), total: r.total });
      return got;
    });
    const out: Overview['daily'] = [];
    for (const segment of SEGMENTS) {
      for (const target of ['firstResponse', 'resolution'] as const) {
        // Counts before each bound, less sla_daily's before the first cut's midnight.
        const before = cuts.map((c, i) => {
          let met = 0;
          let total = 0;
          for (let d = cuts[0]!.utcDay; d < c.utcDay; d++) {
            const row = byDay.get(`${d} ${segment} ${target}`);
            met += row?.met ?? 0;
            total += row?.total ?? 0;
          }
          const slice = slices[i]!.get(`${segment} ${target}`) ?? { met: 0, total: 0 };
          return { met: met + c.sign * slice.met, total: total + c.sign * slice.total };
        });
        days.forEach((d, i) => {
          const total = before[i + 1]!.total - before[i]!.total;
          if (total > 0) out.push({ day: d.day, segment, target, met: before[i + 1]!.met - before[i]!.met, total });
        });
      }
    }
    return out;
  }

  /** The supervisor's numbers, from counters kept with the projection: no ticket scan. */
  function overview(users: readonly User[], now: number): Overview {
    // queueSummaries settles the staged counters first: what follows reads them settled too.
    const queues = queueSummaries('all');
    // Each person's load with their at-risk and breached tickets: counters, no ticket read.
    const load = new Map(db.all(k.selectFrom('agent_load').select(['user_id', 'open', 'at_risk', 'breached'])).map((r) => [r.user_id, r]));
    // The centre's day, in the zone it works in (sla.ts centreDayZone).
    const timeZone = opts.sla.dayZone();
    const local = zoneDay(now, timeZone);
    // Tickets resolved today and resolved still: one a ticket however often it was reopened and
    // resolved again today, none for one reopened since and not yet resolved again.
    const resolvedToday = Number(db.get(resolvedSince(local.start).select((eb) => eb.fn.countAll().as('n')))?.n ?? 0);
    // The chart's 7 bars, "today" and "7 days" are the centre's days (the last bar is today).
    const days = Array.from({ length: 7 }, (_, i) => zoneDayOf(local.day - 6 + i, timeZone));
    const daily = centreDays(days, now);
    const attainment = SEGMENTS.flatMap((segment) =>
      (['firstResponse', 'resolution'] as const).map((target) => {
        const rows = daily.filter((d) => d.segment === segment && d.target === target);
        const sum = (list: typeof rows) => ({ met: list.reduce((a, d) => a + d.met, 0), total: list.reduce((a, d) => a + d.total, 0) });
        return { segment, target, today: sum(rows.filter((d) => d.day === local.day)), week: sum(rows) };
      }),
    );
    return {
      now,
      day: { timeZone, day: local.day, start: local.start, end: local.end },
      queues,
      slaCatchingUp: catchingUp.get(now - CATCH_UP_GRACE_MS)?.n ?? 0,
      attainment,
      daily,
      // People who work tickets: a deactivated one only while they still hold some (to hand
      // over), never an import's own account.
      agents: users
        .filter((u) => (u.role === 'agent' || u.role === 'specialist') && (u.active || (load.get(u.id)?.open ?? 0) > 0))
        .map((u) => {
          const l = load.get(u.id);
          return { userId: u.id, name: u.name, role: u.role, tier: u.tier, open: l?.open ?? 0, atRisk: l?.at_risk ?? 0, breached: l?.breached ?? 0 };
        }),
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
   * counted the way overview() counts that number (same counters' conditions, same days).
   */
  function drill(input: DrillInput, now: number): DrillResult {
    opts.settle?.();
    const total = (q: ReturnType<typeof ticketRowQuery>) => Number(db.get(k.selectFrom(q.as('d')).select((eb) => eb.fn.countAll().as('n')))?.n ?? 0);
    const plain = (r: TicketRowRecord): DrillRow => ({ ...toRow(r), outcome: null });
    if (input.filter === 'agent') {
      let q = openTicketRows(k).where('t.assignee_id', '=', input.assigneeId);
      // Their few at-risk or breached tickets, found through their own (tickets_assignee).
      if (input.sla) q = q.where('t.sla_status', '=', input.sla);
      // One person's open tickets, found through tickets_assignee, sorted: soonest due first,
      // or oldest first (the drawer's toggle), cut by number.
      const ordered = input.order === 'age' ? q.orderBy('t.created_at').orderBy('t.number') : q.orderBy(URGENCY).orderBy('t.created_at');
      return { rows: db.all(ordered.limit(input.limit)).map(plain), total: total(q), met: null };
    }
    if (input.filter === 'resolved') {
      // overview()'s "Resolved today": the same tickets, newest number first.
      const dayStart = zoneDay(now, opts.sla.dayZone()).start;
      const ids = resolvedSince(dayStart).select('id');
      const q = ticketRowQuery(k).where('t.id', 'in', ids);
      return { rows: db.all(q.orderBy('t.number', 'desc').limit(input.limit)).map(plain), total: Number(db.get(resolvedSince(dayStart).select((eb) => eb.fn.countAll().as('n')))?.n ?? 0), met: null };
    }
    if (input.filter === 'csat') {
      // A satisfaction cell (csat.ts board()): its segment and tier's scores of the 4 weeks
      // ending now, found through csat_at; lowest score first, then newest.
      const from = now - CSAT_CELL_MS;
      const scores = csatCell.rows.all(from, input.segment, input.tier, input.limit);
      const n = csatCell.count.get(from, input.segment, input.tier)?.n ?? 0;
      const byId = new Map(scores.length ? db.all(ticketRowQuery(k).where('t.id', 'in', scores.map((r) => r.ticket_id))).map((r) => [plain(r).id, plain(r)]) : []);
      const rows = scores.flatMap((c) => {
        const row = byId.get(c.ticket_id);
        return row ? [{ ...row, score: { score: c.score, at: c.at } }] : [];
      });
      return { rows, total: n, met: null };
    }
    if (input.filter === 'attainment') {
      // overview()'s days: today is the centre's day in its zone, 7 days is it and the 6 centre
      // days before. The outcomes come from sla_recent, which holds the last 8 UTC days' by
      // segment, target and time (migration 0018): sla_outcomes is keyed by ticket, and finding
      // a week in it read all.
      const timeZone = opts.sla.dayZone();
      const local = zoneDay(now, timeZone);
      const outcomes = k
        .selectFrom('sla_recent')
        .where('target', '=', input.target)
        .where('segment', '=', input.segment)
        .where('done_at', '>=', input.window === 'today' ? local.start : zoneDayOf(local.day - 6, timeZone).start)
        .where('done_at', '<', local.end);
      // The drawer's first outcomes (missed first, newest first), then only their tickets:
      // sorting every outcome of a week by ticket number read a week's tickets (29,190 for one
      // segment at 2 M tickets: 0.28 s). Outcomes of the same millisecond at the drawer's edge
      // are cut by ticket id.
      const first = outcomes.select(['ticket_id', 'met', 'due_at', 'done_at']).orderBy('met').orderBy('done_at', 'desc').orderBy('ticket_id').limit(input.limit);
      const rows = db.all(
        ticketRowQuery(k)
          .innerJoin(first.as('o'), 'o.ticket_id', 't.id')
          .select(['o.met as o_met', 'o.due_at as o_due_at', 'o.done_at as o_done_at'])
          .orderBy('o.met')
          .orderBy('o.done_at', 'desc')
          .orderBy('t.number'),
      );
      const counts = db.get(outcomes.select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>('met').as('met')]));
      return {
        rows: rows.map((r) => ({ ...toRow(r), outcome: { target: input.target, met: r.o_met === 1, dueAt: r.o_due_at, doneAt: r.o_done_at } })),
        total: Number(counts?.n ?? 0),
        met: Number(counts?.met ?? 0),
      };
    }
    // The count is the board's own: the queue counters, summed over the queues asked for.
    const column = { open: 'open', unassigned: 'unassigned', atRisk: 'at_risk', breached: 'breached' } as const satisfies Record<DrillFilter, string>;
    const counted = db
      .all(k.selectFrom('queue_counters').select(['segment', 'tier', 'open', 'unassigned', 'at_risk', 'breached']))
      .filter((c) => (!input.segment || c.segment === input.segment) && (!input.tier || c.tier === input.tier))
      .reduce((n, c) => n + c[column[input.filter]], 0);
    const byAge = input.order === 'age';
    if (input.filter === 'atRisk' || input.filter === 'breached') {
      // Few tickets, found through tickets_sla_status, then sorted.
      let q = openTicketRows(k).where('t.sla_status', '=', input.filter);
      if (input.segment) q = q.where('t.segment', '=', input.segment);
      if (input.tier) q = q.where('t.tier', '=', input.tier);
      const ordered = byAge ? q.orderBy('t.created_at').orderBy('t.number') : q.orderBy(URGENCY).orderBy('t.created_at');
      return { rows: db.all(ordered.limit(input.limit)).map(plain), total: counted, met: null };
    }
    // Open or unassigned: many tickets. Each queue is read in the order asked from an index
    // that has it (queuePageQueries: by urgency from tickets_urgency, by age one priority at a
    // time), as far as the limit, and the queues' first rows are merged here. One statement
    // over every queue read every open ticket of the centre to sort them (260,047 at 2 M
    // tickets: 0.6-0.9 s).
    const { limit } = input;
    const unassigned = input.filter === 'unassigned';
    const rows: TicketRowRecord[] = [];
    for (const segment of input.segment ? [input.segment] : SEGMENTS) {
      for (const tier of input.tier ? [input.tier] : TIERS) {
        if (!byAge) rows.push(...(unassigned ? drillQueue.unassignedByUrgency.all(segment, tier, limit) : queuePage.urgency.all(segment, tier, limit, 0)));
        else for (const p of PRIORITIES) rows.push(...(unassigned ? drillQueue.unassignedByAge : drillQueue.openByAge).all(segment, tier, priorityRank(p), limit));
      }
    }
    const due = (r: TicketRowRecord) => r.due_at ?? Number.MAX_SAFE_INTEGER;
    rows.sort(byAge ? (a, b) => a.created_at - b.created_at || a.number - b.number : (a, b) => due(a) - due(b) || a.created_at - b.created_at);
    return { rows: rows.slice(0, limit).map(plain), total: counted, met: null };
  }

  return { detail, pageOf, rowOf, queueRows, queueSummaries, assignedTo, overview, toRow, drill, standings };
}

export type TicketService = ReturnType<typeof ticketService>;
