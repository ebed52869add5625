import { Badge, Group, Text, type MantineColor } from '@mantine/core';
import type { Priority, Segment, ServiceLevel, Tier } from '../shared/domain';
import type { TicketState } from '../shared/ticketMachine';
import { t, tc } from './i18n';
import { priorityLabel, segmentLabel, serviceLevelLabel, stateLabel, tierLabel } from './labels';

// Small coloured labels used everywhere; colour is never the only signal (each has text).

const STATE_COLOR: Record<TicketState, MantineColor> = {
  new: 'blue',
  'tier1.open': 'indigo',
  'tier1.pending': 'yellow',
  'tier2.waiting': 'orange',
  'tier2.inProgress': 'violet',
  'tier2.pending': 'yellow',
  'tier3.waiting': 'orange',
  'tier3.inProgress': 'grape',
  'tier3.pending': 'yellow',
  resolved: 'green',
  closed: 'gray',
};

const PRIORITY_COLOR: Record<Priority, MantineColor> = { urgent: 'red', high: 'orange', normal: 'blue', low: 'gray' };
const SEGMENT_COLOR: Record<Segment, MantineColor> = {
  education: 'teal',
  government: 'cyan',
  small_business: 'lime',
  large_enterprise: 'violet',
  home: 'pink',
};
const LEVEL_COLOR: Record<ServiceLevel, MantineColor> = { premier: 'yellow', standard: 'blue', basic: 'gray' };

type Size = 'xs' | 'sm' | 'md' | 'lg';

/** A badge's words are never cut off; tables give the room to the subject instead. */
const WHOLE = { minInlineSize: 'max-content' } as const;

export function StateBadge({ state, size = 'sm' }: { state: TicketState; size?: Size }) {
  return (
    <Badge color={STATE_COLOR[state]} variant="light" size={size} tt="none" style={WHOLE}>
      {stateLabel(state)}
    </Badge>
  );
}

export function PriorityBadge({ priority, size = 'sm' }: { priority: Priority; size?: Size }) {
  return (
    <Badge color={PRIORITY_COLOR[priority]} variant={priority === 'urgent' ? 'filled' : 'light'} size={size} tt="none" style={WHOLE}>
      {priorityLabel(priority)}
    </Badge>
  );
}

export function SegmentBadge({ segment, size = 'sm' }: { segment: Segment; size?: Size }) {
  return (
    <Badge color={SEGMENT_COLOR[segment]} variant="dot" size={size} tt="none">
      {segmentLabel(segment)}
    </Badge>
  );
}

export function ServiceLevelBadge({ level, size = 'sm' }: { level: ServiceLevel; size?: Size }) {
  return (
    <Badge color={LEVEL_COLOR[level]} variant="outline" size={size} tt="none">
      {t('serviceLevel.badge', { level: serviceLevelLabel(level) })}
    </Badge>
  );
}

export function TierBadge({ tier, size = 'sm' }: { tier: Tier; size?: Size }) {
  return (
    <Badge color="gray" variant="outline" size={size} tt="none">
      {tierLabel(tier)}
    </Badge>
  );
}

/** Active (green) or expired (red), with the days left or since, on one line or two. */
export function WarrantyBadge({ status, daysLeft, stacked = false }: { status: 'active' | 'expired'; daysLeft: number; stacked?: boolean }) {
  const days = status === 'active' ? tc('warranty.daysLeft', daysLeft) : tc('warranty.daysAgo', Math.abs(daysLeft));
  return (
    <Group gap={stacked ? 2 : 6} wrap="nowrap" style={stacked ? { flexDirection: 'column', alignItems: 'flex-start' } : undefined}>
      <Badge color={status === 'active' ? 'green' : 'red'} variant="light" size="sm" tt="none">
        {status === 'active' ? t('warranty.active') : t('warranty.expired')}
      </Badge>
      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {days}
      </Text>
    </Group>
  );
}
