import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from '../../../shared/access';
import { customerStreamRule } from '../../../shared/customerStream';
import { STREAM_RULES } from '../../../shared/streamRules';
import { outboxEnvelopeSchema, type OutboxEnvelope } from '../../../shared/ticketLog/envelope';
import { Sql } from '../db/exec';
import type { Desk } from '../desk';
import { testDesk } from '../testing/deskHarness';
import { keptTrends, recountTrends } from '../testing/trendRecount';
import { customerStreamApplier } from './customerStream';
import { mergeVersions } from '../testing/mergeVersions';

// Two desks, each with its own database, and the hub in between played by hand: what one
// desk's outbox holds for the stream 'customer', given a global sequence, is applied to the
// other with the applier the sync engine registers.

let closers: (() => void)[] = [];
afterEach(() => {
  closers.forEach((c) => c());
  closers = [];
});
const open = async () => {
  const t = await testDesk();
  closers.push(() => t.desk.close());
  return { ...t, ava: await t.as('Ava Martin'), applier: customerStreamApplier(new Sql(t.desk.db.sqlite, t.desk.db.kysely)) };
};

let globalSeq = 0;
/** The desk's 'customer' envelopes after `after` (its desk_seq), as the hub would hand them out. */
function pushed(desk: Desk, after = 0): { envelopes: OutboxEnvelope[]; last: number } {
  const rows = desk.db.sqlite.prepare(`select desk_seq, body from outbox where stream = 'customer' and desk_seq > ? order by desk_seq`).all(after) as { desk_seq: number; body: string }[];
  const envelopes = rows.map((r) => ({ ...outboxEnvelopeSchema.parse(JSON.parse(r.body)), globalSeq: ++globalSeq }));
  return { envelopes, last: rows.at(-1)?.desk_seq ?? after };
}
const lastSeq = (desk: Desk) => desk.db.sqlite.prepare('select coalesce(max(desk_seq), 0) from outbox').pluck().get() as number;
const tables = (desk: Desk, customerId: string) => ({
  customer: desk.db.sqlite.prepare('select * from customers where id = ?').get(customerId),
  assets: desk.db.sqlite.prepare('select * from assets where customer_id = ? order by id').all(customerId),
  owners: desk.db.sqlite.prepare('select asset_id, customer_id, from_at, to_at, how from asset_owners where customer_id = ? order by from_at').all(customerId),
  history: desk.db.sqlite.prepare('select id, type, at, actor_id, actor_name, payload from customer_events where customer_id = ? order by id').all(customerId),
  outbox: lastSeq(desk),
});

const caller = { kind: 'person' as const, name: 'Priya Raman', segment: 'home' as const, serviceLevel: 'basic' as const, phone: '(206) 555-0177', email: 'priya.raman@example.com', country: 'US' };
const system = { serviceTag: 'PR1Y4A7', productLine: 'XPS', model: 'XPS 14', shipDate: '2025-03-01', warrantyLevel: 'Premium Support', warrantyEnd: '2027-03-01' };

describe("the 'customer' stream", () => {
  it('puts each change in the outbox with the change, as field-level events; applying them twice on another desk changes nothing more', async () => {
    const a = await open();
    const b = await open();
    const before = lastSeq(a.desk);
    const { customerId } = await a.ava.call('customers.create', { customer: caller, asset: system });
    const { envelopes } = pushed(a.desk, before);
    expect(envelopes.map((e) => [e.type, e.entityId, e.seq])).toEqual([
      ['CUSTOMER_CREATED', customerId, 1],
      ['ASSET_REGISTERED', customerId, 2],
    ]);
    expect(envelopes[0]).toMatchObject({ stream: 'customer', actor: { role: 'agent', tier: 1 }, payload: { segment: 'home', actorName: 'Ava Martin' } });
    expect(envelopes[0]!.payload.changes).toEqual(expect.arrayContaining([{ field: 'phone', from: null, to: '+12065550177' }]));

    const bBefore = lastSeq(b.desk);
    b.applier.apply(envelopes);
    const once = tables(b.desk, customerId);
    b.applier.apply(envelopes);
    expect(tables(b.desk, customerId)).toEqual(once);
    // Applied, not re-sent: the hub already has them.
    expect(once.outbox).toBe(bBefore);
    const found = await b.ava.call('lookup.search', { query: 'PR1Y4A7' });
    expect(found.kind === 'match' && found.view.customer).toMatchObject({ id: customerId, name: 'Priya Raman', phone: '+12065550177', email: 'priya.raman@example.com' });
    // The history on the other desk names who did it.
    expect((await b.ava.call('customers.record', { customerId })).history.map((h) => [h.type, h.actor.name])).toEqual(
      expect.arrayContaining([
        ['CUSTOMER_CREATED', 'Ava Martin'],
        ['ASSET_REGISTERED', 'Ava Martin'],
      ]),
    );
  });

  it('carries a corrected tag and product line to the tickets of the system on the other desk, and to its weekly trends', async () => {
    const a = await open();
    const b = await open();
    const before = lastSeq(a.desk);
    const { customerId } = await a.ava.call('customers.create', { customer: caller, asset: system });
    b.applier.apply(pushed(a.desk, before).envelopes);
    const found = await b.ava.call('lookup.search', { query: system.serviceTag });
    if (found.kind !== 'match') throw new Error('not applied');
    const ticket = await b.ava.call('tickets.create', { customerId, assetId: found.view.matchedAssetId, subject: 'Screen flickers' });
    const assetId = found.view.matchedAssetId!;
    const grace = await b.as('Grace Chen');
    const precision = async () => (await grace.call('trends.board', { weeks: 4 })).series.find((s) => s.productLine === 'Precision' && s.category === 'display')?.counts.at(-1) ?? 0;
    const was = await precision();
    const mid = lastSeq(a.desk);
    await a.ava.call('customers.saveAsset', { customerId, assetId, asset: { ...system, serviceTag: 'PR1Y4A8', productLine: 'Precision' } });
    b.applier.apply(pushed(a.desk, mid).envelopes);
    expect((await b.ava.call('tickets.get', { ticketId: ticket.ticket.id })).ticket.serviceTag).toBe('PR1Y4A8');
    expect(keptTrends(b.desk.db.sqlite)).toEqual(recountTrends(b.desk.db.sqlite));
    expect(await precision()).toBe(was + 1);
  });

  it('keeps two edits of different fields made on two desks: the email from one, the phone from the other', async () => {
    const a = await open();
    const b = await open();
    const { customerId } = await a.ava.call('customers.create', { customer: caller, asset: null });
    b.applier.apply(pushed(a.desk).envelopes);
    const [fromA, fromB] = [lastSeq(a.desk), lastSeq(b.desk)];
    // Offline, each desk changes one field.
    await a.ava.call('customers.update', { customerId, version: (await a.ava.call('customers.record', { customerId })).customer.version, customer: { ...caller, email: 'priya@raman.example' } });
    await b.ava.call('customers.update', { customerId, version: (await b.ava.call('customers.record', { customerId })).customer.version, customer: { ...caller, phone: '+1 206 555 0188' } });
    const aChange = pushed(a.desk, fromA).envelopes;
    const bChange = pushed(b.desk, fromB).envelopes;
    expect(aChange.map((e) => e.payload.changes)).toEqual([[{ field: 'email', from: 'priya.raman@example.com', to: 'priya@raman.example' }]]);
    a.applier.apply(bChange);
    b.applier.apply(aChange);
    for (const desk of [a.desk, b.desk]) {
      expect(desk.db.sqlite.prepare('select email, phone from customers where id = ?').get(customerId)).toEqual({ email: 'priya@raman.example', phone: '+12065550188' });
    }
  });

  it('a change taken in from another desk while an edit was open here counts as one made meanwhile: the same field is refused, another merges', async () => {
    const a = await open();
    const b = await open();
    const { customerId } = await a.ava.call('customers.create', { customer: caller, asset: null });
    b.applier.apply(pushed(a.desk).envelopes);
    // An edit opens on desk B; desk A changes the email, and B takes it in from the hub.
    const opened = (await b.ava.call('customers.record', { customerId })).customer;
    const fromA = lastSeq(a.desk);
    await a.ava.call('customers.update', { customerId, version: (await a.ava.call('customers.record', { customerId })).customer.version, customer: { ...caller, email: 'priya@raman.example' } });
    b.applier.apply(pushed(a.desk, fromA).envelopes);
    expect((await b.ava.call('customers.record', { customerId })).customer.version).toBeGreaterThan(opened.version);
    const before = tables(b.desk, customerId);
    const refused = await b.ava.raw('customers.update', { customerId, version: opened.version, customer: { ...caller, email: 'p.raman@example.com' } });
    expect(!refused.ok && { code: refused.error.code, key: refused.error.key, params: refused.error.params }).toEqual({ code: 'conflict', key: 'recordChangedMeanwhile', params: { fields: 'email' } });
    expect(tables(b.desk, customerId)).toEqual(before);
    const merged = await b.ava.call('customers.update', { customerId, version: opened.version, customer: { ...caller, phone: '+1 206 555 0188' } });
    expect(merged.customer).toMatchObject({ email: 'priya@raman.example', phone: '+12065550188' });
  });

  it('carries transfers and erasures to the other desk', async () => {
    const a = await open();
    const b = await open();
    const admin = await a.as('Omar Haddad');
    const { customerId, assetId } = await a.ava.call('customers.create', { customer: caller, asset: system });
    const { customerId: buyer } = await a.ava.call('customers.create', { customer: { ...caller, name: 'Jonas Berg', phone: '+1 206 555 0101', email: 'jonas@example.com' }, asset: null });
    await a.ava.call('customers.transferAsset', { assetId: assetId!, toCustomerId: buyer, how: 'sold', date: '2026-10-01' });
    await admin.call('privacy.erase', { customerId, confirmName: 'Priya Raman' });
    const { envelopes } = pushed(a.desk);
    // What was still waiting for the hub left without her details, and the hub's checks pass it.
    // The buyer's record keeps his own details and no longer names her as the seller.
    expect(envelopes.filter((e) => e.entityId === customerId).map((e) => e.type)).toContain('CUSTOMER_CREATED');
    expect(JSON.stringify(envelopes)).not.toMatch(/Priya|Raman|2065550177|priya/);
    expect(JSON.stringify(envelopes.filter((e) => e.entityId === buyer))).toMatch(/Jonas Berg.*jonas@example\.com/);
    for (const e of envelopes) expect(customerStreamRule(e, e.actor, { segment: 'home', seen: e.seq > 1 }).ok).toBe(true);
    b.applier.apply(envelopes);
    expect(b.desk.db.sqlite.prepare('select customer_id from assets where id = ?').pluck().get(assetId)).toBe(buyer);
    expect(b.desk.db.sqlite.prepare('select customer_id, how from asset_owners where asset_id = ? order by from_at').all(assetId)).toEqual([
      { customer_id: customerId, how: null },
      { customer_id: buyer, how: 'sold' },
    ]);
    const erased = b.desk.db.sqlite.prepare('select name, email, phone, erased_at from customers where id = ?').get(customerId) as { name: string; email: string | null; phone: string | null; erased_at: number | null };
    expect(erased).toMatchObject({ email: null, phone: null, erased_at: expect.any(Number) });
    expect(erased.name).not.toContain('Priya');
    for (const desk of [a.desk, b.desk]) {
      expect(JSON.stringify(desk.db.sqlite.prepare('select payload from customer_events where customer_id in (?, ?)').all(customerId, buyer))).not.toMatch(/Priya|Raman|2065550177|priya/);
    }
  });

  // The survivor's history said "Records merged" and nothing of whom: a demo's or an import's
  // record, whose own events never named it, read "a record merged into this one".
  it('names the record merged away in the merge, on both desks, and an erasure of the survivor removes that name too', async () => {
    const a = await open();
    const b = await open();
    const admin = await a.as('Omar Haddad');
    const { customerId: survivor } = await a.ava.call('customers.create', { customer: { ...caller, name: 'Parisa Ahmadi', phone: '+1 206 555 0101', email: 'parisa@example.com' }, asset: null });
    const { customerId: mergedAway } = await a.ava.call('customers.create', { customer: { ...caller, name: 'Parisa Ahmady' }, asset: system });
    b.applier.apply(pushed(a.desk).envelopes);
    const from = lastSeq(a.desk);
    // Kept as chosen: the record merged away has the system.
    await a.ava.call('customers.merge', { survivorId: survivor, mergedId: mergedAway, pick: {}, keepLessHistory: true, ...(await mergeVersions(a.ava, survivor, mergedAway)) });
    const { envelopes } = pushed(a.desk, from);
    expect(envelopes.map((e) => e.type)).toEqual(['CUSTOMER_MERGED', 'CUSTOMER_MERGED']);
    for (const e of envelopes) expect(customerStreamRule(e, e.actor, { segment: 'home', seen: true }).ok).toBe(true);
    b.applier.apply(envelopes);
    for (const desk of [a, b]) {
      const merge = (await desk.ava.call('customers.record', { customerId: survivor })).history.find((e) => e.type === 'CUSTOMER_MERGED');
      expect(merge?.payload.note).toMatchObject({ mergedId: mergedAway, mergedName: 'Parisa Ahmady', mergedEmail: 'priya.raman@example.com', mergedPhone: '+12065550177' });
    }
    await admin.call('privacy.erase', { customerId: survivor, confirmName: 'Parisa Ahmadi' });
    expect(JSON.stringify(a.desk.db.sqlite.prepare('select payload from customer_events where customer_id in (?, ?)').all(survivor, mergedAway))).not.toMatch(/Parisa|Ahmad|2065550177|example\.com/);
  });

  it('lets the hub refuse an edit from someone who does not work the customer’s segment, or a field the shared rules refuse', async () => {
    expect(STREAM_RULES.customer).toBe(customerStreamRule);
    const a = await open();
    const { customerId } = await a.ava.call('customers.create', { customer: caller, asset: null });
    const from = lastSeq(a.desk);
    await a.ava.call('customers.update', { customerId, version: (await a.ava.call('customers.record', { customerId })).customer.version, customer: { ...caller, email: 'priya@raman.example' } });
    const [change] = pushed(a.desk, from).envelopes;
    const ava: Person = change!.actor;
    expect(customerStreamRule(change!, ava, { segment: 'home', seen: true })).toEqual({ ok: true, segment: 'home' });
    // Ben works education and government, not home.
    const ben: Person = { id: 'ben', role: 'agent', tier: 1, segments: ['education', 'government'] };
    const asBen = { ...change!, actor: { ...ben, segments: [...ben.segments] } };
    expect(customerStreamRule(asBen, ben, { segment: 'home', seen: true })).toEqual({ ok: false, reason: expect.stringMatching(/segment you do not work/) });
    // Moving a customer into a segment one does not work is refused too.
    const moved = { ...change!, payload: { ...change!.payload, changes: [{ field: 'segment', from: 'home', to: 'education' }] } };
    const chloe: Person = { id: ava.id, role: 'agent', tier: 1, segments: ['small_business', 'home'] };
    expect(customerStreamRule({ ...moved, actor: { ...chloe, segments: [...chloe.segments] } }, chloe, { segment: 'home', seen: true }).ok).toBe(false);
    // A field the shared rules refuse, whoever sends it.
    const badPhone = { ...change!, payload: { ...change!.payload, changes: [{ field: 'phone', from: null, to: '555' }] } };
    expect(customerStreamRule(badPhone, ava, { segment: 'home', seen: true })).toEqual({ ok: false, reason: expect.stringMatching(/^Refused: phone: /) });
    // An erasure only from an admin.
    const erase = { ...change!, type: 'CUSTOMER_ERASED', payload: { ...change!.payload, changes: [] } };
    expect(customerStreamRule(erase, ava, { segment: 'home', seen: true })).toEqual({ ok: false, reason: expect.stringMatching(/Only admins/) });
  });

  it('lets the hub re-check a logged contact: its author works the segment, it sets a channel, a direction and notes, and is about no other entity', async () => {
    const a = await open();
    const { customerId } = await a.ava.call('customers.create', { customer: caller, asset: null });
    const from = lastSeq(a.desk);
    const version = (await a.ava.call('customers.record', { customerId })).customer.version;
    const omar = await a.as('Omar Haddad');
    const trend = async () => (await omar.call('quality.overview', {})).trend;
    const counted = await trend();
    await a.ava.call('customers.logInteraction', { customerId, channel: 'email', direction: 'outbound', summary: 'Sent the warranty terms.' });
    // A contact logged is no change to the record: an edit or a merge started before it is not
    // refused for it, and the records-changed trend does not count it.
    expect((await a.ava.call('customers.record', { customerId })).customer.version).toBe(version);
    expect(await trend()).toEqual(counted);
    const [logged] = pushed(a.desk, from).envelopes;
    expect(logged).toMatchObject({ type: 'INTERACTION_LOGGED', entityId: customerId, payload: { entity: 'interaction', segment: 'home' } });
    const ava: Person = logged!.actor;
    expect(customerStreamRule(logged!, ava, { segment: 'home', seen: true })).toEqual({ ok: true, segment: 'home' });
    const ben: Person = { id: 'ben', role: 'agent', tier: 1, segments: ['education', 'government'] };
    expect(customerStreamRule({ ...logged!, actor: { ...ben, segments: [...ben.segments] } }, ben, { segment: 'home', seen: true })).toEqual({ ok: false, reason: expect.stringMatching(/segment you do not work/) });
    const changes = logged!.payload.changes as { field: string }[];
    const without = { ...logged!, payload: { ...logged!.payload, changes: changes.filter((c) => c.field !== 'summary') } };
    expect(customerStreamRule(without, ava, { segment: 'home', seen: true })).toEqual({ ok: false, reason: 'Refused: summary: a logged contact sets it once.' });
    const onCustomer = { ...logged!, payload: { ...logged!.payload, entity: 'customer' } };
    expect(customerStreamRule(onCustomer, ava, { segment: 'home', seen: true }).ok).toBe(false);
    const fax = { ...logged!, payload: { ...logged!.payload, changes: changes.map((c) => (c.field === 'channel' ? { ...c, to: 'fax' } : c)) } };
    expect(customerStreamRule(fax, ava, { segment: 'home', seen: true })).toEqual({ ok: false, reason: expect.stringMatching(/^Refused: channel: /) });
    // Internal is a ticket's private comment an import brought: only with its ticket.
    const internal = { ...logged!, payload: { ...logged!.payload, changes: changes.map((c) => (c.field === 'direction' ? { ...c, to: 'internal' } : c)) } };
    expect(customerStreamRule(internal, ava, { segment: 'home', seen: true })).toEqual({ ok: false, reason: 'Refused: direction: only a ticket’s comment is internal.' });
    const comment = { ...internal, payload: { ...internal.payload, changes: [...internal.payload.changes, { field: 'ticketId', from: null, to: customerId }] } };
    expect(customerStreamRule(comment, ava, { segment: 'home', seen: true })).toEqual({ ok: true, segment: 'home' });
    // Applied on another desk: the same interaction (its author named when that desk knows them:
    // these two desks' people are not the same, a hub's are; hub/deskSync.test.ts).
    const b = await open();
    b.applier.apply(pushed(a.desk).envelopes);
    const row = (desk: Desk) => desk.db.sqlite.prepare('select id, customer_id, ticket_id, channel, direction, at, summary, asset_id from interactions where customer_id = ?').all(customerId);
    expect(row(b.desk)).toEqual(row(a.desk));
    expect(row(b.desk)).toHaveLength(1);
  });
});
