import type { Locator } from '@playwright/test';
import { en } from '../src/renderer/i18n/en';
import { fa } from '../src/renderer/i18n/fa';
import { tagToExpressCode } from '../src/shared/serviceTag';
import { expect, test } from './fixtures';
import { signInAs, signInInPersian } from './pages/app';
import { CustomerView } from './pages/customer';
import { TicketView } from './pages/ticket';

// The agent's first move on every call: find the caller. A tag or the Express code keyed
// into the phone menu opens the 360° view with that system marked; a name shared by several
// customers lists them; a malformed query says what is wrong and keeps what was typed.

const LAKESIDE = 'Lakeside Unified School District';

test('a service tag opens the 360° view with the system marked', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('7XK2QF1');
  const customer = new CustomerView(page);
  await customer.expectCustomer(LAKESIDE);
  await customer.expectMatchedSystem('7XK2QF1');
  await expect(page.getByText('+1 512 555 0142').first()).toBeVisible();
  // The customer on screen looked up again (the same caller back): focus goes to the heading,
  // as for any answer; it stayed in the field, and nothing was said.
  await app.lookup('7xk-2qf 1');
  await expect(app.heading(LAKESIDE)).toBeFocused();
  // A ticket opened here is about the system the caller read out.
  const system = page.getByRole('dialog').getByLabel(en['newTicket.system'], { exact: true });
  await customer.newTicketButton.click();
  await expect(system).toHaveValue(/^7XK2QF1 · /);
  await page.keyboard.press('Escape');
  // Found by name, Maria (three systems) had none read out: the form started on her first
  // one (A1LI1AW), and the ticket went to the wrong laptop unless Ava noticed; it starts on none.
  await app.lookup('Maria Gonzalez');
  await customer.expectCustomer('Maria Gonzalez');
  await customer.newTicketButton.click();
  await expect(system).toHaveValue(en['newTicket.noSystem']);
  await page.keyboard.press('Escape');
  // The palette's "New ticket" starts where the button does: on the system read out (it kept
  // "No particular system", or whatever the form had last).
  await app.lookup('HX4P9R2');
  await customer.expectMatchedSystem('HX4P9R2');
  await page.keyboard.press('ControlOrMeta+Shift+P');
  await page.keyboard.type('new ticket');
  await expect(page.locator('.mantine-Spotlight-content [data-action][data-selected]')).toHaveText(en['palette.newTicket']);
  await page.keyboard.press('Enter');
  await expect(system).toHaveValue(/^HX4P9R2 · /);
});

test('a past ticket is found by the words the caller uses', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('7XK2QF1');
  await new CustomerView(page).expectCustomer(LAKESIDE);
  const past = page.getByRole('region', { name: /^Past tickets/ });
  const rows = past.getByRole('row').filter({ has: page.getByRole('link') });
  await expect(rows).toHaveCount(3);
  // "The boot problem we had before": there was no way to ask the list, only to read it.
  const find = past.getByRole('searchbox', { name: en['customer.findPast'] });
  await find.fill('BOOT');
  await expect(rows).toHaveCount(2);
  // Its heading says how many of them it shows (it kept "(3)").
  await expect(past.getByRole('heading', { name: 'Past tickets (2 of 3)' })).toBeVisible();
  await expect(rows.first()).toContainText('Cannot boot');
  await find.fill('wifi');
  await expect(rows).toHaveText([/T-000001.*Wi-Fi drops/]);
  await find.fill('printer');
  await expect(past.getByText(en['customer.noPastMatch'].replace('{query}', 'printer'))).toBeVisible();
  // The next caller's list starts whole, not filtered by the last caller's words.
  await app.lookup('HX4P9R2');
  await new CustomerView(page).expectCustomer('Maria Gonzalez');
  await expect(past.getByRole('row').filter({ has: page.getByRole('link') })).toHaveCount(1);
});

test('an Express Service Code finds the same system', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup(tagToExpressCode('7XK2QF1'));
  const customer = new CustomerView(page);
  await customer.expectCustomer(LAKESIDE);
  await customer.expectMatchedSystem('7XK2QF1');
  // One digit keyed wrong: Lakeside is offered, saying what was typed and the code it is one
  // digit from, for Ava to confirm with the caller; never opened by itself (it found nothing).
  const code = tagToExpressCode('7XK2QF1');
  const typed = code.slice(0, 4) + String((Number(code[4]) + 1) % 10) + code.slice(5);
  await app.lookup(typed);
  await expect(page.getByRole('main')).toContainText(`you typed ${typed}; the code that differs by one digit is ${code}`);
  await expect(page.getByRole('link', { name: LAKESIDE })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: LAKESIDE })).toHaveCount(0);
});

test('Ctrl+K reaches the lookup field from anywhere', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await app.goToQueues();
  await page.keyboard.press('Control+k');
  await expect(app.lookupField).toBeFocused();
  await page.keyboard.type('HX4P9R2');
  await page.keyboard.press('Enter');
  const customer = new CustomerView(page);
  await customer.expectCustomer('Maria Gonzalez');
  // Back and Forward between two lookups: the field says the query of the page shown (it kept
  // the last one typed, 7XK2QF1 over Maria's page), and what is typed on a page stays typed.
  // (The address bar follows once the browser is idle: each page its own entry first.)
  await expect(page).toHaveURL(/#\/customer\//);
  const maria = page.url();
  await app.lookup('7XK2QF1');
  await customer.expectCustomer(LAKESIDE);
  await expect(page).not.toHaveURL(maria);
  await page.goBack();
  await customer.expectCustomer('Maria Gonzalez');
  await expect(app.lookupField).toHaveValue('HX4P9R2');
  await app.lookupField.fill('Jord');
  await page.keyboard.press('Control+k');
  await expect(app.lookupField).toHaveValue('Jord');
  await page.goForward();
  await customer.expectCustomer(LAKESIDE);
  await expect(app.lookupField).toHaveValue('7XK2QF1');
});

test('a name several customers share lists every candidate', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('Jordan');
  await expect(app.heading(/Jordan/)).toBeVisible();
  // The heading is drawn before the candidates arrive: wait for them, then count.
  const rows = page.getByRole('row').filter({ hasText: en['matchedBy.name'] });
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
  const first = rows.first().getByRole('link');
  const name = (await first.textContent()) ?? '';
  expect(name).toMatch(/^Jordan/);
  // What the typed word matched is marked; the link is still named by the whole name.
  await expect(first.locator('mark')).toHaveText(['Jordan']);
  await expect(first).toHaveAccessibleName(name);
  // Opened from the keyboard, then Back (the wrong Jordan): focus is on that name again, for
  // the next one down the list (it went to the page's heading).
  await first.focus();
  await page.keyboard.press('Enter');
  await new CustomerView(page).expectCustomer(name);
  await page.goBack();
  await expect(first).toBeFocused();
  await first.click();
  await new CustomerView(page).expectCustomer(name);
  // A word more than 20 names share: the list says it holds only the first 20 (it said "20 customers match").
  await app.lookup('and');
  await expect(page.getByText(en['candidates.countMore'].replaceAll('{count}', '20'))).toBeVisible();
  // Each segment's badge whole: beside long names and emails it read "Large enterp…".
  const badges = page.getByRole('main').getByText(en['segment.large_enterprise'], { exact: true }).locator('visible=true');
  await expect.poll(() => badges.count()).toBeGreaterThan(0);
  expect(await badges.evaluateAll((all) => all.filter((el) => el.scrollWidth > el.clientWidth).length)).toBe(0);
});

test('a language picked on the sign-in screen is taken by the one who signs in next, over the one remembered for them', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await app.openUserMenu();
  await page.getByRole('menuitem', { name: en['user.switch'] }).click();
  await page.getByText(fa['language.fa'], { exact: true }).click();
  await page.getByRole('button', { name: /^Ava Martin/ }).click();
  // Ava had English remembered from her first sign-in: it came back over the Persian just picked.
  await expect(page.getByRole('textbox', { name: fa['lookup.label'] })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('in Persian, candidates found by a shared phone or email say so in Persian, the value in its own order', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
  await page.getByText(fa['language.fa'], { exact: true }).click();
  await page.getByRole('button', { name: /^Ava Martin/ }).click();
  const field = page.getByRole('textbox', { name: fa['lookup.label'] });
  for (const [query, key, value] of [
    ['+14155559792', 'candidates.detail.phone', 'phone'],
    ['parisa.ahmadi@example.com', 'candidates.detail.email', 'email'],
  ] as const) {
    await field.fill(query);
    await field.press('Enter');
    const rows = page.getByRole('row').filter({ has: page.getByTestId('candidate-contact') }).filter({ hasText: fa[`matchedBy.${value}`] });
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    // The desk's English ("Phone +1…") is said with the reader's words; the value, isolated, keeps its order.
    const detail = rows.first().getByTestId('matched-detail').locator('bdi').first();
    await expect(detail).toHaveText(fa[key].replace(`{${value}}`, `\u2068${value === 'phone' ? '+1 415 555 9792' : query}\u2069`));
    await expect(rows.first()).not.toContainText(value === 'phone' ? 'Phone' : 'Email');
    // Each candidate's own phone, as the 360° view shows it, left to right.
    const phone = rows.first().getByTestId('candidate-contact').locator('bdi[dir="ltr"]').first();
    await expect(phone).toHaveText(/^\+\d{1,3}( \d+)+$/);
  }
});

test('customers sharing an email are told apart: phone, systems and last contact on every row', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('parisa.ahmadi@example.com');
  const rows = page.getByRole('row').filter({ has: page.getByTestId('candidate-contact') }).filter({ hasText: en['matchedBy.email'] });
  await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
  const seen = new Set<string>();
  for (const row of await rows.all()) {
    const contact = row.getByTestId('candidate-contact');
    // A phone as the 360° view shows it (+1 303 555 5726), never raw E.164 (+13035555726).
    await expect(contact.locator('bdi[dir="ltr"]').first()).toHaveText(/^\+\d{1,3}( \d+)+$/);
    await expect(contact).toContainText('parisa.ahmadi@example.com');
    await expect(row.getByTestId('candidate-systems')).toHaveText(/^\d+$/);
    await expect(row.getByTestId('candidate-last-contact')).not.toBeEmpty();
    seen.add([await row.getByRole('link').first().textContent(), await contact.textContent(), await row.getByTestId('candidate-systems').textContent(), await row.getByTestId('candidate-last-contact').textContent()].join('|'));
  }
  expect(seen.size).toBe(await rows.count());
  await expect(page.getByRole('table')).not.toContainText(/\+\d{8,}/);
});

for (const lang of ['en', 'fa'] as const) {
  test(`on a 420 px window the 360° view fits, its tables in their boxes and the page never sideways (${lang})`, async ({ page }) => {
    // The words a cell keeps for screen readers are positioned absolutely; with no positioned
    // box between them and the page they hung outside the table's scroll box, and the page
    // scrolled sideways by 143 px (in Persian, the New ticket dialog then opened half off screen).
    await page.setViewportSize({ width: 420, height: 900 });
    await expect(page.getByRole('heading', { level: 1, name: en['signIn.title'] })).toBeVisible();
    if (lang === 'fa') await page.getByText(fa['language.fa'], { exact: true }).click();
    await page.getByRole('button', { name: /^Ava Martin/ }).click();
    const field = page.getByRole('textbox', { name: (lang === 'fa' ? fa : en)['lookup.label'] });
    // Its hint fits the field (the full one was cut to "Service tag, Express code, phone").
    // Measured in the field's own font, from its longhands (canvasFont in lookupHint.ts: the
    // computed `font` shorthand is "" here, and a canvas given it measured in 10 px sans-serif).
    const hintFits = await field.evaluate((el: HTMLInputElement) => {
      const style = getComputedStyle(el);
      const text = document.createElement('canvas').getContext('2d')!;
      text.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return text.measureText(el.placeholder).width <= el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    });
    expect(hintFits).toBe(true);
    // Two Jordans: each one's phone and email, which tell them apart, show inside the window
    // (they were off the side of the list's box, behind a sideways scroll).
    await field.fill('Jordan');
    await field.press('Enter');
    for (const email of ['jordan.lee@example.com', 'jordan.patel@example.com']) {
      const shown = page.getByText(email, { exact: true }).locator('visible=true');
      await expect(shown).toHaveCount(1);
      const b = (await shown.boundingBox())!;
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width, email).toBeLessThanOrEqual(420);
      const box = await shown.evaluate((el) => { const s = el.closest('table')!.parentElement!; return s.scrollWidth - s.clientWidth; });
      expect(box, email).toBeLessThanOrEqual(1);
    }
    await field.fill('7XK2QF1');
    await field.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: LAKESIDE })).toBeVisible();
    // The customer's language by its name in the reader's language, not its code ("en-US").
    const language = new Intl.DisplayNames([lang], { type: 'language' }).of('en-US')!;
    await expect(page.getByRole('main').getByText(language, { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText('en-US');
    // No table of the page is wider than its box any more (the last was the record's systems).
    await expect(page.locator('main [data-overflow]')).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    // Its ticket lists fit their boxes: the state, priority and SLA go under the subject, which
    // was cut to "Keyboard keys…" with the rest off the box's side.
    // So does its list of systems: each one's warranty and its status ("Expired") under the
    // product, where they were off the side of the box.
    const systems = page.locator('section[aria-labelledby="systems"]');
    const status = systems.getByRole('row', { name: /7XK2QF1/ }).getByText((lang === 'fa' ? fa : en)['warranty.expired'], { exact: true }).locator('visible=true');
    await expect(status).toHaveCount(1);
    const where = (await status.boundingBox())!;
    expect(where.x).toBeGreaterThanOrEqual(0);
    expect(where.x + where.width).toBeLessThanOrEqual(420);
    expect(await systems.evaluate((s) => s.querySelector('table')!.getBoundingClientRect().width - s.clientWidth)).toBeLessThanOrEqual(1);
    // The record's systems (tag, product, actions): each one's actions button inside the window
    // (it was behind a sideways scroll of 58 px, in Persian off the left edge).
    const actions = page.getByRole('button', { name: (lang === 'fa' ? fa : en)['record.systemActions'].replace('{tag}', lang === 'fa' ? '\u20687XK2QF1\u2069' : '7XK2QF1') });
    const at = (await actions.boundingBox())!;
    expect(at.x).toBeGreaterThanOrEqual(0);
    expect(at.x + at.width).toBeLessThanOrEqual(420);
    expect(await actions.evaluate((el) => { const s = el.closest('.mantine-TableScrollContainer-scrollContainer')!; return s.scrollWidth - s.clientWidth; })).toBeLessThanOrEqual(1);
    for (const id of ['open-tickets', 'past-tickets']) {
      const section = page.locator(`section[aria-labelledby="${id}"]`);
      await expect(section.locator('[class*="underBadges"]').first()).toBeVisible();
      const spill = await section.evaluate((s) => s.querySelector('table')!.getBoundingClientRect().width - s.clientWidth);
      expect(spill, id).toBeLessThanOrEqual(1);
    }
    // The New ticket dialog opens inside the window, each priority whole (English's "Low" was cut).
    await page.getByRole('button', { name: (lang === 'fa' ? fa : en)['customer.newTicket'] }).first().click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(420);
    // The priority's caption looks like the other fields' labels (it was lighter than Subject's).
    const d = lang === 'fa' ? fa : en;
    const weightOf = (label: Locator) => label.evaluate((el) => getComputedStyle(el).fontWeight);
    expect(await weightOf(dialog.locator('#new-ticket-priority'))).toBe(await weightOf(dialog.locator('label').filter({ hasText: d['newTicket.subject'] }).first()));
    const priorities = dialog.locator('.mantine-SegmentedControl-root');
    const cut = await priorities.evaluate((root) => {
      const r = root.getBoundingClientRect();
      return [...root.querySelectorAll('label')].filter((l) => { const b = l.getBoundingClientRect(); return b.left < r.left - 0.5 || b.right > r.right + 0.5; }).map((l) => l.textContent);
    });
    expect(cut).toEqual([]);
  });
}

test('a malformed query gets its message and keeps the text', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('12AB');
  const alert = page.getByRole('alert').filter({ hasText: 'is not a service tag' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('7 letters or digits');
  await expect(app.lookupField).toHaveValue('12AB');
  await expect(app.heading(en['mine.title'])).toBeVisible();
});

test('a tag found nowhere: Tab from the field reaches "register it" and Dismiss, and Escape there goes back to the field with the tag kept', async ({ page }) => {
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('7XK2QF0');
  const message = page.getByRole('alert').filter({ hasText: en['lookup.noneTitle'] });
  await expect(message).toBeVisible();
  await expect(app.lookupField).toBeFocused();
  // The message was drawn at the end of the page: Tab went on to the navigation.
  await page.keyboard.press('Tab');
  await expect(message.getByRole('link', { name: en['record.registerTag'].replace('{tag}', '7XK2QF0') })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(app.lookupField).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(message.getByRole('button', { name: en['common.dismiss'] })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(message).toBeHidden();
  await expect(app.lookupField).toBeFocused();
  await expect(app.lookupField).toHaveValue('7XK2QF0');
});

test('in Persian at 420 px, a ticket number read out with a space opens it, and nothing found says in Persian what was tried, in its box; a missing ticket offers no registering', async ({ page }) => {
  await page.setViewportSize({ width: 420, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await signInInPersian(page, 'Ava Martin');
  const field = page.getByRole('textbox', { name: fa['lookup.label'] });
  // "T 000123" was read as the service tag T000123: nothing found, and an offer to register that tag.
  await field.fill('T 000123');
  await field.press('Enter');
  await expect(page.getByTestId('looked-up-ticket')).toContainText('T-000123');
  // Read out as a plain number, in Persian digits: tried as a ticket too, and opened (it was
  // tried only as an Express Service Code and a phone: nothing found).
  await field.fill('۱۲۴');
  await field.press('Enter');
  await expect(page.getByTestId('looked-up-ticket')).toContainText('T-000124');
  // It said only «(415) 555-0100» چیزی پیدا نشد (the English said it was tried as a code and a phone).
  await field.fill('(415) 555-0100');
  await field.press('Enter');
  const message = page.getByRole('alert').filter({ hasText: fa['lookup.noneTitle'] });
  await expect(message).toContainText(fa['lookup.tried.express'].replace('{code}', '4155550100'));
  await expect(message).toContainText(fa['lookup.tried.phone'].replace('{phone}', '\u2068+1 415 555 0100\u2069'));
  // In Persian but for the name of the customer whose 360° view is behind it (the ticket's).
  await expect(message.getByTestId('lookup-behind')).toBeVisible();
  const said = await message.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelector('[data-testid="lookup-behind"]')?.remove();
    return copy.textContent ?? '';
  });
  expect(said).not.toMatch(/[A-Za-z]{2,}/);
  await expect(field).toBeFocused();
  // A ticket number found nowhere: no such ticket, and no offer to register a caller (it said
  // "No customer found" with "Register a new customer").
  await field.fill('T-999999');
  await field.press('Enter');
  const noTicket = page.getByRole('alert').filter({ hasText: fa['lookup.noTicketTitle'] });
  await expect(noTicket).toContainText(fa['lookup.tried.ticket'].replace('{number}', '\u2068T-999999\u2069'));
  await expect(noTicket.getByRole('link')).toHaveCount(0);
  // A long word breaks inside the message's box: 38 letters unbroken ran 61 px past it.
  await field.fill('Zzyzxwvutsrqponmlkjihgfedcbazyxwvutsrq');
  await field.press('Enter');
  const long = page.locator('#lookup-message');
  await expect(long).toContainText(fa['lookup.noneTitle']);
  await expect(long.getByRole('link', { name: fa['record.registerNew'] })).toBeVisible();
  expect(await long.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  // Registered with half a phone number: the example country code reads «+44», the plus left of
  // its digits (it read «44+», the sign drawn in the sentence's direction).
  await long.getByRole('link', { name: fa['record.registerNew'] }).click();
  await page.getByLabel(fa['customer.phone']).fill('415 55');
  await page.getByRole('button', { name: fa['record.register'], exact: true }).click();
  const error = page.locator('.mantine-InputWrapper-error').filter({ hasText: '44' });
  const [plus, four] = await error.evaluate((el) => {
    const text = el.firstChild!;
    const i = text.textContent!.indexOf('+');
    const left = (k: number) => {
      const r = document.createRange();
      r.setStart(text, k);
      r.setEnd(text, k + 1);
      return r.getBoundingClientRect().left;
    };
    return [left(i), left(i + 1)];
  });
  expect(plus).toBeLessThan(four);
});

test('in Persian, a customer another team serves is said so in Persian, with no offer to register them again', async ({ page }) => {
  // Ben Okafor works education and government; Maria Gonzalez and both Jordans are home customers.
  await signInInPersian(page, 'Ben Okafor');
  const field = page.getByRole('textbox', { name: fa['lookup.label'] });
  await field.fill('HX4P9R2');
  await field.press('Enter');
  // It read "No customer found", the desk's English, and "No customer has the tag HX4P9R2: register it".
  const message = page.getByRole('alert').filter({ hasText: fa['lookup.otherTeamTitle'] });
  await expect(message).toContainText(fa['lookup.msg.otherTeam'].replace('{name}', '\u2068Maria Gonzalez\u2069').replace('{segment}', fa['segment.home']));
  await expect(message.getByRole('link')).toHaveCount(0);
  await expect(field).toBeFocused();
  // Every Jordan another team's: said under the field (it opened a page saying "0 customers match. Choose one").
  await field.fill('Jordan');
  await field.press('Enter');
  await expect(message).toContainText(fa['segment.home']);
  await expect(message).not.toContainText('served by');
  await expect(page.locator('#main h1')).not.toContainText('Jordan');
});

// The repeat caller: Maria rings again about the laptop that will not boot, and another agent
// answers. The ticket already open on it is said at the top of her view, with who holds it and
// the last thing done; New ticket on that laptop says so too, with the way to it, where Chloé
// had opened a second ticket on the same fault. Resolved, and the fault back, it offers that one.
test('the repeat caller: the ticket open on the system she reads out is said at once, and a second one is warned of', async ({ page }) => {
  test.slow(); // two people, a ticket made and resolved
  const app = await signInAs(page, 'Ava Martin');
  await app.lookup('HX4P9R2');
  const customer = new CustomerView(page);
  await customer.expectCustomer('Maria Gonzalez');
  await expect(page.getByTestId('open-on-system')).toHaveCount(0);
  await customer.createTicket({ subject: 'Laptop will not boot', description: 'Power light on, black screen.' });
  const ticket = new TicketView(page);
  await expect(ticket.heading('Laptop will not boot')).toBeVisible();
  // The address is written when the browser is idle, after the heading shows.
  await expect(page).toHaveURL(/#\/ticket\//);
  const ticketUrl = page.url();

  await app.switchUser('Chloé Dubois');
  await app.lookup(tagToExpressCode('HX4P9R2'));
  await customer.expectCustomer('Maria Gonzalez');
  const open = page.getByRole('region', { name: 'Open ticket on HX4P9R2' });
  await expect(open).toContainText('Laptop will not boot');
  await expect(open).toContainText('Ava Martin');
  await expect(open).toContainText(/Last: Opened T-\d+: Laptop will not boot \(Ava Martin, /);
  const number = (await open.getByRole('link').textContent())!.replace(/^Open /, '');
  await customer.newTicketButton.click();
  const dialog = page.getByRole('dialog');
  const warning = dialog.getByTestId('same-system');
  await expect(warning).toContainText('HX4P9R2 already has an open ticket');
  await expect(warning).toContainText(`${number} · Laptop will not boot`);
  // Another of her laptops has no ticket: nothing said there.
  await dialog.getByLabel(en['newTicket.system'], { exact: true }).click();
  await page.getByRole('option', { name: /^A1LI1AW/ }).click();
  await expect(warning).toHaveCount(0);
  await dialog.getByLabel(en['newTicket.system'], { exact: true }).click();
  await page.getByRole('option', { name: /^HX4P9R2/ }).click();
  await warning.getByRole('button', { name: `Go to ${number}` }).click();
  await expect(dialog).toBeHidden();
  await expect(ticket.heading('Laptop will not boot')).toBeVisible();
  await expect(page).toHaveURL(ticketUrl);

  // Resolved; a week later it is back.
  await app.switchUser('Ava Martin');
  await ticket.resolve('fixed_remotely', 'Reseated the memory; it boots.');
  await app.lookup('HX4P9R2');
  await customer.expectCustomer('Maria Gonzalez');
  await expect(page.getByTestId('open-on-system')).toHaveCount(0);
  await customer.newTicketButton.click();
  await expect(dialog.getByTestId('same-system')).toContainText(`${number} on HX4P9R2 was resolved`);
  await expect(dialog.getByTestId('same-system').getByRole('button', { name: `Go to ${number}` })).toBeVisible();
});
