import type { Page } from '@playwright/test';
import { en } from '../src/renderer/i18n/en';
import { expect, test } from './fixtures';
import { signInAs } from './pages/app';

// The app comes up and talks to its back end: either screen below is shown only after a
// round trip through the transport (desk.status, then session.users for sign-in).

function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return problems;
}

test('the app loads on a demo desk and offers a way in', async ({ page }) => {
  const problems = collectProblems(page);
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await expect(page).toHaveTitle(/Tagdesk/);
  // Each person's tier and segments are read whole, not cut ("Tier 1 · Education, Gover…").
  const metas = page.locator('[id^="user-meta-"]');
  await expect(metas.first()).toBeVisible();
  const cut = await metas.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent));
  expect(cut).toEqual([]);
  expect(problems).toEqual([]);
});

// A page that cannot be shown is still named by its heading, like any page: the heading takes
// focus and names the window, and the reason is said below it.
test('a link to no ticket, or to a page the role may not open, says why on a page named as usual', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await page.evaluate(() => (window.location.hash = '#/ticket/019a0000-0000-7000-8000-000000000000'));
  await expect(app.heading(en['ticket.pageName'])).toBeFocused();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('alert').getByRole('button', { name: en['common.retry'] })).toHaveCount(0);
  await expect(page).toHaveTitle(new RegExp(`^${en['ticket.pageName']}`));
  // An agent who opens the new-article address (a shared link) is told it is not theirs.
  await page.evaluate(() => (window.location.hash = '#/kb/new'));
  await expect(app.heading(en['kb.new'])).toBeFocused();
  await expect(page.getByRole('alert')).toContainText(en['kb.writeForbidden']);
  await expect(page).toHaveTitle(new RegExp(`^${en['kb.new']}`));
});

test.describe('on an empty desk', () => {
  test.use({ deskData: 'empty' });

  test('the app offers to set the desk up', async ({ page }) => {
    const problems = collectProblems(page);
    await expect(page.getByRole('heading', { level: 1, name: en['firstStart.title'] })).toBeVisible();
    expect(problems).toEqual([]);
  });
});
