import type { DesktopNotice, TagdeskBridge } from '../../shared/api';

// The desktop's copy of an in-app notice (Electron: the preload's `notify`). Only while the
// window is not in front: in front, the in-app notice is the one to read, and a second, on the
// desktop, would only repeat it. The browser shell has no bridge, and so no desktop notices.

export interface DesktopSide {
  /** The preload's bridge, when the window has one with `notify`. */
  bridge: Pick<TagdeskBridge, 'notify'> | null;
  /** Whether the window is in front (document.hasFocus()). */
  inFront: boolean;
}

/** Says `notice` on the desktop when nobody is looking at the window; whether it did. */
export function notifyDesktop(notice: DesktopNotice, side: DesktopSide): boolean {
  if (side.inFront || !side.bridge?.notify) return false;
  side.bridge.notify(notice);
  return true;
}

/** This window's desktop side, as it is now. */
export function desktopSide(w: Window = window): DesktopSide {
  const candidate: unknown = Reflect.get(w, 'tagdesk');
  const notify: unknown = typeof candidate === 'object' && candidate !== null ? Reflect.get(candidate, 'notify') : undefined;
  return {
    bridge: typeof notify === 'function' ? (candidate as Pick<TagdeskBridge, 'notify'>) : null,
    inFront: w.document.hasFocus(),
  };
}
