import type { Output } from '../../shared/api';
import { clockSkewOf } from '../../shared/clockSkew';
import { changesBehind, lagOf } from '../../shared/deskReport';
import { shortDeskId } from '../../shared/deskName';
import { formatRelative, t, tc } from '../i18n';

// The rows of the admins' Desks page (DesksPage.tsx): what each desk of the centre said of
// itself when it last called the hub, in the reader's words, the desks that need someone first.

/** A desk not heard from for longer than this is shown in red (three days: a long weekend is not). */
export const SILENT_AFTER_MS = 3 * 24 * 60 * 60_000;

export type DeskList = Output<'hubDesks.list'>;

export interface DeskLine {
  id: string;
  /** Its name as it last told the hub (src/shared/deskName.ts); null for a desk that has said none. */
  name: string | null;
  /** The desk's id as people read it: its first eight characters. */
  shortId: string;
  thisDesk: boolean;
  /** "Version 2"; "Version unknown" before it has said. */
  version: string;
  /** Below the hub's version, or refused as too old: "out of date — upgrade this desk". */
  upgrade: string | null;
  /** "3 days ago". */
  contact: string;
  silent: boolean;
  /** "2 unsent changes", "All sent", "Not known". */
  unsent: string;
  waiting: boolean;
  /** "10 minutes fast", "Right", "Not known". */
  clock: string;
  clockOff: boolean;
  /** How far it has read the hub's log: "Up to date", "12 changes behind", "Not known". */
  behind: string;
  /** Far behind, or its last pull much older than its last call: why, in words (null: neither). */
  lagging: string | null;
  /** Who last signed in there, or "Nobody yet". */
  who: string;
  /** How many of the above need someone (0: all is well). */
  problems: number;
  lastContactAt: number;
}

/**
 * One row per desk, the ones with most problems first, then the longest silent. `thisName`: this
 * desk's name as just saved here (the hub hears it with the desk's next call).
 */
export function deskLines(list: DeskList, thisName: string | null = null): DeskLine[] {
  const lines = list.desks.map((d): DeskLine => {
    const outOfDate = d.tooOld || (d.version !== null && d.version < list.hubVersion);
    const silent = list.now - d.lastContactAt > SILENT_AFTER_MS;
    const waiting = d.outbox !== null && d.outbox > 0;
    const skew = clockSkewOf(d.clockSkewMs === null ? null : -d.clockSkewMs);
    const behind = changesBehind(list.head, d.readTo);
    const lag = lagOf(d, list.head);
    const lagging = lag === 'notReceiving' ? t('desks.notReceiving', { ago: formatRelative(Math.min(d.readAt!, list.now), list.now) }) : lag === 'farBehind' ? t('desks.farBehind') : null;
    return {
      id: d.id,
      name: (d.id === list.thisDesk ? thisName : null) ?? d.name,
      shortId: shortDeskId(d.id),
      thisDesk: d.id === list.thisDesk,
      version: d.version === null ? t('desks.versionUnknown') : t('desks.version', { version: d.version }),
      upgrade: outOfDate ? t('desks.upgrade') : null,
      contact: formatRelative(Math.min(d.lastContactAt, list.now), list.now),
      silent,
      unsent: d.outbox === null ? t('desks.unknown') : d.outbox === 0 ? t('desks.allSent') : tc('desks.unsent', d.outbox),
      waiting,
      clock: skew ? t(skew.direction === 'fast' ? 'desks.clockFast' : 'desks.clockSlow', { amount: tc(`clock.${skew.unit}`, skew.amount) }) : d.clockSkewMs === null ? t('desks.unknown') : t('desks.clockRight'),
      clockOff: skew !== null,
      behind: behind === null ? t('desks.unknown') : behind === 0 ? t('desks.upToDate') : tc('desks.behind', behind),
      lagging,
      who: d.lastUser?.name ?? t('desks.nobody'),
      problems: [outOfDate, silent, waiting, skew !== null, lagging !== null].filter(Boolean).length,
      lastContactAt: d.lastContactAt,
    };
  });
  return lines.sort((a, b) => b.problems - a.problems || a.lastContactAt - b.lastContactAt || (a.name ?? a.shortId).localeCompare(b.name ?? b.shortId) || a.id.localeCompare(b.id));
}
