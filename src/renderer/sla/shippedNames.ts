import { defaultCalendars, defaultPolicies } from '../../shared/sla/defaults';
import { t, type MessageKey } from '../i18n';

// The SLA policies and calendars a new desk starts with are named in English in the data
// ("Home basic", "Around the clock"). Until an admin renames one, its name is shown in the
// reader's language; a name an admin gave is shown as it was typed.

const KEYS: ReadonlyMap<string, MessageKey> = new Map<string, MessageKey>([
  ['policy:government-premier', 'slaName.policy.governmentPremier'],
  ['policy:large-enterprise-premier', 'slaName.policy.largeEnterprisePremier'],
  ['policy:education-standard', 'slaName.policy.educationStandard'],
  ['policy:small-business-standard', 'slaName.policy.smallBusinessStandard'],
  ['policy:home-basic', 'slaName.policy.homeBasic'],
  ['calendar:std-weekdays', 'slaName.calendar.stdWeekdays'],
  ['calendar:24x7', 'slaName.calendar.aroundTheClock'],
  ['calendar:tehran', 'slaName.calendar.tehran'],
  ['calendar:iran-official', 'slaName.calendar.iranOfficial'],
]);

const SHIPPED: ReadonlyMap<string, string> = new Map([
  ...defaultPolicies.map((p) => [`policy:${p.id}`, p.name] as const),
  ...defaultCalendars.map((c) => [`calendar:${c.id}`, c.name] as const),
]);

/** A policy's or calendar's name as the reader sees it: a shipped one's in their language, unless renamed. */
export function slaName(kind: 'policy' | 'calendar', item: { id: string; name: string }): string {
  const key = KEYS.get(`${kind}:${item.id}`);
  return key && SHIPPED.get(`${kind}:${item.id}`) === item.name ? t(key) : item.name;
}

/**
 * The heading of a policy's or calendar's editor ("Policy: Home basic"): its name as the list
 * of SLA settings says it, so a shipped one is not named in English on a Persian screen.
 */
export function slaEditorTitle(kind: 'policy' | 'calendar', item: { id: string; name: string } | null): string {
  if (!item) return t(kind === 'policy' ? 'slaEdit.newPolicy' : 'slaEdit.newCalendar');
  return t(kind === 'policy' ? 'slaEdit.policyTitle' : 'slaEdit.calendarTitle', { name: slaName(kind, item) });
}

/** "Policy “Government premier” saved.": the item named as the list of SLA settings names it. */
export function slaSavedMessage(kind: 'policy' | 'calendar', item: { id: string; name: string }): string {
  return t(kind === 'policy' ? 'slaEdit.policySaved' : 'slaEdit.calendarSaved', { name: slaName(kind, item) });
}

/** "Used by: Education standard, Home basic.": the policies a calendar's editor says use it, each named as the list names it. */
export function slaUsedBy(policies: ReadonlyArray<{ id: string; name: string }>): string {
  return t('slaEdit.usedBy', { policies: policies.map((p) => slaName('policy', p)).join(t('list.separator')) });
}

/** Every shipped policy and calendar, for the test that each has its name in every language. */
export const SHIPPED_NAMES: ReadonlyArray<{ kind: 'policy' | 'calendar'; id: string; name: string }> = [
  ...defaultPolicies.map((p) => ({ kind: 'policy' as const, id: p.id, name: p.name })),
  ...defaultCalendars.map((c) => ({ kind: 'calendar' as const, id: c.id, name: c.name })),
];
