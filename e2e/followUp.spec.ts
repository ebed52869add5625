import { en } from '../src/renderer/i18n/en';
import { expect, SHELL, test } from './fixtures';
import { signInAs } from './pages/app';
import { advanceClock } from './pages/board';
import { CustomerView } from './pages/customer';
import { TicketView } from './pages/ticket';

// The repeat caller, ten days on: Maria's laptop, resolved, fails again. While Reopen is there its
// dialog says what a reopening does to the resolution SLA; past the window the ticket page says
// why Reopen is gone and opens New ticket following the old one, each ticket naming the other.
// On the phone ticket, her next call is "Customer called", and its timeline entry says so too.

test.use({ testClock: true });

const DAY = 86_400_000;

test('past the reopen window the ticket says why, and the new ticket follows the old one', async ({ page }) => {
  test.slow(); // ten days of SLA events fire when the clock moves on
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('HX4P9R2');
  const customer = new CustomerView(page);
  await customer.expectCustomer('Maria Gonzalez');
  await customer.createTicket({ subject: 'Laptop will not boot' });
  const ticket = new TicketView(page);
  await expect(ticket.heading('Laptop will not boot')).toBeVisible();
  const number = (await page.getByRole('heading', { level: 1 }).locator('bdi').first().textContent())!.trim();
  await expect(ticket.actions.getByRole('button', { name: 'Customer called', exact: true })).toBeVisible();
  // Recorded, her call is a call everywhere it is named: the notice and the timeline's entry
  // (which said "Customer replied" under the "Customer called" button).
  await ticket.actions.getByRole('button', { name: 'Customer called', exact: true }).click();
  await ticket.dialog.getByRole('button', { name: en['act.submit.CUSTOMER_REPLIED.called'] }).click();
  await expect(ticket.dialog).toBeHidden();
  await expect(page.getByText(`Call recorded on ${number}.`)).toBeVisible();
  const timeline = page.getByRole('region', { name: en['ticket.timeline'] });
  await expect(timeline.getByText('Customer called', { exact: true })).toBeVisible();
  await expect(timeline.getByText(en['event.CUSTOMER_REPLIED'], { exact: true })).toHaveCount(0);
  await ticket.resolve('fixed_remotely', 'Reseated the memory; it boots.');

  await ticket.action('action.REOPEN').click();
  await expect(ticket.dialog.getByTestId('reopen-sla')).toContainText(/^Resolution SLA: under .+, it (continues where it stopped|starts again from the reopening)/);
  await ticket.dialog.getByRole('button', { name: en['common.cancel'] }).click();

  await advanceClock(page, 9 * DAY + 60_000);
  await page.reload();
  const why = page.getByTestId('reopen-refused');
  await expect(why).toContainText('Reopen is possible for 7 days after resolution; this ticket was resolved 10 days ago.');
  await expect(ticket.action('action.REOPEN')).toHaveCount(0);
  await why.getByRole('button', { name: `New ticket following ${number}` }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('new-ticket-follows')).toContainText(`Follows ${number}`);
  await expect(dialog.getByLabel(en['newTicket.system'], { exact: true })).toHaveValue(/^HX4P9R2 · /);
  await dialog.getByLabel(en['newTicket.subject']).fill('Laptop will not boot again');
  // Ctrl+Enter: ten days of SLA notices stack over the dialog's corner.
  await dialog.getByLabel(en['newTicket.subject']).press('Control+Enter');
  await expect(ticket.heading('Laptop will not boot again')).toBeVisible();
  const links = page.getByTestId('ticket-links');
  await expect(links).toHaveText(`Follows ${number}`);
  await links.getByRole('link', { name: number }).click();
  await expect(ticket.heading('Laptop will not boot$')).toBeVisible();
  await expect(page.getByTestId('ticket-links')).toContainText(/^Followed by T-\d{6}$/);
});

// A ticket opened at a desk that keeps three days for reopening (the desk option reopenWindowMs;
// the demo's is the default seven): its Resolve dialog said "7 days". It says the ticket's own
// window, which the desk now sends with the ticket (src/main/core/followUp.test.ts); here the spec
// sets it at the window's socket, as a desk with a three-day window would send it.
test('the Resolve dialog says the ticket’s own reopen window', async ({ page }) => {
  test.skip(SHELL !== 'web', 'the spec plays the ticket’s window at the browser shell’s socket');
  await page.routeWebSocket(/\/api\?/, (ws) => {
    const server = ws.connectToServer();
    const asked = new Set<number>();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id?: number; method?: string };
      if (frame.id !== undefined && (frame.method === 'tickets.get' || frame.method === 'tickets.create')) asked.add(frame.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id?: number; ok?: boolean; result?: { reopenWindowDays?: number } };
      if (frame.id === undefined || !asked.delete(frame.id) || !frame.ok || frame.result?.reopenWindowDays !== 7) return ws.send(message);
      ws.send(JSON.stringify({ ...frame, result: { ...frame.result, reopenWindowDays: 3 } }));
    });
  });
  await page.reload();
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('HX4P9R2');
  const customer = new CustomerView(page);
  await customer.expectCustomer('Maria Gonzalez');
  await customer.createTicket({ subject: 'Screen flickers' });
  const ticket = new TicketView(page);
  await expect(ticket.heading('Screen flickers')).toBeVisible();
  await ticket.action('action.RESOLVE').click();
  await expect(ticket.dialog).toContainText('The customer can ask to reopen it for 3 days after it is resolved');
});
