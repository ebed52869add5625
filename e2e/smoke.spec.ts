import type { Page } from '@playwright/test';
import { en } from '../src/renderer/i18n/en';
import { expect, test } from './fixtures';

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

test.describe('on an empty desk', () => {
  test.use({ deskData: 'empty' });

  test('the app offers to set the desk up', async ({ page }) => {
    const problems = collectProblems(page);
    await expect(page.getByRole('heading', { level: 1, name: en['firstStart.title'] })).toBeVisible();
    expect(problems).toEqual([]);
  });
});
