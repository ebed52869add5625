import type { SlaTargetTrace } from '../../shared/api';
import { formatDuration, t } from '../i18n';

/**
 * The SLA card's line on the time a target has: while it runs, the business time left (or how
 * far past due); once met, the margin it was met by (how it ended and when is the card's
 * outcome line); once stopped by closing, none (nothing was left to count).
 */
export function slaLeft(trace: Pick<SlaTargetTrace, 'phase' | 'status' | 'remainingMs'>): { label: string; value: string } | null {
  const over = formatDuration(-trace.remainingMs);
  if (trace.phase === 'stopped' || trace.phase === 'idle') return null;
  if (trace.phase === 'met') {
    const late = trace.status !== 'met' || trace.remainingMs < 0;
    return { label: t('slaTrace.margin'), value: late ? t('slaTrace.metOver', { duration: over }) : t('slaTrace.metSpare', { duration: formatDuration(trace.remainingMs) }) };
  }
  return { label: t('slaTrace.remaining'), value: trace.remainingMs >= 0 ? formatDuration(trace.remainingMs) : t('slaTrace.overdue', { duration: over }) };
}
