import type { Role, Segment, Tier } from '../shared/domain';

// STAND-IN for src/shared/access.ts (issue 10 part 1), the one place that decides who may do
// what. Same names and shapes; when it lands on main this file re-exports it.

export interface Person {
  id: string;
  role: Role | 'system';
  tier: Tier;
  segments: readonly Segment[];
}
export type Refusal = string | null;

const segmentName = (s: Segment) => s.replace('_', ' ');

export function mayWorkSegment(p: Person, segment: Segment): Refusal {
  if (p.role === 'supervisor' || p.role === 'system') return null;
  if (p.role === 'admin') return 'Admins manage settings; they do not work tickets.';
  return p.segments.includes(segment) ? null : `You do not work the ${segmentName(segment)} segment.`;
}

export function mayActAtTier(p: Person, t: { segment: Segment; tier: Tier }): Refusal {
  if (p.role === 'supervisor' || p.role === 'system') return null;
  if (p.role === 'admin') return 'Admins manage settings; they do not work tickets.';
  if (p.tier !== t.tier) return `This ticket is at tier ${t.tier}; you work at tier ${p.tier}.`;
  return p.segments.includes(t.segment) ? null : `You do not work the ${segmentName(t.segment)} segment.`;
}

export function mayTake(p: Person, t: { segment: Segment; tier: Tier; assigneeId?: string | null }): Refusal {
  return mayActAtTier(p, t) ?? (t.assigneeId == null ? null : 'Someone is already working this ticket.');
}

export function mayHold(p: Person, t: { segment: Segment; tier: Tier; assigneeId?: string | null }): Refusal {
  const tier = mayActAtTier(p, t);
  if (tier) return tier;
  if (p.role === 'supervisor' || p.role === 'system') return null;
  return t.assigneeId === p.id ? null : 'Only the person working this ticket, or a supervisor, can do that. Take it first.';
}

export function mayCreateTicket(p: Person, segment: Segment): Refusal {
  if (p.role === 'admin') return 'Admins manage settings; they do not work tickets.';
  return seesSegment(p, segment) ? null : 'This ticket belongs to a segment you do not work.';
}

export function seesSegment(p: Person, segment: Segment | string): boolean {
  return p.role === 'supervisor' || p.role === 'admin' || p.role === 'system' || (p.segments as readonly string[]).includes(segment);
}

export function administers(p: Person): boolean {
  return p.role === 'admin';
}
