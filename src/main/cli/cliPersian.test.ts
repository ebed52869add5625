import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEn, cliFa, cliLanguageOf, cliTranslator } from './messages';

// The CLI speaks Persian when asked (--lang fa, TAGDESK_LANG=fa, LANG=fa_IR.UTF-8): its
// lines for people, errors included, come from the same keys as the English ones.

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const ENTRY = join(process.cwd(), 'src', 'main', 'cli', 'index.ts');

function tagdesk(env: Record<string, string>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const base: Record<string, string | undefined> = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`, TAGDESK_DATA: '' };
  for (const name of ['TAGDESK_LANG', 'LC_ALL', 'LC_MESSAGES', 'LANG']) delete base[name];
  const child = spawn(TSX, [ENTRY, ...args], { timeout: 60_000, env: { ...base, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (status) => done({ status, stdout, stderr }));
  });
}

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
    const fa = cliTranslator('fa');
    expect(fa('seed.done', { dir: '/tmp/desk', customers: 2000, tickets: 35 })).toBe('\u2068/tmp/desk\u2069 پر شد: ۲٬۰۰۰ مشتری، ۳۵ تیکت.');
    expect(cliTranslator('en')('seed.done', { dir: '/tmp/desk', customers: 2000, tickets: 35 })).toBe('Seeded /tmp/desk: 2000 customers, 35 tickets.');
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

  it('follows LANG=fa_IR.UTF-8 and TAGDESK_LANG=fa, error lines included', async () => {
    const none = await tagdesk({ LANG: 'fa_IR.UTF-8' }, 'lookup', 'ZZZZZZZ', '--data', dataDir);
    expect(none.status).toBe(1);
    expect(none.stderr.trim()).toBe('برای «\u2068ZZZZZZZ\u2069» چیزی پیدا نشد.');
    const usage = await tagdesk({ TAGDESK_LANG: 'fa' }, 'frobnicate');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('فرمان ناشناخته: «\u2068frobnicate\u2069».');
    expect(usage.stderr).toContain('فرمان‌ها:');
    const missing = await tagdesk({ TAGDESK_LANG: 'fa' }, 'stats', '--data', join(root, 'nothing-here'));
    expect(missing.status).toBe(3);
    expect(missing.stderr).toMatch(/^tagdesk: آنجا میزی نیست/);
  }, 60_000);

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
