import { canonical, type SettingsChange, type SettingsEntity } from './settingsStream';

// How two admins' changes to one SLA policy or calendar come together, field by field.
//
// A "field" here is the smallest part an admin edits on its own: each of a policy's targets
// (`targets.normal.firstResponse`: one priority's one target), each date of a calendar's
// holidays (`holidays.2027-03-21`: the name of the holiday on that date, or none), and every
// other top-level field (a calendar's weekly hours are one field). Two admins who change
// different targets of one policy both keep theirs; two who each add a holiday on another date
// both keep theirs; one who removes a holiday the other left alone removes it; the same date
// named two ways by two admins is a change to one field, decided as any other.
//
// On one desk (threeWayMerge): a save carries the record its editor started from; if the
// desk holds a newer one, the save is refused and the editor merges: a field only the other
// admin changed is taken in, one only I changed is kept, one we both changed (to different
// values) is shown side by side for me to choose. Nothing typed is lost.
//
// Across desks, through the hub (replacedChanges): desks that were offline cannot be asked,
// so the rule is fixed and the same on every desk: for each field, the change later in the
// hub's order wins (the order the hub accepted them, not the desks' clocks). A change whose
// author had not seen the one it replaced (its "from" is not what the earlier one set) is
// named to the admins: "Omar's change to … (4h) was replaced by Grace's (2h), saved later on
// another desk".

export type FieldPath = string;

const HOLIDAYS = 'holidays.';
type Holiday = { date: string; name: string };
const isHolidayList = (v: unknown): v is Holiday[] => Array.isArray(v) && v.every((h) => h && typeof h === 'object' && typeof (h as Holiday).date === 'string');

/**
 * A calendar's holidays by date: the holiday's name (its names, in order, in the rare list
 * that gives one date twice). Dates are keys as typed: '2027-03-21' and the yearly '03-21' are
 * different fields.
 */
function holidaysByDate(list: Holiday[]): Map<string, unknown> {
  const names = new Map<string, string[]>();
  for (const h of list) {
    const at = names.get(h.date);
    if (at) at.push(h.name);
    else names.set(h.date, [h.name]);
  }
  return new Map([...names].map(([date, n]) => [date, n.length === 1 ? n[0] : n]));
}

/**
 * The holidays with one date's set to `value` (a name, several names, or null: none that day),
 * listed by date (as typed: yearly dates first), so desks that merged the same holidays in
 * different orders list them alike.
 */
function withHoliday(list: Holiday[], date: string, value: unknown): Holiday[] {
  const names = value === null || value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
  const byDate = (a: Holiday, b: Holiday) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
  return [...list.filter((h) => h.date !== date), ...names.map((name) => ({ date, name }))].sort(byDate);
}

/** The leaf fields of a record with their values (targets split per priority and target, holidays per date). */
export function fieldsOfRecord(entity: SettingsEntity, record: Record<string, unknown> | null): Map<FieldPath, unknown> {
  const out = new Map<FieldPath, unknown>();
  if (!record) return out;
  for (const [field, value] of Object.entries(record)) {
    if (entity === 'calendar' && field === 'holidays' && isHolidayList(value)) {
      for (const [date, names] of holidaysByDate(value)) out.set(`${HOLIDAYS}${date}`, names);
    } else if (entity === 'policy' && field === 'targets' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [priority, targets] of Object.entries(value as Record<string, unknown>)) {
        if (targets && typeof targets === 'object' && !Array.isArray(targets)) {
          for (const [target, minutes] of Object.entries(targets as Record<string, unknown>)) out.set(`targets.${priority}.${target}`, minutes);
        } else out.set(`targets.${priority}`, targets);
      }
    } else out.set(field, value);
  }
  return out;
}

/** A copy of the record with one leaf field set. */
export function withField<T extends Record<string, unknown>>(record: T, path: FieldPath, value: unknown): T {
  if (path.startsWith(HOLIDAYS)) {
    // One date of a calendar's holidays (the date may hold any character, a dot too).
    const list = isHolidayList(record.holidays) ? record.holidays : [];
    return { ...structuredClone(record), holidays: withHoliday(list, path.slice(HOLIDAYS.length), structuredClone(value)) };
  }
  const parts = path.split('.');
  const copy = structuredClone(record) as Record<string, unknown>;
  let at = copy;
  for (const part of parts.slice(0, -1)) {
    const next = at[part];
    if (!next || typeof next !== 'object' || Array.isArray(next)) at[part] = {};
    at = at[part] as Record<string, unknown>;
  }
  at[parts[parts.length - 1]!] = structuredClone(value);
  return copy as T;
}

const same = (a: unknown, b: unknown) => canonical(a ?? null) === canonical(b ?? null);

/** The leaf fields one top-level change set: a targets change is split into the targets it moved, a holidays change into the dates it moved. */
export function leafChanges(entity: SettingsEntity, change: SettingsChange): { path: FieldPath; from: unknown; to: unknown }[] {
  const targets = entity === 'policy' && change.field === 'targets';
  const holidays = entity === 'calendar' && change.field === 'holidays' && (change.from === null || isHolidayList(change.from)) && isHolidayList(change.to);
  if (!targets && !holidays) return [{ path: change.field, from: change.from, to: change.to }];
  const asRecord = (v: unknown) => (targets ? (v && typeof v === 'object' && !Array.isArray(v) ? { targets: v } : null) : isHolidayList(v) ? { holidays: v } : null);
  const from = fieldsOfRecord(entity, asRecord(change.from));
  const to = fieldsOfRecord(entity, asRecord(change.to));
  const out: { path: FieldPath; from: unknown; to: unknown }[] = [];
  for (const path of new Set([...from.keys(), ...to.keys()])) if (!same(from.get(path), to.get(path))) out.push({ path, from: from.get(path) ?? null, to: to.get(path) ?? null });
  return out;
}

/** True when a leaf field is the field a held path names, or inside it, or holds it (a whole `targets` change holds every target, a whole `holidays` every date). */
export function overlaps(a: FieldPath, b: FieldPath): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

export interface BothChanged {
  path: FieldPath;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult<T> {
  /** Theirs with my changes on it; where we both changed a field, mine (until chosen otherwise). */
  merged: T;
  /** Fields only the other admin changed: taken in. */
  taken: FieldPath[];
  /** Fields only I changed: kept. */
  kept: FieldPath[];
  /** Fields we both changed, to different values: for me to choose. */
  both: BothChanged[];
}

/**
 * Three-way merge of an admin's edit (`mine`, begun from `base`) with the record as it is
 * saved now (`theirs`). Fields both changed to the same value count as taken.
 */
export function threeWayMerge<T extends Record<string, unknown>>(entity: SettingsEntity, base: T, mine: T, theirs: T): MergeResult<T> {
  const b = fieldsOfRecord(entity, base);
  const m = fieldsOfRecord(entity, mine);
  const t = fieldsOfRecord(entity, theirs);
  let merged = structuredClone(theirs);
  const taken: FieldPath[] = [];
  const kept: FieldPath[] = [];
  const both: BothChanged[] = [];
  for (const path of new Set([...b.keys(), ...m.keys(), ...t.keys()])) {
    const iChanged = !same(b.get(path), m.get(path));
    const theyChanged = !same(b.get(path), t.get(path));
    if (theyChanged && (!iChanged || same(m.get(path), t.get(path)))) taken.push(path);
    else if (iChanged && !theyChanged) {
      kept.push(path);
      merged = withField(merged, path, m.get(path));
    } else if (iChanged && theyChanged) {
      both.push({ path, base: b.get(path) ?? null, mine: m.get(path) ?? null, theirs: t.get(path) ?? null });
      merged = withField(merged, path, m.get(path));
    }
  }
  return { merged, taken, kept, both };
}

/** The merged record with my choice for each field we both changed ('theirs' takes the other admin's value). */
export function chooseMerged<T extends Record<string, unknown>>(result: MergeResult<T>, choices: Record<FieldPath, 'mine' | 'theirs'>): T {
  let out = result.merged;
  for (const c of result.both) out = withField(out, c.path, choices[c.path] === 'theirs' ? c.theirs : c.mine);
  return out;
}

/** One accepted settings event, as a desk holds it, in the hub's order. */
export interface OrderedSettingsEvent {
  id: string;
  entity: SettingsEntity;
  entityId: string;
  actorName: string;
  at: number;
  globalSeq: number;
  changes: SettingsChange[];
}

export interface ReplacedChange {
  entity: SettingsEntity;
  entityId: string;
  path: FieldPath;
  lost: { eventId: string; actorName: string; value: unknown; at: number };
  won: { eventId: string; actorName: string; value: unknown; at: number };
}

/**
 * The changes a later change (in the hub's order) replaced without its author having seen
 * them: the later one's "from" is not what the earlier one set, and it sets another value.
 * The same on every desk, since it reads only events in the hub's order.
 */
export function replacedChanges(events: readonly OrderedSettingsEvent[]): ReplacedChange[] {
  const ordered = [...events].sort((a, b) => a.globalSeq - b.globalSeq);
  const last = new Map<string, { event: OrderedSettingsEvent; to: unknown }>();
  const out: ReplacedChange[] = [];
  for (const e of ordered) {
    for (const change of e.changes) {
      for (const leaf of leafChanges(e.entity, change)) {
        const key = `${e.entity}|${e.entityId}|${leaf.path}`;
        const before = last.get(key);
        if (before && !same(leaf.from, before.to) && !same(leaf.to, before.to)) {
          out.push({
            entity: e.entity,
            entityId: e.entityId,
            path: leaf.path,
            lost: { eventId: before.event.id, actorName: before.event.actorName, value: before.to ?? null, at: before.event.at },
            won: { eventId: e.id, actorName: e.actorName, value: leaf.to ?? null, at: e.at },
          });
        }
        last.set(key, { event: e, to: leaf.to });
      }
    }
  }
  return out;
}
