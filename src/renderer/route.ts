import { useSyncExternalStore } from 'react';
import { SEGMENTS, type Segment, type Tier } from '../shared/domain';

// The route lives in the URL hash, so a reload (or a copied link) lands on the same screen:
// #/ticket/<id>, #/customer/<id>?asset=<id>&by=tag, #/queues/<segment>/<tier>, #/overview...

export type Route =
  | { name: 'home' }
  | { name: 'ticket'; ticketId: string }
  | { name: 'customer'; customerId: string; assetId: string | null; matchedBy: string | null }
  | { name: 'lookup'; query: string }
  | { name: 'queues'; segment: Segment | null; tier: Tier | null }
  | { name: 'overview' }
  | { name: 'notFound'; path: string };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', queryPart = ''] = raw.split('?');
  const query = new URLSearchParams(queryPart);
  const parts = pathPart.split('/').filter(Boolean).map(safeDecode);
  const [head, a, b] = parts;
  if (parts.length === 0 || head === 'mine') return { name: 'home' };
  if (head === 'ticket' && a) return { name: 'ticket', ticketId: a };
  if (head === 'customer' && a) return { name: 'customer', customerId: a, assetId: query.get('asset'), matchedBy: query.get('by') };
  if (head === 'lookup') return { name: 'lookup', query: query.get('q') ?? '' };
  if (head === 'overview') return { name: 'overview' };
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
      const qs = q.toString();
      return `#/customer/${encodeURIComponent(route.customerId)}${qs ? `?${qs}` : ''}`;
    }
    case 'lookup':
      return `#/lookup?${new URLSearchParams({ q: route.query }).toString()}`;
    case 'queues':
      return route.segment && route.tier ? `#/queues/${route.segment}/${route.tier}` : '#/queues';
    case 'overview':
      return '#/overview';
    case 'notFound':
      return `#${route.path}`;
  }
}

export const ticketHref = (ticketId: string): string => hrefOf({ name: 'ticket', ticketId });
export const customerHref = (customerId: string, assetId: string | null = null, matchedBy: string | null = null): string =>
  hrefOf({ name: 'customer', customerId, assetId, matchedBy });
export const queueHref = (segment: Segment, tier: Tier): string => hrefOf({ name: 'queues', segment, tier });

export function navigate(to: Route | string, options: { replace?: boolean } = {}): void {
  const href = typeof to === 'string' ? to : hrefOf(to);
  if (options.replace) window.location.replace(href);
  else window.location.hash = href.replace(/^#/, '');
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
