import { BrowserWindow, Notification } from 'electron';
import { type Push, pushEvents } from '../../shared/api';
import { wantsEscalationNotice } from '../../shared/access';
import { userSchema } from '../../shared/domain';
import type { Connection } from '../core/desk';

// Desktop notifications for what needs someone who is not looking at the desk: an SLA about
// to be missed or missed, and a ticket escalated to the tier and segments the signed-in
// person works.

export async function notifyAbout(push: Push, connection: Connection, window: BrowserWindow): Promise<void> {
  if (!Notification.isSupported()) return;
  if (push.event === 'sla.warning') {
    const warning = pushEvents['sla.warning'].safeParse(push.payload);
    if (!warning.success) return;
    const { number, target, dueAt, breached } = warning.data;
    show(window, breached ? `${number}: ${target} target missed` : `${number}: ${target} target at risk`, `Due ${new Date(dueAt).toLocaleString()}`);
    return;
  }
  if (push.event === 'ticket.changed') {
    const change = pushEvents['ticket.changed'].safeParse(push.payload);
    if (!change.success || (change.data.type !== 'ESCALATE' && change.data.type !== 'SLA_BREACH')) return;
    const me = await signedIn(connection);
    const { number, tier, segment } = change.data;
    if (!me || !wantsEscalationNotice(me, change.data)) return;
    show(window, `${number} escalated to tier ${tier}`, `It is waiting in your ${segment.replace('_', ' ')} queue.`);
  }
}

async function signedIn(connection: Connection) {
  const reply = await connection.call('session.me', {});
  if (!reply.ok) return null;
  const me = userSchema.nullable().safeParse(reply.result);
  return me.success ? me.data : null;
}

function show(window: BrowserWindow, title: string, body: string): void {
  const notification = new Notification({ title, body });
  notification.on('click', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  notification.show();
}
