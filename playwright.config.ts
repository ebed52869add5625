import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// End-to-end specs run against whichever shell this machine can start (see e2e/fixtures.ts):
// Electron where its binary exists, else the browser shell in Debian's Chromium. Playwright's
// own browser downloads are never used; a machine without /usr/bin/chromium points
// TAGDESK_CHROMIUM at another Chromium, or installs Playwright's and sets it to "bundled".

const chromium = process.env.TAGDESK_CHROMIUM ?? '/usr/bin/chromium';
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/globalSetup.ts',
  fullyParallel: true,
  // Each test starts its own desk (a copy of a demo desk seeded once per run) and its own
  // page (in its worker's browser context, e2e/fixtures.ts). Three workers once finished sooner
  // than two on a 2-core machine (4.3 min against 5.6, when tests mostly waited on durable
  // commits). With 150 specs on a slower 2-core machine the run is CPU-bound: vmstat, the run and other work, showed 0 %
  // idle and 0 % I/O wait at loads of 12-18, so a third worker can add no throughput there, only
  // make each test slower: the run took 16.7 min and long flows ran past their 30 s (one failed
  // twice, one once). So CI runs two (to be weighed by the next full run's time); a local run
  // keeps three.
  workers: ci ? 2 : 3,
  retries: ci ? 1 : 0,
  forbidOnly: ci,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: ci ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    browserName: 'chromium',
    launchOptions:
      chromium === 'bundled'
        ? {}
        : {
            ...(existsSync(chromium) ? { executablePath: chromium } : {}),
            args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
          },
    // Recording a trace costs about a third of a test's time, so CI records one only for the
    // retry of a test that failed (where it is kept); a local run, which does not retry, keeps
    // the trace of every failure.
    trace: ci ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
