import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerView, LookupResult } from '../../shared/api';
import { defaultDataDir, resolveDataDir } from '../core/dataDir';
import { openDesk } from '../core/desk';
import { BIN, childEnv, tagdesk as run } from '../core/testing/processes';

// The CLI as a user runs it: a separate process, its exit code, stdout and stderr.

let root: string;
let dataDir: string;

const tagdesk = (...args: string[]) => run(args);

/**
 * A service tag that exists in the seeded desk, found through the API as an admin would; with
 * `wanted`, one whose customer's view (as the lookup shows it) is as wanted.
 */
async function someServiceTag(dir: string, wanted?: (view: CustomerView) => boolean): Promise<string> {
  const desk = await openDesk({ dataDir: dir });
  const connection = desk.connect(() => {});
  try {
    const users = await connection.call('session.users', {});
    if (!users.ok) throw new Error(users.error.message);
    const admin = (users.result as { id: string; role: string }[]).find((u) => u.role === 'admin');
    if (!admin) throw new Error('no admin in the seeded desk');
    await connection.call('session.signIn', { userId: admin.id });
    for (const segment of ['home', 'small_business', 'education', 'government', 'large_enterprise']) {
      const page = await connection.call('queues.tickets', { segment, tier: 1, limit: 50 });
      if (!page.ok) throw new Error(page.error.message);
      for (const { serviceTag } of (page.result as { rows: { serviceTag: string | null }[] }).rows) {
        if (!serviceTag) continue;
        if (!wanted) return serviceTag;
        const found = await connection.call('lookup.search', { query: serviceTag });
        const result = found.ok ? (found.result as LookupResult) : null;
        if (result?.kind === 'match' && wanted(result.view)) return serviceTag;
      }
    }
    throw new Error('no ticket with a service tag in the seeded desk');
  } finally {
    connection.close();
    desk.close();
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tagdesk-cli-'));
  dataDir = join(root, 'desk');
  const seeded = await tagdesk('seed', '--data', dataDir, '--seed', '7', '--customers', '40');
  expect(seeded.stderr).toBe('');
  expect(seeded.status).toBe(0);
  expect(seeded.stdout).toMatch(/Seeded .*: 40 customers, \d+ tickets\./);
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

// Each test starts its own processes and only reads the desk, so they may run side by side.
describe.concurrent('tagdesk', { timeout: 60_000 }, () => {
  // "1 past tickets": the counts in a customer's view said their plural whatever the number.
  it('says one past ticket, interaction or system in the singular', async () => {
    const tag = await someServiceTag(dataDir, (view) => view.pastTickets.length === 1);
    const r = await tagdesk('lookup', tag, '--data', dataDir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^1 past ticket, \d+ interactions? on record$/m);
    expect(r.stdout).not.toMatch(/\b1 (past tickets|interactions|days left)\b/);
  });

  it('prints stats of a freshly seeded desk, for people and as JSON', async () => {
    const human = await tagdesk('stats', '--data', dataDir);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/Customers\s+40\n/);
    expect(human.stdout).toMatch(/Tickets\s+\d+\n/);

    const json = await tagdesk('stats', '--data', dataDir, '--json');
    expect(json.status).toBe(0);
    const parsed = JSON.parse(json.stdout) as { customers: number; tickets: number; dataDir: string; queues: unknown[] };
    expect(parsed).toMatchObject({ customers: 40, dataDir });
    expect(parsed.tickets).toBeGreaterThan(0);
    expect(parsed.queues.length).toBeGreaterThan(0);
  });

  it('looks a customer up by service tag as JSON', async () => {
    const tag = await someServiceTag(dataDir);
    const found = await tagdesk('lookup', tag.toLowerCase(), '--json', '--data', dataDir);
    expect(found.stderr).toBe('');
    expect(found.status).toBe(0);
    const result = JSON.parse(found.stdout) as { kind: string; matchedBy: string; view: { assets: { serviceTag: string }[] } };
    expect(result).toMatchObject({ kind: 'match', matchedBy: 'tag' });
    expect(result.view.assets.map((a) => a.serviceTag)).toContain(tag);

    const human = await tagdesk('lookup', tag, '--data', dataDir);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain(tag);

    // 7XK2QF1 typed with the letter I for the one: the system it looks like, saying what was typed.
    const lookalike = await tagdesk('lookup', '7XK2QFI', '--data', dataDir);
    expect(lookalike.status).toBe(0);
    expect(lookalike.stdout).toContain('service tag 7XK2QF1');
    expect(lookalike.stdout).toContain('you typed 7XK2QFI');
  });

  it('fails a malformed lookup with the reason on stderr', async () => {
    const tooLong = await tagdesk('lookup', 'x'.repeat(300), '--data', dataDir);
    // A wrong command line, said in words (not the schema's "Too big: expected string…").
    expect(tooLong.status).toBe(2);
    expect(tooLong.stdout).toBe('');
    expect(tooLong.stderr).toContain('What to look for is 300 characters long; a tag, code, phone, email or name is at most 200 characters.');
    expect(tooLong.stderr).not.toMatch(/\n\s+at /);

    const nothing = await tagdesk('lookup', '--data', dataDir);
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toContain('lookup needs something to look for');
  });

  it('lists several candidates with what tells them apart: phone as written, email, systems, last contact', async () => {
    const found = await tagdesk('lookup', 'Jordan', '--data', dataDir);
    expect(found.status).toBe(0);
    expect(found.stdout).toMatch(/^2 possible customers:\n/);
    expect(found.stdout).toMatch(/ {2}Jordan Lee {2}\(home\) {2}name: \+1 303 555 0100 · jordan\.lee@example\.com\n {6}\d+ systems · last contact (\d{4}-\d{2}-\d{2}|never)\n/);
    expect(found.stdout).toMatch(/ {2}Jordan Patel {2}\(home\) {2}name: \+1 303 555 0101 · jordan\.patel@example\.com\n {6}\d+ systems · last contact/);
    expect(found.stdout).not.toMatch(/\+1303/);
  });

  it('says which typed words a name matched, and where, for people and in --json (other fields as they were)', async () => {
    const [found, one, json] = await Promise.all([tagdesk('lookup', 'jor', '--data', dataDir), tagdesk('lookup', 'lee', 'jordan', '--data', dataDir), tagdesk('lookup', 'jor', '--json', '--data', dataDir)]);
    expect(found.status).toBe(0);
    expect(found.stdout).toMatch(/ {2}Jordan Patel {2}\(home\) {2}name: .*\n {6}\d+ systems · last contact .*\n {6}matched: "jor" in the name \(\[Jor\]dan\)\n/);
    // One customer found by name: the 360° view says it under its first line.
    expect(one.stdout).toMatch(/^Jordan Lee {2}\(home, \w+\) {2}matched by name\n {2}matched "lee" in the name \(\[Lee\]\), "jordan" in the name \(\[Jordan\]\)\n {2}email {3}jordan\.lee@example\.com\n/);
    const result = JSON.parse(json.stdout) as { kind: string; candidates: { customerName: string; matchedBy: string; detail: string; matchedWords?: unknown }[] };
    const patel = result.candidates.find((c) => c.customerName === 'Jordan Patel');
    expect(patel).toMatchObject({ matchedBy: 'name', detail: '+13035550101 · jordan.patel@example.com' });
    expect(patel?.matchedWords).toEqual([{ word: 'jor', field: 'name', in: 'Jordan', matched: 'Jor', start: 0, end: 3 }]);
  });

  it('says what it looked for when nothing matches, a phone as the app writes it, and exits 1', async () => {
    const [none, phone] = await Promise.all([tagdesk('lookup', 'qqqq-nobody-zzzz@nowhere.invalid', '--data', dataDir), tagdesk('lookup', '(415) 555-0177', '--data', dataDir)]);
    expect(none.status).toBe(1);
    expect(none.stderr.trim()).toBe('Nothing found for email qqqq-nobody-zzzz@nowhere.invalid.');
    // Ten digits are looked up as an Express Service Code and as a phone: both said, the phone grouped.
    expect(phone.status).toBe(1);
    expect(phone.stderr.trim()).toBe('Nothing found for Express Service Code 4155550177 or phone +1 415 555 0177.');
  });

  it('refuses to read a folder that holds no desk, without creating one', async () => {
    const missing = join(root, 'no-desk-here');
    const result = await tagdesk('stats', '--data', missing);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('There is no desk in');
    expect(existsSync(missing)).toBe(false);
  });

  it("prints the usage on stdout and exits 0 for a command's --help or -h, in English and Persian", async () => {
    const [lookup, stats, kb, persian] = await Promise.all([tagdesk('lookup', '--help'), tagdesk('stats', '-h', '--data', dataDir), tagdesk('kb', 'eval', '--help'), tagdesk('backup', '--help', '--lang', 'fa')]);
    for (const r of [lookup, stats, kb]) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Usage: tagdesk <command> \[options\]\n/);
    }
    expect(persian.status).toBe(0);
    expect(persian.stdout).toMatch(/^روش کار: tagdesk/);
    // After --, it is what to look for, not a flag.
    const query = await tagdesk('lookup', '--data', dataDir, '--', '--help');
    expect(query.stdout).not.toContain('Usage:');
  });

  it('prints usage for an unknown command and exits 2', async () => {
    const result = await tagdesk('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
    expect(result.stderr).toContain('Usage: tagdesk');
  });
});

// Which folder the CLI (and the browser shell) opens when told nothing, or something.
describe('the data folder', () => {
  it('is the per-user application-data folder of each OS', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.local/share/tagdesk');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/data/ana' }, '/home/ana')).toBe('/data/ana/tagdesk');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'relative/ignored' }, '/home/ana')).toBe('/home/ana/.local/share/tagdesk');
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/Tagdesk');
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toMatch(/Roaming[\\/]Tagdesk$/);
  });

  it('comes from --data, else TAGDESK_DATA, else the default', () => {
    expect(resolveDataDir(['--data', '/srv/desk'], { TAGDESK_DATA: '/env/desk' })).toBe('/srv/desk');
    expect(resolveDataDir(['--data=/srv/desk'], { TAGDESK_DATA: '/env/desk' })).toBe('/srv/desk');
    expect(resolveDataDir([], { TAGDESK_DATA: '/env/desk' })).toBe('/env/desk');
    expect(resolveDataDir(['--data', 'rel'], {})).toBe(join(process.cwd(), 'rel'));
    expect(resolveDataDir([], {})).toBe(defaultDataDir(process.platform, {}));
    expect(() => resolveDataDir(['--data'], {})).toThrow('--data needs a folder');
  });
});

// `tagdesk migrate` stopped midway (Ctrl+C, a kill): before, the bar's line was left unfinished
// and nothing said the upgrade would resume, though every batch commits and it does. On a desk
// written before the compact file (the fixture compact.test upgrades), in batches of 20 rows.
describe('tagdesk migrate stopped midway', () => {
  const FIXTURE = join(import.meta.dirname, '..', 'core', 'db', 'fixtures', 'desk-0013.sqlite.gz');
  const oldDesk = (name: string) => {
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'tagdesk.sqlite'), gunzipSync(readFileSync(FIXTURE)));
    return dir;
  };
  const env = (lang: string) => childEnv({ TAGDESK_COMPACT_BATCH_ROWS: '20', TAGDESK_COMPACT_BATCH_DELAY_MS: '15', TAGDESK_LANG: lang });
  /** Node itself with tsx's loader (bin/tagdesk.mjs), so the signal reaches the process that writes. */
  const stopWhen = (command: string, args: string[], lang: string, converting: RegExp, stop: (child: ReturnType<typeof spawn>) => void) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; stopped: boolean }>((done) => {
      const child = spawn(command, args, { env: env(lang), stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let stopped = false;
      const seen = (chunk: string) => {
        out += chunk;
        if (!stopped && converting.test(out)) {
          stopped = true;
          stop(child);
        }
      };
      child.stdout!.setEncoding('utf8').on('data', seen);
      child.stderr!.setEncoding('utf8').on('data', seen);
      child.once('close', (code, signal) => done({ code, signal, out, stopped }));
    });
  const done = (dir: string) => {
    const raw = new BetterSqlite3(join(dir, 'tagdesk.sqlite'), { readonly: true });
    try {
      return raw.prepare('SELECT step FROM compact_progress WHERE done = 1').pluck().all() as string[];
    } finally {
      raw.close();
    }
  };

  // On a terminal (a pseudo-terminal from script(1)), Ctrl+C typed as a person types it: the
  // terminal sends SIGINT. The bar is redrawn in place, so its line needs finishing.
  it.skipIf(!existsSync('/usr/bin/script'))('on Ctrl+C: finishes the bar\u2019s line, says it resumes, exits 130; the next migrate finishes it', async () => {
    const dir = oldDesk('stopped-int');
    const r = await stopWhen('/usr/bin/script', ['-qfec', `'${process.execPath}' '${BIN}' migrate --data '${dir}'`, '/dev/null'], 'en', /Converting contact history[^\r]*\u001b\[K/, (child) => child.stdin!.write('\u0003'));
    expect(r.stopped, r.out).toBe(true);
    expect(r.code).toBe(130);
    // After the last redraw of the bar (which ends with ESC[K): the terminal's echo of ^C (unless
    // a redraw came after the echo, on a busy machine), the line finished, the message.
    const tail = r.out.slice(r.out.lastIndexOf('\u001b[K') + 3).replace(/^\^C/, '');
    expect(tail).toBe(`\r\nThe upgrade of ${dir} stopped. What it had converted is kept: it resumes where it stopped on the next "tagdesk migrate", or when the desk is started.\r\n`);
    expect(done(dir)).toEqual(expect.arrayContaining(['ticket_events', 'tickets']));
    const again = await run(['migrate', '--data', dir]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^Upgraded ${dir} in (under a second|1 second|\\d+ seconds|\\d+ minutes?( and \\d+ seconds?)?): `));
  }, 120_000);

  it('on SIGTERM: says it in the reader\u2019s language and exits 143, having kept what it converted', async () => {
    const dir = oldDesk('stopped-term');
    const r = await stopWhen(process.execPath, [BIN, 'migrate', '--data', dir], 'fa', /تاریخچهٔ تماس‌ها/, (child) => child.kill('SIGTERM'));
    expect(r.stopped, r.out).toBe(true);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(143);
    expect(r.out.endsWith(`\nبه‌روز کردن \u2068${dir}\u2069 متوقف شد. آنچه تبدیل شده بود نگه داشته شده است: با «\u200etagdesk migrate\u200e» بعدی، یا با راه‌اندازی میز، از همان جا که ماند ادامه می‌یابد.\n`)).toBe(true);
    expect(done(dir)).toEqual(expect.arrayContaining(['ticket_events', 'tickets']));
  }, 120_000);
});

// `tagdesk import` stopped midway (a kill, Ctrl+C): it died in the middle of a batch and said
// nothing, so the admin could not tell what was in. It now stops after the batch it is writing,
// as the screen's "Cancel the import" does, says so and what to do, and exits 143 (130 for SIGINT).
describe('tagdesk import stopped midway', () => {
  it('on SIGTERM: stops after its batch, says what it kept and how to bring in the rest, exits 143; the same import again adds only the rest', async () => {
    const dir = join(root, 'import-stopped');
    expect((await tagdesk('seed', '--data', dir, '--seed', '3', '--customers', '5')).status).toBe(0);
    const file = join(root, 'many.csv');
    const rows = Array.from({ length: 20_000 }, (_, i) => `Person ${i},p${i}@import.example,+1 512 555 ${String(i % 10_000).padStart(4, '0')}`);
    writeFileSync(file, ['Name,Email,Phone', ...rows].join('\n') + '\n');
    const imported = () => {
      const raw = new BetterSqlite3(join(dir, 'tagdesk.sqlite'), { readonly: true });
      try {
        return raw.prepare(`SELECT count(*) FROM customers WHERE email LIKE '%@import.example'`).pluck().get() as number;
      } finally {
        raw.close();
      }
    };
    const r = await new Promise<{ code: number | null; out: string; stopped: boolean }>((done) => {
      const child = spawn(process.execPath, [BIN, 'import', '--from', 'csv', file, '--data', dir], { env: childEnv({ TAGDESK_LANG: 'en' }), stdio: ['pipe', 'pipe', 'pipe'] });
      let out = '';
      let stopped = false;
      const seen = (chunk: string) => {
        out += chunk;
        if (!stopped && /rows read/.test(out)) {
          stopped = true;
          child.kill('SIGTERM');
        }
      };
      child.stdout!.setEncoding('utf8').on('data', seen);
      child.stderr!.setEncoding('utf8').on('data', seen);
      child.once('close', (code) => done({ code, out, stopped }));
    });
    expect(r.stopped, r.out).toBe(true);
    expect(r.code, r.out).toBe(143);
    const kept = imported();
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(20_000);
    expect(r.out).toContain(`Imported ${kept} customers`);
    expect(r.out).toContain('The import stopped after the batch it was writing. What is counted above is imported; import the same files again to bring in the rest');
    const again = await tagdesk('import', '--from', 'csv', file, '--data', dir);
    expect(again.status, again.stderr).toBe(0);
    expect(imported()).toBe(20_000);
  }, 180_000);
});

// A desk outside Iran refused every local Iranian number of a file, and nothing said how to read
// a whole file's numbers as Iran's but the desk's own country setting.
describe('tagdesk import --country', () => {
  it('suggests the country that reads the rejected local numbers, refuses a code it does not know, and reads the file in the one given', async () => {
    const dir = join(root, 'import-country');
    expect((await tagdesk('seed', '--data', dir, '--seed', '3', '--customers', '5')).status).toBe(0);
    const file = join(root, 'tehran.csv');
    writeFileSync(file, 'Name,Phone\nمریم احمدی,۰۹۱۲ ۳۴۵ ۶۷۸۹\nعلی رضایی,0912 345 6790\nسارا کریمی,09123456791\n');
    const refused = await tagdesk('import', '--from', 'csv', file, '--data', dir, '--dry-run');
    expect(refused.status, refused.stderr).toBe(0);
    expect(refused.stdout).toMatch(/3 rejected rows have a number without a country code that is a local number of .*Iran.*import it again with .*--country IR/);
    const bad = await tagdesk('import', '--from', 'csv', file, '--data', dir, '--country', 'XX');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--country takes the two-letter code of a country');
    const read = await tagdesk('import', '--from', 'csv', file, '--data', dir, '--country', 'ir');
    expect(read.status, read.stderr).toBe(0);
    expect(read.stdout).toContain('Imported 3 customers');
    expect(read.stdout).toContain('Nothing was rejected.');
  }, 120_000);
});
