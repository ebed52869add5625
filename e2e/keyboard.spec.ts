import { expect, type Locator, type Page } from '@playwright/test';
import { en } from '../src/renderer/i18n/en';
import { fa } from '../src/renderer/i18n/fa';
import { SHELL, test } from './fixtures';
import { expectFocusedTraced, traceFocus, traceStep } from './focusTrace';

// A ticket from lookup to resolution with the keyboard alone: sign-in, Ctrl+K, the command
// palette (Ctrl+Shift+P), dialogs, and focus that always lands somewhere useful. Then the
// language switch, measured from the click to the next frame (printed, not asserted).

/** Presses Tab (or `key`: Shift+Tab) until `target` has focus (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 40, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

/** The palette's command that Enter runs: the one its list marks. */
const marked = (page: Page) => page.locator('.mantine-Spotlight-content [data-action][data-selected]');

/**
 * Opens the palette, searches for `query`, and runs `command` with Enter once the list marks it
 * as the one Enter runs (Mantine marks the first match as the search changes: ArrowDown would
 * move to the second).
 */
async function palette(page: Page, query: string, command: string, dictionary: typeof en | typeof fa = en): Promise<void> {
  await page.keyboard.press('ControlOrMeta+Shift+P');
  const search = page.getByRole('textbox', { name: dictionary['palette.open'] });
  await expect(search).toBeFocused();
  await page.keyboard.type(query);
  await expect(search).toHaveValue(query);
  await expect(marked(page)).toHaveText(command);
  await page.keyboard.press('Enter');
}

test('a ticket goes from lookup to resolution with the keyboard alone', async ({ page }) => {
  test.setTimeout(90_000);
  // The browser shell's answers to My tickets can be held back (a slow machine), below.
  let slowList = false;
  if (SHELL === 'web') {
    await page.routeWebSocket(/\/api\?/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const slow = slowList && String(message).includes('"method":"inbox.mine"');
        if (slow) setTimeout(() => server.send(message), 1_500);
        else server.send(message);
      });
    });
    await page.reload();
  }
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: /^Ava Martin/ }));
  await page.keyboard.press('Enter');
  const h1 = page.locator('#main h1');
  // Focus goes to the heading once the page has its data (pageFocus.ts waits while a part of it
  // is busy, up to 10 s): on a loaded machine My tickets' rows came after expect's 5 s, and the
  // heading took focus just after (2 of 12 loaded runs). So the rows first, then the focus.
  await expect(page.locator('#main table a[href^="#/ticket/"]').first()).toBeVisible({ timeout: 15_000 });
  await expect(h1).toBeFocused();
  await expect(page).toHaveTitle(`${en['mine.title']} · Tagdesk`);

  // Back from a ticket opened from My tickets puts focus on the link that opened it (it went to
  // the heading: she Tabbed down the list again).
  const opened = page.locator('#main table a[href^="#/ticket/"]').first();
  const href = await opened.getAttribute('href');
  await tabTo(page, opened);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/ticket\//);
  await expect(h1).toBeFocused();
  await page.goBack();
  await expect(page.locator(`#main a[href="${href}"]`)).toBeFocused();

  // The same from a row far down the list: the list draws only the rows in view, so the row was
  // not drawn on coming back and focus fell to the heading; the list scrolls to it now.
  const list = page.getByRole('region', { name: en['mine.tableLabel'] });
  const rowCount = Number(await list.getByRole('table').getAttribute('aria-rowcount'));
  expect(rowCount).toBeGreaterThan(40);
  await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const far = list.locator(`tr[aria-rowindex="${rowCount}"] a[href^="#/ticket/"]`);
  const farHref = await far.getAttribute('href');
  await far.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/ticket\//);
  // The list's rows arriving after more than the second focus waited for them (counted from the
  // page's arrival, focus fell to the heading before they came): it waits from when they came.
  slowList = SHELL === 'web';
  // The list learning its width (and so where the row is) well after its rows came, as on a
  // busy machine: focus went to the heading before the list had scrolled to the row. It waits
  // until the list has drawn the row.
  await page.evaluate(() => {
    const w = window as Window & { resizeAsUsual?: typeof ResizeObserver };
    const Usual = (w.resizeAsUsual = window.ResizeObserver);
    window.ResizeObserver = class extends Usual {
      constructor(callback: ResizeObserverCallback) {
        super((entries, observer) => window.setTimeout(() => callback(entries, observer), 1_500));
      }
    };
  });
  await page.goBack();
  await expect(page.locator(`#main a[href="${farHref}"]`)).toBeFocused({ timeout: 8_000 });
  await expect(page.locator(`#main a[href="${farHref}"]`)).toBeInViewport();
  await page.evaluate(() => (window.ResizeObserver = (window as Window & { resizeAsUsual?: typeof ResizeObserver }).resizeAsUsual!));
  slowList = false;

  // A row opened before the page's address was written (the browser writes it once idle, within
  // a fifth of a second; here later, as on a busy machine): Back skipped the page, to the one
  // before it. Any opening of a row is recorded now.
  await far.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/ticket\//);
  await page.evaluate(() => {
    const w = window as Window & { idleAsUsual?: typeof requestIdleCallback };
    w.idleAsUsual = window.requestIdleCallback;
    window.requestIdleCallback = (callback) => window.setTimeout(() => callback({ didTimeout: true, timeRemaining: () => 0 }), 3_000);
  });
  await palette(page, 'my tickets', en['palette.goMine']);
  await expect(h1).toHaveText(en['mine.title']);
  const soon = page.locator('#main table a[href^="#/ticket/"]').nth(1);
  const soonHref = await soon.getAttribute('href');
  await soon.click();
  await expect(page).toHaveURL(new RegExp(`${soonHref}$`));
  await page.goBack();
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.locator(`#main a[href="${soonHref}"]`)).toBeFocused();
  await page.evaluate(() => (window.requestIdleCallback = (window as Window & { idleAsUsual?: typeof requestIdleCallback }).idleAsUsual!));

  await page.keyboard.press('ControlOrMeta+k');
  await expect(page.getByRole('textbox', { name: en['lookup.label'] })).toBeFocused();
  await page.keyboard.type('7XK2QF1');
  await page.keyboard.press('Enter');
  await expect(h1).toHaveText('Lakeside Unified School District');
  await expect(h1).toBeFocused();

  // The form opened from a system's row and closed with Escape gives focus back to that row's
  // button (it went to the heading: the form is drawn only while open).
  const rowNewTicket = page.getByRole('button', { name: en['asset.newTicketFor'].replace('{tag}', '7XK2QF1') });
  await tabTo(page, rowNewTicket);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: /^New ticket for/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(rowNewTicket).toBeFocused();

  await palette(page, 'new ticket', en['palette.newTicket']);
  const dialog = page.getByRole('dialog', { name: /^New ticket for/ });
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByLabel(en['newTicket.subject']));
  await page.keyboard.type('Fans run at full speed');
  // "Assign to me" is on; Space turns it off, so the ticket is taken below by its own button.
  await tabTo(page, dialog.getByLabel(en['newTicket.assignToMe']));
  await page.keyboard.press('Space');
  await expect(dialog.getByLabel(en['newTicket.assignToMe'])).not.toBeChecked();
  // Back in the description, Enter is a new line and Ctrl+Enter creates the ticket (the form
  // says so beside its buttons, and its Create button names the keys).
  const description = dialog.getByLabel(en['newTicket.description']);
  await tabTo(page, description, 10, 'Shift+Tab');
  await page.keyboard.type('Since the BIOS update.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Customer on the line.');
  await expect(description).toHaveValue('Since the BIOS update.\nCustomer on the line.');
  await expect(dialog.getByText(en['common.submitKeys'].replace('{keys}', 'Ctrl Enter'))).toBeVisible();
  await expect(dialog.getByRole('button', { name: en['newTicket.submit'] })).toHaveAttribute('aria-keyshortcuts', 'Control+Enter');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page).toHaveURL(/#\/ticket\//);
  await expect(h1).toContainText('Fans run at full speed');
  await expect(h1).toBeFocused();
  await expect(page).toHaveTitle(/Fans run at full speed · Tagdesk$/);

  const actions = page.getByRole('region', { name: en['ticket.actions'] });
  await tabTo(page, actions.getByRole('button', { name: en['action.TAKE'], exact: true }));
  await page.keyboard.press('Enter');
  // Taken, focus goes on to the first thing she can now do (it went back to the heading).
  await expect(actions.getByRole('button', { name: en['action.RESOLVE'], exact: true })).toBeFocused();

  // A dialog closed with Escape gives focus back to the button that opened it.
  const addNote = actions.getByRole('button', { name: en['action.ADD_NOTE'], exact: true });
  await tabTo(page, addNote);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(addNote).toBeFocused();

  await palette(page, 'resolve', en['palette.resolve']);
  const resolveDialog = page.getByRole('dialog', { name: /^Resolve/ });
  await expect(resolveDialog).toBeVisible();
  const code = resolveDialog.getByRole('combobox', { name: en['act.code'] });
  // As a person would, she starts once the dialog has put the caret in it (on the code): it is
  // drawn before Mantine moves focus there, and a Tab pressed before that could be undone by it.
  await expect(code).toBeFocused();
  // Ctrl+Enter from the note, no code chosen: refused as the button's click is, the note kept,
  // focus on the code to choose.
  const resolveNote = resolveDialog.getByLabel(/^Note/);
  await tabTo(page, resolveNote);
  await page.keyboard.type('Fan curve reset in the BIOS with the customer.');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(resolveDialog.getByRole('alert')).toBeVisible();
  await expect(resolveNote).toHaveValue('Fan curve reset in the BIOS with the customer.');
  await expect(code).toBeFocused();
  await page.keyboard.press('ArrowDown');
  // As a person would: Enter once the first choice shows as the one it picks (the list opens
  // on ArrowDown, and marks its first option a moment later; CI once pressed Enter before).
  await expect(page.getByRole('option', { name: en['resolution.fixed_remotely'] })).toHaveAttribute('data-combobox-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(code).toHaveValue(en['resolution.fixed_remotely']);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(resolveDialog).toBeHidden();
  await expect(page.getByText(en['state.resolved'], { exact: true }).first()).toBeVisible();
  // The Resolve button that opened the dialog is gone: focus goes to the heading, not the body.
  await expect(h1).toBeFocused();

  // The knowledge base is a command too (it was reached only through the navigation).
  await palette(page, 'knowledge', en['palette.goKb']);
  await expect(h1).toHaveText(en['kb.title']);
  await expect(h1).toBeFocused();

  await palette(page, 'sign out', en['palette.signOut']);
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  // The sign-in screen's heading has focus (it fell to the body: nothing was read, and Tab
  // started from the window's top).
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeFocused();
});

test('escalated from its button, focus goes on to the action bar, as after Take (it fell to the heading)', async ({ page }) => {
  test.setTimeout(60_000);
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await page.getByRole('button', { name: /^Ava Martin/ }).click();
  const h1 = page.locator('#main h1');
  await expect(h1).toBeFocused();
  await page.keyboard.press('ControlOrMeta+k');
  await page.keyboard.type('7XK2QF1');
  await page.keyboard.press('Enter');
  await expect(h1).toHaveText('Lakeside Unified School District');
  // "Assign to me" is on: the ticket is hers, with Escalate in its action bar.
  await page.getByRole('button', { name: en['customer.newTicket'], exact: true }).click();
  const create = page.getByRole('dialog');
  await create.getByLabel(en['newTicket.subject']).fill('Dock drops the second monitor');
  await create.getByRole('button', { name: en['newTicket.submit'] }).click();
  await expect(page).toHaveURL(/#\/ticket\//);
  await expect(h1).toBeFocused();
  const actions = page.getByRole('region', { name: en['ticket.actions'] });
  await traceFocus(page);
  await tabTo(page, actions.getByRole('button', { name: en['action.ESCALATE'], exact: true }));
  await page.keyboard.press('Enter');
  const escalate = page.getByRole('dialog', { name: /^Escalate/ });
  const reason = escalate.getByRole('combobox', { name: en['act.reason'] });
  await expect(reason).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option').first()).toHaveAttribute('data-combobox-selected', 'true');
  await page.keyboard.press('Enter');
  await tabTo(page, escalate.getByLabel(/^Note/));
  await page.keyboard.type('Needs a dock firmware the first line cannot flash.');
  await traceStep(page, 'Ctrl+Enter sends the escalation');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(escalate).toBeHidden();
  await expect(actions.getByRole('button', { name: en['action.ESCALATE'], exact: true })).toHaveCount(0);
  // Where Take sends it: the first thing she can do with the ticket now (Escalate is gone).
  await expectFocusedTraced(page, actions.getByRole('button').first());
  await expect(h1).not.toBeFocused();
});

test('the palette opens with its first command marked, in the light scheme and the dark (dark marked none until something was typed)', async ({ page }) => {
  test.setTimeout(60_000);
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await page.getByRole('button', { name: /^Ava Martin/ }).click();
  await expect(page.locator('#main h1')).toBeFocused();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    await page.keyboard.press('ControlOrMeta+Shift+P');
    await expect(page.getByRole('textbox', { name: en['palette.open'] })).toBeFocused();
    const first = page.locator('.mantine-Spotlight-content [data-action]').first();
    await expect(marked(page)).toHaveCount(1);
    await expect(first).toHaveAttribute('data-selected', 'true');
    // Drawn as marked: the primary colour behind it, not the list's own background.
    const [marking, list] = await Promise.all([
      first.evaluate((el) => getComputedStyle(el).backgroundColor),
      page.locator('.mantine-Spotlight-content').evaluate((el) => getComputedStyle(el).backgroundColor),
    ]);
    expect(marking).not.toBe(list);
    // ArrowDown goes on to the second, and Enter runs what is marked.
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('.mantine-Spotlight-content [data-action]').nth(1)).toHaveAttribute('data-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: en['palette.open'] })).toHaveCount(0);
  }
});

test('the palette is a named dialog whose "Look up" leaves the caret in the lookup; it opens from a field, and neither it nor Ctrl+K leaves an open dialog', async ({ page }) => {
  test.setTimeout(60_000);
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await page.getByRole('button', { name: /^Ava Martin/ }).click();
  await expect(page.locator('#main h1')).toBeFocused();

  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(page.getByRole('dialog', { name: en['palette.open'] })).toBeVisible();
  // Closed and asked for again at once, while it still fades out: it opens. (A closing dialog
  // is still in the page; the shortcut took it for a dialog open over the page and did
  // nothing until the fade ended, which on a loaded machine took over a second.)
  // Reopened that fast, it starts with an empty search: Mantine clears it only once the fade
  // has ended, and what was typed next went after the last search ("Look up a customernew
  // ticket": no command).
  await page.keyboard.type('zz');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(page.getByRole('textbox', { name: en['palette.open'] })).toBeFocused();
  await expect(page.getByRole('textbox', { name: en['palette.open'] })).toHaveValue('');
  await page.keyboard.type(en['palette.lookup']);
  await expect(marked(page)).toHaveText(en['palette.lookup']);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: en['lookup.label'] })).toBeFocused();
  // Fading out, it is still in the page, after the page's content: nothing in it takes focus. A
  // Tab from the page's last control went into its search field, and when the fade ended focus
  // fell to the page's heading (a CI failure's trace, stop 56).
  expect(
    await page.evaluate(() => {
      const field = document.getElementById('palette-search');
      field?.focus();
      return field !== null && document.activeElement === field;
    }),
  ).toBe(false);

  // A part of the customer's page still loading when the agent Tabs out of the page: held busy
  // here until she has, as a slow part was now and then in CI. Its end pulled focus back to
  // the heading (she had left no trace in the page), and her next Tab went on from there.
  await page.evaluate(() => {
    const watch = new MutationObserver(() => {
      const main = document.getElementById('main');
      if (!main?.querySelector('h1')?.textContent?.includes('Lakeside')) return;
      const slow = document.createElement('div');
      slow.id = 'slow-part';
      slow.setAttribute('aria-busy', 'true');
      main.append(slow);
      watch.disconnect();
    });
    watch.observe(document.body, { childList: true, subtree: true });
  });
  // It failed now and then in CI, never alone: where focus went is recorded for its message.
  await traceFocus(page);
  await page.keyboard.type('7XK2QF1');
  await page.keyboard.press('Enter');
  await expect(page.locator('#main h1')).toHaveText('Lakeside Unified School District');
  await expect(page.locator('#slow-part')).toHaveAttribute('aria-busy', 'true');
  // Tab past the page's last control leaves the page, and the next Tab comes back at its top
  // (the skip link, then the lookup field and the navigation): focus was pulled back to the
  // heading, so Tab went round the page's content and never reached the top bar.
  // The record, drawn after the rest of the page, holds its last controls.
  await expect(page.getByRole('heading', { level: 3, name: en['record.history'] })).toBeVisible();
  await traceStep(page, 'focus on the last control');
  await page.locator('#main a, #main button').last().focus();
  await traceStep(page, 'Tab');
  await page.keyboard.press('Tab');
  // A moment later, as a person presses it (the pull came 50 ms after focus left); meanwhile
  // the slow part is done.
  await page.waitForTimeout(300);
  await traceStep(page, 'the slow part is done');
  await page.evaluate(() => document.getElementById('slow-part')?.remove());
  await page.waitForTimeout(100);
  await traceStep(page, 'Tab');
  await page.keyboard.press('Tab');
  await expectFocusedTraced(page, page.getByRole('link', { name: en['shell.skip'] }));
  await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: en['lookup.label'] })).toBeFocused();
  // "Log a contact" is a command on a customer's page, as "New ticket" is: the form opens with
  // the caret in its notes, and Ctrl+Enter logs it (it was reached only by Tabbing down the page).
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('log a contact');
  await expect(marked(page)).toHaveText(en['palette.logContact']);
  // Under "This customer" (New ticket and it were under "This ticket", on a page with no ticket).
  const group = page.locator('.mantine-Spotlight-actionsGroup').filter({ has: page.locator('[data-action][data-selected]') });
  expect(await group.evaluate((el) => getComputedStyle(el).getPropertyValue('--spotlight-label'))).toBe(`'${en['palette.group.customer']}'`);
  await page.keyboard.press('Enter');
  const logDialog = page.getByRole('dialog', { name: en['logContact.title'].replace('{name}', 'Lakeside Unified School District') });
  await expect(logDialog.getByLabel(en['logContact.notes'])).toBeFocused();
  await page.keyboard.type('Asked when the technician comes.');
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(logDialog).toHaveCount(0);
  await expect(page.getByText(en['logContact.saved'].replace('{name}', 'Lakeside Unified School District'))).toBeVisible();
  // From inside a text field too: with Mantine's own shortcut, Ctrl+Shift+P typed in the
  // lookup field (where an agent's focus is after a lookup) did nothing.
  await page.getByRole('textbox', { name: en['lookup.label'] }).focus();
  await palette(page, 'new ticket', en['palette.newTicket']);
  const dialog = page.getByRole('dialog', { name: /^New ticket for/ });
  await expect(dialog).toBeVisible({ timeout: 10_000 });
  await dialog.getByLabel(en['newTicket.subject']).focus();
  await page.keyboard.press('ControlOrMeta+k');
  // Focus stays in the dialog, not on the lookup field behind its overlay; nor does the
  // palette open on top of it.
  await expect(dialog.getByLabel(en['newTicket.subject'])).toBeFocused();
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(page.getByRole('dialog', { name: en['palette.open'] })).toHaveCount(0);
  await expect(dialog.getByLabel(en['newTicket.subject'])).toBeFocused();
});

test('what is typed straight after Ctrl+Shift+P reaches the palette in order, and Enter runs the command it shows, in English and Persian', async ({ page }) => {
  test.setTimeout(60_000);
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await page.getByRole('button', { name: /^Ava Martin/ }).click();
  await expect(page.locator('#main h1')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+k');
  await page.keyboard.type('7XK2QF1');
  await page.keyboard.press('Enter');
  await expect(page.locator('#main h1')).toHaveText('Lakeside Unified School District');
  await page.getByRole('button', { name: en['customer.newTicket'], exact: true }).click();
  const create = page.getByRole('dialog');
  await create.getByLabel(en['newTicket.subject']).fill('Palette keys typed at once');
  await create.getByRole('button', { name: en['newTicket.submit'] }).click();
  await expect(page).toHaveURL(/#\/ticket\//);
  const actions = page.getByRole('region', { name: en['ticket.actions'] });
  await expect(actions.getByRole('button', { name: en['action.RESOLVE'], exact: true })).toBeVisible();
  // The palette drawn late, as on a busy machine (Mantine draws it on an animation frame, then
  // moves focus into its search). The keys typed meanwhile went to the page: "res" searched for
  // "s", and ArrowDown, Enter opened Escalate; or nothing was typed and nothing ran.
  await page.evaluate(() => {
    window.requestAnimationFrame = (callback) => window.setTimeout(() => callback(performance.now()), 250);
    window.cancelAnimationFrame = (id) => window.clearTimeout(id);
  });
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('res');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const resolve = page.getByRole('dialog', { name: /^Resolve/ });
  await expect(resolve).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(resolve).toBeHidden();
  // Pressed again with the first keys still held (nothing showed yet), then the same search:
  // the palette starts again. The second shortcut did nothing and the search read "resres".
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('res');
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('res');
  await expect(page.getByRole('textbox', { name: en['palette.open'] })).toHaveValue('res');
  await expect(page.getByRole('textbox', { name: en['palette.open'] })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: en['palette.open'] })).toHaveCount(0);

  // In Persian, typed on a Persian layout (each key a character), the same.
  await page.evaluate(() => {
    window.requestAnimationFrame = (callback) => window.setTimeout(() => callback(performance.now()), 16);
  });
  await page.locator('button[aria-haspopup="menu"]').last().click();
  await page.getByRole('menuitem', { name: fa['language.fa'] }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('region', { name: fa['ticket.actions'] })).toBeVisible();
  await page.evaluate(() => {
    window.requestAnimationFrame = (callback) => window.setTimeout(() => callback(performance.now()), 250);
  });
  await page.keyboard.press('ControlOrMeta+Shift+P');
  // Playwright's keyboard knows no Persian keys: each goes as the browser gets it from a Persian layout.
  const cdp = await page.context().newCDPSession(page);
  for (const key of 'حل') {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, text: key, unmodifiedText: key });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key });
  }
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: new RegExp(`^${String(fa['act.title.RESOLVE']).split('{')[0]?.trim()}`) })).toBeVisible();
});

test('a command that redraws the desk in the other language closes the palette, which opens again with an empty search', async ({ page }) => {
  test.setTimeout(60_000);
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await page.getByRole('button', { name: /^Ava Martin/ }).click();
  await expect(page.locator('#main h1')).toHaveText(en['mine.title']);
  // The search was emptied once the palette had been drawn open, after React's other work: a
  // language switch kept the closing palette on screen for most of a second, and the palette
  // asked for again then still held "Switch language", with what was typed after it
  // ("Switch languageEnglish": no command).
  const steps = [
    { to: 'fa', from: en, query: 'switch lang' },
    { to: 'en', from: fa, query: 'English' },
    { to: 'fa', from: en, query: 'switch lang' },
  ] as const;
  await page.keyboard.press('ControlOrMeta+Shift+P');
  for (const { to, from, query } of steps) {
    // Typed straight after the shortcut, as an agent does.
    await page.keyboard.type(query);
    const search = page.getByRole('textbox', { name: from['palette.open'] });
    await expect(search).toHaveValue(query);
    // "Switch language to English", the language's name isolated from the text around it in Persian.
    const [before, after] = from['palette.language'].split('{language}');
    await expect(marked(page)).toHaveText(new RegExp(`^${before}\u2068?${from[`language.${to}`]}\u2069?${after}$`));
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveAttribute('lang', to);
    await expect(page.locator('#main h1')).toHaveText((to === 'fa' ? fa : en)['mine.title']);
    await page.keyboard.press('ControlOrMeta+Shift+P');
  }
  const search = page.getByRole('textbox', { name: fa['palette.open'] });
  await page.keyboard.type('x');
  await expect(search).toHaveValue('x');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: fa['palette.open'] })).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');
  // "Switch user" is a command too, as in the user menu (it was only there): Enter leaves the
  // desk for the sign-in screen, where the next person picks their name.
  await page.keyboard.type('تعویض');
  await expect(marked(page)).toHaveText(fa['user.switch']);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: fa['signIn.title'] })).toBeVisible();
  await expect(page.getByRole('dialog', { name: fa['palette.open'] })).toHaveCount(0);
});

test('switching language redraws the desk in Persian without a reload (time printed)', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await page.getByRole('button', { name: /^Ava Martin/ }).click();
  await expect(page.locator('#main h1')).toHaveText(en['mine.title']);
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

  const samples: number[] = [];
  for (const [to, heading] of [['fa', fa['mine.title']], ['en', en['mine.title']], ['fa', fa['mine.title']], ['en', en['mine.title']], ['fa', fa['mine.title']]] as const) {
    await page.locator('button[aria-haspopup="menu"]').last().click();
    const item = page.getByRole('menuitem', { name: to === 'fa' ? fa['language.fa'] : en['language.en'] });
    await expect(item).toBeVisible();
    const ms = await item.evaluate(async (el, lang) => {
      const started = performance.now();
      (el as HTMLElement).click();
      while (document.documentElement.lang !== lang) await new Promise((r) => setTimeout(r, 0));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - started;
    }, to);
    await expect(page.locator('#main h1')).toHaveText(heading);
    await expect(page.locator('html')).toHaveAttribute('dir', to === 'fa' ? 'rtl' : 'ltr');
    samples.push(ms);
  }
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(JSON.stringify({ name: 'language_switch', n: samples.length, p50_ms: Math.round(sorted[Math.floor(sorted.length / 2)]! * 10) / 10, max_ms: Math.round(sorted.at(-1)! * 10) / 10, reloaded: false, target_ms: 100 }));
});
