import { describe, expect, it } from 'vitest';
import { defaultCalendars, defaultPolicies } from './sla/defaults';
import { diffSettings, settingsStreamRule } from './settingsStream';
import type { OutboxEnvelope } from './ticketLog/envelope';
import type { Actor } from './domain';

// The hub's re-check of an admin's SLA change: the same schemas the desk's form and back end
// use, the record the envelope names, and changes that match what was saved.

const admin: Actor = { id: 'admin-1', role: 'admin', tier: 3, segments: [] };
const supervisor: Actor = { id: 'sup-1', role: 'supervisor', tier: 3, segments: [] };
const known = { segment: null, seen: true };

function envelope(by: Actor, type: string, entityId: string, payload: Record<string, unknown>): OutboxEnvelope {
  return { id: '0190f5c4-0000-7000-8000-000000000001', stream: 'settings', entityId, seq: 1, type, payloadVersion: 1, payload, actor: by, deskId: '0190f5c4-0000-7000-8000-000000000002', deskTime: 0, globalSeq: null };
}

function calendarChange(by: Actor, change: (c: (typeof defaultCalendars)[number]) => void) {
  const before = defaultCalendars[0]!;
  const after = structuredClone(before);
  change(after);
  return envelope(by, 'CALENDAR_CHANGED', after.id, { v: 1, entity: 'calendar', changes: diffSettings('calendar', before, after), after, actorName: 'Olga' });
}

describe('settingsStreamRule', () => {
  it('takes an admin’s valid change, open to everyone signed in', () => {
    const e = calendarChange(admin, (c) => c.holidays.push({ date: '2026-03-02', name: 'Training day' }));
    expect(e.payload.changes).toEqual([{ field: 'holidays', from: defaultCalendars[0]!.holidays, to: [...defaultCalendars[0]!.holidays, { date: '2026-03-02', name: 'Training day' }] }]);
    expect(settingsStreamRule(e, admin, known)).toEqual({ ok: true, segment: null });
  });

  it('takes an admin’s time zone for the centre’s day, and refuses one that is no zone', () => {
    const centre = (zone: string) => envelope(admin, 'CENTRE_CHANGED', 'centre', { v: 1, entity: 'centre', changes: [{ field: 'dayTimeZone', from: null, to: zone }], after: { id: 'centre', dayTimeZone: zone }, actorName: 'Olga' });
    expect(settingsStreamRule(centre('Asia/Tehran'), admin, known)).toEqual({ ok: true, segment: null });
    expect(settingsStreamRule(centre('Mars/Olympus'), admin, known)).toMatchObject({ ok: false, reason: expect.stringContaining('dayTimeZone') });
  });

  it('refuses anyone but an admin, even a supervisor', () => {
    const e = calendarChange(supervisor, (c) => c.holidays.push({ date: '2026-03-02', name: 'Training day' }));
    expect(settingsStreamRule(e, supervisor, known)).toEqual({ ok: false, reason: 'Refused: Only admins can change SLA policies and calendars.' });
  });

  it('refuses what the desk’s own validation refuses, saying where', () => {
    const e = calendarChange(admin, (c) => c.holidays.push({ date: '2040-01-01', name: 'Out of range' }));
    expect(settingsStreamRule(e, admin, known)).toMatchObject({ ok: false, reason: expect.stringMatching(/^Refused: holidays\.\d+\.date: /) });
    const policy = structuredClone(defaultPolicies[0]!);
    policy.targets.normal.resolution = -5;
    const p = envelope(admin, 'SLA_POLICY_CHANGED', policy.id, { v: 1, entity: 'policy', changes: [{ field: 'targets', from: null, to: policy.targets }], after: policy, version: 2, actorName: 'Olga' });
    expect(settingsStreamRule(p, admin, known)).toMatchObject({ ok: false, reason: expect.stringContaining('targets.normal.resolution') });
  });

  it('refuses a change that does not match the record saved, or names another record', () => {
    const e = calendarChange(admin, (c) => (c.name = 'Weekdays'));
    const forged = { ...e, payload: { ...e.payload, changes: [{ field: 'name', from: 'x', to: 'Something else' }] } };
    expect(settingsStreamRule(forged, admin, known)).toEqual({ ok: false, reason: 'name: the change does not match the saved calendar.' });
    expect(settingsStreamRule({ ...e, entityId: '24x7' }, admin, known)).toMatchObject({ ok: false });
    expect(settingsStreamRule({ ...e, type: 'SLA_POLICY_CHANGED' }, admin, known)).toMatchObject({ ok: false });
  });
});
