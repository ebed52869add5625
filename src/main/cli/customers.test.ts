import BetterSqlite3 from 'better-sqlite3';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagdesk as run } from '../core/testing/processes';

// `tagdesk duplicates` and `tagdesk import` as a user runs them: a separate process.

const FIX = join(process.cwd(), 'src', 'main', 'core', 'import', 'fixtures');

const tagdesk = (...args: string[]) => run(args);

let root: string;
let dataDir: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tagdesk-cli-customers-'));
  dataDir = join(root, 'desk');
  expect((await tagdesk('seed', '--data', dataDir, '--customers', '200')).status).toBe(0);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('tagdesk import', () => {
  it('prints the summary in the documented JSON shape, and a second run imports nothing', async () => {
    const files = ['zendesk-users.json', 'zendesk-tickets.json', 'zendesk-organizations.json', 'zendesk-ticket-events.json'].map((f) => join(FIX, f));
    const first = await tagdesk('import', '--from', 'zendesk', ...files, '--data', dataDir, '--json');
    expect(first.status).toBe(0);
    const summary = JSON.parse(first.stdout) as { imported: Record<string, number>; rejected: number; rejects: string; assumed: unknown; rejectedRows: string | null; rejectedPages: string[] };
    expect(Object.keys(summary)).toEqual(['imported', 'rejected', 'rejects', 'assumed', 'rejectedRows', 'rejectedPages', 'localNumbers', 'mobilesLeft', 'suspended']);
    // Zendesk's rejected records come back as pages of their kind to correct (the text output
    // and the screen name them): no CSV of rows.
    expect(summary.rejectedRows).toBeNull();
    expect(summary.rejected).toBeGreaterThan(0);
    expect(summary.rejectedPages.length).toBeGreaterThan(0);
    for (const page of summary.rejectedPages) expect(readFileSync(page, 'utf8')).toContain('tagdesk_rejected_because');
    expect(Object.keys(summary.imported)).toEqual(['customers', 'contacts', 'assets', 'tickets', 'events']);
    // Zendesk assumes nothing: a user or ticket naming an organization not imported is rejected.
    expect(summary.assumed).toEqual({ count: 0, first: [] });
    expect(summary.imported.tickets).toBe(5);
    expect(readFileSync(summary.rejects, 'utf8').trim().split('\n')).toHaveLength(summary.rejected);
    const second = JSON.parse((await tagdesk('import', '--from', 'zendesk', ...files, '--data', dataDir, '--json')).stdout) as typeof summary;
    expect(second.imported).toEqual({ customers: 0, contacts: 0, assets: 0, tickets: 0, events: 0 });
  }, 60_000);

  it('says which companies it would create with an assumed segment, because the companies file lacks them', async () => {
    const files = ['freshdesk-assumed-tickets.csv', 'freshdesk-assumed-contacts.csv', 'freshdesk-assumed-companies.csv'].map((f) => join(FIX, f));
    const r = await tagdesk('import', '--from', 'freshdesk', ...files, '--dry-run', '--data', dataDir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '2 companies are named by contacts or tickets but are not in the companies file. They would be created as small business, service level standard: Lakeside Unified School District, Pine Ridge Library. Add them to the companies file with a Segment column',
    );
    // And to a script, in the summary's shape: each company with the segment and level assumed and the row that first named it.
    const json = await tagdesk('import', '--from', 'freshdesk', ...files, '--dry-run', '--data', dataDir, '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      assumed: {
        count: 2,
        first: [
          { name: 'Lakeside Unified School District', segment: 'small_business', serviceLevel: 'standard', file: files[1], row: 2 },
          { name: 'Pine Ridge Library', segment: 'small_business', serviceLevel: 'standard', file: files[0], row: 3 },
        ],
      },
    });
  }, 60_000);

  it('writes the rejected rows of a CSV beside the rejects file, as a CSV to correct and import again, and names it', async () => {
    const file = join(root, 'customers.csv');
    writeFileSync(file, 'Customer,Tel,Segment\nBad Phone Person,12,home\n');
    const rejects = join(root, 'rejects-cli.jsonl');
    const r = await tagdesk('import', '--from', 'csv', file, '--map', 'name=Customer,phone=Tel,segment=Segment', '--rejects', rejects, '--dry-run', '--data', dataDir);
    expect(r.status).toBe(0);
    const csvPath = join(root, 'rejects-cli.csv');
    expect(r.stdout).toContain(`The rejected rows, to correct in a spreadsheet and import again: ${csvPath}`);
    expect(readFileSync(csvPath, 'utf8').slice(1).split('\r\n')[0]).toBe('Customer,Tel,Segment,Rejected because');
    // And to a script: --json names the same CSV (rejectedRows), and no Zendesk pages.
    const json = await tagdesk('import', '--from', 'csv', file, '--map', 'name=Customer,phone=Tel,segment=Segment', '--rejects', rejects, '--dry-run', '--data', dataDir, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ rejected: 1, rejects, rejectedRows: csvPath, rejectedPages: [] });
  }, 60_000);

  it('refuses a wrong command line with exit code 2 and says what is missing', async () => {
    const r = await tagdesk('import', join(FIX, 'freshdesk-tickets.csv'), '--data', dataDir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--from zendesk/);
  });

  it('stops with exit code 3 when none of the files can be used, and says so', async () => {
    const r = await tagdesk('import', '--from', 'zendesk', join(root, 'no-such-export.json'), '--data', dataDir);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/no-such-export\.json is not imported/);
    expect(r.stderr).toMatch(/None of the files could be imported/);
  });

  it('asks for --map when a CSV has no column a customer is known by, before importing anything', async () => {
    const csv = join(root, 'callers.csv');
    writeFileSync(csv, 'Customer,Tel,Mail\nAna Lucía Pérez,+34 91 123 45 67,ana@example.es\n');
    const r = await tagdesk('import', '--from', 'csv', csv, '--data', dataDir, '--json');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/has no column Tagdesk knows a customer by .* Its columns: Customer, Tel, Mail\. Say which is which with --map/);
    const mapped = await tagdesk('import', '--from', 'csv', csv, '--map', 'name=Customer,phone=Tel,email=Mail', '--data', dataDir, '--json');
    expect(JSON.parse(mapped.stdout)).toMatchObject({ imported: { customers: 1 }, rejected: 0 });
  }, 60_000);
});

describe('tagdesk duplicates', () => {
  it('lists likely duplicate pairs with a score and the reasons', async () => {
    const r = await tagdesk('duplicates', '--data', dataDir, '--json');
    expect(r.status).toBe(0);
    const pairs = JSON.parse(r.stdout) as { a: { id: string }; b: { id: string }; score: number; reasons: string[] }[];
    for (const p of pairs) {
      expect(p.a.id < p.b.id).toBe(true);
      expect(p.score).toBeGreaterThan(0);
      expect(p.reasons.length).toBeGreaterThan(0);
    }
    const scores = pairs.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  }, 60_000);
});

describe('on a desk joined to a hub', () => {
  it('stats, lookup and duplicates read it without a hub sign-in, as on a desk alone', async () => {
    const joined = join(root, 'joined');
    cpSync(dataDir, joined, { recursive: true });
    const db = new BetterSqlite3(join(joined, 'tagdesk.sqlite'));
    db.prepare('INSERT INTO hub_link (id, url, desk_id, desk_key, joined_at) VALUES (1, ?, ?, ?, ?)').run('http://127.0.0.1:9', 'desk-joined', 'key', Date.now());
    db.close();
    const alone = JSON.parse((await tagdesk('stats', '--json', '--data', dataDir)).stdout) as { customers: number };
    const stats = await tagdesk('stats', '--json', '--data', joined);
    expect(stats.status).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ customers: alone.customers });
    expect((await tagdesk('duplicates', '--json', '--data', joined)).status).toBe(0);
    const lookup = await tagdesk('lookup', 'nobody-at-all@nowhere.invalid', '--data', joined);
    expect(lookup.stderr).not.toMatch(/joined to a hub/);
    expect(lookup.status).toBe(1);
  }, 60_000);
});
