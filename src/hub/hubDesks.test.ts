import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../main/core/ids';
import { shortDeskId } from '../shared/deskName';
import { DESK_NAME_HEADER, DESK_OUTBOX_HEADER } from '../shared/deskReport';
import { DESK_MACHINE_VERSION, DESK_VERSION_HEADER } from '../shared/ticketLog';
import { englishLeft, latinDigitsLeft } from '../shared/testing/persianOutput';
import { createUser } from './accounts';
import { openDb, openPool, type HubDb } from './db';
import { runningPostgresUrl } from './embeddedPostgres';
import { hubSay } from './messages';
import { commandFailure } from './startErrors';
import { deskJson, deskTable, type DeskLine } from './deskList';
import { call, event, PASSWORD, quietLog, type TestDesk } from './testing/hubFixture';

// `npm run hub -- desks`: the desks a hub knows, for whoever runs it, with no desk to sign in on.
// A real hub process serving one folder (one embedded PostgreSQL for the file); the command runs
// beside it, on its PostgreSQL, and once more after it stopped (starting that PostgreSQL itself).

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const name of ['TAGDESK_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG', 'DATABASE_URL', 'TAGDESK_HUB_DATA']) delete base[name];
  return { ...base, ...env };
}

function hub(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/index.ts', ...args], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err })));
}

const persianOnly = (text: string) => {
  expect(englishLeft(text), text).toEqual([]);
  expect(latinDigitsLeft(text), text).toEqual([]);
};

let root: string;
let hubDir: string;
let stopHub: () => Promise<number | null>;
let hubUrl: string;
let db: HubDb;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tagdesk-hub-desks-'));
  // The embedded PostgreSQL runs as nobody under root: it must be able to walk in.
  chmodSync(root, 0o755);
  hubDir = join(root, 'hub');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/hub/index.ts', '--data', hubDir, '--port', '0'], { env: cleanEnv({ TAGDESK_LANG: 'en' }), stdio: ['ignore', 'pipe', 'pipe'] });
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  stopHub = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return closed;
  };
  let out = '';
  child.stderr!.resume();
  // Serving, its schema made: the line after its address says there is no admin yet.
  hubUrl = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /Tagdesk hub serving (\S+)\n[\s\S]*No admin account yet/.exec(out);
      if (m) resolve(m[1]!);
    });
    void closed.then((code) => reject(new Error(`hub exited (${code}): ${out}`)));
  });
  db = openDb(openPool(runningPostgresUrl(join(hubDir, 'pg'))!, quietLog(), 2));
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  await stopHub?.();
  rmSync(root, { recursive: true, force: true });
}, 60_000);

/** Each desk's signed-in person, to push from it. */
const at = new Map<string, TestDesk>();

/** A desk signed in by `name`'s account, then a pull from `after` (or the hub's head) stating its name (and version, and outbox). */
async function deskOf(person: string, deskName: string, headers: Record<string, string>, from: number | 'head' = 0): Promise<string> {
  const user = await createUser(db, { email: `${person.toLowerCase()}@desks.test`, name: person, role: 'agent', segments: ['education'], password: PASSWORD }, Date.now());
  // Its account is news in the log too.
  const after = from === 'head' ? await headNow() : from;
  const deskId = uuidv7();
  const signedIn = await call<{ token: string }>(hubUrl, 'POST', '/auth/sign-in', { body: { email: user.email, password: PASSWORD, deskId, deskKey: `${deskId}-secret-key` } });
  expect(signedIn.status).toBe(200);
  at.set(deskId, { deskId, deskKey: `${deskId}-secret-key`, token: signedIn.body.token, user, seq: 0 });
  const pulled = await call(hubUrl, 'GET', `/sync/pull?after=${after}`, { token: signedIn.body.token, headers: { [DESK_NAME_HEADER]: encodeURIComponent(deskName), ...headers } });
  expect(pulled.status).toBe(200);
  return deskId;
}

/** The hub's newest event number. */
const headNow = async () => Number((await db.selectFrom('log_head').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq);

describe('npm run hub -- desks', () => {
  let front: string;
  let reception: string;

  it('says that no desk has signed in yet, in English and in Persian; --json writes no line; a folder with no hub is said so', async () => {
    const [en, fa, json, nowhere, jsonElsewhere] = await Promise.all([
      hub(['desks', '--data', hubDir]),
      hub(['desks', '--data', hubDir, '--lang', 'fa']),
      hub(['desks', '--data', hubDir, '--json']),
      hub(['desks', '--data', join(root, 'no-hub-here')]),
      hub(['create-admin', '--data', hubDir, '--email', 'omar@desks.test', '--json']),
    ]);
    expect([en.code, fa.code, json.code, nowhere.code, jsonElsewhere.code]).toEqual([0, 0, 0, 1, 2]);
    expect(jsonElsewhere.err).toMatch(/^Unknown option "--json"\.\nusage:/);
    expect(en.out.trim()).toBe('No desk has signed in to this hub yet. A desk appears here once someone signs in at it with a hub account.');
    expect(fa.out.trim()).toBe('هنوز هیچ میزی به این هاب وارد نشده است. میز وقتی اینجا می‌آید که کسی با حساب هاب در آن وارد شود.');
    persianOnly(fa.out + fa.err);
    expect(json.out).toBe('');
    expect(json.err.trim()).toBe(en.out.trim());
    expect(nowhere.err.trim()).toBe(`There is no hub in ${join(root, 'no-hub-here')}: no hub has run with this --data folder. Give the folder the hub serves from, or its DATABASE_URL.`);
    // Nothing was made there.
    expect(existsSync(join(root, 'no-hub-here'))).toBe(false);
  }, 120_000);

  it('lists two desks by name, the latest call first, beside the running hub', async () => {
    front = await deskOf('Ava', 'FRONT-ROW-07', { [DESK_OUTBOX_HEADER]: '3' });
    // FRONT-ROW-07 read the log from its start (before Ava's account), then sent three tickets: changes it has not pulled.
    const before = await headNow();
    const ava = at.get(front)!;
    const pushed = await call<{ results: { status: string }[] }>(hubUrl, 'POST', '/sync/push', {
      token: ava.token,
      headers: { [DESK_OUTBOX_HEADER]: '3' },
      body: { deskId: front, events: [1, 2, 3].map((n) => ({ deskSeq: ++ava.seq, event: event(ava, uuidv7(), 1, 'CREATED', { segment: 'education', number: n }) })) },
    });
    expect(pushed.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await headNow()).toBe(before + 3);
    // The reception desk pulled up to the hub's head.
    reception = await deskOf('Omar', 'پذیرش ۲', { [DESK_VERSION_HEADER]: String(DESK_MACHINE_VERSION), [DESK_OUTBOX_HEADER]: '0' }, 'head');
    const head = await headNow();
    expect(await db.selectFrom('desk_contacts').select(['desk_id', 'read_to']).where('desk_id', 'in', [front, reception]).orderBy('read_to').execute()).toEqual([
      { desk_id: front, read_to: 0 },
      { desk_id: reception, read_to: head },
    ]);
    // Where a desk is costs no write per pull: ten more pulls within the minute leave its row as it was (same row version).
    const rowVersion = async () => (await sql<{ v: string }>`select xmin::text as v from desk_contacts where desk_id = ${reception}`.execute(db)).rows[0]!.v;
    const version = await rowVersion();
    for (let i = 0; i < 10; i++) expect((await call(hubUrl, 'GET', `/sync/pull?after=${head}`, { token: at.get(reception)!.token, headers: { [DESK_VERSION_HEADER]: String(DESK_MACHINE_VERSION), [DESK_OUTBOX_HEADER]: '0' } })).status).toBe(200);
    expect(await rowVersion()).toBe(version);
    // FRONT-ROW-07 last called three hours ago, its last pull five hours ago (it kept sending, receiving nothing), and its count went back once: a restore.
    await db.updateTable('desk_contacts').set({ last_contact_at: Date.now() - 3 * 60 * 60_000 - 60_000, read_at: Date.now() - 5 * 60 * 60_000 - 60_000 }).where('desk_id', '=', front).execute();
    await db.updateTable('desks').set({ epoch: 1 }).where('id', '=', front).execute();

    const run = await hub(['desks', '--data', hubDir], { TAGDESK_LANG: 'en' });
    expect(run.code, run.err).toBe(0);
    const lines = run.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^2 desks have signed in to this hub, the latest call first\. Times are the hub’s local time \(.+\)\.$/);
    expect(lines[2]).toMatch(/^Name +Id +Last seen +Version +Last signed in +Unsent +From the hub +Notes$/);
    expect(lines).toHaveLength(5);
    expect(lines[3]).toMatch(new RegExp(`^پذیرش ۲ +${shortDeskId(reception)} +just now \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\) +2 +Omar +0 +up to date$`));
    expect(lines[4]).toMatch(
      new RegExp(
        `^FRONT-ROW-07 +${shortDeskId(front)} +3 hours ago \\(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\) +1 +Ava +3 +5 changes behind +older than the hub \\(2\\): upgrade it; its count of changes went back once: restored from a backup, or its folder copied; last pulled 5 hours ago, though it has called the hub since$`,
      ),
    );
    // The columns line up, on screen.
    const column = (line: string, text: string) => stringWidth(line.slice(0, line.indexOf(text)));
    expect([column(lines[3]!, shortDeskId(reception)), column(lines[4]!, shortDeskId(front))]).toEqual([column(lines[2]!, 'Id'), column(lines[2]!, 'Id')]);
    expect([column(lines[3]!, 'Omar'), column(lines[4]!, 'Ava')]).toEqual([column(lines[2]!, 'Last signed in'), column(lines[2]!, 'Last signed in')]);
  }, 120_000);

  it('writes one JSON object a line with --json, its fields the same in any language', async () => {
    const [json, jsonFa] = await Promise.all([hub(['desks', '--data', hubDir, '--json']), hub(['desks', '--data', hubDir, '--json', '--lang', 'fa'])]);
    expect(json.code).toBe(0);
    expect(jsonFa.out).toBe(json.out);
    const desks = json.out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(desks.map((d) => d.name)).toEqual(['پذیرش ۲', 'FRONT-ROW-07']);
    for (const d of desks)
      expect(Object.keys(d).sort()).toEqual(['behind', 'clockSkewMs', 'countWentBack', 'hubVersion', 'id', 'lag', 'lastPullAt', 'lastSeen', 'lastSeenAt', 'lastUser', 'name', 'readTo', 'tooOld', 'unsent', 'version']);
    const [second, first] = desks as [Record<string, unknown>, Record<string, unknown>];
    const head = await headNow();
    expect(second).toMatchObject({ id: reception, version: DESK_MACHINE_VERSION, hubVersion: DESK_MACHINE_VERSION, unsent: 0, tooOld: false, countWentBack: 0, clockSkewMs: null, lastUser: { name: 'Omar' }, behind: 0, readTo: head, lag: null });
    // Ava's and Omar's accounts and three tickets since it last pulled.
    expect(first).toMatchObject({ id: front, version: 1, unsent: 3, countWentBack: 1, lastUser: { name: 'Ava' }, behind: 5, readTo: 0, lag: 'notReceiving' });
    expect(head).toBe(5);
    expect((first.lastSeenAt as number) - (first.lastPullAt as number)).toBeGreaterThanOrEqual(2 * 60 * 60_000 - 1000);
    expect(new Date(first.lastSeen as string).getTime()).toBe(first.lastSeenAt);
    expect(Date.now() - (first.lastSeenAt as number)).toBeGreaterThan(3 * 60 * 60_000);
  }, 120_000);

  it('says the table in Persian words and digits, the names isolated', async () => {
    const run = await hub(['desks', '--data', hubDir], { LANG: 'fa_IR.UTF-8' });
    expect(run.code, run.err).toBe(0);
    persianOnly(run.out + run.err);
    const lines = run.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^۲ میز به این هاب وارد شده‌اند، تازه‌ترین تماس نخست\. زمان‌ها به وقت محلی هاب‌اند \(\u2068.+\u2069\)\.$/);
    expect(lines[2]).toMatch(/^نام +شناسه +آخرین تماس +نسخه +آخرین کسی که وارد شد +نفرستاده +از هاب +یادداشت$/);
    expect(lines[3]).toMatch(new RegExp(`^پذیرش ۲ +\u2068${shortDeskId(reception)}\u2069 +همین حالا \\([۰-۹/]+، [۰-۹]{2}:[۰-۹]{2}\\) +۲ +\u2068Omar\u2069 +۰ +به‌روز$`));
    expect(lines[4]).toMatch(
      new RegExp(`^\u2068FRONT-ROW-07\u2069 +\u2068${shortDeskId(front)}\u2069 +۳ ساعت پیش \\([۰-۹/]+، [۰-۹]{2}:[۰-۹]{2}\\) +۱ +\u2068Ava\u2069 +۳ +۵ تغییر عقب +قدیمی‌تر از هاب \\(۲\\): آن را به‌روز کنید؛ شمار تغییراتش یک بار به عقب برگشت`),
    );
    expect(lines[4]).toMatch(/؛ آخرین دریافت ۵ ساعت پیش، هرچند پس از آن با هاب تماس گرفته است$/);
  }, 120_000);

  it('lists them with the hub stopped (its PostgreSQL started for the command), and says so when the database cannot be reached', async () => {
    expect(await stopHub()).toBe(0);
    await db.destroy();
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    const closedPort = (holder.address() as AddressInfo).port;
    await new Promise<void>((resolve) => holder.close(() => resolve()));
    const [json, refused, refusedFa] = await Promise.all([
      hub(['desks', '--data', hubDir, '--json']),
      hub(['desks'], { DATABASE_URL: `postgres://hubuser:s3cret@127.0.0.1:${closedPort}/tagdesk` }),
      hub(['desks', '--lang', 'fa'], { DATABASE_URL: `postgres://hubuser:s3cret@127.0.0.1:${closedPort}/tagdesk` }),
    ]);
    expect(json.code, json.err).toBe(0);
    expect(json.out.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual([reception, front]);
    expect(runningPostgresUrl(join(hubDir, 'pg'))).toBeNull();
    expect([refused.code, refusedFa.code]).toEqual([1, 1]);
    expect(refused.err.trim()).toBe(`The hub could not use the PostgreSQL at hubuser@127.0.0.1:${closedPort}/tagdesk: nothing answers there. Is PostgreSQL running, and on that port?`);
    expect(refusedFa.err.trim()).toBe(`هاب نتوانست PostgreSQL در \u2068hubuser@127.0.0.1:${closedPort}/tagdesk\u2069 را به کار بگیرد: آنجا چیزی پاسخ نمی‌دهد. آیا PostgreSQL روشن است، و روی همان درگاه؟`);
  }, 120_000);
});

// A command's database failing after it connected (a running hub's PostgreSQL that stopped on the
// way): said as DATABASE_URL's refusals are, and in Persian not as "the hub did not start".
describe('a hub command whose database fails', () => {
  const url = 'postgres://postgres:pw@127.0.0.1:5999/postgres';
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' });
  it('says where and why, in English and Persian', () => {
    expect(commandFailure(refused, url, hubSay('en'))).toBe('The hub could not use the PostgreSQL at postgres@127.0.0.1:5999/postgres: nothing answers there. Is PostgreSQL running, and on that port?');
    expect(commandFailure(refused, url, hubSay('fa'))).toBe('هاب نتوانست PostgreSQL در \u2068postgres@127.0.0.1:5999/postgres\u2069 را به کار بگیرد: آنجا چیزی پاسخ نمی‌دهد. آیا PostgreSQL روشن است، و روی همان درگاه؟');
    expect(commandFailure(new Error('deadlock detected'), url, hubSay('en'))).toBe('deadlock detected');
    expect(commandFailure(new Error('deadlock detected'), url, hubSay('fa'))).toBe('فرمان انجام نشد: \u2068deadlock detected\u2069');
  });
});

// A desk's name is what the desk sent (its header): shown at the hub's console, it must not be
// able to drive the terminal (an escape sequence) or reorder the line (a bidi override).
describe('a desk name that holds control characters', () => {
  const desk: DeskLine = { id: '0190aaaa-bbbb-7ccc-8ddd-eeeeffff0000', name: 'EVIL\u001b[2J\u202eX\u009b31m', lastSeenAt: 0, lastSeen: new Date(0).toISOString(), version: 2, hubVersion: 2, lastUser: { id: 'u', name: 'Ava\u0007' }, unsent: null, clockSkewMs: null, tooOld: false, countWentBack: 0, behind: null, readTo: null, lastPullAt: null, lag: null };
  it('shows them as replacement characters in the table, and escaped in JSON', () => {
    for (const language of ['en', 'fa'] as const) {
      const table = deskTable(hubSay(language), [desk], 60_000);
      // Newlines between its lines only.
      expect(table).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/u);
      expect(table).toContain('EVIL\uFFFD[2J\uFFFDX\uFFFD31m');
      expect(table).toContain('Ava\uFFFD');
      // A desk not heard pulling since the hub kept where it is (one from before): not known.
      expect(table).toContain(language === 'en' ? 'not known' : 'نامعلوم');
    }
    const line = deskJson(desk);
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/u);
    expect(line).toContain('\\u009b');
    expect(JSON.parse(line)).toEqual(desk);
  });
});
