import { defineConfig } from 'vitest/config';

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
    // Every statement a test makes the desk prepare is checked for a full scan of a large
    // table (src/main/core/db/planCheck.ts).
    env: { TAGDESK_CHECK_PLANS: process.env.TAGDESK_CHECK_PLANS ?? '1' },
  },
});
