import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { client } from '../client';
import { slaEditorTitle, slaRetimedMessage } from './shippedNames';

/**
 * A calendar or policy this window saved set off a re-time of the open tickets on it, which the
 * desk runs after answering the save: when it is done, the window says how many moved, on
 * whichever page it is by then (one notice per item: a later save's replaces it).
 */
export function RetimedWatch() {
  useEffect(
    () =>
      client.on('sla.retimed', (r) => {
        notifications.show({ id: `sla-retimed-${r.kind}-${r.id}`, color: 'teal', title: slaEditorTitle(r.kind, r), message: slaRetimedMessage(r.retimed) });
      }),
    [],
  );
  return null;
}
