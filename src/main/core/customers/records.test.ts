import { describe, expect, it } from 'vitest';
import { SHOWCASE } from '../demo';
import { deskPerTest } from '../testing/deskPerTest';
import { mariaFound } from '../testing/deskHarness';
import { messageDetail } from '../../../shared/messageKeys';
import { duplicateQueries } from './records';
import { customerDraftOf as draftOf } from '../../../shared/customerApi';
import { mergeVersions } from '../testing/mergeVersions';

const open = deskPerTest();

const newCaller = {
  kind: 'person' as const,
  name: 'Priya Raman',
  segment: 'home' as const,
  serviceLevel: 'basic' as const,
  phone: '(206) 555-0177',
  email: 'priya.raman@example.com',
};
const newSystem = { serviceTag: 'PR1Y4A7', productLine: 'XPS', model: 'XPS 14', shipDate: '2025-03-01', warrantyLevel: 'Premium Support', warrantyEnd: '2027-03-01' };

describe('customer records', () => {
  it('registers a caller and their system from an empty lookup; the tag then finds them', async () => {
    const { as } = await open();
    const ava = await as('Ava Martin');
    expect((await ava.call('lookup.search', { query: 'PR1Y4A7' })).kind).toBe('none');
    const { customerId, assetId } = await ava.call('customers.create', { customer: newCaller, asset: newSystem });
    expect(assetId).not.toBeNull();
    const found = await ava.call('lookup.search', { query: 'pr1y-4a7' });
    expect(found.kind === 'match' && found.view.customer).toMatchObject({ id: customerId, phone: '+12065550177', email: 'priya.raman@example.com' });
    const record = await ava.call('customers.record', { customerId });
    expect(record.history.map((e) => e.type).sort()).toEqual(['ASSET_REGISTERED', 'CUSTOMER_CREATED']);
    expect(record.history[0]!.actor.name).toBe('Ava Martin');
  });

  it('refuses a bad record field by field, saving nothing', async () => {
    const { as, desk } = await open();
    const ava = await as('Ava Martin');
    const before = desk.db.sqlite.prepare('select count(*) from customers').pluck().get();
    const r = await ava.raw('customers.create', { customer: { ...newCaller, phone: '555', email: 'priya@' }, asset: { ...newSystem, serviceTag: SHOWCASE.maria.tag } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid_input');
    expect(r.error.issues?.map((i) => i.path).sort()).toEqual(['customer.email', 'customer.phone']);
    const taken = await ava.raw('customers.create', { customer: newCaller, asset: { ...newSystem, serviceTag: SHOWCASE.maria.tag } });
    expect(!taken.ok && taken.error.issues?.[0]).toMatchObject({ path: 'asset.serviceTag', message: expect.stringContaining(SHOWCASE.maria.name) });
    // A keyed sentence, so a Persian window says whose it is rather than a bare "check this value".
    expect(messageDetail(!taken.ok ? (taken.error.issues?.[0]?.message ?? '') : '')).toEqual({ key: 'tagRegistered', params: { tag: SHOWCASE.maria.tag, name: SHOWCASE.maria.name } });
    expect(desk.db.sqlite.prepare('select count(*) from customers').pluck().get()).toBe(before);
  });

  it('records each edited field with author and time, and renames the customer on their tickets', async () => {
    const { as, desk, clock } = await open();
    const ava = await as('Ava Martin');
    const maria = await mariaFound(ava);
    const id = maria.view.customer.id;
    clock.advance(60_000);
    const r = await ava.call('customers.update', {
      customerId: id,
      version: (await ava.call('customers.record', { customerId: id })).customer.version,
      customer: { kind: 'person', name: 'Maria Gonzalez-Ruiz', segment: 'home', serviceLevel: maria.view.customer.serviceLevel, phone: '+1 415 555 0199', email: 'maria.gonzalez@example.com' },
    });
    const last = r.history[0]!;
    expect(last).toMatchObject({ type: 'CUSTOMER_CHANGED', at: clock.now(), actor: { name: 'Ava Martin', role: 'agent' } });
    expect(last.payload.changes).toEqual(expect.arrayContaining([{ field: 'name', from: SHOWCASE.maria.name, to: 'Maria Gonzalez-Ruiz' }]));
    expect(last.payload.changes.map((c) => c.field)).not.toContain('phone');
    const names = desk.db.sqlite.prepare('select distinct customer_name from tickets where customer_id = ?').pluck().all(id);
    expect(names.length === 0 || (names.length === 1 && names[0] === 'Maria Gonzalez-Ruiz')).toBe(true);
    const contact = await ava.call('customers.saveContact', { customerId: id, contact: { name: 'Luis Gonzalez', email: 'luis@example.com' } });
    expect(contact.contacts?.map((c) => c.name)).toContain('Luis Gonzalez');
    expect(contact.history[0]!.type).toBe('CONTACT_ADDED');
    // Removed in another window meanwhile: a second removal or an edit says so, in a keyed
    // sentence a Persian window says in Persian.
    const contactId = contact.contacts!.find((c) => c.name === 'Luis Gonzalez')!.id;
    await ava.call('customers.removeContact', { customerId: id, contactId });
    const again = await ava.raw('customers.removeContact', { customerId: id, contactId });
    expect(messageDetail(!again.ok ? again.error.message : '')).toMatchObject({ key: 'contactGone' });
  });

  it('keeps an empty country empty: a save that changes only the name records only the name; a national number is still read in the desk’s country', async () => {
    const { as, desk } = await open();
    const ava = await as('Ava Martin');
    const maria = await mariaFound(ava);
    const id = maria.view.customer.id;
    const before = await ava.call('customers.record', { customerId: id });
    // The demo's Maria has no country of her own: the record says so rather than the desk's.
    expect(before.customer.country).toBeNull();
    const renamed = await ava.call('customers.update', { customerId: id, version: before.customer.version, customer: { ...draftOf(before.customer), name: 'Maria Gonzalez-Ruiz' } });
    expect(renamed.history[0]!.payload.changes).toEqual([{ field: 'name', from: SHOWCASE.maria.name, to: 'Maria Gonzalez-Ruiz' }]);
    expect(renamed.customer.country).toBeNull();
    const rephoned = await ava.call('customers.update', { customerId: id, version: renamed.customer.version, customer: { ...draftOf(renamed.customer), phone: '(415) 555-0123' } });
    expect(rephoned.history[0]!.payload.changes).toEqual([{ field: 'phone', from: SHOWCASE.maria.phone, to: '+14155550123' }]);
    // Saved as the edit dialog shows it ("+1 415 555 0123", draftOf), unchanged: no event, the same version.
    expect(draftOf(rephoned.customer).phone).toBe('+1 415 555 0123');
    const again = await ava.call('customers.update', { customerId: id, version: rephoned.customer.version, customer: draftOf(rephoned.customer) });
    expect({ version: again.customer.version, events: again.history.length }).toEqual({ version: rephoned.customer.version, events: rephoned.history.length });
    expect(desk.db.sqlite.prepare('select country from customers where id = ?').pluck().get(id)).toBeNull();
  });

  it('refuses an edit from a stale version that changes a field changed meanwhile, saving nothing; merges one that changes other fields; saves from the current version', async () => {
    const { as, desk } = await open();
    const ava = await as('Ava Martin');
    const grace = await as('Grace Chen');
    const maria = await mariaFound(ava);
    const id = maria.view.customer.id;
    // Ava opens the edit; Grace changes the name and the email meanwhile.
    const opened = (await ava.call('customers.record', { customerId: id })).customer;
    const graces = await grace.call('customers.update', { customerId: id, version: opened.version, customer: { ...draftOf(opened), name: 'María González', email: 'maria.g@example.org' } });
    expect(graces.customer.version).toBeGreaterThan(opened.version);
    const count = (table: string) => desk.db.sqlite.prepare(`select count(*) from ${table}`).pluck().get();
    const written = { events: count('customer_events'), outbox: count('outbox') };

    // Ava's name, from the version she opened: refused, naming the field, and nothing written.
    const clash = await ava.raw('customers.update', { customerId: id, version: opened.version, customer: { ...draftOf(opened), name: 'Maria Gonzalez Ruiz', phone: '+1 415 555 0123' } });
    expect(clash.ok).toBe(false);
    if (clash.ok) return;
    expect(clash.error.code).toBe('conflict');
    expect(clash.error.message).toContain('name');
    expect(clash.error.message).toContain('nothing was saved');
    // Keyed, with the fields by their API names, so a Persian window names them in Persian.
    expect({ key: clash.error.key, params: clash.error.params }).toEqual({ key: 'recordChangedMeanwhile', params: { fields: 'name' } });
    expect({ events: count('customer_events'), outbox: count('outbox') }).toEqual(written);
    const now = await ava.call('customers.record', { customerId: id });
    expect(now.customer).toMatchObject({ name: 'María González', email: 'maria.g@example.org', phone: SHOWCASE.maria.phone, version: graces.customer.version });

    // Both fields, both named.
    const both = await ava.raw('customers.update', { customerId: id, version: opened.version, customer: { ...draftOf(opened), name: 'Maria Gonzalez Ruiz', email: 'mg@example.net' } });
    expect(!both.ok && both.error.params).toEqual({ fields: 'name,email' });
    expect(!both.ok && both.error.message).toContain('name and email');

    // Only the phone, from the same stale version: saved, and Grace's name and email stay.
    const merged = await ava.call('customers.update', { customerId: id, version: opened.version, customer: { ...draftOf(opened), phone: '+1 415 555 0123' } });
    expect(merged.customer).toMatchObject({ name: 'María González', email: 'maria.g@example.org', phone: '+14155550123' });
    expect(merged.history[0]!.payload.changes).toEqual([{ field: 'phone', from: SHOWCASE.maria.phone, to: '+14155550123' }]);
    // Typing what Grace typed is no clash either.
    const same = await ava.raw('customers.update', { customerId: id, version: opened.version, customer: { ...draftOf(opened), name: 'María González' } });
    expect(same.ok).toBe(true);

    // From the record as it is now, Ava's name is hers to save: she has seen Grace's.
    const current = await ava.call('customers.update', { customerId: id, version: merged.customer.version, customer: { ...draftOf(merged.customer), name: 'Maria Gonzalez Ruiz' } });
    expect(current.customer).toMatchObject({ name: 'Maria Gonzalez Ruiz', email: 'maria.g@example.org', phone: '+14155550123' });
    expect(current.history[0]!.payload.changes).toEqual([{ field: 'name', from: 'María González', to: 'Maria Gonzalez Ruiz' }]);
    // A contact added meanwhile changes the version, not the details: no clash.
    const withContact = await grace.call('customers.saveContact', { customerId: id, contact: { name: 'Luis Gonzalez', email: 'luis@example.com' } });
    expect(withContact.customer.version).toBeGreaterThan(current.customer.version);
    const afterContact = await ava.raw('customers.update', { customerId: id, version: current.customer.version, customer: { ...draftOf(current.customer), serviceLevel: 'premier' } });
    expect(afterContact.ok).toBe(true);
  });

  it('finds duplicate candidates through index searches only, never a scan of customers or contacts', async () => {
    const { desk } = await open();
    for (const [name, query] of Object.entries(duplicateQueries(desk.db.kysely))) {
      const c = query.compile();
      const plan = (desk.db.sqlite.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...c.parameters.map(() => 'x')) as { detail: string }[]).map((r) => r.detail);
      const reads = plan.filter((d) => /^(SCAN|SEARCH) /.test(d));
      expect(reads.length).toBeGreaterThan(0);
      expect({ name, scans: reads.filter((d) => d.startsWith('SCAN ')) }).toEqual({ name, scans: [] });
      expect(reads.every((d) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY|USING PRIMARY KEY/.test(d))).toBe(true);
    }
  });

  // The phone hint tried only the record's language's country: on a desk whose home customers
  // are in Iran, an Iranian mobile typed on a record in English was only refused.
  it('says a refused number is real in the country of the segment’s customers on the desk', async () => {
    const { as } = await open();
    const ava = await as('Ava Martin');
    await ava.call('customers.create', { customer: { ...newCaller, name: 'Sara Ahmadi', email: 'sara@example.com', phone: '0912 345 6789', country: 'IR', locale: 'fa-IR' }, asset: null });
    const refused = await ava.raw('customers.create', { customer: { ...newCaller, name: 'Reza Karimi', email: 'reza@example.com', phone: '0935 111 2233', locale: 'en-US' }, asset: null });
    expect(!refused.ok && refused.error.issues).toEqual([{ path: 'customer.phone', message: 'This is a mobile number in Iran: choose Iran as the country, or type the number with its country code, as +98 935 111 2233.' }]);
  });

  it('finds duplicates while typing: same phone, same email, a similar name in the segment, the same tag', async () => {
    const { as } = await open();
    const ava = await as('Ava Martin');
    const byPhone = await ava.call('customers.duplicates', { name: 'M Gonzalez', segment: 'home', phone: '415 555 0199' });
    expect(byPhone[0]).toMatchObject({ name: SHOWCASE.maria.name, reasons: expect.arrayContaining(['phone']) });
    const byName = await ava.call('customers.duplicates', { name: 'Maria Gonzales', segment: 'home' });
    expect(byName[0]).toMatchObject({ name: SHOWCASE.maria.name, reasons: ['name'] });
    expect(await ava.call('customers.duplicates', { name: 'Maria Gonzales', segment: 'education' })).toEqual([]);
    const byTag = await ava.call('customers.duplicates', { name: 'Someone Else', segment: 'education', serviceTag: SHOWCASE.maria.tag });
    expect(byTag[0]?.reasons).toEqual(['tag']);
  });

  it('merges two records without losing a ticket; the old id finds the survivor, and its history stays', async () => {
    const { as, desk } = await open();
    const ava = await as('Ava Martin');
    const grace = await as('Grace Chen');
    const maria = await mariaFound(ava);
    const survivorId = maria.view.customer.id;
    const dup = await ava.call('customers.create', { customer: { ...newCaller, name: 'Maria Gonzales', phone: '', email: 'mg@example.com' }, asset: newSystem });
    const t = await ava.call('tickets.create', { customerId: dup.customerId, assetId: dup.assetId, subject: 'Fan noise' });
    const ticketsBefore = desk.db.sqlite.prepare('select count(*) from tickets').pluck().get();
    await ava.call('customers.view', { customerId: dup.customerId });
    const merged = await grace.call('customers.merge', { survivorId, mergedId: dup.customerId, pick: { email: 'merged' }, ...(await mergeVersions(grace, survivorId, dup.customerId)) });
    expect(merged.customer.email).toBe('mg@example.com');
    expect(merged.assets.map((a) => a.serviceTag)).toContain('PR1Y4A7');
    expect(merged.mergedFrom.map((m) => m.id)).toEqual([dup.customerId]);
    expect(merged.history.filter((e) => e.customerId === dup.customerId).map((e) => e.type)).toContain('CUSTOMER_CREATED');
    // Told on both records, said once: the survivor's.
    expect(merged.history.filter((e) => e.type === 'CUSTOMER_MERGED').map((e) => e.customerId)).toEqual([survivorId]);
    expect(desk.db.sqlite.prepare('select count(*) from tickets').pluck().get()).toBe(ticketsBefore);
    const ticket = await ava.call('tickets.get', { ticketId: t.ticket.id });
    expect(ticket.ticket).toMatchObject({ customerId: survivorId, customerName: SHOWCASE.maria.name });
    const old = await ava.call('customers.view', { customerId: dup.customerId });
    expect(old.customer.id).toBe(survivorId);
    // The audit log names the record merged away by the one it went into, not by its bare id.
    const admin = await as('Omar Haddad');
    const log = await admin.call('privacy.audit', { customerId: dup.customerId });
    expect(log.length).toBeGreaterThan(0);
    expect(new Set(log.map((r) => r.customerName))).toEqual(new Set([SHOWCASE.maria.name]));
    // A record merged with itself is refused with a keyed sentence, so a Persian window says it in Persian.
    const self = await grace.raw('customers.merge', { survivorId, mergedId: survivorId, pick: {}, survivorVersion: 0, mergedVersion: 0 });
    expect(self.ok).toBe(false);
    if (!self.ok) expect({ code: self.error.code, key: self.error.key }).toEqual({ code: 'invalid_input', key: 'mergeSelf' });
  });

  // Asked through the API (not the merge screen, which opens with the established record
  // kept), a merge with a brand-new empty duplicate as survivor deleted Maria's record: her
  // id, the one her tickets, calls and imports knew, was gone.
  it('refuses a merge that keeps the record with less history, unless the caller says they chose it', async () => {
    const { as, desk } = await open();
    const ava = await as('Ava Martin');
    const grace = await as('Grace Chen');
    const maria = await mariaFound(ava);
    const mariaId = maria.view.customer.id;
    const dup = await ava.call('customers.create', { customer: { ...newCaller, name: 'Maria Gonzales', phone: '', email: 'mg@example.com' }, asset: null });
    const exists = (id: string) => desk.db.sqlite.prepare('select count(*) from customers where id = ?').pluck().get(id) === 1;
    const wrongWay = await grace.raw('customers.merge', { survivorId: dup.customerId, mergedId: mariaId, pick: {}, ...(await mergeVersions(grace, dup.customerId, mariaId)) });
    expect(wrongWay.ok).toBe(false);
    if (!wrongWay.ok) {
      expect({ code: wrongWay.error.code, key: wrongWay.error.key }).toEqual({ code: 'refused', key: 'mergeKeepsLess' });
      expect(messageDetail(wrongWay.error.message)).toEqual({ key: 'mergeKeepsLess', params: { keep: 'Maria Gonzales', from: SHOWCASE.maria.name } });
    }
    expect([exists(mariaId), exists(dup.customerId)]).toEqual([true, true]);
    // Chosen (the merge screen's swap sends it): kept as asked.
    const chosen = await grace.call('customers.merge', { survivorId: dup.customerId, mergedId: mariaId, pick: {}, keepLessHistory: true, ...(await mergeVersions(grace, dup.customerId, mariaId)) });
    expect(chosen.customer.id).toBe(dup.customerId);
    expect(exists(mariaId)).toBe(false);
  });

  it('refuses a merge when either record changed after the screen showed it, naming which, and merges nothing', async () => {
    const { as, desk } = await open();
    const ava = await as('Ava Martin');
    const grace = await as('Grace Chen');
    const maria = await mariaFound(ava);
    const survivorId = maria.view.customer.id;
    const dup = await ava.call('customers.create', { customer: { ...newCaller, name: 'Maria Gonzales', phone: '', email: 'mg@example.com' }, asset: null });
    const shown = { s: await grace.call('customers.record', { customerId: survivorId }), m: await grace.call('customers.record', { customerId: dup.customerId }) };
    const versions = { survivorVersion: shown.s.customer.version, mergedVersion: shown.m.customer.version };
    const count = () => desk.db.sqlite.prepare('select count(*) from customers').pluck().get();
    const before = count();
    // The record merged in gets a new email after the screen was drawn: the email the agent
    // picked is not the one that would be kept.
    await ava.call('customers.update', { customerId: dup.customerId, version: shown.m.customer.version, customer: { ...draftOf(shown.m.customer), email: 'maria.new@example.com' } });
    const stale = await grace.raw('customers.merge', { survivorId, mergedId: dup.customerId, pick: { email: 'merged' }, ...versions });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect({ code: stale.error.code, key: stale.error.key }).toEqual({ code: 'conflict', key: 'mergeFromChanged' });
      expect(messageDetail(stale.error.message)).toEqual({ key: 'mergeFromChanged', params: { name: 'Maria Gonzales' } });
    }
    expect(count()).toBe(before);
    // The record kept changed too: the sentence says both.
    await ava.call('customers.update', { customerId: survivorId, version: shown.s.customer.version, customer: { ...draftOf(shown.s.customer), serviceLevel: 'premier' } });
    const both = await grace.raw('customers.merge', { survivorId, mergedId: dup.customerId, pick: {}, ...versions });
    expect(!both.ok && both.error.key).toBe('mergeBothChanged');
    const fresh = await grace.call('customers.record', { customerId: dup.customerId });
    const keep = await grace.raw('customers.merge', { survivorId, mergedId: dup.customerId, pick: {}, survivorVersion: shown.s.customer.version, mergedVersion: fresh.customer.version });
    expect(!keep.ok && keep.error.key).toBe('mergeKeepChanged');
    // From what the screen shows now: merged, with the email it shows.
    const now = await grace.call('customers.record', { customerId: survivorId });
    const done = await grace.call('customers.merge', { survivorId, mergedId: dup.customerId, pick: { email: 'merged' }, survivorVersion: now.customer.version, mergedVersion: fresh.customer.version });
    expect(done.customer).toMatchObject({ email: 'maria.new@example.com', serviceLevel: 'premier' });
  });

  it('merges when only what the merge screen does not show changed meanwhile (a ticket, a look, a confirmation, a system or contact edited); refuses for a field edited', async () => {
    const { as } = await open();
    const ava = await as('Ava Martin');
    const grace = await as('Grace Chen');
    const maria = await mariaFound(ava);
    const survivorId = maria.view.customer.id;
    const dup = await ava.call('customers.create', { customer: { ...newCaller, name: 'Maria Gonzales', phone: '', email: 'mg@example.com' }, asset: newSystem });
    const withContact = await ava.call('customers.saveContact', { customerId: dup.customerId, contact: { name: 'Reza Karimi', role: 'Office manager', email: 'reza@example.com', phone: '' } });
    const contactId = withContact.contacts![0]!.id;
    const shown = await mergeVersions(grace, survivorId, dup.customerId);
    // A colleague works the same caller while the merge screen is open: none of this is on it.
    await ava.call('tickets.create', { customerId: dup.customerId, assetId: dup.assetId, subject: 'Fan noise' });
    await ava.call('tickets.create', { customerId: survivorId, assetId: null, subject: 'Battery' });
    await ava.call('customers.view', { customerId: dup.customerId });
    await ava.call('customers.confirm', { customerId: dup.customerId });
    await ava.call('customers.saveAsset', { customerId: dup.customerId, assetId: dup.assetId, asset: { ...newSystem, model: 'XPS 14 9440' } });
    await ava.call('customers.saveContact', { customerId: dup.customerId, contactId, contact: { name: 'Reza Karimi', role: 'IT lead', email: 'reza@example.com', phone: '' } });
    // A field the screen shows, edited: refused, naming only the record kept.
    const rec = await ava.call('customers.record', { customerId: survivorId });
    await ava.call('customers.update', { customerId: survivorId, version: rec.customer.version, customer: { ...draftOf(rec.customer), serviceLevel: 'premier' } });
    const stale = await grace.raw('customers.merge', { survivorId, mergedId: dup.customerId, pick: {}, ...shown });
    expect(!stale.ok && stale.error.key).toBe('mergeKeepChanged');
    // The record kept shown again; the one merged in as first shown, before the ticket and the rest: merged.
    const again = await mergeVersions(grace, survivorId, dup.customerId);
    const done = await grace.call('customers.merge', { survivorId, mergedId: dup.customerId, pick: {}, survivorVersion: again.survivorVersion, mergedVersion: shown.mergedVersion });
    expect(done.customer.serviceLevel).toBe('premier');
  });

  it('transfers a system: the new owner has it, the earlier owner keeps it in history, open tickets say what happens', async () => {
    const { as, clock } = await open();
    const ava = await as('Ava Martin');
    const maria = await mariaFound(ava);
    const asset = maria.view.assets.find((a) => a.serviceTag === SHOWCASE.maria.tag)!;
    const ticket = await ava.call('tickets.create', { customerId: maria.view.customer.id, assetId: asset.id, subject: 'Battery swelling' });
    const buyer = await ava.call('customers.create', { customer: newCaller, asset: null });
    const date = new Date(clock.now()).toISOString().slice(0, 10);
    const r = await ava.call('customers.transferAsset', { assetId: asset.id, toCustomerId: buyer.customerId, how: 'sold', date });
    expect(r.openTickets.map((t) => t.id)).toContain(ticket.ticket.id);
    // Windows showing either owner are told: the one who lost the system and the one who got it.
    const told = ava.pushes.filter((p) => p.event === 'customer.changed').map((p) => (p.payload as { customerId: string }).customerId);
    expect(told).toEqual(expect.arrayContaining([maria.view.customer.id, buyer.customerId]));
    const now = await ava.call('customers.view', { customerId: buyer.customerId });
    expect(now.assets.find((a) => a.id === asset.id)?.owners.map((o) => o.customerName).slice(-2)).toEqual([SHOWCASE.maria.name, 'Priya Raman']);
    const earlier = await ava.call('customers.record', { customerId: maria.view.customer.id });
    expect(earlier.formerAssets).toEqual(expect.arrayContaining([expect.objectContaining({ serviceTag: SHOWCASE.maria.tag, how: 'sold', nowOwnedBy: { id: buyer.customerId, name: 'Priya Raman' } })]));
    expect(earlier.history[0]).toMatchObject({ type: 'ASSET_TRANSFERRED', payload: { note: { toName: 'Priya Raman', how: 'sold' } } });
    // The open ticket's note in the contact history is a keyed sentence: stored in English, read
    // back into its key and values, so a Persian window says it in Persian.
    const contact = await ava.call('customers.view', { customerId: maria.view.customer.id });
    const noted = contact.interactions.filter((i) => i.ticketId === ticket.ticket.id && messageDetail(i.summary)?.key === 'transferOpenTicket');
    expect(noted).toHaveLength(1);
    expect(noted[0]!.summary).toBe(`System ${SHOWCASE.maria.tag} changed hands (sold) on ${date}. This ticket stays with the owner who reported it until it is closed.`);
    expect(messageDetail(noted[0]!.summary)).toEqual({ key: 'transferOpenTicket', params: { tag: SHOWCASE.maria.tag, how: 'sold', on: date } });
    const bad = await ava.raw('customers.transferAsset', { assetId: asset.id, toCustomerId: maria.view.customer.id, how: 'given', date: '1999-01-01' });
    expect(!bad.ok && bad.error.issues?.[0]?.path).toBe('date');
    // Keyed sentences, so a Persian window says why the date is refused (and since when, in its calendar).
    expect(messageDetail(!bad.ok ? (bad.error.issues?.[0]?.message ?? '') : '')).toMatchObject({ key: 'transferBeforeOwner', params: { name: 'Priya Raman', since: date } });
    const future = await ava.raw('customers.transferAsset', { assetId: asset.id, toCustomerId: maria.view.customer.id, how: 'given', date: '2999-01-01' });
    expect(messageDetail(!future.ok ? (future.error.issues?.[0]?.message ?? '') : '')).toEqual({ key: 'transferFuture' });
    // The new owner corrects a mistyped tag: the tickets of the earlier owner on that system
    // carry the corrected tag too (found through the system's owners, not by reading every ticket).
    const day = (at: number) => new Date(at).toISOString().slice(0, 10);
    const fixed = { serviceTag: 'FX9Q2Z7', productLine: asset.productLine, model: asset.model, shipDate: day(asset.shipDate), warrantyLevel: asset.warrantyLevel, warrantyEnd: day(asset.warrantyEnd) };
    await ava.call('customers.saveAsset', { customerId: buyer.customerId, assetId: asset.id, asset: fixed });
    expect((await ava.call('tickets.get', { ticketId: ticket.ticket.id })).ticket.serviceTag).toBe('FX9Q2Z7');
  });

  it('an agent cannot edit a customer of a segment they do not work', async () => {
    const { as } = await open();
    const ben = await as('Ben Okafor');
    const ava = await as('Ava Martin');
    const maria = await mariaFound(ava);
    const r = await ben.raw('customers.saveContact', { customerId: maria.view.customer.id, contact: { name: 'X Y', email: 'x@y.example' } });
    expect(!r.ok && r.error.code).toBe('forbidden');
  });
});
