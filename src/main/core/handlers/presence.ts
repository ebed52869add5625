import type { HubLink } from '../hubLink';
import type { DeskContext } from './context';
import { signedIn, type Area } from './types';

// Presence on a ticket (who else has it open or is typing on it), relayed through the hub.
// Alone, nobody else is there.
export function presenceHandlers(_ctx: DeskContext, _hub: HubLink): Area<'presence.of', 'presence.set'> {
  return {
    reads: {
      'presence.of': (s) => {
        signedIn(s);
        return [];
      },
    },
    writes: {
      'presence.set': (s) => {
        signedIn(s);
        return null;
      },
    },
  };
}
