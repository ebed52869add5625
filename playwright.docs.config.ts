import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run docs:screenshots`: the README's main pictures, taken from the app as it is (one
// worker, the demo desk), written to docs/. Not part of `npm test`: a picture is looked at, not
// asserted; the specs it drives the app through assert on their own.
export default defineConfig({
  ...base,
  // Its own files (e2e/*.shots.ts), which `npm test`'s default match (*.spec.ts) leaves out.
  testMatch: '**/*.shots.ts',
  workers: 1,
  retries: 0,
  timeout: 90_000,
  reporter: 'line',
});
