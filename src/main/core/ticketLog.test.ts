import { afterEach, describe, expect, it } from 'vitest';
import { defaultPolicies } from '../../shared/sla/defaults';
import { outboxEnvelopeSchema, projectSla, replayLog, systemEventId, ticketEnvelopeSchema, type TicketEnvelope } from '../../shared/ticketLog';
import { calendarSchema } from '../../shared/sla/calendar';
import type { TicketRowDb } from './db/schema';
import { SYSTEM_ACTOR } from '../../shared/domain';
import { decide } from '../../shared/ticketLog';
import { Sql } from './db/exec';
import { deskIdOf } from './outbox';
import { slaStore } from './sla';
import { testDesk } from './testing/deskHarness';
import { ticketStore } from './ticketStore';
import type { Desk } from './desk';

// A ticket is the fold of its log: every demo ticket, rebuilt from its events alone with the
// shared evolve() and SLA projection, gives the stored row column for column. The desk's
// test clock moves only when told to, and a recompute re-projects every open ticket at its
// `now`, so the stored and the rebuilt SLA columns are judged at the same moment.

let close: (() => void) | undefined;
afterEach(() => close?.());

type EventRow = { id: string; ticket_id: string; seq: number; type: string; actor_id: string; at: number; payload: string; actor: string; payload_version: number; machine_version: number; desk_id: string; global_seq: number | null };

function envelopes(desk: Desk, ticketId: string): TicketEnvelope[] {
  // The actor snapshot is stored once in event_actors (migration 0014).
  const rows = desk.db.sqlite.prepare(`select e.*, a.body as actor from ticket_events e join event_actors a on a.ref = e.actor_ref where ticket_id = ? order by seq`).all(ticketId) as EventRow[];
  return rows.map((r) =>
    ticketEnvelopeSchema.parse({
      id: r.id,
      ticketId: r.ticket_id,
      seq: r.seq,
      type: r.type,
      payloadVersion: r.payload_version,
      payload: JSON.parse(r.payload),
      actor: { id: r.actor_id, ...JSON.parse(r.actor) },
      machineVersion: r.machine_version,
      deskId: r.desk_id,
      deskTime: r.at,
      globalSeq: r.global_seq,
    }),
  );
}

describe('the ticket log', () => {
  it('rebuilds every demo ticket from its log alone, equal to the stored row', async () => {
    const { desk, as, clock } = await testDesk();
    close = () => desk.close();
    // A policy change reaching open tickets, and acts after it, so POLICY_CHANGED is in logs.
    const omar = await as('Omar Haddad');
    const policy = defaultPolicies.find((p) => p.segment === 'education')!;
    await omar.call('sla.savePolicy', { ...policy, atRiskShare: 0.5 });
    const grace = await as('Grace Chen');
    const open = desk.db.sqlite.prepare(`select id from tickets where segment = 'education' and is_open = 1 order by number limit 3`).pluck().all() as string[];
    for (const id of open) await grace.call('tickets.act', { ticketId: id, command: { type: 'CHANGE_PRIORITY', priority: 'urgent' } });
    // Time passes: the scheduler sends warnings and breaches; a recompute then re-projects
    // every open ticket at the new `now`, so stored and rebuilt rows share one clock.
    const { sent } = await omar.call('dev.advanceClock', { ms: 3 * 86_400_000 });
    expect(sent).toBeGreaterThan(0);
    await omar.call('sla.recompute');

    const db = desk.db.sqlite;
    const calendars = new Map((db.prepare(`select body from sla_calendars`).pluck().all() as string[]).map((b) => {
      const c = calendarSchema.parse(JSON.parse(b));
      return [c.id, c];
    }));
    // A ticket row names its policy versions by ref; each version is stored once.
    const versionBody = db.prepare('select body from sla_policy_versions where ref = ?').pluck();
    const spansOf = (refs: string) =>
      (JSON.parse(refs) as Array<[number, number]>).map(([from, ref]) => ({ from, ...(JSON.parse(versionBody.get(ref) as string) as object) }));
    const ids = db.prepare(`select id from tickets order by number`).pluck().all() as string[];
    expect(ids.length).toBeGreaterThan(100);
    let policyChanges = 0;
    let systemEvents = 0;
    for (const id of ids) {
      const log = envelopes(desk, id);
      policyChanges += log.filter((e) => e.type === 'POLICY_CHANGED').length;
      for (const e of log) {
        if (e.type !== 'SLA_WARNING' && e.type !== 'SLA_BREACH') continue;
        systemEvents++;
        const p = e.payload as { target: string; dueAt: number };
        expect(e.id).toBe(systemEventId(id, e.type, p.target, p.dueAt));
      }
      const state = replayLog(log.map((e) => ({ ...e, at: e.deskTime })))!;
      const sla = projectSla(state, (c) => calendars.get(c) ?? null, clock.now());
      const stored = db.prepare(`select * from tickets where id = ?`).get(id) as TicketRowDb;
      const c = state.position.context;
      const rebuilt = {
        number: state.head.number,
        customer_id: state.head.customerId,
        customer_name: state.head.customerName,
        asset_id: state.head.assetId,
        service_tag: state.head.serviceTag,
        segment: state.head.segment,
        service_level: state.head.serviceLevel,
        subject: state.head.subject,
        description: state.head.description,
        channel: state.head.channel,
        created_at: state.head.createdAt,
        updated_at: state.updatedAt,
        version: state.seq,
        state: state.position.state,
        tier: c.tier,
        priority: c.priority,
        assignee_id: c.assigneeId,
        machine: JSON.parse(stored.machine),
        sla_policies: spansOf(stored.sla_policy_refs),
        sla_status: sla?.status ?? 'none',
        sla_target: sla?.target ?? null,
        due_at: sla?.dueAt ?? null,
        sla_next_at: sla?.nextAt ?? null,
        sla_calendar_id: sla?.calendarId ?? null,
      };
      expect({ ...rebuilt, machine: c, sla_policies: state.policies }, `ticket ${stored.number}`).toEqual(rebuilt);
      const { is_open: _o, priority_rank: _p, id: _id, sla_policy_refs: refs, ...row } = stored;
      expect({ ...row, machine: JSON.parse(row.machine), sla_policies: spansOf(refs) }, `ticket ${stored.number}`).toEqual(rebuilt);
    }
    expect(policyChanges).toBeGreaterThan(0);
    expect(systemEvents).toBeGreaterThan(0);
  }, 60_000);

  it('puts every event in the outbox in the same transaction, in order, with the desk’s id', async () => {
    const { desk, as } = await testDesk({ demoCustomers: 12 });
    close = () => desk.close();
    const db = desk.db.sqlite;
    const deskId = db.prepare(`select value from meta where key = 'desk_id'`).pluck().get() as string;
    expect(deskId).toMatch(/^[0-9a-f-]{36}$/);
    const events = db.prepare(`select count(*) from ticket_events`).pluck().get() as number;
    const rows = db.prepare(`select desk_seq, event_id, stream, body from outbox where stream = 'ticket' order by desk_seq`).all() as Array<{ desk_seq: number; event_id: string; stream: string; body: string }>;
    expect(rows.length).toBe(events);
    for (const r of rows) {
      const e = outboxEnvelopeSchema.parse(JSON.parse(r.body));
      expect([e.id, e.stream, e.deskId, e.globalSeq]).toEqual([r.event_id, 'ticket', deskId, null]);
    }
    // A refused call adds nothing to the outbox; an accepted one adds its events, pushed after commit.
    const ava = await as('Ava Martin');
    const ticket = db.prepare(`select id, version from tickets where state = 'new' limit 1`).get() as { id: string; version: number };
    const before = rows.length;
    const stale = await ava.raw('tickets.act', { ticketId: ticket.id, command: { type: 'TAKE' }, expectedSeq: ticket.version + 5 });
    expect(stale.ok ? null : stale.error.code).toBe('conflict');
    expect(db.prepare(`select count(*) from outbox where stream = 'ticket'`).pluck().get()).toBe(before);
    let seenInOutbox = -1;
    const conn = desk.connect(() => {
      seenInOutbox = db.prepare(`select count(*) from outbox where stream = 'ticket'`).pluck().get() as number;
    });
    await conn.call('session.signIn', { userId: db.prepare(`select id from users where name = 'Ava Martin'`).pluck().get() });
    const took = await conn.call('tickets.act', { ticketId: ticket.id, command: { type: 'TAKE' }, expectedSeq: ticket.version });
    expect(took.ok).toBe(true);
    expect(seenInOutbox).toBe(before + 1);
    conn.close();
  });

  it('writes a system event once however many times it is fired (a second write is a no-op)', async () => {
    const { desk, clock } = await testDesk({ demoCustomers: 12 });
    close = () => desk.close();
    const db = new Sql(desk.db.sqlite, desk.db.kysely);
    const sla = slaStore(db);
    sla.ensureDefaults(clock.now());
    const pushes: string[] = [];
    const store = ticketStore(db, { deskId: deskIdOf(db), sla, clock, onChange: (c) => pushes.push(c.type), onSlaAlert: () => {} });
    const id = desk.db.sqlite.prepare(`select id from tickets where state = 'new' limit 1`).pluck().get() as string;
    const loaded = store.load(id)!;
    const breach = { type: 'SLA_BREACH' as const, target: 'firstResponse' as const, dueAt: clock.now() - 1000 };
    // Two desks (here: two loads of the same state) fire the same breach.
    const a = store.act(SYSTEM_ACTOR, id, breach, clock.now());
    const decision = decide(loaded.state, { kind: 'act', command: breach, policy: sla.policyInForce(loaded.state.head.segment, loaded.state.head.serviceLevel) }, SYSTEM_ACTOR, clock.now() + 5);
    expect(decision.ok && decision.events.at(-1)!.id).toBe(a.events.at(-1)!.id);
    const count = () => desk.db.sqlite.prepare(`select count(*) from ticket_events where ticket_id = ?`).pluck().get(id);
    const before = count();
    const again = db.write(() => (decision.ok ? store.write(loaded, decision.events, clock.now()) : null));
    expect(count()).toBe(before);
    expect(again?.row.version).toBe(loaded.row.version);
    expect(pushes.filter((t) => t === 'SLA_BREACH')).toHaveLength(1);
  });

  it('keeps the log append-only: only the hub’s global sequence may be set, once, and erasure may replace a name', async () => {
    const { desk } = await testDesk({ demoCustomers: 12 });
    close = () => desk.close();
    const db = desk.db.sqlite;
    const id = db.prepare(`select id from ticket_events limit 1`).pluck().get() as string;
    expect(() => db.prepare(`update ticket_events set payload = '{}' where id = ?`).run(id)).toThrow(/append-only/);
    expect(() => db.prepare(`delete from ticket_events where id = ?`).run(id)).toThrow(/append-only/);
    db.prepare(`update ticket_events set global_seq = 7 where id = ?`).run(id);
    expect(() => db.prepare(`update ticket_events set global_seq = 8 where id = ?`).run(id)).toThrow(/keeps its global sequence/);
    // Erasure (privacy.ts) replaces the customer's name on a ticket's first event, and only that.
    const created = db.prepare(`select id from ticket_events where type = 'CREATED' and json_type(payload, '$.customerName') = 'text' limit 1`).pluck().get() as string;
    const other = db.prepare(`select id from ticket_events where type <> 'CREATED' limit 1`).pluck().get() as string;
    const set = (path: string, eventId: string) => db.prepare(`update ticket_events set payload = json_set(payload, '${path}', 'x') where id = ?`).run(eventId);
    expect(() => set('$.subject', created)).toThrow(/append-only/);
    expect(() => set('$.customerName', other)).toThrow(/append-only/);
    set('$.customerName', created);
    expect(db.prepare(`select json_extract(payload, '$.customerName') from ticket_events where id = ?`).pluck().get(created)).toBe('x');
  });
});
