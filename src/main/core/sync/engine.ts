import WebSocket from 'ws';
import { deskReportHeaders, type DeskReport } from '../../../shared/deskReport';
import { sql } from 'kysely';
import { z } from 'zod';
import { maySendWorkOf } from '../../../shared/access';
import { say } from '../../../shared/messageKeys';
import { USER_STREAM } from '../../../shared/userStream';
import { DESK_MACHINE_VERSION, DESK_VERSION_HEADER, outboxEnvelopeSchema, type OutboxEnvelope } from '../../../shared/ticketLog';
import type { Sql } from '../db/exec';
import { describeFetchError, endedBecause, type HubLink } from '../hubLink';
import type { BatchNews, SyncApplier } from './apply';
import { forgetHubRestored, keepHubRestored } from './hubRestoredNotice';
import { eventAtCursor, keepEventAtCursor } from './cursorEvent';
import { DESK_EPOCH_HEADER } from '../../../shared/deskReport';
import { deskNameOf } from '../deskName';
import { HUB_EPOCH_KEY } from '../deskPlace';
import { isDeskAccountSql } from './deskAccounts';

// The desk's sync engine: one loop that follows the hub while the desk is joined to one.
//
// A cycle: start from the hub's snapshot once (a new desk), then pull what came after the
// cursor and apply it batch by batch (apply.ts: one transaction per batch, then the rebase),
// then push the outbox in desk order, each person's events with that person's hub session,
// and pull again when anything was pushed. Cycles never overlap; a change made here, news on
// the live socket, or a timer asks for the next. When the hub cannot be reached the desk is
// offline and tries again with growing pauses; nothing waiting is dropped. Online means the
// hub answers: when only its live socket is refused (a proxy that drops WebSocket upgrades),
// the desk stays online, asks for news every few seconds, and tries the socket again after
// growing pauses.
//
// A person whose hub session has ended (it expired while they worked offline, or it was
// revoked) cannot have their changes sent: those changes, and any later change to the same
// ticket or record, stay pending with that reason until they sign in again; everyone
// else's go out meanwhile.

const PULL_LIMIT = 5000;
/** Events a desk sends in one push at most (its outbox drains in pushes of this size). */
export const PUSH_LIMIT = 500;
const SNAPSHOT_CHUNK = 5000;
/**
 * How long a change of a stream other than tickets that the hub accepted is kept to be sent again
 * (sent_events) should the hub be restored from a backup older than it: 30 days. A ticket's steps
 * are kept for good in its log; these would otherwise grow without bound.
 */
export const SENT_KEPT_MS = 30 * 24 * 60 * 60 * 1000;
/** After the hub answered that it is overloaded or failing (5xx, 429): back off. */
const BACKOFF_MS = [500, 1000, 2000, 5000, 10_000, 30_000];
/**
 * After the hub could not be reached at all (refused, reset, no route): look again soon. A
 * failed connection costs the hub nothing, and the desk is back in touch within about this
 * long of the hub starting again (or the network returning).
 */
const UNREACHABLE_RETRY_MS = 250;
/**
 * The hub answers but its live socket does not open (a proxy in front of it that drops
 * WebSocket upgrades, or the socket keeps dropping): the desk stays online, follows the hub by
 * pulling this often, and tries the socket again after these pauses.
 */
const POLL_WITHOUT_LIVE_MS = 5000;
const LIVE_RETRY_MS = [1000, 2000, 5000, 10_000, 30_000, 60_000];
/** A socket open at least this long that closes is a socket lost (opened again at once), not one refused. */
const LIVE_LASTED_MS = 10_000;

const refusalSchema = z.object({ id: z.number(), eventId: z.string(), reason: z.string(), at: z.number() });
const pullAnswer = z.object({ events: z.array(outboxEnvelopeSchema), cursor: z.number(), head: z.number(), refusals: z.array(refusalSchema), wentBack: z.boolean().optional() });
const directoryAnswer = z.object({ events: z.array(outboxEnvelopeSchema), cursor: z.number(), head: z.number() });
const snapshotAnswer = z.object({ watermark: z.number(), events: z.array(outboxEnvelopeSchema) });
const pushAnswer = z.object({
  lastDeskSeq: z.number(),
  results: z.array(z.object({ id: z.string(), status: z.enum(['accepted', 'refused', 'duplicate', 'stale']), globalSeq: z.number().optional(), reason: z.string().optional() })),
});
/** News on the live socket: one commit's range of the hub's log, and the events of it this person may see. */
const liveEvents = z.object({ type: z.literal('events'), first: z.number().int(), last: z.number().int(), events: z.array(outboxEnvelopeSchema) });
const hubError = z.object({ error: z.object({ code: z.string(), message: z.string(), lastDeskSeq: z.number().optional(), epoch: z.number().int().min(0).optional() }) });

class HubDown extends Error {
  constructor(
    message: string,
    /** unreachable: no answer at all; busy: the hub answered that it cannot serve now; unjoined: no hub to ask. */
    readonly kind: 'unreachable' | 'busy' | 'unjoined' = 'unreachable',
  ) {
    super(message);
  }
}
class HubAnswer extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

export interface SyncEngineOptions {
  db: Sql;
  hub: HubLink;
  applier: SyncApplier;
  now: () => number;
  /** After each committed batch (and after a push settled something): tell the UI. */
  onNews: (news: BatchNews) => void;
  /** The sync state may have changed (online, pending, cursor). */
  onStatus: () => void;
  fetch?: typeof fetch;
  /** Follow the hub's live socket (off in tests that drive cycles by hand). */
  live?: boolean;
  /** Look again this often even without news (ms). */
  pollMs?: number;
  log?: (message: string) => void;
  /** The machine version this desk states to the hub (tests: a desk older or newer than this build). */
  deskVersion?: number;
  /** How far this desk's clock is ahead of the hub's as last measured (null: not yet), told to the hub on each call. */
  clockSkewMs?: () => number | null;
  /**
   * The hub refused a push because another desk sends under this desk's id (its data folder was
   * copied): the desk takes an identity of its own (deskPlace.ts rekeyDesk) and its people sign in again.
   */
  onCopied?: (message: string) => void;
}

export function syncEngine(options: SyncEngineOptions) {
  const { db, hub, applier, now } = options;
  const k = db.kysely;
  const doFetch = options.fetch ?? fetch;
  const log = options.log ?? ((m: string) => console.warn(m));
  let online = false;
  /**
   * No one at this desk has a hub session (each ended, or was revoked by the hub): the desk
   * is offline not because the hub cannot be reached, but because nothing can go or come
   * until someone signs in again.
   */
  let noSession = false;
  let stopped = true;
  let running: Promise<void> | null = null;
  let again = false;
  let failures = 0;
  /** The last reason the hub could not be reached that was logged (null once it answers again). */
  let saidDown: string | null = null;
  /** Whether the last failure found no hub at all (retried soon) rather than a busy one (backed off). */
  let unreachable = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let socket: WebSocket | null = null;
  let socketToken: string | null = null;
  /** Live sockets in a row that were refused or soon lost; while its retry waits, the desk polls. */
  let liveFailures = 0;
  let liveTimer: ReturnType<typeof setTimeout> | null = null;
  /** Why the last live socket did not open (null once one opens). */
  let liveRefused: string | null = null;
  /** Whether the log has said the live socket is refused (once, until one opens). */
  let saidLiveDown = false;
  /** Why some changes are not being sent, by person. */
  const held = new Map<string, string>();
  /** Of those, people the hub deactivated (maySendWorkOf): an admin hears what it refused of theirs (sweepGone). */
  const heldGone = new Set<string>();
  let problem: string | null = null;
  /**
   * The hub's log holds an event this desk's version cannot read (426 on a pull): the desk has
   * everything before it, goes on sending its own changes, and says it must be upgraded.
   */
  let tooOld = false;
  /** The hub refused a pull naming the event at the cursor (a hub before atId): not named again until the desk restarts. */
  let atIdRefused = false;
  /** The hub refused a pull naming where that event is (a hub before atSeq, stop 53-54): named only when it is at the cursor, until the desk restarts. */
  let atSeqRefused = false;
  const deskVersion = options.deskVersion ?? DESK_MACHINE_VERSION;

  const epochOf = () => Number(db.get(k.selectFrom('meta').select('value').where('key', '=', HUB_EPOCH_KEY))?.value ?? 0) || 0;
  const setEpoch = (epoch: number) => db.run(k.insertInto('meta').values({ key: HUB_EPOCH_KEY, value: String(epoch) }).onConflict((c) => c.column('key').doUpdateSet({ value: String(epoch) })));
  const outboxCount = () => Number(db.get(k.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0);
  const report = (): DeskReport => ({ skewMs: options.clockSkewMs?.() ?? null, outbox: outboxCount(), name: deskNameOf(db) });
  const state = () => db.get(k.selectFrom('sync_state').selectAll().where('id', '=', 1))!;
  const setState = (patch: Partial<{ cursor: number; hub_desk_seq: number; last_synced_at: number; bootstrapped: number }>) =>
    db.run(k.updateTable('sync_state').set(patch).where('id', '=', 1));
  /**
   * The last of the hub's refusals this desk read for a person (migration 0039). The hub answers a
   * pull with the refusals of the person whose session makes it (and, an admin's, of the desk's own
   * accounts: access.ts answersForDeskWork), so each person has their own: one for the whole desk
   * moved past someone's refusal whose push's answer was lost, read with another's session.
   */
  const refusalsAfter = (userId: string): number => db.get(k.selectFrom('hub_accounts').select('refusals_after').where('user_id', '=', userId))?.refusals_after ?? 0;
  const readRefusals = (userId: string, last: number) =>
    db.run(k.updateTable('hub_accounts').set({ refusals_after: last }).where('user_id', '=', userId).where('refusals_after', '<', last));
  const setOnline = (value: boolean, sessionless = false) => {
    if (online === value && noSession === sessionless) return;
    online = value;
    noSession = sessionless;
    options.onStatus();
  };

  /** A call to the hub with a person's hub session (its token), or as the desk itself (its id and key: the directory only). */
  async function request(method: 'GET' | 'POST', path: string, token: string | 'desk', body?: unknown): Promise<unknown> {
    const link = hub.linkInfo();
    if (!link) throw new HubDown('not joined', 'unjoined');
    const authorization = token === 'desk' ? `Desk ${link.desk_id} ${link.desk_key}` : `Bearer ${token}`;
    const send = () =>
      doFetch(`${link.url}${path}`, {
        method,
        // The desk's machine version on every call: the hub sends a pull nothing past what this desk can read (deskVersion.ts).
        // With its clock's skew, its outbox's count and its name, for the hub's Desks page (deskReport.ts).
        // And the hub's epoch of its count of pushes, which tells a second writer under this id from a desk restored from a backup (src/hub/sync.ts).
        headers: { authorization, [DESK_VERSION_HEADER]: String(deskVersion), [DESK_EPOCH_HEADER]: String(epochOf()), ...deskReportHeaders(report()), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    let res: Response;
    try {
      // Once more on a failure of the connection itself: a kept-alive socket the hub closed
      // while this desk was applying a batch. Pull and push are both safe to repeat.
      res = await send().catch(() => send());
    } catch (error) {
      throw new HubDown(describeFetchError(error));
    }
    const answer: unknown = await res.json().catch(() => null);
    if (res.status >= 500 || res.status === 429) throw new HubDown(`the hub answered ${res.status}`, 'busy');
    if (!res.ok) throw new HubAnswer(res.status, hubError.safeParse(answer).data?.error.message ?? `The hub answered ${res.status}.`, answer);
    return answer;
  }

  const tell = (news: BatchNews) => {
    if (news.tickets.length > 0 || news.conflicts > 0 || news.customers.length > 0) options.onNews(news);
  };

  async function bootstrap(token: string): Promise<void> {
    const snap = snapshotAnswer.parse(await request('GET', '/sync/snapshot', token));
    for (let i = 0; i < snap.events.length; i += SNAPSHOT_CHUNK) {
      const chunk = snap.events.slice(i, i + SNAPSHOT_CHUNK);
      tell(applier.applyBatch(chunk, [], chunk.at(-1)?.globalSeq ?? 0));
    }
    db.write(() => {
      db.run(k.updateTable('sync_state').set({ cursor: snap.watermark }).where('id', '=', 1).where('cursor', '<', snap.watermark));
      setState({ bootstrapped: 1, last_synced_at: now() });
    });
  }

  async function pullAll(session: { userId: string; token: string }): Promise<void> {
    try {
      await pullPages(session);
      tooOld = false;
    } catch (error) {
      if (!(error instanceof HubAnswer && error.status === 426)) throw error;
      if (!tooOld) log(`tagdesk: ${error.message}`);
      tooOld = true;
    }
  }

  async function pullPages({ userId, token }: { userId: string; token: string }): Promise<void> {
    const page = (after: number, refusalsAfter: number, at: { seq: number; id: string } | null = null) =>
      request('GET', `/sync/pull?after=${after}&limit=${PULL_LIMIT}&refusalsAfter=${refusalsAfter}${at ? `&atId=${at.id}${at.seq === after ? '' : `&atSeq=${at.seq}`}` : ''}`, token);
    let s = { cursor: state().cursor, refusals_after: refusalsAfter(userId) };
    // The first page names the last event this desk read, if it knows it (cursorEvent.ts): where it
    // is only when that is before the cursor (a hub before atSeq knows atId alone).
    const last = atIdRefused ? null : eventAtCursor(db, s.cursor);
    const at = last && atSeqRefused && last.seq !== s.cursor ? null : last;
    let answer = pullAnswer.parse(
      await page(s.cursor, s.refusals_after, at).catch((error: unknown) => {
        // A hub before atId (or atSeq) refuses a pull with a parameter it does not know: pull as before.
        if (!at || !(error instanceof HubAnswer && error.status === 400)) throw error;
        if (at.seq === s.cursor) atIdRefused = true;
        else atSeqRefused = true;
        return page(s.cursor, s.refusals_after);
      }),
    );
    /** After the hub went back: the changes of this desk's queued to go again, and the ids the log read again brings. */
    let reread: { lost: OutboxEnvelope[]; ids: Set<string> } | null = null;
    if (answer.head < s.cursor || answer.wentBack === true) {
      // The hub's log ends before what this desk has read of it, or has another event where this
      // desk's cursor is: its database went back (restored from an older backup), and what desks
      // sent since may have passed the cursor again. Following the old cursor, this desk would skip
      // every change the hub numbered up to it, without a word, and take in none of them.
      reread = { lost: await hubWentBack(token, answer.head, s.cursor), ids: new Set() };
      s = { cursor: state().cursor, refusals_after: refusalsAfter(userId) };
      answer = pullAnswer.parse(await page(s.cursor, s.refusals_after));
    }
    for (;;) {
      let next: Promise<unknown> | null = null;
      const lastRefusal = answer.refusals.at(-1)?.id;
      const more = answer.cursor < answer.head || answer.refusals.length >= PULL_LIMIT;
      // The hub reads the next page while this desk applies this one.
      if (more) {
        next = page(answer.cursor, lastRefusal ?? refusalsAfter(userId));
        next.catch(() => undefined); // awaited on the next turn; not unhandled if this batch fails first
      }
      tell(applier.applyBatch(answer.events, answer.refusals, answer.cursor));
      // This desk's own, come back (the push's answer was lost on the way, or read again).
      const deskId = hub.linkInfo()?.desk_id;
      keepSent(answer.events.flatMap((e) => (e.deskId === deskId && e.stream !== 'ticket' && e.globalSeq !== null ? [{ e, globalSeq: e.globalSeq }] : [])));
      if (reread) for (const e of answer.events) reread.ids.add(e.id);
      db.write(() => {
        setState({ last_synced_at: now() });
        if (lastRefusal) readRefusals(userId, lastRefusal);
      });
      if (!next) break;
      answer = pullAnswer.parse(await next);
    }
    if (reread) cameBack(reread.lost.filter((e) => reread.ids.has(e.id)));
  }

  /**
   * Changes of this desk's queued to go again after the hub went back that the log read again
   * brought all the same (the point where the desk and the hub agree is looked for among ticket
   * events, by doubling steps: what came after it may be on the hub still): not lost, not sent
   * again, not counted in the notice.
   */
  function cameBack(back: readonly OutboxEnvelope[]): void {
    if (back.length === 0) return;
    const by: Record<string, number> = {};
    for (const e of back) by[e.actor.id] = (by[e.actor.id] ?? 0) + 1;
    db.write(() => {
      for (let i = 0; i < back.length; i += 500) {
        const ids = back.slice(i, i + 500).map((e) => e.id);
        db.run(k.deleteFrom('hub_resends').where('event_id', 'in', ids));
        db.run(k.deleteFrom('outbox').where('event_id', 'in', ids));
      }
      forgetHubRestored(db, by);
    });
    log(`tagdesk: ${back.length} of them the hub still had: not sent again.`);
    options.onStatus();
  }

  /**
   * The hub's log ends at `head`, before `cursor`, what this desk had read, or it has another
   * event at `cursor` than the one this desk read there (wentBack): its database was
   * restored from an older backup, and what it numbered after that backup is gone from it while
   * what desks sent since may already carry those numbers again. The desk follows the log again
   * from the last event it holds that the hub still has at the same place (a restored log is a
   * prefix of the old one: agreeing there, it agrees everywhere before), found by asking the hub
   * for the event at the desk's 1st, 2nd, 4th, 8th... newest; what it re-reads that it knows
   * already is known by id. Refusals are read again from the start (those dealt with are known
   * by event id).
   *
   * What the hub numbered after that point is no longer accepted here: every ticket event the
   * desk holds with such a number is unconfirmed (global seq null), and the changes made at this
   * desk among them, of every stream (ticket events from the ticket's log, the others from
   * sent_events), go back to the front of the outbox in the hub's old order, with their ids, to
   * be sent again: the hub judges them as any push and numbers them anew. One the hub has again
   * (re-read, or sent again by its desk) is confirmed under its new number when it comes; one of
   * this desk's that no longer applies on what the hub has now becomes a conflict for its author
   * (the rebase, or the hub's refusal). The desk says so, with how many of its changes the hub
   * had lost; the notice counts them out as they go (hubRestoredNotice.ts).
   *
   * The search looks only at ticket events (those a desk holds by number, the most of them), and
   * is right all the same: any event of any stream that the hub has at the same number shows the
   * logs agree up to it, and the newest ticket event that agrees is at or before the newest event
   * of any stream that does. Where customers' records, ratings or settings came after it, the
   * desk reads from a little earlier than it could, and sends again of its own a little more than
   * it must: what the hub still has the re-read brings back, and it is not sent (cameBack). A desk holding no ticket event reads from the start. What is read again per
   * stream (stop 55): ratings go by their event's id, not its number (kb_ratings.ev), and users'
   * events are the hub's own, never sent again, so neither changes order; settings changes do, and
   * are forgotten past that point to be read again in the hub's new order (below); customers'
   * records are known by event id and not applied again (a field two desks changed, both changes
   * lost and sent again in the other order, keeps the old winner on a desk that had read both).
   */
  async function hubWentBack(token: string, head: number, cursor: number): Promise<OutboxEnvelope[]> {
    const deskId = hub.linkInfo()?.desk_id ?? '';
    const scan = sql`/* scan: once, when the hub's log went back behind this desk (hubWentBack) */`;
    let from = 0;
    let agreed: string | null = null;
    for (let nth = 0; ; nth = nth * 2 + 1) {
      const mine = db.get(k.selectFrom('ticket_events').select(['id', 'global_seq']).where('global_seq', '>', 0).where('global_seq', '<=', head).orderBy('global_seq', 'desc').limit(1).offset(nth).modifyEnd(scan));
      if (!mine || mine.global_seq === null) break;
      const at = pullAnswer.parse(await request('GET', `/sync/pull?after=${mine.global_seq - 1}&limit=1&refusalsAfter=${Number.MAX_SAFE_INTEGER}`, token)).events[0];
      if (at?.id === mine.id && at.globalSeq === mine.global_seq) {
        from = mine.global_seq;
        agreed = mine.id;
        break;
      }
    }
    const lost = lostHere(deskId, from);
    // What the hub had accepted of this desk's and lost, by author: each is told of their own.
    const lostBy: Record<string, number> = {};
    for (const e of lost) lostBy[e.actor.id] = (lostBy[e.actor.id] ?? 0) + 1;
    db.write(() => {
      db.run(k.updateTable('sync_state').set({ rebasing: 1 }).where('id', '=', 1));
      db.run(k.updateTable('ticket_events').set({ global_seq: null }).where('global_seq', '>', from).modifyEnd(scan));
      // Settings changes known here under a number past that point, this desk's and others': forgotten,
      // to be read again in the hub's order now. Their desks send again what the hub lost (this
      // one, its own: below), which it numbers anew, maybe in another order; a field a change of a
      // later number holds is not set by an earlier one (settingsSync.ts heldFields), and with the
      // old numbers (or its own pending again, holding its fields) this desk would keep another
      // change of a field than the hub's last, while a desk new to the hub has the last. Read
      // again, each is applied in the hub's order, as on every desk. Meanwhile a field keeps what
      // it has here; one of its own the hub refuses is undone as any refused change.
      db.sqlite.prepare('DELETE FROM settings_events WHERE global_seq > ?').run(from);
      // Events of streams this desk's version does not know, kept by their number until it does:
      // the hub's event at one of those numbers now is another (kept only once per number).
      db.run(k.deleteFrom('sync_inbox').where('global_seq', '>', from));
      db.run(k.deleteFrom('sent_events').where('global_seq', '>', from));
      // Before whatever waits in the outbox already (made after them, it may build on them).
      const first = Number(db.get(k.selectFrom('outbox').select((eb) => eb.fn.min<number>('desk_seq').as('n')))?.n ?? 1);
      lost.forEach((e, i) => {
        db.run(k.insertInto('outbox').values({ desk_seq: first - lost.length + i, event_id: e.id, stream: e.stream, body: JSON.stringify(e) }));
        db.run(k.insertInto('hub_resends').values({ event_id: e.id, actor_id: e.actor.id }).onConflict((c) => c.column('event_id').doNothing()));
      });
      db.run(k.updateTable('sync_state').set({ rebasing: 0 }).where('id', '=', 1));
      setState({ cursor: from });
      db.run(k.updateTable('hub_accounts').set({ refusals_after: 0 }));
      keepEventAtCursor(db, from, agreed);
      if (directoryCursor() > from) setDirectoryCursor(from);
      keepHubRestored(db, now(), lostBy);
    });
    const why = head < cursor ? `the hub's log ends at ${head}, before the ${cursor} this desk had read from it` : `the hub has another event than the last one this desk read from it (up to ${cursor})`;
    log(`tagdesk: ${why} (was its database restored from an older backup?); reading it again from ${from}. ${lost.length} change(s) made here that the hub had accepted after that may not be on it now: sending those it does not have again.`);
    options.onStatus();
    return lost;
  }

  /**
   * The changes made at this desk that the hub numbered after `from`, of every stream, as they
   * were sent, in the hub's old order: ticket events from their tickets' logs (a creation asks
   * for the number the ticket has here now), the others from sent_events.
   */
  function lostHere(deskId: string, from: number): OutboxEnvelope[] {
    const scan = sql`/* scan: once, when the hub's log went back behind this desk (hubWentBack) */`;
    const tickets = db.all(
      k
        .selectFrom('ticket_events as e')
        .innerJoin('event_actors as a', 'a.ref', 'e.actor_ref')
        .innerJoin('tickets as t', 't.id', 'e.ticket_id')
        .select(['e.id', 'e.ticket_id', 'e.seq', 'e.type', 'e.actor_id', 'a.body as actor', 'e.at', 'e.payload', 'e.payload_version', 'e.global_seq', 't.number'])
        .where('e.desk_id', '=', deskId)
        .where('e.global_seq', '>', from)
        .modifyEnd(scan),
    );
    const kept: { at: number; e: OutboxEnvelope }[] = tickets.map((r) => {
      const payload = JSON.parse(r.payload) as Record<string, unknown>;
      return {
        at: r.global_seq ?? 0,
        e: {
          id: r.id,
          stream: 'ticket',
          entityId: r.ticket_id,
          seq: r.seq,
          type: r.type,
          payloadVersion: r.payload_version,
          payload: r.type === 'CREATED' ? { ...payload, number: r.number } : payload,
          actor: { id: r.actor_id, ...(JSON.parse(r.actor) as Omit<OutboxEnvelope['actor'], 'id'>) },
          deskId,
          deskTime: r.at,
          globalSeq: null,
        },
      };
    });
    for (const r of db.all(k.selectFrom('sent_events').select(['global_seq', 'body']).where('global_seq', '>', from))) {
      const e = outboxEnvelopeSchema.safeParse(JSON.parse(r.body));
      if (e.success) kept.push({ at: r.global_seq, e: { ...e.data, globalSeq: null } });
    }
    return kept.sort((a, b) => a.at - b.at).map((x) => x.e);
  }

  /**
   * Changes of streams other than tickets made here that the hub accepted: kept as sent, with the
   * hub's number (sent_events), in case it loses them, for SENT_KEPT_MS after the hub accepted
   * them; older ones are forgotten here (a hub restored from a backup older than that does not get
   * them again; README, "A hub restored from a backup").
   */
  function keepSent(sent: ReadonlyArray<{ e: OutboxEnvelope; globalSeq: number }>): void {
    const others = sent.filter((x) => x.e.stream !== 'ticket');
    if (others.length === 0) return;
    const at = now();
    db.write(() => {
      for (const { e, globalSeq } of others) {
        db.run(
          k
            .insertInto('sent_events')
            .values({ event_id: e.id, global_seq: globalSeq, stream: e.stream, actor_id: e.actor.id, body: JSON.stringify({ ...e, globalSeq: null }), sent_at: at })
            .onConflict((c) => c.column('event_id').doUpdateSet({ global_seq: globalSeq })),
        );
      }
      db.run(k.deleteFrom('sent_events').where('sent_at', '<', at - SENT_KEPT_MS));
    });
  }

  /**
   * The outbox rows that can go now, grouped into pushes by whose session carries them: up to
   * PUSH_LIMIT of them, read in desk order past any number held back (a person without a hub
   * session holds their own changes and later ones to the same records, nobody else's).
   */
  function sendable(): { token: string; userId: string; events: OutboxEnvelope[] }[] {
    const blocked = new Set<string>();
    const groups: { token: string; userId: string; events: OutboxEnvelope[] }[] = [];
    const tokens = new Map<string, string | null>();
    const refusals = new Map<string, string | null>();
    held.clear();
    heldGone.clear();
    /** The admin whose hub session carries the desk's own accounts' work (false: none signed in). */
    let carrier: { userId: string; token: string } | false | undefined;
    let taken = 0;
    let after = Number.MIN_SAFE_INTEGER; // changes sent again after the hub went back come first, below 1 (hubWentBack)
    for (;;) {
      const rows = db.all(k.selectFrom('outbox').select(['desk_seq', 'body']).where('desk_seq', '>', after).orderBy('desk_seq').limit(PUSH_LIMIT));
      for (const row of rows) {
        after = row.desk_seq;
        const e = outboxEnvelopeSchema.parse(JSON.parse(row.body));
        const entity = `${e.stream}/${e.entityId}`;
        if (blocked.has(entity)) continue;
        const system = e.actor.role === 'system';
        let userId = e.actor.id;
        let token: string | null;
        if (system) {
          // The scheduler's events ride with whoever's session is at hand.
          const last = groups.at(-1);
          const any = last ? { userId: last.userId, token: last.token } : hub.latestSession();
          token = any?.token ?? null;
          userId = any?.userId ?? userId;
        } else if (deskAccount(userId)) {
          // Made under one of this desk's own accounts (its first stand-ins before it joined, its
          // imports): the hub has no account for them, so an admin's session carries it (mayCarryDeskWork).
          carrier ??= adminSession() ?? false;
          if (!carrier) {
            blocked.add(entity);
            held.set('desk accounts', say('deskWorkNeedsAdmin'));
            continue;
          }
          token = carrier.token;
          userId = carrier.userId;
        } else {
          // Deactivated at the hub (the desk heard so): held here, whatever session is kept.
          if (!refusals.has(userId)) refusals.set(userId, refusalOf(userId));
          const refusal = refusals.get(userId) ?? null;
          if (refusal) {
            blocked.add(entity);
            held.set(userId, refusal);
            heldGone.add(userId);
            continue;
          }
          sweptGone.delete(userId); // active again: if deactivated once more, read again
          if (!tokens.has(userId)) tokens.set(userId, hub.sessionToken(userId));
          token = tokens.get(userId) ?? null;
        }
        if (!token) {
          blocked.add(entity);
          if (!system) held.set(e.actor.id, say('waitsForSignIn', { name: nameOf(e.actor.id) }));
          continue;
        }
        const last = groups.at(-1);
        if (last && last.token === token) last.events.push(e);
        else groups.push({ token, userId, events: [e] });
        if (++taken >= PUSH_LIMIT) return groups;
      }
      if (rows.length < PUSH_LIMIT) return groups;
    }
  }
  /**
   * Whether an author is one of this desk's own accounts, which the hub has none for: a stand-in
   * an empty desk was set up with, or an import's account (both `…@tagdesk.local`), never
   * signed in through the hub nor heard of from it.
   */
  const deskAccounts = new Map<string, boolean>();
  const deskAccount = (userId: string): boolean => {
    let own = deskAccounts.get(userId);
    if (own === undefined) {
      own = db.sqlite
        .prepare<[string], number>(`SELECT ${isDeskAccountSql('?')}`)
        .pluck()
        .get(userId) === 1;
      deskAccounts.set(userId, own);
    }
    return own;
  };
  /** The latest current hub session of an active admin at this desk. */
  const adminSession = (): { userId: string; token: string } | null => {
    const a = db.get(
      k.selectFrom('hub_accounts').innerJoin('users', 'users.id', 'hub_accounts.user_id').select(['hub_accounts.user_id as userId', 'hub_accounts.token as token'])
        .where('users.role', '=', 'admin').where('users.active', '=', 1).where('hub_accounts.token', 'is not', null).where('hub_accounts.token_expires_at', '>', now())
        .orderBy('hub_accounts.signed_in_at', 'desc').limit(1),
    );
    return a?.token ? { userId: a.userId, token: a.token } : null;
  };
  const nameOf = (userId: string) => db.get(k.selectFrom('users').select('name').where('id', '=', userId))?.name ?? 'someone';
  /** Why this person's changes may not go (access.ts maySendWorkOf), as this desk knows them; someone it does not know is not held here. */
  const refusalOf = (userId: string): string | null => {
    const row = db.get(k.selectFrom('users').select(['name', 'active']).where('id', '=', userId));
    return row ? maySendWorkOf({ name: row.name, active: row.active === 1 }) : null;
  };

  /**
   * Pushes what can go. 'moved': the hub took or settled something; 'behind': some of it was
   * made on an older step of its ticket (pull, rebase, push again); 'none': nothing moved.
   */
  async function pushAll(): Promise<'none' | 'moved' | 'behind'> {
    const link = hub.linkInfo();
    if (!link) return 'none';
    let moved = false;
    const done = () => (moved ? 'moved' : 'none');
    for (let round = 0; round < 20; round++) {
      const groups = sendable();
      if (await sweepGone()) continue; // what it told is gone from the outbox: read it again
      if (groups.length === 0) return done();
      for (const group of groups) {
        const base = state().hub_desk_seq;
        let answer: z.infer<typeof pushAnswer>;
        try {
          // Each under the desk's id as it is now: made before a re-key (deskPlace.ts), it goes under the new one.
          answer = pushAnswer.parse(await request('POST', '/sync/push', group.token, { deskId: link.desk_id, events: group.events.map((event, i) => ({ deskSeq: base + 1 + i, event: { ...event, deskId: link.desk_id } })) }));
        } catch (error) {
          if (!(error instanceof HubAnswer)) throw error;
          const said = hubError.safeParse(error.body).data?.error;
          const lastDeskSeq = said?.lastDeskSeq;
          if (error.status === 409 && said?.code === 'desk_copied' && options.onCopied) {
            // Another desk sends under this id: this one takes its own, and its people sign in again.
            log(`tagdesk: the hub refused a push: ${error.message}`);
            closeLive();
            options.onCopied(error.message);
            // Another cycle at once: it finds no hub session here now, and says so.
            again = true;
            return done();
          }
          if (error.status === 409 && lastDeskSeq !== undefined) {
            // The hub processed more of this desk than it remembered (an answer lost on the way, a
            // restore from a backup): start after it, in the hub's epoch of the count.
            db.write(() => {
              setState({ hub_desk_seq: lastDeskSeq });
              if (said?.epoch !== undefined) setEpoch(said.epoch);
            });
            break;
          }
          if (error.status === 401 || error.status === 403) {
            // The session ended, or was opened under another desk id (a desk joined before
            // migration 0011): this person's changes wait until they sign in here again.
            log(`tagdesk: the hub refused ${nameOf(group.userId)}'s session: ${error.message}`);
            hub.sessionEnded(group.userId, endedBecause(error.body));
            break;
          }
          problem = error.message;
          log(`tagdesk: the hub refused a push: ${error.message}`);
          return done();
        }
        problem = null;
        setState({ hub_desk_seq: answer.lastDeskSeq });
        const accepted = answer.results.filter((r) => r.status === 'accepted' && r.globalSeq !== undefined).map((r) => ({ id: r.id, globalSeq: r.globalSeq! }));
        applier.confirm(accepted);
        const sent = new Map(group.events.map((e) => [e.id, e]));
        keepSent(accepted.flatMap((a) => (sent.has(a.id) ? [{ e: sent.get(a.id)!, globalSeq: a.globalSeq }] : [])));
        const duplicates = answer.results.filter((r) => r.status === 'duplicate').map((r) => r.id);
        if (duplicates.length > 0) {
          // The hub had them: the answer to an earlier push of theirs was lost on the way (the desk
          // closed, the network cut). What it refused of that push is told only to the person whose
          // session carried it, and only while the change still waits here: read now, with their
          // session, before the duplicates leave the outbox (the pulls may be made with another's).
          // Not for the scheduler's alone (another desk's identical SLA event): nobody is told of those.
          // Of the desk's own accounts' work, carried by an admin's session: read from the start, as
          // this admin's refusals cursor may have gone past that refusal while they were not admin
          // (appointed since: their reads as an agent did not bring the desk accounts' refusals).
          const dup = new Set(duplicates);
          try {
            const told = group.events.filter((e) => dup.has(e.id) && e.actor.role !== 'system');
            if (told.length > 0) await refusalsOf(group, told.some((e) => e.actor.id !== group.userId) ? 0 : undefined);
          } catch (error) {
            if (!(error instanceof HubAnswer && (error.status === 401 || error.status === 403))) throw error;
            log(`tagdesk: the hub refused ${nameOf(group.userId)}'s session: ${error.message}`);
            hub.sessionEnded(group.userId, endedBecause(error.body));
            break;
          }
          dropDuplicates(duplicates);
        }
        const refused = answer.results.filter((r) => r.status === 'refused').map((r) => ({ eventId: r.id, reason: r.reason ?? say('hubRefusedChange'), at: now() }));
        if (refused.length > 0) tell(applier.applyBatch([], refused, state().cursor));
        moved = true;
        // Made on an older step of their ticket: they stay in the outbox until the pull brings
        // the newer steps and the rebase puts them after those; sending more now would only
        // meet the same answer.
        if (answer.results.some((r) => r.status === 'stale')) return 'behind';
      }
    }
    return done();
  }
  /**
   * The hub's refusals for a person at this desk that the desk has not read (or all of them, from
   * `from` = 0), with their session: a pull of no events (past any log's end), refusals only,
   * which every hub answers. Those read again are known by event id (their changes are no longer
   * in the outbox), and the person's cursor never goes back.
   */
  async function refusalsOf({ userId, token }: { userId: string; token: string }, from = refusalsAfter(userId)): Promise<void> {
    for (let after = from; ; ) {
      const answer = pullAnswer.parse(await request('GET', `/sync/pull?after=${Number.MAX_SAFE_INTEGER}&limit=${PULL_LIMIT}&refusalsAfter=${after}`, token));
      const last = answer.refusals.at(-1)?.id;
      if (last === undefined) return;
      tell(applier.applyBatch([], answer.refusals, state().cursor));
      readRefusals(userId, last);
      if (answer.refusals.length < PULL_LIMIT || last <= after) return;
      after = last;
    }
  }

  /**
   * People the hub deactivated whose changes are held here (maySendWorkOf), whose refusals an
   * admin's session has read in full since this desk held them (this run of the desk).
   */
  const sweptGone = new Set<string>();
  /**
   * A change of someone the hub has deactivated since may have been refused already, its push's
   * answer lost on the way: it is held here and never goes again, and no session of theirs can
   * read the refusal. The hub tells it to an admin's session instead (access.ts refusalsGoToAdmins),
   * maybe behind where that admin's cursor is: read it with the latest admin's session, from the
   * start, once for each such person while their changes are held. True when it read.
   */
  async function sweepGone(): Promise<boolean> {
    const unread = [...heldGone].filter((id) => !sweptGone.has(id));
    if (unread.length === 0) return false;
    const admin = adminSession();
    if (!admin) return false;
    try {
      await refusalsOf(admin, 0);
    } catch (error) {
      if (!(error instanceof HubAnswer && (error.status === 401 || error.status === 403))) throw error;
      log(`tagdesk: the hub refused ${nameOf(admin.userId)}'s session: ${error.message}`);
      hub.sessionEnded(admin.userId, endedBecause(error.body));
      return false;
    }
    for (const id of unread) sweptGone.add(id);
    return true;
  }
  /** The hub has these already (another desk's identical SLA event, or our own answer lost): pull brings them. */
  function dropDuplicates(ids: string[]): void {
    db.write(() => {
      for (const id of ids) db.run(k.deleteFrom('outbox').where('event_id', '=', id));
    });
  }

  /** Pull, then push and pull again while anything moved: with one person's session. */
  async function exchange(session: { userId: string; token: string }): Promise<void> {
    if (!state().bootstrapped && state().cursor === 0) await bootstrap(session.token);
    await pullAll(session);
    // A push the hub answered 'stale' for is pulled after, rebased, and sent again: a few
    // rounds at most in one cycle (each needs news the desk had not pulled yet).
    for (let round = 0; round < 3; round++) {
      const pushed = await pushAll();
      if (pushed === 'none') return;
      await pullAll(session);
      if (pushed === 'moved') return;
    }
  }

  /** How far this desk has read the hub's directory as itself (followDirectory), past its cursor. */
  const directoryCursor = (): number => Number(db.get(k.selectFrom('meta').select('value').where('key', '=', 'directory_cursor'))?.value ?? 0) || 0;
  const setDirectoryCursor = (cursor: number) =>
    db.run(k.insertInto('meta').values({ key: 'directory_cursor', value: String(cursor) }).onConflict((c) => c.column('key').doUpdateSet({ value: String(cursor) })));

  /**
   * Nobody here has a hub session: the desk still reads the hub's directory of people as itself
   * (its id and key), so someone the hub deactivated while this desk was offline, who signed in
   * here with the password kept, is signed out at their next action (desk.ts reads the person
   * each call) and their changes are held with the reason (maySendWorkOf) rather than waiting
   * for a sign-in the hub would refuse. It reads every 'user' event after the further of its
   * cursor and what it read so before, in order; the pull brings them again later, known by id.
   * A hub that does not know this desk (nobody signed in through it yet) or an older hub
   * without the route answers 4xx: there is nothing to follow then.
   */
  async function followDirectory(): Promise<void> {
    let after = Math.max(state().cursor, directoryCursor());
    for (;;) {
      let answer: z.infer<typeof directoryAnswer>;
      try {
        answer = directoryAnswer.parse(await request('GET', `/sync/directory?after=${after}&limit=${PULL_LIMIT}`, 'desk'));
      } catch (error) {
        if (error instanceof HubAnswer) return;
        throw error;
      }
      const users = answer.events.filter((e) => e.stream === USER_STREAM);
      if (users.length > 0) tell(applier.applyBatch(users, [], state().cursor));
      setDirectoryCursor(answer.cursor);
      if (answer.cursor >= answer.head || answer.cursor <= after) return;
      after = answer.cursor;
    }
  }

  async function cycleOnce(): Promise<void> {
    problem = null;
    for (;;) {
      const session = hub.latestSession();
      if (!session) {
        problem = say('noHubSession');
        await followDirectory();
        sendable(); // says why each person's changes wait (none can go)
        setOnline(false, true);
        return;
      }
      try {
        await exchange(session);
      } catch (error) {
        // The hub ended the session this desk followed it with (the person was deactivated,
        // their role changed, their password was reset): theirs waits until they sign in
        // again, and the desk follows the hub with the next person's. The hub is up.
        if (error instanceof HubAnswer && (error.status === 401 || error.status === 403)) {
          log(`tagdesk: the hub refused ${nameOf(session.userId)}'s session: ${error.message}`);
          hub.sessionEnded(session.userId, endedBecause(error.body));
          continue;
        }
        throw error;
      }
      setOnline(true);
      // The hub answered, and its live socket was refused since: said once, not every retry.
      if (liveRefused !== null && !saidLiveDown) {
        saidLiveDown = true;
        log(`tagdesk: the hub answers, but its live connection is refused (${liveRefused}); this desk asks it for news every few seconds instead.`);
      }
      // Not with a session the desk dropped meanwhile (it took a new id: deskPlace.ts).
      if (options.live !== false && hub.sessionToken(session.userId) === session.token) openLive(session.token);
      return;
    }
  }

  /** Runs cycles until no one asked for another; resolves when the desk is in step (or the hub is down). */
  function syncNow(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        for (;;) {
          try {
            do {
              again = false;
              await cycleOnce();
            } while (again && !stopped);
            failures = 0;
            saidDown = null;
            return;
          } catch (error) {
            // A desk closing mid-cycle, or the hub unreachable, is no news; anything else is logged.
            if (!stopped && (!(error instanceof HubDown) || process.env.TAGDESK_SYNC_DEBUG)) log(`tagdesk: sync failed: ${error instanceof Error ? error.message : String(error)}`);
            // The hub unreachable is said once per reason (not every retry), with the real
            // cause: a refused connection, a timeout, or a port fetch will not use.
            else if (!stopped && error instanceof HubDown && error.kind === 'unreachable' && error.message !== saidDown) {
              saidDown = error.message;
              log(`tagdesk: the hub cannot be reached (${error.message}); changes wait here until it can.`);
            }
            setOnline(false);
            failures++;
            unreachable = error instanceof HubDown && error.kind === 'unreachable';
            // Someone asked for a cycle while this one was failing (a retry timer's cycle was
            // still on its way to a hub that had gone, as the desk was pointed at the one that
            // replaced it): their cycle runs now, once, rather than at the next retry.
            if (!again || stopped) return;
          }
        }
      } finally {
        running = null;
        options.onStatus();
        schedule();
      }
    })();
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    const poll = options.pollMs ?? 15_000;
    const delay = failures === 0 ? (socket?.readyState === WebSocket.OPEN || options.live === false ? poll : Math.min(poll, POLL_WITHOUT_LIVE_MS)) : unreachable ? UNREACHABLE_RETRY_MS : BACKOFF_MS[Math.min(failures - 1, BACKOFF_MS.length - 1)]!;
    timer = setTimeout(() => void syncNow(), delay);
    timer.unref?.();
  }

  function openLive(token: string): void {
    if (socket && socketToken === token && socket.readyState <= WebSocket.OPEN) return;
    // Refused or lost soon a moment ago: the desk polls until the retry's pause is over.
    if (liveTimer) return;
    closeLive();
    const link = hub.linkInfo();
    if (!link) return;
    const ws = new WebSocket(`${link.url.replace(/^http/, 'ws')}/sync/live`, { headers: { authorization: `Bearer ${token}`, [DESK_VERSION_HEADER]: String(deskVersion) } });
    socket = ws;
    socketToken = token;
    let openedAt: number | null = null;
    let why = 'closed';
    // What was accepted between the last pull and the socket opening would come with no news.
    ws.on('open', () => {
      openedAt = performance.now();
      liveRefused = null;
      if (saidLiveDown) log('tagdesk: the hub’s live connection is open again.');
      saidLiveDown = false;
      void syncNow();
    });
    ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { type?: string };
      if (message.type === 'events' && takeLive(message)) return;
      if (message.type === 'events' || message.type === 'resync') void syncNow();
    });
    // The socket closed: whether the hub is still there is the next pull's to say (the desk
    // stays online while it answers: a proxy that drops WebSocket upgrades made it flicker
    // online and offline every 250 ms). Opened again at once after one that lasted; after one
    // refused or soon lost, after a growing pause, said once in the log, polling meanwhile.
    const lost = () => {
      if (socket !== ws) return;
      socket = null;
      if (stopped) return;
      if (openedAt === null || performance.now() - openedAt < LIVE_LASTED_MS) {
        if (openedAt === null) liveRefused = why;
        liveTimer = setTimeout(
          () => {
            liveTimer = null;
            void syncNow();
          },
          LIVE_RETRY_MS[Math.min(liveFailures, LIVE_RETRY_MS.length - 1)]!,
        );
        liveTimer.unref?.();
        liveFailures++;
      } else liveFailures = 0;
      // News may have come while it was closing, or the hub may have gone: the next pull says.
      if (openedAt !== null) void syncNow();
    };
    ws.on('close', lost);
    ws.on('error', (error) => {
      why = error.message;
      ws.terminate();
    });
  }
  /**
   * Applies the socket's events without a pull, when they are exactly what a pull would bring
   * next: the commit starts right after this desk's cursor, and no cycle is on its way (whose
   * pull could bring them too). Otherwise, or if anything is amiss, the caller pulls.
   */
  function takeLive(message: unknown): boolean {
    if (running || stopped) return false;
    const live = liveEvents.safeParse(message);
    if (!live.success || state().cursor !== live.data.first - 1) return false;
    try {
      tell(applier.applyBatch(live.data.events, [], live.data.last));
    } catch (error) {
      log(`tagdesk: live events not applied, pulling instead: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    setState({ last_synced_at: now() });
    options.onStatus();
    return true;
  }
  function closeLive(): void {
    const ws = socket;
    socket = null;
    ws?.removeAllListeners('close');
    ws?.on('error', () => undefined);
    ws?.terminate();
  }

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      void syncNow();
    },
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      closeLive();
      if (liveTimer) clearTimeout(liveTimer);
      liveTimer = null;
      liveFailures = 0;
      liveRefused = null;
      saidLiveDown = false;
      online = false;
      noSession = false;
    },
    /** Something changed here (a write to the outbox): send it soon. */
    kick(): void {
      if (!stopped) void syncNow();
    },
    syncNow,
    /** Settles when the current cycle ends (tests, shutdown). */
    idle: (): Promise<void> => running ?? Promise.resolve(),
    status() {
      const s = state();
      const pending = outboxCount();
      return { online, noSession, pending, lastSyncedAt: s.last_synced_at, cursor: s.cursor, waiting: [...held.values()].concat(problem ? [problem] : [], tooOld ? [say('deskTooOld')] : []) };
    },
    /** Something the sync state shows changed outside the engine (a notice dismissed): tell the windows. */
    tellStatus(): void {
      options.onStatus();
    },
  };
}
export type SyncEngine = ReturnType<typeof syncEngine>;
