import { describe, expect, it } from 'vitest';
import { guardNavigation } from './navigation';

// Every window's pages stay on the app, driven here through a stand-in for WebContents
// (Electron's binary is not available to tests).

describe('navigation', () => {
  type Listener = (...args: unknown[]) => void;
  function fakeContents() {
    const listeners = new Map<string, Listener>();
    let openHandler: (() => { action: string }) | null = null;
    const contents = {
      on: (name: string, fn: Listener) => (listeners.set(name, fn), contents),
      setWindowOpenHandler: (fn: () => { action: string }) => void (openHandler = fn),
    };
    const prevented = (name: string, url: string) => {
      let stopped = false;
      const event = { url, preventDefault: () => void (stopped = true) };
      listeners.get(name)!(event, url);
      return stopped;
    };
    return { contents, prevented, openHandler: () => openHandler?.() };
  }

  it('keeps the window and every frame in it on the app: will-navigate, will-frame-navigate, will-redirect, webviews, new windows', () => {
    const f = fakeContents();
    guardNavigation(f.contents as never, (url) => url.startsWith('app://tagdesk/'));
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(f.prevented(name, 'https://evil.example/'), name).toBe(true);
      expect(f.prevented(name, 'app://tagdesk/index.html#/queues'), name).toBe(false);
    }
    expect(f.prevented('will-attach-webview', 'app://tagdesk/')).toBe(true);
    expect(f.openHandler()).toEqual({ action: 'deny' });
  });
});
