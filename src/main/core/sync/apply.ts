import type { Actor, Role, Segment, Tier } from '../../../shared/domain';
import { nameKey } from '../../../shared/customerRules';
import { CUSTOMER_STREAM, customerStreamPayloadSchema } from '../../../shared/customerStream';
import { decide, evolve, projectSla, type Assignee, type LogEvent, type OutboxEnvelope, type TicketLogEventType, type TicketLogState } from '../../../shared/ticketLog';
import { ticketCommandSchema } from '../../../shared/ticketMachine';
import { param, type Sql } from '../db/exec';
import type { TicketRowDb } from '../db/schema';
import type { SlaStore } from '../sla';
import { ticketNumber } from '../ticketRows';
import { ticketStatements, type EventRowValues } from '../ticketStatements';
import { stepNewsOf, ticketChangeOf, type TicketChange, type TicketStore } from '../ticketStore';
import { conflictStore, type ConflictStore } from './conflicts';
import { keepEventAtCursor } from './cursorEvent';
import type { StreamRegistry } from './stream';
import { settleInteractions } from '../stagedInteractions';
import { renumberedLine } from '../../../shared/interactionText';
import { erasedCustomers } from '../customers/privacy';
import { customerWords } from '../customers/nameWords';
import { noteTransfersOnArrivedTicket } from '../customers/transferNotes';
import { trendCounter } from '../kb/trendCounts';

// Applying the hub's log on a desk, and the rebase (DESIGN.md, "Many desks: the hub").
//
// A batch of pulled events is applied in ONE SQLite transaction. Ticket events are grouped
// by ticket; each ticket is settled once per batch: its row and log are read once, the
// remote events are folded in with the shared evolve and appended with their global seq,
// and the projection (row, queue counters, load, SLA outcomes) is written once at the end,
// from the state in memory, never re-read.
//
// A ticket that has events made here and not yet accepted by the hub (global_seq null) is
// rebased: those events are withdrawn, the hub's events are folded onto the accepted log,
// and each withdrawn event is decided again, by the same decide and as the same person, on
// the new state. One that still applies is written again after the hub's events (its outbox
// entry follows it to its new step); one that no longer applies leaves the outbox and
// becomes a conflict for its author, with the reason. An event the hub refused is dropped
// the same way. Events of other streams go to their area's applier, or are kept in
// sync_inbox until a build that knows them.

export interface BatchNews {
  tickets: TicketChange[];
  conflicts: number;
  /** Customers whose record the batch changed (or whose change of ours the hub refused), for open windows. */
  customers: CustomerNews[];
  /** Takes made here that lost to someone else's take of the same ticket: their authors are told at once. */
  takenFirst: TakenFirst[];
  /** Tickets opened here whose number another desk's ticket took first: who opened and who holds them are told at once. */
  renumbered: Renumbered[];
}

export interface Renumbered {
  ticketId: string;
  /** The number it had (the other desk's ticket has it now), and the one it has now. */
  from: string;
  to: string;
  /** Who opened it, and who holds it now (null: no one): the people told. */
  createdById: string;
  holderId: string | null;
}

export interface TakenFirst {
  /** Who took it here and lost. */
  actorId: string;
  ticketId: string;
  number: string;
  takenById: string;
  takenBy: string;
  segment: Segment;
  tier: Tier;
}

export interface CustomerNews {
  customerId: string;
  segment: Segment;
}

/** The customers a 'customer' stream event touches: its record, and the other side of a merge or transfer. */
function customersOf(e: OutboxEnvelope): CustomerNews[] {
  const parsed = customerStreamPayloadSchema.safeParse(e.payload);
  if (!parsed.success) return [];
  const { segment, note } = parsed.data;
  const ids = [e.entityId, note?.mergedId, note?.survivorId, note?.fromId, note?.toId].filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)].map((customerId) => ({ customerId, segment }));
}

interface EventRow {
  id: string;
  seq: number;
  type: string;
  actor_id: string;
  actor: string;
  at: number;
  payload: string;
  global_seq: number | null;
}

export function syncApplier(db: Sql, store: TicketStore, opts: { sla: SlaStore; now: () => number; streams: StreamRegistry; log: (message: string) => void }) {
  const k = db.kysely;
  const st = ticketStatements(db);
  const trends = trendCounter(db.sqlite);
  const erased = erasedCustomers(db.sqlite);
  const words = customerWords(db.sqlite);
  const conflicts: ConflictStore = conflictStore(db);
  /** Tickets whose take by someone here lost, whose holder this desk has not heard of yet (see settle). */
  const awaitingHolder = new Map<string, Set<string>>();
  const q = {
    personName: db.sqlite.prepare<[string], string>('SELECT name FROM users WHERE id = ?').pluck(),
    knownCustomerEvent: db.sqlite.prepare<[string], number>('SELECT 1 FROM customer_events WHERE id = ?').pluck(),
    events: db.prepare<EventRow, [string]>(
      k
        .selectFrom('ticket_events as e')
        .innerJoin('event_actors as a', 'a.ref', 'e.actor_ref')
        .select(['e.id', 'e.seq', 'e.type', 'e.actor_id', 'a.body as actor', 'e.at', 'e.payload', 'e.global_seq'])
        .where('e.ticket_id', '=', param<string>())
        .orderBy('e.seq'),
    ),
    confirm: db.prepare<never, [number, string]>(k.updateTable('ticket_events').set({ global_seq: param<number>() }).where('id', '=', param<string>()).where('global_seq', 'is', null)),
    // The hub numbered it again (it went back to an older backup and got it again): its number wins.
    renumber: db.prepare<never, [number, string]>(k.updateTable('ticket_events').set({ global_seq: param<number>() }).where('id', '=', param<string>())),
    renumberSettings: db.sqlite.prepare<[number, string, number]>('UPDATE settings_events SET global_seq = ? WHERE id = ? AND global_seq > 0 AND global_seq != ?'),
    withdraw: db.prepare<never, [string]>(k.deleteFrom('ticket_events').where('id', '=', param<string>()).where('global_seq', 'is', null)),
    outboxOf: db.prepare<{ desk_seq: number; body: string }, [string]>(k.selectFrom('outbox').select(['desk_seq', 'body']).where('event_id', '=', param<string>())),
    outboxRewrite: db.prepare<never, [string, string]>(k.updateTable('outbox').set({ body: param<string>() }).where('event_id', '=', param<string>())),
    outboxDrop: db.prepare<never, [string]>(k.deleteFrom('outbox').where('event_id', '=', param<string>())),
    insertTicket: db.prepare<never, unknown[]>(k.insertInto('tickets').values(Object.fromEntries(TICKET_COLUMNS.map((c) => [c, param<unknown>()])) as never)),
    ticketByNumber: db.prepare<{ id: string }, [number]>(k.selectFrom('tickets').select('id').where('number', '=', param<number>())),
    maxNumber: db.prepare<{ n: number | null }, []>(k.selectFrom('tickets').select((eb) => eb.fn.max('number').as('n'))),
    setNumber: db.prepare<never, [number, string]>(k.updateTable('tickets').set({ number: param<number>() }).where('id', '=', param<string>())),
    // By customer first: interactions are stored by (customer, at, id); few lines are staged.
    linesOf: db.sqlite.prepare<[string, string, string], { staged: 0 | 1; at: number; id: string; summary: string }>(
      `SELECT 0 AS staged, at, id, summary FROM interactions WHERE customer_id = ? AND ticket_id = ? UNION ALL SELECT 1, at, id, summary FROM interactions_pending WHERE ticket_id = ?`,
    ),
    setLine: db.prepare<never, [string, string, number, string]>(
      k.updateTable('interactions').set({ summary: param<string>() }).where('customer_id', '=', param<string>()).where('at', '=', param<number>()).where('id', '=', param<string>()),
    ),
    setStagedLine: db.prepare<never, [string, string]>(k.updateTable('interactions_pending').set({ summary: param<string>() }).where('id', '=', param<string>())),
    holderOf: db.prepare<{ assignee_id: string | null }, [string]>(k.selectFrom('tickets').select('assignee_id').where('id', '=', param<string>())),
    noteRenumber: db.prepare<never, [number, string, number]>(
      k.insertInto('ticket_renumbers').values({ old_number: param<number>(), ticket_id: param<string>(), at: param<number>() }).onConflict((c) => c.column('old_number').doUpdateSet((eb) => ({ ticket_id: eb.ref('excluded.ticket_id'), at: eb.ref('excluded.at') }))),
    ),
    customerExists: db.prepare<{ id: string }, [string]>(k.selectFrom('customers').select('id').where('id', '=', param<string>())),
    insertCustomer: db.prepare<never, [string, string, string, string, string, number, number]>(
      k.insertInto('customers').values({ id: param<string>(), kind: 'organisation', name: param<string>(), name_key: param<string>(), segment: param<string>(), service_level: param<string>(), created_at: param<number>(), updated_at: param<number>() } as never),
    ),
    assetById: db.prepare<{ id: string }, [string]>(k.selectFrom('assets').select('id').where('id', '=', param<string>())),
    assetByTag: db.prepare<{ id: string }, [string]>(k.selectFrom('assets').select('id').where('service_tag', '=', param<string>())),
    insertAsset: db.prepare<never, [string, string, string, number]>(
      k.insertInto('assets').values({ id: param<string>(), service_tag: param<string>(), customer_id: param<string>(), product_line: '', model: '', ship_date: 0, warranty_level: '', warranty_end: 0, created_at: param<number>() }),
    ),
    userById: db.prepare<{ id: string; name: string; role: string; tier: number; segments: string; active: number }, [string]>(
      k.selectFrom('users').select(['id', 'name', 'role', 'tier', 'segments', 'active']).where('id', '=', param<string>()),
    ),
    insertUser: db.prepare<never, [string, string, string, number, string, number]>(
      k.insertInto('users').values({ id: param<string>(), name: param<string>(), email: '', role: param<string>(), tier: param<number>(), segments: param<string>(), active: 1, created_at: param<number>() }),
    ),
    deleteTicket: db.prepare<never, [string]>(k.deleteFrom('tickets').where('id', '=', param<string>())),
    // By customer first: interactions are stored by (customer, at, id).
    deleteInteractions: db.prepare<never, [string, string]>(k.deleteFrom('interactions').where('customer_id', '=', param<string>()).where('ticket_id', '=', param<string>())),
    keep: db.prepare<never, [number, string, string]>(k.insertInto('sync_inbox').values({ global_seq: param<number>(), stream: param<string>(), body: param<string>() }).onConflict((c) => c.doNothing())),
  };
  const warned = new Set<string>();
  /** Renumbers of the batch being applied (applyBatch hands them on as news). */
  const renumbers: Renumbered[] = [];

  const logEventOf = (ticketId: string, r: EventRow): LogEvent => ({
    ticketId,
    seq: r.seq,
    type: r.type as TicketLogEventType,
    payload: JSON.parse(r.payload) as Record<string, unknown>,
    actor: { id: r.actor_id, ...(JSON.parse(r.actor) as Omit<Actor, 'id'>) },
    at: r.at,
  });
  const logEventOfEnvelope = (e: OutboxEnvelope): LogEvent => ({ ticketId: e.entityId, seq: e.seq, type: e.type as TicketLogEventType, payload: e.payload, actor: e.actor, at: e.deskTime });
  const actorJson = (a: Actor) => JSON.stringify({ role: a.role, tier: a.tier, segments: a.segments });

  // Events are appended once their ticket's row is written: a child row before its parent
  // would leave a deferred foreign-key violation, and while one is outstanding SQLite checks
  // every later parent row against its children (a scan of interactions per ticket).
  const appends: EventRowValues[] = [];
  function append(e: LogEvent, id: string, deskId: string, globalSeq: number | null): void {
    appends.push([id, e.ticketId, e.seq, e.type, e.actor.id, e.at, JSON.stringify(e.payload), actorJson(e.actor), 1, 1, deskId, globalSeq]);
  }
  function flushAppends(): void {
    for (const a of appends) st.insertEvent.run(...a);
    appends.length = 0;
  }

  /** People, customers and systems a ticket row names must exist here: stand-ins until their own streams arrive. */
  const present = new Set<string>();
  function ensurePerson(id: string | null, as: Actor | null, now: number): void {
    if (!id || id === 'system' || present.has(id)) return;
    if (q.userById.get(id)) {
      present.add(id);
      return;
    }
    present.add(id);
    q.insertUser.run(id, as ? `${as.role} ${id.slice(-4)}` : `Hub user ${id.slice(-4)}`, as && as.role !== 'system' ? as.role : 'agent', as?.tier ?? 1, JSON.stringify(as?.segments ?? []), now);
  }
  function ensureRefs(row: TicketRowDb, now: number): TicketRowDb {
    if (!q.customerExists.get(row.customer_id)) {
      words.set(row.customer_id, row.customer_name);
      q.insertCustomer.run(row.customer_id, row.customer_name, nameKey(row.customer_name), row.segment, row.service_level, now, now);
    }
    let assetId = row.asset_id;
    if (assetId && !q.assetById.get(assetId)) {
      if (row.service_tag && row.service_tag.length === 7 && !q.assetByTag.get(row.service_tag)) q.insertAsset.run(assetId, row.service_tag, row.customer_id, now);
      else assetId = null;
    }
    ensurePerson(row.assignee_id, null, now);
    return assetId === row.asset_id ? row : { ...row, asset_id: assetId };
  }

  /**
   * The hub's number wins: a ticket arriving under a number another ticket holds here takes it,
   * and the one here moves to the next free number (a creation not yet sent is sent under it).
   * The old number may have been read to the caller already: it is kept (the lookup names both),
   * and who opened and who holds the one moved are told.
   */
  function freeNumber(ticketId: string, number: number): void {
    const holder = q.ticketByNumber.get(number);
    if (!holder || holder.id === ticketId) return;
    moveNumber(holder.id, number, (q.maxNumber.get()?.n ?? 0) + 1);
  }
  /** A ticket here moves from one number to another, its people told and its old number kept. */
  function moveNumber(ticketId: string, from: number, to: number): void {
    q.setNumber.run(to, ticketId);
    const created = q.events.all(ticketId)[0];
    if (created && created.type === 'CREATED' && created.global_seq === null) renumberCreated(ticketId, created, to);
    q.noteRenumber.run(from, ticketId, opts.now());
    // The contact history's lines of the ticket name the number it has now, as other desks' do.
    const customerId = st.ticketById.get(ticketId)?.customer_id ?? '';
    for (const line of q.linesOf.all(customerId, ticketId, ticketId)) {
      const now = renumberedLine(line.summary, ticketNumber(from), ticketNumber(to));
      if (now === null) continue;
      if (line.staged) q.setStagedLine.run(now, line.id);
      else q.setLine.run(now, customerId, line.at, line.id);
    }
    renumbers.push({ ticketId, from: ticketNumber(from), to: ticketNumber(to), createdById: created?.actor_id ?? '', holderId: q.holderOf.get(ticketId)?.assignee_id ?? null });
  }
  /** Our own creation came back from the hub under another number (another desk's ticket had ours there first): the hub's is taken. */
  function takeHubNumber(ticketId: string, number: number): void {
    const here = st.ticketById.get(ticketId);
    if (!here || here.number === number || !Number.isInteger(number) || number < 1) return;
    freeNumber(ticketId, number);
    moveNumber(ticketId, here.number, number);
  }
  function renumberCreated(ticketId: string, created: EventRow, number: number): void {
    const payload = { ...(JSON.parse(created.payload) as Record<string, unknown>), number };
    const event = { ...logEventOf(ticketId, created), payload };
    const deskId = (q.outboxOf.get(created.id) && (JSON.parse(q.outboxOf.get(created.id)!.body) as OutboxEnvelope).deskId) || '';
    // The later events of the ticket keep their steps; only the creation's payload changes.
    q.withdraw.run(created.id);
    st.insertEvent.run(created.id, ticketId, event.seq, event.type, event.actor.id, event.at, JSON.stringify(event.payload), actorJson(event.actor), 1, 1, deskId, null);
    rewriteOutbox(created.id, event);
  }
  function rewriteOutbox(id: string, e: LogEvent): void {
    const row = q.outboxOf.get(id);
    if (!row) return;
    const body = JSON.parse(row.body) as OutboxEnvelope;
    q.outboxRewrite.run(JSON.stringify({ ...body, seq: e.seq, payload: e.payload }), id);
  }

  function assigneeOf(id: string): Assignee | null {
    const u = q.userById.get(id);
    return u ? { id: u.id, name: u.name, role: u.role as Role, tier: u.tier as Tier, segments: JSON.parse(u.segments) as Segment[], active: u.active === 1 } : null;
  }

  /** Decides a withdrawn local event again on the new state: the event to write back, or why it no longer applies. */
  function redecide(state: TicketLogState | null, u: LogEvent & { id: string }): { ok: true; event: LogEvent } | { ok: false; reason: string } | { ok: 'same' } {
    const seq = (state?.seq ?? 0) + 1;
    if (u.type === 'CREATED') return state ? { ok: false, reason: 'That ticket already exists.' } : { ok: true, event: { ...u, seq } };
    if (!state) return { ok: false, reason: 'That ticket does not exist on the hub.' };
    if (u.type === 'POLICY_CHANGED') return { ok: true, event: { ...u, seq } };
    const command = ticketCommandSchema.safeParse({ ...u.payload, type: u.type });
    if (!command.success) return { ok: false, reason: `This ${u.type} cannot be read again.` };
    const assignee = command.data.type === 'ASSIGN' ? assigneeOf(command.data.assigneeId) : null;
    const decision = decide(state, { kind: 'act', command: command.data, assignee, person: assigneeOf, policy: null }, u.actor, u.at);
    if (!decision.ok) return { ok: false, reason: decision.reason };
    const decided = decision.events.at(-1);
    // Nothing to write again: a breach of a run another desk's breach already recorded (decide.ts).
    if (!decided) return { ok: 'same' };
    // The same SLA event (its id derived from ticket, target and due time) already came from another desk.
    if (decided.id !== null && decided.id !== u.id) return { ok: 'same' };
    return { ok: true, event: { ...u, seq, payload: decided.payload } };
  }

  /**
   * Settles one ticket: the hub's events folded in (with their global seqs), the local
   * events not yet accepted decided again after them, `drop` (refused by the hub) removed,
   * and the projection written once.
   */
  function settle(ticketId: string, remote: readonly OutboxEnvelope[], drop: ReadonlyMap<string, string>, now: number, counters: Tally): { change: TicketChange | null; conflicts: number; takenFirst: TakenFirst[] } {
    // People here whose take of this ticket became a conflict (someone else's came first).
    const lostTakes = new Set<string>();
    const before = st.ticketById.get(ticketId) ?? null;
    const rows = before ? q.events.all(ticketId) : [];
    const known = new Map(rows.map((r) => [r.id, r]));
    // Unconfirmed events here that come from the hub at the same step, in order from the first
    // (ours whose answer was lost; or, after the hub went back, ours sent again and other desks'
    // that their desks sent again): confirmed in place, under the hub's number, rather than
    // withdrawn and folded in again as news.
    if (remote.length > 0) {
      const arriving = new Map(remote.map((e) => [e.id, e]));
      for (const r of rows) {
        if (r.global_seq !== null) continue;
        const e = arriving.get(r.id);
        if (!e || e.globalSeq === null || e.seq !== r.seq || drop.has(r.id)) break;
        q.confirm.run(e.globalSeq, r.id);
        q.outboxDrop.run(r.id);
        r.global_seq = e.globalSeq;
      }
    }
    // Pending: the local events after the last one the hub is known to have accepted. An
    // unconfirmed event before an accepted one is on the hub already (a later step of the
    // same ticket was accepted after it; its push answer was lost): it is kept as it is.
    let lastAccepted = -1;
    rows.forEach((r, i) => {
      if (r.global_seq !== null) lastAccepted = i;
    });
    const pending = rows.slice(lastAccepted + 1);
    let state: TicketLogState | null;
    let conflicted = 0;
    let lastType: string | null = null;
    let lastActor = '';
    let lastAt = 0;
    // The last step folded in that is news here (from the hub, first time): a RESOLVE or a hand-back names it.
    let lastNews: LogEvent | null = null;
    // Who held the ticket as that step found it (a return to the queue names whose hands it left).
    let heldBeforeNews: string | null = null;
    const fresh: LogEvent[] = [];

    const foldRemote = (e: OutboxEnvelope) => {
      const mine = known.get(e.id);
      if (mine) {
        if (mine.global_seq === null && e.globalSeq !== null) q.confirm.run(e.globalSeq, e.id);
        else if (e.globalSeq !== null && mine.global_seq !== e.globalSeq) q.renumber.run(e.globalSeq, e.id);
        return false;
      }
      const event = logEventOfEnvelope(e);
      if (event.seq <= (state?.seq ?? 0)) return false;
      if (event.type === 'CREATED') {
        freeNumber(ticketId, Number(event.payload.number));
        // Opened on another desk before it heard that the customer was erased here.
        const label = erased.labelOf(String(event.payload.customerId));
        if (label !== null) event.payload = { ...event.payload, customerName: label };
      }
      heldBeforeNews = state?.position.context.assigneeId ?? null;
      state = evolve(state, event);
      ensurePerson(event.actor.id, event.actor, now);
      append(event, e.id, e.deskId, e.globalSeq);
      fresh.push(event);
      lastNews = event;
      lastType = event.type;
      lastActor = event.actor.id;
      lastAt = event.at;
      return true;
    };

    if (pending.length === 0 && drop.size === 0) {
      state = before ? store.stateOf(before, rows) : null;
      for (const e of remote) foldRemote(e);
    } else {
      // Rebase: withdraw what the hub has not accepted, fold the hub's events, decide ours again.
      state = null;
      for (const r of rows.slice(0, lastAccepted + 1)) state = evolve(state, logEventOf(ticketId, r));
      for (const r of pending) q.withdraw.run(r.id);
      for (const r of pending) known.delete(r.id);
      const arrived = new Set<string>();
      const pendingIds = new Set(pending.map((r) => r.id));
      for (const e of remote) {
        if (pendingIds.has(e.id)) {
          arrived.add(e.id);
          q.outboxDrop.run(e.id);
        }
        foldRemote(e);
      }
      for (const r of pending) {
        if (arrived.has(r.id)) continue;
        const mine = { ...logEventOf(ticketId, r), id: r.id };
        const inOutbox = q.outboxOf.get(r.id);
        const refusedBy = drop.get(r.id);
        const again = refusedBy === undefined ? redecide(state, mine) : { ok: false as const, reason: refusedBy };
        if (again.ok === true) {
          state = evolve(state, again.event);
          const deskId = inOutbox ? (JSON.parse(inOutbox.body) as OutboxEnvelope).deskId : '';
          append(again.event, r.id, deskId, null);
          if (again.event.seq !== r.seq || again.event.payload !== mine.payload) rewriteOutbox(r.id, again.event);
          lastNews = null;
          lastType = again.event.type;
          lastActor = again.event.actor.id;
          lastAt = again.event.at;
          continue;
        }
        if (inOutbox) q.outboxDrop.run(r.id);
        if (again.ok === 'same' || (!inOutbox && refusedBy === undefined)) continue; // sent already: the hub's answer decides
        conflicts.record({ eventId: r.id, stream: 'ticket', entityId: ticketId, ticketNumber: before ? ticketNumber(before.number) : null, type: r.type, actorId: r.actor_id, deskTime: r.at, reason: again.reason, refusedAt: now, payload: mine.payload });
        if (r.type === 'TAKE') lostTakes.add(r.actor_id);
        conflicted++;
      }
    }

    if (!state) {
      // A ticket created here that the hub refused: it goes, with what hung on it.
      appends.length = 0;
      if (before) {
        counters.move(before, { ...before, is_open: 0 });
        settleInteractions(db.sqlite);
        q.deleteInteractions.run(before.customer_id, ticketId);
        trends.removed(before);
        q.deleteTicket.run(ticketId);
      }
      awaitingHolder.delete(ticketId);
      return { change: null, conflicts: conflicted, takenFirst: [] };
    }
    const s: TicketLogState = state;
    // On the settings as they are now: a policy an admin changed counts before the ticket's log records it (projectSla).
    const sla = projectSla(s, store.calendarOf, now, opts.sla.policyInForce(s.head.segment, s.head.serviceLevel));
    let row = store.rowOf(s, sla);
    // The number: as this desk shows it already (the hub's, taken above), or as the creation gave it.
    if (before) row = { ...row, number: before.number };
    row = ensureRefs(row, now);
    if (before) st.updateMoved(before, row);
    else {
      q.insertTicket.run(...TICKET_COLUMNS.map((c) => row[c]));
      trends.added(row);
      // Opened elsewhere before that desk heard its system changed hands: the note it would have had.
      noteTransfersOnArrivedTicket(db, row);
    }
    flushAppends();
    counters.move(before, row);
    if (sla) opts.sla.recordOutcomes(row.id, row.segment, sla.state, now);
    for (const e of fresh) store.recordInteraction(row, { ...e, id: null });
    if (!lastType) lastType = rows.at(-1)?.type ?? 'CREATED';
    // A refusal often comes before the take that won (the hub says no at once, its event
    // arrives with the next pull): who lost waits here until the ticket shows its holder.
    const holder = row.assignee_id;
    const losers = new Set([...(awaitingHolder.get(ticketId) ?? []), ...lostTakes]);
    const takenFirst: TakenFirst[] = [];
    if (holder === null) {
      if (losers.size > 0) awaitingHolder.set(ticketId, losers);
    } else {
      awaitingHolder.delete(ticketId);
      for (const actorId of losers) {
        if (actorId !== holder) takenFirst.push({ actorId, ticketId, number: ticketNumber(row.number), takenById: holder, takenBy: q.personName.get(holder) ?? '', segment: row.segment as Segment, tier: row.tier as Tier });
      }
    }
    const told = ticketChangeOf(row, lastType, lastActor || (rows.at(-1)?.actor_id ?? 'system'), lastAt || row.updated_at);
    const news: LogEvent | null = lastNews;
    const step = news ? stepNewsOf(s, news, (id) => q.personName.get(id), heldBeforeNews) : undefined;
    const change = step ? { ...told, step } : told;
    return {
      // New here, told by its last step (a take after the creation): windows still hear it is new.
      change: before === null && change.type !== 'CREATED' ? { ...change, created: true } : change,
      conflicts: conflicted,
      takenFirst,
    };
  }

  /** Applies pulled events (global order) and the hub's refusals, in one transaction. */
  function applyBatch(events: readonly OutboxEnvelope[], refused: ReadonlyArray<{ eventId: string; reason: string; at: number }>, cursor: number): BatchNews {
    const now = opts.now();
    return db.write(() => {
      // A new ticket's events are appended before its row is written (once, at the end).
      db.sqlite.pragma('defer_foreign_keys = ON');
      db.run(k.updateTable('sync_state').set({ rebasing: 1 }).where('id', '=', 1));
      const byTicket = new Map<string, OutboxEnvelope[]>();
      const drops = new Map<string, Map<string, string>>();
      const others = new Map<string, OutboxEnvelope[]>();
      for (const e of events) {
        if (e.stream === 'ticket') {
          const list = byTicket.get(e.entityId);
          if (list) list.push(e);
          else byTicket.set(e.entityId, [e]);
        } else {
          const list = others.get(e.stream);
          if (list) list.push(e);
          else others.set(e.stream, [e]);
        }
      }
      let conflicted = 0;
      const customers: CustomerNews[] = [];
      // Before they are applied: one this desk has already (its own, come back) is no news.
      for (const e of others.get(CUSTOMER_STREAM) ?? []) if (!q.knownCustomerEvent.get(e.id)) customers.push(...customersOf(e));
      for (const r of refused) {
        if (conflicts.has(r.eventId)) continue;
        const queued = q.outboxOf.get(r.eventId);
        if (!queued) continue;
        const body = JSON.parse(queued.body) as OutboxEnvelope;
        if (body.stream === 'ticket') {
          const d = drops.get(body.entityId) ?? new Map<string, string>();
          d.set(r.eventId, r.reason);
          drops.set(body.entityId, d);
          if (!byTicket.has(body.entityId)) byTicket.set(body.entityId, []);
        } else {
          q.outboxDrop.run(r.eventId);
          conflicts.record({ eventId: body.id, stream: body.stream, entityId: body.entityId, ticketNumber: null, type: body.type, actorId: body.actor.id, deskTime: body.deskTime, reason: r.reason, refusedAt: r.at, payload: body.payload });
          opts.streams.get(body.stream)?.refused?.(body);
          if (body.stream === CUSTOMER_STREAM) customers.push(...customersOf(body));
          conflicted++;
        }
      }
      // A settings change known here under the number the hub gave it before it went back takes its new one.
      for (const e of others.get('settings') ?? []) if (e.globalSeq !== null) q.renumberSettings.run(e.globalSeq, e.id, e.globalSeq);
      for (const [stream, list] of others) {
        const applier = opts.streams.get(stream);
        if (!applier?.beforeTickets) continue;
        applier.apply(list);
        others.delete(stream);
      }
      const tickets: TicketChange[] = [];
      const takenFirst: TakenFirst[] = [];
      renumbers.length = 0;
      // Queue counters and load, netted over the batch and written once.
      const counters = store.tally();
      // Our own creations come back under the hub's numbers before any ticket arrives under the numbers they had.
      for (const [ticketId, remote] of byTicket) {
        const created = remote.find((e) => e.type === 'CREATED');
        if (created) takeHubNumber(ticketId, Number(created.payload.number));
      }
      for (const [ticketId, remote] of byTicket) {
        const settled = settle(ticketId, remote, drops.get(ticketId) ?? NO_DROPS, now, counters);
        if (settled.change) tickets.push(settled.change);
        takenFirst.push(...settled.takenFirst);
        conflicted += settled.conflicts;
      }
      counters.flush();
      // A ticket renumbered here and not settled in this batch (a creation still waiting to be
      // sent): its change goes to the windows too, for their lists to show the new number now.
      // Told as its creation (what changed), which raises no notice of a hand-over or arrival.
      const changed = new Set(tickets.map((t) => t.ticketId));
      for (const { ticketId, createdById } of renumbers) {
        const row = changed.has(ticketId) ? undefined : st.ticketById.get(ticketId);
        if (!row) continue;
        changed.add(ticketId);
        tickets.push(ticketChangeOf(row, 'CREATED', createdById, row.created_at));
      }
      for (const [stream, list] of others) {
        const applier = opts.streams.get(stream);
        if (applier) {
          applier.apply(list);
          continue;
        }
        for (const e of list) if (e.globalSeq !== null) q.keep.run(e.globalSeq, stream, JSON.stringify(e));
        if (!warned.has(stream)) {
          warned.add(stream);
          opts.log(`tagdesk: events of the '${stream}' stream are kept until this desk knows how to apply them.`);
        }
      }
      db.run(k.updateTable('sync_state').set({ cursor, last_synced_at: now }).where('id', '=', 1).where('cursor', '<', cursor));
      // The last event this desk read, at or before its cursor: the next pull names it (cursorEvent.ts),
      // for the hub to say if it has another there (it went back). Not the directory's users read
      // past the cursor (engine.ts followDirectory): the pull after them reads them again.
      const last = events.at(-1);
      if (last && last.globalSeq !== null && last.globalSeq <= cursor) keepEventAtCursor(db, last.globalSeq, last.id);
      db.run(k.updateTable('sync_state').set({ rebasing: 0 }).where('id', '=', 1));
      const seen = new Set<string>();
      const news = customers.filter((c) => !seen.has(c.customerId) && seen.add(c.customerId));
      return { tickets, conflicts: conflicted, customers: news, takenFirst, renumbered: renumbers.splice(0) };
    });
  }

  /** The hub accepted these events of ours: they are part of the log now, with their global seqs. */
  function confirm(accepted: ReadonlyArray<{ id: string; globalSeq: number }>): void {
    db.write(() => {
      for (const a of accepted) {
        q.confirm.run(a.globalSeq, a.id);
        q.outboxDrop.run(a.id);
      }
    });
  }

  return { applyBatch, confirm, conflicts };
}
export type SyncApplier = ReturnType<typeof syncApplier>;

const NO_DROPS: ReadonlyMap<string, string> = new Map();
type Tally = ReturnType<TicketStore['tally']>;

const TICKET_COLUMNS = [
  'id', 'number', 'customer_id', 'customer_name', 'asset_id', 'service_tag', 'segment', 'service_level', 'priority', 'priority_rank', 'tier', 'state', 'is_open',
  'assignee_id', 'subject', 'description', 'channel', 'created_at', 'updated_at', 'version', 'machine', 'sla_policy_refs', 'sla_status', 'sla_target', 'due_at', 'sla_next_at', 'sla_calendar_id',
] as const satisfies ReadonlyArray<keyof TicketRowDb>;
