import { sql } from 'kysely';
import { z } from 'zod';
import { idSchema, SYSTEM_ACTOR, type Segment } from '../shared/domain';
import { STREAM_RULES, type StreamRule } from '../shared/streamRules';
import { seesSegment } from './access';
import { actorOfUser, toUser, type Session } from './accounts';
import { asTicketEvent, EVERYONE, readState, segmentOf, wireEnvelopeSchema, type Directory, type Envelope, type Recheck, type TicketEvent, type TicketState } from './envelope';
import { badRequest, conflict, forbidden } from './errors';
import type { HubDb } from './db';

// The hub's side of sync (DESIGN.md, "Many desks: the hub").
//
// Push: a desk sends its outbox as (deskSeq, event), each event an outbox envelope of some
// stream. In one transaction the hub locks the desk's row (pushes from one desk run one at a
// time), skips what it has already processed (deskSeq at or below lastDeskSeq, or an event id
// it has seen), locks the entities touched, re-checks each event against its own state and
// with the account as the hub knows it (a ticket event with the shared ticket log's decide
// through the injected `recheck`; another stream's with its rule in STREAM_RULES, an event
// of a stream with no rule is refused), then appends the accepted ones with global seqs
// taken from the log_head row and records a refusal for each other, addressed to its author.
// Either way lastDeskSeq advances, so one refused event never blocks the queue behind it.
// The log_head row stays locked from allocation to commit, so seqs become visible in order
// and a reader following a cursor never skips one. The commit notifies every hub process
// (LISTEN/NOTIFY).
//
// Each event keeps the segment its entity is in: pull, snapshot and the live fan-out give a
// person only the events of segments they may see ('*': every signed-in person).
//
// Pull: the events a person may see after a cursor, the desk's lastDeskSeq and its refusals.
// Snapshot: every ticket a person may see and the events they may see, to a watermark.

export const PUSH_LIMIT = 1000;

export const pushSchema = z.strictObject({
  deskId: idSchema,
  events: z.array(z.strictObject({ deskSeq: z.number().int().min(1), event: wireEnvelopeSchema })).min(1).max(PUSH_LIMIT),
});

export type PushOutcome =
  | { deskSeq: number; id: string; status: 'accepted'; globalSeq: number }
  | { deskSeq: number; id: string; status: 'refused'; reason: string }
  | { deskSeq: number; id: string; status: 'duplicate' };

export interface PushResult {
  lastDeskSeq: number;
  results: PushOutcome[];
}

export const EVENTS_CHANNEL = 'tagdesk_events';
/** Events any desk's SLA scheduler may send as the system actor; their ids are derived, so many desks make one. */
const SYSTEM_EVENT_TYPES = new Set(['SLA_WARNING', 'SLA_BREACH']);
/** Rows per INSERT: 12 parameters a row stays well under PostgreSQL's 65,535. */
const INSERT_CHUNK = 500;

export type StreamRules = Readonly<Record<string, StreamRule>>;
const ruleOf = (rules: StreamRules, stream: string): StreamRule | null => (Object.hasOwn(rules, stream) ? rules[stream]! : null);

type Pushed = { deskSeq: number; event: Envelope; ticket: TicketEvent | null };

export async function push(db: HubDb, session: Session, input: unknown, recheck: Recheck, now: number, rules: StreamRules = STREAM_RULES): Promise<PushResult> {
  const parsed = pushSchema.safeParse(input);
  if (!parsed.success) throw badRequest(`Not a valid push: ${z.prettifyError(parsed.error)}`);
  const { deskId } = parsed.data;
  if (session.deskId !== deskId) throw forbidden('This session was not opened from that desk; sign in from the desk that pushes.');
  const events: Pushed[] = [];
  for (let i = 0; i < parsed.data.events.length; i++) {
    const { deskSeq, event } = parsed.data.events[i]!;
    const prev = parsed.data.events[i - 1];
    if (prev && deskSeq !== prev.deskSeq + 1) throw badRequest(`A push lists its events in desk order without gaps: ${deskSeq} follows ${prev.deskSeq}.`);
    // A desk pushes each person's events with that person's session: another name is forged.
    // SLA warnings and breaches are the scheduler's, on whichever desk noticed them first.
    const bySystem = event.stream === 'ticket' && event.actor.role === 'system' && SYSTEM_EVENT_TYPES.has(event.type);
    if (event.actor.id !== session.user.id && !bySystem) throw forbidden(`Event ${event.id} names someone other than the signed-in user.`);
    if (event.deskId !== deskId) throw forbidden(`Event ${event.id} was made on another desk.`);
    let ticket: TicketEvent | null = null;
    if (event.stream === 'ticket') {
      const read = asTicketEvent(event);
      if (!read.ok) throw badRequest(`Event ${event.id}: ${read.reason}`);
      ticket = read.event;
    }
    events.push({ deskSeq, event, ticket });
  }
  const actor = actorOfUser(session.user);

  return db.transaction().execute(async (tx) => {
    const desk = await tx.selectFrom('desks').select('last_desk_seq').where('id', '=', deskId).forUpdate().executeTakeFirst();
    if (!desk) throw forbidden('This desk is not registered; sign in from it first.');
    const last = desk.last_desk_seq;
    const fresh = events.filter((e) => e.deskSeq > last);
    const results: PushOutcome[] = events.filter((e) => e.deskSeq <= last).map((e) => ({ deskSeq: e.deskSeq, id: e.event.id, status: 'duplicate' as const }));
    if (fresh.length === 0) return { lastDeskSeq: last, results };
    if (fresh[0]!.deskSeq !== last + 1) {
      throw conflict(`Events are missing before desk seq ${fresh[0]!.deskSeq}: the hub has processed up to ${last}. Push from ${last + 1}.`, { lastDeskSeq: last });
    }

    const ids = fresh.map((e) => e.event.id);
    const seen = new Set(
      (
        await sql<{ id: string }>`select id::text from events where id = any(${ids}::uuid[]) union all select event_id::text from refusals where event_id = any(${ids}::uuid[])`.execute(tx)
      ).rows.map((r) => r.id),
    );
    const todo = fresh.filter((e) => !seen.has(e.event.id));
    const keys = [...new Set(todo.map((e) => (e.ticket ? e.event.entityId : `${e.event.stream}/${e.event.entityId}`)))].sort();
    const states = new Map<string, TicketState>();
    const known = new Map<string, { segment: Segment | null; seen: boolean }>();
    if (keys.length > 0) {
      // Advisory locks, in one order, also cover entities that do not exist yet.
      await sql`select count(pg_advisory_xact_lock(k)) from (select hashtextextended(t, 7) as k from unnest(${keys}::text[]) as t order by 1) as s`.execute(tx);
      const ticketIds = todo.filter((e) => e.ticket).map((e) => e.event.entityId);
      if (ticketIds.length > 0) for (const row of await tx.selectFrom('tickets').select(['id', 'state']).where('id', 'in', [...new Set(ticketIds)]).execute()) states.set(row.id, readState(row.state));
      const others = todo.filter((e) => !e.ticket);
      if (others.length > 0) {
        const rows = await tx
          .selectFrom('entities')
          .select(['stream', 'id', 'segment'])
          .where((eb) => eb.or(others.map((e) => eb.and([eb('stream', '=', e.event.stream), eb('id', '=', e.event.entityId)]))))
          .execute();
        for (const r of rows) known.set(`${r.stream}/${r.id}`, { segment: r.segment as Segment | null, seen: true });
      }
    }

    // The people events name (an ASSIGN's assignee), read once for the whole push.
    const named = [...new Set(todo.map((e) => e.event.payload.assigneeId).filter((id): id is string => typeof id === 'string' && z.uuid().safeParse(id).success))];
    const people = new Map(
      named.length === 0 ? [] : (await tx.selectFrom('users').selectAll().where('id', 'in', named).execute()).map((row) => { const u = toUser(row); return [u.id, { ...actorOfUser(u), name: u.name, active: u.active }]; }),
    );
    const directory: Directory = { person: (id) => people.get(id) ?? null };

    const accepted: { deskSeq: number; event: Envelope; segment: string; state: TicketState | null }[] = [];
    const refused: { deskSeq: number; event: Envelope; reason: string }[] = [];
    for (const { deskSeq, event, ticket } of fresh) {
      if (seen.has(event.id)) {
        results.push({ deskSeq, id: event.id, status: 'duplicate' });
        continue;
      }
      seen.add(event.id);
      // Judged as the account is now, not as the desk remembered it.
      const judgedActor = ticket && event.actor.role === 'system' && SYSTEM_EVENT_TYPES.has(event.type) ? SYSTEM_ACTOR : actor;
      const judged: Envelope = { ...event, actor: judgedActor };
      if (ticket) {
        const verdict = safeRecheck(recheck, states.get(event.entityId) ?? null, { ...ticket, actor: judgedActor }, directory);
        if (verdict.ok) {
          states.set(event.entityId, verdict.state);
          accepted.push({ deskSeq, event: judged, segment: segmentOf(verdict.state), state: verdict.state });
        } else refused.push({ deskSeq, event: judged, reason: verdict.reason });
        continue;
      }
      const rule = ruleOf(rules, event.stream);
      if (!rule) {
        refused.push({ deskSeq, event: judged, reason: `The hub does not take '${event.stream}' changes (it has no rule for them); this change stays on your desk only.` });
        continue;
      }
      const key = `${event.stream}/${event.entityId}`;
      const before = known.get(key) ?? { segment: null, seen: false };
      let verdict: ReturnType<StreamRule>;
      try {
        verdict = rule(judged, actor, before);
      } catch (error) {
        verdict = { ok: false, reason: `The hub could not check this change: ${error instanceof Error ? error.message : String(error)}` };
      }
      if (!verdict.ok) {
        refused.push({ deskSeq, event: judged, reason: verdict.reason });
        continue;
      }
      const segment = verdict.segment ?? before.segment;
      known.set(key, { segment, seen: true });
      accepted.push({ deskSeq, event: judged, segment: segment ?? EVERYONE, state: null });
    }

    if (accepted.length > 0) {
      // Seqs and the notification in one statement; NOTIFY is delivered at COMMIT anyway.
      const n = accepted.length;
      const head = (
        await sql<{ seq: number }>`update log_head set seq = seq + ${n}::bigint where id = 1 returning seq, pg_notify(${EVENTS_CHANNEL}, json_build_object('first', seq - ${n}::bigint + 1, 'last', seq)::text)`.execute(tx)
      ).rows[0]!;
      const first = head.seq - n + 1;
      const rows = accepted.map((a, i) => {
        const globalSeq = first + i;
        a.event = { ...a.event, globalSeq };
        results.push({ deskSeq: a.deskSeq, id: a.event.id, status: 'accepted', globalSeq });
        return {
          seq: globalSeq,
          id: a.event.id,
          stream: a.event.stream,
          ticket_id: a.event.entityId,
          ticket_seq: a.event.seq,
          type: a.event.type,
          segment: a.segment,
          actor_id: a.event.actor.id,
          desk_id: deskId,
          desk_seq: a.deskSeq,
          envelope: JSON.stringify(a.event),
          accepted_at: now,
        };
      });
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insertInto('events').values(rows.slice(i, i + INSERT_CHUNK)).execute();
      const latest = new Map<string, { state: TicketState; seq: number; ticketSeq: number }>();
      const entities = new Map<string, { stream: string; id: string; segment: string | null; last_global_seq: number }>();
      for (const a of accepted) {
        if (a.state) latest.set(a.event.entityId, { state: a.state, seq: a.event.globalSeq!, ticketSeq: a.event.seq });
        else entities.set(`${a.event.stream}/${a.event.entityId}`, { stream: a.event.stream, id: a.event.entityId, segment: a.segment === EVERYONE ? null : a.segment, last_global_seq: a.event.globalSeq! });
      }
      const ticketRows = [...latest].map(([id, { state, seq, ticketSeq }]) => ({ id, seq: ticketSeq, segment: segmentOf(state), state: JSON.stringify(state), last_global_seq: seq }));
      for (let i = 0; i < ticketRows.length; i += INSERT_CHUNK) {
        await tx
          .insertInto('tickets')
          .values(ticketRows.slice(i, i + INSERT_CHUNK))
          .onConflict((c) =>
            c.column('id').doUpdateSet((eb) => ({ seq: eb.ref('excluded.seq'), segment: eb.ref('excluded.segment'), state: eb.ref('excluded.state'), last_global_seq: eb.ref('excluded.last_global_seq') })),
          )
          .execute();
      }
      const entityRows = [...entities.values()];
      for (let i = 0; i < entityRows.length; i += INSERT_CHUNK) {
        await tx
          .insertInto('entities')
          .values(entityRows.slice(i, i + INSERT_CHUNK))
          .onConflict((c) => c.columns(['stream', 'id']).doUpdateSet((eb) => ({ segment: eb.ref('excluded.segment'), last_global_seq: eb.ref('excluded.last_global_seq') })))
          .execute();
      }
    }
    if (refused.length > 0) {
      const rows = refused.map((r) => {
        results.push({ deskSeq: r.deskSeq, id: r.event.id, status: 'refused', reason: r.reason });
        return { event_id: r.event.id, desk_id: deskId, desk_seq: r.deskSeq, author_id: r.event.actor.id, stream: r.event.stream, ticket_id: r.event.entityId, reason: r.reason, at: now, envelope: JSON.stringify(r.event) };
      });
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insertInto('refusals').values(rows.slice(i, i + INSERT_CHUNK)).onConflict((c) => c.column('event_id').doNothing()).execute();
    }
    const lastDeskSeq = fresh[fresh.length - 1]!.deskSeq;
    await tx.updateTable('desks').set({ last_desk_seq: lastDeskSeq }).where('id', '=', deskId).execute();
    results.sort((a, b) => a.deskSeq - b.deskSeq);
    return { lastDeskSeq, results };
  });
}

/** A re-check that throws is a bug in the rules, not in the sender: refuse the event, say why. */
function safeRecheck(recheck: Recheck, state: TicketState | null, event: TicketEvent, directory: Directory): ReturnType<Recheck> {
  try {
    return recheck(state, event, directory);
  } catch (error) {
    return { ok: false, reason: `The hub could not apply this event: ${error instanceof Error ? error.message : String(error)}` };
  }
}

// ---- pull and snapshot ---------------------------------------------------------------------------

export const pullSchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  refusalsAfter: z.coerce.number().int().min(0).default(0),
});

export interface PullResult {
  events: Envelope[];
  /** Pull again from here; equal to `head` when nothing more is waiting. */
  cursor: number;
  head: number;
  lastDeskSeq: number | null;
  refusals: { id: number; eventId: string; deskSeq: number; stream: string; entityId: string; reason: string; at: number }[];
}

const visibleSegments = (session: Session): Segment[] | 'all' =>
  session.user.role === 'supervisor' || session.user.role === 'admin' ? 'all' : session.user.segments.filter((s) => seesSegment(session.user, s));

export async function pull(db: HubDb, session: Session, query: unknown): Promise<PullResult> {
  const parsed = pullSchema.safeParse(query);
  if (!parsed.success) throw badRequest(`Not a valid pull: ${z.prettifyError(parsed.error)}`);
  const { after, limit, refusalsAfter } = parsed.data;
  // The head first: every event at or below a committed head is itself committed.
  const head = (await db.selectFrom('log_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq;
  const segments = visibleSegments(session);
  let q = db.selectFrom('events').select(['seq', 'envelope']).where('seq', '>', after).where('seq', '<=', head).orderBy('seq').limit(limit);
  if (segments !== 'all') q = q.where('segment', 'in', [...segments, EVERYONE]);
  const rows = await q.execute();
  const cursor = rows.length === limit ? rows[rows.length - 1]!.seq : Math.max(head, after);
  let lastDeskSeq: number | null = null;
  let refusals: PullResult['refusals'] = [];
  if (session.deskId) {
    lastDeskSeq = (await db.selectFrom('desks').select('last_desk_seq').where('id', '=', session.deskId).executeTakeFirst())?.last_desk_seq ?? null;
    refusals = (
      await db
        .selectFrom('refusals')
        .select(['id', 'event_id', 'desk_seq', 'stream', 'ticket_id', 'reason', 'at'])
        .where('desk_id', '=', session.deskId)
        .where('author_id', '=', session.user.id)
        .where('id', '>', refusalsAfter)
        .orderBy('id')
        .limit(limit)
        .execute()
    ).map((r) => ({ id: r.id, eventId: r.event_id, deskSeq: r.desk_seq, stream: r.stream, entityId: r.ticket_id, reason: r.reason, at: r.at }));
  }
  return { events: rows.map((r) => r.envelope as Envelope), cursor, head, lastDeskSeq, refusals };
}

export interface Snapshot {
  /** Every event up to this seq is in the snapshot; follow the log from here. */
  watermark: number;
  /** The tickets as the hub has them now (their log's fold). */
  tickets: TicketState[];
  /** The events the person may see up to the watermark, in global order: a desk's starting log. */
  events: Envelope[];
}

export async function snapshot(db: HubDb, session: Session): Promise<Snapshot> {
  const segments = visibleSegments(session);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const watermark = (await tx.selectFrom('log_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq;
      let q = tx.selectFrom('tickets').select('state').orderBy('id');
      if (segments !== 'all') q = q.where('segment', 'in', segments.length > 0 ? segments : ['-']);
      let e = tx.selectFrom('events').select('envelope').where('seq', '<=', watermark).orderBy('seq');
      if (segments !== 'all') e = e.where('segment', 'in', [...segments, EVERYONE]);
      return { watermark, tickets: (await q.execute()).map((r) => r.state as TicketState), events: (await e.execute()).map((r) => r.envelope as Envelope) };
    });
}

/** Events by seq range, for the live fan-out of one commit. */
export async function eventsBetween(db: HubDb, first: number, last: number): Promise<{ segment: string; envelope: Envelope }[]> {
  const rows = await db.selectFrom('events').select(['segment', 'envelope']).where('seq', '>=', first).where('seq', '<=', last).orderBy('seq').execute();
  return rows.map((r) => ({ segment: r.segment, envelope: r.envelope as Envelope }));
}
