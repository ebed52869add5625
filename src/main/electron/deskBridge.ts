import { type BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { z } from 'zod';
import { ApiError, type CallResult, issuesOf } from '../../shared/api';
import type { Connection, Desk } from '../core/desk';
import { notifyAbout } from './notifications';

// The IPC side of the preload's bridge: one desk Connection per window, so each window has
// its own signed-in user, and pushes go only to the window they were made for.

export const CALL_CHANNEL = 'tagdesk:call';
export const PUSH_CHANNEL = 'tagdesk:push';

const callArgsSchema = z.tuple([z.string().min(1).max(100), z.unknown()]);

export function serveDesk(desk: Desk, isAppUrl: (url: string) => boolean): { attach(window: BrowserWindow): void } {
  const connections = new Map<number, Connection>();

  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<CallResult> => {
    // Only our own page, in its top frame, may talk to the desk.
    const frame = event.senderFrame;
    const connection = connections.get(event.sender.id);
    if (!connection || !frame || frame.parent !== null || !isAppUrl(frame.url)) {
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
      let connection: Connection | null = null;
      connection = desk.connect((push) => {
        if (contents.isDestroyed()) return;
        contents.send(PUSH_CHANNEL, push);
        if (connection) notifyAbout(push, connection, window).catch((error: unknown) => console.error('Tagdesk: notification failed', error));
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
