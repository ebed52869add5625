import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CallResult, DesktopNotice, Push, TagdeskBridge } from '../shared/api';

// Everything the renderer may ask of this process, and nothing more: one call function, one
// push subscription and one desktop notification. The renderer validates what comes back; this file stays small
// enough to be read in full.

const bridge: TagdeskBridge = {
  call: (method: string, input: unknown): Promise<CallResult> => ipcRenderer.invoke('tagdesk:call', method, input),
  onPush(listener: (push: Push) => void): () => void {
    // The IPC event object is kept here: handing it to the page would leak ipcRenderer.
    const handler = (_event: IpcRendererEvent, push: Push) => listener(push);
    ipcRenderer.on('tagdesk:push', handler);
    return () => {
      ipcRenderer.removeListener('tagdesk:push', handler);
    };
  },
  notify: (notice: DesktopNotice): void => ipcRenderer.send('tagdesk:notify', notice),
};

contextBridge.exposeInMainWorld('tagdesk', bridge);
