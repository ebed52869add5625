import { sql } from 'kysely';
import { say } from '../../shared/messageKeys';
import { ApiError, type QueueKey, type TimelineEntry } from '../../shared/api';
import { priorityRank, resolutionCodeSchema, SYSTEM_ACTOR, type Actor, type Channel, type Priority, type ResolutionCode, type Segment, type Tier } from '../../shared/domain';
import { heldBelow } from '../../shared/access';
import { firstWords } from '../../shared/ticketLog/cameBack';
import { interactionLine, ticketInteraction } from '../../shared/interactionText';
import {
  decide,
  evolve,
  evolveAll,
  MACHINE_VERSION,
  PAYLOAD_VERSION,
  projectSla,
  toOutboxEnvelope,
  type Assignee,
  type EventDraft,
  type TicketEnvelope,
  type TicketLogCommand,
  type TicketLogState,
  type TicketSla,
} from '../../shared/ticketLog';
import type { LoggedEvent } from '../../shared/sla/ticketSla';
import { isOpenState, type TicketCommand, type TicketContext, type TicketState } from '../../shared/ticketMachine';
import type { Sql } from './db/exec';
import type { TicketRowDb } from './db/schema';
import { uuidv7 } from './ids';
import { toUser } from './users';
import { policyVersions } from './policyVersions';
import type { SlaStore } from './sla';
import { ticketNumber } from './ticketRows';
import { ticketStatements } from './ticketStatements';
import { interactionStage, type InteractionStage } from './stagedInteractions';
import { outcomesOfStage, stagedOutcomes, tallyStage, type StagedTally, type TallyStage } from './stagedTallies';
import { trendCounter } from './kb/trendCounts';

// The desk's store of the ticket log. A write loads the ticket (its row, which is the fold of
// its log but for a later SLA wake-up left to the scheduler (lazyNextAt), and the log the SLA
// clock replays), asks the shared decide() for the events,
// and refuses with nothing written if it says no. Otherwise, in the same IMMEDIATE
// transaction: each event (envelope columns), the ticket's new projection, the queue and
// load counters netted per queue, SLA outcomes, the 360° interaction, and one outbox row
// per event for the hub. Pushes are queued to go out after the commit. The caller gets the
// evolved state and the log back, so the reply needs no second read.
//
// Deciding happens inside the write lock but before the first write: the decision and the
// write see the same state (two desks on one file cannot both take one ticket), and a
// refusal rolls back a transaction that wrote nothing.

/** A ticket an agent opens: for whom, on which system, what about. */
export interface NewTicket {
  customerId: string;
  assetId?: string | null;
  subject: string;
  description?: string;
  priority?: Priority;
  channel?: Channel;
  at: number;
  /** Taken by its author in the same transaction ("Assign to me"): the machine's TAKE after CREATED. */
  take?: boolean;
  /** The earlier ticket it follows up (CREATED's `follows`). */
  follows?: string;
}

/** A ticket just opened, and why it was not taken when a take was asked and refused (null otherwise). */
export type Created = Written & { takeRefused: string | null };

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
  /** Opened within the change told (arrived from the hub with later steps in one pull): see api.ts. */
  created?: true;
  /** What the step said, where it is news: see api.ts. */
  step?: TicketStepNews;
}

export interface TicketStepNews {
  actorName: string;
  note: string;
  code?: ResolutionCode;
  heldBelow: string[];
  /** RETURN_TO_QUEUE, ASSIGN: who held the ticket before the step took it out of their hands (access.ts, wantsReturnedNotice). */
  from?: string;
  /** ASSIGN out of someone's hands: the name of whom it was given to (their notice says so). */
  toName?: string;
}

/** The steps whose notices name who took them and what they wrote (SlaWatch: resolved, handed back, reopened, assigned, returned). */
const NAMED_STEPS: ReadonlySet<string> = new Set(['RESOLVE', 'DEESCALATE', 'REOPEN', 'ASSIGN', 'RETURN_TO_QUEUE']);

/**
 * What a step that is news here said, for the notices that name it: who took it (`nameOf`),
 * the first line of its note (its first words), a RESOLVE's code, and who held the ticket at
 * the tiers below the one it is at now (`state`: the ticket as the step left it), and for a
 * return to the queue, or an assignment that took it from someone, who held it before
 * (`heldBefore`: the holder as the step found it) and, for the assignment, whom it went to.
 */
export function stepNewsOf(state: TicketLogState, e: { type: string; payload: Record<string, unknown>; actor: { id: string } }, nameOf: (id: string) => string | undefined, heldBefore: string | null = null): TicketStepNews | undefined {
  if (!NAMED_STEPS.has(e.type)) return undefined;
  const note = typeof e.payload.note === 'string' ? firstWords(e.payload.note.trim().split('\n')[0] ?? '', 160) : '';
  const code = resolutionCodeSchema.safeParse(e.payload.code);
  const ctx = state.position.context;
  return {
    actorName: nameOf(e.actor.id) ?? '',
    note,
    ...(e.type === 'RESOLVE' && code.success ? { code: code.data } : {}),
    heldBelow: e.type === 'RESOLVE' ? heldBelow(ctx.heldBy, ctx.tier).filter((id) => id !== e.actor.id) : [],
    ...(e.type === 'RETURN_TO_QUEUE' && heldBefore !== null ? { from: heldBefore } : {}),
    ...(e.type === 'ASSIGN' && heldBefore !== null && heldBefore !== ctx.assigneeId ? { from: heldBefore, ...(ctx.assigneeId ? { toName: nameOf(ctx.assigneeId) ?? '' } : {}) } : {}),
  };
}

/** What the UI is told of a ticket row after an event moved it. */
export function ticketChangeOf(row: TicketRowDb, type: string, actorId: string, at: number): TicketChange {
  return {
    ticketId: row.id,
    customerId: row.customer_id,
    number: ticketNumber(row.number),
    state: row.state as TicketState,
    tier: row.tier as Tier,
    segment: row.segment as Segment,
    assigneeId: row.assignee_id,
    type: type as TimelineEntry['type'],
    actorId,
    at,
  };
}

export interface SlaAlert {
  ticketId: string;
  number: string;
  target: 'firstResponse' | 'nextResponse' | 'resolution';
  dueAt: number;
  breached: boolean;
  assigneeId: string | null;
  tier: Tier;
  segment: Segment;
}

/** An event of the log as the timeline and the SLA trace read it. */
export interface StoredEvent {
  id: string;
  type: string;
  actor_id: string;
  at: number;
  payload: string;
  /** The payload parsed, once, by whoever read it first. */
  parsed?: Record<string, unknown>;
}

/** A ticket as a write leaves it: its row, its log, its state. */
export interface Written {
  row: TicketRowDb;
  events: StoredEvent[];
  state: TicketLogState;
}

const NO_SLA = { sla_status: 'none', sla_target: null, due_at: null, sla_next_at: null, sla_calendar_id: null } as const;

/**
 * `sla_next_at` is when the scheduler must next look at a ticket: never later than the next
 * warning or breach it owes, and otherwise the fold of its log. A write that only puts that
 * moment later (a take meets the first response, so the resolution's warning comes next; a
 * resolve owes nothing more) leaves the earlier one where it is while it is still to come: the
 * ticket's entry in `tickets_sla_next` (two pages) does not move in the agent's commit. The
 * scheduler, waking then, finds nothing owed and moves it on in a write of its own (fireSla).
 * A write that brings the moment earlier, or gives a ticket its first, writes it at once.
 */
function lazyNextAt(before: TicketRowDb | null, after: TicketRowDb, now: number): TicketRowDb {
  const was = before?.sla_next_at ?? null;
  if (was === null || was <= now) return after;
  if (after.sla_next_at !== null && after.sla_next_at <= was) return after;
  return { ...after, sla_next_at: was };
}

export function ticketStore(
  db: Sql,
  opts: {
    deskId: string;
    reopenWindowMs?: number;
    sla: SlaStore;
    clock: { now(): number };
    onChange: (c: TicketChange) => void;
    onSlaAlert: (a: SlaAlert) => void;
    /** Where a ticket event's 360° interaction waits before it joins `interactions` (stagedInteractions.ts). */
    stage?: InteractionStage;
    /** Whether this desk only reads: nothing staged is settled from here. */
    readOnly?: boolean;
  },
) {
  const k = db.kysely;
  const st = ticketStatements(db);
  const personName = db.sqlite.prepare<[string], string>('SELECT name FROM users WHERE id = ?').pluck();
  const nameOf = (id: string): string | undefined => personName.get(id);
  const trends = trendCounter(db.sqlite);
  const stage = opts.stage ?? interactionStage(db);
  // A settling batch: every staged write's counter moves netted, then its outcomes.
  const tallies: TallyStage = tallyStage(
    db,
    (batch) => {
      const t = tally();
      for (const staged of batch) t.addStaged(staged);
      t.flush();
      for (const staged of batch) for (const o of outcomesOfStage(staged.o ?? [])) opts.sla.writeOutcome(o);
    },
    { readOnly: opts.readOnly },
  );
  const versions = policyVersions(db);
  const calendarOf = (id: string) => opts.sla.calendar(id);
  /** The policy in force for the ticket's segment and level: a change an admin made counts at once (projectSla). */
  const inForceOf = (s: TicketLogState) => opts.sla.policyInForce(s.head.segment, s.head.serviceLevel);
  const actorJson = (a: Actor) => JSON.stringify({ role: a.role, tier: a.tier, segments: a.segments });

  /** The ticket's state from its row (the fold of its log so far) and its log. */
  function stateOf(row: TicketRowDb, events: readonly StoredEvent[]): TicketLogState {
    const log: LoggedEvent[] = [];
    for (const e of events) {
      if (e.type === 'POLICY_CHANGED') continue;
      e.parsed ??= JSON.parse(e.payload) as Record<string, unknown>;
      log.push({ type: e.type, at: e.at, payload: e.parsed });
    }
    return {
      ticketId: row.id,
      seq: row.version,
      head: {
        number: row.number,
        customerId: row.customer_id,
        customerName: row.customer_name,
        assetId: row.asset_id,
        serviceTag: row.service_tag,
        segment: row.segment as Segment,
        serviceLevel: row.service_level as TicketLogState['head']['serviceLevel'],
        subject: row.subject,
        description: row.description,
        channel: row.channel as Channel,
        createdAt: row.created_at,
      },
      position: { state: row.state as TicketState, context: JSON.parse(row.machine) as TicketContext },
      policies: versions.fromRefs(row.sla_policy_refs),
      log,
      updatedAt: row.updated_at,
    };
  }

  function load(ticketId: string): { row: TicketRowDb; events: StoredEvent[]; state: TicketLogState } | null {
    const row = st.ticketById.get(ticketId);
    if (!row) return null;
    const events = st.eventsOf.all(ticketId);
    return { row, events, state: stateOf(row, events) };
  }

  /** The projection of a state: the ticket row as the queues, the board and the scheduler read it. */
  function rowOf(s: TicketLogState, sla: TicketSla | null): TicketRowDb {
    const c = s.position.context;
    return {
      id: s.ticketId,
      number: s.head.number,
      customer_id: s.head.customerId,
      customer_name: s.head.customerName,
      asset_id: s.head.assetId,
      service_tag: s.head.serviceTag,
      segment: s.head.segment,
      service_level: s.head.serviceLevel,
      priority: c.priority,
      priority_rank: priorityRank(c.priority),
      tier: c.tier,
      state: s.position.state,
      is_open: isOpenState(s.position.state) ? 1 : 0,
      assignee_id: c.assigneeId,
      subject: s.head.subject,
      description: s.head.description,
      channel: s.head.channel,
      created_at: s.head.createdAt,
      updated_at: s.updatedAt,
      version: s.seq,
      machine: JSON.stringify(c),
      sla_policy_refs: versions.toRefs(s.policies),
      ...(sla ? { sla_status: sla.status, sla_target: sla.target, due_at: sla.dueAt, sla_next_at: sla.nextAt, sla_calendar_id: sla.calendarId } : NO_SLA),
    };
  }

  type Counted = Pick<TicketRowDb, 'segment' | 'tier' | 'is_open' | 'assignee_id' | 'sla_status'>;
  /**
   * Queue counters and people's load, moved from `before` to `after` (either null for a ticket
   * that was not or is no longer there). A tally nets many tickets' moves (a pulled batch) and
   * writes each queue's and person's change once.
   */
  function tally() {
    const queues = new Map<string, { segment: string; tier: number; d: [number, number, number, number] }>();
    const loads = new Map<string, [number, number, number]>();
    const add = (r: Counted, sign: 1 | -1) => {
      if (!r.is_open) return;
      const key = `${r.segment}/${r.tier}`;
      const q = queues.get(key) ?? { segment: r.segment, tier: r.tier, d: [0, 0, 0, 0] };
      q.d[0] += sign;
      if (r.assignee_id === null) q.d[1] += sign;
      if (r.sla_status === 'atRisk') q.d[2] += sign;
      if (r.sla_status === 'breached') q.d[3] += sign;
      queues.set(key, q);
      if (r.assignee_id !== null) {
        const l = loads.get(r.assignee_id) ?? [0, 0, 0];
        l[0] += sign;
        if (r.sla_status === 'atRisk') l[1] += sign;
        if (r.sla_status === 'breached') l[2] += sign;
        loads.set(r.assignee_id, l);
      }
    };
    /** The net moves, as a stage keeps them: each queue's and person's that is not zero. */
    const deltas = (): Pick<StagedTally, 'q' | 'l'> => ({
      q: [...queues.values()].filter(({ d }) => d.some((x) => x !== 0)).map(({ segment, tier, d }) => [segment, tier, d[0], d[1], d[2], d[3]]),
      l: [...loads].filter(([, d]) => d.some((x) => x !== 0)).map(([userId, d]) => [userId, d[0], d[1], d[2]]),
    });
    return {
      move(before: Counted | null, after: Counted): void {
        if (before) add(before, -1);
        add(after, 1);
      },
      /** Adds a staged write's moves (a settling batch nets many). */
      addStaged(t: StagedTally): void {
        for (const [segment, tier, ...d] of t.q ?? []) {
          const key = `${segment}/${tier}`;
          const q = queues.get(key) ?? { segment, tier, d: [0, 0, 0, 0] };
          d.forEach((x, i) => (q.d[i] = q.d[i]! + x));
          queues.set(key, q);
        }
        for (const [userId, ...d] of t.l ?? []) {
          const l = loads.get(userId) ?? [0, 0, 0];
          d.forEach((x, i) => (l[i] = l[i]! + x));
          loads.set(userId, l);
        }
      },
      deltas,
      flush(): void {
        const { q, l } = deltas();
        for (const [segment, tier, open, unassigned, atRisk, breached] of q!) st.bumpQueue.run(open, unassigned, atRisk, breached, segment, tier);
        for (const [userId, open, atRisk, breached] of l!) st.bumpLoad.run(userId, open, atRisk, breached);
        queues.clear();
        loads.clear();
      },
    };
  }
  function count(before: Counted | null, after: Counted) {
    const t = tally();
    t.move(before, after);
    t.flush();
  }

  // What the customer would recognise as contact goes into the 360° interactions too.
  function recordInteraction(row: TicketRowDb, e: EventDraft) {
    const i = ticketInteraction({ number: ticketNumber(row.number), subject: row.subject, channel: row.channel, tier: row.tier }, e);
    if (!i) return;
    const staged = st.stageInteraction.run(uuidv7(e.at), row.customer_id, row.id, i.channel, i.direction, e.at, interactionLine(i.line), e.actor.id === 'system' ? null : e.actor.id);
    stage.staged(Number(staged.lastInsertRowid));
  }

  function seal(d: EventDraft): TicketEnvelope {
    return {
      id: d.id ?? uuidv7(d.at),
      ticketId: d.ticketId,
      seq: d.seq,
      type: d.type,
      payloadVersion: PAYLOAD_VERSION,
      payload: d.payload,
      actor: d.actor,
      machineVersion: MACHINE_VERSION,
      deskId: opts.deskId,
      deskTime: d.at,
      globalSeq: null,
    };
  }

  /**
   * Writes what decide() returned, inside the caller's transaction: events, projection,
   * counters, outcomes, interactions, outbox; pushes after commit.
   */
  function write(before: { row: TicketRowDb | null; events: StoredEvent[]; state: TicketLogState | null }, drafts: EventDraft[], now: number): Written {
    if (drafts.length === 0 && before.row && before.state) return { row: before.row, events: before.events, state: before.state };
    // A system event another desk (or an earlier run) already wrote is not written twice.
    const last = drafts.at(-1)!;
    if (last.id !== null && st.eventExists.get(last.id) && before.row && before.state) return { row: before.row, events: before.events, state: before.state };
    let state = before.state;
    // Who held the ticket as each step found it (a return to the queue names whose hands it left).
    const heldBefore = new Map<EventDraft, string | null>();
    for (const d of drafts) {
      heldBefore.set(d, state?.position.context.assigneeId ?? null);
      state = evolve(state, d);
    }
    const next = state!;
    const sla = projectSla(next, calendarOf, now, inForceOf(next));
    const row = lazyNextAt(before.row, rowOf(next, sla), now);
    const events = before.events.slice();
    if (before.row) st.updateMoved(before.row, row);
    else {
      db.run(k.insertInto('tickets').values(row));
      trends.added(row);
    }
    for (const d of drafts) {
      const e = seal(d);
      const payload = JSON.stringify(e.payload);
      st.insertEvent.run(e.id, e.ticketId, e.seq, e.type, e.actor.id, e.deskTime, payload, actorJson(e.actor), e.payloadVersion, e.machineVersion, e.deskId, null);
      st.appendOutbox.run(e.id, 'ticket', JSON.stringify(toOutboxEnvelope(e)));
      events.push({ id: e.id, type: e.type, actor_id: e.actor.id, at: e.deskTime, payload, parsed: e.payload });
      recordInteraction(row, d);
    }
    // The counters and outcomes this write moves, staged to be netted off the agent's path (stagedTallies.ts).
    const moved = tally();
    moved.move(before.row, row);
    tallies.stage({ ...moved.deltas(), o: sla ? stagedOutcomes(opts.sla.outcomesOf(row.id, row.segment, sla.state, now, before.state?.updatedAt)) : [] });
    const news = drafts.filter((d) => d.type !== 'POLICY_CHANGED');
    db.afterCommit(() => {
      for (const d of news) {
        if (d.type === 'SLA_WARNING' || d.type === 'SLA_BREACH') {
          const p = d.payload as { target: SlaAlert['target']; dueAt: number };
          const was = before.row!;
          opts.onSlaAlert({ ticketId: row.id, number: ticketNumber(row.number), target: p.target, dueAt: p.dueAt, breached: d.type === 'SLA_BREACH', assigneeId: was.assignee_id, tier: was.tier as Tier, segment: row.segment as Segment });
        }
        const step = stepNewsOf(next, d, nameOf, heldBefore.get(d) ?? null);
        opts.onChange({ ...ticketChangeOf(row, d.type, d.actor.id, d.at), ...(step ? { step } : {}) });
      }
    });
    return { row, events, state: next };
  }

  const refusal = (d: { code: ApiError['code']; reason: string; issues?: Array<{ path: string; message: string }> }) => new ApiError(d.code, d.reason, d.issues);

  function nextNumber(): number {
    const r = db.get(k.selectFrom('tickets').select((eb) => eb.fn.max('number').as('n')));
    return (r?.n ?? 0) + 1;
  }

  function create(
    actor: Actor,
    input: NewTicket,
  ): Created {
    return db.write(() => createInside(actor, input));
  }
  /**
   * create() inside the caller's transaction (the demo's generator writes thousands in one).
   * With `take`, the machine's TAKE is decided on the ticket as its CREATED leaves it and both
   * events are written together, in this one transaction (no savepoint): the queues, counters,
   * board and hub never see it unassigned. A refused take leaves the ticket created,
   * unassigned, and says why.
   */
  function createInside(
    actor: Actor,
    input: NewTicket,
  ): Created {
    const customer = db.get(k.selectFrom('customers').select(['id', 'name', 'segment', 'service_level']).where('id', '=', input.customerId));
    if (!customer) throw new ApiError('not_found', say('customerGone'));
    let asset: { id: string; customerId: string; serviceTag: string } | null = null;
    if (input.assetId) {
      const a = db.get(k.selectFrom('assets').select(['id', 'customer_id', 'service_tag']).where('id', '=', input.assetId));
      if (!a) throw new ApiError('not_found', say('assetNotFound'));
      asset = { id: a.id, customerId: a.customer_id, serviceTag: a.service_tag };
    }
    const segment = customer.segment as Segment;
    const level = customer.service_level as TicketLogState['head']['serviceLevel'];
    const command: TicketLogCommand = {
      kind: 'create',
      ticketId: uuidv7(input.at),
      number: nextNumber(),
      customer: { id: customer.id, name: customer.name, segment, serviceLevel: level },
      asset,
      subject: input.subject,
      description: input.description ?? '',
      priority: input.priority ?? 'normal',
      channel: input.channel ?? 'phone',
      reopenWindowMs: opts.reopenWindowMs ?? 7 * 86_400_000,
      policy: opts.sla.policyInForce(segment, level),
      ...(input.follows ? { follows: followable(input.follows) } : {}),
    };
    const decision = decide(null, command, actor, input.at);
    if (!decision.ok) throw refusal(decision);
    const events = decision.events;
    let takeRefused: string | null = null;
    if (input.take) {
      const take = decide(evolveAll(null, events), { kind: 'act', command: { type: 'TAKE' }, policy: command.policy }, actor, input.at);
      if (take.ok) events.push(...take.events);
      else takeRefused = take.reason;
    }
    return { ...write({ row: null, events: [], state: null }, events, opts.clock.now()), takeRefused };
  }

  /** The earlier ticket a new one follows: it must exist here (a mistyped or erased id is refused, not linked to nothing). */
  function followable(id: string): string {
    if (!db.get(k.selectFrom('tickets').select('id').where('id', '=', id))) throw new ApiError('invalid_input', say('ticketNotFound'), [{ path: 'follows', message: say('ticketNotFound') }]);
    return id;
  }

  /**
   * Applies one command as `actor`. A refusal throws ApiError (refused, forbidden, conflict,
   * invalid_input) with the reason and writes nothing.
   */
  function act(actor: Actor, ticketId: string, command: TicketCommand, at: number, expectedSeq?: number, assignee?: Assignee | null): Written {
    return db.write(() => actInside(actor, ticketId, command, at, expectedSeq, assignee));
  }
  /** act() inside the caller's transaction: a second write() there would be a savepoint (see takeNext). */
  function actInside(actor: Actor, ticketId: string, command: TicketCommand, at: number, expectedSeq?: number, assignee?: Assignee | null): Written {
    const loaded = load(ticketId);
    if (!loaded) throw new ApiError('not_found', say('ticketNotFound'));
    const policy = opts.sla.policyInForce(loaded.state.head.segment, loaded.state.head.serviceLevel);
    const decision = decide(loaded.state, { kind: 'act', command, expectedSeq, assignee, person, policy }, actor, at);
    if (!decision.ok) throw refusal(decision);
    return write(loaded, decision.events, opts.clock.now());
  }

  /** A person as the users table has them now: whom a hand-back or reopening would return a ticket to. */
  function person(id: string): Assignee | null {
    const row = db.get(k.selectFrom('users').selectAll().where('id', '=', id));
    return row ? toUser(row) : null;
  }

  /**
   * The next unassigned ticket of a queue, taken in the same transaction that finds it: one
   * transaction, not a savepoint inside one, for a savepoint makes SQLite copy each page the
   * take changes into a statement journal first.
   */
  function takeNext(actor: Actor, key: QueueKey, at: number): Written | null {
    return db.write(() => {
      const next = st.nextUnassigned.get(key.segment, key.tier);
      return next ? actInside(actor, next.id, { type: 'TAKE' }, at) : null;
    });
  }

  /**
   * Sends the warnings and breaches a ticket is owed by now, as the system actor, each with
   * the id every desk gives it. The log is the record of what was sent, so a restart neither
   * loses nor repeats one. Returns how many were sent.
   */
  function fireSla(ticketId: string, now: number): number {
    return db.write(() => fireSlaInside(ticketId, now));
  }

  /** fireSla() inside the caller's transaction: the scheduler settles many wake-ups in one commit. */
  function fireSlaInside(ticketId: string, now: number): number {
    const loaded = load(ticketId);
    if (!loaded || !loaded.row.is_open) {
      if (loaded) st.setNextAt.run(null, ticketId);
      return 0;
    }
    const policy = inForceOf(loaded.state);
    // What is owed on the settings as they are now (a deadline an admin moved later owes nothing yet).
    const due = (projectSla(loaded.state, calendarOf, now, policy)?.owed ?? []).filter((d) => d.at <= now);
    let current: Written = loaded;
    let sent = 0;
    for (const d of due) {
      const command: TicketCommand = { type: d.kind === 'breach' ? 'SLA_BREACH' : 'SLA_WARNING', target: d.target, dueAt: d.dueAt };
      const decision = decide(current.state, { kind: 'act', command, policy }, SYSTEM_ACTOR, now);
      // The machine refused (say, a warning on a ticket that just changed state): the
      // projection below moves the next wake-up past it, so it is not retried forever.
      // Nor is a breach of a run another desk's breach already recorded (none to write).
      if (!decision.ok || decision.events.length === 0) continue;
      current = write(current, decision.events, now);
      sent++;
    }
    const nextAt = projectSla(current.state, calendarOf, now, policy)?.owed.find((d) => d.at > now)?.at ?? null;
    st.setNextAt.run(nextAt, ticketId);
    return sent;
  }

  /** Puts a ticket's next wake-up off to `at` (a ticket the scheduler could not read: tried again then, not at every tick). */
  function postponeSla(ticketId: string, at: number): void {
    db.write(() => st.setNextAt.run(at, ticketId));
  }

  /**
   * Applies the policies as they are now to every open ticket (a POLICY_CHANGED event where
   * one differs), re-projecting each, all in one transaction.
   */
  function recomputeOpen(now: number): number {
    return db.write(() => {
      const open = db.all(k.selectFrom('tickets').select('id').where('is_open', '=', sql.lit(1)));
      for (const { id } of open) {
        const loaded = load(id)!;
        const policy = opts.sla.policyInForce(loaded.state.head.segment, loaded.state.head.serviceLevel);
        const decision = decide(loaded.state, { kind: 'applyPolicy', policy }, SYSTEM_ACTOR, now);
        if (!decision.ok) continue;
        if (decision.events.length > 0) {
          write(loaded, decision.events, now);
          continue;
        }
        // Same policies: the columns still move with the clock (at risk, breached).
        const row = rowOf(loaded.state, projectSla(loaded.state, calendarOf, now, policy));
        st.updateMoved(loaded.row, row);
        count(loaded.row, row);
      }
      return open.length;
    });
  }

  /**
   * Re-times open tickets after a calendar or policy changed (retime.ts): each one's SLA columns
   * (due time, status, target, next SLA moment) projected again from its log on the settings as
   * they are now, in the caller's transaction, with no event. The next SLA moment is written as
   * it is (not kept earlier, as an agent's write keeps it): a deadline moved later leaves no
   * wake-up at the old one, and one moved into the past is due, for the scheduler to send the
   * breach as it sends any. Returns how many tickets' due time or SLA status moved.
   */
  function retimeInside(ids: readonly string[], now: number): number {
    const t = tally();
    let moved = 0;
    for (const id of ids) {
      const loaded = load(id);
      if (!loaded || !loaded.row.is_open) continue;
      const sla = projectSla(loaded.state, calendarOf, now, inForceOf(loaded.state));
      const row = rowOf(loaded.state, sla);
      const was = loaded.row;
      const retimed = was.sla_status !== row.sla_status || was.sla_target !== row.sla_target || was.due_at !== row.due_at;
      if (!retimed && was.sla_next_at === row.sla_next_at && was.sla_calendar_id === row.sla_calendar_id) continue;
      const after = { ...was, sla_status: row.sla_status, sla_target: row.sla_target, due_at: row.due_at, sla_next_at: row.sla_next_at, sla_calendar_id: row.sla_calendar_id };
      st.updateMoved(was, after);
      if (!retimed) continue;
      t.move(was, after);
      // A target the new deadline puts in the past is a missed one, once (as a write records it).
      if (sla) for (const o of opts.sla.outcomesOf(row.id, row.segment, sla.state, now)) opts.sla.writeOutcome(o);
      moved++;
    }
    t.flush();
    return moved;
  }

  return { create, createInside, act, actInside, takeNext, fireSla, fireSlaInside, postponeSla, recomputeOpen, retimeInside, load, stateOf, rowOf, write, count, tally, recordInteraction, calendarOf, tallies };
}

export type TicketStore = ReturnType<typeof ticketStore>;
