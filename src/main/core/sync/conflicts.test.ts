import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../../../shared/messageKeys';
import { openDatabase, type DeskDb } from '../db/database';
import { Sql } from '../db/exec';
import { uuidv7 } from '../ids';
import { conflictStore, type NewConflict } from './conflicts';

// A person's conflicts in the order to read them: an offline take refused because someone
// else had the ticket first, and the escalation the same agent made after it, refused because
// of it, come cause first, the escalation saying it follows from the take.

let deskDb: DeskDb;
let store: ReturnType<typeof conflictStore>;

beforeAll(async () => {
  deskDb = await openDatabase(':memory:');
  store = conflictStore(new Sql(deskDb.sqlite, deskDb.kysely));
});
afterAll(() => deskDb.close());

const ticket = '0193a000-0000-7000-8000-0000000000aa';
const other = '0193a000-0000-7000-8000-0000000000bb';
const base = 1_765_000_000_000;

function conflict(over: Partial<NewConflict> & Pick<NewConflict, 'type' | 'deskTime' | 'reason'>): NewConflict {
  return { eventId: uuidv7(base + over.deskTime), stream: 'ticket', entityId: ticket, ticketNumber: 'T-000042', actorId: 'ava', refusedAt: base + 60_000, payload: {}, ...over };
}

describe('a person’s conflicts', () => {
  it('lists a refused take before the escalation refused because of it, and marks the escalation as following from it', () => {
    const take = conflict({ type: 'TAKE', deskTime: 1_000, reason: say('alreadyTaken') });
    const escalate = conflict({ type: 'ESCALATE', deskTime: 2_000, reason: say('notHolder'), payload: { note: 'Needs tier 2.' } });
    // Refused earlier, on another ticket: listed after the latest refusals.
    const older = conflict({ type: 'ADD_NOTE', deskTime: 500, entityId: other, reason: say('ticketChanged'), refusedAt: base + 30_000, payload: { note: 'Called back.' } });
    // Refused with the take, another person's: not in Ava's list.
    const bens = conflict({ type: 'ESCALATE', deskTime: 2_500, actorId: 'ben', reason: say('notHolder') });
    // Stored in the order the desk records them: the later escalation first.
    for (const c of [escalate, older, take, bens]) store.record(c);

    const list = store.list('ava');
    expect(list.map((c) => c.eventId)).toEqual([take.eventId, escalate.eventId, older.eventId]);
    expect(list[0]!.followsFrom).toBeUndefined();
    expect(list[1]!.followsFrom).toBe(take.eventId);
    expect(list[2]!.followsFrom).toBeUndefined();
    // Ben's escalation does not follow from Ava's take.
    expect(store.list('ben')[0]!.followsFrom).toBeUndefined();
  });

  it('says nothing follows when the take was made after, or the refusal is not the holder rule’s, or the take is dismissed', () => {
    const t = '0193a000-0000-7000-8000-0000000000cc';
    const resolve = conflict({ type: 'RESOLVE', deskTime: 10_000, entityId: t, actorId: 'cy', reason: say('notHolder') });
    const take = conflict({ type: 'TAKE', deskTime: 11_000, entityId: t, actorId: 'cy', reason: say('alreadyTaken') });
    const note = conflict({ type: 'ADD_NOTE', deskTime: 12_000, entityId: t, actorId: 'cy', reason: say('ticketChanged') });
    for (const c of [resolve, take, note]) store.record(c);
    expect(store.list('cy').map((c) => [c.eventId, c.followsFrom])).toEqual([
      [resolve.eventId, undefined],
      [take.eventId, undefined],
      [note.eventId, undefined],
    ]);

    const take2 = conflict({ type: 'TAKE', deskTime: 20_000, entityId: t, actorId: 'dee', reason: say('alreadyTaken') });
    const escalate2 = conflict({ type: 'ESCALATE', deskTime: 21_000, entityId: t, actorId: 'dee', reason: say('notHolder') });
    for (const c of [take2, escalate2]) store.record(c);
    expect(store.dismiss('dee', take2.eventId, base + 90_000)).toBe(true);
    expect(store.list('dee')).toMatchObject([{ eventId: escalate2.eventId }]);
    expect(store.list('dee')[0]!.followsFrom).toBeUndefined();
  });
});

// An admin's offline edits of customers, contacts, systems and SLA policies came back refused,
// and the conflicts page named each by its id. The desk now says what each was about as it
// knows it now (the customer's name, the contact's, the service tag, the policy's name), what
// is gone (erased, merged into another), and where to open it.
describe('what a refused change of a record was about', () => {
  const id = (n: number) => `0193a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const acme = id(101);
  const erased = id(102);
  const mergedAway = id(103);
  const gone = id(104);
  const sara = id(201);
  const laptop = id(301);
  const gold = id(401);
  const cal = id(402);
  const article = id(501);
  const sam = id(601);

  beforeAll(() => {
    const run = (text: string, ...args: unknown[]) => deskDb.sqlite.prepare(text).run(...args);
    const customer = `INSERT INTO customers (id, kind, name, name_key, segment, service_level, created_at, updated_at, erased_at) VALUES (?, 'organisation', ?, ?, 'small_business', 'standard', 0, 0, ?)`;
    run(customer, acme, 'Acme Ltd', 'acme ltd', null);
    run(customer, erased, '', '', 5);
    run(`INSERT INTO customer_merges (merged_id, survivor_id, at) VALUES (?, ?, 1)`, mergedAway, acme);
    run(`INSERT INTO contacts (id, customer_id, name) VALUES (?, ?, 'Sara Ahmadi')`, sara, acme);
    run(`INSERT INTO assets (id, customer_id, service_tag, product_line, model, ship_date, warranty_level, warranty_end, created_at) VALUES (?, ?, '7GH2K93', 'Latitude', '5440', 0, 'basic', 0, 0)`, laptop, acme);
    run(`INSERT INTO sla_policies (id, segment, service_level, body, version, updated_at) VALUES (?, 'small_business', 'standard', ?, 1, 0)`, gold, JSON.stringify({ name: 'Gold 4h' }));
    run(`INSERT INTO sla_calendars (id, body, updated_at) VALUES (?, ?, 0)`, cal, JSON.stringify({ name: 'Tehran office' }));
    run(`INSERT INTO kb_articles (id, title, body, product_lines, models, segments, tags, status, author_id, version, created_at, updated_at) VALUES (?, 'Fan noise', 'x', '[]', '[]', '[]', '[]', 'draft', 'ava', 1, 0, 0)`, article);
    run(`INSERT INTO users (id, name, email, role, tier, segments, created_at) VALUES (?, 'Sam Rivera', 'sam@example.com', 'agent', 1, '[]', 0)`, sam);
  });

  let n = 0;
  function refused(stream: string, type: string, entityId: string, recordPayload?: { entity: string; entityId: string }) {
    const eventId = uuidv7(base + 100_000 + ++n);
    if (recordPayload) {
      deskDb.sqlite
        .prepare(`INSERT INTO customer_events (id, customer_id, type, at, actor_id, actor_name, actor_role, payload) VALUES (?, ?, ?, 0, 'eve', 'Eve', 'admin', ?)`)
        .run(eventId, entityId, type, JSON.stringify({ v: 1, ...recordPayload, changes: [] }));
    }
    store.record({ eventId, stream, entityId, ticketNumber: null, type, actorId: 'eve', deskTime: n, reason: 'refused', refusedAt: base + 200_000 + n, payload: {} });
    return store.list('eve').find((c) => c.eventId === eventId)!.record;
  }

  it('names the customer, contact, system, policy, calendar, article and account, with where to open them', () => {
    expect(refused('customer', 'CUSTOMER_CHANGED', acme)).toEqual({ name: null, customer: 'Acme Ltd', gone: null, mergedInto: null, link: { to: 'customer', id: acme } });
    expect(refused('customer', 'CONTACT_CHANGED', acme, { entity: 'contact', entityId: sara })).toMatchObject({ name: 'Sara Ahmadi', customer: 'Acme Ltd' });
    expect(refused('customer', 'ASSET_TRANSFERRED', acme, { entity: 'asset', entityId: laptop })).toMatchObject({ name: '7GH2K93', customer: 'Acme Ltd' });
    expect(refused('settings', 'SLA_POLICY_CHANGED', gold)).toMatchObject({ name: 'Gold 4h', link: { to: 'slaPolicy', id: gold } });
    expect(refused('settings', 'CALENDAR_CHANGED', cal)).toMatchObject({ name: 'Tehran office', link: { to: 'slaCalendar', id: cal } });
    expect(refused('knowledge', 'kb.article_edited', article)).toMatchObject({ name: 'Fan noise', link: { to: 'kbArticle', id: article } });
    expect(refused('user', 'USER_CHANGED', sam)).toMatchObject({ name: 'Sam Rivera', link: null });
  });

  it('says a customer is erased or merged (naming the one it went into), and names nothing it no longer has', () => {
    expect(refused('customer', 'CUSTOMER_CHANGED', erased)).toEqual({ name: null, customer: null, gone: 'erased', mergedInto: null, link: null });
    expect(refused('customer', 'CONTACT_ADDED', mergedAway, { entity: 'contact', entityId: id(299) })).toEqual({ name: null, customer: null, gone: 'merged', mergedInto: 'Acme Ltd', link: { to: 'customer', id: acme } });
    expect(refused('customer', 'CUSTOMER_CREATED', gone)).toMatchObject({ customer: null, gone: 'missing', link: null });
    expect(refused('settings', 'SLA_POLICY_CREATED', id(499))).toMatchObject({ name: null, link: { to: 'slaSettings' } });
    expect(refused('knowledge', 'kb.rated', id(799))).toMatchObject({ name: null, link: null });
    // A ticket's conflict carries no record: its number names it.
    expect(store.list('ava').every((c) => c.record === undefined)).toBe(true);
  });
});
