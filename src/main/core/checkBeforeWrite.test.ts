import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Method } from '../../shared/api';
import { SEGMENTS, type User } from '../../shared/domain';
import { defaultCalendars, defaultPolicies } from '../../shared/sla/defaults';
import type { TicketCommand } from '../../shared/ticketMachine';
import type { Desk } from './desk';
import { testDesk } from './testing/deskHarness';

// Check before write: every method that writes decides every permission and every rule
// before it writes anything, so a refused call leaves the desk exactly as it was. This runs
// each write method as each demo person (every role, every mix of segments the demo has)
// on tickets and customers of every segment, and compares every table after each refusal
// that wrote anything (rolled back or not; in practice none does).

let close: (() => void) | undefined;
afterEach(() => close?.());

/** Row counts and a hash of every row of every table. */
function fingerprint(desk: Desk): string {
  const db = desk.db.sqlite;
  const tables = db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[];
  const h = createHash('sha256');
  for (const t of tables) {
    // Each value with its type, straight into the hash: ids are 16-byte blobs, which as JSON
    // would be arrays of numbers and took most of this test's time.
    let n = 0;
    for (const row of db.prepare(`select /* scan: the whole table, to fingerprint it */ * from "${t}"`).raw().iterate() as Iterable<unknown[]>) {
      n++;
      for (const v of row) {
        if (v instanceof Uint8Array) h.update('b').update(v);
        else h.update(v === null ? 'n' : `${typeof v}:${String(v)}`);
        h.update('\u0000');
      }
      h.update('\n');
    }
    h.update(`${t}:${n};`);
  }
  return h.digest('hex');
}

const COMMANDS = (assigneeId: string, at: number): TicketCommand[] => [
  { type: 'TAKE' },
  { type: 'ASSIGN', assigneeId },
  { type: 'ESCALATE', reason: 'needs_specialist_skill', note: 'needs tier 2' },
  { type: 'DEESCALATE', note: 'back to you' },
  { type: 'WAIT_ON_CUSTOMER', note: 'asked for logs' },
  { type: 'CUSTOMER_REPLIED', note: 'logs attached' },
  { type: 'ADD_NOTE', note: 'a note' },
  { type: 'RESOLVE', code: 'fixed_remotely', note: 'done' },
  { type: 'CLOSE' },
  { type: 'REOPEN', note: 'again' },
  { type: 'CHANGE_PRIORITY', priority: 'urgent' },
  { type: 'SLA_WARNING', target: 'resolution', dueAt: at },
  { type: 'SLA_BREACH', target: 'resolution', dueAt: at },
];

describe('check before write', () => {
  it('leaves every table unchanged when any write method refuses anyone', async () => {
    const { desk, as, clock } = await testDesk({ demoCustomers: 12 });
    close = () => desk.close();
    const db = desk.db.sqlite;
    const people = (db.prepare(`select id, name, role from users where active = 1 order by name`).all() as Array<Pick<User, 'id' | 'name' | 'role'>>);
    const customerOf = (segment: string) => db.prepare(`select id from customers where segment = ? order by id limit 1`).pluck().get(segment) as string;
    const foreignAsset = db.prepare(`select a.id, a.customer_id from assets a order by a.id limit 1`).get() as { id: string; customer_id: string };
    const ticketsOf = (segment: string) =>
      db.prepare(`select id, version from tickets where segment = ? group by state order by min(number)`).all(segment) as Array<{ id: string; version: number }>;

    let refusals = 0;
    let base = fingerprint(desk);
    // SQLite counts every row this connection inserts, updates or deletes (rolled back or not),
    // and data_version moves when another connection commits: with neither moved, no row can
    // differ, and the refusal needs no fingerprint of every table.
    const untouched = () => `${db.prepare('select total_changes()').pluck().get() as number}:${db.pragma('data_version', { simple: true }) as number}`;
    // The shortcut sees a write, even one that changes no value.
    const mark = untouched();
    db.prepare('update users set name = name where id = ?').run(people[0]!.id);
    expect(untouched()).not.toBe(mark);
    const attempt = async (who: Awaited<ReturnType<typeof as>>, method: Method, input: unknown, label: string) => {
      const before = untouched();
      const r = await who.raw(method, input);
      if (r.ok) {
        base = fingerprint(desk);
        return;
      }
      refusals++;
      if (untouched() === before) return;
      const after = fingerprint(desk);
      if (after !== base) expect.fail(`${label} was refused (${r.error.code}: ${r.error.message}) yet changed the desk`);
    };

    for (const person of people) {
      const who = await as(person.name);
      const label = (m: string) => `${person.name} (${person.role}) ${m}`;
      for (const segment of SEGMENTS) {
        const customerId = customerOf(segment);
        await attempt(who, 'tickets.create', { customerId, subject: `Refusal probe ${segment}` }, label(`tickets.create for ${segment}`));
        if (foreignAsset.customer_id !== customerId) {
          await attempt(who, 'tickets.create', { customerId, assetId: foreignAsset.id, subject: 'Someone else’s system' }, label(`tickets.create with another customer's system (${segment})`));
        }
        await attempt(who, 'queues.takeNext', { segment, tier: 1 }, label(`queues.takeNext ${segment}`));
        for (const t of ticketsOf(segment).slice(0, 4)) {
          for (const command of COMMANDS(people.find((p) => p.role === 'specialist')!.id, clock.now())) {
            const fresh = db.prepare(`select version from tickets where id = ?`).pluck().get(t.id) as number;
            await attempt(who, 'tickets.act', { ticketId: t.id, command }, label(`tickets.act ${command.type} on a ${segment} ticket`));
            if (command.type === 'ADD_NOTE' || command.type === 'TAKE') await attempt(who, 'tickets.act', { ticketId: t.id, command, expectedSeq: fresh - 1 }, label(`tickets.act ${command.type} with a stale seq`));
          }
        }
      }
      await attempt(who, 'sla.savePolicy', { ...defaultPolicies[0]!, atRiskShare: 0.6 }, label('sla.savePolicy'));
      await attempt(who, 'sla.savePolicy', { ...defaultPolicies[0]!, calendarId: 'no-such-calendar' }, label('sla.savePolicy with an unknown calendar'));
      await attempt(who, 'sla.savePolicy', { ...defaultPolicies[1]!, id: 'a-second-policy-for-the-same-segment', segment: defaultPolicies[0]!.segment, serviceLevel: defaultPolicies[0]!.serviceLevel }, label('sla.savePolicy clashing'));
      await attempt(who, 'sla.saveCalendar', { ...defaultCalendars[0]!, name: 'Renamed' }, label('sla.saveCalendar'));
      await attempt(who, 'sla.recompute', {}, label('sla.recompute'));
      await attempt(who, 'desk.initialize', { mode: 'empty' }, label('desk.initialize on a desk with data'));
    }
    const anonymous = await as(null);
    for (const method of ['tickets.create', 'tickets.act', 'queues.takeNext', 'sla.savePolicy', 'sla.saveCalendar', 'sla.recompute'] as const) {
      await attempt(anonymous, method, {}, `nobody ${method}`);
    }
    expect(refusals).toBeGreaterThan(1000);
  }, 240_000);
});
