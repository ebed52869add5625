import { BrowserWindow } from 'electron';
import type { CompactProgress } from '../core/db/compact';
import { type UpgradeState, upgradePage, upgradeTracker } from '../core/upgradeScreen';

// While a desk's file is upgraded at start (migration 0014_compact, up to half an hour), the
// upgrade page in a small window of its own: the browser shell's page, with progress pushed
// into it instead of polled. It opens at the first report, so a desk that opens at once shows
// nothing but its main window. Closing it quits the app, which is safe: the upgrade resumes.

/** Pushes at most this often; the migration reports after every batch. */
const PUSH_EVERY_MS = 250;

export interface UpgradeWindow {
  /** The migration's reports (`onMigrationProgress`). */
  progress(p: CompactProgress): void;
  /** The desk is open (call once the main window shows, so no moment is without a window) or could not open. */
  close(): void;
}

export function upgradeWindow(): UpgradeWindow {
  const tracker = upgradeTracker();
  let window: BrowserWindow | null = null;
  let opened = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const push = () => {
    timer = null;
    if (!window || window.isDestroyed()) return;
    const state: UpgradeState = { open: false, view: tracker.view() };
    window.webContents.executeJavaScript(`window.tagdeskUpgrade?.(${JSON.stringify(state)})`).catch(() => {});
  };

  return {
    progress(p) {
      tracker.update(p);
      if (!opened) {
        opened = true;
        const shown = new BrowserWindow({
          width: 760,
          height: 620,
          minWidth: 400,
          minHeight: 480,
          title: 'Tagdesk',
          show: false,
          webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false },
        });
        shown.once('ready-to-show', () => shown.show());
        // Later reports are pushed once the page can take them.
        shown.webContents.once('did-finish-load', push);
        shown.on('closed', () => {
          if (window === shown) window = null;
        });
        void shown.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(upgradePage(tracker.view(), { poll: null })).toString('base64')}`);
        window = shown;
        return;
      }
      timer ??= setTimeout(push, PUSH_EVERY_MS);
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (window && !window.isDestroyed()) window.close();
      window = null;
    },
  };
}
