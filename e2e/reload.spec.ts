import { en } from '../src/renderer/i18n/en';
import { expect, test } from './fixtures';
import { signInAs } from './pages/app';
import { CustomerView } from './pages/customer';
import { TicketView } from './pages/ticket';

// A reload (or a crash and restart of the window) loses nothing: the screen is in the URL,
// the signed-in person is remembered, and a half-written form is still there.

test('a reload keeps the screen, the user and the unsaved draft', async ({ page }) => {
  const app = await signInAs(page, 'Ben Okafor');
  await app.lookup('7XK2QF1');
  const customer = new CustomerView(page);
  await customer.expectCustomer('Lakeside Unified School District');
  // The address bar follows the screen once the browser is idle (src/renderer/route.ts).
  await expect(page).toHaveURL(/#\/customer\//);
  const url = page.url();

  await customer.newTicketButton.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(en['newTicket.subject']).fill('Projector will not turn on');

  await page.reload();
  await expect(page).toHaveURL(url);
  await app.signedInAs('Ben Okafor');
  await customer.expectCustomer('Lakeside Unified School District');
  await expect(page.getByRole('dialog').getByLabel(en['newTicket.subject'])).toHaveValue('Projector will not turn on');
});

test('a reload on a ticket with a dialog open brings both back', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('HX4P9R2');
  await new CustomerView(page).createTicket({ subject: 'Battery drains overnight', assignToMe: false });
  const ticket = new TicketView(page);
  await ticket.take();
  await ticket.action('action.ADD_NOTE').click();
  await ticket.noteField().fill('Customer will send a battery report.');

  await page.reload();
  await app.signedInAs('Ava Martin');
  await expect(ticket.heading('Battery drains overnight')).toBeVisible();
  await expect(ticket.noteField()).toHaveValue('Customer will send a battery report.');
});
