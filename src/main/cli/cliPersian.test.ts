import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { DESK_OPEN_EN, type DeskOpenKey } from '../core/db/openErrors';
import { copyDesk, openToAll, type RunOptions, tagdesk as run } from '../core/testing/processes';
import { cliEn, cliFa, cliLanguageOf, cliSay, cliTranslator, cliWord, deskOpenLine } from './messages';
import { nodeTooOldText, takeLanguage } from './nodeTooOld.mjs';
import { englishLeft, latinDigitsLeft } from '../../shared/testing/persianOutput';

// The CLI speaks Persian when asked (--lang fa, TAGDESK_LANG=fa, LANG=fa_IR.UTF-8): its
// lines for people, errors included, come from the same keys as the English ones.

const IMPORTS = join(process.cwd(), 'src', 'main', 'core', 'import', 'fixtures');
const KB = join(process.cwd(), 'bench', 'fixtures');

/**
 * The English left in a Persian line: two Latin words in a row (src/shared/testing/persianOutput.ts,
 * which the hub's test checks with too). The synopsis of a command in the usage
 * (`  import --from zendesk|…` up to its Persian description) is not a sentence and is skipped.
 */
const english = (text: string) => englishLeft(text, /^ {2}(?:seed|lookup|stats|backup|restore|kb|duplicates|import)\b[^\u0600-\u06FF\n]*/gm);
/** Latin digits outside the filled-in values (Persian output writes ۰-۹). */
const latinDigits = (text: string) => latinDigitsLeft(text, /^ {2}(?:kb|duplicates|import)\b[^\u0600-\u06FF\n]*/gm);

/**
 * A line's cells (runs separated by two spaces or more) with the columns a terminal shows them
 * in: a zero-width character (the non-joiner of «حل‌شده», an isolate, a combining mark) takes none.
 */
function cells(line: string): { start: number; end: number }[] {
  const visible = line.replace(/[\p{Cf}\p{Mn}\p{Me}]/gu, '');
  return [...visible.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ start: m.index, end: m.index + [...m[0]].length }));
}

/** The CLI in a fresh environment: no language from this one's locale, only from `env`. */
const tagdesk = (env: Record<string, string>, ...args: string[]) => run(args, { env: { TAGDESK_LANG: undefined, LC_ALL: undefined, LC_MESSAGES: undefined, LANG: undefined, ...env } });

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();

describe('the CLI dictionaries', () => {
  it('have the same keys and fill in the same values', () => {
    expect(Object.keys(cliFa).sort()).toEqual(Object.keys(cliEn).sort());
    const differ = Object.keys(cliEn).filter((k) => placeholders(cliEn[k as keyof typeof cliEn]) !== placeholders(cliFa[k as keyof typeof cliFa]));
    expect(differ).toEqual([]);
  });

  it('pick the language from --lang, then TAGDESK_LANG, then the locale', () => {
    expect(cliLanguageOf('fa', { LANG: 'en_US.UTF-8' })).toBe('fa');
    expect(cliLanguageOf('en', { TAGDESK_LANG: 'fa' })).toBe('en');
    expect(cliLanguageOf(null, { TAGDESK_LANG: 'fa', LANG: 'en_US.UTF-8' })).toBe('fa');
    expect(cliLanguageOf(null, { LANG: 'fa_IR.UTF-8' })).toBe('fa');
    expect(cliLanguageOf(null, { LC_ALL: 'C', LANG: 'fa_IR.UTF-8' })).toBe('en');
    expect(cliLanguageOf(null, { LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(cliLanguageOf(null, {})).toBe('en');
  });

  it('writes Persian digits and isolates Latin values inside a Persian line', () => {
    const seeded = (say: ReturnType<typeof cliSay>, customers: number, tickets: number) => say.tr('seed.done', { dir: '/tmp/desk', customers: say.tc('count.customers', customers), tickets: say.tc('count.tickets', tickets) });
    expect(seeded(cliSay('fa'), 2000, 35)).toBe('\u2068/tmp/desk\u2069 پر شد: ۲٬۰۰۰ مشتری، ۳۵ تیکت.');
    expect(seeded(cliSay('en'), 2000, 35)).toBe('Seeded /tmp/desk: 2000 customers, 35 tickets.');
    expect(seeded(cliSay('en'), 1, 1)).toBe('Seeded /tmp/desk: 1 customer, 1 ticket.');
  });

  // On the system's Node 20, `tagdesk --lang fa` and `npm start` on a Persian desk said only
  // "tagdesk needs Node 24 or newer": before TypeScript loads, in plain JavaScript.
  it('says a Node too old in the language the CLI would speak: tagdesk and the npm scripts', () => {
    const node = { version: '20.20.2', execPath: '/usr/bin/node' };
    for (const from of ['cli', 'npm'] as const) {
      const fa = nodeTooOldText(cliLanguageOf(takeLanguage(['stats', '--lang', 'fa']).flag, {}), from, node);
      expect(fa).toContain('به \u2068Node\u2069 نسخهٔ ۲۴ یا تازه‌تر نیاز دارد');
      expect(fa).toContain('\u206820.20.2\u2069');
      expect(english(fa)).toEqual([]);
      expect(latinDigits(fa)).toEqual([]);
      expect(nodeTooOldText(cliLanguageOf(null, { LANG: 'en_US.UTF-8' }), from, node)).toMatch(/^\n?tagdesk needs Node 24 or newer; this is Node 20\.20\.2/i);
    }
    expect(nodeTooOldText('fa', 'npm', node)).toContain('\u2068/usr/bin/node\u2069');
    expect(takeLanguage(['--lang=fa', 'stats', '--json'])).toEqual({ flag: 'fa', rest: ['stats', '--json'] });
  });

  // Where the machine has an older Node on PATH's usual place (this one's system Node 20).
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p) && Number(spawnSync(p, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).stdout.trim()) < 24);
  it.runIf(oldNode !== undefined)('refuses that Node in Persian from bin/tagdesk.mjs and scripts/check-node.mjs on a Persian desk', () => {
    const env = { ...process.env, TAGDESK_LANG: 'fa' };
    for (const script of ['bin/tagdesk.mjs', 'scripts/check-node.mjs']) {
      const r = spawnSync(oldNode!, [script, 'stats'], { encoding: 'utf8', env });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('تازه‌تر نیاز دارد');
      expect(english(r.stderr)).toEqual([]);
    }
    expect(spawnSync(oldNode!, ['bin/tagdesk.mjs', 'stats'], { encoding: 'utf8', env: { ...env, TAGDESK_LANG: 'en' } }).stderr).toMatch(/^tagdesk needs Node 24 or newer/);
  });
});

describe('tagdesk in Persian', () => {
  let root: string;
  let dataDir: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tagdesk-cli-fa-'));
    dataDir = join(root, 'desk');
    const seeded = await tagdesk({}, 'seed', '--data', dataDir, '--customers', '60', '--seed', '3');
    expect(seeded.status).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints stats in Persian with --lang fa, and in English without it', async () => {
    const fa = await tagdesk({}, 'stats', '--lang', 'fa', '--data', dataDir);
    expect(fa.status).toBe(0);
    expect(fa.stdout).toMatch(/^مشتری‌ها +۶۰$/m);
    expect(fa.stdout).toContain('صف‌ها');
    expect(fa.stdout).not.toMatch(/Customers|Tickets|unassigned/);
    const en = await tagdesk({}, 'stats', '--data', dataDir);
    expect(en.stdout).toMatch(/^Customers +60$/m);
  }, 60_000);

  // «کسب‌وکار کوچک» and «حل‌شده» hold a zero-width non-joiner, which padding counted as a
  // column: those rows, and the header's columns, sat one or two columns off the others.
  it('lines up the stats columns in Persian as the terminal shows them', async () => {
    const fa = await tagdesk({}, 'stats', '--lang', 'fa', '--data', dataDir);
    const lines = fa.stdout.trimEnd().split('\n');
    const table = lines.slice(lines.findIndex((l) => l.startsWith('صف‌ها')));
    expect(table.length).toBeGreaterThan(2);
    expect(table.some((l) => l.includes('کسب‌وکار کوچک'))).toBe(true);
    // The label lines: every value starts in the same column.
    const valueStarts = lines.slice(0, 5).map((l) => cells(l)[1]!.start);
    expect(new Set(valueStarts).size).toBe(1);
    // The queues: the counts end, and the oldest date starts, in the same columns as the header's.
    const shape = (l: string) => {
      const c = cells(l);
      return [c[c.length - 3]!.end, c[c.length - 2]!.end, c[c.length - 1]!.start];
    };
    for (const row of table.slice(1)) expect(shape(row)).toEqual(shape(table[0]!));
  }, 60_000);

  it('follows LANG=fa_IR.UTF-8 and TAGDESK_LANG=fa, error lines included', async () => {
    // Independent processes, started together (each spends most of its second starting up).
    const [none, phone, usage, missing] = await Promise.all([
      tagdesk({ LANG: 'fa_IR.UTF-8' }, 'lookup', 'ZZZZZZZ', '--data', dataDir),
      tagdesk({ TAGDESK_LANG: 'fa' }, 'lookup', '(415) 555-0177', '--data', dataDir),
      tagdesk({ TAGDESK_LANG: 'fa' }, 'frobnicate'),
      tagdesk({ TAGDESK_LANG: 'fa' }, 'stats', '--data', join(root, 'nothing-here')),
    ]);
    // Nothing found: what it was looked up as, with the values (the phone as the app writes it), in Persian.
    expect(none.status).toBe(1);
    expect(none.stderr.trim()).toBe('برای برچسب سرویس \u2068ZZZZZZZ\u2069 یا نام‌هایی با واژه‌ای که با «\u2068ZZZZZZZ\u2069» آغاز می‌شود چیزی پیدا نشد.');
    expect(phone.status).toBe(1);
    expect(phone.stderr.trim()).toBe('برای کد سرویس سریع \u20684155550177\u2069 یا تلفن \u2068+1 415 555 0177\u2069 چیزی پیدا نشد.');
    for (const r of [none, phone]) {
      expect(english(r.stderr)).toEqual([]);
      expect(latinDigits(r.stderr)).toEqual([]);
    }
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('فرمان ناشناخته: «\u2068frobnicate\u2069».');
    expect(usage.stderr).toContain('فرمان‌ها:');
    expect(missing.status).toBe(3);
    expect(missing.stderr).toMatch(/^tagdesk: در \u2068[^\u2069]+\u2069 میزی نیست: این پوشه وجود ندارد/);
  }, 60_000);

  // Every reason a desk cannot be opened was a Persian lead with the core's English sentence
  // in parentheses ("(… is damaged (…). Nothing was written to it. Restore …)"). The core's
  // error now carries its key and values, and the whole line is Persian; the exit codes stay.
  it('says why a desk cannot be opened in Persian, with the same exit codes as in English', async () => {
    const broken = join(root, 'broken');
    mkdirSync(broken);
    openToAll(root);
    openToAll(broken);
    const db = (dir: string) => join(dir, 'tagdesk.sqlite');
    const damaged = copyDesk(dataDir, join(broken, 'damaged'));
    truncateSync(db(damaged), Math.floor(statSync(db(damaged)).size / 2));
    const newer = copyDesk(dataDir, join(broken, 'newer'));
    const raw = new BetterSqlite3(db(newer));
    raw.prepare('INSERT INTO migrations (id, applied_at) VALUES (?, ?)').run('9999_from_the_future', Date.now());
    raw.close();
    const notDb = join(broken, 'notdb');
    mkdirSync(notDb);
    writeFileSync(db(notDb), 'these are my notes, not a desk\n'.repeat(200));
    const denied = copyDesk(dataDir, join(broken, 'denied'));
    chmodSync(db(denied), 0o000);
    const cases: Array<[string[], RunOptions, number, RegExp]> = [
      [['stats', '--data', damaged], {}, 4, /آسیب دیده است \(.*\)\. چیزی در آن نوشته نشد\. آخرین پشتیبان را با «/],
      [['stats', '--data', newer], {}, 5, /با نسخهٔ تازه‌تر یا دیگری از تگ‌دسک نوشته شده است \(مهاجرت «\u20689999_from_the_future\u2069»/],
      [['stats', '--data', notDb], {}, 4, /پایگاه دادهٔ تگ‌دسک نیست \(پروندهٔ SQLite نیست/],
      [['seed', '--data', denied], { asNobody: true }, 3, /^tagdesk: اجازهٔ باز کردن \u2068[^\u2069]+\u2069 نیست\./],
    ];
    const runs = await Promise.all(cases.map(([args, opts]) => run(args, { ...opts, env: { TAGDESK_LANG: 'fa', LANG: undefined, LC_ALL: undefined } })));
    runs.forEach((r, i) => {
      const [, , status, said] = cases[i]!;
      expect(r.status).toBe(status);
      expect(r.stderr).toMatch(said);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(english(r.stderr)).toEqual([]);
      // SQLite's own finding was isolated as a value and left in English; it is said by key now,
      // so no Latin word is left once the paths are taken out.
      const withoutPathsAndCommands = r.stderr.replace(/^tagdesk: /, '').replace(/\u2068[^\u2069]*(?:tagdesk\.sqlite|broken|9999_from_the_future)[^\u2069]*\u2069/g, ' ').replace(/\u200e[^\u200e\n]*\u200e/g, ' ');
      expect(withoutPathsAndCommands.match(/[A-Za-z]{2,}/g)?.filter((word) => word !== 'SQLite') ?? [], cases[i]![0].join(' ')).toEqual([]);
      expect(latinDigits(r.stderr)).toEqual([]);
    });
  }, 90_000);

  it('has every reason a desk cannot be opened in Persian words and digits, a finding inside a refusal included', () => {
    const tr = cliTranslator('fa');
    for (const key of Object.keys(DESK_OPEN_EN) as DeskOpenKey[]) {
      const values = { file: '/d/tagdesk.sqlite', dir: '/d', path: '/d/x', at: '/d', code: 'EIO', migration: '9999_x', dbFile: 'tagdesk.sqlite', problem: 'x', count: 2, seconds: 120, size: 10, expected: 20, page: 3, table: 'users', column: 'name', index: 'users_by_name', detail: 'x', finding: { key: 'notADbFinding' as const, values: { file: '/b.sqlite' } } };
      const line = deskOpenLine(tr, { key, values }, 'English');
      expect(line, key).not.toMatch(/\{\w+\}/);
      expect(english(line), key).toEqual([]);
      expect(latinDigits(line), key).toEqual([]);
    }
    expect(deskOpenLine(tr, { key: 'backupDamaged', values: { dir: '/d', finding: { key: 'damagedFindingMore_other', values: { file: '/b.sqlite', problem: 'x', count: 3 } } } }, '')).toBe(
      'این پشتیبان بازگردانده نمی‌شود: \u2068/b.sqlite\u2069 آسیب دیده است (\u2068x\u2069 و ۳ مشکل دیگر). میز در \u2068/d\u2069 تغییری نکرد؛ پشتیبان دیگری را بازگردانید.',
    );
  });

  // A mistyped tag or Express Service Code was refused in Persian with only what it was not;
  // the English said what the two look like. Both say it now, with the desk's example tag.
  it('refuses a mistyped service tag or Express Service Code in Persian saying what each looks like, as the English does', async () => {
    const [tag, code, en] = await Promise.all([
      tagdesk({ TAGDESK_LANG: 'fa' }, 'lookup', '12AB', '--data', dataDir),
      tagdesk({ TAGDESK_LANG: 'fa' }, 'lookup', '1234567890123', '--data', dataDir),
      tagdesk({}, 'lookup', '12AB', '--data', dataDir),
    ]);
    const shapes = 'برچسب سرویس هفت حرف یا رقم لاتین است، مانند \u20687XK2QF1\u2069 (فاصله و خط تیره نادیده گرفته می‌شوند). کد سرویس سریع عدد ده یا یازده رقمی چاپ‌شده زیر آن است.';
    expect(tag.stderr.trim()).toBe(`«\u206812AB\u2069» برچسب سرویس نیست. ${shapes}`);
    expect(code.stderr.trim()).toBe(`«\u20681234567890123\u2069» نه شمارهٔ تلفن است و نه کد سرویس سریع. ${shapes}`);
    for (const r of [tag, code]) {
      expect(r.status).toBe(1);
      expect(english(r.stderr)).toEqual([]);
      expect(latinDigits(r.stderr)).toEqual([]);
    }
    expect(en.stderr.trim()).toBe('"12AB" is not a service tag. A service tag is 7 letters or digits, such as 7XK2QF1 (spaces and dashes are ignored). An Express Service Code is the 10- or 11-digit number printed below it.');
  }, 60_000);

  it('says in Persian which typed words a name matched, and where', async () => {
    const r = await tagdesk({ TAGDESK_LANG: 'fa' }, 'lookup', 'jor', '--data', dataDir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('\n      واژه‌های یافته: «\u2068jor\u2069» در نام (\u2068[Jor]dan\u2069)\n');
    expect(english(r.stdout)).toEqual([]);
  }, 60_000);

  // A system row's tag, Express code and model were put in as they were: in a right-to-left
  // terminal «XPS 14 9440» and the numbers around it ran together in the wrong order.
  it('isolates the tag, Express code and model of each system row in Persian', async () => {
    const r = await tagdesk({ TAGDESK_LANG: 'fa' }, 'lookup', 'jordan.lee@example.com', '--data', dataDir);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    const rows = lines.slice(lines.indexOf('سیستم‌ها') + 1, lines.indexOf('تیکت‌های باز'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^ [ *] \u2068[0-9A-Z]{7}\u2069 {2}\u2068\d{10,11}\u2069 {2}\u2068[^\u2069]+\u2069 {2}\S/);
    // Outside the isolates, nothing Latin is left in a row.
    for (const row of rows) expect(row.replace(/\u2068[^\u2069]*\u2069/g, '')).not.toMatch(/[A-Za-z0-9]/);
  }, 60_000);

  it('names a tier in words, as the window does («سطح دو», not «سطح ۲»)', () => {
    expect(cliWord(cliTranslator('fa'), 'tier', '2')).toBe('سطح دو');
    expect(cliWord(cliTranslator('en'), 'tier', '2')).toBe('tier 2');
  });

  it('names a ticket state in Persian, and keeps the machine name in English', () => {
    expect(cliTranslator('fa')('state.tier2.inProgress')).toBe('در دست بررسی در سطح دو');
    expect(cliTranslator('en')('state.tier2.inProgress')).toBe('tier2.inProgress');
  });

  it('refuses a language it does not speak, saying which it does', async () => {
    const bad = await tagdesk({}, 'stats', '--lang', 'de', '--data', dataDir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--lang must be en or fa, not "de".');
  }, 60_000);

  it('keeps --json as it was, whatever the language', async () => {
    const json = await tagdesk({}, 'stats', '--json', '--lang', 'fa', '--data', dataDir);
    expect(JSON.parse(json.stdout)).toMatchObject({ customers: 60 });
  }, 60_000);
});

describe('tagdesk kb, import and duplicates in Persian', () => {
  let root: string;
  let dataDir: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tagdesk-cli-fa-data-'));
    dataDir = join(root, 'desk');
    expect((await tagdesk({}, 'seed', '--data', dataDir, '--customers', '200', '--seed', '42')).status).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const fa = { TAGDESK_LANG: 'fa' };
  const all = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr;

  it('finds English in the English output, so the Persian checks below can fail', async () => {
    const en = await tagdesk({}, 'duplicates', '--data', dataDir, '--limit', '3');
    expect(english(all(en))).not.toEqual([]);
    expect(english(cliEn['import.noRejects'])).toEqual(['Nothing was']);
    expect(english('\u2068Missouri Revenue Agency\u2069 ‎--from zendesk‎ یکسان')).toEqual([]);
  }, 60_000);

  it('lists duplicate pairs in Persian: heading, scores, segment and reasons', async () => {
    const r = await tagdesk(fa, 'duplicates', '--data', dataDir, '--limit', '3');
    expect(r.status).toBe(0);
    expect(english(all(r))).toEqual([]);
    expect(latinDigits(r.stdout)).toEqual([]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('جفت‌های احتمالاً تکراری بیش از ‎--limit‎ ۳ است؛ بهترین ۳ جفت در زیر آمده است. برای دیدن بیشتر، ‎--limit‎ را بزرگ‌تر کنید (حداکثر ۱۰۰٬۰۰۰).');
    expect(lines[1]).toBe('۳ جفت مشتری احتمالاً تکراری:');
    expect(lines[2]).toMatch(/^ {2}۰٫[۰-۹]{2} .*~.*\[.+؛ یکسان در .+\]$/);
    const json = await tagdesk(fa, 'duplicates', '--data', dataDir, '--limit', '3', '--json');
    expect((JSON.parse(json.stdout) as { reasons: string[] }[])[0]!.reasons.every((x) => ['phone', 'email', 'tag', 'name'].includes(x))).toBe(true);
    const bad = await tagdesk(fa, 'duplicates', '--data', dataDir, '--limit', '0');
    expect(bad.status).toBe(2);
    expect(english(bad.stderr)).toEqual([]);
    expect(bad.stderr).toContain('باید عددی درست از ۱ تا ۱۰۰٬۰۰۰ باشد');
  }, 60_000);

  // At the default --limit of 1000 the list said "1000 likely duplicate pairs", as if that were all.
  it('says when there are more duplicate pairs than --limit shows, and not when there are not', async () => {
    const [cut, whole, json] = await Promise.all([
      tagdesk({}, 'duplicates', '--data', dataDir, '--limit', '3'),
      tagdesk({}, 'duplicates', '--data', dataDir, '--limit', '100000'),
      tagdesk({}, 'duplicates', '--data', dataDir, '--limit', '3', '--json'),
    ]);
    const more = 'There are more likely duplicate pairs than --limit 3 shows; the best 3 follow. Raise --limit (at most 100000) to see more.';
    expect(cut.stdout.split('\n').slice(0, 2)).toEqual([more, '3 likely duplicate pairs:']);
    expect(cut.stdout.trim().split('\n')).toHaveLength(5);
    expect(whole.status).toBe(0);
    expect(whole.stdout).not.toContain('There are more');
    expect(whole.stdout).toMatch(/^\d+ likely duplicate pairs?:$/m);
    // --json: the array as it was (three pairs); the note on stderr.
    expect(JSON.parse(json.stdout)).toHaveLength(3);
    expect(json.stderr.trim()).toBe(more);
    const help = await tagdesk({}, 'duplicates', '--help');
    expect(help.stdout).toMatch(/duplicates \[--json\] \[--limit N\][^]*default 1000/);
  }, 60_000);

  it('imports with progress, summary and rejects in Persian; --json keeps its fields', async () => {
    const files = ['zendesk-users.json', 'zendesk-tickets.json', 'zendesk-organizations.json', 'zendesk-ticket-events.json'].map((f) => join(IMPORTS, f));
    const r = await tagdesk(fa, 'import', '--from', 'zendesk', ...files, join(root, 'missing.json'), '--dry-run', '--data', dataDir);
    expect(r.status).toBe(0);
    expect(english(all(r))).toEqual([]);
    expect(latinDigits(all(r))).toEqual([]);
    expect(r.stdout).toMatch(/^وارد می‌شد: [۰-۹]+ مشتری، [۰-۹]+ مخاطب، [۰-۹]+ سیستم، ۵ تیکت با [۰-۹]+ رویداد\.$/m);
    expect(r.stdout).toMatch(/^[۰-۹]+ ردیف رد شد: \u2068.+\.jsonl\u2069 را ببینید/m);
    expect(r.stderr).toContain(`\u2068${join(root, 'missing.json')}\u2069 وارد نمی‌شود: خوانده نمی‌شود (چنین پرونده‌ای نیست).`);
    expect(r.stderr).toMatch(/^\u2068zendesk-users\.json\u2069: [۰-۹]+ ردیف خوانده شد \(۱۰۰٫۰٪\)$/m);
    const json = await tagdesk(fa, 'import', '--from', 'zendesk', ...files, '--dry-run', '--json', '--data', dataDir);
    const summary = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(['imported', 'rejected', 'rejects', 'assumed', 'rejectedRows', 'rejectedPages', 'localNumbers', 'mobilesLeft', 'suspended']);
    expect(Object.keys(summary.imported as object)).toEqual(['customers', 'contacts', 'assets', 'tickets', 'events']);
    // Not in Persian: the same keys and values in any language.
    expect(summary.assumed).toEqual({ count: 0, first: [] });
  }, 60_000);

  it('refuses a bad import command line or column mapping in Persian, importing nothing', async () => {
    const csv = join(IMPORTS, 'plain-customers.csv');
    const before = await tagdesk({}, 'stats', '--json', '--data', dataDir);
    // The four refusals are independent processes, started together.
    const [noFrom, noFile, field, column] = await Promise.all([
      tagdesk(fa, 'import', csv, '--data', dataDir),
      tagdesk(fa, 'import', '--from', 'csv', '--data', dataDir),
      tagdesk(fa, 'import', '--from', 'csv', csv, '--map', 'nmae=Customer', '--data', dataDir),
      tagdesk(fa, 'import', '--from', 'csv', csv, '--map', 'name=Customr,phone=Tel', '--data', dataDir),
    ]);
    expect(noFrom.status).toBe(2);
    expect(english(noFrom.stderr)).toEqual([]);
    expect(noFile.status).toBe(2);
    expect(noFile.stderr).toContain('دست‌کم یک پرونده');
    expect(field.status).toBe(2);
    expect(field.stderr).toContain('از «\u2068nmae\u2069» نام برده که فیلدی شناخته‌شده برای ورود نیست');
    expect(english(field.stderr)).toEqual([]);
    expect(column.status).toBe(1);
    expect(column.stderr.trim()).toBe(`\u2068${csv}\u2069 ستونی به نام «\u2068Customr\u2069» ندارد (در ‎--map‎ برای \u2068name\u2069 داده شده). ستون‌هایش: \u2068Customer, Tel, Mail, Segment, Tag, Line, Model, Shipped, Warranty, Warranty until\u2069. چیزی وارد نشد.`);
    const notCsv = join(root, 'notes.txt');
    writeFileSync(notCsv, 'just a note\n');
    const skipped = await tagdesk(fa, 'import', '--from', 'csv', notCsv, '--data', dataDir);
    // Its only file cannot be used: named with the reason, and the command stops (exit 3).
    expect(skipped.status).toBe(3);
    expect(english(all(skipped))).toEqual([]);
    expect(skipped.stderr).toContain('وارد نمی‌شود: \u2068سطر سرستون CSV ندارد\u2069.');
    expect(skipped.stderr).toContain('هیچ‌یک از پرونده‌ها وارد نشد');
    const after = await tagdesk({}, 'stats', '--json', '--data', dataDir);
    expect(JSON.parse(after.stdout)).toMatchObject({ customers: (JSON.parse(before.stdout) as { customers: number }).customers });
  }, 90_000);

  it('prints the kb eval table in Persian words and digits, and its --json lines unchanged', async () => {
    const args = ['kb', 'eval', '--articles', join(KB, 'kb-articles.jsonl'), '--queries', join(KB, 'kb-queries.jsonl')];
    const r = await tagdesk(fa, ...args);
    expect(r.status).toBe(0);
    expect(english(all(r))).toEqual([]);
    expect(latinDigits(r.stdout)).toEqual([]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('۹۸ مقاله، ۲۴۰ پرسش، در بخش‌های ۱۰٪');
    expect(lines[1]).toMatch(/^بخش +پرسش +دقت@۳ +دقت@۳ مبنا +nDCG@۱۰ +nDCG مبنا +پرسیده$/);
    expect(lines.slice(2)).toHaveLength(10);
    expect(lines[2]).toMatch(/^۱ +۲۴ +۰٫[۰-۹]{3} +۰٫[۰-۹]{3} +۰٫[۰-۹]{3} +۰٫[۰-۹]{3} +[۰-۹]+٫[۰-۹]٪$/);
    const json = await tagdesk(fa, ...args, '--json');
    expect(Object.keys(JSON.parse(json.stdout.split('\n')[0]!) as object)).toEqual(['block', 'precision_at_3', 'baseline_precision_at_3', 'ndcg_at_10', 'baseline_ndcg_at_10', 'ask_rate']);
  }, 60_000);

  it('says what is wrong with kb input in Persian: a bad line, a missing file, a wrong command line', async () => {
    const q = join(root, 'q.jsonl');
    writeFileSync(q, '{"id":"1","text":"paper jam","ratings":{"bios-power:latitude":2}}\n{"id":"2","text":"toner","ratings":{"bios-power:latitude":5}}\n');
    const articles = join(KB, 'kb-articles.jsonl');
    const runs = await Promise.all([
      tagdesk(fa, 'kb', 'eval', '--articles', articles, '--queries', q),
      tagdesk(fa, 'kb', 'eval', '--articles', join(root, 'none.jsonl'), '--queries', q),
      tagdesk(fa, 'kb', 'eval', '--articles', articles),
      tagdesk(fa, 'kb', 'frobnicate'),
      tagdesk(fa, 'kb', 'eval', '--bogus'),
    ]);
    expect(runs.map((r) => r.status)).toEqual([1, 1, 2, 2, 2]);
    for (const r of runs) expect(english(all(r))).toEqual([]);
    expect(runs[0]!.stderr.trim()).toBe(`\u2068${q}\u2069، خط ۲: امتیاز «\u2068bios-power:latitude\u2069» \u20685\u2069 است؛ امتیاز ۰ (بی‌ربط)، ۱ (کمی مرتبط) یا ۲ (خیلی مرتبط) است.`);
    expect(runs[1]!.stderr.trim()).toBe(`\u2068${join(root, 'none.jsonl')}\u2069 خوانده نمی‌شود: چنین پرونده‌ای نیست`);
    expect(runs[3]!.stderr).toContain('زیرفرمان ناشناختهٔ ‎kb‎: «\u2068frobnicate\u2069».');
    expect(runs[4]!.stderr).toContain('گزینهٔ ناشناخته: «\u2068--bogus\u2069».');
    expect(runs[4]!.stderr).toContain('روش کار:');
  }, 90_000);

  it('lists kb, duplicates and import in the Persian usage with Persian descriptions', async () => {
    const r = await tagdesk(fa, 'help');
    expect(r.status).toBe(0);
    expect(english(r.stdout)).toEqual([]);
    expect(r.stdout).toContain('مشتری‌های احتمالاً تکراری');
    expect(r.stdout).toContain('آوردن خروجی میز دیگر');
    expect(r.stdout).toContain('بازپخش پرسش‌های امتیازداده‌شده');
  }, 60_000);

  it('refuses a count out of range in Persian (seed)', async () => {
    const r = await tagdesk(fa, 'seed', '--customers', '0', '--data', join(root, 'never-made'));
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('\u2068--customers\u2069 باید دست‌کم ۱ باشد.');
    expect(english(r.stderr)).toEqual([]);
  }, 60_000);

  it('uses plural forms and the reader\u2019s digits for counts', () => {
    const en = cliSay('en');
    expect(en.tc('count.customers', 1)).toBe('1 customer');
    expect(en.tc('count.customers', 3)).toBe('3 customers');
    expect(en.tc('dup.head', 1)).toBe('1 likely duplicate pair:');
    expect(cliSay('fa').tc('count.customers', 1200)).toBe('۱٬۲۰۰ مشتری');
    expect(cliSay('fa').percent(0.5)).toBe('۵۰٫۰٪');
    expect(en.percent(0.5)).toBe('50.0 %');
  });

  // migrate said "in 0 s" and "in 1 s"; a lookup too long said "characters" whatever the count.
  it('says how long an upgrade took, and how long a query is, as a sentence reads', () => {
    const [en, fa] = [cliSay('en'), cliSay('fa')];
    const took = (say: typeof en, ms: number) => say.tr('migrate.done', { dir: '/d', took: say.duration(ms), before: 9, after: 4 });
    expect(took(en, 300)).toBe('Upgraded /d in under a second: 9 MB before, 4 MB now.');
    expect(took(en, 1200)).toBe('Upgraded /d in 1 second: 9 MB before, 4 MB now.');
    expect(took(en, 45_000)).toBe('Upgraded /d in 45 seconds: 9 MB before, 4 MB now.');
    expect(took(en, 60_000)).toBe('Upgraded /d in 1 minute: 9 MB before, 4 MB now.');
    expect(took(en, 125_000)).toBe('Upgraded /d in 2 minutes and 5 seconds: 9 MB before, 4 MB now.');
    expect(took(fa, 300)).toBe('\u2068/d\u2069 در کمتر از یک ثانیه به‌روز شد: پیش‌تر ۹ مگابایت، اکنون ۴ مگابایت.');
    expect(took(fa, 125_000)).toBe('\u2068/d\u2069 در ۲ دقیقه و ۵ ثانیه به‌روز شد: پیش‌تر ۹ مگابایت، اکنون ۴ مگابایت.');
    const tooLong = (say: typeof en, length: number) => say.tr('lookup.tooLong', { length: say.tc('count.characters', length), max: say.tc('count.characters', 200) });
    expect(tooLong(en, 1)).toBe('What to look for is 1 character long; a tag, code, phone, email or name is at most 200 characters.');
    expect(tooLong(en, 201)).toBe('What to look for is 201 characters long; a tag, code, phone, email or name is at most 200 characters.');
    expect(tooLong(fa, 201)).toBe('آنچه برای جست‌وجو داده شده ۲۰۱ نویسه است؛ برچسب، کد، تلفن، ایمیل یا نام حداکثر ۲۰۰ نویسه است.');
  });
});
