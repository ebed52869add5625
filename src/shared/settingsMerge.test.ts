import { describe, expect, it } from 'vitest';
import { defaultCalendars, defaultPolicies } from './sla/defaults';
import { chooseMerged, replacedChanges, threeWayMerge, type OrderedSettingsEvent } from './settingsMerge';
import { diffSettings } from './settingsStream';

// Two admins' edits of one SLA policy or calendar: on one desk the editor merges them field by
// field (nothing typed is lost); across desks the later change in the hub's order wins each
// field, and a change replaced unseen is named.

const policy = () => structuredClone(defaultPolicies.find((p) => p.id === 'education-standard')!);

describe('threeWayMerge', () => {
  it('takes fields only the other admin changed, keeps mine, and puts fields we both changed side by side', () => {
    const base = policy();
    const theirs = policy();
    theirs.name = 'Education (Grace)';
    theirs.targets.normal.firstResponse = 120;
    theirs.targets.low.resolution = 9000;
    const mine = policy();
    mine.atRiskShare = 0.5;
    mine.targets.normal.firstResponse = 180;
    mine.targets.high.resolution = 1500;
    mine.targets.low.resolution = 9000; // the same as theirs: no choice to make
    const r = threeWayMerge('policy', base, mine, theirs);
    expect(r.taken.sort()).toEqual(['name', 'targets.low.resolution']);
    expect(r.kept.sort()).toEqual(['atRiskShare', 'targets.high.resolution']);
    expect(r.both).toEqual([{ path: 'targets.normal.firstResponse', base: base.targets.normal.firstResponse, mine: 180, theirs: 120 }]);
    expect(r.merged).toMatchObject({ name: 'Education (Grace)', atRiskShare: 0.5, targets: { normal: { firstResponse: 180 }, high: { resolution: 1500 }, low: { resolution: 9000 } } });
    expect(chooseMerged(r, { 'targets.normal.firstResponse': 'theirs' }).targets.normal.firstResponse).toBe(120);
    expect(chooseMerged(r, {}).targets.normal.firstResponse).toBe(180);
    // The base itself is left as it was.
    expect(base.targets.normal.firstResponse).toBe(policy().targets.normal.firstResponse);
  });

  it('merges a calendar by its fields: their new holiday and my new hours both stay', () => {
    const base = structuredClone(defaultCalendars[0]!);
    const theirs = { ...structuredClone(base), holidays: [...base.holidays, { date: '2026-03-02', name: 'Training day' }] };
    const mine = { ...structuredClone(base), name: 'Office hours (new)' };
    const r = threeWayMerge('calendar', base, mine, theirs);
    expect(r).toMatchObject({ taken: ['holidays'], kept: ['name'], both: [] });
    expect(r.merged).toEqual({ ...theirs, name: 'Office hours (new)' });
  });
});

describe('replacedChanges (the hub’s order decides; a change replaced unseen is named)', () => {
  const event = (id: string, seq: number, actorName: string, before: ReturnType<typeof policy>, after: ReturnType<typeof policy>): OrderedSettingsEvent => ({
    id,
    entity: 'policy',
    entityId: after.id,
    actorName,
    at: seq * 1000,
    globalSeq: seq,
    changes: diffSettings('policy', before, after),
  });

  it('names the earlier change a later one replaced without having seen it, field by field', () => {
    const base = policy();
    const omar = policy();
    omar.targets.normal.firstResponse = 300;
    omar.targets.high.resolution = 1500;
    const grace = policy();
    grace.targets.normal.firstResponse = 120;
    // Grace saved from the base (offline), so her "from" is not Omar’s 300: Omar’s 5h is replaced; his high resolution is not touched.
    const r = replacedChanges([event('g', 2, 'Grace', base, grace), event('o', 1, 'Omar', base, omar)]);
    expect(r).toEqual([
      { entity: 'policy', entityId: base.id, path: 'targets.normal.firstResponse', lost: { eventId: 'o', actorName: 'Omar', value: 300, at: 1000 }, won: { eventId: 'g', actorName: 'Grace', value: 120, at: 2000 } },
    ]);
  });

  it('says nothing when the later author had seen the change (saved on top of it)', () => {
    const base = policy();
    const omar = policy();
    omar.targets.normal.firstResponse = 300;
    const grace = structuredClone(omar);
    grace.targets.normal.firstResponse = 120;
    expect(replacedChanges([event('o', 1, 'Omar', base, omar), event('g', 2, 'Grace', omar, grace)])).toEqual([]);
  });
});
