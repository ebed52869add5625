import { en } from '../src/renderer/i18n/en';
import { expect, test } from './fixtures';
import { signInAs } from './pages/app';
import { Board } from './pages/board';
import { CustomerView } from './pages/customer';
import { TicketView } from './pages/ticket';

// The board's product trends come from counts the desk keeps as tickets are created
// (trendCounts.ts): a feature request an agent records is on the supervisor's board at once,
// under its system's product line, with its own words as the latest example.

test('a feature request an agent records shows on the board’s product trends, newest first', async ({ page }) => {
  test.slow();
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('7XK2QF1');
  const customer = new CustomerView(page);
  await customer.expectCustomer('Lakeside Unified School District');
  const subject = 'Feature request: would like a backlit keyboard option';
  await customer.createTicket({ subject, description: 'Asked for on every call this month.' });
  await expect(new TicketView(page).heading(subject)).toBeVisible();

  await app.switchUser('Grace Chen');
  const board = new Board(page);
  await board.open();
  const trends = page.getByRole('region', { name: en['trends.title'] });
  // The section is drawn when it comes into view.
  await trends.scrollIntoViewIfNeeded();
  await expect(trends.getByText(en['trends.perProduct'])).toBeVisible();
  const request = trends.getByRole('row').filter({ hasText: subject });
  await expect(request).toBeVisible();
  // Counted under a product line of its own, not as "Unknown": the ticket is on Lakeside's system.
  await expect(request.getByRole('cell').first()).not.toHaveText('Unknown');
  const line = (await request.getByRole('cell').first().textContent()) ?? '';
  await expect(trends.getByRole('row').filter({ hasText: new RegExp(`^${line}`) }).first()).toBeVisible();
});
