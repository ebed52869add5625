import type { Actor, Channel, Priority, Segment, ServiceLevel } from '../../../shared/domain';
import { interactionLine, ticketInteraction } from '../../../shared/interactionText';
import {
  decide,
  evolve,
  MACHINE_VERSION,
  PAYLOAD_VERSION,
  projectSla,
  toOutboxEnvelope,
  type EventDraft,
  type PolicyInForce,
  type TicketLogState,
} from '../../../shared/ticketLog';
import type { TicketCommand } from '../../../shared/ticketMachine';
import type { Sql } from '../db/exec';
import type { TicketRowDb } from '../db/schema';
import { uuidv7 } from '../ids';
import type { SlaStore } from '../sla';
import { ticketNumber } from '../ticketRows';
import { ticketStatements } from '../ticketStatements';
import { trendCounter } from '../kb/trendCounts';
import type { TicketStore } from '../ticketStore';

// The import's ticket writer: each ticket's log is decided and folded by the shared ticket
// log (decide/evolve), exactly as the desk's store would, but written in the import's own
// batch transaction with statements prepared once. The projection (the ticket row and its
// SLA columns) comes from the evolved state in memory, never re-read; the queue and load
// counters are netted over the batch and written once when it ends (`settle`).

export interface ImportedTicket {
  customer: { id: string; name: string; segment: Segment; serviceLevel: ServiceLevel };
  asset: { id: string; customerId: string; serviceTag: string } | null;
  subject: string;
  description: string;
  priority: Priority;
  channel: Channel;
  createdAt: number;
  /** What the import user did to it, in order, each at its time. */
  steps: ReadonlyArray<{ command: TicketCommand; at: number }>;
  /**
   * Open tickets run under this desk's SLA policy; finished ones ran under the old desk's SLA,
   * so they get no policy and no SLA outcome. Both go to the outbox: the hub must hear of an
   * open one (or it would refuse the next agent's event on it), and every desk of the centre
   * shows a finished one in its customer's history.
   */
  live: boolean;
}

export class TicketRefused extends Error {}

type Counters = [open: number, unassigned: number, atRisk: number, breached: number];

export function importedTickets(
  db: Sql,
  opts: { deskId: string; reopenWindowMs: number; sla: Pick<SlaStore, 'policyInForce' | 'calendar' | 'recordOutcomes'>; rowOf: TicketStore['rowOf'] },
) {
  const st = ticketStatements(db);
  const trends = trendCounter(db.sqlite);
  const calendarOf = (id: string) => opts.sla.calendar(id);
  let insertRow: { run(...values: unknown[]): unknown } | null = null;
  let columns: (keyof TicketRowDb)[] = [];
  let lastNumber: number | null = null;
  const queues = new Map<string, { segment: string; tier: number; d: Counters }>();
  const loads = new Map<string, [number, number, number]>();

  const insert = (row: TicketRowDb) => {
    if (!insertRow) {
      columns = Object.keys(row) as (keyof TicketRowDb)[];
      insertRow = db.sqlite.prepare(`INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    }
    insertRow.run(...columns.map((c) => row[c]));
    trends.added(row);
  };

  const interaction = (row: TicketRowDb, e: EventDraft) => {
    const i = ticketInteraction({ number: ticketNumber(row.number), subject: row.subject, channel: row.channel, tier: row.tier }, e);
    if (i) st.insertInteraction.run(uuidv7(), row.customer_id, row.id, i.channel, i.direction, e.at, interactionLine(i.line), e.actor.id === 'system' ? null : e.actor.id);
  };

  const count = (row: TicketRowDb) => {
    if (!row.is_open) return;
    const key = `${row.segment}/${row.tier}`;
    const q = queues.get(key) ?? { segment: row.segment, tier: row.tier, d: [0, 0, 0, 0] };
    q.d[0]++;
    if (row.assignee_id === null) q.d[1]++;
    if (row.sla_status === 'atRisk') q.d[2]++;
    if (row.sla_status === 'breached') q.d[3]++;
    queues.set(key, q);
    if (row.assignee_id !== null) {
      const l = loads.get(row.assignee_id) ?? [0, 0, 0];
      l[0]++;
      if (row.sla_status === 'atRisk') l[1]++;
      if (row.sla_status === 'breached') l[2]++;
      loads.set(row.assignee_id, l);
    }
  };

  /**
   * Decides and writes one ticket inside the caller's transaction; throws TicketRefused,
   * with nothing written, when the shared log refuses any of its events.
   */
  function add(t: ImportedTicket, actor: Actor, now: number): { id: string; number: number; events: number } {
    lastNumber ??= (db.sqlite.prepare('SELECT coalesce(max(number), 0) AS n FROM tickets').get() as { n: number }).n;
    const number = lastNumber + 1;
    // Ids are of the import's moment (UUID v7 of the wall clock), not of the old desk's times:
    // appended at the end of every id index rather than scattered through it.
    const ticketId = uuidv7();
    const policy: PolicyInForce | null = t.live ? opts.sla.policyInForce(t.customer.segment, t.customer.serviceLevel) : null;
    const drafts: EventDraft[] = [];
    let state: TicketLogState | null = null;
    const created = decide(
      null,
      { kind: 'create', ticketId, number, customer: t.customer, asset: t.asset, subject: t.subject, description: t.description, priority: t.priority, channel: t.channel, reopenWindowMs: opts.reopenWindowMs, policy },
      actor,
      t.createdAt,
    );
    if (!created.ok) throw new TicketRefused(`the ticket log refused the ticket: ${created.reason}`);
    for (const d of created.events) {
      state = evolve(state, d);
      drafts.push(d);
    }
    for (const step of t.steps) {
      const r = decide(state, { kind: 'act', command: step.command, policy }, actor, step.at);
      if (!r.ok) throw new TicketRefused(`the ticket machine refused ${step.command.type}: ${r.reason}`);
      for (const d of r.events) {
        state = evolve(state, d);
        drafts.push(d);
      }
    }
    const final = state!;
    const sla = t.live ? projectSla(final, calendarOf, now) : null;
    const row = opts.rowOf(final, sla);
    insert(row);
    const actorJson = JSON.stringify({ role: actor.role, tier: actor.tier, segments: actor.segments });
    for (const d of drafts) {
      const id = d.id ?? uuidv7();
      const payload = JSON.stringify(d.payload);
      st.insertEvent.run(id, d.ticketId, d.seq, d.type, d.actor.id, d.at, payload, d.actor === actor ? actorJson : JSON.stringify({ role: d.actor.role, tier: d.actor.tier, segments: d.actor.segments }), PAYLOAD_VERSION, MACHINE_VERSION, opts.deskId, null);
      const envelope = toOutboxEnvelope({ id, ticketId: d.ticketId, seq: d.seq, type: d.type, payloadVersion: PAYLOAD_VERSION, payload: d.payload, actor: d.actor, machineVersion: MACHINE_VERSION, deskId: opts.deskId, deskTime: d.at, globalSeq: null });
      st.appendOutbox.run(id, 'ticket', JSON.stringify(envelope));
      interaction(row, d);
    }
    if (sla) opts.sla.recordOutcomes(row.id, row.segment, sla.state, now);
    count(row);
    lastNumber = number;
    return { id: ticketId, number, events: drafts.length };
  }

  /**
   * Writes the batch's netted queue and load counters; call it before the batch commits.
   * The next batch reads the highest ticket number again: between batches other people's
   * calls run, and may open tickets.
   */
  function settle(): void {
    for (const { segment, tier, d } of queues.values()) st.bumpQueue.run(d[0], d[1], d[2], d[3], segment, tier);
    for (const [userId, d] of loads) st.bumpLoad.run(userId, d[0], d[1], d[2]);
    discard();
  }

  /** Forgets the batch's counters (written by settle, or unwritten: its transaction rolled back). */
  function discard(): void {
    queues.clear();
    loads.clear();
    lastNumber = null;
  }

  return { add, settle, discard };
}
export type ImportedTickets = ReturnType<typeof importedTickets>;
