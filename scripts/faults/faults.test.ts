import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashLoop, removeFolder, seededFolder } from './scenarios';

// The fault suite's short version (`npm run faults` runs the long one: 50 kills and every
// scenario in scenarios.ts). The other faults run in `npm test` from their own files, with
// more detail: a corrupted copy and a read-only folder in src/main/cli/cliErrors.test.ts,
// two processes starting together in src/main/web/oneFolder.test.ts, a slow consumer in
// src/main/web/backpressure.test.ts.

let folder: { root: string; desk: string };
beforeAll(async () => {
  folder = await seededFolder('test');
}, 60_000);
afterAll(() => removeFolder(folder.root));

describe('faults', () => {
  it('kill -9 of the back end during a stream of confirmed writes, 10 times: nothing lost, nothing doubled, counters equal a recount, integrity ok', async () => {
    const result = await crashLoop(folder.desk, 10);
    expect(result).toMatchObject({ kills: 10, lost: 0, doubled: 0, integrity: 'ok', counters: 'equal', pass: true });
    expect(result.confirmed).toBeGreaterThan(10);
  }, 300_000);
});
