import type { SlaSettings } from '../../shared/api';
import type { Priority, Segment, ServiceLevel } from '../../shared/domain';
import type { SettingsEntity } from '../../shared/settingsStream';
import { currentLanguage, formatDigits, formatIsoDate, formatPercent, formatWeekday, isolated, localiseDigits, t, zoneName, type MessageKey } from '../i18n';
import { priorityLabel, segmentLabel, serviceLevelLabel } from '../labels';
import { slaName } from '../sla/shippedNames';

// How the SLA editors' merge and the settings page's "replaced" notices name a field of a
// policy or calendar (settingsMerge.ts paths: `targets.normal.firstResponse`, `holidays.2027-03-21`)
// and say its value, in the reader's language.

const FIELD_KEYS: Record<string, MessageKey> = {
  id: 'slaEdit.id',
  name: 'slaEdit.name',
  segment: 'slaEdit.segment',
  serviceLevel: 'slaEdit.serviceLevel',
  calendarId: 'slaEdit.calendar',
  atRiskShare: 'slaEdit.atRisk',
  reopenRule: 'slaEdit.reopenRule',
  timeZone: 'slaEdit.timeZone',
  weekly: 'slaEdit.weekly',
  holidays: 'slaEdit.holidays',
  yearRange: 'slaEdit.yearRange',
  displayCalendar: 'slaEdit.displayCalendar',
};

const TARGET_KEYS: Record<string, MessageKey> = { firstResponse: 'slaTarget.firstResponse', nextResponse: 'slaTarget.nextResponse', resolution: 'slaTarget.resolution' };

/** "Normal: First response", "Holiday on 2027-03-21", "Opening hours". */
export function fieldLabel(path: string): string {
  if (path.startsWith('holidays.')) {
    // A dated holiday as the reader writes dates (an ISO date in a Persian sentence read backwards); a yearly one as MM-DD.
    const date = path.slice('holidays.'.length);
    return t('slaEdit.mergeHoliday', { date: isolated(/^\d{4}-\d{2}-\d{2}$/.test(date) ? formatIsoDate(date) : localiseDigits(date)) });
  }
  const [head, priority, target] = path.split('.');
  if (head === 'targets' && priority && target && TARGET_KEYS[target]) return t('slaEdit.mergeTarget', { priority: priorityLabel(priority as Priority), target: t(TARGET_KEYS[target]) });
  const key = head ? FIELD_KEYS[head] : undefined;
  return key ? t(key) : path;
}

const sep = () => (currentLanguage() === 'fa' ? '، ' : ', ');

/** Business minutes as "4 h", "1 h 30 m" (no days: a business day's length depends on the calendar). */
function minutesText(n: number): string {
  const h = Math.floor(n / 60);
  const m = n % 60;
  return h === 0 ? t('duration.m', { m }) : m === 0 ? t('duration.h', { h }) : t('duration.hm', { h, m });
}

/** A field's value, said for the reader. */
export function valueText(entity: SettingsEntity, path: string, value: unknown, settings: SlaSettings | null): string {
  // One date of a calendar's holidays: the holiday's name, or that there is none that day.
  if (entity === 'calendar' && path.startsWith('holidays.')) return value === null || value === undefined ? t('slaEdit.mergeNoHoliday') : Array.isArray(value) ? value.map(String).join(sep()) : String(value);
  if (value === null || value === undefined) return '—';
  const head = path.split('.')[0];
  if (entity === 'policy' && head === 'targets' && typeof value === 'number') return minutesText(value);
  switch (head) {
    case 'segment':
      return segmentLabel(value as Segment);
    case 'serviceLevel':
      return serviceLevelLabel(value as ServiceLevel);
    case 'atRiskShare':
      return typeof value === 'number' ? formatPercent(value) : String(value);
    case 'reopenRule':
      return value === 'restart' ? t('slaEdit.reopen.restart') : t('slaEdit.reopen.continue');
    case 'calendarId': {
      const c = settings?.calendars.find((x) => x.id === value);
      return c ? slaName('calendar', c) : String(value);
    }
    case 'timeZone':
      return typeof value === 'string' ? zoneName(value) : String(value);
    case 'displayCalendar':
      return value === 'persian' ? t('slaEdit.persian') : t('slaEdit.gregory');
    case 'weekly':
      return Array.isArray(value) ? value.map((h: { day: number; start: string; end: string }) => `${formatWeekday(h.day, 'short')} ${localiseDigits(h.start)}–${localiseDigits(h.end)}`).join(sep()) || t('slaEdit.closed') : '';
    case 'holidays':
      return Array.isArray(value) ? t('slaEdit.holidayCount', { n: formatDigits(value.length) }) + (value.length > 0 ? `: ${(value as { date: string; name: string }[]).slice(-3).map((h) => `${localiseDigits(h.date)} ${h.name}`).join(sep())}` : '') : '';
    case 'yearRange': {
      const r = value as { from: number; to: number };
      return `${formatDigits(r.from)}–${formatDigits(r.to)}`;
    }
    default:
      return typeof value === 'string' || typeof value === 'number' ? localiseDigits(String(value)) : JSON.stringify(value);
  }
}
