import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './scripts/vitestOrder';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // better-sqlite3 is a native addon: forks isolate it more cheaply than threads here.
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine. Most
    // files wait on child processes (PostgreSQL, hubs, the CLI), so two keep both cores busy.
    maxWorkers: 2,
    // A worker runs its files one after another in one module graph instead of a fresh one per
    // file: the desk's modules (Kysely, XState, zod, libphonenumber) load once per worker, not
    // once per file. Fresh clone, same machine: 246 s isolated, 184 and 186 s not. Tests that
    // change process-wide state put it back (upgrade.test.ts's environment, the renderer tests'
    // language, coalesce.test.ts's fake timers).
    isolate: false,
    testTimeout: 20_000,
    // A file's beforeAll that seeds a demo desk took over Vitest's default 10 s once, on a machine
    // at load 10 (lookupLookalike.test.ts: its five tests skipped). Twice a test's own limit.
    hookTimeout: 40_000,
    // The CLI bundled once, for the tests that run it as a process (scripts/bundle-cli.ts).
    globalSetup: ['scripts/bundle-cli.ts'],
    // The slowest files start first on a machine with no timings yet (scripts/vitestOrder.ts).
    sequence: { sequencer: SlowFirstSequencer },
    // Every statement a test makes the desk prepare is checked for a full scan of a large
    // table (src/main/core/db/planCheck.ts).
    env: { TAGDESK_CHECK_PLANS: process.env.TAGDESK_CHECK_PLANS ?? '1' },
  },
});
