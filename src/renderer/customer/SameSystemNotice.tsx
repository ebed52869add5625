import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconHistory } from '@tabler/icons-react';
import type { AssetView, TicketRow } from '../../shared/api';
import { useNow } from '../backend';
import { formatDateTime, formatRelative, t, tc } from '../i18n';
import { personName, tierLabel } from '../labels';
import { navigate, ticketHref } from '../route';
import { ticketsOnSystem } from './ticketsOnSystem';

/**
 * The repeat caller: a ticket already open on the chosen system (or resolved on it, the fault
 * back) is said before a second one is opened, or a call is logged beside it rather than on
 * it, with the way to it. The draft is kept. Log a contact passes no past tickets: a resolved
 * ticket is no reason not to log a call.
 */
export function SameSystemNotice({ assetId, assets, openTickets, pastTickets, onLeave, onFollow }: {
  assetId: string;
  assets: AssetView[];
  openTickets: TicketRow[];
  pastTickets: TicketRow[];
  onLeave: () => void;
  /** New ticket: link the ticket being opened to the resolved one ("Follows T-…"), the fault back after its reopen window. */
  onFollow?: (r: TicketRow) => void;
}) {
  const now = useNow();
  const tag = assets.find((a) => a.id === assetId)?.serviceTag;
  const on = ticketsOnSystem(assetId, openTickets, pastTickets);
  if (!tag) return null;
  const goTo = (r: TicketRow) => (
    <Button size="compact-xs" variant="light" onClick={() => { onLeave(); navigate(ticketHref(r.id)); }}>
      {t('newTicket.goTo', { number: r.number })}
    </Button>
  );
  if (on.open.length > 0)
    return (
      <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={tc('newTicket.sameSystem.title', on.open.length, { tag })} data-testid="same-system" role="status">
        <Stack gap={6}>
          {on.open.map((r) => (
            <div key={r.id}>
              <Text size="sm">
                <span dir="ltr">{r.number}</span> · <bdi>{r.subject}</bdi>
              </Text>
              <Text size="xs" c="dimmed" mb={4}>
                {r.assigneeName ? t('tickets.heldBy', { name: personName(r.assigneeName), tier: tierLabel(r.tier) }) : t('tickets.unassignedAt', { tier: tierLabel(r.tier) })}
                {' · '}
                <span title={formatDateTime(r.updatedAt)}>{t('customer.lookedUpTicket.updated', { when: formatRelative(r.updatedAt, now) })}</span>
              </Text>
              {goTo(r)}
            </div>
          ))}
          <Text size="sm">{t('newTicket.sameSystem.text', { action: t('action.CUSTOMER_REPLIED.called') })}</Text>
        </Stack>
      </Alert>
    );
  const r = on.resolved;
  if (!r) return null;
  return (
    <Alert color="blue" icon={<IconHistory size={18} />} title={t('newTicket.resolvedOnSystem.title', { number: r.number, tag, when: formatRelative(r.updatedAt, now) })} data-testid="same-system" role="status">
      <Stack gap={6}>
        <Text size="sm">
          <bdi>{r.subject}</bdi>
        </Text>
        <Text size="sm">{t('newTicket.resolvedOnSystem.text')}</Text>
        <Group gap="xs">
          {goTo(r)}
          {onFollow && (
            <Button size="compact-xs" variant="default" onClick={() => onFollow(r)}>
              {t('newTicket.follows.link', { number: r.number })}
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
