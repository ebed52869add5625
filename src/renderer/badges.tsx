import { Badge, type MantineColor } from '@mantine/core';
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

export function StateBadge({ state, size = 'sm' }: { state: TicketState; size?: Size }) {
  return (
    <Badge color={STATE_COLOR[state]} variant="light" size={size} tt="none">
      {stateLabel(state)}
    </Badge>
  );
}

export function PriorityBadge({ priority, size = 'sm' }: { priority: Priority; size?: Size }) {
  return (
    <Badge color={PRIORITY_COLOR[priority]} variant={priority === 'urgent' ? 'filled' : 'light'} size={size} tt="none">
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

export function WarrantyBadge({ status, daysLeft }: { status: 'active' | 'expired'; daysLeft: number }) {
  return status === 'active' ? (
    <Badge color="green" variant="light" size="sm" tt="none">
      {tc('warranty.active', daysLeft)}
    </Badge>
  ) : (
    <Badge color="red" variant="light" size="sm" tt="none">
      {tc('warranty.expired', Math.abs(daysLeft))}
    </Badge>
  );
}
