import { Badge, Box, Group, Text, VisuallyHidden } from '@mantine/core';
import { IconAlarm, IconClockHour4, IconPlayerPause } from '@tabler/icons-react';
import type { TicketRow } from '../../shared/api';
import { slaAgeMs, useMinuteTick } from '../backend';
import { LazyHint } from '../LazyHint';
import { countdown } from './countdown';

// The SLA countdown everywhere a ticket is listed: "2h 15m left" (calm), orange once at
// risk, red once breached, "Paused" while waiting on the customer. The due time, on the
// ticket's own calendar, is in the tooltip (and, for screen readers, in the text).

type Size = 'xs' | 'sm' | 'md';

export function SlaBadge({ sla, dueAt, size = 'xs', withDetail = false, pausedAsIcon = false }: {
  sla: TicketRow['sla'];
  dueAt: number | null;
  size?: Size;
  /** Show the target and due time as a second line instead of only in the tooltip. */
  withDetail?: boolean;
  /**
   * A paused clock as its icon alone (its word for screen readers and in the tooltip), where
   * the ticket's state beside it already says it waits on the customer: a narrow row.
   */
  pausedAsIcon?: boolean;
}) {
  const tick = useMinuteTick();
  const c = countdown(sla, dueAt, sla ? slaAgeMs(sla, tick) : 0);
  const icon =
    c.status === 'paused' ? <IconPlayerPause size={size === 'md' ? 14 : 11} aria-hidden /> : c.status === 'breached' || c.status === 'atRisk' ? <IconAlarm size={size === 'md' ? 14 : 11} aria-hidden /> : <IconClockHour4 size={size === 'md' ? 14 : 11} aria-hidden />;
  // Icon alone: a round badge with the icon as its content, so no empty label keeps the
  // left section's gap and the padding on one side only.
  const iconOnly = pausedAsIcon && c.status === 'paused';
  const badge = iconOnly ? (
    <Badge color={c.color} variant={c.variant} size={size} circle data-sla={c.status} data-icon-only>
      <Box component="span" display="flex">{icon}</Box>
      <VisuallyHidden>{c.label}</VisuallyHidden>
    </Badge>
  ) : (
    <Badge
      color={c.color}
      variant={c.variant}
      size={size}
      tt="none"
      leftSection={c.status === 'none' || c.status === 'met' ? undefined : icon}
      style={{ minInlineSize: 'max-content' }}
      data-sla={c.status}
    >
      {c.label}
    </Badge>
  );
  if (withDetail) {
    return (
      <Group gap={8} wrap="wrap" data-sla-status={c.status}>
        {badge}
        {c.detail && (
          <Text size={size === 'md' ? 'sm' : 'xs'} c="dimmed">
            {c.detail}
          </Text>
        )}
      </Group>
    );
  }
  if (!c.detail) return <Box component="span" data-sla-status={c.status}>{badge}</Box>;
  return (
    <LazyHint label={c.detail} openDelay={300}>
      <Box component="span" data-sla-status={c.status} display="inline-block">
        {badge}
        <VisuallyHidden>{` · ${c.detail}`}</VisuallyHidden>
      </Box>
    </LazyHint>
  );
}
