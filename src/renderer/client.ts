import { createClient } from '../shared/client';
import { createTransport } from './transport';

/** The link to the desk (Electron IPC or the browser shell's WebSocket) and its typed client. */
export const transport = createTransport();
export const client = createClient(transport);
