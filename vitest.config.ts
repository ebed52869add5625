import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

// The files that take longest, longest first: they start at once, so the two workers end
// together instead of one waiting on a long file begun last (a fresh clone has no timings
// of earlier runs; there scripts/faults, 17 s, began last and ran alone at the end).
const LONGEST_FIRST = [
  'src/main/cli/cliPersian.test.ts',
  'src/main/cli/cliErrors.test.ts',
  'src/hub/processes.test.ts',
  'src/main/cli/cli.test.ts',
  'src/main/cli/customers.test.ts',
  'scripts/faults/faults.test.ts',
  'src/hub/deskSync.test.ts',
  'src/main/cli/backup.test.ts',
];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((path) => f.moduleId.endsWith(path));
      return i === -1 ? LONGEST_FIRST.length : i;
    };
    // A stable sort: the rest keep the order Vitest gives them.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // better-sqlite3 is a native addon: forks isolate it more cheaply than threads here.
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine. Most
    // files wait on child processes (PostgreSQL, hubs, the CLI), so two keep both cores busy.
    maxWorkers: 2,
    testTimeout: 20_000,
    sequence: { sequencer: LongestFirst },
    // Every statement a test makes the desk prepare is checked for a full scan of a large
    // table (src/main/core/db/planCheck.ts).
    env: { TAGDESK_CHECK_PLANS: process.env.TAGDESK_CHECK_PLANS ?? '1' },
  },
});
