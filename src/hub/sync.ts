import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { idSchema, SYSTEM_ACTOR, type Segment } from '../shared/domain';
import { say } from '../shared/messageKeys';
import { STREAM_RULES, type StreamRule } from '../shared/streamRules';
import { answersForDeskWork, mayCarryDeskWork, maySendWorkOf, seesSegment } from './access';
import { actorOfUser, toUser, type Session } from './accounts';
import { asTicketEvent, EVERYONE, readState, segmentOf, wireEnvelopeSchema, type Directory, type Envelope, type Recheck, type TicketEvent, type TicketState } from './envelope';
import { badRequest, conflict, forbidden, HubError } from './errors';
import { deskVersionNeeded, readablePrefix } from '../shared/ticketLog';
import type { HubDatabase, HubDb } from './db';
import { RawJson, rawObject, withGlobalSeq } from './rawJson';
import { eraseOnHub, keptAsErased } from './erasure';
import { CUSTOMER_STREAM } from '../shared/customerStream';
import { USER_STREAM } from '../shared/userStream';
import { CLOCK_FOLLOW_MS } from '../shared/clockSkew';

// The hub's side of sync (DESIGN.md, "Many desks: the hub").
//
// Push: a desk sends its outbox as (deskSeq, event), each event an outbox envelope of some
// stream. In one transaction the hub locks the desk's row (pushes from one desk run one at a
// time), skips what it has already processed (deskSeq at or below lastDeskSeq, or an event id
// it has seen; a deskSeq at or below lastDeskSeq whose event the hub never had means the
// desk's count went back, as it does when the desk is restored from a backup, and is answered
// 409 with lastDeskSeq so the desk numbers its outbox after it), locks the entities touched,
// re-checks each event against its own state and with the account as the hub knows it (a ticket event with the shared ticket log's decide
// through the injected `recheck`; another stream's with its rule in STREAM_RULES, an event
// of a stream with no rule is refused), then appends the accepted ones with global seqs
// taken from the log_head row and records a refusal for each other, addressed to its author.
// Either way lastDeskSeq advances, so one refused event never blocks the queue behind it. A
// ticket event made on an older step that the ticket would still take is neither: it is
// answered 'stale' and not recorded, and its desk sends it again once it has pulled and rebased.
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
  | { deskSeq: number; id: string; status: 'duplicate' }
  /** Made on an older step of its ticket, which would still take it: pull, rebase, push again. Not recorded. */
  | { deskSeq: number; id: string; status: 'stale' };

export interface PushResult {
  lastDeskSeq: number;
  results: PushOutcome[];
}

export const EVENTS_CHANNEL = 'tagdesk_events';
/**
 * Events any desk may send as the system actor: SLA warnings and breaches from its scheduler
 * (their ids are derived, so many desks make one), and the policy change that rides along
 * with the first act on a ticket after its SLA policy changed (or with an admin's recompute).
 */
const SYSTEM_EVENT_TYPES = new Set(['SLA_WARNING', 'SLA_BREACH', 'POLICY_CHANGED']);

export type StreamRules = Readonly<Record<string, StreamRule>>;
const ruleOf = (rules: StreamRules, stream: string): StreamRule | null => (Object.hasOwn(rules, stream) ? rules[stream]! : null);

type Pushed = { deskSeq: number; event: Envelope; ticket: TicketEvent | null };

/**
 * `epoch`: the epoch of the desk's count of pushes as the desk states it (DESK_EPOCH_HEADER;
 * null from a desk before it). Each time a desk's count goes back (restored from a backup) the
 * hub moves the desk's epoch on and the 409 says the new one, which the desk keeps. A push whose
 * count went back from a desk still in an older epoch, after events were processed in the new
 * one, is a second writer under the desk's id: a copy of its data folder that also runs. It is
 * refused (409 'desk_copied') and that desk takes an id of its own (deskPlace.ts), rather than
 * the two taking turns to set each other's count (each taken for a restore), one desk to the hub.
 */
export async function push(db: HubDb, session: Session, input: unknown, recheck: Recheck, now: number, rules: StreamRules = STREAM_RULES, epoch: number | null = null): Promise<PushResult> {
  const parsed = pushSchema.safeParse(input);
  if (!parsed.success) throw badRequest(`Not a valid push: ${z.prettifyError(parsed.error)}`);
  const { deskId } = parsed.data;
  if (session.deskId !== deskId) throw forbidden('This session was not opened from that desk; sign in from the desk that pushes.');
  // A deactivated person's changes are held at their desk (authenticate refuses their session too).
  const held = maySendWorkOf(session.user);
  if (held) throw forbidden(held);
  const events: Pushed[] = [];
  /** Events of the desk's own accounts (its stand-ins, its imports), carried by an admin's session (mayCarryDeskWork). */
  const carried = new Set<string>();
  for (let i = 0; i < parsed.data.events.length; i++) {
    const { deskSeq, event } = parsed.data.events[i]!;
    const prev = parsed.data.events[i - 1];
    if (prev && deskSeq !== prev.deskSeq + 1) throw badRequest(`A push lists its events in desk order without gaps: ${deskSeq} follows ${prev.deskSeq}.`);
    // A desk pushes each person's events with that person's session: another name is forged.
    // SLA warnings and breaches are the scheduler's, on whichever desk noticed them first.
    const bySystem = event.stream === 'ticket' && event.actor.role === 'system' && SYSTEM_EVENT_TYPES.has(event.type);
    if (event.actor.id !== session.user.id && !bySystem) carried.add(event.id);
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
  if (carried.size > 0) {
    // Another author than the signed-in person: work the desk made under accounts of its own,
    // which an admin brings; a hub account's name on it is forged, whoever pushes it.
    const authors = [...new Set(events.filter((e) => carried.has(e.event.id)).map((e) => e.event.actor.id))];
    const uuids = authors.filter((id) => z.uuid().safeParse(id).success);
    const hubAccounts = new Set(uuids.length === 0 ? [] : (await db.selectFrom('users').select('id').where('id', 'in', uuids).execute()).map((r) => r.id));
    for (const e of events) {
      if (!carried.has(e.event.id)) continue;
      if (mayCarryDeskWork(session.user, { hubAccount: hubAccounts.has(e.event.actor.id), role: e.event.actor.role })) throw forbidden(`Event ${e.event.id} names someone other than the signed-in user.`);
    }
  }

  const done = await db.transaction().execute(async (tx): Promise<PushResult | { wentBack: string; last: number; epoch: number }> => {
    const desk = await tx.selectFrom('desks').select(['last_desk_seq', 'epoch', 'epoch_at']).where('id', '=', deskId).forUpdate().executeTakeFirst();
    if (!desk) throw forbidden('This desk is not registered; sign in from it first.');
    const last = Number(desk.last_desk_seq);
    const fresh = events.filter((e) => e.deskSeq > last);
    const resent = events.filter((e) => e.deskSeq <= last);
    if (fresh.length > 0 && fresh[0]!.deskSeq !== last + 1) {
      throw conflict(`Events are missing before desk seq ${fresh[0]!.deskSeq}: the hub has processed up to ${last}. Push from ${last + 1}.`, { lastDeskSeq: last });
    }

    // The entities' advisory locks (in one order; they also cover entities that do not exist
    // yet) and which of the push's events it has seen already, in one round trip. The seen
    // check needs only the desk's row lock above; the entities' state is read after their
    // locks, in its own statement.
    const ids = events.map((e) => e.event.id);
    const opens = fresh.some(isCreation);
    const lockKeys = [...new Set(fresh.map((e) => (e.ticket ? e.event.entityId : `${e.event.stream}/${e.event.entityId}`)))].sort();
    const first = (
      await sql<{ locked: number; seen: string[] }>`select
          (select count(pg_advisory_xact_lock(k)) from (select hashtextextended(t, 7) as k from unnest(${lockKeys}::text[]) as t order by 1) as s)::int as locked,
          array(select id::text from events where id = any(${ids}::uuid[]) union all select event_id::text from refusals where event_id = any(${ids}::uuid[])) as seen`.execute(tx)
    ).rows[0]!;
    const seen = new Set(first.seen);
    // Numbered at or below the count: a push again after an answer lost on the way, whose
    // events the hub has. One it never had was numbered from a count that went back (the desk
    // restored from a backup): calling it a duplicate would drop it from the desk's outbox, unsent.
    const unseen = resent.find((e) => !seen.has(e.event.id));
    if (unseen) {
      const current = Number(desk.epoch);
      // An epoch the hub moved on from, and events processed since in the new one: another desk
      // sends under this id. (Nothing processed since: this desk's own 409 was lost on the way.)
      if (epoch !== null && epoch < current && last > Number(desk.epoch_at)) throw new HubError(409, 'desk_copied', say('deskCopied'));
      let next = current;
      if (epoch !== null && epoch >= current) {
        next = epoch + 1;
        await tx.updateTable('desks').set({ epoch: next, epoch_at: last }).where('id', '=', deskId).execute();
      }
      return { wentBack: `Event ${unseen.event.id} is numbered ${unseen.deskSeq}, but the hub has processed this desk's events up to ${last} without it: the desk's count went back (was it restored from a backup?). Push from ${last + 1}.`, last, epoch: next };
    }
    const results: PushOutcome[] = resent.map((e) => ({ deskSeq: e.deskSeq, id: e.event.id, status: 'duplicate' as const }));
    if (fresh.length === 0) return { lastDeskSeq: last, results };
    // An event naming a customer erased already is kept without what erasure removed.
    const kept = await keptAsErased(tx, fresh.map((e) => e.event));
    fresh.forEach((e, i) => {
      if (kept[i] === e.event) return;
      e.event = kept[i]!;
      if (e.ticket) {
        const read = asTicketEvent(e.event);
        if (read.ok) e.ticket = read.event;
      }
    });
    const todo = fresh.filter((e) => !seen.has(e.event.id));
    let claimed: string[] = [];
    const states = new Map<string, TicketState>();
    const known = new Map<string, { segment: Segment | null; seen: boolean }>();
    if (todo.length > 0) {
      const ticketIds = todo.filter((e) => e.ticket).map((e) => e.event.entityId);
      if (ticketIds.length > 0) {
        const rows = await sql<{ id: string; state: unknown }>`select id, state from tickets where id = any(${[...new Set(ticketIds)]}::text[])`.execute(tx);
        for (const row of rows.rows) states.set(row.id, readState(row.state));
      }
      if (opens) claimed = await numberOpened(tx, todo.filter((e) => isCreation(e) && !states.has(e.event.entityId)));
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

    // The people events name (an ASSIGN's assignee), and those a hand-back or reopening may
    // return a ticket to (whoever held it at each tier), read once for the whole push.
    const holders = [...states.values()].flatMap((t) => [t.position.context.assigneeId, ...Object.values(t.position.context.heldBy)]);
    const named = [...new Set([...todo.map((e) => e.event.payload.assigneeId), ...holders].filter((id): id is string => typeof id === 'string' && z.uuid().safeParse(id).success))];
    const people = new Map(
      named.length === 0 ? [] : (await tx.selectFrom('users').selectAll().where('id', 'in', named).execute()).map((row) => { const u = toUser(row); return [u.id, { ...actorOfUser(u), name: u.name, active: u.active }]; }),
    );
    const directory: Directory = { person: (id) => people.get(id) ?? null };

    const accepted: { deskSeq: number; event: Envelope; segment: string; state: TicketState | null }[] = [];
    const refused: { deskSeq: number; event: Envelope; reason: string }[] = [];
    // A ticket's step this push could not take (refused, or stale), by ticket: the steps after
    // it in the same push are stale too, for its desk drops or rebases that one and numbers
    // them again.
    const unsettled = new Map<string, number>();
    for (const { deskSeq, event, ticket } of fresh) {
      if (seen.has(event.id)) {
        results.push({ deskSeq, id: event.id, status: 'duplicate' });
        continue;
      }
      seen.add(event.id);
      // Judged as the account is now, not as the desk remembered it.
      // The desk's own work carried by its admin is judged as the author the desk names (mayCarryDeskWork).
      const author = carried.has(event.id) ? event.actor : actor;
      const judgedActor = ticket && event.actor.role === 'system' && SYSTEM_EVENT_TYPES.has(event.type) ? SYSTEM_ACTOR : author;
      const judged: Envelope = { ...event, actor: judgedActor };
      if (ticket) {
        const after = unsettled.get(event.entityId);
        const checked = after !== undefined && after < event.seq ? STALE : safeRecheck(recheck, states.get(event.entityId) ?? null, { ...ticket, actor: judgedActor }, directory);
        // A warning or breach the ticket would take, fired ahead of the hub's clock (a desk
        // that keeps its own, fast, clock): not yet. Answered 'stale', so it is not recorded
        // (its id, derived, stays free) and its desk sends it again until the hub's time comes.
        const verdict = checked.ok && judgedActor === SYSTEM_ACTOR && firedEarly(event, now) ? STALE : checked;
        if (verdict.ok) {
          states.set(event.entityId, verdict.state);
          accepted.push({ deskSeq, event: judged, segment: segmentOf(verdict.state), state: verdict.state });
          continue;
        }
        if (after === undefined) unsettled.set(event.entityId, event.seq);
        // A stale event is not recorded: rebased, it comes again under the next step.
        if (verdict.stale) results.push({ deskSeq, id: event.id, status: 'stale' });
        else refused.push({ deskSeq, event: judged, reason: verdict.reason });
        continue;
      }
      const rule = ruleOf(rules, event.stream);
      if (!rule) {
        refused.push({ deskSeq, event: judged, reason: say('hubNoRule', { stream: event.stream }) });
        continue;
      }
      const key = `${event.stream}/${event.entityId}`;
      const before = known.get(key) ?? { segment: null, seen: false };
      let verdict: ReturnType<StreamRule>;
      try {
        verdict = rule(judged, author, before);
      } catch (error) {
        verdict = { ok: false, reason: say('hubCouldNotCheck', { detail: error instanceof Error ? error.message : String(error) }) };
      }
      if (!verdict.ok) {
        refused.push({ deskSeq, event: judged, reason: verdict.reason });
        continue;
      }
      const segment = verdict.segment ?? before.segment;
      known.set(key, { segment, seen: true });
      accepted.push({ deskSeq, event: judged, segment: segment ?? EVERYONE, state: null });
    }

    // What the push writes, in two statements. First, outside the log's lock: the tickets' and
    // other entities' projections, the refusals and the desk's lastDeskSeq (their entities are
    // locked already). Then the global seqs and the events: the log_head row is locked from
    // there to commit, so seqs become visible in order; that stretch is kept as short as it can
    // be, as every push of every desk passes through it one at a time. The notification goes
    // with the seqs and is delivered at COMMIT. Rows travel as one JSON parameter a table.
    const n = accepted.length;
    const latest = new Map<string, { state: TicketState; ticketSeq: number }>();
    const entities = new Map<string, { stream: string; id: string; segment: string | null }>();
    for (const a of accepted) {
      if (a.state) latest.set(a.event.entityId, { state: a.state, ticketSeq: a.event.seq });
      else entities.set(`${a.event.stream}/${a.event.entityId}`, { stream: a.event.stream, id: a.event.entityId, segment: a.segment === EVERYONE ? null : a.segment });
    }
    const ticketRows = [...latest].map(([id, t]) => ({ id, seq: t.ticketSeq, segment: segmentOf(t.state), state: t.state, customer_id: t.state.head.customerId, number: t.state.head.number }));
    const refusalRows = refused.map((r) => ({ event_id: r.event.id, desk_seq: r.deskSeq, author_id: r.event.actor.id, stream: r.event.stream, ticket_id: r.event.entityId, reason: r.reason, envelope: r.event }));
    const lastDeskSeq = fresh[fresh.length - 1]!.deskSeq;
    // A number claimed for a ticket whose creation was refused is free again.
    const unclaimed = claimed.filter((id) => !latest.has(id));
    const projections = [
      sql`dk as (update desks set last_desk_seq = ${lastDeskSeq} where id = ${deskId})`,
      ...(unclaimed.length === 0 ? [] : [sql`nc as (delete from ticket_numbers where ticket_id = any(${unclaimed}::text[]))`]),
      ...(ticketRows.length === 0
        ? []
        : [
            sql`tk as (insert into tickets (id, seq, segment, state, customer_id, number)
              select x.id, x.seq, x.segment, x.state, x.customer_id, x.number from json_to_recordset(${JSON.stringify(ticketRows)}::json) as x(id text, seq int, segment text, state json, customer_id text, number int)
              on conflict (id) do update set seq = excluded.seq, segment = excluded.segment, state = excluded.state)`,
          ]),
      ...(entities.size === 0
        ? []
        : [
            sql`en as (insert into entities (stream, id, segment)
              select x.stream, x.id, x.segment from json_to_recordset(${JSON.stringify([...entities.values()])}::json) as x(stream text, id text, segment text)
              on conflict (stream, id) do update set segment = excluded.segment)`,
          ]),
      ...(refusalRows.length === 0
        ? []
        : [
            sql`rf as (insert into refusals (event_id, desk_id, desk_seq, author_id, stream, ticket_id, reason, at, envelope)
              select x.event_id, ${deskId}, x.desk_seq, x.author_id, x.stream, x.ticket_id, x.reason, ${now}::bigint, x.envelope
              from json_to_recordset(${JSON.stringify(refusalRows)}::json) as x(event_id uuid, desk_seq bigint, author_id text, stream text, ticket_id text, reason text, envelope jsonb)
              on conflict (event_id) do nothing)`,
          ]),
    ];
    await sql`with ${sql.join(projections, sql`, `)} select 1`.execute(tx);
    let base = 0;
    if (n > 0) {
      const eventRows = accepted.map((a, i) => ({
        i,
        id: a.event.id,
        stream: a.event.stream,
        ticket_id: a.event.entityId,
        ticket_seq: a.event.seq,
        type: a.event.type,
        segment: a.segment,
        actor_id: a.event.actor.id,
        desk_seq: a.deskSeq,
        envelope: stored(a.event),
      }));
      const rows = JSON.stringify(eventRows);
      const head = await sql<{ base: number }>`with
          h as (update log_head set seq = seq + ${n}::bigint where id = 1 returning seq - ${n}::bigint + 1 as base, pg_notify(${EVENTS_CHANNEL}, json_build_object('first', seq - ${n}::bigint + 1, 'last', seq)::text)),
          ev as (insert into events (seq, id, stream, ticket_id, ticket_seq, type, segment, actor_id, desk_id, desk_seq, envelope, accepted_at)
            select h.base + x.i, x.id, x.stream, x.ticket_id, x.ticket_seq, x.type, x.segment, x.actor_id, ${deskId}, x.desk_seq, x.envelope, ${now}::bigint
            from h, json_to_recordset(${rows}::json) as x(i int, id uuid, stream text, ticket_id text, ticket_seq int, type text, segment text, actor_id text, desk_seq bigint, envelope json))
        select base from h`.execute(tx);
      base = Number(head.rows[0]!.base);
    }
    for (const a of accepted) if (a.event.stream === CUSTOMER_STREAM && a.event.type === 'CUSTOMER_ERASED') await eraseOnHub(tx, a.event.entityId, now);
    accepted.forEach((a, i) => results.push({ deskSeq: a.deskSeq, id: a.event.id, status: 'accepted', globalSeq: base + i }));
    for (const r of refused) results.push({ deskSeq: r.deskSeq, id: r.event.id, status: 'refused', reason: r.reason });
    results.sort((a, b) => a.deskSeq - b.deskSeq);
    return { lastDeskSeq, results };
  });
  // The count went back: answered once the epoch's move is committed.
  if ('wentBack' in done) throw conflict(done.wentBack, { lastDeskSeq: done.last, ...(epoch === null ? {} : { epoch: done.epoch }) });
  return done;
}

/** The envelope as the hub keeps it: as its author sent it, the global seq aside (it is the row's seq). */
function stored(e: Envelope): Omit<Envelope, 'globalSeq'> {
  const { globalSeq, ...rest } = e;
  void globalSeq;
  return rest;
}

const isCreation = (e: Pushed): boolean => e.ticket !== null && e.event.type === 'CREATED';

/**
 * The hub's number wins: a ticket opened with a number another ticket has on the hub already
 * (two desks offline each gave their next one; the other desk's reached the hub first) is
 * accepted under the hub's next free number. Its desk adopts it as its own creation comes back
 * in the pull, and tells who opened and who holds it (src/main/core/sync/apply.ts).
 *
 * Each number is a row of ticket_numbers, claimed with INSERT ... ON CONFLICT DO NOTHING: a
 * claim of a number another push claimed and has not committed waits for that push alone (and
 * finds it taken if it commits, free if it rolls back); pushes giving other numbers go on.
 * A push claims its numbers in rising order (the numbers asked, lowest first, then each next
 * free one above all it holds), so two pushes never wait for each other both ways. The next
 * free number is one above the highest claimed that this push can see. Answers the tickets
 * that claimed a number.
 */
async function numberOpened(tx: Kysely<HubDatabase>, opened: Pushed[]): Promise<string[]> {
  if (opened.length === 0) return [];
  const asked = opened.map((e, i) => ({ i, ticket_id: e.event.entityId, number: Number(e.event.payload.number) }));
  const got = await sql<{ ticket_id: string }>`insert into ticket_numbers (number, ticket_id)
      select x.number, x.ticket_id from json_to_recordset(${JSON.stringify(asked)}::json) as x(i int, ticket_id text, number int) order by x.number, x.i
      on conflict (number) do nothing returning ticket_id`.execute(tx);
  const kept = new Set(got.rows.map((r) => r.ticket_id));
  for (const e of opened) {
    if (kept.has(e.event.entityId)) continue;
    let number: number | null = null;
    while (number === null) {
      const next = await sql<{ number: number }>`insert into ticket_numbers (number, ticket_id)
          select coalesce(max(number), 0) + 1, ${e.event.entityId} from ticket_numbers
          on conflict (number) do nothing returning number`.execute(tx);
      number = next.rows[0]?.number ?? null;
    }
    e.event = { ...e.event, payload: { ...e.event.payload, number } };
    const read = asTicketEvent(e.event);
    if (read.ok) e.ticket = read.event;
  }
  return opened.map((e) => e.event.entityId);
}

/**
 * Whether a system SLA event was fired before its time by the hub's clock (`now`): a breach
 * whose deadline (its dueAt) is still ahead; a warning stamped ahead of the hub's time for a
 * deadline still ahead. A desk that follows the hub's clock (clockSkew.ts) is within
 * CLOCK_FOLLOW_MS of it; one that keeps its own (a desk from before that change, or one that
 * has not heard from the hub yet) can be hours off.
 */
export function firedEarly(event: Pick<Envelope, 'type' | 'payload' | 'deskTime'>, now: number): boolean {
  if (event.type !== 'SLA_BREACH' && event.type !== 'SLA_WARNING') return false;
  const dueAt = event.payload.dueAt;
  if (typeof dueAt !== 'number' || dueAt <= now + CLOCK_FOLLOW_MS) return false;
  return event.type === 'SLA_BREACH' || event.deskTime > now + CLOCK_FOLLOW_MS;
}

/** A step after one this push could not take. */
const STALE = { ok: false, reason: 'stale', stale: true } as const;

/** A re-check that throws is a bug in the rules, not in the sender: refuse the event, say why. */
function safeRecheck(recheck: Recheck, state: TicketState | null, event: TicketEvent, directory: Directory): ReturnType<Recheck> {
  try {
    return recheck(state, event, directory);
  } catch (error) {
    return { ok: false, reason: say('hubCouldNotApply', { detail: error instanceof Error ? error.message : String(error) }) };
  }
}

// ---- pull and snapshot ---------------------------------------------------------------------------

export const pullSchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  refusalsAfter: z.coerce.number().int().min(0).default(0),
  /**
   * The id of the event the desk read at `after` (a desk that knows it). The hub answers
   * `wentBack: true` when its event there is another, or it has none: its log went back (restored
   * from an older backup) and desks numbered anew what it lost, past the desk's cursor maybe.
   */
  atId: z.uuid().optional(),
  /**
   * Where the event named by atId is in the log, at or before `after` (default: `after`): the last
   * event the desk read, which for an agent limited to some segments is often before its cursor
   * (the cursor moves past the others' events). A desk before stop 55 names only atId.
   */
  atSeq: z.coerce.number().int().min(1).optional(),
})
  .refine((q) => q.atSeq === undefined || q.atId !== undefined, { message: 'atSeq names where the event atId names is: give atId with it', path: ['atSeq'] })
  .refine((q) => q.atSeq === undefined || q.atSeq <= q.after, { message: 'atSeq is at or before after (the last event the desk read, up to its cursor)', path: ['atSeq'] });

export interface PullResult {
  events: Envelope[];
  /** Pull again from here; equal to `head` when nothing more is waiting. */
  cursor: number;
  head: number;
  lastDeskSeq: number | null;
  /** Only when the pull named the event it holds at `atSeq` (default `after`; atId): true when the hub's event there is another, or none. */
  wentBack?: boolean;
  refusals: { id: number; eventId: string; deskSeq: number; stream: string; entityId: string; reason: string; at: number }[];
}

const visibleSegments = (session: Session): Segment[] | 'all' =>
  session.user.role === 'supervisor' || session.user.role === 'admin' ? 'all' : session.user.segments.filter((s) => seesSegment(session.user, s));

/**
 * The desk machine version a pull states (DESK_VERSION_HEADER): none, or none that reads as a
 * version, is 1, which is what every desk before the header was (they send none).
 */
export function statedDeskVersion(header: string | string[] | undefined): number {
  const n = Number(Array.isArray(header) ? header[0] : header);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/**
 * A pull's answer, and how far the desk that asked holds the hub's log: the cursor it named
 * (`after`), which it moves only once it has applied what came before it. Not the cursor it is
 * answered (a promise the desk may fail to keep: the answer lost, its batch failing to apply, and
 * it names the same cursor again), nor atSeq (the last event it read, which for an agent limited to
 * some segments is before its cursor by events it never needs). Null when the cursor is past the
 * log's end or the log went back there (a refusals-only pull, a hub restored from a backup).
 */
export class PullAnswer extends RawJson {
  constructor(
    text: string,
    readonly readTo: number | null,
  ) {
    super(text);
  }
}

export async function pull(db: HubDb, session: Session, query: unknown, deskVersion = 1): Promise<PullAnswer> {
  const parsed = pullSchema.safeParse(query);
  if (!parsed.success) throw badRequest(`Not a valid pull: ${z.prettifyError(parsed.error)}`);
  const { after, limit, refusalsAfter, atId, atSeq = after } = parsed.data;
  // The head first: every event at or below a committed head is itself committed.
  const head = (await db.selectFrom('log_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq;
  // One lookup by the log's primary key (seq), only when the desk names the last event it read.
  // Its cursor past the head says the log went back on its own.
  const wentBack =
    atId === undefined ? undefined : after > head || (await db.selectFrom('events').select('id').where('seq', '=', atSeq).executeTakeFirst())?.id !== atId.toLowerCase();
  const segments = visibleSegments(session);
  let q = db
    .selectFrom('events')
    .select(['seq', 'stream', 'type', sql<string>`envelope::text`.as('envelope')])
    .where('seq', '>', after)
    .where('seq', '<=', head)
    .orderBy('seq')
    .limit(limit);
  if (segments !== 'all') q = q.where('segment', 'in', [...segments, EVERYONE]);
  const read = await q.execute();
  // A desk is sent nothing past the first event its version cannot read (deskVersion.ts): the
  // page ends before it, and its cursor with it, so the desk keeps all it can read and stops
  // there rather than failing to replay what it does not know.
  const readable = readablePrefix(read, deskVersion);
  if (readable === 0 && read.length > 0) {
    // 426 Upgrade Required: a 4xx, so a desk that predates this check (its engine throws a
    // HubAnswer for any 4xx other than 401/403) logs this sentence, drops nothing, keeps its
    // cursor and outbox, and tries again after its back-off; 401/403 would end its people's
    // sessions, and a 5xx or 429 is retried as "busy" without the sentence being logged.
    throw new HubError(426, 'desk_too_old', say('deskTooOld'), { needs: deskVersionNeeded(read[0]!) });
  }
  const rows = read.slice(0, readable);
  const cursor = rows.length < read.length ? rows[rows.length - 1]!.seq : rows.length === limit ? rows[rows.length - 1]!.seq : Math.max(head, after);
  let lastDeskSeq: number | null = null;
  let refusals: PullResult['refusals'] = [];
  if (session.deskId) {
    lastDeskSeq = (await db.selectFrom('desks').select('last_desk_seq').where('id', '=', session.deskId).executeTakeFirst())?.last_desk_seq ?? null;
    refusals = (
      await db
        .selectFrom('refusals')
        .select(['id', 'event_id', 'desk_seq', 'stream', 'ticket_id', 'reason', 'at'])
        .where('desk_id', '=', session.deskId)
        // Whose refusals a session hears (access.ts hearsRefusalOf): its person's own, and an
        // admin's also those refusalsGoToAdmins gives them: the desk's own accounts' (an import's,
        // a stand-in's: work an admin carried, addressed to no one the hub has an account for) and
        // those of people deactivated since (no session of theirs can read them): no active hub
        // account by that id. Any of them, whenever this person was made admin.
        .where((eb) =>
          answersForDeskWork(session.user)
            ? eb.or([
                eb('author_id', '=', session.user.id),
                eb.and([eb('author_id', '<>', SYSTEM_ACTOR.id), eb.not(eb.exists(eb.selectFrom('users').select('users.id').whereRef(sql`users.id::text`, '=', 'refusals.author_id').where('users.active', '=', true)))]),
              ])
            : eb('author_id', '=', session.user.id),
        )
        .where('id', '>', refusalsAfter)
        .orderBy('id')
        .limit(limit)
        .execute()
    ).map((r) => ({ id: r.id, eventId: r.event_id, deskSeq: r.desk_seq, stream: r.stream, entityId: r.ticket_id, reason: r.reason, at: r.at }));
  }
  // A PullResult, written as JSON with the stored envelopes passed through.
  return new PullAnswer(
    rawObject({
      events: `[${rows.map((r) => withGlobalSeq(r.envelope, r.seq)).join(',')}]`,
      cursor: JSON.stringify(cursor),
      head: JSON.stringify(head),
      lastDeskSeq: JSON.stringify(lastDeskSeq),
      ...(wentBack === undefined ? {} : { wentBack: JSON.stringify(wentBack) }),
      refusals: JSON.stringify(refusals),
    }),
    after <= head && wentBack !== true ? after : null,
  );
}

export const directorySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

/**
 * The 'user' stream after a cursor, for a desk that proves itself with its key (accounts.ts
 * authenticateDesk) while nobody there has a hub session: who was deactivated, whose role
 * changed. Everyone may read the stream (segment '*'), so a desk reads no more than any of its
 * people could. Answered as a pull is (events, cursor, head), with no refusals: those are a person's.
 */
export async function directory(db: HubDb, query: unknown): Promise<RawJson> {
  const parsed = directorySchema.safeParse(query);
  if (!parsed.success) throw badRequest(`Not a valid pull: ${z.prettifyError(parsed.error)}`);
  const { after, limit } = parsed.data;
  const head = (await db.selectFrom('log_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq;
  const rows = await db
    .selectFrom('events')
    .select(['seq', sql<string>`envelope::text`.as('envelope')])
    .where('stream', '=', USER_STREAM)
    .where('seq', '>', after)
    .where('seq', '<=', head)
    .orderBy('seq')
    .limit(limit)
    .execute();
  const cursor = rows.length === limit ? rows[rows.length - 1]!.seq : Math.max(head, after);
  return new RawJson(rawObject({ events: `[${rows.map((r) => withGlobalSeq(r.envelope, r.seq)).join(',')}]`, cursor: JSON.stringify(cursor), head: JSON.stringify(head) }));
}

export interface Snapshot {
  /** Every event up to this seq is in the snapshot; follow the log from here. */
  watermark: number;
  /** The tickets as the hub has them now (their log's fold). */
  tickets: TicketState[];
  /** The events the person may see up to the watermark, in global order: a desk's starting log. */
  events: Envelope[];
}

/**
 * A Snapshot, written as JSON with the stored states and envelopes passed through. Cut for the
 * desk's version as a pull is (deskVersion.ts): its events end before the first it cannot read,
 * and its watermark just before that event, so a desk of an older version joining loads what it
 * can and its first pull is the 426 that tells it to upgrade. (The tickets are the hub's fold to
 * the head; a desk starts from the events and reads them not.)
 */
export async function snapshot(db: HubDb, session: Session, deskVersion = 1): Promise<RawJson> {
  const segments = visibleSegments(session);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const watermark = (await tx.selectFrom('log_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq;
      let q = tx.selectFrom('tickets').select(sql<string>`state::text`.as('state')).orderBy('id');
      if (segments !== 'all') q = q.where('segment', 'in', segments.length > 0 ? segments : ['-']);
      let e = tx.selectFrom('events').select(['seq', 'stream', 'type', sql<string>`envelope::text`.as('envelope')]).where('seq', '<=', watermark).orderBy('seq');
      if (segments !== 'all') e = e.where('segment', 'in', [...segments, EVERYONE]);
      const tickets = (await q.execute()).map((r) => r.state);
      const read = await e.execute();
      const readable = readablePrefix(read, deskVersion);
      const upTo = readable < read.length ? read[readable]!.seq - 1 : watermark;
      const events = read.slice(0, readable).map((r) => withGlobalSeq(r.envelope, r.seq));
      return new RawJson(rawObject({ watermark: JSON.stringify(upTo), tickets: `[${tickets.join(',')}]`, events: `[${events.join(',')}]` }));
    });
}

/** Events by seq range, for the live fan-out of one commit: each as the JSON text a desk receives. */
export async function eventsBetween(db: HubDb, first: number, last: number): Promise<{ segment: string; json: string; needs: number }[]> {
  const rows = await db.selectFrom('events').select(['seq', 'segment', 'stream', 'type', sql<string>`envelope::text`.as('envelope')]).where('seq', '>=', first).where('seq', '<=', last).orderBy('seq').execute();
  return rows.map((r) => ({ segment: r.segment, json: withGlobalSeq(r.envelope, r.seq), needs: deskVersionNeeded(r) }));
}
