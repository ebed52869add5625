import type { Input, Method, Output, Push } from '../../../shared/api';
import { SHOWCASE } from '../demo';
import { openDesk, type Clock, type Connection, type Desk, type DeskOptions } from '../desk';

// The in-process transport, for tests: the same Connection the shells use, with calls that
// throw on an error result so a test reads like the UI's code.

export class TestClock implements Clock {
  constructor(public t: number = Date.UTC(2026, 10, 2, 9, 0, 0)) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

/** `conn`'s calls as a test makes them: a refusal is thrown as an Error carrying its code. */
export function callsOf(conn: Connection) {
  return async <M extends Method>(method: M, input?: Input<M>): Promise<Output<M>> => {
    const r = await conn.call(method, input ?? {});
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
    return r.result as Output<M>;
  };
}

export interface Signed {
  call<M extends Method>(method: M, input?: Input<M>): Promise<Output<M>>;
  raw(method: string, input: unknown): ReturnType<ReturnType<Desk['connect']>['call']>;
  pushes: Push[];
}

// Seeding a demo desk costs about 0.3 s of CPU, and the tests open some 180 of them. A demo
// desk with the default clock starts instead as a copy of the same desk seeded once in this
// worker: the same data at the same instant, reopened as the app reopens a desk. Desks open at
// the same time are copies of different seeded desks, so they keep different desk ids (a desk
// ignores its own events coming back from the hub).
const SNAPSHOT_KEYS = new Set(['demoCustomers', 'demoSeed']);
const snapshots = new Map<string, Buffer>();
const openSlots = new Map<string, Set<number>>();

export async function testDesk(opts: Partial<DeskOptions> = {}) {
  const clock = opts.clock instanceof TestClock ? opts.clock : new TestClock();
  const kind = Object.keys(opts).every((key) => SNAPSHOT_KEYS.has(key)) ? JSON.stringify([opts.demoCustomers ?? 60, opts.demoSeed ?? null]) : null;
  const inUse = kind === null ? null : (openSlots.get(kind) ?? openSlots.set(kind, new Set()).get(kind)!);
  let slot = 0;
  while (inUse?.has(slot)) slot++;
  const key = `${kind}#${slot}`;
  const image = inUse ? snapshots.get(key) : undefined;
  inUse?.add(slot);
  const desk = await openDesk({ dataDir: ':memory:', demo: true, demoCustomers: 60, testClock: true, ...opts, clock, ...(image ? { memoryImage: image } : {}) }).catch((error: unknown) => {
    inUse?.delete(slot);
    throw error;
  });
  if (inUse) {
    if (!image) snapshots.set(key, desk.db.sqlite.serialize());
    const close = desk.close.bind(desk);
    let held = true;
    desk.close = () => {
      if (held) inUse.delete(slot);
      held = false;
      close();
    };
  }
  const as = async (name: string | null): Promise<Signed> => {
    const pushes: Push[] = [];
    const conn = desk.connect((p) => pushes.push(p));
    const call = callsOf(conn);
    if (name) {
      const users = await call('session.users');
      const u = users.find((x) => x.name === name);
      if (!u) throw new Error(`no user ${name}`);
      await call('session.signIn', { userId: u.id });
    }
    return { call, raw: (m, i) => conn.call(m, i), pushes };
  };
  return { desk, clock, as };
}

/** The showcase's Maria Gonzalez, found by her system's tag, as many tests begin. */
export async function mariaFound(person: Pick<Signed, 'call'>) {
  const found = await person.call('lookup.search', { query: SHOWCASE.maria.tag });
  if (found.kind !== 'match') throw new Error('no maria');
  return found;
}

/** A demo desk of 200 customers and Ava Martin's lookup on it: the lookup tests' set-up. */
export async function avaLookup() {
  const harness = await testDesk({ demoCustomers: 200 });
  const ava = await harness.as('Ava Martin');
  return { harness, search: (query: string) => ava.call('lookup.search', { query }) };
}
