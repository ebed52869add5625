import { mayBeAssigned, staffsQueue } from '../../shared/access';
import { SEGMENTS, type Segment, type Tier, type User } from '../../shared/domain';
import { t } from '../i18n';
import { roleLabel, segmentLabel, tierLabel, userMeta } from '../labels';

export interface AssigneeGroup {
  group: string;
  items: { value: string; label: string }[];
}

/**
 * Whom a supervisor may give a ticket at this segment and tier: the people who work that
 * queue, then the supervisors. Only those the desk accepts (access.mayBeAssigned) are offered;
 * a tier-1 agent or a tier-3 specialist for a tier-2 ticket would only be refused on submit.
 */
export function assigneeOptions(users: readonly User[], segment: Segment, tier: Tier): AssigneeGroup[] {
  const place = { segment, tier };
  const assignable = users.filter((u) => mayBeAssigned(u, place) === null);
  const fits = assignable.filter((u) => staffsQueue(u, place));
  const supervisors = assignable.filter((u) => !fits.includes(u));
  const option = (u: User) => ({ value: u.id, label: `${u.name} · ${u.role === 'supervisor' ? roleLabel(u.role) : userMeta(u, SEGMENTS.length)}` });
  return [
    ...(fits.length ? [{ group: t('act.assigneesFit', { tier: tierLabel(tier), segment: segmentLabel(segment) }), items: fits.map(option) }] : []),
    ...(supervisors.length ? [{ group: t('role.supervisor.plural'), items: supervisors.map(option) }] : []),
  ];
}
