import { describe, expect, it } from 'vitest';
import { sharedReads } from './sharedReads';

/** A read the test answers by hand: what the desk held when it was asked. */
function deskReads() {
  let rows = ['T-1', 'T-2'];
  const pending: Array<() => void> = [];
  let calls = 0;
  const start = () => {
    calls += 1;
    const answer = [...rows];
    return new Promise<string[]>((resolve) => pending.push(() => resolve(answer)));
  };
  return {
    start,
    assign: (gone: string) => (rows = rows.filter((r) => r !== gone)),
    answerAll: () => pending.splice(0).forEach((answer) => answer()),
    answerOldest: () => pending.shift()?.(),
    calls: () => calls,
  };
}

describe('reads shared between views', () => {
  it('shares one call between two views asking at the same moment', async () => {
    const reads = sharedReads();
    const desk = deskReads();
    const a = reads.read('drill', desk.start);
    const b = reads.read('drill', desk.start);
    expect(desk.calls()).toBe(1);
    desk.answerAll();
    expect(await a).toEqual(await b);
  });

  it('after a change, a view asking again gets the desk as it is now, not a read started before the change', async () => {
    const reads = sharedReads();
    const desk = deskReads();
    // A live refetch is on its way (slow, on a busy machine) when the supervisor assigns T-1.
    const before = reads.read('drill', desk.start);
    desk.assign('T-1');
    reads.changed();
    // The drawer reads again after the assignment: T-1 has left it.
    const after = reads.read('drill', desk.start);
    desk.answerAll();
    expect(await before).toEqual(['T-1', 'T-2']);
    expect(await after).toEqual(['T-2']);
    expect(desk.calls()).toBe(2);
  });

  it('a read that ends after a newer one started leaves the newer one shared', async () => {
    const reads = sharedReads();
    const desk = deskReads();
    const old = reads.read('drill', desk.start);
    reads.changed();
    const fresh = reads.read('drill', desk.start);
    // The old read ends first: the next view still joins the fresh one.
    desk.answerOldest();
    await old;
    const joined = reads.read('drill', desk.start);
    expect(joined).toBe(fresh);
    expect(desk.calls()).toBe(2);
  });
});
