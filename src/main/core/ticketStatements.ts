import type BetterSqlite3 from 'better-sqlite3';
import { param, type Sql } from './db/exec';
import { internedTexts } from './internedTexts';
import type { TicketRowDb } from './db/schema';

// The statements a ticket write runs, compiled once. The desk's ticket store runs them and
// so does the bench's floor (bench/floor.ts), which binds precomputed values to these very
// statements: the floor is the product's SQL with nothing around it.

/** An event row; `globalSeq` is the hub's seq once it has accepted the event (null for one made here and not yet accepted). */
export type EventRowValues = [id: string, ticketId: string, seq: number, type: string, actorId: string, at: number, payload: string, actor: string, payloadVersion: number, machineVersion: number, deskId: string, globalSeq: number | null];

/**
 * The event-row INSERT: the actor snapshot (values[7], JSON) is stored once in event_actors
 * and the row holds its ref (internedTexts.ts).
 */
function eventInsert(db: Sql): { run(...values: EventRowValues): BetterSqlite3.RunResult } {
  const k = db.kysely;
  const actors = internedTexts(db, 'event_actors');
  const insert = db.prepare<never, unknown[]>(
    k.insertInto('ticket_events').values({
      id: param<string>(),
      ticket_id: param<string>(),
      seq: param<number>(),
      type: param<string>(),
      actor_id: param<string>(),
      at: param<number>(),
      payload: param<string>(),
      actor_ref: param<number>(),
      payload_version: param<number>(),
      machine_version: param<number>(),
      desk_id: param<string>(),
      global_seq: param<number | null>(),
    }),
  );
  return {
    run: (id, ticketId, seq, type, actorId, at, payload, actor, payloadVersion, machineVersion, deskId, globalSeq) =>
      insert.run(id, ticketId, seq, type, actorId, at, payload, actors.ref(actor), payloadVersion, machineVersion, deskId, globalSeq),
  };
}

export function ticketStatements(db: Sql) {
  const k = db.kysely;
  const moved = () =>
    k
      .updateTable('tickets')
      .set({
        sla_status: param<string>(),
        sla_target: param<string | null>(),
        due_at: param<number | null>(),
        sla_next_at: param<number | null>(),
        sla_calendar_id: param<string | null>(),
        sla_policy_refs: param<string>(),
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
      .where('id', '=', param<string>());
  const updateMoved = db.prepare<never, unknown[]>(moved());
  return {
    ticketById: db.prepare<TicketRowDb, [string]>(k.selectFrom('tickets').selectAll().where('id', '=', param<string>())),
    eventsOf: db.prepare<{ id: string; type: string; actor_id: string; at: number; payload: string }, [string]>(
      k.selectFrom('ticket_events').select(['id', 'type', 'actor_id', 'at', 'payload']).where('ticket_id', '=', param<string>()).orderBy('seq'),
    ),
    eventExists: db.prepare<{ one: number }, [string]>(k.selectFrom('ticket_events').select((eb) => eb.lit(1).as('one')).where('id', '=', param<string>())),
    nextUnassigned: db.prepare<{ id: string }, [string, number]>(
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
    ),
    insertEvent: eventInsert(db),
    updateMoved: (r: Pick<TicketRowDb, 'sla_status' | 'sla_target' | 'due_at' | 'sla_next_at' | 'sla_calendar_id' | 'sla_policy_refs' | 'state' | 'tier' | 'priority' | 'priority_rank' | 'assignee_id' | 'is_open' | 'updated_at' | 'version' | 'machine' | 'id'>) =>
      updateMoved.run(r.sla_status, r.sla_target, r.due_at, r.sla_next_at, r.sla_calendar_id, r.sla_policy_refs, r.state, r.tier, r.priority, r.priority_rank, r.assignee_id, r.is_open, r.updated_at, r.version, r.machine, r.id),
    setNextAt: db.prepare<never, [number | null, string]>(k.updateTable('tickets').set({ sla_next_at: param<number | null>() }).where('id', '=', param<string>())),
    bumpQueue: db.prepare<never, [number, number, number, number, string, number]>(
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
    ),
    bumpLoad: db.prepare<never, [string, number, number]>(
      k
        .insertInto('agent_load')
        .values({ user_id: param<string>(), open: param<number>() })
        .onConflict((oc) => oc.column('user_id').doUpdateSet((eb) => ({ open: eb('agent_load.open', '+', param<number>()) }))),
    ),
    insertInteraction: db.prepare<never, [string, string, string, string, string, number, string, string | null]>(
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
    ),
    appendOutbox: db.prepare<never, [string, string, string]>(k.insertInto('outbox').values({ event_id: param<string>(), stream: param<string>(), body: param<string>() })),
  };
}

export type TicketStatements = ReturnType<typeof ticketStatements>;
