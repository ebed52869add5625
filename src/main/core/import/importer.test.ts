import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importSummarySchema } from '../../../shared/customerApi';
import { replay } from '../../../shared/ticket';
import { replayLog, type LogEvent } from '../../../shared/ticketLog';
import type { TicketEvent, TicketInput } from '../../../shared/ticketMachine';
import { testDesk } from '../testing/deskHarness';
import { importKeys, importSecret } from './importKeys';
import { REJECTED_ROWS_MAX } from '../../../shared/rejectedRows';
import { keptTrends, recountTrends } from '../testing/trendRecount';

const FIX = join(import.meta.dirname, 'fixtures');
const zendesk = ['zendesk-ticket-events.json', 'zendesk-tickets.json', 'zendesk-users.json', 'zendesk-organizations.json'].map((f) => join(FIX, f));
const freshdesk = ['freshdesk-tickets.csv', 'freshdesk-contacts.csv'].map((f) => join(FIX, f));

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((c) => c());
  cleanup = [];
});
const open = async () => {
  const t = await testDesk({ demo: false });
  await (await t.as(null)).call('desk.initialize', { mode: 'empty' });
  const dir = mkdtempSync(join(tmpdir(), 'tagdesk-import-'));
  cleanup.push(() => t.desk.close(), () => rmSync(dir, { recursive: true, force: true }));
  const admin = await t.as('Desk admin');
  return { ...t, admin, dir };
};
const rejectsOf = (path: string) => readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { file: string; row: number; reason: string });

describe('import from Zendesk', () => {
  it('imports an incremental export in any file order, explains every reject, and a second run changes nothing', async () => {
    const { admin, desk, dir, clock, as } = await open();
    const first = await admin.call('import.run', { from: 'zendesk', files: zendesk, rejectsPath: join(dir, 'r1.jsonl') });
    expect(first.imported).toEqual({ customers: 4, contacts: 2, assets: 0, tickets: 5, events: expect.any(Number) });
    const reasons = rejectsOf(first.rejects).map((r) => r.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: /), // organization 363 without a name
        'deleted in Zendesk', // user 9004 (active: false)
        expect.stringMatching(/requester 9004 is not among the imported users/), // ticket 504
        'missing requester', // ticket 505
        'ticket 999 was not imported',
        // Kenji's Tokyo number has no country code: his address (.jp) says where it is real, and how to write it in the export.
        expect.stringMatching(/^phone: This is a phone number in Japan: write it with its country code, as \+81 /),
      ]),
    );
    expect(first.rejected).toBe(reasons.length);
    // The import screen shows the first rejects as the file has them, keyed so that it can say them in Persian too.
    expect(first.firstRejects.map((r) => r.reason)).toEqual(reasons);
    expect(first.firstRejects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'missing requester', key: 'missingRequester', row: expect.any(Number) }),
        expect.objectContaining({ key: 'requesterNotImported', params: { id: '9004' } }),
        expect.objectContaining({ key: 'ticketNotImported', params: { id: '999' } }),
        // The field and what is wrong with it, in the shared rules' (keyed) sentence.
        expect.objectContaining({ key: 'invalidFields', params: { fields: 'phone', 'issue.phone': expect.stringMatching(/^This is a phone number in Japan/) } }),
      ]),
    );
    const sql = desk.db.sqlite;
    // A user suspended in Zendesk (blocked for spam or abuse) is left out with the ticket they
    // requested and its comment, counted in the summary and not as rejects (nothing to correct).
    expect(first.suspended).toEqual({ users: 1, tickets: 1 });
    expect(sql.prepare(`select count(*) from customers where name like 'Cheap Watches%' or email like '%watches-spam%'`).pluck().get()).toBe(0);
    expect(sql.prepare(`select count(*) from tickets where subject like 'Luxury watches%'`).pluck().get()).toBe(0);
    expect(sql.prepare(`select count(*) from interactions where summary like 'Buy now%'`).pluck().get()).toBe(0);
    expect(first.firstRejects.filter((r) => /9008|508/.test(JSON.stringify(r)))).toEqual([]);
    // Non-Latin names and their own countries' numbers.
    expect(sql.prepare(`select phone, country, locale from customers where name = 'سارا احمدی'`).get()).toEqual({ phone: '+989121234567', country: 'IR', locale: 'fa' });
    // Statuses map through the machine: closed stays closed, tier-2 tags land in tier 2, times keep their zone.
    const t = (subject: string) => sql.prepare('select id, state, tier, is_open, created_at from tickets where subject = ?').get(subject) as { id: string; state: string; tier: number; is_open: number; created_at: number };
    expect(t('Projector in room B12 shows no signal')).toMatchObject({ state: 'closed', is_open: 0 });
    expect(t('Docking station drops monitors')).toMatchObject({ state: 'tier2.waiting', tier: 2, is_open: 1 });
    expect(t('لپ‌تاپ من روشن نمی‌شود')).toMatchObject({ state: 'new', created_at: clock.now() });
    expect(sql.prepare(`select description from tickets where id = ?`).pluck().get(t('لپ‌تاپ من روشن نمی‌شود').id)).toMatch(/Opened in zendesk on 2024-05-20 03:15 UTC/);
    expect(t('Projector in room B12 shows no signal').created_at).toBe(Date.UTC(2024, 1, 10, 14));
    expect(t('Fan noise after BIOS update').state).toBe('tier1.pending');
    // Every imported log replays through the shared machine to the stored state.
    const users = new Map((sql.prepare('select * from users').all() as { id: string; role: string; tier: number; segments: string }[]).map((u) => [u.id, { id: u.id, role: u.role, tier: u.tier, segments: JSON.parse(u.segments) }]));
    for (const row of sql.prepare('select id, state, segment, machine from tickets').all() as { id: string; state: string; segment: string; machine: string }[]) {
      const [created, ...rest] = sql.prepare('select type, at, actor_id, payload from ticket_events where ticket_id = ? order by seq').all(row.id) as { type: string; at: number; actor_id: string; payload: string }[];
      expect(created!.type).toBe('CREATED');
      const stored = JSON.parse(row.machine);
      const input: TicketInput = { segment: row.segment as TicketInput['segment'], priority: JSON.parse(created!.payload).priority, at: created!.at, reopenWindowMs: stored.reopenWindowMs };
      const replayed = replay(input, rest.map((e) => ({ type: e.type, at: e.at, actor: users.get(e.actor_id)!, ...JSON.parse(e.payload) }) as TicketEvent));
      expect(replayed.ok && replayed.next.state).toBe(row.state);
    }
    // HTML comments become text on the ticket's customer; private ones are internal.
    const comments = sql.prepare(`select direction, summary from interactions where summary like '%HDMI%' or summary like '%chewed%' or summary like '%no signal%' order by at, summary`).all();
    expect(comments).toEqual(
      expect.arrayContaining([
        { direction: 'inbound', summary: 'Since Monday the projector in B12 shows "no signal".' },
        { direction: 'outbound', summary: 'Replaced the HDMI cable.' },
        { direction: 'internal', summary: 'Cable was chewed.' },
      ]),
    );
    const counts = () => sql.prepare('select (select count(*) from customers) c, (select count(*) from tickets) t, (select count(*) from ticket_events) e, (select count(*) from interactions) i, (select count(*) from contacts) k').get();
    const before = counts();
    const second = await admin.call('import.run', { from: 'zendesk', files: zendesk, rejectsPath: join(dir, 'r2.jsonl') });
    expect(second.imported).toEqual({ customers: 0, contacts: 0, assets: 0, tickets: 0, events: 0 });
    expect(counts()).toEqual(before);
    // The board's weekly trends count the imported tickets, each once.
    expect(keptTrends(sql)).toEqual(recountTrends(sql));
    // The tickets waiting on their customer are held by the import's own account: the board
    // lists it, with them, for a supervisor to hand them over.
    const board = await (await as('Supervisor')).call('supervisor.overview');
    expect(board.agents.find((a) => a.name === 'Import from zendesk')?.open).toBeGreaterThan(0);
  });

  it('writes logs the shared ticket log replays to the stored row, counters that match the queues, and tells the hub of live tickets and imported customers', async () => {
    const { admin, desk, dir } = await open();
    await admin.call('import.run', { from: 'zendesk', files: zendesk, rejectsPath: join(dir, 'r.jsonl') });
    const sql = desk.db.sqlite;
    for (const row of sql.prepare('select * from tickets').all() as { id: string; state: string; version: number; machine: string; is_open: number; tier: number }[]) {
      const events = (sql.prepare('select seq, type, at, actor_id, a.body as actor, payload from ticket_events join event_actors a on a.ref = actor_ref where ticket_id = ? order by seq').all(row.id) as { seq: number; type: string; at: number; actor_id: string; actor: string; payload: string }[]).map((e) => ({
        ticketId: row.id,
        seq: e.seq,
        type: e.type as LogEvent['type'],
        at: e.at,
        actor: { id: e.actor_id, ...JSON.parse(e.actor) } as LogEvent['actor'],
        payload: JSON.parse(e.payload) as Record<string, unknown>,
      }));
      const state = replayLog(events)!;
      expect({ state: state.position.state, version: state.seq, machine: state.position.context }).toEqual({ state: row.state, version: row.version, machine: JSON.parse(row.machine) });
    }
    // Counters netted per batch equal what the queues hold.
    const counted = sql.prepare('select segment, tier, open, unassigned from queue_counters where open != 0 or unassigned != 0 order by segment, tier').all();
    const actual = sql.prepare(`select segment, tier, count(*) as open, sum(assignee_id is null) as unassigned from tickets where is_open = 1 group by segment, tier order by segment, tier`).all();
    expect(counted).toEqual(actual);
    // Every imported ticket's events (finished ones too: the customer's history on every desk), customer, contact and comment go to the outbox.
    const outbox = sql.prepare(`select stream, count(*) as n from outbox group by stream order by stream`).all();
    expect(outbox).toEqual([
      { stream: 'customer', n: sql.prepare(`select count(*) from customer_events`).pluck().get() },
      { stream: 'ticket', n: sql.prepare(`select count(*) from ticket_events`).pluck().get() },
    ]);
    expect(sql.prepare(`select count(*) from customer_events where type = 'INTERACTION_LOGGED'`).pluck().get()).toBe(sql.prepare(`select count(*) from interactions where user_id is null and ticket_id is not null`).pluck().get());
  });

  it('writes the rejected records of a Zendesk export as pages of its own kind, each with why, that import again once corrected', async () => {
    const { admin, desk, dir } = await open();
    const r = await admin.call('import.run', { from: 'zendesk', files: zendesk, rejectsPath: join(dir, 'rz.jsonl') });
    expect(r.rejectedPages).toEqual(['organizations', 'users', 'tickets', 'ticket_events'].map((k) => join(dir, `rz-${k}.json`)));
    const ticketsPage = join(dir, 'rz-tickets.json');
    const page = JSON.parse(readFileSync(ticketsPage, 'utf8')) as { tickets: Array<Record<string, unknown>> };
    const missing = page.tickets.find((t) => t.id === 505)!;
    expect(missing.tagdesk_rejected_because).toBe('missing requester');
    // Corrected (a requester given) and imported again as a Zendesk page: the ticket comes in, nothing else is doubled.
    missing.requester_id = 9001;
    writeFileSync(ticketsPage, JSON.stringify(page));
    const again = await admin.call('import.run', { from: 'zendesk', files: [ticketsPage], rejectsPath: join(dir, 'again.jsonl') });
    expect(again.imported.tickets).toBe(1);
    expect(desk.db.sqlite.prepare('select count(*) from tickets').pluck().get()).toBe(6);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const { admin, desk, dir } = await open();
    const r = await admin.call('import.run', { from: 'zendesk', files: zendesk, dryRun: true, rejectsPath: join(dir, 'r.jsonl') });
    expect(r.imported.tickets).toBe(5);
    expect(desk.db.sqlite.prepare('select count(*) from tickets').pluck().get()).toBe(0);
  });

  it('refuses a second import while one runs, says which runs, and cancels it between batches: the rows written before stay', async () => {
    const { admin, desk, dir } = await open();
    const file = join(dir, 'many.csv');
    // Rows long enough that the file is read in many pieces, so the calls below come while it runs.
    const notes = 'x'.repeat(300);
    writeFileSync(file, 'name,email,segment,notes\n' + Array.from({ length: 8000 }, (_, i) => `Person ${i},p${i}@example.com,home,${notes}`).join('\n') + '\n');
    const run = admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r.jsonl') });
    while (!admin.pushes.some((p) => p.event === 'import.progress')) await new Promise((r) => setTimeout(r, 1));
    expect(await admin.call('import.status', {})).toMatchObject({ running: { from: 'csv', files: [file], dryRun: false, progress: { file, rows: expect.any(Number) } } });
    await expect(admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r2.jsonl') })).rejects.toMatchObject({ code: 'conflict', message: 'An import is already running: wait for it to finish, or cancel it, before starting another.' });
    expect(await admin.call('import.cancel', {})).toEqual({ cancelling: true });
    const r = await run;
    expect(r.cancelled).toBe(true);
    expect(r.imported.customers).toBeGreaterThan(0);
    expect(r.imported.customers).toBeLessThan(8000);
    expect(desk.db.sqlite.prepare('select count(*) from customers').pluck().get()).toBe(r.imported.customers);
    // Nothing runs now: the same file again brings in the rest, the rows already in skipped.
    expect(await admin.call('import.status', {})).toEqual({ deskCountry: 'US', running: null });
    expect(await admin.call('import.cancel', {})).toEqual({ cancelling: false });
    const rest = await admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r3.jsonl') });
    expect(rest).toMatchObject({ cancelled: false, existing: r.imported.customers, imported: { customers: 8000 - r.imported.customers } });
  });

  it('other calls wait for a dry run, so none sees or writes into its rolled-back rows', async () => {
    const { admin, as, dir } = await open();
    const other = await as('Supervisor');
    const dry = admin.call('import.run', { from: 'zendesk', files: zendesk, dryRun: true, rejectsPath: join(dir, 'r.jsonl') });
    // Ask only once the dry run has written its first batch.
    while (!other.pushes.some((p) => p.event === 'import.progress')) await new Promise((r) => setTimeout(r, 1));
    const seen = other.call('desk.status', { counts: true });
    const [, status] = await Promise.all([dry, seen]);
    expect(status.tickets).toBe(0);
    expect(status.customers).toBe(0);
  });
});

describe('import from Freshdesk and plain CSV', () => {
  it('imports contact and ticket CSVs recognised by content, with reasons for each reject', async () => {
    const { admin, desk, dir } = await open();
    const r = await admin.call('import.run', { from: 'freshdesk', files: freshdesk, rejectsPath: join(dir, 'r.jsonl') });
    expect(r.imported).toMatchObject({ customers: 4, contacts: 1, tickets: 3 });
    const reasons = rejectsOf(r.rejects).map((x) => `${x.row}: ${x.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([expect.stringMatching(/email: /), expect.stringMatching(/missing requester/), expect.stringMatching(/is not a time/), expect.stringMatching(/unknown status "snoozed"/)]),
    );
    const sql = desk.db.sqlite;
    // Row 1007 (line 8) registered its new requester, then was refused for its date: nothing of it stays, and the rest of its batch does.
    expect(rejectsOf(r.rejects).find((x) => x.row === 8)?.reason).toMatch(/is not a time/);
    expect(sql.prepare(`select count(*) from customers where name = 'Nadia Farahani'`).pluck().get()).toBe(0);
    expect(sql.prepare(`select count(*) from import_ids where external_id = ?`).pluck().get(importKeys(importSecret(sql))('user', 'nadia.farahani@example.com'))).toBe(0);
    expect(sql.prepare(`select state, tier from tickets where subject = 'Printer offline'`).get()).toEqual({ state: 'tier2.waiting', tier: 2 });
    expect(sql.prepare(`select description from tickets where subject = 'Printer offline'`).pluck().get()).toMatch(/Opened in freshdesk on 2024-03-05 08:52 UTC/);
    expect(sql.prepare(`select description from tickets where subject = 'Keyboard missing keys'`).pluck().get()).toMatch(/^Three keys fell off.\nWarranty\?/);
    const again = await admin.call('import.run', { from: 'freshdesk', files: freshdesk, rejectsPath: join(dir, 'r2.jsonl') });
    expect(again.imported).toEqual({ customers: 0, contacts: 0, assets: 0, tickets: 0, events: 0 });
  });

  it('an erased customer leaves nothing readable in the desk file, import_ids included, and importing the same export again does not bring them back', async () => {
    const { admin, desk, dir } = await open();
    await admin.call('import.run', { from: 'freshdesk', files: freshdesk, rejectsPath: join(dir, 'r1.jsonl') });
    const sql = desk.db.sqlite;
    const idOf = (name: string) => sql.prepare('select id from customers where name = ?').pluck().get(name) as string;
    // A person (by their Contact ID and email) and a company (by its name, its contact by their email).
    const people = [
      { id: idOf('Olivia Brennan'), name: 'Olivia Brennan', words: ['olivia', 'brennan'] },
      { id: idOf('Bottega Rossi Srl'), name: 'Bottega Rossi Srl', words: ['bottega', 'rossi'] },
    ];
    for (const p of people) await admin.call('privacy.erase', { customerId: p.id, confirmName: p.name });
    const readable = (word: string) => {
      const hits: string[] = [];
      for (const table of sql.prepare(`select name from sqlite_schema where type = 'table'`).pluck().all() as string[]) {
        for (const row of sql.prepare(`select * from "${table}"`).raw().all() as unknown[][]) {
          if (row.some((v) => typeof v === 'string' && v.toLowerCase().includes(word))) hits.push(`${table}: ${JSON.stringify(row)}`);
        }
      }
      return hits;
    };
    for (const word of people.flatMap((p) => p.words)) expect(readable(word)).toEqual([]);
    // The keys are still known: the same files again change nothing, and nobody comes back.
    const again = await admin.call('import.run', { from: 'freshdesk', files: freshdesk, rejectsPath: join(dir, 'r2.jsonl') });
    expect(again.imported).toEqual({ customers: 0, contacts: 0, assets: 0, tickets: 0, events: 0 });
    expect(sql.prepare(`select count(*) from customers where name like '%Brennan%' or name like '%Rossi%' or email like '%example.ie'`).pluck().get()).toBe(0);
    expect(sql.prepare(`select count(*) from tickets where customer_id in (?, ?)`).pluck().get(people[0]!.id, people[1]!.id)).toBe(2);
    // Their export says what the keys they were imported by are, and shows none of them.
    const exported = await admin.call('privacy.export', { customerId: people[0]!.id });
    expect(JSON.stringify(exported).toLowerCase()).not.toMatch(/olivia|brennan/);
    expect(exported.importedAs).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'freshdesk', kind: 'user', externalIdIs: 'keyed hash' })]));
  });

  it('reads each CSV with the one separator its header uses: a comma inside a European (semicolon) file, or a semicolon inside a comma file, stays in its field', async () => {
    const { admin, desk, dir } = await open();
    // Excel in a European locale separates with semicolons and leaves "Müller, Hans" unquoted.
    const eu = join(dir, 'kunden.csv');
    writeFileSync(eu, '\uFEFFName;Phone;Email;Segment;Country\r\nMüller, Hans;+49 30 1234567;hans@example.de;home;DE\r\nSchmidt GmbH;+49 30 7654321;info@schmidt.example;small business;DE\r\n');
    const r = await admin.call('import.run', { from: 'csv', files: [eu], rejectsPath: join(dir, 'r1.jsonl') });
    expect(r.firstRejects).toEqual([]);
    expect(r.imported.customers).toBe(2);
    const sql = desk.db.sqlite;
    expect(sql.prepare(`select email, phone, segment from customers where name = 'Müller, Hans'`).get()).toEqual({ email: 'hans@example.de', phone: '+49301234567', segment: 'home' });
    // A comma-separated Freshdesk export leaves a subject with a semicolon unquoted.
    const tickets = join(dir, 'tickets.csv');
    writeFileSync(tickets, 'Ticket ID,Subject,Description,Status,Priority,Source,Created time,Closed time,Full name,Email\n7001,Laptop; will not boot,Black screen,Closed,Low,Email,2024-03-01 09:00:00 +0000,2024-03-02 09:00:00 +0000,Ada Park,ada@example.com\n');
    const t = await admin.call('import.run', { from: 'freshdesk', files: [tickets], rejectsPath: join(dir, 'r2.jsonl') });
    expect(t.firstRejects).toEqual([]);
    expect(sql.prepare(`select subject, state from tickets`).get()).toEqual({ subject: 'Laptop; will not boot', state: 'closed' });
  });

  it('reads a tab-separated file (Excel\'s "Text (Tab delimited)", a sheet saved as TSV) by its tabs, on the mapping screen and in the import', async () => {
    const { admin, desk, dir } = await open();
    const file = join(dir, 'customers.tsv');
    writeFileSync(file, '\uFEFFCustomer\tTel\tMail\tNotes\r\nMüller, Hans\t+49 30 1234567\thans@example.de\tcalls; evenings\r\nمریم احمدی\t+98 912 345 6789\tmaryam@example.ir\t"line one\r\nline two"\r\n');
    // It was "has no CSV header row": the file was refused as a whole.
    expect(await admin.call('import.peek', { from: 'csv', file })).toMatchObject({ kind: 'csv', columns: ['Customer', 'Tel', 'Mail', 'Notes'], problem: null });
    const r = await admin.call('import.run', { from: 'csv', files: [file], mapping: { name: 'Customer', phone: 'Tel', email: 'Mail' }, rejectsPath: join(dir, 'r.jsonl') });
    expect(r.firstRejects).toEqual([]);
    expect(r.imported.customers).toBe(2);
    expect(desk.db.sqlite.prepare(`select name, phone, email from customers order by name`).all()).toEqual([
      { name: 'Müller, Hans', phone: '+49301234567', email: 'hans@example.de' },
      { name: 'مریم احمدی', phone: '+989123456789', email: 'maryam@example.ir' },
    ]);
  });

  it('says how to fix a local number refused in the desk\'s country in the file itself, not "choose Iran as the country", which an import has no field for', async () => {
    const { admin, dir } = await open();
    const file = join(dir, 'tehran.csv');
    writeFileSync(file, 'Name,Phone,Email\nمریم احمدی,۰۹۱۲ ۳۴۵ ۶۷۸۹,maryam@example.ir\n');
    const csv = await admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r1.jsonl') });
    expect(csv.firstRejects).toEqual([
      expect.objectContaining({ key: 'invalidFields', params: { fields: 'phone', 'issue.phone': 'This is a phone number in Iran: write it with its country code, as +98 912 345 6789, or give the row a Country column with the country’s two-letter code (IR) and choose it for Country.' } }),
    ]);
    // A Freshdesk export has no Country column to give: the country code is the fix.
    const contacts = join(dir, 'contacts.csv');
    writeFileSync(contacts, 'Contact ID,Full name,Email,Work phone\n77,مریم احمدی,maryam@example.ir,۰۹۱۲ ۳۴۵ ۶۷۸۹\n');
    const fd = await admin.call('import.run', { from: 'freshdesk', files: [contacts], rejectsPath: join(dir, 'r2.jsonl') });
    expect(fd.firstRejects).toEqual([expect.objectContaining({ params: { fields: 'phone', 'issue.phone': 'This is a phone number in Iran: write it with its country code, as +98 912 345 6789.' } })]);
  });

  it('takes a Freshdesk contact\'s mobile number when the work phone is not one the desk reads, instead of refusing the contact', async () => {
    const { admin, desk, dir } = await open();
    const contacts = join(dir, 'contacts.csv');
    writeFileSync(contacts, 'Contact ID,Full name,Email,Work phone,Mobile phone,Company\n81,Ada Park,ada@example.com,ext. 12,+1 512 555 0177,\n82,Bo Lind,bo@example.com,+1 512 555 0190,+1 512 555 0191,Lind Ltd\n83,Cy Moss,cy@example.com,12,34,\n');
    const r = await admin.call('import.run', { from: 'freshdesk', files: [contacts], rejectsPath: join(dir, 'r.jsonl') });
    // Ada was refused for her work phone, her good mobile number beside it unread.
    expect(desk.db.sqlite.prepare(`select phone from customers where name = 'Ada Park'`).pluck().get()).toBe('+15125550177');
    // Both good: the work phone, as before.
    expect(desk.db.sqlite.prepare(`select phone from contacts where name = 'Bo Lind'`).pluck().get()).toBe('+15125550190');
    // Neither: refused, naming the work phone.
    expect(rejectsOf(r.rejects)).toEqual([expect.objectContaining({ row: 4, reason: expect.stringMatching(/^phone: /) })]);
  });

  it('reads a file\'s numbers without a country code in the country chosen for the file, and suggests it when many rows are refused for local numbers of one country', async () => {
    const { admin, desk, dir } = await open();
    const file = join(dir, 'tehran.csv');
    // A desk in the US: every local Iranian number of the file was refused, and nothing said the desk's own country setting was the only whole-file fix.
    writeFileSync(file, 'Name,Phone\nمریم احمدی,۰۹۱۲ ۳۴۵ ۶۷۸۹\nعلی رضایی,0912 345 6790\nسارا کریمی,09123456791\nAda Park,+1 512 555 0177\n');
    const refused = await admin.call('import.run', { from: 'csv', files: [file], dryRun: true, rejectsPath: join(dir, 'r1.jsonl') });
    expect(refused.rejected).toBe(3);
    // 0912… is a mobile number in Iran and in India alike: both are named, for the admin to choose.
    expect(refused.localNumbers).toEqual({ countries: expect.arrayContaining(['IR', 'IN']), count: 3 });
    const read = await admin.call('import.run', { from: 'csv', files: [file], country: 'ir', rejectsPath: join(dir, 'r2.jsonl') });
    expect(read.rejected).toBe(0);
    expect(read.localNumbers).toBeNull();
    expect(desk.db.sqlite.prepare(`select phone, country from customers where name = 'علی رضایی'`).get()).toEqual({ phone: '+989123456790', country: 'IR' });
    // A number with its own country code is its own, whatever the file's country.
    expect(desk.db.sqlite.prepare(`select phone from customers where name = 'Ada Park'`).pluck().get()).toBe('+15125550177');
    // A country the phone rules do not know is refused before anything is read.
    await expect(admin.call('import.run', { from: 'csv', files: [file], country: 'XX', rejectsPath: join(dir, 'r3.jsonl') })).rejects.toThrow(/two-letter country code/);
  });

  it('says how many Freshdesk contacts had a good mobile number left out beside their work phone, and which rows', async () => {
    const { admin, dir } = await open();
    const contacts = join(dir, 'contacts.csv');
    writeFileSync(contacts, 'Contact ID,Full name,Email,Work phone,Mobile phone,Company\n81,Ada Park,ada@example.com,ext. 12,+1 512 555 0177,\n82,Bo Lind,bo@example.com,+1 512 555 0190,+1 512 555 0191,Lind Ltd\n83,Cy Moss,cy@example.com,+1 512 555 0192,+1 512 555 0192,\n');
    const r = await admin.call('import.run', { from: 'freshdesk', files: [contacts], rejectsPath: join(dir, 'r.jsonl') });
    // Bo's mobile number was dropped without a word; Ada's was the one kept, Cy's is the same number.
    expect(r.mobilesLeft).toEqual({ count: 1, first: [{ file: contacts, row: 3 }] });
  });

  it('brings in a Zendesk user of an organization who has neither email nor phone as a person of it, instead of refusing them', async () => {
    const { admin, desk, dir } = await open();
    const orgs = join(dir, 'organizations.json');
    const users = join(dir, 'users.json');
    writeFileSync(orgs, JSON.stringify({ organizations: [{ id: 1, name: 'Nordwind Logistik GmbH', created_at: '2020-01-01T00:00:00Z', tags: ['enterprise'], organization_fields: {} }] }));
    writeFileSync(users, JSON.stringify({ users: [{ id: 11, name: 'Pat Reception', email: null, phone: null, organization_id: 1, role: 'end-user', active: true, tags: [], user_fields: {} }] }));
    const r = await admin.call('import.run', { from: 'zendesk', files: [orgs, users], rejectsPath: join(dir, 'r.jsonl') });
    expect(r.rejected).toBe(0);
    expect(r.imported.contacts).toBe(1);
    expect(desk.db.sqlite.prepare(`select c.name from contacts p join customers c on c.id = p.customer_id where p.name = 'Pat Reception'`).pluck().get()).toBe('Nordwind Logistik GmbH');
  });

  it('brings in two people who share a phone (a family\'s landline, a switchboard) when the rows have no id or email, and a second run still adds nobody', async () => {
    const { admin, desk, dir } = await open();
    const file = join(dir, 'landline.csv');
    writeFileSync(file, 'Name,Phone\nAda Park,+1 512 555 0177\nBo Park,+1 512 555 0177\nAda Park,+1 512 555 0177\n');
    const first = await admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r1.jsonl') });
    // Bo was counted as "already on the desk" (the row known by its phone alone) and not imported.
    expect(first.imported.customers).toBe(2);
    expect(first.rejected).toBe(0);
    expect(desk.db.sqlite.prepare(`select name from customers order by name`).pluck().all()).toEqual(['Ada Park', 'Bo Park']);
    const again = await admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r2.jsonl') });
    expect(again.imported.customers).toBe(0);
    expect(desk.db.sqlite.prepare(`select count(*) from customers`).pluck().get()).toBe(2);
  });

  it('does not bring back a person an earlier import knew by their phone alone and who was erased since', async () => {
    const { admin, desk, dir } = await open();
    const sql = desk.db.sqlite;
    const file = join(dir, 'landline.csv');
    writeFileSync(file, 'Name,Phone\nAda Park,+1 512 555 0177\n');
    await admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r1.jsonl') });
    const ada = sql.prepare(`select id, name from customers`).get() as { id: string; name: string };
    // As a desk imported before rows were known by phone and name: by the phone alone.
    sql.prepare(`update import_ids set external_id = ? where local_id = ?`).run(importKeys(importSecret(sql))('user', '+1 512 555 0177'), ada.id);
    await admin.call('privacy.erase', { customerId: ada.id, confirmName: ada.name });
    const again = await admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r2.jsonl') });
    expect(again.imported.customers).toBe(0);
    expect(sql.prepare(`select count(*) from customers where erased_at is null`).pluck().get()).toBe(0);
  });

  it('names a rejected CSV row by the row a spreadsheet shows it on, after cells with line breaks and blank lines in a Windows (CRLF) file', async () => {
    const { admin, dir } = await open();
    const file = join(dir, 'centre.csv');
    const lines = [
      'Name,Phone,Email,Notes',
      'Ada Park,+1 512 555 0177,ada@example.com,"first line\r\nsecond line\r\nthird line"',
      'Bad Phone,12,bp@example.com,',
      '',
      'Bo Lind,+1 512 555 0178,bo@example.com,"a\r\nb"',
      'Also Bad,99,ab@example.com,',
    ];
    writeFileSync(file, '\uFEFF' + lines.join('\r\n') + '\r\n');
    const r = await admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r.jsonl') });
    expect(r.imported.customers).toBe(2);
    // Row 1 the header, row 2 Ada (one row however many lines her notes take), row 4 the blank line.
    expect(r.firstRejects.map((x) => x.row)).toEqual([3, 6]);
    expect(rejectsOf(r.rejects).map((x) => x.row)).toEqual([3, 6]);
  });

  it('imports what a page cut short holds before the cut, names the file with where it broke, and goes on with the other files', async () => {
    const { admin, dir } = await open();
    const users = readFileSync(zendesk[2]!, 'utf8');
    const cut = join(dir, 'users-cut.json');
    // The first user record whole, the second cut in the middle (a download that stopped).
    writeFileSync(cut, users.slice(0, users.indexOf('{"id":9002') + 20));
    const r = await admin.call('import.run', { from: 'zendesk', files: [cut, join(FIX, 'zendesk-organizations.json')], rejectsPath: join(dir, 'r.jsonl') });
    // Dana Whitfield, the first user, is a contact of an organisation in the other file.
    expect(r.imported.contacts).toBe(1);
    expect(rejectsOf(r.rejects).filter((x) => x.file === cut)).toEqual([
      expect.objectContaining({ row: null, reason: expect.stringMatching(/^the file cannot be read after row 1 \(.+\); the rows before that point were imported$/) }),
    ]);
    expect(r.firstRejects.filter((x) => x.file === cut)).toEqual([expect.objectContaining({ row: null, key: 'fileCut', params: { row: '1' } })]);
  });

  it('ends a batch after 4 MB of the file, so large bodies do not pile up in memory', async () => {
    const { as, dir } = await open();
    const admin = await as('Desk admin');
    const file = join(dir, 'big-bodies.csv');
    const body = 'The screen flickers. '.repeat(250); // about 5 KB a row: 900 rows are 4.5 MB
    const rows = Array.from({ length: 900 }, (_, i) => `${9000 + i},Flicker ${i},${body},Closed,Low,Email,2024-03-01 09:00:00 +0000,2024-03-02 09:00:00 +0000,Caller ${i},caller${i}@example.com`);
    writeFileSync(file, ['Ticket ID,Subject,Description,Status,Priority,Source,Created time,Closed time,Full name,Email', ...rows].join('\n'));
    const r = await admin.call('import.run', { from: 'freshdesk', files: [file], rejectsPath: join(dir, 'r.jsonl') });
    expect(r.imported.tickets).toBe(900);
    // Fewer than a batch's 1,000 rows, yet more than one batch: a progress report per batch.
    const batches = admin.pushes.filter((p) => p.event === 'import.progress').map((p) => (p.payload as { rows: number }).rows);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.at(-1)).toBe(900);
  });

  it('imports any CSV through a column mapping, validating with the shared rules', async () => {
    const { admin, desk, dir, as } = await open();
    const mapping = { name: 'Customer', phone: 'Tel', email: 'Mail', segment: 'Segment', serviceTag: 'Tag', productLine: 'Line', model: 'Model', shipDate: 'Shipped', warrantyLevel: 'Warranty', warrantyEnd: 'Warranty until' };
    const r = await admin.call('import.run', { from: 'csv', files: [join(FIX, 'plain-customers.csv')], mapping, rejectsPath: join(dir, 'r.jsonl') });
    expect(r.imported).toMatchObject({ customers: 2, assets: 2 });
    expect(rejectsOf(r.rejects)).toEqual([expect.objectContaining({ reason: expect.stringMatching(/^phone: /) })]);
    expect(desk.db.sqlite.prepare(`select kind from customers where name = 'Pinecrest Elementary'`).pluck().get()).toBe('organisation');
    // The import's own account, which holds no ticket, is nobody the board counts as an agent.
    const board = await (await as('Supervisor')).call('supervisor.overview');
    expect(board.agents.map((a) => a.name)).toEqual(['First-line agent']);
  });

  it('refuses a CSV row whose segment the desk does not know, naming it, and a row the rules refuse says what is wrong with each field', async () => {
    const { admin, desk, dir } = await open();
    const file = join(dir, 'customers.csv');
    // A BOM, semicolons and Persian names, as a spreadsheet in Iran saves them.
    writeFileSync(file, '\uFEFFName;Phone;Email;Segment;Country\nسارا احمدی;0912 345 6789;sara@example.ir;home;IR\nAcme Widgets;+1 512 555 0177;ops@acme.example;gizmo;US\nعلی رضایی;12;ali@example.ir;Small Business;IR\n');
    const r = await admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r.jsonl') });
    expect(r.imported.customers).toBe(1);
    expect(r.firstRejects).toEqual([
      expect.objectContaining({ row: 3, key: 'unknownSegment', params: { segment: 'gizmo' }, reason: 'segment "gizmo" is not one of education, government, small_business, large_enterprise, home' }),
      expect.objectContaining({ row: 4, key: 'invalidFields', params: { fields: 'phone', 'issue.phone': expect.stringMatching(/complete phone number for Iran\./) } }),
    ]);
    // Acme was not taken in as a household.
    expect(desk.db.sqlite.prepare(`select count(*) from customers where name = 'Acme Widgets'`).pluck().get()).toBe(0);
  });

  it('imports a row whose dates are written in Persian digits, as its phone and tag may be', async () => {
    const { admin, desk, dir } = await open();
    const file = join(dir, 'persian-dates.csv');
    writeFileSync(file, 'name,phone,country,segment,serviceTag,productLine,model,shipDate,warrantyEnd\nسارا احمدی,۰۹۱۲ ۳۴۵ ۶۷۸۹,IR,home,۷XK۲QF۹,Latitude,Latitude 5440,۲۰۲۴-۰۱-۱۵,۲۰۲۷-۰۱-۱۵\n');
    const r = await admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r.jsonl') });
    expect(r.firstRejects).toEqual([]);
    expect(r.imported).toMatchObject({ customers: 1, assets: 1 });
    expect(desk.db.sqlite.prepare(`select ship_date, warranty_end from assets where service_tag = '7XK2QF9'`).get()).toEqual({ ship_date: Date.UTC(2024, 0, 15), warranty_end: Date.UTC(2027, 0, 15) });
  });

  it('reports every problem of a row in one reject: a bad segment, level, phone and date are all named, so one round of corrections does', async () => {
    const { admin, dir } = await open();
    const file = join(dir, 'many.csv');
    writeFileSync(
      file,
      'name,phone,country,segment,serviceLevel,serviceTag,productLine,model,shipDate,warrantyEnd\n' +
        'Acme Widgets,12,US,gizmo,gold,ACM1234,Latitude,Latitude 5440,2024-13-01,2027-01-15\n' +
        'Bo Lind,+1 512 555 0177,US,gizmo,,,,,,\n',
    );
    const r = await admin.call('import.run', { from: 'csv', files: [file], dryRun: true, rejectsPath: join(dir, 'r.jsonl') });
    expect(r.rejected).toBe(2);
    const [many, one] = r.firstRejects;
    expect(many).toMatchObject({ row: 2, key: 'invalidFields', params: { fields: 'segment, serviceLevel, phone, shipDate' } });
    expect(many!.params!['issue.segment']).toBe('“gizmo” is not a segment the desk knows: write one of education, government, small_business, large_enterprise, home.');
    expect(many!.params!['issue.serviceLevel']).toBe('“gold” is not a service level the desk knows: write one of premier, standard, basic, or leave it empty for the segment’s own.');
    expect(many!.params!['issue.phone']).toMatch(/complete phone number/);
    expect(many!.params!['issue.shipDate']).toMatch(/not a date on the calendar/);
    // The rejects file's reason names each field and what to fix, one line per row as before.
    const lines = rejectsOf(r.rejects);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.reason).toMatch(/^segment: “gizmo” is not a segment .* serviceLevel: “gold” .* phone: .* shipDate: 2024-13-01 is not a date on the calendar\.$/);
    // A row with only its segment wrong is said as before.
    expect(one).toMatchObject({ row: 3, key: 'unknownSegment', params: { segment: 'gizmo' } });
  });

  it('names every problem of a rejected contact or ticket row too, not only its first', async () => {
    const { admin, dir } = await open();
    const users = join(dir, 'users.json');
    writeFileSync(users, JSON.stringify({ users: [{ id: 71, name: 'X', email: 'not-an-email', role: 'end-user', active: true, organization_id: 999 }] }));
    const tickets = join(dir, 'tickets.json');
    writeFileSync(tickets, JSON.stringify({ tickets: [{ id: 81, created_at: 'yesterday', subject: '', description: '', status: 'weird', requester_id: null, tags: [] }] }));
    const z = await admin.call('import.run', { from: 'zendesk', files: [users, tickets], dryRun: true, rejectsPath: join(dir, 'z.jsonl') });
    expect(z.firstRejects.map((r) => [r.key, r.params?.fields])).toEqual([
      ['invalidFields', 'organization_id, name, email'],
      ['invalidFields', 'status, requester_id, created_at, subject'],
    ]);
    const [contact, ticket] = z.firstRejects;
    expect(contact!.params!['issue.organization_id']).toBe('Organization 999 is not among the imported organizations: include the export page that has it.');
    expect(ticket!.params!['issue.status']).toMatch(/^“weird” is not a status/);
    expect(ticket!.params!['issue.created_at']).toBe('“yesterday” is not a date and time.');
    const contacts = join(dir, 'contacts.csv');
    writeFileSync(contacts, 'Contact ID,Full name,Email,Company\n,X,,Acme\n');
    const fdTickets = join(dir, 'tickets.csv');
    writeFileSync(fdTickets, 'Ticket ID,Subject,Description,Status,Priority,Created time,Email,Full name\n9,,,Weird,Low,soon,ann@example.com,Ann Lee\n');
    const f = await admin.call('import.run', { from: 'freshdesk', files: [contacts, fdTickets], dryRun: true, rejectsPath: join(dir, 'f.jsonl') });
    expect(f.firstRejects.map((r) => [r.key, r.params?.fields])).toEqual([
      // Neither email nor phone is no problem of an imported contact's (a person of a company known by name).
      ['invalidFields', 'Contact ID, name'],
      ['invalidFields', 'Status, Created time, Subject'],
    ]);
    // Nothing of a refused ticket row was written, its requester neither.
    expect(f.imported).toMatchObject({ customers: 0, contacts: 0, tickets: 0 });
  });

  it('gives back the rejected rows of its own rejects files only, read as a stream without holding the desk, cut at a cap with a note', async () => {
    const { admin, dir } = await open();
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'name,email\n' + Array.from({ length: 3 }, (_, i) => `X${i},not-an-email-${i}`).join('\n') + '\n');
    const rejects = join(dir, 'r.jsonl');
    const r = await admin.call('import.run', { from: 'csv', files: [file], dryRun: true, rejectsPath: rejects });
    expect(r.rejected).toBe(3);
    const back = await admin.call('import.rejectedRows', { rejects });
    expect(back.rows.map((x) => x.record.name)).toEqual(['X0', 'X1', 'X2']);
    expect(back.cut).toBe(false);
    // Any other .jsonl of the machine is not read, a copy of the same lines included.
    const other = join(dir, 'copy.jsonl');
    writeFileSync(other, readFileSync(rejects));
    await expect(admin.call('import.rejectedRows', { rejects: other })).rejects.toMatchObject({ code: 'invalid_input' });
    // A rejects file past the cap: the rows up to it, said to be cut; the desk answers other calls meanwhile.
    const line = readFileSync(rejects, 'utf8').split('\n')[0]!;
    writeFileSync(rejects, Array.from({ length: REJECTED_ROWS_MAX + 500 }, () => line).join('\n') + '\n');
    let turns = 0;
    const ticking = setInterval(() => turns++, 0);
    const many = await admin.call('import.rejectedRows', { rejects });
    clearInterval(ticking);
    expect(many.rows).toHaveLength(REJECTED_ROWS_MAX);
    expect(many.cut).toBe(true);
    expect(turns).toBeGreaterThan(0);
  });

  it('takes segments and service levels written in Persian, as the Persian window names them', async () => {
    const { admin, desk, dir } = await open();
    const file = join(dir, 'persian-segments.csv');
    writeFileSync(file, 'name,email,segment,serviceLevel\nسارا احمدی,sara@example.ir,خانگی,ممتاز\nدبستان مهر,office@mehr.example,آموزشی,\nکارگاه نور,noor@example.ir,کسب‌وکار کوچک,پایه\n');
    const r = await admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r.jsonl') });
    expect(r.firstRejects).toEqual([]);
    expect(desk.db.sqlite.prepare(`select name, segment, service_level from customers order by name`).all()).toEqual([
      { name: 'دبستان مهر', segment: 'education', service_level: desk.db.sqlite.prepare(`select default_service_level from segments where id = 'education'`).pluck().get() },
      { name: 'سارا احمدی', segment: 'home', service_level: 'premier' },
      { name: 'کارگاه نور', segment: 'small_business', service_level: 'basic' },
    ]);
    const orgs = join(dir, 'organizations.json');
    writeFileSync(orgs, JSON.stringify({ organizations: [{ id: 801, name: 'اداره آب', created_at: '2021-01-01T00:00:00Z', tags: [], organization_fields: { segment: 'دولتی', service_level: 'استاندارد' } }] }));
    const z = await admin.call('import.run', { from: 'zendesk', files: [orgs], rejectsPath: join(dir, 'z.jsonl') });
    expect(z.firstRejects).toEqual([]);
    expect(desk.db.sqlite.prepare(`select segment, service_level from customers where name = 'اداره آب'`).get()).toEqual({ segment: 'government', service_level: 'standard' });
  });

  it('a service tag used twice in one file names the row that took it, not "another customer"', async () => {
    const { admin, dir } = await open();
    const file = join(dir, 'twice.csv');
    const head = 'name,email,segment,serviceTag,productLine,model,shipDate,warrantyEnd\n';
    writeFileSync(file, head + 'Ada Park,ada@example.com,home,ADA1234,Latitude,Latitude 5440,2024-01-15,2027-01-15\nBo Lind,bo@example.com,home,CYM1234,Latitude,Latitude 5440,2024-01-15,2027-01-15\nCy Moss,cy@example.com,home,ada1234,Latitude,Latitude 5440,2024-01-15,2027-01-15\n');
    const other = join(dir, 'other.csv');
    writeFileSync(other, head + 'Di Ross,di@example.com,home,CYM1234,Latitude,Latitude 5440,2024-01-15,2027-01-15\n');
    const r = await admin.call('import.run', { from: 'csv', files: [file, other], dryRun: true, rejectsPath: join(dir, 'r.jsonl') });
    expect(r.firstRejects).toEqual([
      expect.objectContaining({ row: 4, key: 'tagTakenInFile', params: { tag: 'ADA1234', row: '2' }, reason: 'service tag ADA1234 is already on row 2 of this file, for another customer: correct one of the two rows' }),
      expect.objectContaining({ file: other, row: 2, key: 'tagTakenInRun', params: { tag: 'CYM1234', row: '3', file: 'twice.csv' } }),
    ]);
    // One registered before this import is still "another customer's".
    await admin.call('import.run', { from: 'csv', files: [file], rejectsPath: join(dir, 'r2.jsonl') });
    const again = await admin.call('import.run', { from: 'csv', files: [other], rejectsPath: join(dir, 'r3.jsonl') });
    expect(again.firstRejects).toEqual([expect.objectContaining({ key: 'tagTaken', params: { tag: 'CYM1234' } })]);
  });

  it('writes the rejected rows beside the rejects file as a CSV of their own columns and the reason, which imports again once corrected', async () => {
    const { admin, desk, dir } = await open();
    const file = join(dir, 'customers.csv');
    writeFileSync(file, 'Customer,Tel,Mail,Segment\nAda Park,+1 512 555 0177,ada@example.com,home\n"Lind, Bo",12,bo@example.com,gizmo\nCy Moss,+1 512 555 0199,cy@example.com,home\n');
    const mapping = { name: 'Customer', phone: 'Tel', email: 'Mail', segment: 'Segment' };
    const r = await admin.call('import.run', { from: 'csv', files: [file], mapping, rejectsPath: join(dir, 'rejects.jsonl') });
    expect(r.rejected).toBe(1);
    expect(r.rejectedRows).toBe(join(dir, 'rejects.csv'));
    const csv = readFileSync(r.rejectedRows!, 'utf8');
    expect(csv.slice(1).split('\r\n')).toEqual(['Customer,Tel,Mail,Segment,Rejected because', `"Lind, Bo",12,bo@example.com,gizmo,"${rejectsOf(r.rejects)[0]!.reason}"`, '']);
    expect(csv).toMatch(/Rejected because\r\n.*segment: .*phone: /s);
    // Corrected in a spreadsheet, the same file imports again with the same mapping.
    writeFileSync(r.rejectedRows!, csv.replace(',12,', ',+1 512 555 0188,').replace(',gizmo,', ',home,'));
    const again = await admin.call('import.run', { from: 'csv', files: [r.rejectedRows!], mapping, rejectsPath: join(dir, 'again.jsonl') });
    expect(again).toMatchObject({ rejected: 0, rejectedRows: null, imported: { customers: 1 } });
    expect(desk.db.sqlite.prepare(`select phone from customers where name = 'Lind, Bo'`).pluck().get()).toBe('+15125550188');
  });

  it('says to map the column when a CSV row is refused for a field no column was chosen for, and to correct the export only for a value the file has', async () => {
    const { admin, dir } = await open();
    const file = join(dir, 'systems.csv');
    // Model name and Shipped are in the file but were not chosen on the mapping screen; row 3's warranty end is no date.
    writeFileSync(file, 'Name,Email,Segment,Tag,Line,Model name,Shipped,Ends\nAda Park,ada@example.com,home,ADA1234,Latitude,Latitude 5440,2024-01-15,2027-01-15\nBo Lind,bo@example.com,home,BOL1234,Latitude,Latitude 5440,2024-01-15,someday\n');
    const partly = { serviceTag: 'Tag', productLine: 'Line', warrantyEnd: 'Ends' };
    const r = await admin.call('import.run', { from: 'csv', files: [file], mapping: partly, dryRun: true, rejectsPath: join(dir, 'r1.jsonl') });
    expect(r.firstRejects).toEqual([
      expect.objectContaining({ row: 2, key: 'unmappedFields', params: { fields: 'model, shipDate' }, reason: 'no column is mapped to model, shipDate: choose one for each on the mapping screen and import again' }),
      // Its mapped warranty end is bad as well: said with it, as the record form would say it.
      expect.objectContaining({ row: 3, key: 'unmappedFields', params: expect.objectContaining({ fields: 'model, shipDate', invalid: 'warrantyEnd', 'issue.warrantyEnd': expect.any(String) }) }),
    ]);
    // Every column chosen: only the bad value is refused, and that is for the export to correct.
    const whole = await admin.call('import.run', { from: 'csv', files: [file], mapping: { ...partly, model: 'Model name', shipDate: 'Shipped' }, dryRun: true, rejectsPath: join(dir, 'r2.jsonl') });
    expect(whole.firstRejects).toEqual([expect.objectContaining({ row: 3, key: 'invalidFields', params: expect.objectContaining({ fields: 'warrantyEnd' }) })]);
    // A column named as the field itself needs no choosing: a missing value there is the file's.
    const named = join(dir, 'named.csv');
    writeFileSync(named, 'name,email,segment,serviceTag,productLine,model,shipDate,warrantyEnd\nCy Moss,cy@example.com,home,CYM1234,Latitude,,2024-01-15,2027-01-15\n');
    const own = await admin.call('import.run', { from: 'csv', files: [named], dryRun: true, rejectsPath: join(dir, 'r3.jsonl') });
    expect(own.firstRejects).toEqual([expect.objectContaining({ key: 'invalidFields', params: expect.objectContaining({ fields: 'model' }) })]);
  });

  it('refuses a service level the desk does not know, naming it (CSV column and Zendesk field); an empty one takes the segment’s default', async () => {
    const { admin, desk, dir } = await open();
    const file = join(dir, 'levels.csv');
    writeFileSync(file, 'Name,Email,Segment,Service level\nAda Park,ada@example.com,home,Premier\nBo Lind,bo@example.com,home,gold\nCy Moss,cy@example.com,education,\n');
    const r = await admin.call('import.run', { from: 'csv', files: [file], mapping: { serviceLevel: 'Service level' }, rejectsPath: join(dir, 'r.jsonl') });
    expect(r.imported.customers).toBe(2);
    expect(r.firstRejects).toEqual([
      expect.objectContaining({ row: 3, key: 'unknownServiceLevel', params: { serviceLevel: 'gold' }, reason: 'service level "gold" is not one of premier, standard, basic' }),
    ]);
    const sql = desk.db.sqlite;
    expect(sql.prepare(`select count(*) from customers where name = 'Bo Lind'`).pluck().get()).toBe(0);
    expect(sql.prepare(`select service_level from customers where name = 'Ada Park'`).pluck().get()).toBe('premier');
    const educationDefault = sql.prepare(`select default_service_level from segments where id = 'education'`).pluck().get();
    expect(sql.prepare(`select service_level from customers where name = 'Cy Moss'`).pluck().get()).toBe(educationDefault);

    const orgs = join(dir, 'organizations.json');
    const org = (id: number, name: string, fields: Record<string, string>) => ({ id, name, created_at: '2021-01-01T00:00:00Z', tags: [], organization_fields: { segment: 'government', ...fields } });
    writeFileSync(orgs, JSON.stringify({ organizations: [org(701, 'Harbour Council', { service_level: 'Gold plus' }), org(702, 'Lake District', { service_level: 'premier' }), org(703, 'Fen Board', {})] }));
    const z = await admin.call('import.run', { from: 'zendesk', files: [orgs], rejectsPath: join(dir, 'z.jsonl') });
    expect(z.firstRejects).toEqual([expect.objectContaining({ key: 'unknownServiceLevel', params: { serviceLevel: 'Gold plus' } })]);
    expect(sql.prepare(`select name, service_level from customers where name in ('Harbour Council', 'Lake District', 'Fen Board') order by name`).all()).toEqual([
      { name: 'Fen Board', service_level: sql.prepare(`select default_service_level from segments where id = 'government'`).pluck().get() },
      { name: 'Lake District', service_level: 'premier' },
    ]);
  });

  it('refuses a Zendesk or Freshdesk segment field naming no segment, naming it, in a dry run too; an empty one still takes the tags; a Segment column wins over Account tier', async () => {
    const { admin, desk, dir } = await open();
    const sql = desk.db.sqlite;
    const segmentOf = (name: string) => sql.prepare(`select segment from customers where name = ?`).pluck().get(name);
    const orgs = join(dir, 'organizations.json');
    const org = (id: number, name: string, segment: string | undefined, tags: string[]) => ({ id, name, created_at: '2021-01-01T00:00:00Z', tags, organization_fields: segment === undefined ? {} : { segment } });
    writeFileSync(
      orgs,
      JSON.stringify({
        organizations: [
          org(801, 'Mercy Clinic', 'Healthcare', ['enterprise']),
          org(802, 'Lakeside Schools', 'K-12 school', []),
          org(803, 'Orbit Corp', 'Large enterprise', []),
          org(804, 'Civic Hall', '', ['government']),
          org(805, 'Brook College', undefined, ['education']),
        ],
      }),
    );
    const users = join(dir, 'users.json');
    const user = (id: number, name: string, segment: string) => ({ id, name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com`, created_at: '2021-01-01T00:00:00Z', role: 'end-user', active: true, tags: [], organization_id: null, user_fields: { segment } });
    writeFileSync(users, JSON.stringify({ users: [user(9101, 'Pat Doyle', 'Public sector (federal)'), user(9102, 'Sam Reyes', 'home')] }));
    const expected = [
      expect.objectContaining({ file: orgs, key: 'unknownSegment', params: { segment: 'Healthcare' }, reason: 'segment "Healthcare" is not one of education, government, small_business, large_enterprise, home' }),
      expect.objectContaining({ file: users, key: 'unknownSegment', params: { segment: 'Public sector (federal)' } }),
    ];
    // The trial run lists it, as the run does.
    const dry = await admin.call('import.run', { from: 'zendesk', files: [orgs, users], dryRun: true, rejectsPath: join(dir, 'zd.jsonl') });
    expect(dry.firstRejects).toEqual(expected);
    const z = await admin.call('import.run', { from: 'zendesk', files: [orgs, users], rejectsPath: join(dir, 'z.jsonl') });
    expect(z.firstRejects).toEqual(expected);
    expect(z.imported.customers).toBe(5);
    // Mercy Clinic is not taken in as a small business (nor as the enterprise its tag guesses).
    expect(segmentOf('Mercy Clinic')).toBeUndefined();
    expect(segmentOf('Pat Doyle')).toBeUndefined();
    expect([segmentOf('Lakeside Schools'), segmentOf('Orbit Corp'), segmentOf('Civic Hall'), segmentOf('Brook College'), segmentOf('Sam Reyes')]).toEqual(['education', 'large_enterprise', 'government', 'education', 'home']);

    const companies = join(dir, 'companies.csv');
    writeFileSync(
      companies,
      [
        'Company ID,Name,Description,Domains,Segment,Industry,Account tier,Created at',
        '71,Hillside Clinic,,hillside.example,Healthcare,,Premium,2022-01-01 09:00:00 +0000',
        '72,Harbour Council,,harbour.example,Government,,Enterprise,2022-01-01 09:00:00 +0000',
        '73,Nordic Freight,,nordic.example,,,Enterprise,2022-01-01 09:00:00 +0000',
        '74,Bright Start,,brightstart.example,,Education,Enterprise,2022-01-01 09:00:00 +0000',
        '75,Corner Bakery,,bakery.example,small-business,,,2022-01-01 09:00:00 +0000',
        '76,Summit Labs,,summit.example,Small business,,Premium,2022-01-01 09:00:00 +0000',
      ].join('\n'),
    );
    const f = await admin.call('import.run', { from: 'freshdesk', files: [companies], rejectsPath: join(dir, 'f.jsonl') });
    expect(f.firstRejects).toEqual([expect.objectContaining({ row: 2, key: 'unknownSegment', params: { segment: 'Healthcare' } })]);
    expect(f.imported.customers).toBe(5);
    expect(segmentOf('Hillside Clinic')).toBeUndefined();
    // Freshdesk's "Premium" plan is the premier level (it is no segment).
    expect(sql.prepare(`select segment || '/' || service_level from customers where name = 'Summit Labs'`).pluck().get()).toBe('small_business/premier');
    // The Segment column wins over Account tier; with no Segment, Industry before it; alone, "Enterprise" hints large enterprise.
    expect([segmentOf('Harbour Council'), segmentOf('Bright Start'), segmentOf('Nordic Freight'), segmentOf('Corner Bakery')]).toEqual(['government', 'education', 'large_enterprise', 'small_business']);
  });

  it('links a row to the customer already on the desk (same name, same email or phone) instead of doubling them, and says so; a second run doubles nothing', async () => {
    const { admin, desk, dir } = await open();
    const { customerId } = await admin.call('customers.create', { customer: { kind: 'person', name: 'Maria Gonzalez', segment: 'home', serviceLevel: 'basic', phone: '', email: 'maria@example.com' }, asset: null });
    const file = join(dir, 'crm.csv');
    writeFileSync(file, 'Name,Phone,Email,Segment,Tag,Line,Model,Shipped,Warranty until\nmaria gonzalez,,MARIA@example.com,home,MGZ1234,Inspiron,Inspiron 16,2024-06-01,2027-06-01\nMaria Gonzalez,,other.maria@example.com,home,,,,,\n');
    const mapping = { serviceTag: 'Tag', productLine: 'Line', model: 'Model', shipDate: 'Shipped', warrantyEnd: 'Warranty until' };
    const first = await admin.call('import.run', { from: 'csv', files: [file], mapping, rejectsPath: join(dir, 'r1.jsonl') });
    // The first row is her: her system joins her record; the second, another email, is another Maria.
    expect(first).toMatchObject({ imported: { customers: 1, assets: 1 }, existing: 1, rejected: 0 });
    const sql = desk.db.sqlite;
    expect(sql.prepare(`select count(*) from customers where email = 'maria@example.com'`).pluck().get()).toBe(1);
    expect(sql.prepare(`select customer_id from assets where service_tag = 'MGZ1234'`).pluck().get()).toBe(customerId);
    const again = await admin.call('import.run', { from: 'csv', files: [file], mapping, rejectsPath: join(dir, 'r2.jsonl') });
    expect(again).toMatchObject({ imported: { customers: 0, assets: 0 }, existing: 2, rejected: 0 });
    expect(sql.prepare(`select count(*) from customers where name = 'Maria Gonzalez'`).pluck().get()).toBe(2);
  });

  it('lists the companies a contact or ticket named that the companies file lacks, with the segment and level assumed for them, once each, in a trial run and a run', async () => {
    const { admin, desk, dir } = await open();
    const files = ['freshdesk-assumed-tickets.csv', 'freshdesk-assumed-contacts.csv', 'freshdesk-assumed-companies.csv'].map((f) => join(FIX, f));
    const contacts = join(FIX, 'freshdesk-assumed-contacts.csv');
    const tickets = join(FIX, 'freshdesk-assumed-tickets.csv');
    // Lakeside: two contacts and a ticket name it, listed once at the first; Pine Ridge: two tickets;
    // Harbour Council is in the companies file; Ghost Ltd's only contact was refused, so nothing of it stays.
    const expected = {
      count: 2,
      first: [
        { name: 'Lakeside Unified School District', segment: 'small_business', serviceLevel: 'standard', file: contacts, row: 2 },
        { name: 'Pine Ridge Library', segment: 'small_business', serviceLevel: 'standard', file: tickets, row: 3 },
      ],
    };
    const dry = await admin.call('import.run', { from: 'freshdesk', files, dryRun: true, rejectsPath: join(dir, 'dry.jsonl') });
    expect(dry.assumed).toEqual(expected);
    expect(dry.firstRejects).toEqual([expect.objectContaining({ file: contacts, row: 5 })]);
    const r = await admin.call('import.run', { from: 'freshdesk', files, rejectsPath: join(dir, 'r.jsonl') });
    // The rows still come in as before.
    expect(r.imported).toMatchObject({ customers: 3, contacts: 3, tickets: 4 });
    const sql = desk.db.sqlite;
    // After the import each names the record created for it, so the import screen can open it
    // (a trial run creates nothing: none has one above).
    const idOf = (name: string) => sql.prepare(`select id from customers where name = ?`).pluck().get(name) as string;
    const created = { ...expected, first: expected.first.map((a) => ({ ...a, customerId: idOf(a.name) })) };
    expect(created.first.map((a) => a.customerId)).toEqual([expect.any(String), expect.any(String)]);
    expect(r.assumed).toEqual(created);
    // The API's schema keeps it (the command line and the screen read the summary through it).
    expect(importSummarySchema.parse(r).assumed).toEqual(created);
    expect(sql.prepare(`select segment || '/' || service_level from customers where name = 'Lakeside Unified School District'`).pluck().get()).toBe('small_business/standard');
    expect(sql.prepare(`select count(*) from customers where name = 'Ghost Ltd'`).pluck().get()).toBe(0);
    // A second run creates nothing, so assumes nothing.
    const again = await admin.call('import.run', { from: 'freshdesk', files, rejectsPath: join(dir, 'r2.jsonl') });
    expect(again.assumed).toEqual({ count: 0, first: [] });
  });

  it('says why a file listed for the import cannot be used, as its check does: a path with no file, or an export of another desk than the one chosen', async () => {
    const { admin, dir } = await open();
    const missing = join(dir, 'exports', 'contacts.csv');
    const r = await admin.call('import.run', { from: 'freshdesk', files: [missing, zendesk[2]!], dryRun: true, rejectsPath: join(dir, 'r.jsonl') });
    // The screen said "not one of the export's pages or CSVs" of both: a mistyped path, and a Zendesk page with Freshdesk chosen.
    expect(r.firstRejects).toEqual([
      expect.objectContaining({ file: missing, row: null, key: 'fileUnreadable', params: { problem: 'unreadable', file: missing, error: 'ENOENT' } }),
      expect.objectContaining({ file: zendesk[2], row: null, key: 'fileUnreadable', params: { problem: 'jsonNotZendesk', file: zendesk[2] } }),
    ]);
  });

  it('only an admin may import', async () => {
    const { as } = await open();
    const agent = await as('First-line agent');
    const r = await agent.raw('import.run', { from: 'csv', files: ['x.csv'] });
    expect(!r.ok && r.error.code).toBe('forbidden');
  });
});
