import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { en } from '../src/renderer/i18n/en';
import { tagToExpressCode } from '../src/shared/serviceTag';
import { startWebShell, type WebShell } from '../src/main/web/server';
import { signInAs } from './pages/app';
import { CustomerView } from './pages/customer';

// The lookup paints at once: when the query finds one customer, the lookup's own answer (it
// carries the whole 360° view) is what the page shows, so the agent waits on one call, not two;
// the rest of the page follows a frame later, and going back to a customer already seen shows
// it again. Counting the calls needs the WebSocket, so this spec always starts the browser
// shell itself, whichever shell the other specs use.

const LAKESIDE = 'Lakeside Unified School District';
const MARIA = { name: 'Maria Gonzalez', tag: 'HX4P9R2' };

let shell: WebShell;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tagdesk-e2e-paint-'));
  shell = await startWebShell({ dataDir, demo: true, port: 0 });
});

test.afterAll(async () => {
  await shell.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test('a tag that finds one customer paints the 360° view from the one lookup call', async ({ browser }) => {
  const page = await browser.newPage();
  const calls: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const frame: unknown = typeof payload === 'string' ? JSON.parse(payload) : null;
      if (typeof frame === 'object' && frame !== null && 'method' in frame && typeof frame.method === 'string') calls.push(frame.method);
    }),
  );
  await page.goto(shell.url);
  const app = await signInAs(page, 'Ava Martin');

  calls.length = 0;
  await app.lookup('7XK2QF1');
  const customer = new CustomerView(page);
  await customer.expectCustomer(LAKESIDE);
  await customer.expectMatchedSystem('7XK2QF1');
  // Below the fold arrives too: contacts, interactions, past tickets.
  await expect(page.getByRole('region', { name: en['customer.contacts'] })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Interactions/ })).toBeVisible();
  await expect(page.getByRole('region', { name: /^Past tickets/ })).toBeVisible();
  expect(calls.filter((m) => m === 'lookup.search')).toHaveLength(1);
  expect(calls).not.toContain('customers.view');

  // Elsewhere and back: the same customer, the same system marked (from memory, refreshed
  // behind it once the kept answer is more than a moment old).
  await app.goToQueues();
  await page.goBack();
  await customer.expectCustomer(LAKESIDE);
  await customer.expectMatchedSystem('7XK2QF1');
  await page.close();
});

test('a whole tag is looked up as it is typed, and Enter paints that answer without asking again', async ({ browser }) => {
  const page = await browser.newPage();
  const calls: Array<{ method: string; query: unknown }> = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const frame: unknown = typeof payload === 'string' ? JSON.parse(payload) : null;
      if (typeof frame === 'object' && frame !== null && 'method' in frame && typeof frame.method === 'string') {
        calls.push({ method: frame.method, query: 'input' in frame && typeof frame.input === 'object' && frame.input !== null && 'query' in frame.input ? frame.input.query : null });
      }
    }),
  );
  await page.goto(shell.url);
  const app = await signInAs(page, 'Ava Martin');
  const lookups = () => calls.filter((c) => c.method === 'lookup.search').map((c) => c.query);

  // Typed key by key: nothing is asked until the seventh character makes a whole tag.
  calls.length = 0;
  await app.lookupField.pressSequentially(MARIA.tag.slice(0, 6), { delay: 20 });
  await page.waitForTimeout(200);
  expect(lookups()).toEqual([]);
  await app.lookupField.press(MARIA.tag[6]!);
  await expect.poll(lookups).toEqual([MARIA.tag]);
  await page.waitForTimeout(200);
  await app.lookupField.press('Enter');
  await new CustomerView(page).expectCustomer(MARIA.name);
  expect(lookups()).toEqual([MARIA.tag]);

  // An Express Service Code is digits, which could still grow: it is asked on Enter only.
  calls.length = 0;
  await app.lookupField.fill('');
  await app.lookupField.pressSequentially(tagToExpressCode(MARIA.tag), { delay: 10 });
  await page.waitForTimeout(200);
  expect(lookups()).toEqual([]);
  await app.lookupField.press('Enter');
  await new CustomerView(page).expectMatchedSystem(MARIA.tag);
  expect(lookups()).toEqual([tagToExpressCode(MARIA.tag)]);
  await page.close();
});

test('whoever signs in next is not shown the last person’s views from memory', async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto(shell.url);
  const ava = await signInAs(page, 'Ava Martin');
  await ava.lookup(MARIA.tag);
  const customer = new CustomerView(page);
  await customer.expectCustomer(MARIA.name);
  // Ben works education and government; Maria is a home customer. The desk refuses him her
  // view, and the page (the screen is kept across the switch) says so rather than painting
  // what Ava's screen held.
  await ava.switchUser('Ben Okafor');
  await expect(page.getByRole('alert')).toContainText('segment you do not work');
  await expect(page.getByRole('heading', { level: 1, name: MARIA.name })).toHaveCount(0);
  await page.close();
});
