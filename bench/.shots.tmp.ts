import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startWebShell } from '../src/main/web/server';
import { fa } from '../src/renderer/i18n/fa';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tagdesk-shots-'));
const shell = await startWebShell({ dataDir, demo: true, port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [scheme, width] of [['light', 1400], ['dark', 820]] as const) {
    const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
    await page.goto(shell.url.replace('?', '?lang=fa&'));
    await page.getByRole('button', { name: /^Omar Haddad/ }).click();
    await page.locator('#main h1').waitFor();
    await page.evaluate(() => (window.location.hash = '#/customer/new?q=7XK2QF9'));
    await page.locator('#main h1').waitFor();
    await page.waitForTimeout(800);
    const ship = page.getByRole('textbox', { name: new RegExp(fa['asset.shipped']) }).first();
    await ship.fill('۱۴۰۴/۰۶/۱۲');
    await page.getByRole('button', { name: new RegExp(`^${fa['date.openCalendar'].split(' ')[0]} ${fa['record.warrantyEnd']}`) }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/shots/register-${scheme}-${width}.png` });
    await page.keyboard.press('Escape');
    await page.evaluate(() => (window.location.hash = '#/admin/sla/calendar/tehran'));
    await page.waitForTimeout(1200);
    await page.getByRole('button', { name: /^انتخاب تاریخ .* در تقویم$/ }).first().click().catch(() => undefined);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/shots/holidays-${scheme}-${width}.png` });
    await page.close();
  }
} finally {
  await browser.close();
  await shell.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
