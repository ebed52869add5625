import { ApiError, type SettingsExpected, type SlaSettings, type SlaTargetTrace, type TicketRow, type TicketSlaTrace } from '../../shared/api';
import { SEGMENTS, SERVICE_LEVELS, type Segment, type ServiceLevel, type User } from '../../shared/domain';
import { canonical, centreSettingsSchema, DEFAULT_CENTRE, diffSettings, settingsPayloadSchema, type CentreSettings } from '../../shared/settingsStream';
import { fieldsOfRecord, replacedChanges, type OrderedSettingsEvent } from '../../shared/settingsMerge';
import { say, SLA_TARGET_PHRASE } from '../../shared/messageKeys';
import { businessTimeBetween, calendarSchema, knownTimeZone, type BusinessCalendar } from '../../shared/sla/calendar';
import { defaultCalendars, defaultPolicies } from '../../shared/sla/defaults';
import { computeSla, slaPolicySchema, traceSla, type SlaPolicy, type SlaState, type SlaTarget } from '../../shared/sla/slaClock';
import { policyProblems } from '../../shared/sla/policyRules';
import { calendarTiming, policyTiming } from '../../shared/sla/timing';
import { owedDeadlines, slaEventsOf, ticketSlaStatus, type LoggedEvent, type OwedDeadline, type PolicySpan } from '../../shared/sla/ticketSla';
import { policiesWith, type PolicyInForce } from '../../shared/ticketLog';
import { param, type Sql } from './db/exec';
import { policyVersions } from './policyVersions';
import type { TicketRowDb } from './db/schema';
import { settingsLog } from './settingsSync';

// SLA policies and calendars as the desk stores them, and the projection of a ticket's log
// onto its SLA columns. Due times are data on the ticket; the scheduler reads them back.

const DAY_MS = 86_400_000;
/** sla_recent keeps today and the 7 UTC days before it: the board's week (7 centre days, any zone) lies within (tickets.ts centreDays). */
export const RECENT_DAYS = 7;
const ATTAINMENT_TARGETS = ['firstResponse', 'resolution'] as const;

/** A first-response or resolution target met or missed, as a write records it once. */
export interface SlaOutcome {
  ticketId: string;
  target: (typeof ATTAINMENT_TARGETS)[number];
  segment: string;
  dueAt: number | null;
  done: number;
  met: boolean;
  /** Within the drill-down's days (sla_recent) when it was done. */
  recent: boolean;
}

export interface SlaColumns {
  sla_status: string;
  sla_target: string | null;
  due_at: number | null;
  sla_next_at: number | null;
  sla_calendar_id: string | null;
}

export interface SlaProjection {
  columns: SlaColumns;
  /** The policy history, with the policy in force appended when it changed. */
  policies: PolicySpan[];
  state: SlaState;
  owed: OwedDeadline[];
}

/**
 * What a change of settings moved, for re-timing open tickets (retime.ts): the calendars whose
 * body changed, and the segments and levels (`segment/level`) whose policy in force changed.
 */
export interface SettingsMoved {
  calendars: string[];
  pairs: string[];
}

export function slaStore(db: Sql) {
  const k = db.kysely;
  const versions = policyVersions(db);
  let calendars = new Map<string, BusinessCalendar>();
  let policies: Array<{ policy: SlaPolicy; version: number }> = [];
  let centre: CentreSettings = DEFAULT_CENTRE;
  // An admin's change also goes to the hub, in the same transaction (the 'settings' stream).
  let log: ReturnType<typeof settingsLog> | null = null;
  // What the last load read, to tell what the next one moved.
  let seen: { calendars: Map<string, string>; inForce: Map<string, string> } | null = null;
  const watchers: Array<(moved: SettingsMoved) => void> = [];
  // The zone the centre's day followed at the last load, to tell those who count by it (trendRekey.ts) that it moved.
  let zoneSeen: string | null = null;
  const zoneWatchers: Array<(zone: string) => void> = [];

  function load() {
    calendars = new Map(db.all(k.selectFrom('sla_calendars').select('body')).map((r) => {
      const c = calendarSchema.parse(JSON.parse(r.body));
      return [c.id, c];
    }));
    policies = db.all(k.selectFrom('sla_policies').select(['body', 'version']).orderBy('id')).map((r) => ({ policy: slaPolicySchema.parse(JSON.parse(r.body)), version: r.version }));
    const saved = db.get(k.selectFrom('meta').select('value').where('key', '=', CENTRE_KEY));
    // A zone this desk's Intl does not know (an older runtime) reads as "follow the calendars".
    centre = (saved && centreSettingsSchema.safeParse(JSON.parse(saved.value)).data) || DEFAULT_CENTRE;
    const zone = centre.dayTimeZone ?? calendarsDayZone();
    if (zoneSeen !== null && zone !== zoneSeen) for (const w of zoneWatchers) w(zone);
    zoneSeen = zone;
    const now = fingerprints();
    const before = seen;
    seen = now;
    if (!before) return;
    const moved: SettingsMoved = {
      calendars: [...new Set([...now.calendars.keys(), ...before.calendars.keys()])].filter((id) => now.calendars.get(id) !== before.calendars.get(id)),
      pairs: [...now.inForce.keys()].filter((pair) => now.inForce.get(pair) !== before.inForce.get(pair)),
    };
    if (moved.calendars.length > 0 || moved.pairs.length > 0) for (const w of watchers) w(moved);
  }

  /** Each calendar's timing (zone, hours, holiday dates), and each segment and level's policy in force (its targets, calendar, shares). */
  function fingerprints() {
    const inForce = new Map<string, string>();
    for (const segment of SEGMENTS) {
      for (const level of SERVICE_LEVELS) {
        const p = policyFor(segment, level);
        // Not the version, nor the name: a save that changed nothing a deadline follows moves none.
        inForce.set(`${segment}/${level}`, p ? canonical(policyTiming(p.policy)) : '');
      }
    }
    return { calendars: new Map([...calendars].map(([id, c]) => [id, canonical(calendarTiming(c))])), inForce };
  }

  /** Saves the centre's settings; `by` (the admin) is named on the change the hub hears of. */
  function saveCentre(input: unknown, now: number, by?: User): CentreSettings {
    const parsed = centreSettingsSchema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error.issues);
    const c = parsed.data;
    db.write(() => {
      const changes = diffSettings('centre', centre, c);
      db.run(k.insertInto('meta').values({ key: CENTRE_KEY, value: JSON.stringify(c) }).onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(c) })));
      if (by && changes.length > 0) (log ??= settingsLog(db)).append('centre', c.id, 'CENTRE_CHANGED', now, by, changes, c);
    });
    load();
    return c;
  }

  const calendarsDayZone = () => centreDayZone(policies.map((p) => calendars.get(p.policy.calendarId)?.timeZone), systemZone());

  /** A new desk starts with the shipped calendars and policies. */
  function ensureDefaults(now: number) {
    const has = db.get(k.selectFrom('sla_policies').select('id').limit(1));
    if (!has) {
      db.write(() => {
        for (const c of defaultCalendars) db.run(k.insertInto('sla_calendars').values({ id: c.id, body: JSON.stringify(c), updated_at: now }));
        for (const p of defaultPolicies) {
          db.run(k.insertInto('sla_policies').values({ id: p.id, segment: p.segment, service_level: p.serviceLevel, body: JSON.stringify(p), version: 1, updated_at: now }));
        }
      });
    }
    load();
  }

  function policyFor(segment: Segment, level: ServiceLevel): { policy: SlaPolicy; version: number } | null {
    return (
      policies.find((p) => p.policy.segment === segment && p.policy.serviceLevel === level) ??
      policies.find((p) => p.policy.segment === segment) ??
      null
    );
  }

  function policyInForceFor(row: Pick<TicketRowDb, 'segment' | 'service_level'>): PolicyInForce | null {
    const p = policyFor(row.segment as Segment, row.service_level as ServiceLevel);
    return p ? { version: p.version, policy: p.policy } : null;
  }

  function calendar(id: string | null): BusinessCalendar | null {
    return id ? (calendars.get(id) ?? null) : null;
  }

  /**
   * Recomputes a ticket's SLA columns from its whole log. The policy in force is appended to
   * the ticket's policy history when it differs from the last one it ran under, effective
   * from `at` (the ticket's newest event): a policy change applies from the next event.
   */
  function project(row: Pick<TicketRowDb, 'segment' | 'service_level'>, history: readonly PolicySpan[], log: readonly LoggedEvent[], at: number, now: number): SlaProjection | null {
    const spans = [...history];
    const current = policyFor(row.segment as Segment, row.service_level as ServiceLevel);
    const last = spans.at(-1);
    if (current && (!last || last.policy.id !== current.policy.id || last.version !== current.version)) {
      spans.push({ from: spans.length === 0 ? (log[0]?.at ?? at) : at, version: current.version, policy: current.policy });
    }
    const first = spans[0];
    const cal = first ? calendar(first.policy.calendarId) : null;
    if (!first || !cal) return null;
    const state = computeSla(first.policy, cal, slaEventsOf(log, spans), now);
    const summary = ticketSlaStatus(state);
    const owed = owedDeadlines(state, log, now);
    return {
      state,
      owed,
      policies: spans,
      columns: {
        sla_status: summary.status,
        sla_target: summary.target,
        due_at: summary.dueAt,
        sla_next_at: owed[0]?.at ?? null,
        sla_calendar_id: cal.id,
      },
    };
  }

  /**
   * Where the ticket's SLA figures come from, as of `now`: the same replay as the stored
   * columns (the policy history on the row, the first policy's calendar), traced.
   */
  function trace(row: Pick<TicketRowDb, 'sla_policy_refs' | 'due_at' | 'sla_target' | 'segment' | 'service_level' | 'created_at' | 'is_open'>, log: readonly LoggedEvent[], now: number): TicketSlaTrace | null {
    // An open ticket with the policy in force, if an admin changed it since the ticket's last event, as its row is re-timed (projectSla).
    const spans = policiesWith({ policies: versions.fromRefs(row.sla_policy_refs), head: { createdAt: row.created_at } }, row.is_open ? policyInForceFor(row) : null, now);
    const first = spans[0];
    const last = spans.at(-1);
    const cal = first ? calendar(first.policy.calendarId) : null;
    if (!first || !last || !cal) return null;
    const traced = traceSla(first.policy, cal, slaEventsOf(log, spans), now);
    // The replay hands back the very policy objects of the spans, so each names its version.
    const ref = (p: SlaPolicy) => {
      const span = spans.findLast((s) => s.policy === p) ?? spans.findLast((s) => s.policy.id === p.id) ?? first;
      return { id: p.id, name: p.name, version: span.version };
    };
    const targets = (['firstResponse', 'nextResponse', 'resolution'] as const satisfies readonly SlaTarget[]).map((target): SlaTargetTrace => {
      const t = traced.targets[target];
      // Calendars are not versioned: replayed on the calendar as it is now, a running target can
      // fall due at another time than the one stored on the ticket, which the desk acts on. A
      // change of calendar or policy re-times every open ticket (retime.ts), so the two differ
      // only while that runs, or where it was cut short (it runs again when the desk opens).
      // Both are said then (the page showed only this one).
      const held = t.phase === 'running' && row.sla_target === target && row.due_at !== null && t.clock.dueAt !== null && row.due_at !== t.clock.dueAt ? row.due_at : null;
      return {
        target,
        phase: t.phase,
        status: t.clock.status,
        policy: ref(t.policy),
        targetMs: t.targetMs,
        startedAt: t.startedAt,
        endedAt: t.endedAt,
        dueAt: t.clock.dueAt,
        atRiskAt: t.clock.atRiskAt,
        metAt: t.clock.metAt,
        elapsedMs: t.clock.elapsedMs,
        remainingMs: t.clock.remainingMs,
        pauses: t.pauses,
        ...(held !== null ? { heldDueAt: held } : {}),
      };
    });
    return {
      asOf: now,
      policy: { id: last.policy.id, name: last.policy.name, version: last.version },
      calendar: { id: cal.id, name: cal.name, timeZone: cal.timeZone, displayCalendar: cal.displayCalendar },
      paused: traced.state.paused,
      targets,
    };
  }

  const insertOutcome = db.prepare<never, [string, string, string, number | null, number, number]>(
    k
      .insertInto('sla_outcomes')
      .values({ ticket_id: param<string>(), target: param<string>(), segment: param<string>(), due_at: param<number | null>(), done_at: param<number>(), met: param<number>() })
      .onConflict((oc) => oc.doNothing()),
  );
  const bumpDaily = db.prepare<never, [number, string, string, number, number]>(
    k
      .insertInto('sla_daily')
      .values({ day: param<number>(), segment: param<string>(), target: param<string>(), met: param<number>(), total: 1 })
      .onConflict((oc) => oc.columns(['day', 'segment', 'target']).doUpdateSet((eb) => ({ met: eb('sla_daily.met', '+', param<number>()), total: eb('sla_daily.total', '+', 1) }))),
  );

  // The last 8 UTC days' outcomes again, by segment, target and time, for the attainment
  // drill-down (migration 0018). Older rows go once a day, in the SLA scheduler's ticks, not in
  // an agent's write: a day's outcomes on a 2 M-ticket desk (about 51,000 rows) took 142 ms to
  // delete, and a desk opened after a weekend owes three days of them. Until they go, the
  // drill-down's window leaves them out.
  const insertRecent = db.prepare<never, [string, string, number, string, number, number | null]>(
    k
      .insertInto('sla_recent')
      .values({ segment: param<string>(), target: param<string>(), done_at: param<number>(), ticket_id: param<string>(), met: param<number>(), due_at: param<number | null>() })
      .onConflict((oc) => oc.doNothing()),
  );
  // A slice of the old rows, one segment and target at a time, in the table's key order: the
  // done_at of the n-th old row bounds the delete (ties on it go too, so a slice always moves on).
  const nthOld = db.prepare<{ done_at: number }, [string, string, number, number]>(
    k.selectFrom('sla_recent').select('done_at').where('segment', '=', param<string>()).where('target', '=', param<string>()).where('done_at', '<', param<number>()).orderBy('done_at').limit(1).offset(param<number>()),
  );
  const pruneUpTo = db.prepare<never, [string, string, number]>(
    k.deleteFrom('sla_recent').where('segment', '=', param<string>()).where('target', '=', param<string>()).where('done_at', '<=', param<number>()),
  );
  let prunedOn: number | null = null;

  /**
   * Records each first-response and resolution target once, when it is met or missed.
   * `since`: the time of the ticket's last write before this one. A target done before it was
   * recorded by that write (or an earlier one), so it is not looked up again.
   */
  function recordOutcomes(ticketId: string, segment: string, state: SlaState, now: number, since?: number) {
    for (const o of outcomesOf(ticketId, segment, state, now, since)) writeOutcome(o);
  }

  /** The outcomes recordOutcomes() would write, as data: a ticket write stages them (stagedTallies.ts). */
  function outcomesOf(ticketId: string, segment: string, state: SlaState, now: number, since?: number): SlaOutcome[] {
    const recentFrom = (Math.floor(now / DAY_MS) - RECENT_DAYS) * DAY_MS;
    const out: SlaOutcome[] = [];
    for (const target of ATTAINMENT_TARGETS) {
      const c = state.targets[target];
      const done = c.status === 'met' ? c.metAt : c.status === 'breached' ? (c.metAt ?? c.dueAt) : null;
      if (done === null || (since !== undefined && done < since)) continue;
      out.push({ ticketId, target, segment, dueAt: c.dueAt, done, met: c.status === 'met', recent: done >= recentFrom });
    }
    return out;
  }

  /** One outcome: once per ticket and target, whoever records it first (a write, a pull, an import). */
  function writeOutcome(o: SlaOutcome): void {
    const met = o.met ? 1 : 0;
    if (insertOutcome.run(o.ticketId, o.target, o.segment, o.dueAt, o.done, met).changes === 0) return;
    bumpDaily.run(Math.floor(o.done / DAY_MS), o.segment, o.target, met, met);
    if (o.recent) insertRecent.run(o.segment, o.target, o.done, o.ticketId, met, o.dueAt);
  }

  /**
   * Deletes the drill-down's outcomes older than the days it keeps, once a UTC day, in a
   * transaction of its own. With `sliceRows`, about that many at most (a running desk's
   * scheduler goes on at its next turn, so that a weekend's worth does not hold the agents'
   * calls): `more` says some may be left. Without it, all of them.
   */
  function pruneRecentOutcomes(now: number, sliceRows = Infinity): { removed: number; more: boolean } {
    const today = Math.floor(now / DAY_MS);
    if (prunedOn === today) return { removed: 0, more: false };
    const cutoff = (today - RECENT_DAYS) * DAY_MS;
    let removed = 0;
    let more = false;
    db.write(() => {
      for (const segment of SEGMENTS) {
        for (const target of ATTAINMENT_TARGETS) {
          if (more) return;
          const left = sliceRows - removed;
          const bound = Number.isFinite(left) ? nthOld.get(segment, target, cutoff, left - 1)?.done_at : undefined;
          removed += pruneUpTo.run(segment, target, bound ?? cutoff - 1).changes;
          // At least `left` old rows in this group: the slice is spent, and more may wait.
          if (bound !== undefined) more = true;
        }
      }
    });
    if (!more) prunedOn = today;
    return { removed, more };
  }

  /** What an agent sees on a row: business time left on the soonest running target. */
  function rowSla(row: { slaStatus: string; slaTarget: string | null; dueAt: number | null; calendarId: string | null }, now: number): TicketRow['sla'] {
    const cal = calendar(row.calendarId);
    if (!cal || row.slaStatus === 'none') return null;
    const remainingMs =
      row.dueAt === null ? null : row.dueAt >= now ? businessTimeBetween(cal, now, row.dueAt) : -businessTimeBetween(cal, row.dueAt, now);
    return {
      status: row.slaStatus as NonNullable<TicketRow['sla']>['status'],
      target: row.slaTarget as NonNullable<TicketRow['sla']>['target'],
      remainingMs,
      timeZone: cal.timeZone,
      displayCalendar: cal.displayCalendar,
    };
  }

  /** Who saved a record last, by the settings log. */
  function lastSavedBy(entity: 'policy' | 'calendar', id: string): { actorName: string; at: number } | null {
    const row = db.sqlite.prepare('SELECT actor_name, at FROM settings_events WHERE entity = ? AND entity_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(entity, id) as { actor_name: string; at: number } | undefined;
    return row ? { actorName: row.actor_name, at: row.at } : null;
  }

  /**
   * A save over a newer save than the one its editor started from is refused, naming who saved
   * it and what they changed; the editor merges (settingsMerge.ts). Without `expected` (a
   * script, an older window) the save goes through as before.
   */
  function refuseStale(entity: 'policy' | 'calendar', id: string, current: { body: string; version?: number } | undefined, expected: SettingsExpected): void {
    if (!expected) return;
    if (!current) {
      if (expected.record === null) return;
      throw new ApiError('not_found', `There is no ${entity} "${id}" any more.`);
    }
    if (entity === 'policy' && expected.version !== undefined && expected.version === current.version) return;
    const schema = entity === 'policy' ? slaPolicySchema : calendarSchema;
    const stored = schema.safeParse(JSON.parse(current.body));
    const base = expected.record === null ? null : schema.safeParse(expected.record);
    if (stored.success && base?.success && canonical(stored.data) === canonical(base.data)) return;
    // Every leaf either side holds: a holiday the other admin removed is a change too.
    const storedLeaves = fieldsOfRecord(entity, stored.success ? stored.data : {});
    const began = base?.success ? fieldsOfRecord(entity, base.data) : null;
    const changed = [...new Set([...storedLeaves.keys(), ...(began?.keys() ?? [])])].filter((path) => !began || canonical(storedLeaves.get(path) ?? null) !== canonical(began.get(path) ?? null));
    const who = lastSavedBy(entity, id)?.actorName ?? 'Another admin';
    const detail = changed.map((path) => fieldPhrase(path)).join(', ') || `the whole ${entity}`;
    const key = entity === 'policy' ? 'slaStalePolicy' : 'slaStaleCalendar';
    // A window says it in its own language from the key (the fields are in its merge, named there).
    throw new ApiError('conflict', say(key, { name: who, detail }), undefined, { key, params: { name: who } });
  }

  /** Saves a calendar; `by` (the admin) is named on the change the hub hears of. */
  function saveCalendar(input: unknown, now: number, by?: User, expected?: SettingsExpected): BusinessCalendar {
    const parsed = calendarSchema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error.issues);
    const c = parsed.data;
    db.write(() => {
      const before = db.get(k.selectFrom('sla_calendars').select('body').where('id', '=', c.id));
      refuseStale('calendar', c.id, before, expected);
      db.run(k.insertInto('sla_calendars').values({ id: c.id, body: JSON.stringify(c), updated_at: now }).onConflict((oc) => oc.column('id').doUpdateSet({ body: JSON.stringify(c), updated_at: now })));
      const changes = diffSettings('calendar', before ? (JSON.parse(before.body) as Record<string, unknown>) : null, c);
      if (by && changes.length > 0) (log ??= settingsLog(db)).append('calendar', c.id, before ? 'CALENDAR_CHANGED' : 'CALENDAR_CREATED', now, by, changes, c);
    });
    load();
    return c;
  }

  /** Saves a policy as its next version; `by` (the admin) is named on the change the hub hears of. */
  function savePolicy(input: unknown, now: number, by?: User, expected?: SettingsExpected): SlaPolicy {
    const parsed = slaPolicySchema.safeParse(input);
    if (!parsed.success) throw invalid(parsed.error.issues);
    const p = parsed.data;
    const problems = policyProblems(p);
    if (problems.length > 0) throw invalid(problems);
    if (!calendars.has(p.calendarId)) throw new ApiError('invalid_input', `There is no calendar "${p.calendarId}".`, [{ path: 'calendarId', message: 'Choose one of the calendars.' }]);
    const clash = policies.find((x) => x.policy.id !== p.id && x.policy.segment === p.segment && x.policy.serviceLevel === p.serviceLevel);
    if (clash) throw new ApiError('invalid_input', `"${clash.policy.name}" already covers ${p.segment.replace('_', ' ')} at ${p.serviceLevel} level.`, [{ path: 'serviceLevel', message: 'One policy per segment and service level.' }]);
    db.write(() => {
      const existing = db.get(k.selectFrom('sla_policies').select(['version', 'body']).where('id', '=', p.id));
      refuseStale('policy', p.id, existing, expected);
      const values = { id: p.id, segment: p.segment, service_level: p.serviceLevel, body: JSON.stringify(p), version: (existing?.version ?? 0) + 1, updated_at: now };
      db.run(k.insertInto('sla_policies').values(values).onConflict((oc) => oc.column('id').doUpdateSet(values)));
      const changes = diffSettings('policy', existing ? (JSON.parse(existing.body) as Record<string, unknown>) : null, p);
      if (by) (log ??= settingsLog(db)).append('policy', p.id, existing ? 'SLA_POLICY_CHANGED' : 'SLA_POLICY_CREATED', now, by, changes, p, values.version);
    });
    load();
    return p;
  }

  return {
    ensureDefaults,
    /** Reads policies and calendars again (after the sync engine applied the hub's changes). */
    reload: load,
    /** Hears what each later load moved (a save here, or the hub's changes read again): retime.ts re-times open tickets on it. */
    watch: (fn: (moved: SettingsMoved) => void) => void watchers.push(fn),
    /** Hears when a later load moved the zone the centre's day follows (dayZone): the weekly trends move to it (trendRekey.ts). */
    watchZone: (fn: (zone: string) => void) => void zoneWatchers.push(fn),
    /** Every calendar and every segment and level: what a whole re-time covers. */
    everything: (): SettingsMoved => {
      const f = fingerprints();
      return { calendars: [...f.calendars.keys()], pairs: [...f.inForce.keys()] };
    },
    /** One string for the settings that decide deadlines: a re-time that finished on these is recorded under it. */
    fingerprint: (): string => {
      const f = fingerprints();
      return canonical({ calendars: [...f.calendars].sort(), inForce: [...f.inForce].sort() });
    },
    /** The policy in force for a segment and level, as the ticket log records it. */
    policyInForce: (segment: Segment, level: ServiceLevel): PolicyInForce | null => policyInForceFor({ segment, service_level: level }),
    calendar: (id: string) => calendar(id),
    project,
    trace,
    recordOutcomes,
    outcomesOf,
    writeOutcome,
    pruneRecentOutcomes,
    rowSla,
    saveCalendar,
    savePolicy,
    calendars: () => [...calendars.values()],
    /** The zone the centre's day follows: the admin's choice, else its calendars' (centreDayZone). */
    dayZone: () => centre.dayTimeZone ?? calendarsDayZone(),
    /** The zone the centre's day would follow with no choice made. */
    calendarsDayZone: () => calendarsDayZone(),
    centre: () => centre,
    saveCentre,
    policies: () => policies.map((p) => ({ ...p.policy, version: p.version })),
    history,
  };

  /** Who saved each record last, and the changes a later save on another desk replaced unseen (the last 30 days). */
  function history(now: number): Pick<SlaSettings, 'lastSaved' | 'replaced'> {
    type Row = { id: string; entity: string; entity_id: string; at: number; actor_name: string; payload: string; global_seq: number | null };
    // Accepted events of the last 30 days, in the hub's order (a few per admin's save).
    const rows = db.sqlite.prepare('SELECT id, entity, entity_id, at, actor_name, payload, global_seq FROM settings_events WHERE global_seq > 0 AND at >= ? ORDER BY global_seq').all(now - 30 * DAY_MS) as Row[];
    const lastSaved = new Map<string, SlaSettings['lastSaved'][number]>();
    for (const r of db.sqlite.prepare("SELECT entity, entity_id, actor_name, at FROM settings_events WHERE entity IN ('policy', 'calendar') ORDER BY at, id").all() as Row[]) {
      lastSaved.set(`${r.entity}|${r.entity_id}`, { entity: r.entity as 'policy' | 'calendar', id: r.entity_id, actorName: r.actor_name, at: r.at });
    }
    const ordered: OrderedSettingsEvent[] = [];
    for (const r of rows) {
      if (r.global_seq === null || r.global_seq <= 0) continue;
      const p = settingsPayloadSchema.safeParse(JSON.parse(r.payload));
      if (p.success) ordered.push({ id: r.id, entity: p.data.entity, entityId: r.entity_id, actorName: r.actor_name, at: r.at, globalSeq: r.global_seq, changes: p.data.changes });
    }
    return { lastSaved: [...lastSaved.values()], replaced: replacedChanges(ordered).reverse() };
  }
}

export type SlaStore = ReturnType<typeof slaStore>;

/** The meta key of the centre's settings (settingsStream.ts centreSettingsSchema). */
export const CENTRE_KEY = 'centre_settings';

/**
 * The time zone the centre's day ("today" on the board, its drill-downs, the day report and
 * the day's satisfaction) follows when an admin chose none: the zone of the business-hours calendars most of its SLA
 * policies run on. Calendars and policies sync through the hub, so every desk of a centre
 * counts the same day, and a centre that set its hours in Tehran counts Tehran's days. The
 * desk's own zone on a tie or with no policy.
 */
export function centreDayZone(policyZones: ReadonlyArray<string | undefined>, fallback: string): string {
  const count = new Map<string, number>();
  for (const z of policyZones) if (z !== undefined) count.set(z, (count.get(z) ?? 0) + 1);
  const ranked = [...count].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  return first && (!second || first[1] > second[1]) ? first[0] : fallback;
}

/** The desk's system time zone, as Intl reads it (UTC when it cannot tell). */
export function systemZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && knownTimeZone(zone) ? zone : 'UTC';
}

const FIELD_PHRASE: Record<string, string> = { atRiskShare: 'the at-risk share', calendarId: 'the calendar', reopenRule: 'the reopen rule', serviceLevel: 'the service level', timeZone: 'the time zone', weekly: 'the opening hours', yearRange: 'the years', displayCalendar: 'the display calendar' };
/** A field of a policy or calendar as the English sentences name it: "the normal priority's first response". */
function fieldPhrase(path: string): string {
  const [head, priority, target] = path.split('.');
  if (head === 'targets' && priority && target) return `the ${priority} priority's ${(SLA_TARGET_PHRASE[target as SlaTarget] ?? target).toLowerCase()}`;
  if (path.startsWith('holidays.')) return `the holiday on ${path.slice('holidays.'.length)}`;
  return FIELD_PHRASE[path] ?? `the ${path}`;
}

function invalid(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ApiError {
  const list = issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return new ApiError('invalid_input', `Nothing was saved: ${list.map((i) => i.message).join('; ')}.`, list);
}
