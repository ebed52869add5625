import { notifications } from '@mantine/notifications';
import { IconAlarm } from '@tabler/icons-react';
import { useEffect } from 'react';
import { slaTargetSchema } from '../../shared/ticketMachine';
import { client } from '../client';
import { formatRelative, t } from '../i18n';
import { slaTargetLabel } from '../labels';
import { ticketHref } from '../route';
import { useSession } from '../session';

/** Supervisors hear about SLA warnings and breaches as they happen (one notice per ticket). */
export function SlaWatch() {
  const { user } = useSession();
  useEffect(() => {
    if (user.role !== 'supervisor') return;
    return client.on('sla.warning', (event) => {
      const target = slaTargetSchema.safeParse(event.target);
      const targetName = target.success ? slaTargetLabel(target.data) : event.target;
      notifications.show({
        id: `sla-${event.ticketId}-${event.breached ? 'b' : 'w'}`,
        color: event.breached ? 'red' : 'orange',
        icon: <IconAlarm size={18} />,
        title: event.breached ? t('sla.breachedTitle', { number: event.number }) : t('sla.warningTitle', { number: event.number }),
        message: (
          <a href={ticketHref(event.ticketId)}>
            {t('sla.message', { target: targetName, due: formatRelative(event.dueAt, Date.now()) })}
          </a>
        ),
        autoClose: 8000,
      });
    });
  }, [user.role]);
  return null;
}
