// Screenshots of the board's product trends: npm exec -- tsx scratch/tmp/shotsTrends.ts (after npm run build)
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { openDesk } from '../../src/main/core/desk';
import { startWebShell } from '../../src/main/web/server';
const dir = '/work/shotdesk';
fs.rmSync(dir, { recursive: true, force: true });
(await openDesk({ dataDir: dir, demo: true })).close();
const shell = await startWebShell({ dataDir: dir, demo: false, port: 0, testClock: false });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
fs.mkdirSync('/tmp/shots', { recursive: true });
for (const [lang, scheme, width] of [['en', 'light', 1400], ['fa', 'dark', 760], ['en', 'dark', 760], ['fa', 'light', 1400]] as const) {
  const page = await browser.newPage({ viewport: { width, height: 1000 } });
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(shell.url);
  if (lang === 'fa') await page.getByText('فارسی', { exact: true }).click();
  await page.getByRole('button', { name: /Grace/ }).first().click();
  await page.waitForTimeout(800);
  await page.evaluate(() => (window.location.hash = '#/overview'));
  await page.waitForTimeout(1000);
  const region = page.getByRole('region', { name: /Product trends|روند/ });
  await region.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1200);
  await region.screenshot({ path: `/tmp/shots/trends-${lang}-${scheme}-${width}.png` });
  console.log(`/tmp/shots/trends-${lang}-${scheme}-${width}.png`);
  await page.close();
}
await browser.close();
await shell.close();
