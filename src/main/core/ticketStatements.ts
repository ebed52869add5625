import { sql } from 'kysely';
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

/** The projection columns an event can move: an update sets those that changed, no others. */
export const MOVED_COLUMNS = [
  'sla_status',
  'sla_target',
  'due_at',
  'sla_next_at',
  'sla_calendar_id',
  'sla_policy_refs',
  'state',
  'tier',
  'priority',
  'priority_rank',
  'assignee_id',
  'is_open',
  'updated_at',
  'version',
  'machine',
] as const satisfies ReadonlyArray<keyof TicketRowDb>;
export type MovedRow = Pick<TicketRowDb, (typeof MOVED_COLUMNS)[number] | 'id'>;

const sameValue = (a: unknown, b: unknown): boolean =>
  a === b || (a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(a, b) === 0);

/** An interaction row's values, in the order the slots below take them. */
type InteractionValues = [id: string, customerId: string, ticketId: string, channel: string, direction: string, at: number, summary: string, userId: string | null];
const interactionSlots = () => ({
  id: param<string>(),
  customer_id: param<string>(),
  ticket_id: param<string>(),
  channel: param<string>(),
  direction: param<string>(),
  at: param<number>(),
  summary: param<string>(),
  user_id: param<string | null>(),
});

export function ticketStatements(db: Sql) {
  const k = db.kysely;
  // One UPDATE per set of changed columns, compiled on first use (a take, an escalation, a
  // note each move a few). A column left out of SET leaves every index over it, and every
  // partial index whose WHERE names it, untouched: SQLite rewrites an index entry whenever
  // the statement sets one of its columns, changed or not, and each is a page in the WAL.
  const updates = new Map<number, { run(...values: unknown[]): BetterSqlite3.RunResult }>();
  const updateOf = (mask: number) => {
    let u = updates.get(mask);
    if (!u) {
      const set: Record<string, unknown> = {};
      MOVED_COLUMNS.forEach((c, i) => {
        if (mask & (1 << i)) set[c] = param<unknown>();
      });
      u = db.prepare<never, unknown[]>(k.updateTable('tickets').set(set).where('id', '=', param<string>()));
      updates.set(mask, u);
    }
    return u;
  };
  /** Writes `after`'s moved columns that differ from `before` (the row as it was read). */
  const updateMoved = (before: MovedRow, after: MovedRow) => {
    let mask = 0;
    const values: unknown[] = [];
    for (let i = 0; i < MOVED_COLUMNS.length; i++) {
      const c = MOVED_COLUMNS[i]!;
      if (sameValue(before[c], after[c])) continue;
      mask |= 1 << i;
      values.push(after[c]);
    }
    if (mask === 0) return;
    values.push(after.id);
    updateOf(mask).run(...values);
  };
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
        .where('is_open', '=', sql.lit(1))
        .where('assignee_id', 'is', null)
        .where('segment', '=', param<string>())
        .where('tier', '=', param<number>())
        .orderBy('priority_rank')
        .orderBy('created_at')
        .limit(1),
    ),
    insertEvent: eventInsert(db),
    updateMoved,
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
    /** A person's open, at-risk and breached tickets, moved by the given amounts. */
    bumpLoad: db.prepare<never, [string, number, number, number]>(
      k
        .insertInto('agent_load')
        .values({ user_id: param<string>(), open: param<number>(), at_risk: param<number>(), breached: param<number>() })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet((eb) => ({
            open: eb('agent_load.open', '+', eb.ref('excluded.open')),
            at_risk: eb('agent_load.at_risk', '+', eb.ref('excluded.at_risk')),
            breached: eb('agent_load.breached', '+', eb.ref('excluded.breached')),
          })),
        ),
    ),
    insertInteraction: db.prepare<never, InteractionValues>(k.insertInto('interactions').values(interactionSlots())),
    // A ticket event's interaction, staged (stagedInteractions.ts): its rowid is how many wait.
    stageInteraction: db.prepare<never, InteractionValues>(k.insertInto('interactions_pending').values(interactionSlots())),
    appendOutbox: db.prepare<never, [string, string, string]>(k.insertInto('outbox').values({ event_id: param<string>(), stream: param<string>(), body: param<string>() })),
  };
}

export type TicketStatements = ReturnType<typeof ticketStatements>;
