import { createClient } from '../shared/client';
import { createTransport } from './transport';

/** The one typed client of the renderer; the transport picks Electron IPC or the WebSocket. */
export const client = createClient(createTransport());
