import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // better-sqlite3 is a native addon: forks isolate it more cheaply than threads here.
    pool: 'forks',
    testTimeout: 20_000,
  },
});
