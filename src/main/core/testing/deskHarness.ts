import type { Input, Method, Output, Push } from '../../../shared/api';
import { openDesk, type Clock, type Desk, type DeskOptions } from '../desk';

// The in-process transport, for tests: the same Connection the shells use, with calls that
// throw on an error result so a test reads like the UI's code.

export class TestClock implements Clock {
  constructor(public t: number = Date.UTC(2026, 10, 2, 9, 0, 0)) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

export interface Signed {
  call<M extends Method>(method: M, input?: Input<M>): Promise<Output<M>>;
  raw(method: string, input: unknown): ReturnType<ReturnType<Desk['connect']>['call']>;
  pushes: Push[];
}

export async function testDesk(opts: Partial<DeskOptions> = {}) {
  const clock = opts.clock instanceof TestClock ? opts.clock : new TestClock();
  const desk = await openDesk({ dataDir: ':memory:', demo: true, demoCustomers: 60, testClock: true, ...opts, clock });
  const as = async (name: string | null): Promise<Signed> => {
    const pushes: Push[] = [];
    const conn = desk.connect((p) => pushes.push(p));
    const call = async <M extends Method>(method: M, input?: Input<M>): Promise<Output<M>> => {
      const r = await conn.call(method, input ?? {});
      if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
      return r.result as Output<M>;
    };
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

/** A demo desk of 200 customers and Ava Martin's lookup on it: the lookup tests' set-up. */
export async function avaLookup() {
  const harness = await testDesk({ demoCustomers: 200 });
  const ava = await harness.as('Ava Martin');
  return { harness, search: (query: string) => ava.call('lookup.search', { query }) };
}
