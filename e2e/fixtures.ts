import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, test as base, type BrowserContext, type ElectronApplication, expect, type Page } from '@playwright/test';
import { openDesk } from '../src/main/core/desk';
import { startWebShell, type WebShell } from '../src/main/web/server';

// One fixture, two shells. Specs get `page` already showing the app, on a fresh desk (its
// own data folder, seeded with demo data) for every test, and never ask which shell runs.
// Seeding takes seconds, so the run seeds once (globalSetup.ts) and every test gets a copy
// of that desk; `test.use({ deskData: 'empty' })` starts on an empty desk (the first-start screen).
//
// Electron is used when TAGDESK_E2E_SHELL=electron, or when its binary is already on disk;
// it is never downloaded from here. Otherwise the browser shell is started in this worker
// and the page is opened in Chromium (playwright.config.ts).

export type ShellKind = 'web' | 'electron';

interface DeskFixtures {
  /** What the desk holds when the test starts. */
  deskData: 'demo' | 'empty';
  /** Run the desk on a clock the spec moves with the 'dev.advanceClock' API call. */
  testClock: boolean;
  /** The desk's data folder, removed after the test. */
  dataDir: string;
  shellKind: ShellKind;
}

interface WorkerFixtures {
  /** A folder holding a demo desk seeded once per run (globalSetup.ts); tests copy it, never open it. */
  demoTemplate: string;
}

const root = join(import.meta.dirname, '..');
const ELECTRON_MAIN = join(root, 'out', 'main', 'index.js');

export const SHELL: ShellKind = pickShell();

function pickShell(): ShellKind {
  const wanted = process.env.TAGDESK_E2E_SHELL;
  if (wanted === 'web' || wanted === 'electron') return wanted;
  if (wanted) throw new Error(`TAGDESK_E2E_SHELL must be "web" or "electron", not "${wanted}".`);
  return electronBinary() ? 'electron' : 'web';
}

function electronBinary(): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const withDataDir = base.extend<DeskFixtures, WorkerFixtures>({
  deskData: ['demo', { option: true }],
  testClock: [false, { option: true }],
  demoTemplate: [
    // The empty pattern is Playwright's way of saying "needs no other fixture".
    async ({}, use) => {
      // Seeded once for the run (globalSetup.ts); a worker started some other way seeds its own.
      const seeded = process.env.TAGDESK_E2E_TEMPLATE;
      if (seeded && existsSync(seeded)) return use(seeded);
      const dir = mkdtempSync(join(tmpdir(), 'tagdesk-e2e-template-'));
      const desk = await openDesk({ dataDir: dir, demo: true });
      desk.close();
      await use(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  dataDir: async ({ deskData, demoTemplate }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'tagdesk-e2e-'));
    if (deskData === 'demo') cpSync(demoTemplate, dir, { recursive: true });
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  shellKind: [SHELL, { option: true }],
});

// A worker's tests open their pages in one browser context, each page on its own desk's
// address: a new context per test cost 130-190 ms more than a new page, on an idle machine.
// The desks' addresses differ by port, so each page has its own storage; should a port come
// round again, the page still starts with nothing stored (the first document of a page
// clears what its address holds; a reload keeps it, as a reload does).
const webTest = withDataDir.extend<{ webShell: WebShell }, { workerContext: BrowserContext }>({
  workerContext: [
    async ({ browser }, use) => {
      const context = await browser.newContext();
      await use(context);
      await context.close();
    },
    { scope: 'worker' },
  ],
  webShell: async ({ dataDir, testClock }, use) => {
    const shell = await startWebShell({ dataDir, demo: false, port: 0, testClock });
    await use(shell);
    await shell.close();
  },
  page: async ({ workerContext, webShell }, use) => {
    const page = await workerContext.newPage();
    await page.addInitScript(() => {
      if (sessionStorage.getItem('e2e.page')) return;
      localStorage.clear();
      sessionStorage.setItem('e2e.page', 'started');
    });
    await page.goto(webShell.url);
    await use(page);
    await page.close();
    // A test that granted the clipboard, say, leaves the next test a context as it found it.
    await workerContext.clearPermissions();
  },
});

const electronTest = withDataDir.extend<{ electronApp: ElectronApplication }>({
  electronApp: async ({ dataDir, testClock }, use) => {
    const executablePath = electronBinary();
    if (!executablePath) throw new Error('TAGDESK_E2E_SHELL=electron, but the Electron binary is not in node_modules/electron/dist.');
    if (!existsSync(ELECTRON_MAIN)) throw new Error(`${ELECTRON_MAIN} is missing: run "npx electron-vite build" first.`);
    // The app folder, not out/main/index.js: Electron then reads package.json (name, main)
    // exactly as `npm start` does.
    const app = await _electron.launch({ executablePath, args: [root, '--data', dataDir, ...(testClock ? ['--test-clock'] : [])], cwd: root });
    await use(app);
    await app.close();
  },
  page: async ({ electronApp }, use) => {
    const window: Page = await electronApp.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    await use(window);
  },
});

// The two differ only in their extra fixtures, which specs do not use.
export const test: typeof withDataDir = SHELL === 'electron' ? electronTest : webTest;
export { expect };
