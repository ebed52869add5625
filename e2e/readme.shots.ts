import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { fa } from '../src/renderer/i18n/fa';
import { expect, test } from './fixtures';
import { signInAs, signInInPersian } from './pages/app';
import { Board } from './pages/board';
import { CustomerView } from './pages/customer';

// The README's main pictures (`npm run docs:screenshots`, playwright.docs.config.ts). Each waits until nothing on the page is
// still loading, then keeps the pointer off the page, so no chart shows a tooltip.

const DOCS = join(import.meta.dirname, '..', 'docs');

async function settled(page: Page): Promise<void> {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
  await page.mouse.move(0, 0);
  // Charts and lists finish their transitions.
  await page.waitForTimeout(1_500);
}

async function lookUpInPersian(page: Page, query: string): Promise<void> {
  const field = page.getByRole('textbox', { name: fa['lookup.label'] });
  await field.fill(query);
  await field.press('Enter');
}

test('the 360° view of a customer found by service tag', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('7XK2QF1');
  await new CustomerView(page).expectCustomer('Lakeside Unified School District');
  await settled(page);
  await page.screenshot({ path: join(DOCS, 'screenshot.png') });
});

test("the supervisor's live board", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAs(page, 'Grace Chen');
  await new Board(page).open();
  await settled(page);
  await page.screenshot({ path: join(DOCS, 'board.png'), fullPage: true });
});

test('the 360° view in Persian, right to left', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await signInInPersian(page, 'Ava Martin');
  await lookUpInPersian(page, '7XK2QF1');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lakeside Unified School District');
  await settled(page);
  await page.screenshot({ path: join(DOCS, 'fa-360.png') });
});

test("the supervisor's board in Persian, dark", async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1400, height: 900 });
  await signInInPersian(page, 'Grace Chen');
  await page.evaluate(() => (window.location.hash = '#/overview'));
  await expect(page.getByRole('heading', { level: 1, name: fa['overview.title'] })).toBeVisible();
  await settled(page);
  await page.screenshot({ path: join(DOCS, 'fa-board.png'), fullPage: true });
});
