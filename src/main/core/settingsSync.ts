import type { User } from '../../shared/domain';
import {
  canonical,
  parseSettingsRecord,
  SETTINGS_STREAM,
  settingsEventTypeSchema,
  settingsPayloadSchema,
  type SettingsChange,
  type SettingsEntity,
  type SettingsEventType,
} from '../../shared/settingsStream';
import { leafChanges, overlaps, withField, type FieldPath } from '../../shared/settingsMerge';
import { PAYLOAD_VERSION, type OutboxEnvelope } from '../../shared/ticketLog/envelope';
import type { Sql } from './db/exec';
import { CENTRE_KEY } from './sla';
import { uuidv7 } from './ids';
import { deskIdOf, outbox, type Outbox } from './outbox';
import type { StreamApplier } from './sync/stream';

// SLA policies, business-hours calendars and the centre's settings (its day's time zone) across desks (the 'settings' stream, see
// src/shared/settingsStream.ts).
//
// settingsLog: an admin's change is one row of settings_events and, in the same transaction
// as the change (call `append` inside the db.write(...) that saves it), one envelope in the
// outbox, with the same id.
//
// settingsStreamApplier: applies the events the hub accepted.
// - Idempotent by event id: an event already in settings_events (applied before, or made
//   here and come back from the hub, which then only records its global seq) changes nothing.
// - Field-level (each target of a policy its own field, src/shared/settingsMerge.ts), last
//   writer wins per field by the hub's global order: a pulled change sets
//   a field unless a later event in that order set it already, or a change made here and
//   not yet accepted did (it will be ordered after everything already pulled).
// - A change made here that the hub refused (say, its author is no longer an admin) is a
//   conflict for its author and is undone here: each field it set goes back to the latest
//   value the hub accepted, so this desk does not keep a policy no other desk has.
// - Never appends to the outbox. After the batch the desk's SLA store reloads, so the SLA
//   clocks use the new versions exactly as they do on the author's desk: the open tickets that
//   depend on a changed calendar or policy are re-timed at once, after the batch (retime.ts,
//   which the reload sets off), and a ticket settled in the batch is projected on them.

export interface SettingsLog {
  append(entity: SettingsEntity, id: string, type: SettingsEventType, at: number, by: User, changes: SettingsChange[], after: object, version?: number): void;
}

export function settingsLog(db: Sql): SettingsLog {
  const insert = db.sqlite.prepare('INSERT INTO settings_events (id, entity, entity_id, type, at, actor_id, actor_name, payload, global_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)');
  const countOf = db.sqlite.prepare('SELECT count(*) FROM settings_events WHERE entity = ? AND entity_id = ?').pluck();
  // Made on first use: a desk opened read-only never appends.
  let box: Outbox | null = null;
  return {
    append(entity, id, type, at, by, changes, after, version) {
      const eventId = uuidv7(at);
      const payload = { v: 1 as const, entity, changes, after: after as Record<string, unknown>, ...(version === undefined ? {} : { version }), actorName: by.name };
      insert.run(eventId, entity, id, type, at, by.id, by.name, JSON.stringify(payload));
      box ??= outbox(db, deskIdOf(db));
      box.append({
        id: eventId,
        stream: SETTINGS_STREAM,
        entityId: id,
        seq: countOf.get(entity, id) as number,
        type,
        payloadVersion: PAYLOAD_VERSION,
        payload,
        actor: { id: by.id, role: by.role, tier: by.tier, segments: [...by.segments] },
        deskId: box.deskId,
        deskTime: at,
        globalSeq: null,
      });
    },
  };
}

/**
 * `onApplied` runs once the engine's transaction has committed (on the next turn of the event
 * loop) after a batch that changed a policy or calendar: the desk reloads them again there
 * (in case the batch rolled back) and tells its windows.
 */
export function settingsStreamApplier(db: Sql, sla: { reload(): void }, onApplied: () => void = () => undefined): StreamApplier {
  const s = db.sqlite;
  const known = s.prepare('SELECT global_seq FROM settings_events WHERE id = ?');
  const confirm = s.prepare('UPDATE settings_events SET global_seq = ? WHERE id = ? AND global_seq IS NULL');
  const insertEvent = s.prepare('INSERT INTO settings_events (id, entity, entity_id, type, at, actor_id, actor_name, payload, global_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  // The fields of this record that a later event (in the hub's order), or a change made here
  // and not yet accepted nor refused, has set.
  const heldPayloads = s
    .prepare(
      `SELECT se.payload FROM settings_events se
       WHERE se.entity = ? AND se.entity_id = ? AND (se.global_seq > ? OR (se.global_seq IS NULL AND NOT EXISTS (SELECT 1 FROM sync_conflicts sc WHERE sc.event_id = se.id)))`,
    )
    .pluck();
  /** The leaf fields (each target of a policy on its own) those events set. */
  function heldFields(entity: SettingsEntity, id: string, after: number): FieldPath[] {
    const out = new Set<FieldPath>();
    for (const payload of heldPayloads.all(entity, id, after) as string[]) {
      const p = settingsPayloadSchema.safeParse(JSON.parse(payload));
      if (p.success) for (const c of p.data.changes) for (const leaf of leafChanges(entity, c)) out.add(leaf.path);
    }
    return [...out];
  }
  const policyRow = s.prepare('SELECT body, version FROM sla_policies WHERE id = ?');
  const calendarRow = s.prepare('SELECT body FROM sla_calendars WHERE id = ?').pluck();
  const upsertPolicy = s.prepare(
    `INSERT INTO sla_policies (id, segment, service_level, body, version, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET segment = excluded.segment, service_level = excluded.service_level, body = excluded.body, version = excluded.version, updated_at = excluded.updated_at`,
  );
  const centreRow = s.prepare(`SELECT value FROM meta WHERE key = '${CENTRE_KEY}'`).pluck();
  const upsertCentre = s.prepare(`INSERT INTO meta (key, value) VALUES ('${CENTRE_KEY}', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  const upsertCalendar = s.prepare('INSERT INTO sla_calendars (id, body, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at');

  const markRefused = s.prepare('UPDATE settings_events SET global_seq = -1 WHERE id = ? AND global_seq IS NULL');
  // Changes made here other than this one, still on their way to the hub.
  const pendingOthers = s
    .prepare(
      `SELECT se.payload FROM settings_events se
       WHERE se.entity = ? AND se.entity_id = ? AND se.id != ? AND se.global_seq IS NULL AND NOT EXISTS (SELECT 1 FROM sync_conflicts sc WHERE sc.event_id = se.id)`,
    )
    .pluck();
  // The changes the hub accepted, latest in its order first.
  const acceptedNewestFirst = s.prepare('SELECT payload FROM settings_events WHERE entity = ? AND entity_id = ? AND global_seq > 0 ORDER BY global_seq DESC').pluck();
  const leavesOf = (entity: SettingsEntity, payload: string) => {
    const p = settingsPayloadSchema.safeParse(JSON.parse(payload));
    return p.success ? p.data.changes.flatMap((c) => leafChanges(entity, c)) : [];
  };

  function bodyOf(entity: SettingsEntity, id: string): Record<string, unknown> | null {
    const body =
      entity === 'policy'
        ? ((policyRow.get(id) as { body: string } | undefined)?.body ?? null)
        : entity === 'calendar'
          ? ((calendarRow.get(id) as string | undefined) ?? null)
          : ((centreRow.get() as string | undefined) ?? null);
    return body === null ? null : (JSON.parse(body) as Record<string, unknown>);
  }

  /** Writes a record that differs from what the desk holds; a policy takes its next version (at least `version`). */
  function save(entity: SettingsEntity, id: string, record: object, at: number, version = 1): void {
    const body = JSON.stringify(record);
    if (entity === 'calendar') {
      upsertCalendar.run(id, body, at);
      return;
    }
    if (entity === 'centre') {
      upsertCentre.run(body);
      return;
    }
    const policy = record as { segment: string; serviceLevel: string };
    const before = policyRow.get(id) as { version: number } | undefined;
    upsertPolicy.run(id, policy.segment, policy.serviceLevel, body, Math.max((before?.version ?? 0) + 1, version), at);
  }

  /**
   * A change of ours the hub refused: each field it set (each target, each holiday's date) goes
   * back to the latest value the hub accepted (or to what it was before the change), unless a
   * later change made here holds it.
   * A record the refused change created stays (tickets may run on it); the conflict says so.
   */
  function undo(e: OutboxEnvelope): boolean {
    if (e.stream !== SETTINGS_STREAM) return false;
    markRefused.run(e.id);
    const parsed = settingsPayloadSchema.safeParse(e.payload);
    if (!parsed.success) return false;
    const p = parsed.data;
    const current = bodyOf(p.entity, e.entityId);
    if (!current) return false;
    // Field by field as the merge (a target, a holiday's date): what the hub accepted of other dates stays.
    const pending = pendingOthers.all(p.entity, e.entityId, e.id).flatMap((payload) => leavesOf(p.entity, payload as string).map((l) => l.path));
    const accepted = acceptedNewestFirst.all(p.entity, e.entityId).map((payload) => leavesOf(p.entity, payload as string));
    let next: Record<string, unknown> = { ...current };
    for (const c of p.changes) {
      for (const leaf of leafChanges(p.entity, c)) {
        if (pending.some((h) => overlaps(h, leaf.path))) continue;
        const latest = accepted.map((leaves) => leaves.find((l) => l.path === leaf.path)).find((l) => l !== undefined);
        next = withField(next, leaf.path, latest === undefined ? leaf.from : latest.to);
      }
    }
    const record = parseSettingsRecord(p.entity, next);
    if (!record.ok || canonical(current) === canonical(record.record)) return false;
    save(p.entity, e.entityId, record.record, e.deskTime);
    return true;
  }

  /** True when the desk's record changed. */
  function applyOne(e: OutboxEnvelope): boolean {
    if (e.stream !== SETTINGS_STREAM || e.globalSeq === null) return false;
    const seen = known.get(e.id) as { global_seq: number | null } | undefined;
    if (seen) {
      if (seen.global_seq === null) confirm.run(e.globalSeq, e.id);
      return false;
    }
    const type = settingsEventTypeSchema.safeParse(e.type);
    const parsed = settingsPayloadSchema.safeParse(e.payload);
    // The hub re-checked it with the same schemas; one that still fails is not ours to guess at.
    if (!type.success || !parsed.success) return false;
    const p = parsed.data;
    const held = heldFields(p.entity, e.entityId, e.globalSeq);
    const current = bodyOf(p.entity, e.entityId);
    let next: Record<string, unknown>;
    if (!current) next = { ...p.after };
    else {
      // Each target of a policy is its own field: two desks that changed different targets both keep theirs.
      next = { ...current };
      for (const c of p.changes) {
        // A field as its author found it here too (no one else's change in it): taken whole, as the author left it (the holidays in their order).
        if (!held.some((h) => overlaps(h, c.field)) && canonical(next[c.field] ?? null) === canonical(c.from ?? null)) next[c.field] = structuredClone(c.to);
        else for (const leaf of leafChanges(p.entity, c)) if (!held.some((h) => overlaps(h, leaf.path))) next = withField(next, leaf.path, leaf.to);
      }
    }
    let record = parseSettingsRecord(p.entity, next);
    // Fields merged from two authors that do not go together (rare): the later author's whole record, unless this desk holds newer fields.
    if (!record.ok && held.length === 0) record = parseSettingsRecord(p.entity, p.after);
    insertEvent.run(e.id, p.entity, e.entityId, type.data, e.deskTime, e.actor.id, p.actorName, JSON.stringify(p), e.globalSeq);
    if (!record.ok) return false;
    const same = current !== null && canonical(current) === canonical(record.record);
    if (same) {
      // An unchanged save still moved the policy's version on the author's desk; follow it.
      const before = p.entity === 'policy' ? (policyRow.get(e.entityId) as { version: number } | undefined) : undefined;
      if (!before || (p.version ?? 0) <= before.version) return false;
    }
    // A changed policy is a new version here, never behind the author's.
    save(p.entity, e.entityId, record.record, e.deskTime, p.version ?? 1);
    return true;
  }

  const reloaded = () => {
    sla.reload();
    setImmediate(() => {
      if (!db.sqlite.open) return; // the desk closed meanwhile
      sla.reload();
      onApplied();
    });
  };

  return {
    stream: SETTINGS_STREAM,
    // Tickets settled in the same batch are projected on the calendars it brings.
    beforeTickets: true,
    apply(envelopes) {
      let changed = false;
      db.write(() => {
        for (const e of envelopes) if (applyOne(e)) changed = true;
      });
      if (changed) reloaded();
    },
    refused(envelope) {
      if (db.write(() => undo(envelope))) reloaded();
    },
  };
}
