import { createClient } from '../shared/client';
import { createTransport } from './transport';

/** The link to the desk (Electron IPC or the browser shell's WebSocket) and its typed client. */
export const transport = createTransport();
export const client = createClient(transport);

// The hook end-to-end tests (and SLA demos) use to move the desk's clock from the page. It is
// harmless in production: the desk refuses 'dev.advanceClock' unless it was started with
// --test-clock.
export interface TagdeskDevHook {
  advanceClock(ms: number): Promise<{ now: number; sent: number }>;
}

Object.defineProperty(window, '__tagdeskDev', {
  value: { advanceClock: (ms: number) => client.call('dev.advanceClock', { ms }) } satisfies TagdeskDevHook,
  configurable: true,
});
