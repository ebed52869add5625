import { say } from '../../../shared/messageKeys';
import type { z } from 'zod';
import { api, ApiError, type Api, type Method, type Output } from '../../../shared/api';
import { actorOf, type Actor, type User } from '../../../shared/domain';

// The API as handler maps: each area (session, lookup, tickets, queues, supervisor, sla,
// desk) declares its reads and its writes as maps of method name to handler, and openDesk
// combines them into the one Handlers map, refusing at start a method declared twice or
// not at all. A reader sees the API's shape by reading the areas' maps.

/** One signed-in window, tab, CLI run or test. */
export interface Session {
  user: User | null;
  /** On a desk joined to a hub: the window's resume secret, by its id (resumeSecrets.ts), so signing out forgets it. */
  resumeId?: string | null;
}

export type Handler<M extends Method> = (session: Session, input: z.output<Api[M]['input']>) => Output<M> | Promise<Output<M>>;
export type HandlerMap<K extends Method> = { [M in K]: Handler<M> };
export type Handlers = HandlerMap<Method>;

/** An area's handlers, reads apart from writes. */
export interface Area<R extends Method, W extends Method> {
  reads: HandlerMap<R>;
  writes: HandlerMap<W>;
}

/** The methods an area declares. */
export type MethodsOf<A> = A extends Area<infer R, infer W> ? R | W : never;

/** Every method exactly once, or openDesk stops at start with the names at fault. */
export function combine(areas: ReadonlyArray<{ reads: Partial<Handlers>; writes: Partial<Handlers> }>): Handlers {
  const all = new Map<string, unknown>();
  const twice: string[] = [];
  for (const area of areas) {
    for (const [name, handler] of [...Object.entries(area.reads), ...Object.entries(area.writes)]) {
      if (all.has(name)) twice.push(name);
      all.set(name, handler);
    }
  }
  const missing = Object.keys(api).filter((m) => !all.has(m));
  const unknown = [...all.keys()].filter((m) => !Object.hasOwn(api, m));
  const problems = [twice.length ? `declared twice: ${twice.join(', ')}` : '', missing.length ? `missing: ${missing.join(', ')}` : '', unknown.length ? `not in the API: ${unknown.join(', ')}` : ''];
  if (problems.some(Boolean)) throw new Error(`The desk's handlers do not match the API: ${problems.filter(Boolean).join('; ')}.`);
  return Object.fromEntries(all) as Handlers;
}

export function signedIn(s: Session): User {
  if (!s.user) throw new ApiError('unauthenticated', say('signInFirst'));
  return s.user;
}
export const actor = (s: Session): Actor => actorOf(signedIn(s));

/** Turns an access rule's refusal into the API's 'forbidden'. */
export function refuseUnless(why: string | null): void {
  if (why) throw new ApiError('forbidden', why);
}
