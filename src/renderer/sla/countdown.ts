import type { MantineColor } from '@mantine/core';
import type { TicketRow } from '../../shared/api';
import { formatInCalendar } from '../../shared/sla/calendar';
import { currentLocale, displayCalendarFor, formatDuration, t, zoneName } from '../i18n';
import { slaTargetLabel } from '../labels';

// What an SLA countdown says. The desk sends, per ticket, the business time left until the
// running target is due (negative once past) as of the moment it answered; the badge may
// tick that down locally for display, and refetches replace it with the desk's truth.

export type TicketSla = NonNullable<TicketRow['sla']>;
export type SlaStatus = TicketSla['status'];

export interface Countdown {
  status: SlaStatus;
  /** The badge's words: "2h 15m left", "Breached 40m ago", "Paused"... */
  label: string;
  color: MantineColor;
  variant: 'light' | 'filled' | 'outline';
  /** "Resolution due 14 Mar 2026, 16:30 (UTC)", or what applies instead. */
  detail: string | null;
}

const MINUTE = 60_000;

/** The countdown `ageMs` after the desk reported `sla` (ageMs only ever shortens what is left). */
export function countdown(sla: TicketSla | null, dueAt: number | null, ageMs = 0): Countdown {
  if (!sla || sla.status === 'none') {
    return { status: 'none', label: t('sla.none'), color: 'gray', variant: 'outline', detail: null };
  }
  const target = sla.target ? slaTargetLabel(sla.target) : null;
  const due = dueAt === null ? null : dueText(dueAt, sla);
  switch (sla.status) {
    case 'paused':
      return { status: 'paused', label: t('sla.paused'), color: 'gray', variant: 'outline', detail: target ? t('sla.pausedDetail', { target }) : t('sla.pausedNoTarget') };
    case 'met':
      // "Met" alone, under a resolved ticket's title, did not say what was met.
      return { status: 'met', label: t('sla.met'), color: 'teal', variant: 'light', detail: t('sla.metDetail') };
    case 'breached': {
      const past = sla.remainingMs === null ? null : -sla.remainingMs + ageMs;
      const label = past === null ? t('sla.breached') : past < MINUTE ? t('sla.breachedNow') : t('sla.breachedAgo', { time: formatDuration(past) });
      return { status: 'breached', label, color: 'red.8', variant: 'filled', detail: detailOf(target, due, 'sla.wasDue') };
    }
    case 'ok':
    case 'atRisk': {
      const left = sla.remainingMs === null ? null : sla.remainingMs - ageMs;
      const label = left === null ? t('sla.running') : left <= 0 ? t('sla.dueNow') : t('sla.left', { time: formatDuration(Math.ceil(left / MINUTE) * MINUTE) });
      return {
        status: sla.status,
        label,
        color: sla.status === 'atRisk' ? 'orange' : 'gray',
        variant: 'light',
        detail: detailOf(target, due, 'sla.due'),
      };
    }
  }
}

function detailOf(target: string | null, due: string | null, key: 'sla.due' | 'sla.wasDue'): string | null {
  if (due === null) return target;
  return t(key, { target: target ?? t('sla.target'), when: due });
}

/** The due time on the wall clock of the ticket's calendar, in its display calendar, with the zone. */
/**
 * The ticket page's "Due" fact. A ticket waiting on the customer has a target whose due time is
 * not known until the clock runs again: "Paused", not "No target" (which says none applies);
 * one whose targets were all met says so.
 */
export function dueFact(dueAt: number | null, sla: TicketSla | null): string {
  if (sla?.status === 'paused') return t('sla.paused');
  if (dueAt === null || !sla) return sla?.status === 'met' ? t('sla.met') : t('tickets.noDue');
  return dueText(dueAt, sla);
}

export function dueText(dueAt: number, sla: Pick<TicketSla, 'timeZone' | 'displayCalendar'>): string {
  try {
    return t('sla.inZone', { when: formatInCalendar(dueAt, sla.timeZone, currentLocale(), displayCalendarFor(sla.displayCalendar)), zone: zoneName(sla.timeZone) });
  } catch {
    return new Date(dueAt).toISOString();
  }
}

