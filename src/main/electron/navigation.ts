import type { WebContents } from 'electron';

// Where the app's pages may go: nowhere but the app itself. Every way a page or one of its
// frames can leave is closed: new windows, top-level navigation, redirects, navigation of
// any frame (will-frame-navigate: an iframe the page did not mean to have, or a link inside
// one) and <webview>. Kept apart from index.ts so a test can drive it without Electron.

type Guarded = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardNavigation(contents: Guarded, isAppUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (details) => {
    if (!isAppUrl(details.url)) details.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
