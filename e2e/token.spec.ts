import { en } from '../src/renderer/i18n/en';
import { expect, test } from './fixtures';

// The browser shell's token arrives in the printed address. Once the page has it, it leaves
// the address bar and the history entry (a shoulder-surfer, a screenshot or a shared
// history would otherwise carry it), and a reload still reaches the desk.

test('the token leaves the address bar once the app has loaded, and a reload still works', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
});
