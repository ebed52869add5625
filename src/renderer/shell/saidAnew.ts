import { notifications, type NotificationData } from '@mantine/notifications';
import { localeState, subscribeLocale } from '../i18n/state';

/**
 * Notices that stay until closed and carry what the person must still act on (a ticket taken
 * first by someone else, a ticket created but not taken, a sign-in that did not use the hub):
 * a switch of language says them anew in the new one rather than closing them, as the other
 * notices are. `make` gives the notice's words, read again on each switch; the notice is
 * forgotten here once it closes. This module listens for the switch itself, from the first such
 * notice on, rather than leaving it to a signed-in screen (SlaWatch). None is left on the sign-in
 * screen: when a session ends (signed out, or ended by the hub), every notice goes with it
 * (leaveNotices.ts's clearNoticesOnLeave).
 */
const said = new Map<string, () => NotificationData>();
let made = 0;

let listening = false;
/** From the first such notice on, each switch of language or digits says them anew. */
function listen(): void {
  if (listening) return;
  listening = true;
  let saidIn = localeState().formatLocale;
  subscribeLocale(() => {
    const now = localeState().formatLocale;
    if (now === saidIn) return;
    saidIn = now;
    sayAllAnew();
  });
}

export function showSaidAnew(make: () => NotificationData): string {
  listen();
  const first = make();
  const id = first.id ?? `said-anew-${++made}`;
  said.set(id, make);
  notifications.show(withId(id, first));
  return id;
}

/** The ids of the notices said anew on a switch (open ones only). */
export const saidAnewIds = (): string[] => [...said.keys()];

/** The language changed: each of these notices in the new one, in its place. */
export function sayAllAnew(): void {
  for (const [id, make] of said) notifications.update(withId(id, make()));
}

function withId(id: string, data: NotificationData): NotificationData {
  return {
    ...data,
    id,
    onClose: (n) => {
      said.delete(id);
      data.onClose?.(n);
    },
  };
}
