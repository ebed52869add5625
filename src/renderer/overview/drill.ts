import type { DrillFilter } from '../../shared/api';
import { t } from '../i18n';
import { segmentLabel } from '../labels';
import type { Drill } from '../route';

// Words for a drill-down: which tickets ("At risk"), where ("Government tier 1"), and the
// accessible name of the number that opens it ("At risk in Government tier 1: 3").

export const filterLabel = (filter: DrillFilter): string => t(`board.filter.${filter}`);

export function scopeName(drill: Pick<Drill, 'segment' | 'tier'>): string {
  if (drill.segment && drill.tier) return t('board.scope.queue', { segment: segmentLabel(drill.segment), tier: drill.tier });
  if (drill.segment) return t('board.scope.segment', { segment: segmentLabel(drill.segment) });
  if (drill.tier) return t('board.scope.tier', { tier: drill.tier });
  return t('board.scope.all');
}

export function drillLabel(drill: Drill, count: number): string {
  return t('board.drillLabel', { filter: filterLabel(drill.filter), scope: scopeName(drill), count });
}
