import type { z } from 'zod';
import {
  api,
  ApiError,
  issuesOf,
  type CallResult,
  type Method,
  type Output,
  type Push,
  type PushEventName,
  type PushPayload,
  type QueueKey,
} from '../../shared/api';
import { countryOf, DEFAULT_COUNTRY } from '../../shared/phone';
import { actorOf, SEGMENTS, type Actor, type User } from '../../shared/domain';
import os from 'node:os';
import path from 'node:path';
import { customerHandlers } from './customers/handlers';
import { runImport } from './import/importer';
import { csvColumns, recognise } from './import/sources';
import { accessLog, customerPrivacy } from './customers/privacy';
import { customerRecords } from './customers/records';
import { customerViewReader } from './customerView';
import { openDatabase, type DeskDb } from './db/database';
import { Sql } from './db/exec';
import { seedDemo } from './demo';
import { lookupService } from './lookup';
import { slaStore } from './sla';
import { realTimers, slaScheduler, type Timers } from './slaScheduler';
import { ticketService } from './tickets';
import { userDirectory } from './users';

// The desk's back end behind the API contract. Each method is implemented once, here; the
// hosts (Electron IPC, the WebSocket bridge, the CLI, tests) only carry calls to a
// Connection, which validates the input, checks who is signed in, runs the handler and
// turns every failure into a typed error. Nothing here knows about a transport.

export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
}
const isAdjustable = (c: Clock): c is AdjustableClock => typeof (c as Partial<AdjustableClock>).advance === 'function';

/** A clock that moves only when told to: starts at `start`, then follows advance(). */
export function manualClock(start: number): AdjustableClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export interface DeskOptions {
  /** Folder holding tagdesk.sqlite (created when missing), or ':memory:' for tests. */
  dataDir: string;
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
  connect(onPush: (push: Push) => void): Connection;
  close(): void;
}

interface Session {
  user: User | null;
}

type Handlers = {
  [M in Method]: (session: Session, input: z.output<(typeof api)[M]['input']>) => Output<M> | Promise<Output<M>>;
};

export async function openDesk(options: DeskOptions): Promise<Desk> {
  const clock = options.clock ?? (options.testClock ? manualClock(Date.now()) : systemClock);
  const database = await openDatabase(options.dataDir);
  const db = new Sql(database.sqlite, database.kysely);
  const k = db.kysely;
  const listeners = new Map<(push: Push) => void, Session>();
  // While demo data is generated nobody needs thousands of per-ticket pushes: one
  // 'desk.changed' follows instead.
  let quiet = false;
  const push = <E extends PushEventName>(event: E, payload: PushPayload<E>) => {
    if (quiet) return;
    // Privacy: a ticket's news goes only to people who may see its segment (signed in).
    const segment = 'segment' in payload ? String(payload.segment) : null;
    for (const [send, session] of listeners) {
      if (segment !== null && (!session.user || !maySee(session.user, segment))) continue;
      send({ event, payload });
    }
  };

  const users = userDirectory(db);
  const sla = slaStore(db);
  sla.ensureDefaults(clock.now());
  const tickets = ticketService(db, {
    reopenWindowMs: options.reopenWindowMs,
    sla,
    clock,
    onChange: (c) => {
      if (quiet) return;
      push('ticket.changed', c);
      scheduler.poke();
    },
    onSlaAlert: (a) => push('sla.warning', a),
  });
  const scheduler = slaScheduler(db, tickets, clock, options.testClock ? null : (options.timers ?? realTimers));
  const view = customerViewReader(db, tickets.toRow);
  const deskCountry = countryOf(options.country) ?? DEFAULT_COUNTRY;
  const lookup = lookupService(db, view, deskCountry);
  const records = customerRecords(db, deskCountry);
  const privacy = customerPrivacy(db);
  const audit = accessLog(db);
  privacy.applyRetention(privacy.retentionDays(), clock.now());

  const isInitialized = () => db.get(k.selectFrom('meta').select('value').where('key', '=', 'initialized')) !== undefined;
  const count = (table: 'customers' | 'tickets') => Number(db.get(k.selectFrom(table).select((eb) => eb.fn.countAll().as('n')))?.n ?? 0);
  const status = () => ({ initialized: isInitialized(), customers: count('customers'), tickets: count('tickets'), dataDir: options.dataDir });

  const initialize = (mode: 'demo' | 'empty', seed: number, customers: number) => {
    if (isInitialized()) throw new ApiError('conflict', 'This desk already has data.');
    const now = clock.now();
    if (mode === 'demo') {
      quiet = true;
      try {
        seedDemo(db, users, tickets, { seed, customers, now });
      } finally {
        quiet = false;
      }
    } else {
      // An empty desk still needs someone to sign in as: an admin to set it up, and a
      // supervisor and an agent to start working.
      db.write(() => {
        users.create({ name: 'Desk admin', email: 'admin@tagdesk.local', role: 'admin', tier: 1, segments: [] }, now);
        users.create({ name: 'Supervisor', email: 'supervisor@tagdesk.local', role: 'supervisor', tier: 3, segments: SEGMENTS }, now);
        users.create({ name: 'First-line agent', email: 'agent@tagdesk.local', role: 'agent', tier: 1, segments: SEGMENTS }, now);
        db.run(k.insertInto('meta').values({ key: 'initialized', value: JSON.stringify({ mode, at: now }) }));
      });
    }
    push('desk.changed', { reason: 'initialized' });
    scheduler.tick();
    return status();
  };
  if (options.demo && !isInitialized()) initialize('demo', options.demoSeed ?? 42, options.demoCustomers ?? 400);

  const signedIn = (s: Session): User => {
    if (!s.user) throw new ApiError('unauthenticated', 'Sign in first.');
    return s.user;
  };
  const actor = (s: Session): Actor => actorOf(signedIn(s));
  /** Privacy: people see the customers and tickets of the segments they work, nothing else. */
  const maySee = (u: User, segment: string): boolean =>
    u.role === 'supervisor' || u.role === 'admin' || (u.segments as readonly string[]).includes(segment);
  const visibleQueues = (u: User): QueueKey[] | 'all' =>
    u.role === 'supervisor' || u.role === 'admin' ? 'all' : u.segments.map((segment) => ({ segment, tier: u.tier }));
  const requireSupervisor = (u: User) => {
    if (u.role !== 'supervisor' && u.role !== 'admin') throw new ApiError('forbidden', 'Only supervisors can see this.');
  };
  const requireAdmin = (u: User) => {
    if (u.role !== 'admin') throw new ApiError('forbidden', 'Only admins can change SLA policies and calendars.');
  };
  const requireImporter = (u: User) => {
    if (u.role !== 'admin') throw new ApiError('forbidden', 'Only admins can import records.');
  };
  const detailFor = (s: Session, ticketId: string) => {
    const u = signedIn(s);
    const d = tickets.detail(ticketId, u.role === 'admin' ? null : actorOf(u), clock.now(), users.names());
    if (!d) throw new ApiError('not_found', 'That ticket does not exist.');
    if (!maySee(u, d.ticket.segment)) throw new ApiError('forbidden', 'This ticket belongs to a segment you do not work.');
    return d;
  };

  let dryRun: { session: Session; done: Promise<void> } | null = null;

  const handlers: Handlers = {
    'desk.status': () => status(),
    'desk.initialize': (_s, i) => initialize(i.mode, i.seed, i.customers),
    'session.users': () => users.list().filter((u) => u.active),
    'session.signIn': (s, i) => {
      const u = users.get(i.userId);
      if (!u || !u.active) throw new ApiError('not_found', 'No such person on this desk.');
      s.user = u;
      return u;
    },
    'session.signOut': (s) => {
      s.user = null;
      return null;
    },
    'session.me': (s) => s.user,
    'lookup.search': (s, i) => {
      const u = signedIn(s);
      const r = lookup(i.query, clock.now());
      if (r.kind === 'match' && !maySee(u, r.view.customer.segment)) {
        return { kind: 'none', message: `${r.view.customer.name} is served by the ${r.view.customer.segment.replace('_', ' ')} team; transfer the caller there.` };
      }
      if (r.kind === 'candidates') return { kind: 'candidates', candidates: r.candidates.filter((c) => maySee(u, c.segment)) };
      if (r.kind === 'match') audit.opened(u.id, r.view.customer.id, 'lookup', null, clock.now());
      return r;
    },
    'customers.view': (s, i) => {
      const u = signedIn(s);
      const v = view(records.resolve(i.customerId), i.assetId, clock.now());
      if (!v) throw new ApiError('not_found', 'That customer does not exist.');
      if (!maySee(u, v.customer.segment)) throw new ApiError('forbidden', 'This customer belongs to a segment you do not work.');
      audit.opened(u.id, v.customer.id, 'view', null, clock.now());
      return v;
    },
    'tickets.create': (s, i) => {
      const id = tickets.create(actor(s), { ...i, at: clock.now() });
      return detailFor(s, id);
    },
    'tickets.get': (s, i) => {
      const d = detailFor(s, i.ticketId);
      audit.opened(signedIn(s).id, d.customer.id, 'ticket', d.ticket.id, clock.now());
      return d;
    },
    'tickets.act': (s, i) => {
      if (i.command.type === 'SLA_WARNING' || i.command.type === 'SLA_BREACH') {
        throw new ApiError('forbidden', 'SLA events come from the scheduler, not from people.');
      }
      // Only the segment check before writing; the full detail is built once, after.
      const u = signedIn(s);
      const row = tickets.ticketById(i.ticketId);
      if (!row) throw new ApiError('not_found', 'That ticket does not exist.');
      if (!maySee(u, row.segment)) throw new ApiError('forbidden', 'This ticket belongs to a segment you do not work.');
      const assignee = i.command.type === 'ASSIGN' ? users.get(i.command.assigneeId) : null;
      tickets.act(actor(s), i.ticketId, i.command, clock.now(), i.expectedVersion, assignee);
      return detailFor(s, i.ticketId);
    },
    'queues.list': (s) => tickets.queueSummaries(visibleQueues(signedIn(s))),
    'queues.tickets': (s, i) => {
      const u = signedIn(s);
      const visible = visibleQueues(u);
      if (visible !== 'all' && !visible.some((q) => q.segment === i.segment && q.tier === i.tier)) {
        throw new ApiError('forbidden', 'That queue is not one of yours.');
      }
      const summary = tickets.queueSummaries([{ segment: i.segment, tier: i.tier }])[0];
      return { rows: tickets.queueRows(i, i.limit, i.offset, i.order), total: summary?.open ?? 0 };
    },
    'queues.takeNext': (s, i) => {
      const u = signedIn(s);
      const visible = visibleQueues(u);
      const candidates = (visible === 'all' ? tickets.queueSummaries('all') : tickets.queueSummaries(visible))
        .filter((q) => (i.segment === undefined || q.segment === i.segment) && (i.tier === undefined || q.tier === i.tier))
        .filter((q) => u.role === 'supervisor' || q.tier === u.tier);
      for (const q of candidates) {
        const id = tickets.takeNext(actorOf(u), q, clock.now());
        if (id) return detailFor(s, id);
      }
      return null;
    },
    'inbox.mine': (s) => tickets.assignedTo(signedIn(s).id),
    'supervisor.overview': (s) => {
      requireSupervisor(signedIn(s));
      return tickets.overview(users.list(), clock.now());
    },
    'supervisor.tickets': (s, i) => {
      requireSupervisor(signedIn(s));
      return tickets.drill(i, clock.now());
    },
    'sla.settings': (s) => {
      requireSupervisor(signedIn(s));
      return { calendars: sla.calendars(), policies: sla.policies() };
    },
    'sla.saveCalendar': (s, i) => {
      requireAdmin(signedIn(s));
      return sla.saveCalendar(i, clock.now());
    },
    'sla.savePolicy': (s, i) => {
      requireAdmin(signedIn(s));
      return sla.savePolicy(i, clock.now());
    },
    'sla.recompute': (s) => {
      requireAdmin(signedIn(s));
      const n = tickets.recomputeOpen(clock.now());
      scheduler.poke();
      return { tickets: n };
    },
    'dev.advanceClock': (_s, i) => {
      if (!options.testClock || !isAdjustable(clock)) throw new ApiError('forbidden', 'This desk runs on real time; start it with a test clock to move time.');
      clock.advance(i.ms);
      return { now: clock.now(), sent: scheduler.tick() };
    },
    'users.list': (s) => {
      signedIn(s);
      return users.list();
    },
    ...customerHandlers({ records, privacy, audit, signedIn, maySee, now: () => clock.now() }),
    'import.peek': (s, i) => {
      requireImporter(signedIn(s));
      const r = recognise(i.file, i.from);
      return r.ok ? { kind: r.kind, columns: csvColumns(i.file), problem: null } : { kind: null, columns: [], problem: r.reason };
    },
    'import.run': async (s, i) => {
      requireImporter(signedIn(s));
      const rejectsPath = i.rejectsPath ?? path.join(options.dataDir === ':memory:' ? os.tmpdir() : options.dataDir, 'imports', `rejects-${new Date(clock.now()).toISOString().replace(/[:.]/g, '-')}.jsonl`);
      // A dry run writes everything inside one transaction it rolls back at the end; every
      // other call waits for it, so none reads its rows or writes into it.
      let release = () => {};
      if (i.dryRun) {
        while (dryRun) await dryRun.done;
        dryRun = { session: s, done: new Promise<void>((resolve) => (release = resolve)) };
      }
      let summary;
      try {
        summary = await runImport(
          { db, tickets, users, deskCountry, now: () => clock.now() },
          { from: i.from, files: i.files, dryRun: i.dryRun, mapping: i.mapping, rejectsPath, onProgress: (p) => push('import.progress', p) },
        );
      } finally {
        if (i.dryRun) {
          dryRun = null;
          release();
        }
      }
      if (!i.dryRun) push('desk.changed', { reason: 'imported' });
      scheduler.poke();
      return summary;
    },
  };

  async function call(session: Session, method: string, input: unknown): Promise<CallResult> {
    while (dryRun && dryRun.session !== session) await dryRun.done;
    if (!Object.hasOwn(api, method)) return fail(new ApiError('unknown_method', `There is no method "${method}".`));
    const m = method as Method;
    const spec = api[m];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) return fail(new ApiError('invalid_input', firstMessage(parsed.error), issuesOf(parsed.error)));
    if (!spec.public && !session.user) return fail(new ApiError('unauthenticated', 'Sign in first.'));
    try {
      const handler = handlers[m] as (s: Session, i: unknown) => unknown;
      return { ok: true, result: await handler(session, parsed.data) };
    } catch (e) {
      if (e instanceof ApiError) return fail(e);
      console.error(`tagdesk: ${method} failed`, e);
      return fail(new ApiError('internal', 'Something went wrong on the desk; nothing was saved. Try again, and tell your admin if it keeps happening.'));
    }
  }

  // Whatever fell due while the desk was stopped is sent now, once.
  scheduler.start();

  return {
    dataDir: options.dataDir,
    clock,
    db: database,
    scheduler,
    connect(onPush) {
      const session: Session = { user: null };
      listeners.set(onPush, session);
      return {
        call: (method, input) => call(session, method, input),
        close: () => listeners.delete(onPush),
      };
    },
    close() {
      scheduler.stop();
      audit.stop();
      listeners.clear();
      database.close();
    },
  };
}

const fail = (e: ApiError): CallResult => ({ ok: false, error: e.toJSON() });
const firstMessage = (e: z.ZodError): string => {
  const i = e.issues[0];
  return i ? `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}` : 'Invalid input.';
};
