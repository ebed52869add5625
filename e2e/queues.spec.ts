import { en } from '../src/renderer/i18n/en';
import { expect, test } from './fixtures';
import { signInAs } from './pages/app';
import { TicketView } from './pages/ticket';

// Queues by segment and tier: an agent sees tier 1 of their segments and takes the next
// ticket; a supervisor sees every queue on the overview and opens one from its cell.

test('an agent sees only tier 1 of their segments and takes the next ticket', async ({ page }) => {
  const app = await signInAs(page, 'Ben Okafor');
  await app.goToQueues();
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: 'Education · Tier 1' })).toBeVisible();
  await expect(main.getByRole('link', { name: 'Government · Tier 1' })).toBeVisible();
  await expect(main.getByRole('link', { name: /Home · / })).toHaveCount(0);
  await expect(main.getByRole('link', { name: /Tier 2/ })).toHaveCount(0);

  await main.getByRole('link', { name: 'Education · Tier 1' }).click();
  await expect(app.heading('Education · Tier 1')).toBeVisible();
  await expect(page.getByRole('region', { name: /Tickets in Education · Tier 1/ }).getByRole('row').nth(1)).toBeVisible();
  await page.getByRole('button', { name: en['queues.takeNext'] }).click();
  const ticket = new TicketView(page);
  await ticket.id();
  await expect(page.getByText('Assigned to Ben Okafor')).toBeVisible();
});

test('the supervisor overview shows every queue and opens one', async ({ page }) => {
  const app = await signInAs(page, 'Grace Chen');
  await app.nav.getByRole('link', { name: en['nav.overview'] }).click();
  await expect(app.heading(en['overview.title'])).toBeVisible();
  const cells = page.getByRole('button', { name: /open, \d+ unassigned/ });
  await expect(cells).toHaveCount(15);
  await page.getByRole('button', { name: /^Home · Tier 2:/ }).click();
  await expect(app.heading('Home · Tier 2')).toBeVisible();
});

test('agents are not offered the overview', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await expect(app.nav.getByRole('link', { name: en['nav.queues'] })).toBeVisible();
  await expect(app.nav.getByRole('link', { name: en['nav.overview'] })).toHaveCount(0);
});
