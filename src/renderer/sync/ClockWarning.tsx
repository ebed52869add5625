import { Alert, Text } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { clockSkewOf } from '../../shared/clockSkew';
import { t, tc } from '../i18n';
import { useSyncStatus } from './syncStatus';

/**
 * Says, on every page of a desk joined to a hub, that this computer's clock is off by more
 * than 2 minutes (fast or slow, by how much) and what to do. The desk keeps the hub's time for
 * its work meanwhile (src/shared/clockSkew.ts), but other programs on the computer do not, and
 * a desk opened before it reaches the hub stamps its own time: the clock must be set right.
 * It goes by itself once the hub's next answer shows the clock right.
 */
export function ClockWarning() {
  const status = useSyncStatus();
  const skew = clockSkewOf(status?.mode === 'hub' && status.clockSkewMs !== undefined ? -status.clockSkewMs : null);
  if (!skew) return null;
  const amount = tc(`clock.${skew.unit}`, skew.amount);
  return (
    <Alert color="orange" radius={0} py={8} role="alert" icon={<IconClockExclamation size={18} aria-hidden />} title={t(skew.direction === 'fast' ? 'clock.fast' : 'clock.slow', { amount })} data-testid="clock-warning">
      <Text size="sm">{t('clock.detail')}</Text>
    </Alert>
  );
}
