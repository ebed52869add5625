import { describe, expect, it } from 'vitest';
import { defaultCalendars, defaultPolicies } from './sla/defaults';
import { chooseMerged, fieldsOfRecord, leafChanges, overlaps, replacedChanges, threeWayMerge, withField, type OrderedSettingsEvent } from './settingsMerge';
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
    expect(r).toMatchObject({ taken: ['holidays.2026-03-02'], kept: ['name'], both: [] });
    expect(r.merged).toEqual({ ...theirs, name: 'Office hours (new)' });
  });

  it('merges holidays date by date: a holiday each admin added stays, one removed stays removed, the same date named two ways is for me to choose', () => {
    const base = { ...structuredClone(defaultCalendars[0]!), holidays: [{ date: '2027-01-01', name: 'New Year' }, { date: '2027-05-01', name: 'May Day' }, { date: '12-25', name: 'Christmas' }] };
    // Grace (saved first): adds Nowruz, removes May Day, names 1 January her way.
    const theirs = { ...structuredClone(base), holidays: [{ date: '2027-01-01', name: 'New Year’s Day' }, { date: '12-25', name: 'Christmas' }, { date: '2027-03-21', name: 'Nowruz' }] };
    // Omar (mine): adds 1 April, names 1 January his way.
    const mine = { ...structuredClone(base), holidays: [{ date: '2027-01-01', name: 'Jan 1' }, { date: '2027-05-01', name: 'May Day' }, { date: '12-25', name: 'Christmas' }, { date: '2027-04-01', name: 'Sizdah Bedar' }] };
    const r = threeWayMerge('calendar', base, mine, theirs);
    expect(r.taken.sort()).toEqual(['holidays.2027-03-21', 'holidays.2027-05-01']);
    expect(r.kept).toEqual(['holidays.2027-04-01']);
    expect(r.both).toEqual([{ path: 'holidays.2027-01-01', base: 'New Year', mine: 'Jan 1', theirs: 'New Year’s Day' }]);
    // Both new holidays, May Day gone, 1 January as chosen; a merged list is in date order (yearly dates first).
    expect(chooseMerged(r, {}).holidays).toEqual([{ date: '12-25', name: 'Christmas' }, { date: '2027-01-01', name: 'Jan 1' }, { date: '2027-03-21', name: 'Nowruz' }, { date: '2027-04-01', name: 'Sizdah Bedar' }]);
    expect(chooseMerged(r, { 'holidays.2027-01-01': 'theirs' }).holidays[1]).toEqual({ date: '2027-01-01', name: 'New Year’s Day' });
  });
});

describe('holidays as fields of their own, date by date', () => {
  const cal = (holidays: { date: string; name: string }[]) => ({ ...structuredClone(defaultCalendars[0]!), holidays });

  it('splits a holidays change into the dates it moved, and sets one date without touching the others', () => {
    const before = cal([{ date: '2027-01-01', name: 'New Year' }, { date: '2027-05-01', name: 'May Day' }]);
    const after = cal([{ date: '2027-01-01', name: 'New Year' }, { date: '2027-03-21', name: 'Nowruz' }]);
    const [change] = diffSettings('calendar', before, after);
    expect(leafChanges('calendar', change!).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: 'holidays.2027-03-21', from: null, to: 'Nowruz' },
      { path: 'holidays.2027-05-01', from: 'May Day', to: null },
    ]);
    expect(withField(before, 'holidays.2027-03-21', 'Nowruz').holidays).toEqual([{ date: '2027-01-01', name: 'New Year' }, { date: '2027-03-21', name: 'Nowruz' }, { date: '2027-05-01', name: 'May Day' }]);
    expect(withField(before, 'holidays.2027-05-01', null).holidays).toEqual([{ date: '2027-01-01', name: 'New Year' }]);
    expect(withField(before, 'holidays.2027-01-01', 'Neujahr').holidays).toEqual([{ date: '2027-01-01', name: 'Neujahr' }, { date: '2027-05-01', name: 'May Day' }]);
    expect(overlaps('holidays', 'holidays.2027-03-21')).toBe(true);
    expect(overlaps('holidays.2027-03-21', 'holidays.2027-04-01')).toBe(false);
  });

  it('keeps a date given twice as both its names', () => {
    const twice = cal([{ date: '2027-03-21', name: 'Nowruz' }, { date: '2027-03-21', name: 'Nowruz (2)' }]);
    expect(fieldsOfRecord('calendar', twice).get('holidays.2027-03-21')).toEqual(['Nowruz', 'Nowruz (2)']);
    expect(withField(cal([]), 'holidays.2027-03-21', ['Nowruz', 'Nowruz (2)']).holidays).toEqual(twice.holidays);
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

  const calEvent = (id: string, seq: number, actorName: string, before: { date: string; name: string }[], after: { date: string; name: string }[]): OrderedSettingsEvent => {
    const cal = (holidays: { date: string; name: string }[]) => ({ ...structuredClone(defaultCalendars[0]!), holidays });
    return { id, entity: 'calendar', entityId: defaultCalendars[0]!.id, actorName, at: seq * 1000, globalSeq: seq, changes: diffSettings('calendar', cal(before), cal(after)) };
  };

  it('two admins who each added a holiday on another date replaced nothing; the same date named two ways is named', () => {
    const base = [{ date: '2027-01-01', name: 'New Year' }];
    const grace = calEvent('g', 1, 'Grace', base, [...base, { date: '2027-03-21', name: 'Nowruz' }]);
    const omar = calEvent('o', 2, 'Omar', base, [...base, { date: '2027-04-01', name: 'Sizdah Bedar' }]);
    expect(replacedChanges([grace, omar])).toEqual([]);
    // A removal on one desk and nothing on the other: nothing replaced either.
    expect(replacedChanges([calEvent('g', 1, 'Grace', base, []), omar])).toEqual([]);
    const omarToo = calEvent('o', 2, 'Omar', base, [...base, { date: '2027-03-21', name: 'Persian New Year' }]);
    expect(replacedChanges([grace, omarToo])).toEqual([
      { entity: 'calendar', entityId: defaultCalendars[0]!.id, path: 'holidays.2027-03-21', lost: { eventId: 'g', actorName: 'Grace', value: 'Nowruz', at: 1000 }, won: { eventId: 'o', actorName: 'Omar', value: 'Persian New Year', at: 2000 } },
    ]);
  });
});
