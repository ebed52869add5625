import { useEffect, useMemo, useState } from 'react';
import { agentSlaSchema, attainmentTargetSchema, attainmentWindowSchema, drillFilterSchema, type AgentSla, type AttainmentWindow, type DrillFilter, type DrillOrder } from '../shared/api';
import { SEGMENTS, type Segment, type Tier } from '../shared/domain';
import { arrivalState, cameFromApp, pushedState, replacedState } from './inAppHistory';
import type { AuditFilter } from './admin/auditFilter';

// The route lives in the URL hash, so a reload (or a copied link) lands on the same screen:
// #/ticket/<id>, #/customer/<id>?asset=<id>&by=tag, #/queues/<segment>/<tier>, #/overview,
// #/overview?show=atRisk&segment=government&tier=1 (a drill-down; also &order=age, the
// queue oldest first; show=agent&agent=<id>[&sla=atRisk|breached]; show=attainment&segment=…&target=…&window=week),
// #/admin/sla,
// #/admin/sla/policy/<id> (or /new), #/admin/sla/calendar/<id> (or /new)...

/** The tickets behind one number on the supervisor's board. */
export type Drill = QueueDrill | AgentDrill | AttainmentDrill | ResolvedDrill | CsatDrill;
/** A count of a queue, a segment, a tier or all; order 'age' is the "oldest" figure. */
export interface QueueDrill {
  filter: DrillFilter;
  segment: Segment | null;
  tier: Tier | null;
  order?: DrillOrder;
}
/** An agent's load: their open tickets; with `sla`, only those at risk or breached. */
export interface AgentDrill {
  filter: 'agent';
  assigneeId: string;
  sla?: AgentSla;
  /** 'age': oldest first (the drawer's toggle); soonest due first otherwise. */
  order?: DrillOrder;
}
/** A first-response or resolution attainment figure of a segment, today or over 7 days. */
export interface AttainmentDrill {
  filter: 'attainment';
  segment: Segment;
  target: 'firstResponse' | 'resolution';
  window: AttainmentWindow;
}

/** "Resolved today": the tickets resolved on the centre's day (in its time zone) and resolved still. */
export interface ResolvedDrill {
  filter: 'resolved';
}
/** A satisfaction cell: the scored tickets of a segment and tier (the last 4 weeks). */
export interface CsatDrill {
  filter: 'csat';
  segment: Segment;
  tier: Tier;
}

export type Route =
  | { name: 'home' }
  | { name: 'ticket'; ticketId: string }
  /**
   * `ticket`: the ticket number the lookup found the customer by (T-000123), marked on the 360° view;
   * `query`: what was looked up to find them, which the lookup field shows on coming back to the page.
   */
  | { name: 'customer'; customerId: string; assetId: string | null; matchedBy: string | null; ticket?: string | null; query?: string | null; fix?: string | null }
  | { name: 'lookup'; query: string }
  | { name: 'queues'; segment: Segment | null; tier: Tier | null }
  | { name: 'overview'; drill?: Drill | null }
  /** The supervisor's end-of-shift report (printable, with its CSV). */
  | { name: 'dayReport' }
  | { name: 'slaSettings' }
  | { name: 'slaPolicy'; id: string | null }
  | { name: 'slaCalendar'; id: string | null }
  | { name: 'hubUsers' }
  | { name: 'backups' }
  /** The centre's desks as the hub knows them (admins). */
  | { name: 'desks' }
  | { name: 'kb'; query: string }
  | { name: 'kbArticle'; articleId: string }
  | { name: 'kbEdit'; articleId: string | null; fromTicket: string | null }
  | { name: 'register'; query: string }
  /** `chosen`: the agent chose which record is kept (else the screen keeps the one with more history). */
  | { name: 'merge'; survivorId: string; mergedId: string; chosen?: boolean }
  /** Customer data; `tab`: the tab shown; `privacyFor`: the customer whose export or erasure an admin is asked for. */
  | { name: 'dataQuality'; tab?: DataTab | null; privacyFor?: string | null; audit?: AuditFilter | null }
  | { name: 'conflicts' }
  | { name: 'notFound'; path: string };

/** The tabs of Customer data, each its own address so a reload or a link keeps it. */
export const DATA_TABS = ['quality', 'audit', 'import', 'privacy'] as const;
export type DataTab = (typeof DATA_TABS)[number];
const dataTabOf = (value: string | null): DataTab | null => DATA_TABS.find((tab) => tab === value) ?? null;

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', queryPart = ''] = raw.split('?');
  const query = new URLSearchParams(queryPart);
  const parts = pathPart.split('/').filter(Boolean).map(safeDecode);
  const [head, a, b] = parts;
  if (parts.length === 0 || head === 'mine') return { name: 'home' };
  if (head === 'ticket' && a) return { name: 'ticket', ticketId: a };
  if (head === 'customer' && a === 'new') return { name: 'register', query: query.get('q') ?? '' };
  if (head === 'merge' && a && b) return { name: 'merge', survivorId: a, mergedId: b, chosen: query.get('chosen') === '1' };
  if (head === 'admin' && a === 'quality') {
    const tab = dataTabOf(query.get('tab'));
    const audit = { customer: query.get('customer') ?? '', who: query.get('who') ?? '', from: query.get('from') ?? '', to: query.get('to') ?? '' };
    return { name: 'dataQuality', tab, privacyFor: query.get('privacy'), audit: tab === 'audit' ? audit : null };
  }
  if (head === 'sync' && a === 'conflicts') return { name: 'conflicts' };
  if (head === 'customer' && a) return { name: 'customer', customerId: a, assetId: query.get('asset'), matchedBy: query.get('by'), ticket: query.get('ticket'), query: query.get('q'), fix: query.get('fix') };
  if (head === 'lookup') return { name: 'lookup', query: query.get('q') ?? '' };
  if (head === 'overview' && a === 'day') return { name: 'dayReport' };
  if (head === 'overview') return { name: 'overview', drill: drillOf(query) };
  if (head === 'admin' && a === 'users' && parts.length === 2) return { name: 'hubUsers' };
  if (head === 'admin' && a === 'backups' && parts.length === 2) return { name: 'backups' };
  if (head === 'admin' && a === 'desks' && parts.length === 2) return { name: 'desks' };
  if (head === 'kb') {
    if (a === 'new') return { name: 'kbEdit', articleId: null, fromTicket: query.get('from') };
    if (a && b === 'edit') return { name: 'kbEdit', articleId: a, fromTicket: null };
    if (a) return { name: 'kbArticle', articleId: a };
    return { name: 'kb', query: query.get('q') ?? '' };
  }
  if (head === 'admin' && a === 'sla') {
    const [, , kind, id] = parts;
    if (kind === undefined) return { name: 'slaSettings' };
    if ((kind === 'policy' || kind === 'calendar') && id) {
      return { name: kind === 'policy' ? 'slaPolicy' : 'slaCalendar', id: id === 'new' ? null : id };
    }
  }
  if (head === 'queues') {
    const segment = SEGMENTS.find((s) => s === a) ?? null;
    const tierNumber = Number(b);
    const tier = tierNumber === 1 || tierNumber === 2 || tierNumber === 3 ? tierNumber : null;
    return { name: 'queues', segment, tier: segment ? tier : null };
  }
  return { name: 'notFound', path: pathPart };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'ticket':
      return `#/ticket/${encodeURIComponent(route.ticketId)}`;
    case 'customer': {
      const q = new URLSearchParams();
      if (route.assetId) q.set('asset', route.assetId);
      if (route.matchedBy) q.set('by', route.matchedBy);
      if (route.ticket) q.set('ticket', route.ticket);
      if (route.query) q.set('q', route.query);
      // A data-quality fix to open on arrival (customer/fixDialog.ts).
      if (route.fix) q.set('fix', route.fix);
      const qs = q.toString();
      return `#/customer/${encodeURIComponent(route.customerId)}${qs ? `?${qs}` : ''}`;
    }
    case 'lookup':
      return `#/lookup?${new URLSearchParams({ q: route.query }).toString()}`;
    case 'queues':
      return route.segment && route.tier ? `#/queues/${route.segment}/${route.tier}` : '#/queues';
    case 'overview': {
      const drill = route.drill;
      if (!drill) return '#/overview';
      const q = new URLSearchParams({ show: drill.filter });
      if (drill.filter === 'agent') {
        q.set('agent', drill.assigneeId);
        if (drill.sla) q.set('sla', drill.sla);
        if (drill.order === 'age') q.set('order', 'age');
      } else if (drill.filter === 'resolved') {
        // show=resolved alone.
      } else if (drill.filter === 'csat') {
        q.set('segment', drill.segment);
        q.set('tier', String(drill.tier));
      } else if (drill.filter === 'attainment') {
        q.set('segment', drill.segment);
        q.set('target', drill.target);
        q.set('window', drill.window);
      } else {
        if (drill.segment) q.set('segment', drill.segment);
        if (drill.tier) q.set('tier', String(drill.tier));
        if (drill.order === 'age') q.set('order', 'age');
      }
      return `#/overview?${q.toString()}`;
    }
    case 'dayReport':
      return '#/overview/day';
    case 'slaSettings':
      return '#/admin/sla';
    case 'slaPolicy':
      return `#/admin/sla/policy/${route.id === null ? 'new' : encodeURIComponent(route.id)}`;
    case 'slaCalendar':
      return `#/admin/sla/calendar/${route.id === null ? 'new' : encodeURIComponent(route.id)}`;
    case 'hubUsers':
      return '#/admin/users';
    case 'backups':
      return '#/admin/backups';
    case 'desks':
      return '#/admin/desks';
    case 'kb':
      return route.query ? `#/kb?${new URLSearchParams({ q: route.query }).toString()}` : '#/kb';
    case 'kbArticle':
      return `#/kb/${encodeURIComponent(route.articleId)}`;
    case 'kbEdit':
      if (route.articleId) return `#/kb/${encodeURIComponent(route.articleId)}/edit`;
      return route.fromTicket ? `#/kb/new?${new URLSearchParams({ from: route.fromTicket }).toString()}` : '#/kb/new';
    case 'register':
      return `#/customer/new${route.query ? `?${new URLSearchParams({ q: route.query }).toString()}` : ''}`;
    case 'merge':
      return `#/merge/${encodeURIComponent(route.survivorId)}/${encodeURIComponent(route.mergedId)}${route.chosen ? '?chosen=1' : ''}`;
    case 'dataQuality': {
      // The audit log's filter (who opened whose record, between which days) is kept with it.
      const audit = route.tab === 'audit' && route.audit ? Object.entries(route.audit).filter(([, v]) => v !== '') : [];
      const query = new URLSearchParams({ ...(route.tab && route.tab !== 'quality' ? { tab: route.tab } : {}), ...(route.privacyFor ? { privacy: route.privacyFor } : {}), ...Object.fromEntries(audit) }).toString();
      return query ? `#/admin/quality?${query}` : '#/admin/quality';
    }
    case 'conflicts':
      return '#/sync/conflicts';
    case 'notFound':
      return `#${route.path}`;
  }
}

export const ticketHref = (ticketId: string): string => hrefOf({ name: 'ticket', ticketId });
export const customerHref = (customerId: string, assetId: string | null = null, matchedBy: string | null = null, ticket: string | null = null, query: string | null = null): string =>
  hrefOf({ name: 'customer', customerId, assetId, matchedBy, ticket, query });

/**
 * What the lookup field shows on a page, from its address: the query of a lookup's list, of the
 * customer it found, of the registering it offered; null on a page no lookup led to.
 */
export function lookupQueryOf(route: Route): string | null {
  if (route.name === 'lookup') return route.query;
  if (route.name === 'customer') return route.query ?? null;
  if (route.name === 'register') return route.query || null;
  return null;
}

/**
 * Which page a route shows, as a key: the same customer found by another query is the same
 * page (the query only fills the lookup field), and the board is one page whatever number
 * is drilled into.
 */
export function pageKey(route: Route): string {
  if (route.name === 'overview') return JSON.stringify({ name: 'overview' });
  if (route.name === 'customer') {
    // The fix to open on arrival is taken out of the address once opened: the same page.
    const { query: _query, fix: _fix, ...page } = route;
    return JSON.stringify(page);
  }
  if (route.name === 'dataQuality') {
    // The audit log's filter changes as the admin types: the same page, focus where it was.
    const { audit: _audit, ...page } = route;
    return JSON.stringify(page);
  }
  if (route.name === 'merge') {
    // The two records swapped (which one is kept): the same page, focus where it was.
    return JSON.stringify({ name: 'merge', records: [route.survivorId, route.mergedId].sort() });
  }
  return JSON.stringify(route);
}
/**
 * The address once a data-quality fix has opened its dialog: the same record without `?fix=`,
 * so a reload, Back then Forward, or the address copied does not open the dialog again; null
 * when there is no fix in it.
 */
export function withoutFix(route: Route): Route | null {
  if (route.name !== 'customer' || !route.fix) return null;
  const { fix: _fix, ...rest } = route;
  return rest;
}

export const queueHref = (segment: Segment, tier: Tier): string => hrefOf({ name: 'queues', segment, tier });

export function navigate(to: Route | string, options: { replace?: boolean } = {}): void {
  const href = typeof to === 'string' ? to : hrefOf(to);
  // The screens follow at once; the address bar once the browser is idle (within a fifth of a
  // second). Writing a history entry costs a few milliseconds on the main thread (the browser
  // process is told of it), which would otherwise come before the new page is painted.
  const replace = options.replace === true || href === currentHash();
  if (pending) pending.replace &&= replace;
  else {
    pending = { href, replace };
    requestIdleCallback(writeHistory, { timeout: 200 });
  }
  pending.href = href;
  routeListeners.forEach((l) => l());
}

/** Where navigate() has gone that the address bar does not show yet. */
let pending: { href: string; replace: boolean } | null = null;

// A reload or a closed window before the browser was idle still leaves the screen in the URL.
window.addEventListener('pagehide', writeHistory);

/**
 * Writes the address navigate() has gone to now, not once the browser is idle: before the
 * page's history entry is marked (pageFocus.ts marks the link opened from it), which would
 * otherwise mark the page before's entry.
 */
export function writeAddressNow(): void {
  writeHistory();
}

function writeHistory(): void {
  if (!pending) return;
  const { href, replace } = pending;
  pending = null;
  if (replace) window.history.replaceState(replacedState(window.history.state), '', href);
  // The entry pushed from is the one the address bar shows now (navigations not yet written
  // went into this one), and Back returns to it.
  else window.history.pushState(pushedState(window.location.hash || '#/'), '', href);
}

/** Marks the entry shown now with how it was reached (inAppHistory.ts), unless it says already. */
function markArrival(opened: boolean): void {
  const marked = arrivalState(window.history.state, opened);
  if (marked) window.history.replaceState(marked, '');
}
// The entry the window opened on (a reload keeps its mark).
markArrival(true);

/**
 * Cancel: back to the page this one was opened from, when that is a page of the app; else (the
 * page was opened directly: a pasted link, a new window) to `otherwise`, in this entry's place.
 */
export function backOr(otherwise: string): void {
  writeHistory();
  if (cameFromApp(window.history.state)) window.history.back();
  else navigate(otherwise, { replace: true });
}

/** The route the screens show now. */
export const currentRoute = (): Route => parseHash(currentHash());

/** The hash the screens show: the one navigate() has just gone to, else the address bar's. */
function currentHash(): string {
  return pending?.href ?? window.location.hash;
}

function drillOf(query: URLSearchParams): Drill | null {
  const show = query.get('show');
  const segment = SEGMENTS.find((s) => s === query.get('segment')) ?? null;
  if (show === 'agent') {
    const assigneeId = query.get('agent');
    const sla = agentSlaSchema.safeParse(query.get('sla'));
    return assigneeId ? { filter: 'agent', assigneeId, ...(sla.success ? { sla: sla.data } : {}), ...(query.get('order') === 'age' ? { order: 'age' as const } : {}) } : null;
  }
  if (show === 'attainment') {
    const target = attainmentTargetSchema.safeParse(query.get('target'));
    const window = attainmentWindowSchema.safeParse(query.get('window'));
    return segment && target.success && window.success ? { filter: 'attainment', segment, target: target.data, window: window.data } : null;
  }
  if (show === 'resolved') return { filter: 'resolved' };
  const tierNumber = Number(query.get('tier'));
  const tier = tierNumber === 1 || tierNumber === 2 || tierNumber === 3 ? tierNumber : null;
  if (show === 'csat') return segment && tier ? { filter: 'csat', segment, tier } : null;
  const filter = drillFilterSchema.safeParse(show);
  if (!filter.success) return null;
  return { filter: filter.data, segment, tier, order: query.get('order') === 'age' ? 'age' : 'urgency' };
}

const routeListeners = new Set<() => void>();

/**
 * Back, forward, a typed address or a link: the address bar leads, and a pending write is
 * dropped, even a navigate() made between a link's popstate and its late hashchange (a tab chosen
 * that fast is chosen again). Stop 53 tried keeping such a navigate() and skipping a deferred
 * write once the address had moved: the merge spec's link to a candidate then stayed on the
 * candidates in 2 of 2 fresh-clone CI runs and 1 of 12 local ones (0 of 12 with this rule).
 */
function onBrowserNavigation(): void {
  pending = null;
  // A link or an address typed: a new entry, with no state of its own yet.
  markArrival(false);
  routeListeners.forEach((l) => l());
}

export function subscribeRoute(onChange: () => void): () => void {
  if (routeListeners.size === 0) {
    window.addEventListener('hashchange', onBrowserNavigation);
    window.addEventListener('popstate', onBrowserNavigation);
  }
  routeListeners.add(onChange);
  return () => {
    routeListeners.delete(onChange);
    if (routeListeners.size === 0) {
      window.removeEventListener('hashchange', onBrowserNavigation);
      window.removeEventListener('popstate', onBrowserNavigation);
    }
  };
}

/**
 * The current route. A change renders at default priority, so the new page's effects run after
 * it is painted (useSyncExternalStore would force a synchronous render that runs them first).
 */
export function useRoute(): Route {
  const [hash, setHash] = useState(currentHash);
  useEffect(() => {
    const update = () => setHash(currentHash());
    update();
    return subscribeRoute(update);
  }, []);
  return useMemo(() => parseHash(hash), [hash]);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
