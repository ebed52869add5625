import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLOW_FIRST, slowRank } from './vitestOrder';

const root = join(import.meta.dirname, '..');

describe('the order test files start in on a fresh clone', () => {
  // A file renamed or removed would silently lose its place at the front.
  it('names only test files that exist, each once', () => {
    expect(SLOW_FIRST.filter((p) => !existsSync(join(root, p)))).toEqual([]);
    expect(new Set(SLOW_FIRST).size).toBe(SLOW_FIRST.length);
  });

  it('puts the short file that runs longest (faults) before small fast files, and keeps the list order', () => {
    const faults = slowRank(join(root, 'scripts/faults/faults.test.ts'));
    expect(faults).toBeLessThan(slowRank(join(root, 'scripts/check-strings.test.ts')));
    expect(slowRank(join(root, 'src/hub/processes.test.ts'))).toBe(0);
    expect(slowRank(join(root, 'src/main/cli/cli.test.ts'))).toBeLessThan(faults);
    // Only whole path segments match: "xcli.test.ts" is not cli.test.ts.
    expect(slowRank('/elsewhere/src/main/cli/xcli.test.ts')).toBe(SLOW_FIRST.length);
  });
});
