import type { z } from 'zod';
import {
  api,
  ApiError,
  issuesOf,
  type CallResult,
  type Method,
  type Push,
  type PushEventName, type RetimeFailure,
  type PushPayload,
} from '../../shared/api';
import { hearsOfBackups, mayBringDataToHub, receivesTicketNews, seesSegment } from '../../shared/access';
import { backupService } from './backups';
import { backupHandlers } from './handlers/backups';
import { SEGMENTS, type User } from '../../shared/domain';
import { customerViewReader } from './customerView';
import { seedKnowledge } from './kb/kbDemo';
import { kbHandlers, type KbHandlers } from './kb/kbHandlers';
import { trendRekeyer } from './kb/trendRekey';
import { basisOfZone, keyEmptyTrends } from './kb/trendCounts';
import { knowledgeApplier } from './kb/knowledgeApplier';
import { customerStreamApplier } from './customers/customerStream';
import { expireRejects, scrubRejects, type ErasedIdentity } from './import/rejectsFiles';
import { settingsStreamApplier } from './settingsSync';
import { userStreamApplier } from './userSync';
import { DB_FILE, DeskOpenError, openDatabase, type DeskDb } from './db/database';
import { checkDeskPlace, placeOf, rekeyDesk, rekeyedBanner, rekeyedNotice } from './deskPlace';
import { deskNameOf, nameDeskIfUnnamed } from './deskName';
import path from 'node:path';
import { param, Sql } from './db/exec';
import type { CompactProgress } from './db/compact';
import type { UserRow } from './db/schema';
import { seedDemo } from './demo';
import { lookupService } from './lookup';
import { slaStore } from './sla';
import { realTimers, slaScheduler, type Timers } from './slaScheduler';
import { retimer } from './retime';
import { deskIdOf, outbox } from './outbox';
import { ticketService } from './tickets';
import { interactionStage } from './stagedInteractions';
import { ticketStore } from './ticketStore';
import type { DeskContext } from './handlers/context';
import { deskHandlers } from './handlers/desk';
import { lookupHandlers } from './handlers/lookup';
import { queueHandlers } from './handlers/queues';
import { sessionHandlers } from './handlers/session';
import { slaHandlers } from './handlers/sla';
import { supervisorHandlers } from './handlers/supervisor';
import { ticketHandlers } from './handlers/tickets';
import { hubHandlers } from './handlers/hub';
import { syncHandlers, syncStatusFor } from './handlers/sync';
import { syncApplier } from './sync/apply';
import { syncEngine, type SyncEngine } from './sync/engine';
import { streamRegistry, type StreamRegistry } from './sync/stream';
import { presenceHandlers } from './handlers/presence';
import { customerArea, type DryRun } from './handlers/customers';
import { accessLog, customerPrivacy } from './customers/privacy';
import { customerRecords } from './customers/records';
import { countryOf, DEFAULT_COUNTRY } from '../../shared/phone';
import { combine, signedIn, type Area, type Handlers, type MethodsOf, type Session } from './handlers/types';
import { toUser, userDirectory } from './users';
import { hubRestoredFor } from './sync/hubRestoredNotice';
import { hubLink, leaveHub, leftHub } from './hubLink';
import { messageDetail, say } from '../../shared/messageKeys';
import { clockSkewOf, followedOffset, HUB_TIME_HEADER, offsetOf } from '../../shared/clockSkew';

// The desk's back end behind the API contract. Each method is implemented once, in the
// handler map of its area (handlers/*.ts), combined here into one map; the hosts (Electron IPC, the WebSocket bridge, the CLI, tests) only carry calls to a
// Connection, which validates the input, checks who is signed in, runs the handler and
// turns every failure into a typed error. Nothing here knows about a transport.

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
}

/**
 * The desk's clock, kept to the hub's: each hub answer's time gives the offset of this
 * computer's clock (measured with `own`, the clock as it is), which the desk follows when
 * `follow` and the offset is past CLOCK_FOLLOW_MS. `fetch` is the one the desk reaches its hub
 * with, measuring as it goes; `skewMs` is how far this computer's clock is ahead of the hub's
 * (negative: behind), null before any answer. An adjustable clock stays adjustable.
 */
export function hubClock(own: Clock, follow: boolean, mono: () => number = () => performance.now()) {
  let measured: number | null = null;
  let followed = 0;
  // While following, the hub's time runs on from the moment it was measured by the monotonic
  // clock, not by this computer's: someone setting the computer's clock right (as the warning
  // asks) moved the desk's time by as much until the hub's next answer.
  let anchor = { at: 0, mono: 0 };
  let said = '';
  let onChange = () => undefined as void;
  let heard = () => undefined as void;
  const firstAnswer = new Promise<void>((resolve) => (heard = resolve));
  const now = () => (followed === 0 ? own.now() : anchor.at + Math.round(mono() - anchor.mono));
  const clock: Clock = isAdjustableClock(own) ? { now, advance: (ms: number) => own.advance(ms) } as AdjustableClock : { now };
  const timed = (base: typeof fetch) => async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const sent = own.now();
    const res = await base(input, init);
    const offset = offsetOf(sent, own.now(), res.headers?.get(HUB_TIME_HEADER));
    if (offset !== null) {
      measured = offset;
      heard();
      // Against the offset the desk keeps now (the computer's clock may have been set, or the
      // monotonic one stood still while the computer slept): re-measured when 5 s or more apart.
      const current = now() - own.now();
      const next = follow ? followedOffset(current, offset) : 0;
      if (next === 0) followed = 0;
      else if (next !== current) {
        followed = next;
        anchor = { at: own.now() + next, mono: mono() };
      }
      // What the desk says about its clock changed (off by more, or set right): windows are told.
      const saying = JSON.stringify(clockSkewOf(offset));
      if (saying !== said) {
        said = saying;
        onChange();
      }
    }
    return res;
  };
  return {
    clock,
    /** `base` (the global fetch if none), measuring the offset from each answer. */
    fetch: (base: typeof fetch = fetch): typeof fetch => timed(base) as typeof fetch,
    skewMs: (): number | null => (measured === null ? null : 0 - measured),
    onChange: (fn: () => void) => void (onChange = fn),
    /** Resolves once an answer of the hub has said its time, or after `ms` without one. */
    told: (ms: number): Promise<void> =>
      Promise.race([firstAnswer, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]),
  };
}

/**
 * How long a desk joined to a hub, following its clock, waits at start for the hub to say the
 * time before its SLA scheduler sends what fell due: on a clock that is off (fast by hours
 * after a dead CMOS battery) it would otherwise fire breaches the hub's time has not reached.
 * Unanswered by then (the hub down, the desk offline), it goes on by its own clock.
 */
export const HUB_TIME_WAIT_MS = 10_000;
const isAdjustableClock = (c: Clock): c is AdjustableClock => typeof (c as Partial<AdjustableClock>).advance === 'function';

/** A clock that moves only when told to: starts at `start`, then follows advance(). */
export function manualClock(start: number): AdjustableClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export interface DeskOptions {
  /** Folder holding tagdesk.sqlite (created when missing), or ':memory:' for tests. */
  dataDir: string;
  /**
   * With ':memory:': the desk's database starts as this serialized copy of another in-memory
   * desk's (tests reuse one seeded demo desk instead of seeding it again; testing/deskHarness.ts).
   */
  memoryImage?: Buffer;
  /** Seed demo data when the desk is empty (the browser shell's --demo). */
  demo?: boolean;
  demoSeed?: number;
  demoCustomers?: number;
  clock?: Clock;
  /**
   * A clock the desk's own API can move forward ('dev.advanceClock'), with the SLA
   * scheduler driven by it instead of timers: for end-to-end tests and SLA demos.
   */
  testClock?: boolean;
  timers?: Timers;
  /** The desk's country (ISO 3166, such as "US"): phone numbers typed without a country code are read in it. */
  country?: string;
  reopenWindowMs?: number;
  /**
   * Open for reading only (the CLI's lookup and stats): nothing is migrated, seeded or
   * written, no SLA scheduler runs, and a read-only folder is fine.
   */
  readOnly?: boolean;
  /** Join this hub on opening (sign-in then goes through it: email and password). */
  hubUrl?: string;
  /** Told how far a long upgrade of the file (migration 0014_compact) has got, after every batch. */
  onMigrationProgress?: (p: CompactProgress) => void;
  /**
   * Back the desk up once a day, and at a start when none was taken in the last day, into its
   * backups folder (backups.ts): the shells do; not on a test clock, nor read-only. Tests and
   * the CLI leave it off; "Back up now" works either way.
   */
  automaticBackups?: boolean;
  /** The backups' timers and first look (tests). */
  backupTimers?: Timers;
  /** The sync engine's knobs (tests): follow the live socket, poll interval, fetch. */
  /** deskVersion: the machine version the desk states to the hub (tests: a desk older than this build). */
  sync?: { live?: boolean; pollMs?: number; fetch?: typeof fetch; deskVersion?: number };
  /**
   * Keep the hub's time when this computer's clock is off by more than a few seconds (the
   * offset each hub answer gives, src/shared/clockSkew.ts). On by default; off by default with
   * testClock, whose time a test or demo moves by hand.
   */
  followHubClock?: boolean;
}

/** One signed-in window, tab, CLI run or test: holds who is signed in and receives pushes. */
export interface Connection {
  call(method: string, input: unknown): Promise<CallResult>;
  close(): void;
}

export interface Desk {
  readonly dataDir: string;
  readonly clock: Clock;
  readonly db: DeskDb;
  readonly scheduler: { tick(): number };
  /** Re-timing open tickets after a change of SLA settings: `idle()` resolves once all queued so far is done. */
  readonly retime: { idle(): Promise<void>; failure(): RetimeFailure | null; started(): number };
  /** Moving the weekly trends to the centre's zone after it changed (kb/trendRekey.ts): `idle()` resolves once done. */
  readonly trendRekey: { idle(): Promise<void> };
  /** The sync engine (idle while the desk is not joined to a hub). */
  readonly sync: SyncEngine;
  /** Where areas register the appliers of their streams for the sync engine. */
  readonly streams: StreamRegistry;
  connect(onPush: (push: Push) => void): Connection;
  close(): void;
}


/** The people an empty desk that works alone is set up with (see initialize). */
const PLACEHOLDER_EMAILS = ['admin@tagdesk.local', 'supervisor@tagdesk.local', 'agent@tagdesk.local'] as const;

/** The mode a desk was set up in, from its meta 'initialized' value ({"mode":"demo",...}); null before it was set up. */
function modeOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && 'mode' in parsed && typeof parsed.mode === 'string' ? parsed.mode : '';
  } catch {
    return '';
  }
}

export async function openDesk(options: DeskOptions): Promise<Desk> {
  const ownClock = options.clock ?? (options.testClock ? manualClock(Date.now()) : systemClock);
  // The hub's time, as this desk last measured it (clockSkew.ts): what the desk stamps on its
  // work, starts SLA clocks and ends hub sessions by, when this computer's clock is wrong.
  const followsHub = options.followHubClock ?? !options.testClock;
  const hubTime = hubClock(ownClock, followsHub);
  const clock = hubTime.clock;
  const readOnly = options.readOnly ?? false;
  // Until setupDone(), this process holds the folder's setup lock: SLA defaults and demo
  // data below are checked and written by one process at a time.
  const database = await openDatabase(options.dataDir, { readOnly, ...(options.onMigrationProgress ? { onMigrationProgress: options.onMigrationProgress } : {}), ...(options.memoryImage ? { image: options.memoryImage } : {}) });
  const db = new Sql(database.sqlite, database.kysely);
  const k = db.kysely;
  // A copy of another desk's data folder (a machine imaged from a set-up desk) takes its own
  // identity here, before anything is made or sent under the one it was copied with (deskPlace.ts).
  if (!readOnly && options.dataDir !== ':memory:') {
    try {
      const rekeyed = checkDeskPlace(db, clock.now(), placeOf(options.dataDir, path.join(options.dataDir, DB_FILE)));
      if (rekeyed?.joined) console.warn(`tagdesk: this data folder was copied from desk ${rekeyed.from} (another computer or folder): it is now desk ${deskIdOf(db)}, keeps its data and unsent changes, and its people sign in again to send them.`);
    } catch (error) {
      console.warn(`tagdesk: could not check where this desk runs (${error instanceof Error ? error.message : String(error)}); it keeps its desk id.`);
    }
  }
  // A desk has a name people read (src/shared/deskName.ts): its machine's at its first start.
  if (!readOnly) nameDeskIfUnnamed(db);
  const listeners = new Map<(push: Push) => void, Session>();
  // While demo data is generated nobody needs thousands of per-ticket pushes: one
  // 'desk.changed' follows instead.
  let quiet = false;
  const push = <E extends PushEventName>(event: E, payload: PushPayload<E>, ofSegment?: string) => {
    if (quiet) return;
    // Privacy: a ticket's news goes only to people who may see its segment (signed in).
    const segment = ofSegment ?? ('segment' in payload ? String(payload.segment) : null);
    for (const [send, session] of listeners) {
      if (segment !== null && !receivesTicketNews(session.user, segment)) continue;
      send({ event, payload });
    }
  };

  /** To one window (the one whose call set it off), if it is still connected and the desk open; else to nobody. */
  const tell = <E extends PushEventName>(to: Session, event: E, payload: PushPayload<E>) => {
    if (quiet || closed) return;
    for (const [send, session] of listeners) if (session === to) send({ event, payload });
  };
  /** An SLA policy or calendar changed, here or from the hub: the windows that show them read again. */
  const settingsChanged = () => push('sla.settingsChanged', {});
  /** A satisfaction score was recorded or followed up, here or from the hub: the board's panels read again. */
  const csatChanged = () => push('csat.changed', {});

  let sync: SyncEngine | null = null;
  const users = userDirectory(db);
  const sla = slaStore(db);
  sla.ensureDefaults(clock.now());
  // The board's counters and outcomes are settled before they are read (stagedTallies.ts).
  const tickets = ticketService(db, { sla, clock, settle: () => store.tallies.settle() });
  const interactions = interactionStage(db, { readOnly });
  const store = ticketStore(db, {
    deskId: deskIdOf(db),
    stage: interactions,
    readOnly,
    reopenWindowMs: options.reopenWindowMs,
    sla,
    clock,
    onChange: (c) => {
      if (quiet) return;
      push('ticket.changed', c);
      scheduler.poke();
      sync?.kick();
    },
    onSlaAlert: (a) => push('sla.warning', a),
  });
  const scheduler = slaScheduler(db, store, clock, options.testClock ? null : (options.timers ?? realTimers), readOnly ? undefined : (now, sliceRows) => sla.pruneRecentOutcomes(now, sliceRows).more);
  // A calendar or policy changed (saved here, or from the hub): open tickets follow it at once.
  // Once re-timed, the views whose figures follow the settings read again, and the scheduler
  // looks for the earliest deadline (one moved into the past is sent as any breach is).
  const retime = retimer(db, store, sla, {
    now: () => clock.now(),
    readOnly,
    onRetimed: () => {
      scheduler.poke();
      push('sla.settingsChanged', { retimed: true });
    },
    // A re-time failed, or one succeeded after a failure: the settings pages show or drop the notice.
    onFailure: () => push('sla.settingsChanged', { retimeFailure: true }),
  });
  sla.watch((moved) => void retime.request(moved));
  // The centre's zone changed: the weekly trends move to its weeks, in the background; the
  // board's panels read again once they have (their satisfaction weeks follow it at once).
  const trendRekey = trendRekeyer(database.sqlite, { zone: () => sla.dayZone(), readOnly, onMoved: () => csatChanged() });
  if (!readOnly) keyEmptyTrends(database.sqlite, basisOfZone(sla.dayZone()));
  sla.watchZone(() => {
    csatChanged();
    void trendRekey.request();
  });
  const view = customerViewReader(db, tickets.toRow);
  const deskCountry = countryOf(options.country) ?? DEFAULT_COUNTRY;
  const lookup = lookupService(db, view, deskCountry);
  const records = customerRecords(db, deskCountry);
  // An erasure, here or from the hub, takes its person out of the desk's import rejects files
  // too, once its transaction has committed; those files go REJECTS_KEPT_DAYS after their import.
  const ownFiles = !readOnly && options.dataDir !== ':memory:';
  const scrubErased = (who: ErasedIdentity) => {
    if (ownFiles) setImmediate(() => void scrubRejects(options.dataDir, who).catch((error: unknown) => console.warn(`tagdesk: could not take an erased person out of the import rejects files: ${error instanceof Error ? error.message : String(error)}`)));
  };
  const privacy = customerPrivacy(db, scrubErased);
  const audit = accessLog(db, globalThis, readOnly);
  if (!readOnly) privacy.applyRetention(privacy.retentionDays(), clock.now());
  if (ownFiles) expireRejects(options.dataDir, clock.now());
  // The desk's backups: told to admins only (access.ts hearsOfBackups).
  const backups = ownFiles
    ? backupService({
        dataDir: options.dataDir,
        db,
        now: () => clock.now(),
        timers: options.automaticBackups && !options.testClock ? (options.backupTimers ?? realTimers) : null,
        onChange: (status) => {
          for (const [send, session] of listeners) if (hearsOfBackups(session.user)) send({ event: 'backups.changed', payload: status });
        },
        log: (m) => console.warn(m),
      })
    : null;

  // Knowledge base, CSAT and trends: who is signed in and the segment rule come from the
  // handlers' session helpers and the shared access rules.
  const knowledge = kbHandlers<Session>({
    sqlite: database.sqlite,
    now: () => clock.now(),
    signedIn,
    maySee: (u, segment) => seesSegment(u, segment),
    userNames: () => users.names(),
    outbox: outbox(db, deskIdOf(db)),
    csatChanged,
    dayZone: () => sla.dayZone(),
  });

  /** How the desk was set up (meta 'initialized': `{"mode":"demo"|"empty",...}`), or undefined before it is. */
  const setUp = () => db.get(k.selectFrom('meta').select('value').where('key', '=', 'initialized'))?.value;
  const isInitialized = () => setUp() !== undefined;
  const isDemo = () => modeOf(setUp()) === 'demo';
  const count = (table: 'customers' | 'tickets') => Number(db.get(k.selectFrom(table).select((eb) => eb.fn.countAll().as('n')))?.n ?? 0);
  const status = (counts: boolean) => {
    const mode = modeOf(setUp());
    return { initialized: mode !== null, customers: counts ? count('customers') : null, tickets: counts ? count('tickets') : null, demo: mode === 'demo', dataDir: options.dataDir, leftHub: leftHub(db) };
  };

  // Set once the hub link exists (below); a desk being set up at start is not joined yet.
  let joinedNow = (): boolean => false;
  const initialize = (mode: 'demo' | 'empty', seed: number, customers: number) => {
    if (isInitialized()) throw new ApiError('conflict', say('deskHasData'));
    const now = clock.now();
    if (mode === 'demo') {
      quiet = true;
      try {
        seedDemo(db, users, store, { seed, customers, now });
        // Its thousands of tickets' counter moves, netted now rather than by the first reader.
        store.tallies.settle();
        db.write(() => seedKnowledge(database.sqlite, knowledge.kb, knowledge.csat, users.list(), now, seed));
      } finally {
        quiet = false;
      }
    } else {
      // An empty desk still needs someone to sign in as: an admin to set it up, and a
      // supervisor and an agent to start working. Not a desk joined to a hub: its people
      // arrive from the hub (user stream) and sign in through it; local stand-ins would show
      // among them as colleagues on the board and in assignee lists.
      db.write(() => {
        if (!joinedNow()) {
          users.create({ name: 'Desk admin', email: PLACEHOLDER_EMAILS[0], role: 'admin', tier: 1, segments: [] }, now);
          users.create({ name: 'Supervisor', email: PLACEHOLDER_EMAILS[1], role: 'supervisor', tier: 3, segments: SEGMENTS }, now);
          users.create({ name: 'First-line agent', email: PLACEHOLDER_EMAILS[2], role: 'agent', tier: 1, segments: SEGMENTS }, now);
        }
        db.run(k.insertInto('meta').values({ key: 'initialized', value: JSON.stringify({ mode, at: now }) }));
      });
    }
    push('desk.changed', { reason: 'initialized' });
    scheduler.tick();
    return status(true);
  };
  try {
    // A desk of demo data joined to a hub before the rule (access.ts mayBringDataToHub) stayed
    // joined, its demo history pending for ever: it leaves its hub now, keeping all it holds,
    // says so once in the log, and People says why and what to do (demoDeskLeftHub).
    if (!readOnly && mayBringDataToHub({ demo: isDemo() })) {
      const left = leaveHub(db, clock.now());
      if (left) {
        users.invalidate();
        console.warn(`tagdesk: ${say('demoDeskLeftHub', { url: left.url })}`);
      }
    }
    // --hub at start joins the desk as the join form does, and no desk of demo data joins one
    // (access.ts): with --demo on a new folder, refused before the demo is made.
    if (options.hubUrl && !readOnly) {
      // --demo beside --hub on a new folder: no demo data on a desk about to join (the first-start
      // screen's rule, handlers/desk.ts), said as that screen says it; nothing is made.
      if (options.demo === true && !isInitialized()) throw new DeskOpenError('folder', say('demoOnJoinedDesk'));
      const refusal = mayBringDataToHub({ demo: isDemo() });
      if (refusal) throw new DeskOpenError('folder', refusal);
    }
    if (options.demo && !readOnly && !isInitialized()) initialize('demo', options.demoSeed ?? 42, options.demoCustomers ?? 400);
  } catch (error) {
    database.close();
    throw error;
  } finally {
    database.setupDone();
  }

  const link = hubLink({ db, now: () => clock.now(), fetch: hubTime.fetch() });
  joinedNow = () => link.status().joined;
  // The stand-ins an empty desk was set up with, on a desk joined since: made inactive (not
  // deleted), so they leave the board and the assignee lists while a ticket one of them still
  // holds keeps its holder (the board shows an inactive person only while they hold tickets).
  const retirePlaceholders = () => {
    const retired = database.sqlite
      .prepare(`UPDATE users SET active = 0 WHERE active = 1 AND email IN (${PLACEHOLDER_EMAILS.map(() => '?').join(', ')}) AND id NOT IN (SELECT user_id FROM user_events)`)
      .run(...PLACEHOLDER_EMAILS).changes;
    if (retired > 0) users.invalidate();
  };
  // The flag's address is kept as given (its form checked): the hub may well start after the desk.
  if (options.hubUrl && !readOnly) link.keepAddress(options.hubUrl);
  if (!readOnly && link.status().joined) db.write(retirePlaceholders);
  // The sync engine follows the hub while the desk is joined: pulled changes reach the
  // windows as the same pushes local ones make, after their batch commits.
  const streams = streamRegistry();
  streams.register(knowledgeApplier(knowledge.kb, knowledge.csat, csatChanged));
  streams.register(customerStreamApplier(db, scrubErased));
  // People from the hub: every window reads them again once they are in (a person's powers
  // shape every page). SLA settings: only the views that show them or figures from them.
  const refreshWindows = () => push('desk.changed', { reason: 'external' });
  streams.register(settingsStreamApplier(db, sla, settingsChanged));
  streams.register(userStreamApplier(db, users, refreshWindows));
  const applier = syncApplier(db, store, { sla, now: () => clock.now(), streams, log: (m) => console.warn(m) });
  const sendSync = () => {
    for (const [send, session] of listeners) if (session.user) send({ event: 'sync.changed', payload: syncStatusFor(link, parts, session.user) });
  };
  sync = syncEngine({
    db,
    hub: link,
    applier,
    now: () => clock.now(),
    live: options.sync?.live,
    pollMs: options.sync?.pollMs,
    deskVersion: options.sync?.deskVersion,
    clockSkewMs: () => hubTime.skewMs(),
    fetch: hubTime.fetch(options.sync?.fetch),
    // The hub saw another desk sending under this id (a copy this desk did not notice at its
    // start, deskPlace.ts): this one takes its own; its people sign in again to send its changes.
    onCopied: () => {
      const r = rekeyDesk(db, clock.now(), 'hubRefused');
      console.warn(`tagdesk: another desk sends under desk id ${r.from} (a copy of this data folder): this desk is now ${deskIdOf(db)}, keeps its data and unsent changes, and its people sign in again to send them.`);
      sendSync();
    },
    onNews: (news) => {
      for (const c of news.tickets) push('ticket.changed', c);
      // An open customer page reads its record again: an erasure from another desk takes the
      // name and phone off this screen at once, a merge or an edit shows.
      for (const c of news.customers) push('customer.changed', c);
      // Someone else's take of a ticket came first: the one whose take lost is told at once
      // (their windows only), not left on the other person's ticket with a conflict count.
      for (const { actorId, takenById: _by, ...lost } of news.takenFirst) {
        for (const [send, session] of listeners) if (session.user?.id === actorId) send({ event: 'sync.takenFirst', payload: lost });
      }
      // A ticket opened here took another number (another desk's had its number first; the
      // hub's number wins): who opened it and who holds it are told, for the caller to be given the new one.
      for (const { createdById, holderId, ...moved } of news.renumbered) {
        for (const [send, session] of listeners) if (session.user && (session.user.id === createdById || session.user.id === holderId)) send({ event: 'sync.renumbered', payload: moved });
      }
      if (news.tickets.length > 0) scheduler.poke();
      sendSync();
    },
    onStatus: sendSync,
  });
  const parts = { engine: sync, conflicts: applier.conflicts, clockSkewMs: hubTime.skewMs, hubRestored: (user: User) => hubRestoredFor(db, user), rekeyed: () => rekeyedNotice(db) !== null, rekeyedBanner: () => rekeyedBanner(db), deskName: () => deskNameOf(db) };
  hubTime.onChange(sendSync);
  // Joining starts the engine; a sign-in brings a session to push with.
  const hub: typeof link = {
    ...link,
    join: async (url, sameHubAs) => {
      const before = link.status();
      const joined = await link.join(url, sameHubAs);
      db.write(retirePlaceholders);
      // A new address: the engine starts over there (its live socket was the old address's).
      if (before.joined && joined.joined && before.url !== joined.url) sync?.stop();
      sync?.start();
      return joined;
    },
    signIn: async (email, password) => {
      const r = await link.signIn(email, password);
      sync?.kick();
      return r;
    },
  };
  if (!readOnly && link.status().joined) sync.start();
  // While a dry-run import runs (one transaction it rolls back), every other call waits.
  const dryRun: DryRun = { current: null };
  const ctx: DeskContext = {
    options, clock, db, users, sla, tickets, store, scheduler, retime, view, lookup, status, records, audit,
    // Two processes may initialise one folder at once: the second waits, then finds it done.
    initialize: (mode, seed, customers) => database.exclusive(() => initialize(mode, seed, customers)),
  };
  // The whole API, area by area (handlers/*.ts); a method declared twice or not at all
  // stops the desk here, and the type below fails the build first.
  const presence = presenceHandlers(ctx, hub, (p, segment) => push('presence.changed', p, segment));
  const joined = () => hub.status().joined;
  const areas = [deskHandlers(ctx, joined), sessionHandlers(ctx, joined, (userId) => presence.signedOut(userId), (id) => hub.forgetResume(id)), lookupHandlers(ctx), ticketHandlers(ctx), queueHandlers(ctx), supervisorHandlers(ctx), slaHandlers(ctx, settingsChanged, () => push('desk.changed', { reason: 'recomputed' }), tell), hubHandlers(ctx, hub), syncHandlers(ctx, hub, parts), presence, knowledgeArea(knowledge.handlers), customerArea(ctx, privacy, push, dryRun, deskCountry), backupHandlers(backups)] as const;
  const everyMethod: Exclude<Method, MethodsOf<(typeof areas)[number]>> extends never ? true : never = true;
  const handlers: Handlers = everyMethod && combine(areas);

  const personNow = db.prepare<UserRow, [string]>(k.selectFrom('users').selectAll().where('id', '=', param<string>()));
  async function call(session: Session, method: string, input: unknown): Promise<CallResult> {
    while (dryRun.current && dryRun.current.session !== session) await dryRun.current.done;
    if (!Object.hasOwn(api, method)) return fail(new ApiError('unknown_method', `There is no method "${method}".`));
    const m = method as Method;
    const spec = api[m];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return fail(new ApiError('invalid_input', firstMessage(parsed.error), issuesOf(parsed.error)));
    // The person as the desk knows them now, not as they signed in: the hub may have changed
    // their powers, or deactivated them, while this window stayed open (the user stream applies
    // it). Deactivated, the window is signed out and told why; it no longer works as them.
    if (session.user) {
      const now = personNow.get(session.user.id);
      if (!now || now.active !== 1) {
        const was = session.user;
        session.user = null;
        // Its resume secret is left for session.resume to refuse, saying the account is deactivated.
        presence.signedOut(was.id);
        if (!spec.public) return fail(new ApiError('unauthenticated', say('accountDeactivated')));
      } else if (now.role !== session.user.role || now.tier !== session.user.tier || now.name !== session.user.name || now.segments !== JSON.stringify(session.user.segments)) {
        session.user = toUser(now);
      }
    }
    if (!spec.public && !session.user) return fail(new ApiError('unauthenticated', say('signInFirst')));
    try {
      const handler = handlers[m] as (s: Session, i: unknown) => unknown;
      return { ok: true, result: await handler(session, parsed.data) };
    } catch (e) {
      if (e instanceof ApiError) return fail(e);
      console.error(`tagdesk: ${method} failed`, e);
      return fail(new ApiError('internal', 'Something went wrong on the desk; nothing was saved. Try again, and tell your admin if it keeps happening.'));
    }
  }

  // Whatever fell due while the desk was stopped is sent now, once: on the hub's time, when
  // the desk follows a hub's clock (asked by the sync engine started above; HUB_TIME_WAIT_MS at
  // most). A read-only desk sends nothing: reading must not write.
  let closed = false;
  if (!readOnly) {
    if (followsHub && link.status().joined) void hubTime.told(HUB_TIME_WAIT_MS).then(() => void (closed || scheduler.start()));
    else scheduler.start();
  }
  // Another process serving the same folder committed: every window refreshes, and the
  // scheduler looks again for the earliest deadline.
  const stopWatching =
    options.dataDir === ':memory:' || readOnly
      ? () => {}
      : database.onExternalChange(() => {
          push('desk.changed', { reason: 'external' });
          scheduler.poke();
        });

  // A re-time cut short when the desk last closed is done again now, in the background.
  retime.catchUp(() => sla.everything());
  // So are the weekly trends, and those of a desk that kept them in UTC weeks (before zones).
  void trendRekey.request();

  return {
    dataDir: options.dataDir,
    clock,
    db: database,
    scheduler,
    retime,
    trendRekey,
    sync,
    streams,
    connect(onPush) {
      const session: Session = { user: null };
      listeners.set(onPush, session);
      return {
        call: (method, input) => call(session, method, input),
        close: () => listeners.delete(onPush),
      };
    },
    close() {
      closed = true;
      retime.close();
      trendRekey.close();
      sync?.stop();
      backups?.stop();
      presence.close();
      stopWatching();
      scheduler.stop();
      audit.stop();
      listeners.clear();
      // Rated tickets' words still pending join the similar-ticket index now; if this
      // fails they stay in kb_case_pending and join at the next start.
      // So are a ticket's staged 360° interactions (stagedInteractions.ts).
      interactions.stop();
      store.tallies.stop();
      if (!readOnly) {
        try {
          knowledge.kb.indexPending();
        } catch {
          /* kept in kb_case_pending */
        }
        try {
          interactions.settle();
        } catch {
          /* kept in interactions_pending, read from there, settled at the next start */
        }
        try {
          store.tallies.settle();
        } catch {
          /* kept in tallies_pending, settled before the next read and at the next start */
        }
      }
      database.close();
    },
  };
}

/** An error as a window gets it: with its sentence's key (messageKeys.ts), so it can say it in the reader's language. */
const fail = (e: ApiError): CallResult => {
  const error = e.toJSON();
  if (error.key) return { ok: false, error };
  const detail = messageDetail(error.message);
  return { ok: false, error: detail ? { ...error, key: detail.key, ...(detail.params ? { params: detail.params } : {}) } : error };
};
const firstMessage = (e: z.ZodError): string => {
  const i = e.issues[0];
  return i ? `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}` : 'Invalid input.';
};

/** The knowledge base's handlers as an area (its reads and writes live in kb/kbHandlers.ts). */
function knowledgeArea(h: KbHandlers<Session>): Area<never, keyof KbHandlers<Session>> {
  return { reads: {}, writes: h };
}
