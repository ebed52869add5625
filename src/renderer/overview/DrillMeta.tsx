import { VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DrillRow } from '../../shared/api';
import { formatDateTime, formatDuration, t } from '../i18n';
import { segmentLabel, tierLabel } from '../labels';
import classes from './OverviewPage.module.css';

/**
 * The line under a drill row's subject: an open ticket's age, the customer, the segment and the
 * tier. One text cut at its end put the customer's name in the way: in Persian an English name
 * ("Jackson County Administration") ran left to right inside the right-to-left line, the cut
 * fell on its start («…kson County Administration») and the segment and tier after it were gone.
 * Here the name is isolated in its own direction (dir="auto") and is the one part that gives
 * way, cut at its own logical end ("Jackson County Adm…"), never below a few letters; the age,
 * segment and tier keep their room, in either language. What follows (the state's badge) goes
 * under the line when the line has no room left for it (a 420 px drawer).
 */
export function DrillMeta({ row, now, open, after }: { row: Pick<DrillRow, 'createdAt' | 'customerName' | 'segment' | 'tier'>; now: number; open: boolean; after?: ReactNode }) {
  return (
    <span className={classes.meta} data-testid="drill-meta">
      {/* An open ticket's age first: the board's "Oldest" is read against it. */}
      {open && (
        <span className={classes.metaWhole} data-part="age">
          <VisuallyHidden>{t('tickets.underLabel', { column: t('tickets.col.age') })}</VisuallyHidden>
          <span title={formatDateTime(row.createdAt)}>{formatDuration(now - row.createdAt)}</span>
          {' · '}
        </span>
      )}
      <bdi dir="auto" className={classes.metaName} title={row.customerName} data-part="customer">
        {row.customerName}
      </bdi>
      <span className={classes.metaWhole} data-part="queue">
        {' · '}
        {segmentLabel(row.segment)} · {tierLabel(row.tier)}
      </span>
      {after && <span className={classes.metaAfter}>{after}</span>}
    </span>
  );
}
