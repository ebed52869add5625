import { z } from 'zod';
import type { ApiErrorDetail } from './api';
import { isFetchBlockedPort, portOfUrl } from './blockedPorts';
import { say } from './messageKeys';

// A hub's address as a desk may join it: http or https, on a port fetch will connect to. The
// join (hubLink.ts, the first-start screen's and the People page's form) and the shells'
// --hub flag (shellArgs.ts) check it here, so each says the same thing.

/** The shape of a hub's address, as the join form and its refusals show it. */
export const HUB_ADDRESS_EXAMPLE = 'https://hub.example.com:4180';

export type HubAddressCheck = { ok: true; url: string } | { ok: false; message: string; detail: ApiErrorDetail };

/** The address without trailing slashes, or why a desk cannot join it. */
export function checkHubAddress(input: string): HubAddressCheck {
  const parsed = z.url({ protocol: /^https?$/ }).safeParse(input.trim());
  if (!parsed.success) return { ok: false, message: say('hubUrlInvalid', { example: HUB_ADDRESS_EXAMPLE }), detail: { key: 'hubUrlInvalid', params: { example: HUB_ADDRESS_EXAMPLE } } };
  const port = portOfUrl(parsed.data);
  if (port !== null && isFetchBlockedPort(port)) return { ok: false, message: say('hubPortBlocked', { port }), detail: { key: 'hubPortBlocked', params: { port } } };
  return { ok: true, url: parsed.data.replace(/\/+$/, '') };
}
