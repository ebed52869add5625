import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session } from 'electron';
import { defaultDataDir } from '../core/dataDir';
import { deskArgs, type DeskArgs } from '../core/shellArgs';
import { DeskOpenError, EXIT_CODE_OF } from '../core/db/database';
import { couldNotStartText } from '../core/db/openErrors';
import { type Desk, openDesk } from '../core/desk';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './appProtocol';
import { serveDesk } from './deskBridge';
import { guardNavigation } from './navigation';
import { upgradeWindow } from './upgradeWindow';
import { progressLines } from '../core/upgradeScreen';
import { REMEMBERED_LANGUAGE_FILE, startErrorBox, startLanguage } from './startError';

// The Electron shell: one window onto the desk. The renderer is sandboxed and isolated; it
// reaches the desk only through the preload's bridge, and cannot open windows or navigate.

const here = import.meta.dirname;
const PRELOAD = join(here, '../preload/index.cjs');
const RENDERER_DIR = join(here, '../renderer');
/** Set by `electron-vite dev`; in a build the renderer comes from app://. */
const DEV_URL = process.env.ELECTRON_RENDERER_URL;
const START_URL = DEV_URL ?? `${APP_ORIGIN}/index.html`;

// A prefix test, not URL.origin: Node's URL gives every non-web scheme the origin "null",
// which would make app:// equal to any other custom scheme.
const isAppUrl = (url: string): boolean => url.startsWith(DEV_URL ? new URL(DEV_URL).origin + '/' : `${APP_ORIGIN}/`);

// The error box when the desk cannot start, in the language the window spoke last (the
// profile remembers it, see rememberLanguage), else the system's, else English.
const languageFile = () => join(app.getPath('userData'), REMEMBERED_LANGUAGE_FILE);
function showStartError(error: unknown): void {
  let remembered: string | null = null;
  try {
    remembered = readFileSync(languageFile(), 'utf8');
  } catch {
    // never remembered: the system's language
  }
  const language = startLanguage(remembered, [process.env.TAGDESK_LANG, ...app.getPreferredSystemLanguages(), app.getLocale()]);
  const box = startErrorBox(language, error);
  dialog.showErrorBox(box.title, box.content);
}

/** Keeps the language the window speaks (its <html lang>, which a switch changes with the page's title) for the error box of a later start. */
function rememberLanguage(window: BrowserWindow): void {
  let kept: string | null = null;
  window.webContents.on('page-title-updated', () => {
    window.webContents
      .executeJavaScript('document.documentElement.lang')
      .then((lang: unknown) => {
        if ((lang !== 'en' && lang !== 'fa') || lang === kept) return;
        kept = lang;
        writeFileSync(languageFile(), lang);
      })
      .catch(() => {});
  });
}

// The desk's flags, read as the browser shell reads them: --data DIR, --hub URL (join that hub;
// the desk stays joined on later starts), --demo, --test-clock. Chromium's own switches pass.
let args: DeskArgs;
try {
  args = deskArgs(process.argv, process.env);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Tagdesk could not start: ${message}`);
  showStartError(error);
  app.exit(2);
  process.exit(2);
}
const namedDataDir = args.dataDir;
if (namedDataDir) {
  // A named data folder gets its own Chromium profile, and so its own single-instance lock:
  // two desks on two folders (end-to-end tests in parallel) may run side by side, two on
  // one SQLite file may not.
  app.setPath('userData', join(namedDataDir, 'electron-profile'));
}
// The same default folder as the browser shell and the CLI, so all three see one desk.
const dataDir = namedDataDir ?? defaultDataDir();

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let desk: Desk | null = null;
  let mainWindow: BrowserWindow | null = null;

  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, isAppUrl));

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Shown only while the desk's file is upgraded before the desk can open.
  const upgrade = upgradeWindow();

  app
    .whenReady()
    .then(async () => {
      // The pages ask for no permission: a desktop notification is shown by this process, at
      // the window's request through the bridge (deskBridge.ts).
      session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);
      const log = progressLines((line) => console.error(line));
      desk = await openDesk({
        dataDir,
        demo: args.demo,
        testClock: args.testClock,
        automaticBackups: true,
        ...(args.hubUrl ? { hubUrl: args.hubUrl } : {}),
        onMigrationProgress: (p) => {
          log(p);
          upgrade.progress(p);
        },
      });
      serveRenderer(RENDERER_DIR);
      const bridge = serveDesk(desk, isAppUrl);

      const openWindow = () => {
        const window = new BrowserWindow({
          width: 1360,
          height: 860,
          minWidth: 960,
          minHeight: 600,
          title: 'Tagdesk',
          show: false,
          webPreferences: {
            preload: PRELOAD,
            contextIsolation: true,
            sandbox: true,
            nodeIntegration: false,
            webSecurity: true,
            webviewTag: false,
          },
        });
        bridge.attach(window);
        rememberLanguage(window);
        window.once('ready-to-show', () => {
          window.show();
          // Only now: closing the upgrade's window first would leave none, and quit the app.
          upgrade.close();
        });
        window.on('closed', () => {
          if (mainWindow === window) mainWindow = null;
        });
        void window.loadURL(START_URL);
        mainWindow = window;
      };

      openWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) openWindow();
      });
    })
    .catch((error: unknown) => {
      // A damaged file, a newer version's file, a folder that cannot be used: one sentence
      // and the same exit code as the CLI's; anything else with its stack.
      if (error instanceof DeskOpenError) {
        console.error(couldNotStartText(error));
        showStartError(error);
        app.exit(EXIT_CODE_OF[error.kind]);
        return;
      }
      console.error('Tagdesk could not start:', error);
      app.exit(1);
    });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    desk?.close();
    desk = null;
  });
}
