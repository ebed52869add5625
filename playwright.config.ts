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
  // page (in its worker's browser context, e2e/fixtures.ts). A test spends much of its time waiting (durable commits, the page's frames), so on a
  // 2-core CI machine three workers finish sooner than two: 4.3 min against 5.6 (four: 4.9).
  workers: 3,
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
