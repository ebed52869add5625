import { type BrowserWindow, Notification } from 'electron';
import type { DesktopNotice } from '../../shared/api';

// Desktop notifications, for what needs someone who is not looking at the desk. The window
// decides what to say and to whom (SlaWatch.tsx, with the access module's rules, in the
// reader's language, a burst folded into one), and asks for one only while it is not in
// front (desktopNotice.ts); this process only shows it. Before stop 40 it made its own from
// every push: every SLA warning in the person's segments, in English, one per ticket however
// many came at once.

export function showDesktopNotice(window: BrowserWindow, notice: DesktopNotice): void {
  if (!Notification.isSupported() || window.isDestroyed()) return;
  const notification = new Notification({ title: notice.title, body: notice.body });
  // Clicked: the window comes to the front, where the same notice is, with its link.
  notification.on('click', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  notification.show();
}
