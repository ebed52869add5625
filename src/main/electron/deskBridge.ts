import { BrowserWindow, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { z } from 'zod';
import { ApiError, type CallResult, desktopNoticeSchema, issuesOf } from '../../shared/api';
import type { Connection, Desk } from '../core/desk';
import { showDesktopNotice } from './notifications';

// The IPC side of the preload's bridge: one desk Connection per window, so each window has
// its own signed-in user, and pushes go only to the window they were made for.

export const CALL_CHANNEL = 'tagdesk:call';
export const PUSH_CHANNEL = 'tagdesk:push';
export const NOTIFY_CHANNEL = 'tagdesk:notify';

const callArgsSchema = z.tuple([z.string().min(1).max(100), z.unknown()]);

export function serveDesk(desk: Desk, isAppUrl: (url: string) => boolean): { attach(window: BrowserWindow): void } {
  const connections = new Map<number, Connection>();

  /** Only our own page, in its top frame, may talk to the desk. */
  const ours = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return connections.has(event.sender.id) && frame !== null && frame.parent === null && isAppUrl(frame.url);
  };

  // A desktop notification the window asks for (its own words); anything else is ignored.
  ipcMain.on(NOTIFY_CHANNEL, (event: IpcMainEvent, raw: unknown) => {
    if (!ours(event)) return;
    const notice = desktopNoticeSchema.safeParse(raw);
    const window = BrowserWindow.fromWebContents(event.sender);
    if (notice.success && window) showDesktopNotice(window, notice.data);
  });

  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<CallResult> => {
    const connection = connections.get(event.sender.id);
    if (!connection || !ours(event)) {
      return refuse(new ApiError('forbidden', 'This page may not talk to the desk.'));
    }
    const parsed = callArgsSchema.safeParse(args);
    if (!parsed.success) return refuse(new ApiError('invalid_input', 'A call is (method, input).', issuesOf(parsed.error)));
    const [method, input] = parsed.data;
    try {
      return await connection.call(method, input);
    } catch (error) {
      console.error(`Tagdesk: ${method} failed unexpectedly`, error);
      return refuse(new ApiError('internal', 'The desk failed to handle this request.'));
    }
  });

  return {
    attach(window) {
      const contents: WebContents = window.webContents;
      const id = contents.id;
      // A reload keeps the same WebContents, and so the same connection and sign-in.
      const connection = desk.connect((push) => {
        if (contents.isDestroyed()) return;
        contents.send(PUSH_CHANNEL, push);
      });
      connections.set(id, connection);
      contents.once('destroyed', () => {
        connections.delete(id);
        connection.close();
      });
    },
  };
}

function refuse(error: ApiError): CallResult {
  return { ok: false, error: error.toJSON() };
}
