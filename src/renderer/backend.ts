import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Input, Method, Output, PushPayload } from '../shared/api';
import { client, transport } from './client';
import { coalescer } from './coalesce';
import { sharedReads } from './sharedReads';
import { t, type Vars } from './i18n';
import { translatedProblem, type Problem } from './sayMessage';

// How screens talk to the back end: call() (typed, re-signs in once when a reconnected
// transport lost the session), problemOf() (any rejection as something to show), and
// useCall() (load on mount, refetch live when a ticket changes).

export type { Problem } from './sayMessage';
export { problemNow } from './sayMessage';

export type TicketChange = PushPayload<'ticket.changed'>;

export function problemOf(error: unknown): Problem {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'internal';
    const rawIssues: unknown = 'issues' in error ? error.issues : undefined;
    const issues = Array.isArray(rawIssues) ? rawIssues.filter(isIssue) : [];
    const key = 'key' in error && typeof error.key === 'string' ? error.key : null;
    const rawParams: unknown = 'params' in error ? error.params : undefined;
    const params = typeof rawParams === 'object' && rawParams !== null ? (rawParams as Vars) : undefined;
    return translatedProblem(code, error.message || t('error.unknown'), issues, key, params);
  }
  return { code: 'internal', message: t('error.unknown'), issues: [] };
}

function isIssue(value: unknown): value is Problem['issues'][number] {
  return (
    typeof value === 'object' &&
    value !== null &&
    'message' in value &&
    typeof value.message === 'string' &&
    'path' in value &&
    typeof value.path === 'string'
  );
}

/** The message for one form field: issues whose path ends with the field's name. */
export function issueFor(problem: Problem | null, field: string): string | undefined {
  const found = problem?.issues.find((i) => i.path === field || i.path.endsWith(`.${field}`));
  return found?.message;
}

/** Issues that belong to no field on the form, shown with the main message. */
export function otherIssues(problem: Problem | null, fields: readonly string[]): string[] {
  return (problem?.issues ?? [])
    .filter((i) => !fields.some((f) => i.path === f || i.path.endsWith(`.${f}`)))
    .map((i) => i.message);
}

/**
 * What a form's alert says: for invalid input whose every issue sits under its field, a
 * short "fix the marked fields" (the back end's message would repeat them); otherwise the
 * back end's message.
 */
export function headline(problem: Problem, unplaced: string[]): string {
  return problem.code === 'invalid_input' && problem.issues.length > 0 && unplaced.length === 0 ? t('act.fixFields') : problem.message;
}

type RawCall = (method: string, input?: unknown) => Promise<unknown>;
let reauthenticate: ((why: Problem) => Promise<boolean>) | null = null;

/** The session gate registers how to sign back in (the remembered user) after a reconnect; `why` is the desk's refusal. */
export function setReauthenticate(fn: ((why: Problem) => Promise<boolean>) | null): void {
  reauthenticate = fn;
}

/**
 * One sign-back-in for every call the desk refused at once (a screen asks several things when
 * the desk changes): each resumed with the window's secret, the first refusal used it up and
 * the others' "your session has ended" replaced the reason the first was told (a deactivated
 * account).
 */
let signingBackIn: Promise<boolean> | null = null;
function signBackInOnce(fn: (why: Problem) => Promise<boolean>, why: Problem): Promise<boolean> {
  signingBackIn ??= fn(why).finally(() => {
    signingBackIn = null;
  });
  return signingBackIn;
}

export async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  try {
    return await callDesk(method, input);
  } finally {
    // Most calls change something (a read here only loses a share): what was on its way answers from before.
    reads.changed();
  }
}

async function callDesk<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
  const raw = client.call as unknown as RawCall;
  // What one person was shown is never painted for the next one from memory.
  if (method === 'session.signIn' || method === 'session.signOut') kept.clear();
  try {
    return stampSla(await raw(method, input)) as Output<M>;
  } catch (error) {
    const why = problemOf(error);
    if (why.code === 'unauthenticated' && !method.startsWith('session.') && reauthenticate && (await signBackInOnce(reauthenticate, why))) {
      return stampSla(await raw(method, input)) as Output<M>;
    }
    throw error;
  }
}

// ---- SLA countdowns -----------------------------------------------------------------------
// A ticket's `sla.remainingMs` is true when the reply arrives. Each SLA object is stamped
// with that moment (performance.now(), immune to the wall clock being changed), so a
// countdown can tick down locally from the right starting point however late it is drawn.

const slaReceivedAt = new WeakMap<object, number>();

function stampSla<T>(result: T): T {
  const at = performance.now();
  const walk = (value: unknown, depth: number): void => {
    if (depth > 6 || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const sla = record['sla'];
    if (typeof sla === 'object' && sla !== null && 'remainingMs' in sla) slaReceivedAt.set(sla, at);
    for (const key of Object.keys(record)) if (key !== 'sla') walk(record[key], depth + 1);
  };
  walk(result, 0);
  return result;
}

/** Milliseconds since this SLA object arrived from the desk (0 if it was never stamped). */
export function slaAgeMs(sla: object, nowPerf: number = performance.now()): number {
  const at = slaReceivedAt.get(sla);
  return at === undefined ? 0 : Math.max(0, nowPerf - at);
}

// ---- live updates -----------------------------------------------------------------------

const ticketListeners = new Set<(change: TicketChange | null) => void>();
let unsubscribe: (() => void) | null = null;

/** Calls back on every ticket change; null means "everything changed" (desk re-initialised). */
export function onTicketChanged(listener: (change: TicketChange | null) => void): () => void {
  if (!unsubscribe) {
    const offTicket = client.on('ticket.changed', (change) => ticketListeners.forEach((l) => l(change)));
    const offDesk = client.on('desk.changed', () => ticketListeners.forEach((l) => l(null)));
    unsubscribe = () => {
      offTicket();
      offDesk();
    };
  }
  ticketListeners.add(listener);
  return () => {
    ticketListeners.delete(listener);
    if (ticketListeners.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = null;
    }
  };
}

/**
 * Calls back when an SLA policy or calendar changes (an admin's save, here or from the hub).
 * For what shows them or figures from them: a ticket's business time left is read on its
 * calendar, so rows showing it (a queue, My tickets, a customer's open tickets) read again.
 */
export function onSlaSettingsChanged(listener: (change: PushPayload<'sla.settingsChanged'>) => void): () => void {
  return client.on('sla.settingsChanged', listener);
}

/** Calls back with the desk's backups whenever one starts, moves on, ends or fails, or their settings change (admins only). */
export function onBackupsChanged(listener: (status: PushPayload<'backups.changed'>) => void): () => void {
  return client.on('backups.changed', listener);
}

/** After a reconnect nothing on screen can be trusted: every live view refetches. */
export function refreshEverything(): void {
  ticketListeners.forEach((l) => l(null));
}

export interface Loaded<T> {
  data: T | undefined;
  problem: Problem | null;
  loading: boolean;
  refetch: () => Promise<void>;
  /**
   * Shows `data` as this input's answer now: what a write replied with (a ticket action answers
   * with the ticket's page), so the screen need not ask again. A load still on its way is dropped.
   */
  show: (data: T) => void;
}

export interface UseCallOptions {
  /** Refetch when a ticket changes; return false to ignore a change that cannot matter here. */
  live?: boolean | ((change: TicketChange) => boolean);
  /**
   * Also refetch when this customer's record changes (an edit, merge or erasure, here or
   * arriving from the hub): a page showing an erased customer must not keep their details.
   * A test instead of an id follows every customer it accepts: a list naming several (the
   * board's follow-ups, a drill's rows; see namedCustomers.ts) follows each one it shows.
   */
  customerId?: string | ((customerId: string) => boolean);
  /** Also refetch on SLA warnings and breaches (with `live`). */
  slaWarnings?: boolean;
  /**
   * Also refetch when an SLA policy or calendar changes (an admin's save, here or arriving
   * from the hub): for what shows them or figures from them (a ticket row's time left is read
   * on its calendar). Other views do not hear of it. A test is asked when the change comes:
   * false lets it pass unread (the settings page saving, which reads once its save answers; or
   * a re-time done, `retimed`, which moved tickets' figures, not the settings).
   */
  slaSettings?: boolean | ((change: PushPayload<'sla.settingsChanged'>) => boolean);
  /**
   * Also refetch when a satisfaction score is recorded, imported or followed up (here or
   * arriving from the hub): a score is not a ticket change, so `live` does not hear of it.
   */
  csatScores?: boolean;
  /** A burst of changes refetches at once, then at most once per this window (default 120 ms). */
  debounceMs?: number;
  /**
   * Keep the answer in memory (see keepRead): a screen mounted again, or one whose answer
   * came with another call (the lookup's 360° view), paints it at once; an answer older than
   * a moment is then refetched quietly behind it.
   */
  keep?: boolean;
}

/**
 * Loads method(input) while mounted and whenever the input changes (compared by value);
 * input null means "not yet". With `live`, refetches quietly (keeping what is shown) when
 * tickets change, coalescing bursts.
 */
export function useCall<M extends Method>(method: M, input: Input<M> | null, options: UseCallOptions = {}): Loaded<Output<M>> {
  const key = input === null ? null : JSON.stringify(input);
  const keep = options.keep ?? false;
  const [state, setState] = useState<{ key: string | null; data: Output<M> | undefined; problem: Problem | null; loading: boolean }>(() => {
    const held = keep && key !== null ? keptRead(method, key) : undefined;
    // Loading from the first render: the effect that starts the call then changes nothing, so
    // a screen that mounts with calls of its own is not drawn twice before its first frame.
    return held ? { key, data: held.data as Output<M>, problem: null, loading: false } : { key, data: undefined, problem: null, loading: key !== null };
  });
  const latest = useRef(0);
  const liveRef = useRef(options.live);
  liveRef.current = options.live;

  const load = useCallback(
    async (quiet: boolean) => {
      if (key === null) return;
      const id = ++latest.current;
      if (!quiet) setState((s) => (s.key === key && s.loading && s.problem === null ? s : { ...s, key, loading: true, problem: null, data: s.key === key ? s.data : undefined }));
      try {
        const data = await sharedRead(method, key);
        if (keep) keepAnswer(method, key, data);
        if (id === latest.current) setState({ key, data, problem: null, loading: false });
      } catch (error) {
        if (id === latest.current) setState((s) => ({ key, data: s.key === key ? s.data : undefined, problem: problemOf(error), loading: false }));
      }
    },
    [method, key, keep],
  );

  useEffect(() => {
    if (key === null) return;
    const held = keep ? keptRead(method, key) : undefined;
    if (!held) {
      void load(false);
      return;
    }
    // Shown from memory: take it as this key's state (no flash of "loading"), and refetch
    // behind it unless it has only just arrived.
    setState((s) => (s.key === key ? s : { key, data: held.data as Output<M>, problem: null, loading: false }));
    if (!held.fresh) void load(true);
  }, [load, keep, method, key]);

  const debounceMs = options.debounceMs ?? 120;
  const slaWarnings = options.slaWarnings ?? false;
  // A test is read when a change arrives (it follows what is shown now), an id is compared.
  const customersRef = useRef(options.customerId);
  customersRef.current = options.customerId;
  const followed = typeof options.customerId === 'function' ? true : options.customerId;
  useEffect(() => {
    if (followed === undefined || key === null) return;
    const refetch = coalescer(() => void load(true), debounceMs);
    const off = client.on('customer.changed', (c) => {
      const follows = customersRef.current;
      if (typeof follows === 'function' ? follows(c.customerId) : c.customerId === follows) refetch.trigger();
    });
    return () => {
      refetch.cancel();
      off();
    };
  }, [followed, key, load, debounceMs]);
  const slaRef = useRef(options.slaSettings);
  slaRef.current = options.slaSettings;
  const slaSettings = options.slaSettings !== undefined && options.slaSettings !== false;
  const csatScores = options.csatScores ?? false;
  useEffect(() => {
    if ((!slaSettings && !csatScores) || key === null) return;
    const refetch = coalescer(() => void load(true), debounceMs);
    const later = () => refetch.trigger();
    const offSla = slaSettings
      ? onSlaSettingsChanged((change) => {
          const wanted = slaRef.current;
          if (typeof wanted !== 'function' || wanted(change)) later();
        })
      : () => {};
    const offCsat = csatScores ? client.on('csat.changed', later) : () => {};
    return () => {
      refetch.cancel();
      offSla();
      offCsat();
    };
  }, [slaSettings, csatScores, key, load, debounceMs]);
  useEffect(() => {
    if (!options.live || key === null) return;
    const refetch = coalescer(() => void load(true), debounceMs);
    const later = () => refetch.trigger();
    const off = onTicketChanged((change) => {
      const live = liveRef.current;
      if (change && typeof live === 'function' && !live(change)) return;
      later();
    });
    const offSla = slaWarnings ? client.on('sla.warning', later) : () => {};
    return () => {
      refetch.cancel();
      off();
      offSla();
    };
  }, [options.live !== undefined && options.live !== false, key, load, debounceMs, slaWarnings]);

  const refetch = useCallback(() => load(true), [load]);
  const show = useCallback(
    (data: Output<M>) => {
      if (key === null) return;
      latest.current++;
      if (keep) keepAnswer(method, key, data);
      setState({ key, data, problem: null, loading: false });
    },
    [method, key, keep],
  );
  const current = state.key === key;
  // A new key with an answer in memory paints it in this very render, not one effect later.
  const held = !current && keep && key !== null ? keptRead(method, key) : undefined;
  return {
    data: current ? state.data : (held?.data as Output<M> | undefined),
    problem: current ? state.problem : null,
    loading: key !== null && !held && (!current || state.loading),
    refetch,
    show,
  };
}

// ---- answers kept in memory ---------------------------------------------------------------
// A few recent answers of screens that asked to keep them (useCall's `keep`), newest last.
// An answer that arrived with another call (the lookup answers with the 360° view) is put
// here too, so the screen it opens paints without asking again.

const KEPT_MAX = 32;
/** An answer this young is shown as it is, without refetching. */
const FRESH_MS = 2_000;
const kept = new Map<string, { data: unknown; at: number }>();

/** Keeps `data` as the answer to method(input), as if a screen had just loaded it. */
export function keepRead<M extends Method>(method: M, input: Input<M>, data: Output<M>): void {
  keepAnswer(method, JSON.stringify(input), data);
}

function keepAnswer(method: Method, key: string, data: unknown): void {
  const id = `${method} ${key}`;
  kept.delete(id);
  kept.set(id, { data, at: performance.now() });
  if (kept.size > KEPT_MAX) kept.delete(kept.keys().next().value!);
}

function keptRead(method: Method, key: string): { data: unknown; fresh: boolean } | undefined {
  const entry = kept.get(`${method} ${key}`);
  return entry && { data: entry.data, fresh: performance.now() - entry.at < FRESH_MS };
}

// Every push says something changed (a ticket, a customer, a setting): subscribed here, when
// the module loads, it is heard before any screen's listener asks again because of it.
const reads = sharedReads();
transport.subscribe(() => reads.changed());

/** Two views asking for the same thing at the same moment (the nav and a page) share one call, unless something changed since it started (sharedReads.ts). */
function sharedRead<M extends Method>(method: M, key: string): Promise<Output<M>> {
  return reads.read(`${method} ${key}`, () => callDesk(method, JSON.parse(key) as Input<M>));
}

// One shared minute tick for every countdown on screen (a table of them needs one timer).
const tickListeners = new Set<() => void>();
let tickTimer: ReturnType<typeof setInterval> | undefined;
let tickValue = performance.now();

function subscribeTick(listener: () => void): () => void {
  tickListeners.add(listener);
  if (!tickTimer) {
    tickTimer = setInterval(() => {
      tickValue = performance.now();
      tickListeners.forEach((l) => l());
    }, 60_000);
  }
  return () => {
    tickListeners.delete(listener);
    if (tickListeners.size === 0 && tickTimer) {
      clearInterval(tickTimer);
      tickTimer = undefined;
    }
  };
}

/** performance.now(), refreshed once a minute: re-renders countdowns, nothing else. */
export function useMinuteTick(): number {
  return useSyncExternalStore(subscribeTick, () => tickValue);
}

/** The current time, ticking every `everyMs`, for ages and due times. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
