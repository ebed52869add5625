import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TestClock, testDesk } from '../testing/deskHarness';
import { rejectedRowsPath } from './importer';
import { namesPerson, REJECTS_KEPT_DAYS } from './rejectsFiles';

// An import's rejects files in the desk's folder hold the old desk's rows as they were: names,
// emails, phones. They follow the desk's privacy rules: an erasure takes its person out of them
// (here, and on a desk the erasure reaches through the hub), and they go after REJECTS_KEPT_DAYS.

let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((c) => c());
  cleanup = [];
});

const deskIn = async (clock?: TestClock) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tagdesk-rejects-'));
  const t = await testDesk({ demo: false, dataDir, ...(clock ? { clock } : {}) });
  cleanup.push(() => t.desk.close(), () => rmSync(dataDir, { recursive: true, force: true }));
  return { ...t, dataDir };
};

describe("an import's rejects files", () => {
  it("lose an erased person's rows, and the CSV of rejected rows made from them, keeping everyone else's", async () => {
    const { as, desk, dataDir } = await deskIn();
    await (await as(null)).call('desk.initialize', { mode: 'empty' });
    const admin = await as('Desk admin');
    const file = join(dataDir, 'old-desk.csv');
    writeFileSync(
      file,
      'Name,Email,Phone,Segment,Tag,Line,Model,Shipped,Warranty until\n' +
        'Hans Müller,hans@example.de,+49 30 1234567,home,HMU1234,Latitude,Latitude 5440,2024-06-01,2027-06-01\n' +
        // Refused (no such segment): his details as the old desk had them, kept for fixing.
        'Hans Müller,h.mueller@old-mail.example,+49 30 1234567,spaceship,,,,,\n' +
        // …and a row that names him only by his system's tag (a name spelled otherwise, another email).
        'H. Mueller,hm@firma.example,,spaceship,HMU-1234,Latitude,Latitude 5440,2024-06-01,2027-06-01\n' +
        'Ada Park,ada@example.com,,spaceship,,,,,\n',
    );
    const mapping = { serviceTag: 'Tag', productLine: 'Line', model: 'Model', shipDate: 'Shipped', warrantyEnd: 'Warranty until' };
    const run = await admin.call('import.run', { from: 'csv', files: [file], mapping });
    expect(run.rejected).toBe(3);
    expect(run.rejects.startsWith(join(dataDir, 'imports'))).toBe(true);
    const csv = rejectedRowsPath(run.rejects);
    expect(readFileSync(run.rejects, 'utf8')).toContain('h.mueller@old-mail.example');
    expect(readFileSync(csv, 'utf8')).toContain('h.mueller@old-mail.example');

    const hans = desk.db.sqlite.prepare(`select id from customers where email = 'hans@example.de'`).pluck().get() as string;
    await admin.call('privacy.erase', { customerId: hans, confirmName: 'Hans Müller' });
    // Erased, his row was still in the desk's folder, to be read by anyone who opened it.
    await vi.waitFor(() => expect(readFileSync(run.rejects, 'utf8')).not.toMatch(/müller|1234567/i), { timeout: 5_000 });
    expect(readFileSync(run.rejects, 'utf8')).toContain('ada@example.com');
    expect(readFileSync(csv, 'utf8')).not.toMatch(/müller|1234567/i);
    // The row that named only his service tag went too.
    expect(readFileSync(run.rejects, 'utf8')).not.toMatch(/HMU-?1234|firma/i);
    expect(readFileSync(csv, 'utf8')).not.toMatch(/HMU-?1234|firma/i);
    expect(readFileSync(csv, 'utf8')).toContain('ada@example.com');
    // The screen's download reads the same file: Ada's row is all there is to fix.
    const rows = await admin.call('import.rejectedRows', { rejects: run.rejects });
    expect(rows.rows.map((r) => r.record.Name)).toEqual(['Ada Park']);
  });

  it(`are deleted ${REJECTS_KEPT_DAYS} days after their import, with what was made from them`, async () => {
    const now = Date.now();
    const dataDir = mkdtempSync(join(tmpdir(), 'tagdesk-rejects-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const imports = join(dataDir, 'imports');
    mkdirSync(imports);
    const old = ['rejects-2026-10-01T09-00-00-000Z.jsonl', 'rejects-2026-10-01T09-00-00-000Z.csv', 'rejects-2026-10-01T09-00-00-000Z-tickets.json'].map((f) => join(imports, f));
    const recent = ['rejects-2026-11-30T09-00-00-000Z.jsonl', 'rejects-2026-11-30T09-00-00-000Z.csv'].map((f) => join(imports, f));
    for (const f of [...old, ...recent]) writeFileSync(f, '{}\n');
    const aged = new Date(now - (REJECTS_KEPT_DAYS + 1) * 86_400_000);
    for (const f of old) utimesSync(f, aged, aged);
    const young = new Date(now - (REJECTS_KEPT_DAYS - 1) * 86_400_000);
    for (const f of recent) utimesSync(f, young, young);
    // Another file of the admin's in the folder is not the desk's to delete.
    const theirs = join(imports, 'notes.txt');
    writeFileSync(theirs, 'mine');
    utimesSync(theirs, aged, aged);

    // What a scrub stopped by a crash left half made goes at once.
    const half = join(imports, 'rejects-2026-11-30T09-00-00-000Z.jsonl.scrub.csv');
    writeFileSync(half, 'name\nHans Müller\n');

    const t = await testDesk({ demo: false, dataDir, clock: new TestClock(now) });
    t.desk.close();
    expect(old.filter(existsSync)).toEqual([]);
    expect(recent.filter(existsSync)).toEqual(recent);
    expect(existsSync(theirs)).toBe(true);
    expect(existsSync(half)).toBe(false);
  });
});

describe('namesPerson', () => {
  const who = { names: ['Hans Müller'], emails: ['hans@example.de'], phones: ['+49301234567'], serviceTags: ['HMU1234'] };
  it('finds the person by a name written as theirs, an email in any case or inside a longer value, a phone in any form', () => {
    expect(namesPerson({ name: ' hans  müller ' }, who)).toBe(true);
    expect(namesPerson({ email: 'Hans Müller <HANS@Example.DE>' }, who)).toBe(true);
    expect(namesPerson({ phone: '030 / 123 45 67' }, who)).toBe(true);
    expect(namesPerson({ requester: { contact: { phone: '+49 (30) 1234567' } } }, who)).toBe(true);
  });
  it('finds the person by a service tag of theirs, as typed (any case, dashes, spaces) or inside a longer value', () => {
    expect(namesPerson({ name: 'H. Mueller', tag: 'hmu-1234' }, who)).toBe(true);
    expect(namesPerson({ tag: 'HMU 1234' }, who)).toBe(true);
    expect(namesPerson({ subject: 'Fan noise on HMU1234, again' }, who)).toBe(true);
    expect(namesPerson({ tag: 'XHMU1234' }, who)).toBe(false);
    expect(namesPerson({ tag: 'HMU12345' }, who)).toBe(false);
  });
  it('leaves rows of other people: a name that only contains theirs, another number ending alike in fewer digits', () => {
    expect(namesPerson({ name: 'Hans Müller GmbH', email: 'info@mueller.example' }, who)).toBe(false);
    expect(namesPerson({ phone: '4567', ticket: 1234567 }, who)).toBe(false);
  });
});
