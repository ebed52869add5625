import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { client } from '../client';
import { t } from '../i18n';
import { showRetimeFailed } from './RetimeFailed';
import { slaEditorTitle, slaRetimedMessage } from './shippedNames';

/**
 * A calendar or policy this window saved set off a re-time of the open tickets on it, which the
 * desk runs after answering the save: when it is done, the window says how many moved, on
 * whichever page it is by then (one notice per item: a later save's replaces it). A re-time that
 * failed is said until dismissed, with why and "Try again" (the SLA settings page says it too).
 */
export function RetimedWatch() {
  useEffect(() => {
    const offDone = client.on('sla.retimed', (r) => {
      notifications.show({ id: `sla-retimed-${r.kind}-${r.id}`, color: 'teal', title: slaEditorTitle(r.kind, r), message: slaRetimedMessage(r.retimed) });
    });
    const offFailed = client.on('sla.retimeFailed', (r) => showRetimeFailed(`sla-retiming-${r.id}`, `${slaEditorTitle(r.kind, r)}: ${t('slaRetime.savedButNot')}`, r.failure));
    return () => {
      offDone();
      offFailed();
    };
  }, []);
  return null;
}
