import type { Desk } from '../src/main/core/desk';
import type { Input, Method, Output } from '../src/shared/api';

/** A typed call on a new connection to a desk opened in the test's process; a refusal throws, naming the method. */
export type DeskCall = <M extends Method>(m: M, i: Input<M>) => Promise<Output<M>>;

export function deskCaller(desk: Desk): DeskCall {
  const conn = desk.connect(() => undefined);
  return async (m, i) => {
    const r = await conn.call(m, i);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.result as Output<typeof m>;
  };
}
